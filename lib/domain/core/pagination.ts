import { z } from "zod";

export const PAGE_SIZE = 25;

export const pageQuerySchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export type Paged<T> = { items: T[]; page: number; pageSize: number; hasNext: boolean };

/** Prisma skip/take for a page, fetching one extra row to know if a next page exists. */
export function pageWindow(page: number, pageSize = PAGE_SIZE) {
  return { skip: (page - 1) * pageSize, take: pageSize + 1 };
}

export function toPage<T>(rows: T[], page: number, pageSize = PAGE_SIZE): Paged<T> {
  return { items: rows.slice(0, pageSize), page, pageSize, hasNext: rows.length > pageSize };
}
