import { Card, CardTitle } from "@/components/ui/card";
import { ChangePasswordForm } from "./change-password-form";

/** "Password" on the staff security page and the portal's account page. */
export function PasswordSection({ email, className }: { email: string; className?: string }) {
  return (
    <Card className={className} aria-labelledby="password-heading">
      <CardTitle id="password-heading">Password</CardTitle>
      <p className="mt-1 mb-4 text-sm text-slate-700">
        Changing it needs your current password. You stay signed in here, and every other device where you are
        signed in is signed out.
      </p>
      <ChangePasswordForm email={email} />
    </Card>
  );
}
