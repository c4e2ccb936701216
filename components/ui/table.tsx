import type * as React from "react";
import { cx } from "./classes";

export function Table({ className, ...props }: React.ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={cx("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}
export const THead = (p: React.ComponentProps<"thead">) => (
  <thead
    className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600"
    {...p}
  />
);
export const Th = ({ className, ...p }: React.ComponentProps<"th">) => (
  <th scope="col" className={cx("px-4 py-2 font-semibold", className)} {...p} />
);
export const Td = ({ className, ...p }: React.ComponentProps<"td">) => (
  <td className={cx("px-4 py-3 align-top", className)} {...p} />
);
export const Tr = ({ className, ...p }: React.ComponentProps<"tr">) => (
  <tr className={cx("border-b border-slate-100 last:border-0", className)} {...p} />
);
