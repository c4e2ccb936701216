"use client";

import { useEffect, useState } from "react";

/**
 * True once the form is interactive. Forms mark themselves `data-ready` with it
 * and keep submit disabled until then, so nothing is sent from a page that has
 * not finished loading (answers given before that would be reset by React).
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
