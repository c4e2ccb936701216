/**
 * The one permission table: role → what it may do, per resource. Anything not
 * listed is denied, and so is an unknown role or action. Which *records* an
 * allowed role may touch (care team, own record) is decided in ./relations.ts.
 */
export const ROLES = ["ADMIN", "THERAPIST", "PRESCRIBER", "CLIENT"] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ["ADMIN", "THERAPIST", "PRESCRIBER"];
export const CLINICIAN_ROLES: readonly Role[] = ["THERAPIST", "PRESCRIBER"];

const table = {
  ADMIN: {
    client: ["list", "read", "create", "update", "invite"],
    careTeam: ["manage"],
    user: ["list", "read", "manage"],
    invitation: ["list", "create", "revoke"],
    consentDocument: ["read", "publish"],
    protocolTemplate: ["read", "manage"],
    noteTemplate: ["read", "manage"],
    settings: ["read", "manage"],
    audit: ["read"],
  },
  THERAPIST: {
    client: ["list", "read", "create", "update", "invite"],
    invitation: ["create"],
    intake: ["read"],
    measure: ["read", "administer"],
    consentDocument: ["read"],
    consent: ["read"],
    screening: ["read"],
    safetyFlag: ["read", "review", "raise"],
    informationRequest: ["answer"],
    series: ["read", "schedule"],
    session: ["read", "update"],
    protocolTemplate: ["read"],
    dosingOrder: ["read"],
    dosingRecord: ["read", "write"],
    note: ["read", "write", "sign"],
    privateNote: ["read", "write"],
    noteTemplate: ["read"],
  },
  PRESCRIBER: {
    client: ["list", "read"],
    intake: ["read"],
    measure: ["read", "administer"],
    consentDocument: ["read"],
    consent: ["read"],
    screening: ["read", "queue", "decide", "revisit"],
    safetyFlag: ["read", "review", "raise"],
    series: ["read"],
    session: ["read"],
    protocolTemplate: ["read"],
    dosingOrder: ["read", "write"],
    dosingRecord: ["read", "override", "sign"],
    note: ["read"],
  },
  CLIENT: {
    client: ["read"],
    intake: ["read", "write"],
    measure: ["read", "submit"],
    consentDocument: ["read"],
    consent: ["read", "sign"],
    screening: ["readOutcome"],
    informationRequest: ["answer"],
    series: ["read"],
    session: ["read"],
  },
} as const satisfies Record<Role, Record<string, readonly string[]>>;

type Table = typeof table;
/** Every resource named in the table, for any role. */
export type Resource = { [R in Role]: keyof Table[R] }[Role];

/** True when `role` may perform `action` on `resource`. Fails closed. */
export function can(role: string | null | undefined, action: string, resource: Resource): boolean {
  if (!role || !Object.hasOwn(table, role)) return false;
  const byResource = table[role as Role] as Record<string, readonly string[]>;
  if (!Object.hasOwn(byResource, resource)) return false;
  return byResource[resource]?.includes(action) ?? false;
}

/** Every (role, resource, action) the table allows; used by tests and docs. */
export function allowedEntries(): { role: Role; resource: string; action: string }[] {
  return ROLES.flatMap((role) =>
    Object.entries(table[role] as Record<string, readonly string[]>).flatMap(([resource, actions]) =>
      actions.map((action) => ({ role, resource, action })),
    ),
  );
}

export const isStaff = (role: string) => (STAFF_ROLES as readonly string[]).includes(role);
export const isClinician = (role: string) => (CLINICIAN_ROLES as readonly string[]).includes(role);

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case "THERAPIST":
      return "/caseload";
    case "PRESCRIBER":
      return "/screenings";
    case "ADMIN":
      return "/admin";
    case "CLIENT":
      return "/portal";
  }
}
