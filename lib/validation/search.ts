import { z } from "zod";
import { CLIENT_STAGES } from "@/lib/domain/clients/stages";
import { idSchema, storableString } from "@/lib/domain/core/fields";
import { pageQuerySchema } from "@/lib/domain/core/pagination";

/** The lists whose search text is kept out of URLs (names and e-mails are PHI). */
export const SEARCH_LISTS = ["clients", "users"] as const;
export type SearchList = (typeof SEARCH_LISTS)[number];

export const searchTextSchema = storableString()
  .trim()
  .max(100, "Search for at most 100 characters.")
  .optional()
  .transform((v) => (v ? v : undefined));

/** The search form on the clients and users lists (a POST, never a query string). */
export const listSearchSchema = z.object({
  list: z.enum(SEARCH_LISTS),
  q: searchTextSchema,
  /** The list's non-identifying filter (stage or role), kept in the URL. */
  filter: z
    .string()
    .regex(/^[A-Z_]{1,40}$/)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  clear: z.string().optional(),
});

/** POST /api/clients/search: a page of clients by name or e-mail. */
export const clientSearchSchema = z.object({
  q: searchTextSchema,
  stage: z.enum(CLIENT_STAGES).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});

/** The same search as the list's form posts it; anything but a form does not parse. */
export const listSearchFormSchema = z
  .instanceof(FormData)
  .transform((form) => Object.fromEntries(form))
  .pipe(listSearchSchema);

/** GET /api/clients?page=&stage=: a page of the caller's clients, by stage. */
export const clientListQuerySchema = z.object({
  page: pageQuerySchema,
  stage: z.string().max(40).optional(),
});

/** /api/clients/:clientId */
export const clientParamsSchema = z.object({ clientId: idSchema });
