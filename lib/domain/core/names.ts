import { z } from "zod";
import { storableString } from "./fields";

/**
 * Characters that change how text is shown without being seen themselves: the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the direction marks
 * (U+200E, U+200F, U+061C), and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF).
 * In a name or a typed signature they let "\u202Eeil" read as "lie", or make two names that look
 * alike differ (docs/security.md "Other protections"). No one types them into a name on purpose.
 */
const INVISIBLE_FORMATTING = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;
const HAS_INVISIBLE_FORMATTING = new RegExp(INVISIBLE_FORMATTING.source);

/** The text without bidirectional controls and zero-width characters. */
export const withoutInvisibleFormatting = (text: string) => text.replace(INVISIBLE_FORMATTING, "");

type NameOptions = { min?: number; tooShort?: string; tooLong?: string };

/**
 * A person's name (or a typed signature) as it is kept: storable text, stripped of the
 * characters above and trimmed, then measured. A name that was only such characters is
 * refused with a field error, never kept blank.
 */
function cleanName(label: string, max: number, required: boolean, o: NameOptions = {}) {
  const min = o.min ?? 1;
  const tooShort = o.tooShort ?? `Enter ${label}.`;
  const tooLong = o.tooLong ?? `Keep ${label} under ${max} characters.`;
  return storableString().transform((raw, ctx) => {
    const name = withoutInvisibleFormatting(raw).trim();
    // Blank as typed: only spaces (trim() also takes U+FEFF, so that one is looked for apart).
    const blank = raw.trim().length === 0 && !HAS_INVISIBLE_FORMATTING.test(raw);
    if (blank && !required) return "";
    if (name.length === 0 && !blank) {
      ctx.issues.push({ code: "custom", input: raw, message: `Enter ${label} in letters you can see.` });
      return z.NEVER;
    }
    if (name.length < min) {
      ctx.issues.push({ code: "custom", input: raw, message: tooShort });
      return z.NEVER;
    }
    if (name.length > max) {
      ctx.issues.push({ code: "custom", input: raw, message: tooLong });
      return z.NEVER;
    }
    return name;
  });
}

/** A required name: client legal names, staff names, a typed signature. */
export const nameText = (label: string, max = 120, o: NameOptions = {}) => cleanName(label, max, true, o);

/** An optional name (a preferred name, an outside therapist's): blank becomes undefined. */
export const optionalNameText = (label: string, max = 120) =>
  cleanName(label, max, false)
    .transform((v) => (v ? v : undefined))
    .optional();
