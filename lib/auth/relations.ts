/**
 * Relationship checks: which client records an actor may touch at all. The
 * permission table (./permissions.ts) says what a role may do; these say to whom.
 * They are Prisma `where` fragments so that scoping happens inside the query.
 */
import type { CareTeamRole, Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import type { Role } from "./permissions";

const NOTHING: Prisma.ClientWhereInput = { id: { in: [] } };

/**
 * The care-team roles that fit a user's role. A membership held in another role
 * (say, joined as prescriber by someone who is now a therapist) opens nothing: a
 * role change also ends such memberships (`changeUserRole`, lib/server/admin/users.ts),
 * and this check holds even for a row that was missed.
 */
export function careTeamRolesFor(role: Role | string): CareTeamRole[] {
  switch (role) {
    case "THERAPIST":
      return ["PRIMARY_THERAPIST", "THERAPIST"];
    case "PRESCRIBER":
      return ["PRESCRIBER"];
    default:
      return [];
  }
}

/** The actor's own, current care-team memberships that fit their role. */
export function careTeamMembership(actor: Pick<Actor, "userId" | "role">): Prisma.CareTeamMemberWhereInput {
  return { userId: actor.userId, removedAt: null, role: { in: careTeamRolesFor(actor.role) } };
}

/** Clients this actor may see: admins the practice; clinicians their care team;
 *  clients themselves. Prescribers reach clients awaiting screening only through
 *  `screeningReviewScope`, for the screening itself, until they join the care team. */
export function clientScope(actor: Actor): Prisma.ClientWhereInput {
  const base: Prisma.ClientWhereInput = { practiceId: actor.practiceId, deletedAt: null };
  const onCareTeam: Prisma.ClientWhereInput = { careTeam: { some: careTeamMembership(actor) } };
  switch (actor.role) {
    case "ADMIN":
      return base;
    case "THERAPIST":
      return { ...base, ...onCareTeam };
    case "PRESCRIBER":
      return { ...base, ...onCareTeam };
    case "CLIENT":
      return { ...base, userId: actor.userId };
    default:
      return NOTHING;
  }
}

/**
 * Clients whose screening this actor may review: everyone in `clientScope`, and
 * for prescribers also anyone in the practice with a screening awaiting review
 * (the practice's queue). Only the screening review reads use this; the rest of
 * the client's record opens once the prescriber is on the care team (deciding adds them).
 */
export function screeningReviewScope(actor: Actor): Prisma.ClientWhereInput {
  if (actor.role !== "PRESCRIBER") return clientScope(actor);
  return {
    practiceId: actor.practiceId,
    deletedAt: null,
    OR: [
      { careTeam: { some: careTeamMembership(actor) } },
      { screenings: { some: { status: "AWAITING_REVIEW" } } },
    ],
  };
}

/** Same scope for a record that belongs to a client (`{ client: clientScope }`). */
export function ownedByVisibleClient(actor: Actor): { client: Prisma.ClientWhereInput } {
  return { client: clientScope(actor) };
}

/**
 * Series the actor may see: staff need every participant in their reach (a
 * couple's series shows both partners); a client sees the series they are in.
 */
export function seriesScope(actor: Actor): Prisma.SeriesWhereInput {
  const scope = clientScope(actor);
  return {
    practiceId: actor.practiceId,
    deletedAt: null,
    participants: actor.role === "CLIENT" ? { some: { client: scope } } : { every: { client: scope } },
  };
}

/** Sessions the actor may see: not deleted, of a series in `seriesScope`. */
export function sessionScope(actor: Actor): Prisma.SessionWhereInput {
  return { deletedAt: null, series: seriesScope(actor) };
}
