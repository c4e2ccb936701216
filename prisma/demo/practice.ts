import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { db, Tx } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import demo from "../demo-accounts.json" with { type: "json" };
import { atDomain, DEMO_PLACE, type DemoPlace } from "./accounts";
import { DEMO_CLIENTS, type DemoClient } from "./clients";
import { loadDemoIntakes } from "./intake";
import { loadDemoSeries } from "./series";

type Prisma = ReturnType<typeof db>;
export type StaffIds = Record<string, string>;
type ClientRef = {
  id: string;
  dateOfBirth: Date;
  userId: string | null;
  legalFirstName: string;
  legalLastName: string;
};

/** 31 December of the year after next: the demo's licences stay current whenever it is loaded. */
const demoLicenceExpiry = () => new Date(Date.UTC(new Date().getUTCFullYear() + 2, 11, 31));

/**
 * The demo practice: staff, clients at every stage, care teams, screenings and series.
 * By default the one of `npm run dev` and the README; another `place` loads a copy of it
 * under its own slug, whose sign-in addresses use its own domain (same password).
 */
export async function loadDemoPractice(prisma: Prisma, place: DemoPlace = DEMO_PLACE) {
  const passwordHash = await hashPassword(demo.password);
  const email = (address: string) => atDomain(address, place.emailDomain);
  await prisma.$transaction(
    async (tx) => {
      const practice = await tx.practice.create({
        data: { slug: place.slug, name: demo.practice.name, timeZone: demo.practice.timeZone },
      });
      const staff: StaffIds = {};
      for (const s of demo.staff) {
        const user = await tx.user.create({
          data: {
            practiceId: practice.id,
            email: email(s.email),
            name: s.name,
            role: s.role as "ADMIN",
            passwordHash,
            staffProfile: {
              create: {
                credentials: s.credentials ?? null,
                npi: s.npi ?? null,
                // Every demo licence is current: it expires at the end of the year after next.
                licences: {
                  create: (s.licenseStates ?? []).map((state) => ({ state, expiresAt: demoLicenceExpiry() })),
                },
              },
            },
          },
        });
        staff[s.key] = user.id;
      }
      const clients: Record<string, ClientRef> = {};
      for (const c of DEMO_CLIENTS) {
        clients[c.key] = await createDemoClient(tx, practice.id, staff, c, passwordHash, email);
      }
      const intakes = await loadDemoIntakes(tx, practice.id, clients);
      const ids = Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, c.id]));
      await loadDemoSeries(tx, practice, staff, ids, intakes);
    },
    { timeout: 60_000 },
  );
}

async function createDemoClient(
  tx: Tx,
  practiceId: string,
  staff: StaffIds,
  c: DemoClient,
  passwordHash: string,
  email: (address: string) => string,
): Promise<ClientRef> {
  const therapistId = staff[c.therapist];
  const prescriberId = c.prescriber ? staff[c.prescriber] : undefined;
  if (!therapistId) throw new Error(`unknown therapist ${c.therapist}`);
  const user = c.email
    ? await tx.user.create({
        data: {
          practiceId,
          email: email(c.email),
          name: `${c.first} ${c.last}`,
          role: "CLIENT",
          passwordHash,
        },
      })
    : null;
  const client = await tx.client.create({
    data: {
      practiceId,
      userId: user?.id,
      legalFirstName: c.first,
      legalLastName: c.last,
      pronouns: c.pronouns,
      dateOfBirth: new Date(`${c.dob}T00:00:00Z`),
      state: c.state,
      email: c.email ? email(c.email) : `${c.first.toLowerCase()}.${c.last.toLowerCase()}@mail.example`,
      phone: `(555) 010-${String(1000 + DEMO_CLIENTS.indexOf(c)).slice(-4)}`,
      stage: c.stage,
      createdById: therapistId,
      careTeam: {
        create: [
          { userId: therapistId, role: "PRIMARY_THERAPIST" },
          ...(prescriberId ? [{ userId: prescriberId, role: "PRESCRIBER" as const }] : []),
        ],
      },
    },
  });
  if (c.stage === "INVITED") {
    await tx.invitation.create({
      data: {
        practiceId,
        kind: "CLIENT",
        email: client.email,
        name: c.first,
        role: "CLIENT",
        clientId: client.id,
        // Nobody knows this token; an admin can resend a fresh link from Invitations.
        tokenHash: hashToken(randomBytes(32).toString("base64url")),
        expiresAt: new Date(Date.now() + 5 * 86_400_000),
        invitedById: therapistId,
      },
    });
  }
  return client;
}
