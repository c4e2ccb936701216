"use client";

import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { changeUserRoleAction, setUserDisabledAction } from "@/lib/actions/admin";
import { resetMfaAction } from "@/lib/actions/auth";
import { STAFF_ROLE_OPTIONS } from "@/lib/validation/invitations";

const LABEL: Record<string, string> = { THERAPIST: "Therapist", PRESCRIBER: "Prescriber", ADMIN: "Admin" };

/** Disable/enable, role change and two-step reset for one user; each ends the user's sessions at once. */
export function UserActions({
  user,
}: {
  user: { id: string; name: string; role: string; disabled: boolean; twoStep?: boolean };
}) {
  const { run, pending, message } = useAction({ refresh: false });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {user.role !== "CLIENT" ? (
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.name}
        </label>
      ) : null}
      {user.role !== "CLIENT" ? (
        <Select
          id={`role-${user.id}`}
          className="h-8 w-36 py-0"
          value={user.role}
          disabled={pending}
          onChange={(e) => {
            const role = e.target.value as (typeof STAFF_ROLE_OPTIONS)[number];
            if (window.confirm(`Change ${user.name}'s role to ${LABEL[role]}? They will be signed out.`)) {
              void run(() => changeUserRoleAction({ userId: user.id, role }));
            }
          }}
        >
          {STAFF_ROLE_OPTIONS.map((r) => (
            <option key={r} value={r}>
              {LABEL[r]}
            </option>
          ))}
        </Select>
      ) : null}
      <Button
        size="sm"
        variant="secondary"
        className={user.disabled ? undefined : "text-red-800"}
        disabled={pending}
        onClick={() => {
          if (user.disabled || window.confirm(`Disable ${user.name}? They will be signed out everywhere.`)) {
            void run(() => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }));
          }
        }}
      >
        {user.disabled ? "Enable" : "Disable"}
      </Button>
      {user.twoStep ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            const question = `Reset ${user.name}'s two-step sign-in (lost phone)? They will be signed out everywhere and can sign in with their password alone until they set it up again.`;
            if (window.confirm(question)) void run(() => resetMfaAction({ userId: user.id }));
          }}
        >
          Reset two-step sign-in
        </Button>
      ) : null}
      {message ? (
        <p className="w-full text-sm text-red-700" aria-live="assertive">
          {message}
        </p>
      ) : null}
    </div>
  );
}
