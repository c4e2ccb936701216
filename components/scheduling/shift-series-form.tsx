"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { shiftSeriesAction } from "@/lib/actions/scheduling";

/** Moves every upcoming session of the series by N days, keeping their times. */
export function ShiftSeriesForm({ seriesId }: { seriesId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "danger" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      method="post"
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const days = Number(new FormData(e.currentTarget).get("days"));
        setPending(true);
        const r = await shiftSeriesAction({ seriesId, days });
        setPending(false);
        if (!r.ok) setMessage({ tone: "danger", text: r.fieldErrors?.days?.[0] ?? r.message });
        else {
          setMessage({ tone: "success", text: `Moved ${r.data.moved} upcoming sessions.` });
          router.refresh();
        }
      }}
    >
      <Field label="Shift upcoming sessions by (days)" id="shift-days" hint="Negative moves them earlier.">
        <Input name="days" type="number" min={-60} max={60} defaultValue={7} className="w-28" />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Shift sessions
      </Button>
      {message ? (
        <Notice tone={message.tone} live="polite" className="w-full">
          {message.text}
        </Notice>
      ) : null}
    </form>
  );
}
