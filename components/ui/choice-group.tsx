import type * as React from "react";
import { cx } from "./classes";

type Option = { value: string; label: React.ReactNode };

type ChoiceGroupProps = {
  /** Unique id; the legend, error and options hang off it. */
  id: string;
  legend: React.ReactNode;
  options: Option[];
  error?: string;
  hint?: React.ReactNode;
  required?: boolean;
  /** Props for each radio input (react-hook-form `register(name)` or name/checked/onChange). */
  inputProps: (value: string) => React.ComponentProps<"input">;
  layout?: "row" | "column";
  className?: string;
};

/** A radio group as a fieldset: the legend is the question; the error is announced with it. */
export function ChoiceGroup({
  id,
  legend,
  options,
  error,
  hint,
  required,
  inputProps,
  layout = "row",
  className,
}: ChoiceGroupProps) {
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset
      id={id}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      aria-invalid={error ? true : undefined}
      className={cx("space-y-2", className)}
    >
      <legend className="text-sm font-medium text-slate-900">
        {legend}
        {required ? (
          <span className="text-red-700" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className={cx("flex gap-2", layout === "column" ? "flex-col" : "flex-wrap")}>
        {options.map((o) => (
          <label
            key={o.value}
            className={cx(
              "flex min-h-11 cursor-pointer items-center gap-2 rounded-md border bg-white px-3 py-2 text-sm has-[:checked]:border-teal-700 has-[:checked]:bg-teal-50",
              error ? "border-red-600" : "border-slate-300",
            )}
          >
            <input type="radio" value={o.value} className="size-4 accent-teal-700" {...inputProps(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700" data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
