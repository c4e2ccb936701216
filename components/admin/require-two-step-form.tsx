"use client";

import Link from "next/link";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { setPracticeSecurityAction } from "@/lib/actions/admin";

/**
 * "Require two-step sign-in for all staff" (docs/security.md S5). An admin without two-step
 * sign-in is told to set up their own first; the server refuses them too.
 */
export function RequireTwoStepForm({
  requireTwoStep,
  adminHasTwoStep,
}: {
  requireTwoStep: boolean;
  adminHasTwoStep: boolean;
}) {
  const f = useActionForm(setPracticeSecurityAction, {
    schema: () => import("@/lib/validation/practice-settings").then((m) => m.practiceSecurityInputSchema),
    defaultValues: { requireTwoStep },
    reset: "submitted",
    refresh: true,
    successMessage: (saved) =>
      saved.requireTwoStep
        ? "Two-step sign-in is now required: staff without it set it up at their next page."
        : "Two-step sign-in is no longer required.",
  });
  return (
    <form {...f.formProps} className="space-y-3" data-testid="require-two-step-form">
      <FormNotice of={f} testId="require-two-step-error" successTestId="require-two-step-saved" />
      {!adminHasTwoStep && !requireTwoStep ? (
        <Notice tone="warning" data-testid="require-two-step-own-first">
          Set up two-step sign-in for yourself first, on{" "}
          <Link className="underline" href="/account/security">
            Account security
          </Link>
          : otherwise the requirement would lock you out.
        </Notice>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-teal-700"
          disabled={!adminHasTwoStep && !requireTwoStep}
          {...f.register("requireTwoStep")}
        />
        <span>
          <span className="font-medium">Require two-step sign-in for all staff</span>
          <span className="block text-slate-600">
            Staff without it are taken to set it up when they next sign in or open a page, and can open
            nothing else until it is on. An admin reset of someone&apos;s two-step sign-in has them set it up
            again.
          </span>
        </span>
      </label>
      <Button type="submit" variant="secondary" disabled={f.pending || !f.ready}>
        {f.pending ? "Saving…" : "Save sign-in rule"}
      </Button>
    </form>
  );
}
