import "server-only";
import { SESSION_KIND_LABEL } from "@/lib/domain/core/format";
import { type BusyBlock, findConflicts } from "@/lib/domain/scheduling/conflicts";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import type { Tx } from "@/lib/server/core/db";

type Person = { id: string; label: string };
export type SchedulingParty = { therapist: Person; prescriber: Person | null; clients: Person[] };
export type Slot = { key: string; kind: string; startsAt: Date; endsAt: Date };
export type SlotConflict = { key: string; conflicts: { who: string; what: string }[] };

/**
 * Everyone's existing commitments between `from` and `to`: sessions the
 * therapist or prescriber run, and any session of a series the clients are in.
 * `ignoreSessionIds` leaves out sessions being moved. One query.
 */
export async function busyBlocks(
  tx: Tx,
  party: SchedulingParty,
  from: Date,
  to: Date,
  ignoreSessionIds: string[] = [],
): Promise<BusyBlock[]> {
  const clinicianIds = [party.therapist.id, ...(party.prescriber ? [party.prescriber.id] : [])];
  const clientIds = party.clients.map((c) => c.id);
  const sessions = await tx.session.findMany({
    where: {
      id: { notIn: ignoreSessionIds },
      deletedAt: null,
      status: { notIn: ["CANCELLED", "NO_SHOW"] },
      startsAt: { lt: to },
      endsAt: { gt: from },
      OR: [
        { clinicianId: { in: clinicianIds } },
        { series: { therapistId: party.therapist.id, deletedAt: null } },
        { series: { deletedAt: null, participants: { some: { clientId: { in: clientIds } } } } },
      ],
    },
    select: {
      startsAt: true,
      endsAt: true,
      kind: true,
      clinicianId: true,
      series: {
        select: {
          therapistId: true,
          participants: {
            select: {
              client: {
                select: clientNameSelect,
              },
            },
          },
        },
      },
    },
  });
  const labels = partyLabels(party);
  const blocks: BusyBlock[] = [];
  for (const s of sessions) {
    const what = `${SESSION_KIND_LABEL[s.kind] ?? s.kind} session`;
    const involved = new Set<string>([
      s.clinicianId,
      s.series.therapistId,
      ...s.series.participants.map((p) => p.client.id),
    ]);
    for (const who of involved) {
      const whoLabel = labels.get(who);
      if (whoLabel) blocks.push({ who, whoLabel, what, startsAt: s.startsAt, endsAt: s.endsAt });
    }
  }
  return blocks;
}

/** The names of the people being scheduled, by id. */
function partyLabels(party: SchedulingParty) {
  return new Map<string, string>([
    [party.therapist.id, party.therapist.label],
    ...(party.prescriber ? [[party.prescriber.id, party.prescriber.label] as const] : []),
    ...party.clients.map((c) => [c.id, c.label] as const),
  ]);
}

/** Who must be free for a session of this kind: the clients, and the therapist or the prescriber. */
function attendees(kind: string, party: SchedulingParty): string[] {
  const clinician = kind === "FOLLOW_UP" ? party.prescriber?.id : party.therapist.id;
  return [...(clinician ? [clinician] : []), ...party.clients.map((c) => c.id)];
}

/** Each slot's clashes with existing commitments and with the other slots of the same plan. */
export function conflictsFor(slots: Slot[], busy: BusyBlock[], party: SchedulingParty): SlotConflict[] {
  const labels = partyLabels(party);
  return slots.map((slot) => {
    const needed = new Set(attendees(slot.kind, party));
    const others: BusyBlock[] = slots
      .filter((o) => o.key !== slot.key)
      .flatMap((o) =>
        attendees(o.kind, party).map((who) => ({
          who,
          whoLabel: who,
          what: `another session of this plan (${SESSION_KIND_LABEL[o.kind] ?? o.kind})`,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
        })),
      );
    const relevant = [...busy, ...others].filter((b) => needed.has(b.who));
    const [result] = findConflicts(
      [{ key: slot.key, startsAt: slot.startsAt, endsAt: slot.endsAt }],
      relevant,
    );
    return {
      key: slot.key,
      conflicts: (result?.conflicts ?? []).map((c) => ({
        who: labels.get(c.who) ?? c.whoLabel,
        what: c.what,
      })),
    };
  });
}

/** Serialises scheduling for these people until the transaction ends, across app instances. */
export async function lockScheduling(tx: Tx, ids: string[]) {
  for (const id of [...new Set(ids)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`schedule:${id}`}))`;
  }
}
