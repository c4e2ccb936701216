import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MeasureForm } from "@/components/measures/measure-form";
import { Notice } from "@/components/ui/notice";
import { requireClientUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { isScaleId } from "@/lib/domain/measures";
import { measureFormSpec } from "@/lib/domain/measures/form-spec";
import { ownIntakeMeasureDone } from "@/lib/server/measure-status";

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
  const spec = measureFormSpec(scale);
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
