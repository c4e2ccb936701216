import { describe, expect, it } from "vitest";
import { changeUserRole, setUserDisabled } from "@/lib/server/admin/users";
import { db } from "@/lib/server/core/db";
import { createScene } from "../../fixtures/factory";

describe("managing users", () => {
  it("admins cannot lock themselves out or move clients into staff roles", async () => {
    const s = await createScene();
    await expect(setUserDisabled(s.actors.admin, { userId: s.admin.id, disabled: true })).rejects.toThrow(
      /own account/,
    );
    const clientUser = await db().user.findFirstOrThrow({
      where: { practiceId: s.practice.id, role: "CLIENT" },
    });
    await expect(changeUserRole(s.actors.admin, { userId: clientUser.id, role: "ADMIN" })).rejects.toThrow(
      /client/,
    );
    await expect(
      setUserDisabled(s.actors.therapist, { userId: s.otherTherapist.id, disabled: true }),
    ).rejects.toThrow(/permission/);
  });
});
