import "server-only";
import nodemailer from "nodemailer";
import { serverEnv } from "@/lib/env";
import { db } from "./db";

export type Mail = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

/**
 * Sends a message. With MAIL_TRANSPORT=outbox (development) nothing leaves the
 * machine: the message is kept in the outbox table, readable on /dev/outbox.
 */
export async function sendMail(mail: Mail) {
  const env = serverEnv();
  if (env.MAIL_TRANSPORT === "outbox") {
    await db().outboxMessage.create({ data: mail });
    if (env.NODE_ENV !== "test")
      console.info(`[dev outbox] to ${mail.to}: ${mail.subject} (read it at ${env.APP_URL}/dev/outbox)`);
    return;
  }
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.MAIL_FROM, ...mail });
}

export const devOutboxEnabled = () => serverEnv().MAIL_TRANSPORT === "outbox";

/** The newest messages in the development outbox (404 elsewhere). */
export async function listDevOutbox(limit = 50) {
  if (!devOutboxEnabled()) return null;
  return db().outboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
