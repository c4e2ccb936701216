"use server";

import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { writeSearchText } from "@/lib/server/search-text";
import { listSearchFormSchema } from "@/lib/validation/search";

const PATH = { clients: "/clients", users: "/admin/users" } as const;
const FILTER_PARAM = { clients: "stage", users: "role" } as const;

/**
 * The search form of the clients and users lists posts here: the search text is
 * kept in a cookie and the list reloads with only its non-identifying filter in
 * the URL. A search that does not parse simply shows the list unfiltered.
 */
export async function searchListAction(formData: FormData) {
  await requireStaff();
  const parsed = listSearchFormSchema.safeParse(formData);
  if (!parsed.success) redirect("/clients");
  const { list, q, filter, clear } = parsed.data;
  await writeSearchText(list, clear ? undefined : q);
  const params = new URLSearchParams();
  if (filter && !clear) params.set(FILTER_PARAM[list], filter);
  const query = params.toString();
  redirect(query ? `${PATH[list]}?${query}` : PATH[list]);
}
