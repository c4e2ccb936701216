import { describe, expect, it } from "vitest";
import { nameText, optionalNameText, withoutInvisibleFormatting } from "@/lib/domain/core/names";
import { contactStep, outsideTherapistStep } from "@/lib/domain/intake/intake-answers";
import { signConsentSchema } from "@/lib/validation/consents";
import { clientInvitationSchema, staffInvitationSchema } from "@/lib/validation/invitations";

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const MARKS = ["\u200E", "\u200F", "\u061C"];
const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];
const INVISIBLE = [...BIDI, ...MARKS, ...ZERO_WIDTH];

describe("names lose bidirectional controls and zero-width characters (docs/security.md)", () => {
  it("strips every one of them, anywhere in the text, and keeps everything else", () => {
    for (const ch of INVISIBLE) expect(withoutInvisibleFormatting(`A${ch}da${ch}`)).toBe("Ada");
    expect(withoutInvisibleFormatting("José Ñúñez-O'Brien 李 محمد")).toBe("José Ñúñez-O'Brien 李 محمد");
    // "\u202Eeil" shows as "lie"; kept, it is the letters as typed.
    expect(withoutInvisibleFormatting("\u202Eeil")).toBe("eil");
  });

  it("keeps a required name stripped and trimmed, and refuses one that was only such characters", () => {
    const schema = nameText("the name", 10);
    expect(schema.parse(" \u202EAda\u200B ")).toBe("Ada");
    const blank = schema.safeParse("\u202E\u200B\u2066");
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0]?.message).toBe("Enter the name in letters you can see.");
    expect(schema.safeParse("").error?.issues[0]?.message).toBe("Enter the name.");
    // Measured after stripping: invisible padding neither fills nor overflows the limit.
    expect(schema.parse(`${"\u200B".repeat(50)}Ada Lovela`)).toBe("Ada Lovela");
    expect(schema.safeParse("Ada Lovelace").success).toBe(false);
  });

  it("leaves an optional name out when blank, and refuses one that was only such characters", () => {
    const schema = optionalNameText("the preferred name", 80);
    expect(schema.parse("")).toBeUndefined();
    expect(schema.parse(undefined)).toBeUndefined();
    expect(schema.parse("\u2067Sam\u2069")).toBe("Sam");
    expect(schema.safeParse("\uFEFF").success).toBe(false);
  });

  it("applies to client names, staff names, outside therapists' names and typed signatures", () => {
    const client = clientInvitationSchema.parse({
      legalFirstName: "\u202EAda",
      legalLastName: "Love\u200Dlace",
      preferredName: "\u200FAddie",
      email: "ada@test.example",
      dateOfBirth: "1990-01-01",
      state: "CA",
    });
    expect([client.legalFirstName, client.legalLastName, client.preferredName]).toEqual([
      "Ada",
      "Lovelace",
      "Addie",
    ]);
    const emptied = clientInvitationSchema.safeParse({
      legalFirstName: "\u200B",
      legalLastName: "Lovelace",
      email: "ada@test.example",
      dateOfBirth: "1990-01-01",
      state: "CA",
    });
    expect(emptied.error?.issues.map((i) => i.path.join("."))).toEqual(["legalFirstName"]);

    const staff = staffInvitationSchema.parse({
      name: "Dr \u2066Lee\u2069",
      email: "l@test.example",
      role: "ADMIN",
    });
    expect(staff.name).toBe("Dr Lee");

    const therapist = outsideTherapistStep.parse({
      hasOutsideTherapist: "yes",
      name: "\u202EJo Moss",
      organization: "\u200BCalm Minds",
    });
    expect([therapist.name, therapist.organization]).toEqual(["Jo Moss", "Calm Minds"]);
    // Only invisible characters is no name: the step asks for one.
    expect(outsideTherapistStep.safeParse({ hasOutsideTherapist: "yes", name: "\u202E" }).success).toBe(
      false,
    );

    const contact = contactStep.safeParse({
      phone: "555-0100",
      addressLine: "1 Main St",
      emergencyContactName: "\u2060\u200B",
      emergencyContactPhone: "555-0101",
      emergencyContactRelation: "sister",
    });
    expect(contact.error?.issues.map((i) => i.path.join("."))).toEqual(["emergencyContactName"]);

    const signed = signConsentSchema.parse({
      kind: "KAP_INFORMED_CONSENT",
      documentId: "abc123",
      typedName: "\u202EAda Lovelace",
    });
    expect(signed.typedName).toBe("Ada Lovelace");
    expect(
      signConsentSchema.safeParse({
        kind: "KAP_INFORMED_CONSENT",
        documentId: "abc123",
        typedName: "\u200BA\u200Bb",
      }).error?.issues[0]?.message,
    ).toBe("Type your full legal name to sign.");
  });
});
