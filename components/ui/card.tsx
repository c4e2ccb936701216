import type * as React from "react";
import { cx } from "./classes";

export function Card({ className, ...props }: React.ComponentProps<"section">) {
  return (
    <section
      className={cx("rounded-lg border border-slate-200 bg-white p-5 shadow-sm", className)}
      {...props}
    />
  );
}

export function CardTitle({ className, ...props }: React.ComponentProps<"h2">) {
  return <h2 className={cx("text-lg font-semibold text-slate-900", className)} {...props} />;
}
