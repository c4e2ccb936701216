"use client";

import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { findIcd10, searchIcd10 } from "@/lib/domain/screening/icd10";
import { cn } from "@/lib/utils";

/**
 * A searchable list of qualifying ICD-10-CM diagnoses (an ARIA combobox):
 * type a code or words, pick with the mouse or arrow keys and Enter.
 */
export function Icd10Picker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const listId = useId();
  const selected = value ? findIcd10(value) : null;
  const [text, setText] = useState(selected ? `${selected.code} ${selected.description}` : "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = searchIcd10(selected && text.startsWith(selected.code) ? "" : text, 12);

  const choose = (code: string) => {
    const dx = findIcd10(code);
    if (!dx) return;
    onChange(dx.code);
    setText(`${dx.code} ${dx.description}`);
    setOpen(false);
  };

  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${options[active].code}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder="Type a code (F33) or words (recurrent moderate)"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (value) onChange("");
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, options.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter" && open && options[active]) {
            e.preventDefault();
            choose(options[active].code);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {open && options.length > 0 ? (
        <div
          id={listId}
          role="listbox"
          aria-label="Diagnoses"
          className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.map((o, i) => (
            <div
              key={o.code}
              id={`${listId}-${o.code}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={cn("cursor-pointer px-3 py-2", i === active && "bg-teal-50")}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o.code);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="font-mono font-medium">{o.code}</span> {o.description}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
