import type { Metadata } from "next";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { NoteFieldList, NoteTemplateForm } from "@/components/notes/note-template-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { fieldsToText, NOTE_KIND_LABEL, type NoteField } from "@/lib/domain/notes/note-templates";
import { requireStaff } from "@/lib/server/auth/current-user";
import { listNoteTemplatesForAdmin } from "@/lib/server/notes/note-templates";

export const metadata: Metadata = { title: "Note templates" };

/** "6 fields, 1 for couples only" */
function summarize(fields: readonly NoteField[]): string {
  const couples = fields.filter((f) => f.couplesOnly).length;
  const count = `${fields.length} field${fields.length === 1 ? "" : "s"}`;
  return couples === 0 ? count : `${count}, ${couples} for couples only`;
}

export default async function NoteTemplatesPage() {
  const actor = await requireStaff("ADMIN");
  const templates = await listNoteTemplatesForAdmin(actor);
  return (
    <>
      <PageHeader
        title="Note templates"
        description="The headings and guiding questions a new session note starts with, one template for each kind of session. A change shapes only notes started from now on: notes already written keep their text."
      />
      <Notice tone="info" className="mb-6">
        The built-in templates follow the published KAP protocol: preparation sets the intention and the
        safety agreements (and, for couples, maps who pursues, who withdraws and what triggers the cycle); the
        dosing note leaves vitals, the dose and adverse events to the dosing record; an integration note
        follows every dose. They are starting points your clinic can change. Fields marked “couples only”
        appear only in a couples series&apos; joint note, never in a partner&apos;s private note.
      </Notice>
      {templates.length === 0 ? (
        <EmptyState title="No note templates yet">
          The built-in templates could not be set up. Reload the page to try again.
        </EmptyState>
      ) : (
        <ul className="space-y-6" aria-label="Note templates" data-testid="note-templates">
          {templates.map((t) => {
            const titleId = `note-template-${t.kind}-title`;
            const kindLabel = NOTE_KIND_LABEL[t.kind];
            return (
              <li key={t.id}>
                <Card aria-labelledby={titleId} data-testid={`note-template-${t.kind}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <CardTitle id={titleId}>{kindLabel} notes</CardTitle>
                    {t.isDefault ? <Badge>Built-in fields</Badge> : <Badge tone="info">Customised</Badge>}
                  </div>
                  <p className="mt-1 text-sm break-words text-slate-700">
                    {t.name} · {summarize(t.fields)}
                  </p>
                  <div className="mt-4">
                    {t.fields.length === 0 ? (
                      <p className="text-sm text-slate-600">No fields yet: add some below.</p>
                    ) : (
                      <NoteFieldList fields={t.fields} testId={`note-template-${t.kind}-fields`} />
                    )}
                  </div>
                  <details className="mt-4 border-t border-slate-200 pt-3">
                    <summary className="cursor-pointer text-sm font-medium text-teal-800 underline underline-offset-2">
                      Edit<span className="sr-only"> the {kindLabel.toLowerCase()} note template</span>
                    </summary>
                    <div className="mt-4">
                      <NoteTemplateForm
                        idPrefix={`note-template-${t.kind}`}
                        template={{
                          id: t.id,
                          kind: t.kind,
                          name: t.name,
                          fieldsText: fieldsToText(t.fields),
                          updatedAt: t.updatedAt.toISOString(),
                          isDefault: t.isDefault,
                        }}
                      />
                    </div>
                  </details>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
