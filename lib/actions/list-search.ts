"use server";

import { redirect } from "next/navigation";
import { searchList } from "@/lib/server/core/list-search";
import { listSearchFormSchema } from "@/lib/validation/search";
import { formAction } from "./define";

/**
 * The search form of the clients and users lists posts here: the search text is
 * kept in a cookie and the list reloads with only its non-identifying filter in
 * the URL.
 */
export const searchListAction = formAction(listSearchFormSchema, async (actor, form) =>
  redirect(await searchList(actor, form)),
);
