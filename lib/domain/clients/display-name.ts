/** The fields a client's name is shown from (select them with `clientNameSelect`). */
export type ClientName = { preferredName: string | null; legalFirstName: string; legalLastName: string };

/** How a client is named to staff: the name they go by, then their legal last name. */
export const displayName = (c: ClientName) => `${c.preferredName ?? c.legalFirstName} ${c.legalLastName}`;
