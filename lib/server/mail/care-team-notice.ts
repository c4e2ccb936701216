import "server-only";
import { db } from "@/lib/server/core/db";
import { appLink, sendAfterCommit } from "./send-mail";

/**
 * Tells a client's care team that something needs them, without any client details in the
 * message (docs/security.md: mail carries no clinical content). Sent after the commit; a mail
 * failure is logged, never shown to the person whose action caused it.
 */
export async function notifyCareTeam(
  practiceId: string,
  clientId: string,
  reference: string,
  message: { subject: string; body: string },
) {
  await sendAfterCommit(reference, async () => {
    const team = await db().careTeamMember.findMany({
      where: { clientId, removedAt: null, user: { disabledAt: null } },
      select: { user: { select: { email: true, name: true } } },
    });
    const link = appLink("/caseload");
    return team.map((m) => ({
      to: m.user.email,
      practiceId,
      subject: message.subject,
      text: `Hello ${m.user.name},\n\n${message.body}\n${link}\n\nThis message contains no client details by design.`,
    }));
  });
}
