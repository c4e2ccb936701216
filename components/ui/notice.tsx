import type * as React from "react";
import { cx } from "./classes";

const tones = {
  info: "border-sky-200 bg-sky-50 text-sky-950",
  success: "border-emerald-200 bg-emerald-50 text-emerald-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-red-300 bg-red-50 text-red-950",
} as const;

/** A message block. `live` makes screen readers announce it when it appears. */
export function Notice({
  tone = "info",
  live,
  className,
  ...props
}: React.ComponentProps<"div"> & { tone?: keyof typeof tones; live?: "polite" | "assertive" }) {
  return (
    <div
      aria-live={live}
      className={cx("rounded-md border px-4 py-3 text-sm", tones[tone], className)}
      {...props}
    />
  );
}
