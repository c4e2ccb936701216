import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MeasureForm } from "@/components/measures/measure-form";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/domain/core/format";
import { measureFormSpec } from "@/lib/domain/measures/form-spec";
import { isScaleId } from "@/lib/domain/measures/scales";
import { requireClientUser } from "@/lib/server/auth/current-user";
import { ownIntakeMeasureDone } from "@/lib/server/measures/intake-measures";
import { ownOpenMeasureRequests } from "@/lib/server/measures/measure-requests";

export const metadata: Metadata = { title: "Questionnaire" };

export default async function MeasurePage({
  params,
  searchParams,
}: {
  params: Promise<{ scale: string }>;
  searchParams: Promise<{ request?: string }>;
}) {
  const { scale } = await params;
  const { request } = await searchParams;
  if (!isScaleId(scale)) notFound();
  const actor = await requireClientUser();
  // The clinic's request says which time frame to ask (the C-SSRS before a dose: since the last visit).
  const asked = request ? (await ownOpenMeasureRequests(actor)).find((r) => r.id === request) : undefined;
  const spec = measureFormSpec(scale, asked?.scale === scale ? asked.variant : "STANDARD");
  const status = request ? null : await ownIntakeMeasureDone(actor, scale);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/portal" className="text-sm text-teal-800 underline">
        ← Back to your checklist
      </Link>
      <h1 className="text-2xl font-semibold">{spec.title}</h1>
      {status?.done ? (
        <Notice tone="success" data-testid="measure-already-done">
          You completed the {spec.shortTitle} on{" "}
          {formatDateTime(status.takenAt ?? new Date(), actor.timeZone)}. Thank you.
        </Notice>
      ) : (
        <MeasureForm spec={spec} requestId={request} />
      )}
    </div>
  );
}
