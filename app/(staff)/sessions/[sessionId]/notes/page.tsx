import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { NoteEditor, type NoteField } from "@/components/notes/note-editor";
import { NoteAddendumForm, StartNoteButton } from "@/components/notes/note-parts";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/domain/core/format";
import { fieldsForNote } from "@/lib/domain/notes/note-templates";
import { sessionLabel } from "@/lib/domain/scheduling/session-label";
import { requireStaff } from "@/lib/server/auth/current-user";
import { orNotFound } from "@/lib/server/core/page";
import { getSessionNotes } from "@/lib/server/notes/session-notes";

export const metadata: Metadata = { title: "Session notes" };

type Note = NonNullable<Awaited<ReturnType<typeof getSessionNotes>>["joint"]>;

function SignedNote({
  note,
  fields,
  timeZone,
  canAdd,
}: {
  note: Note;
  fields: NoteField[];
  timeZone: string;
  canAdd: boolean;
}) {
  const body = (note.body ?? {}) as Record<string, string>;
  return (
    <div className="space-y-3" data-testid="signed-note">
      <p className="text-sm text-slate-600">
        <Badge tone="success">signed</Badge> by {note.author.name}
        {note.signedAt ? `, ${formatDateTime(note.signedAt, timeZone)}` : ""}
      </p>
      <dl className="space-y-2">
        {fieldsForNote(fields, body)
          .filter((f) => body[f.key])
          .map((f) => (
            <div key={f.key}>
              <dt className="text-sm font-medium text-slate-700">{f.label}</dt>
              <dd className="whitespace-pre-wrap">{body[f.key]}</dd>
            </div>
          ))}
      </dl>
      {note.addenda.length > 0 ? (
        <ul className="space-y-2" data-testid="note-addenda">
          {note.addenda.map((a) => (
            <li key={a.id} className="rounded bg-slate-50 p-3 text-sm">
              <p className="text-slate-600">
                Addendum by {a.author.name}, {formatDateTime(a.createdAt, timeZone)}
              </p>
              <p className="whitespace-pre-wrap">{a.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canAdd ? <NoteAddendumForm noteId={note.id} /> : null}
    </div>
  );
}

export default async function SessionNotesPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const actor = await requireStaff("THERAPIST", "PRESCRIBER");
  const { sessionId } = await params;
  const { session, participants, template, joint, privateNotes } = await orNotFound(
    getSessionNotes(actor, sessionId),
  );
  const couple = session.series.kind === "COUPLE";
  const allFields = template.fields as (NoteField & { couplesOnly?: boolean })[];
  const jointFields = allFields.filter((f) => couple || !f.couplesOnly);
  const privateFields = allFields.filter((f) => !f.couplesOnly);
  const canWrite = can(actor.role, "write", "note");
  const canSign = can(actor.role, "sign", "note");
  const tz = actor.timeZone;
  const editorOrView = (note: Note | null, fields: NoteField[], start: React.ReactNode) =>
    !note ? (
      canWrite ? (
        start
      ) : (
        <p className="text-sm text-slate-600">No note yet.</p>
      )
    ) : note.status === "SIGNED" ? (
      <SignedNote note={note} fields={fields} timeZone={tz} canAdd={canWrite} />
    ) : canWrite ? (
      <NoteEditor
        noteId={note.id}
        version={note.version}
        body={(note.body ?? {}) as Record<string, string>}
        fields={fieldsForNote(fields, (note.body ?? {}) as Record<string, string>)}
        canSign={canSign}
      />
    ) : (
      <p className="text-sm text-slate-600">A draft is in progress.</p>
    );
  return (
    <>
      <Link href={`/series/${session.series.id}`} className="text-sm text-teal-800 underline">
        ← The series
      </Link>
      <PageHeader
        title={`${sessionLabel(session)} notes`}
        description={`${participants.map((p) => p.name).join(" & ")} · ${formatDateTime(session.startsAt, tz)} · ${template.name}`}
      />
      {session.kind === "DOSING" && session.dosingRecords.length > 0 ? (
        <p className="mb-4 text-sm">
          Vitals, the dose and adverse events are in the{" "}
          <Link href={`/dosing/${session.id}`} className="text-teal-800 underline">
            dosing record
          </Link>
          .
        </p>
      ) : null}
      <div className="space-y-6">
        <Card data-testid="joint-note">
          <CardTitle>{couple ? "Joint note" : "Session note"}</CardTitle>
          <div className="mt-3">
            {editorOrView(
              joint,
              jointFields,
              <StartNoteButton sessionId={session.id} label="Start the note" />,
            )}
          </div>
        </Card>
        {couple
          ? privateNotes.map(({ client, note }) => (
              <Card key={client.id} data-testid={`private-note-${client.name}`}>
                <CardTitle>Private note: {client.name}</CardTitle>
                <p className="mb-3 text-sm text-slate-600">
                  Only the care team&apos;s therapists read private notes; the partner and prescribers do not.
                </p>
                {editorOrView(
                  note,
                  privateFields,
                  <StartNoteButton
                    sessionId={session.id}
                    clientId={client.id}
                    label={`Start a private note for ${client.name}`}
                  />,
                )}
              </Card>
            ))
          : null}
      </div>
    </>
  );
}
