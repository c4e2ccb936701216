import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { serverEnv } from "@/lib/env";
import { db } from "@/lib/server/core/db";
import { errorSummary } from "@/lib/server/core/error-summary";
import { seal, unseal } from "@/lib/server/core/seal";

/** Mail errors can quote the recipient or the message: log their class and code only. */
const NO_MESSAGE = { withMessage: false } as const;

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /** The practice the message is sent for: its staff see it in the development outbox. */
  practiceId: string;
  /** Only the practice's admins see it in the outbox (a staff invitation link opens a staff account). */
  adminOnly?: boolean;
  /** Besides the practice's admins, only this staff member sees it in the outbox (who sent a client's invitation). */
  senderId?: string;
  /** A link in `text` that opens an account (an invitation): the outbox keeps it sealed and shows it once. */
  secretLink?: string;
};

/** Delivers one message (the outbox or SMTP by default; tests put their own in). */
export type MailTransport = (mail: Mail) => Promise<void>;

/** A queued message: only a reference and the sealed message, never the address in the clear. */
export type MailJob = { messageId: string; ref: string; sealed: string };
export type MailQueue = (job: MailJob) => Promise<void>;

/**
 * Process-wide state lives on globalThis: Next bundles instrumentation.ts (which
 * starts the job runner) apart from pages and actions, so module variables are
 * not shared between them.
 */
const state = globalThis as unknown as {
  kapstoneMailTransport?: MailTransport;
  kapstoneMailQueue?: MailQueue;
  kapstoneSmtp?: { url: string; transporter: Transporter };
};

/** Replaces how mail is delivered (tests); `undefined` restores the configured transport. */
export function setMailTransport(transport: MailTransport | undefined) {
  state.kapstoneMailTransport = transport;
}

/** Set by the job runner once it is running; `undefined` when it stops. */
export function setMailQueue(queue: MailQueue | undefined) {
  state.kapstoneMailQueue = queue;
}

/** Stands in the outbox's text for an invitation link, which is kept sealed and shown once (./dev-outbox.ts). */
export const OUTBOX_LINK_PLACEHOLDER = "[invitation link, shown once on the outbox page]";

const OUTBOX_LINK = "kapstone outbox link";
const sealOutboxLink = (link: string) => seal(OUTBOX_LINK, link);
export const unsealOutboxLink = (sealed: string) => unseal(OUTBOX_LINK, sealed);

/**
 * Sends a message now. With MAIL_TRANSPORT=outbox (development) nothing leaves the
 * machine: the message is kept in the outbox table, readable on /dev/outbox by staff.
 * Throws when delivery fails; after a commit use `sendAfterCommit` instead.
 */
export async function sendMail(mail: Mail) {
  if (state.kapstoneMailTransport) return state.kapstoneMailTransport(mail);
  const env = serverEnv();
  if (env.MAIL_TRANSPORT === "outbox") {
    const { to, subject, practiceId, adminOnly = false, senderId = null, secretLink } = mail;
    const kept = await db().outboxMessage.create({
      data: {
        to,
        subject,
        practiceId,
        adminOnly,
        senderId,
        text: secretLink ? mail.text.replaceAll(secretLink, OUTBOX_LINK_PLACEHOLDER) : mail.text,
        sealedLink: secretLink ? sealOutboxLink(secretLink) : null,
      },
      select: { id: true },
    });
    if (env.NODE_ENV === "development")
      console.info(`[dev outbox] to ${mail.to}: ${mail.subject} (read it at ${env.APP_URL}/dev/outbox)`);
    else if (env.NODE_ENV === "production")
      console.info(`[dev outbox] message ${kept.id} kept, not sent (MAIL_TRANSPORT=outbox)`);
    return;
  }
  await deliverBySmtp(mail, env.SMTP_URL ?? "", env.MAIL_FROM);
}

/** Sends one message over SMTP (nodemailer), with one transport per server address for the process. */
export async function deliverBySmtp(mail: Mail, smtpUrl: string, from: string) {
  if (state.kapstoneSmtp?.url !== smtpUrl) {
    state.kapstoneSmtp?.transporter.close();
    state.kapstoneSmtp = { url: smtpUrl, transporter: nodemailer.createTransport(smtpUrl) };
  }
  await state.kapstoneSmtp.transporter.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
  });
}

/* Queued messages are sealed so that invitation links and addresses never sit
   readable in the job table. */
const MAIL_JOB = "kapstone mail job";

export const sealMail = (mail: Mail): string => seal(MAIL_JOB, JSON.stringify(mail));

export const unsealMail = (sealed: string): Mail => JSON.parse(unseal(MAIL_JOB, sealed)) as Mail;

/** Delivers a queued message (the job runner's `mail.send` worker). Throws so the job is retried. */
export async function deliverMailJob(job: MailJob) {
  try {
    await sendMail(unsealMail(job.sealed));
  } catch (e) {
    console.error(
      `[mail] message ${job.messageId} for ${job.ref} not delivered, will retry: ${errorSummary(e, NO_MESSAGE)}`,
    );
    // A plain error: the queue stores it, and the original may name the recipient.
    throw new Error(`mail ${job.messageId} for ${job.ref} not delivered`);
  }
}

type MailSource = Mail | readonly Mail[] | (() => Promise<Mail | readonly Mail[] | null | undefined>);

/**
 * Sends mail about something already committed, and never fails the action: with
 * the job runner on, each message is queued (`mail.send`, retried with backoff);
 * otherwise it is sent at once. A failure (composing, queueing or sending) is
 * logged with the message id and `ref` (a record type and id, never an address or
 * any content) and swallowed: the committed change stands.
 */
export async function sendAfterCommit(ref: string, source: MailSource): Promise<void> {
  let mails: readonly Mail[];
  try {
    const composed = typeof source === "function" ? await source() : source;
    mails = composed ? (Array.isArray(composed) ? composed : [composed as Mail]) : [];
  } catch (e) {
    console.error(`[mail] could not prepare mail for ${ref}: ${errorSummary(e, NO_MESSAGE)}`);
    return;
  }
  for (const mail of mails) {
    const messageId = randomUUID();
    const queue = state.kapstoneMailQueue;
    try {
      if (queue) await queue({ messageId, ref, sealed: sealMail(mail) });
      else await sendMail(mail);
    } catch (e) {
      console.error(
        `[mail] message ${messageId} for ${ref} could not be ${queue ? "queued" : "sent"}: ${errorSummary(e, NO_MESSAGE)}`,
      );
    }
  }
}

/** An absolute link into the app for a message, e.g. `appLink("/portal")`. */
export const appLink = (path: string) => `${serverEnv().APP_URL}${path}`;
