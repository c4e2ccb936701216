import { Notice } from "@/components/ui/notice";

/**
 * A form's own message: what went wrong (announced at once), else what went
 * right. `of` is what useActionForm (or useAction) returns.
 */
export function FormNotice({
  of,
  testId = "form-error",
  successTestId = "form-success",
  className,
}: {
  of: { message: string | null; success?: string | null };
  testId?: string;
  successTestId?: string;
  className?: string;
}) {
  if (of.message) {
    return (
      <Notice tone="danger" live="assertive" data-testid={testId} className={className}>
        {of.message}
      </Notice>
    );
  }
  if (of.success) {
    return (
      <Notice tone="success" live="polite" data-testid={successTestId} className={className}>
        {of.success}
      </Notice>
    );
  }
  return null;
}
