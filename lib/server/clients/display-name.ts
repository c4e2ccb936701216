import "server-only";

export const displayName = (c: {
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
}) => `${c.preferredName ?? c.legalFirstName} ${c.legalLastName}`;
