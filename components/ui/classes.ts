import { type ClassValue, clsx } from "clsx";

/**
 * Joins class names like `cn` (lib/utils), where a later utility replaces an
 * earlier one of the same kind: `cx("w-full h-10", "w-64")` gives "h-10 w-64".
 *
 * The UI primitives use this instead of tailwind-merge, which would add about
 * 9 kB (compressed) to every page with a form or a button that reacts. It knows
 * the kinds of utility the primitives set and their callers change: sizes,
 * spacing, display, text size and weight, corner radius, and colours of
 * background, text and border. tests/unit/ui/ui-classes.test.ts checks it against
 * tailwind-merge.
 */
export function cx(...inputs: ClassValue[]): string {
  const tokens = clsx(inputs).split(" ").filter(Boolean);
  const taken = new Set<string>();
  const kept: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    const kind = kindOf(token);
    if (kind) {
      const key = `${kind.variants}${kind.group}`;
      if (taken.has(key)) continue;
      taken.add(key);
      for (const narrower of NARROWER[kind.group] ?? []) taken.add(`${kind.variants}${narrower}`);
    }
    kept.push(token);
  }
  return kept.reverse().join(" ");
}

/** A later utility of the key's kind also replaces earlier ones of these (p-4 replaces px-2). */
const NARROWER: Record<string, string[]> = {
  p: ["px", "py", "pt", "pb", "pl", "pr", "ps", "pe"],
  px: ["pl", "pr", "ps", "pe"],
  py: ["pt", "pb"],
  m: ["mx", "my", "mt", "mb", "ml", "mr", "ms", "me"],
  mx: ["ml", "mr", "ms", "me"],
  my: ["mt", "mb"],
  size: ["w", "h"],
  gap: ["gap-x", "gap-y"],
};

const SPACING =
  /^-?(min-w|max-w|min-h|max-h|size|w|h|px|py|pt|pb|pl|pr|ps|pe|p|mx|my|mt|mb|ml|mr|ms|me|m|gap-x|gap-y|gap|space-x|space-y)-./;
const DISPLAY = /^(block|inline-block|inline|flex|inline-flex|grid|inline-grid|table|contents|hidden)$/;
const TEXT_SIZE = /^text-(xs|sm|base|lg|xl|[2-9]xl)(\/.+)?$/;
const FONT_WEIGHT = /^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/;
const ROUNDED = /^rounded(-(none|xs|sm|md|lg|xl|2xl|3xl|4xl|full))?$/;
const COLOR = "(white|black|transparent|current|inherit|[a-z]+-\\d{2,3})(\\/\\d+)?";
const BG = new RegExp(`^bg-${COLOR}$`);
const TEXT_COLOR = new RegExp(`^text-${COLOR}$`);
const BORDER_COLOR = new RegExp(`^border-${COLOR}$`);

function kindOf(token: string): { variants: string; group: string } | null {
  const cut = token.lastIndexOf(":") + 1;
  const variants = token.slice(0, cut);
  const utility = token.slice(cut).replace(/^!/, "");
  const spacing = SPACING.exec(utility);
  const group = spacing
    ? spacing[1]
    : DISPLAY.test(utility)
      ? "display"
      : TEXT_SIZE.test(utility)
        ? "text-size"
        : FONT_WEIGHT.test(utility)
          ? "font-weight"
          : ROUNDED.test(utility)
            ? "rounded"
            : BG.test(utility)
              ? "bg-color"
              : TEXT_COLOR.test(utility)
                ? "text-color"
                : BORDER_COLOR.test(utility)
                  ? "border-color"
                  : null;
  return group ? { variants, group } : null;
}
