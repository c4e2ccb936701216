import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { ownOpenMeasureRequests } from "@/lib/server/measures/measure-requests";
import { openInformationRequests } from "@/lib/server/screening/information-requests";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";

describe("the portal's reads of a client's open requests write their audit rows", () => {
  it("open questionnaires: the read is audited for the client, with how many were shown", async () => {
    const s = await createScene();
    await ownOpenMeasureRequests(s.actors.clientA);
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: s.actors.clientA.userId, action: "measure_request.list" },
    });
    expect(row).toMatchObject({ outcome: "OK", clientId: s.clientA.id, detail: { count: 0 } });
  });

  it("open questions from the prescriber: audited for the client; staff get not-found, audited", async () => {
    const s = await createScene();
    await openInformationRequests(s.actors.clientA);
    expect(
      await db().auditEvent.findFirst({
        where: { actorUserId: s.actors.clientA.userId, action: "information_request.list" },
      }),
    ).toMatchObject({ outcome: "OK", clientId: s.clientA.id });
    expect(await openInformationRequests(s.actors.therapist).catch(codeOf)).toBe("NOT_FOUND");
    expect(
      await db().auditEvent.count({
        where: { actorUserId: s.therapist.id, action: "information_request.list", outcome: "DENIED" },
      }),
    ).toBe(1);
  });
});
