import type * as React from "react";
import { cx } from "./classes";

const fieldBase =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-teal-700 focus:outline-2 focus:outline-teal-700/30 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 sm:text-sm";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cx(fieldBase, "h-10", className)} {...props} />;
}

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return <textarea className={cx(fieldBase, "min-h-24", className)} {...props} />;
}

export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cx(fieldBase, "h-10 pr-8", className)} {...props} />;
}
