import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A client as lists and schedules name them (see displayName in lib/domain/clients/display-name.ts). */
export const clientNameSelect = {
  id: true,
  preferredName: true,
  legalFirstName: true,
  legalLastName: true,
} as const satisfies Prisma.ClientSelect;
