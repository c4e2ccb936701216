import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { deliverBySmtp } from "@/lib/server/mail/send-mail";

/** A minimal SMTP server that accepts every message and keeps what it received. */
async function smtpServer() {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      while (true) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "MAIL") {
          current.from = line;
          socket.write("250 ok\r\n");
        } else if (verb === "RCPT") {
          current.to.push(line);
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 ok\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => server.close() };
}

describe("mail over SMTP", () => {
  const servers: { close: () => void }[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it("delivers a message with its sender, recipient, subject and text through the SMTP transport", async () => {
    const smtp = await smtpServer();
    servers.push(smtp);
    await deliverBySmtp(
      { to: "client@example.test", subject: "Your appointment", text: "See the portal.", practiceId: "p" },
      smtp.url,
      "Cedar Grove <no-reply@example.test>",
    );
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.from).toContain("no-reply@example.test");
    expect(message?.to.join()).toContain("client@example.test");
    expect(message?.data).toContain("Subject: Your appointment");
    expect(message?.data).toContain("See the portal.");
  });

  it("uses the new server when the address changes", async () => {
    const first = await smtpServer();
    const second = await smtpServer();
    servers.push(first, second);
    const mail = { to: "a@example.test", subject: "Hello", text: "Hi", practiceId: "p" };
    await deliverBySmtp(mail, first.url, "no-reply@example.test");
    await deliverBySmtp(mail, second.url, "no-reply@example.test");
    expect(first.received).toHaveLength(1);
    expect(second.received).toHaveLength(1);
  });
});
