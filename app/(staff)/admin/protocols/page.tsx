import type { Metadata } from "next";
import { ProtocolTemplateActions, ProtocolTemplateForm } from "@/components/admin/protocol-template-form";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { DEFAULT_PROTOCOL_PLAN, type ProtocolPlan } from "@/lib/domain/scheduling/protocol";
import { listProtocolTemplates, STANDARD_TEMPLATE_NAME } from "@/lib/server/admin/protocol-templates";
import { requireStaff } from "@/lib/server/auth/current-user";
import { protocolTemplateFormValues } from "@/lib/validation/protocol-templates";

export const metadata: Metadata = { title: "Protocol templates" };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 preparation · 6 doses · integration 2 days after · follow-up after dose 2 · closing session" */
function summarize(plan: ProtocolPlan): string {
  return [
    `${plan.preparationSessions} preparation`,
    plural(plan.dosingSessions, "dose", "doses"),
    `integration ${plural(plan.integrationDaysAfterDose, "day", "days")} after`,
    plan.followUpAfterDose === null ? "no follow-up" : `follow-up after dose ${plan.followUpAfterDose}`,
    plan.closingSession ? "closing session" : "no closing session",
  ].join(" · ");
}

export default async function ProtocolTemplatesPage() {
  const actor = await requireStaff("ADMIN");
  const templates = await listProtocolTemplates(actor);
  return (
    <>
      <PageHeader
        title="Protocol templates"
        description="The shape of the KAP series your therapists plan from. A template only shapes series planned from now on: sessions already scheduled keep their dates and lengths."
      />
      <Notice tone="info" className="mb-6">
        The starting values follow published KAP protocols: 1 to 3 preparation sessions, usually 6 to 8 doses,
        an integration session 24 to 72 hours after every dose and a prescriber follow-up after dose 2. Each
        is a default your clinic can change.
      </Notice>
      <div className="space-y-6">
        {templates.length === 0 ? (
          <EmptyState title="No protocol templates yet">
            Create the first one below: it becomes the default that new series start from.
          </EmptyState>
        ) : (
          <ul className="space-y-6" aria-label="Templates" data-testid="protocol-templates">
            {templates.map((t) => (
              <li key={t.id}>
                <Card>
                  <div className="flex flex-wrap items-center gap-2">
                    <CardTitle className="break-words">{t.name}</CardTitle>
                    {t.isDefault ? <Badge tone="success">Default</Badge> : null}
                  </div>
                  <p className="mt-1 text-sm text-slate-700">{summarize(t.plan)}</p>
                  <div className="mt-3">
                    <ProtocolTemplateActions template={{ id: t.id, name: t.name, isDefault: t.isDefault }} />
                  </div>
                  <details className="mt-4 border-t border-slate-200 pt-3">
                    <summary className="cursor-pointer text-sm font-medium text-teal-800 underline underline-offset-2">
                      Edit<span className="sr-only"> {t.name}</span>
                    </summary>
                    <div className="mt-4">
                      <ProtocolTemplateForm
                        idPrefix={t.id}
                        template={{ id: t.id, updatedAt: t.updatedAt.toISOString() }}
                        values={protocolTemplateFormValues(t.name, t.plan)}
                      />
                    </div>
                  </details>
                </Card>
              </li>
            ))}
          </ul>
        )}
        <Card aria-labelledby="new-template-title">
          <CardTitle id="new-template-title">New template</CardTitle>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            Starts from the defaults; {templates.length === 0 ? "the first template" : "a new template"}{" "}
            {templates.length === 0 ? "becomes the default." : "is not the default until you make it so."}
          </p>
          <ProtocolTemplateForm
            idPrefix="new"
            values={protocolTemplateFormValues(
              templates.length === 0 ? STANDARD_TEMPLATE_NAME : "",
              DEFAULT_PROTOCOL_PLAN,
            )}
          />
        </Card>
      </div>
    </>
  );
}
