/**
 * How deep and how big an input may be before it is parsed (docs/security.md R4). No form of
 * Kapstone nests deeper than a few levels (an intake draft: step, question, list, item), so 32
 * leaves room; a value nested thousands deep would overflow the stack of a recursive parser or
 * schema, and a small value whose parts are shared many times over would cost a schema check
 * millions of steps. Both checks here walk with an explicit stack, never by recursion.
 */
export const MAX_INPUT_DEPTH = 32;

/** Values (objects, arrays and scalars) counted as a tree, shared parts once per place they appear. */
export const MAX_INPUT_NODES = 50_000;

export const TOO_DEEP = "This request is nested too deeply.";
export const TOO_MANY_PARTS = "This request has too many parts.";

/**
 * The deepest nesting of arrays and objects in a JSON text, stopping as soon as it passes
 * `max`: strings (with their escapes) are skipped, so brackets typed in a text do not count.
 * Malformed JSON is left to JSON.parse; this only answers whether it is too deep to try.
 */
export function jsonTextTooDeep(text: string, max = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Why a value cannot be checked safely, or null when it can: nested deeper than `maxDepth`
 * (a cycle counts as endlessly deep), or more than `maxNodes` parts counted as a tree. Arrays,
 * plain objects, Maps, Sets and FormData are looked into; anything else is one part.
 */
export function inputShapeProblem(
  value: unknown,
  maxDepth = MAX_INPUT_DEPTH,
  maxNodes = MAX_INPUT_NODES,
): typeof TOO_DEEP | typeof TOO_MANY_PARTS | null {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (++nodes > maxNodes) return TOO_MANY_PARTS;
    const children = childrenOf(v);
    if (!children) continue;
    if (depth + 1 > maxDepth) return TOO_DEEP;
    for (const child of children) {
      if (nodes + stack.length >= maxNodes) return TOO_MANY_PARTS;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

function childrenOf(v: unknown): Iterable<unknown> | null {
  if (v === null || typeof v !== "object") return null;
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.keys(), ...v.values()];
  if (v instanceof Set) return v;
  if (typeof FormData !== "undefined" && v instanceof FormData) return [...v.values()];
  if (v instanceof Date || (typeof Blob !== "undefined" && v instanceof Blob)) return null;
  return Object.values(v);
}
