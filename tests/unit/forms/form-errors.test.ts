import { createFormControl } from "react-hook-form";
import { describe, expect, it } from "vitest";
import {
  fieldError,
  fieldFor,
  fieldShown,
  flattenErrors,
  placeServerErrors,
  unplacedMessages,
} from "@/components/forms/form-errors";
import type { ActionError } from "@/lib/actions/result";

/** The fields a form has on the screen. */
const shown =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name);

const refusal = (fieldErrors: Record<string, string[]>, message = "Please correct the highlighted fields.") =>
  ({ ok: false, code: "VALIDATION", message, fieldErrors }) satisfies ActionError;

describe("server field errors on the form's fields", () => {
  it("puts each error on its field, nested paths included, and keeps the server's message", () => {
    const placed = placeServerErrors(
      refusal({
        "medications.2.name": ["Enter the medicine's name."],
        email: ["That e-mail already has an account.", "Second message is not shown."],
      }),
      shown("medications.2.name", "email", "phone"),
    );
    expect(placed.onFields).toEqual([
      ["medications.2.name", "Enter the medicine's name."],
      ["email", "That e-mail already has an account."],
    ]);
    expect(placed.message).toBe("Please correct the highlighted fields.");
  });

  it("sends _form and errors for no field on the screen to the form's message", () => {
    const placed = placeServerErrors(
      refusal({
        _form: ["The series overlaps another one."],
        recordId: ["Invalid id."],
        name: ["Enter a name."],
      }),
      shown("name"),
    );
    expect(placed.onFields).toEqual([["name", "Enter a name."]]);
    expect(placed.message).toBe(
      "Please correct the highlighted fields. The series overlaps another one. Invalid id.",
    );
  });

  it("says the specific problem instead of pointing at highlighted fields when none is highlighted", () => {
    const placed = placeServerErrors(refusal({ _form: ["Choose at least one state."] }), shown("name"));
    expect(placed.onFields).toEqual([]);
    expect(placed.message).toBe("Choose at least one state.");
  });

  it("shows an element's error on the list's field", () => {
    const placed = placeServerErrors(
      refusal({ "licenseStates.0": ["Choose a US state."] }),
      shown("licenseStates"),
    );
    expect(placed.onFields).toEqual([["licenseStates", "Choose a US state."]]);
  });

  it("keeps the first message when two paths land on the same field", () => {
    const placed = placeServerErrors(
      refusal({ "licenseStates.0": ["First."], "licenseStates.1": ["Second."] }),
      shown("licenseStates"),
    );
    expect(placed.onFields).toEqual([["licenseStates", "First."]]);
  });

  it("does not repeat a message that is also the server's message", () => {
    const problem = "400 mg is above the ordered 300 mg; a dose is never given above the order.";
    const placed = placeServerErrors(refusal({ _form: [problem] }, problem), shown("mg"));
    expect(placed.message).toBe(problem);
  });

  it("keeps a refusal without field errors as the form's message", () => {
    const placed = placeServerErrors(
      { ok: false, code: "CONFLICT", message: "Someone else changed this record; it is shown as it is now." },
      shown("reason"),
    );
    expect(placed).toEqual({
      onFields: [],
      message: "Someone else changed this record; it is shown as it is now.",
    });
  });
});

describe("where an error shows", () => {
  it("on the field itself, else the nearest field above it, else nowhere", () => {
    const isField = shown("escort.chaperoneName", "licenseStates");
    expect(fieldFor("escort.chaperoneName", isField)).toBe("escort.chaperoneName");
    expect(fieldFor("licenseStates.3", isField)).toBe("licenseStates");
    expect(fieldFor("escort", isField)).toBeNull();
    expect(fieldFor("_form", isField)).toBeNull();
    expect(fieldFor("", isField)).toBeNull();
  });
});

describe("react-hook-form's error tree", () => {
  const errors = {
    name: { type: "too_small", message: "Enter a name." },
    medications: [undefined, undefined, { name: { type: "custom", message: "Enter the medicine's name." } }],
    licenseStates: [{ type: "custom", message: "Choose a US state." }],
    root: { type: "network", message: "The page could not reach Kapstone." },
  };

  it("flattens to dotted paths", () => {
    expect(flattenErrors(errors as never)).toEqual([
      ["name", "Enter a name."],
      ["medications.2.name", "Enter the medicine's name."],
      ["licenseStates.0", "Choose a US state."],
      ["root", "The page could not reach Kapstone."],
    ]);
  });

  it("gives a field its own message or the first one below it", () => {
    expect(fieldError(errors as never, "name")).toBe("Enter a name.");
    expect(fieldError(errors as never, "medications.2.name")).toBe("Enter the medicine's name.");
    expect(fieldError(errors as never, "licenseStates")).toBe("Choose a US state.");
    expect(fieldError(errors as never, "email")).toBeUndefined();
  });

  it("lists what no field on the screen shows, once each", () => {
    expect(unplacedMessages(errors as never, shown("name", "medications.2.name", "licenseStates"))).toEqual([
      "The page could not reach Kapstone.",
    ]);
  });
});

describe("the fields on the screen", () => {
  it("are the registered inputs that are mounted, nested names included", () => {
    const { control, register } = createFormControl<{ name: string; escort: { chaperoneName: string } }>({
      defaultValues: { name: "", escort: { chaperoneName: "" } },
    });
    const isField = fieldShown(control);
    expect(isField("name")).toBe(false);
    const input = (name: string) => ({ name, type: "text", value: "", focus() {} });
    register("name").ref(input("name"));
    register("escort.chaperoneName").ref(input("escort.chaperoneName"));
    expect(isField("name")).toBe(true);
    expect(isField("escort.chaperoneName")).toBe(true);
    expect(isField("escort")).toBe(false);
    // The input left the screen (a section that closed).
    register("escort.chaperoneName").ref(null);
    expect(isField("escort.chaperoneName")).toBe(false);
  });
});
