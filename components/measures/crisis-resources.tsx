/** Shown at once when an answer suggests risk of self-harm. US resources. */
export function CrisisResources() {
  return (
    <section
      aria-labelledby="crisis-title"
      role="status"
      className="rounded-lg border-2 border-red-300 bg-red-50 p-5 text-red-950"
      data-testid="crisis-resources"
    >
      <h2 id="crisis-title" className="text-lg font-semibold">
        You don&apos;t have to face this alone
      </h2>
      <p className="mt-2">
        Some of your answers tell us you may be having thoughts of harming yourself. Your care team has been
        told and will reach out to you.
      </p>
      <ul className="mt-3 space-y-2">
        <li>
          <strong>Call or text 988</strong> (Suicide &amp; Crisis Lifeline), any time, day or night.{" "}
          <a className="underline" href="tel:988">
            Call 988
          </a>{" "}
          ·{" "}
          <a className="underline" href="sms:988">
            Text 988
          </a>
        </li>
        <li>
          If you are in immediate danger, <strong>call 911</strong> or go to the nearest emergency room.
        </li>
        <li>Veterans: call 988 and press 1.</li>
      </ul>
    </section>
  );
}
