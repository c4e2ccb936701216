/**
 * Starting texts for a practice's consent documents, covering every element of
 * docs/clinical-rules.md §5. A practice publishes its own versions (Admin → Consents); these
 * are what a new practice begins with, to be reviewed by the clinic before use.
 */

export const CONSENT_KIND_LABEL = {
  KAP_INFORMED_CONSENT: "KAP informed consent",
  RELEASE_OF_INFORMATION: "Release of information to your outside therapist",
} as const;
export type ConsentKind = keyof typeof CONSENT_KIND_LABEL;

export const DEFAULT_KAP_CONSENT = {
  title: "Informed consent for Ketamine-Assisted Psychotherapy (KAP)",
  body: `This document explains Ketamine-Assisted Psychotherapy (KAP) at our practice so that you can decide whether to take part. Please read all of it. Ask your therapist or prescriber about anything that is unclear before you sign.

1. What ketamine is and its legal status
Ketamine is a medicine approved in the United States as an anaesthetic. It is a Schedule III controlled substance. Its use for depression, anxiety, post-traumatic stress and other mental health conditions is "off-label": your prescriber may lawfully prescribe it, but the FDA has not approved ketamine itself for these uses.

2. How it works and how your dose is chosen
At lower-than-anaesthetic doses ketamine changes how parts of the brain communicate and can open a window of days in which change in therapy feels more possible. Psychotherapy is the core of KAP; the medicine supports it. Your prescriber chooses your dose and route based on your medical history, your response in earlier sessions and your safety. The first one or two dosing sessions are usually "dose finding". This portal records what your prescriber orders; it never proposes a dose.

3. Route and setting
Most KAP uses tablets or lozenges that dissolve under the tongue or in the cheek (sublingual or buccal). Some practices use an injection into a muscle (intramuscular) or a slow drip into a vein (intravenous). Dosing sessions last two to three hours, in our office with your therapist present, or remotely with a trusted adult (a chaperone) with you, as agreed with your care team. Your blood pressure, heart rate and oxygen level are checked before the dose and at set times during the session.

4. What you may feel
Expected effects include feeling detached from your body or surroundings (dissociation), changes in how you see, hear and feel, and a changed sense of time. These usually begin within minutes and fade over one to two hours.

5. Risks and side effects
- A rise in blood pressure and heart rate during the session.
- Nausea or vomiting, dizziness, blurred vision, unsteadiness and drowsiness.
- Confusion, anxiety or distressing experiences during the session.
- Misuse and dependence: ketamine can be misused; tell us about any past problems with ketamine or other substances.
- Bladder problems (pain, frequent or urgent urination) with frequent, long-term use.
- There is no guarantee that KAP will help you.
Rare but serious risks include a severe rise in blood pressure and slowed breathing; this is why we monitor you and have rescue medicines ready.

6. Alternatives
Other treatments include psychotherapy without medicine, antidepressant and other medicines, esketamine nasal spray (Spravato), transcranial magnetic stimulation (TMS) and electroconvulsive therapy (ECT). You may choose any of these instead of KAP.

7. Preparing for a dosing session
- Do not eat for at least 4 hours and do not drink clear liquids for at least 2 hours before the session (your clinic's settings may differ; your care team will tell you).
- Do not take alcohol, benzodiazepines, cannabis, opioids or stimulants in the 24 hours before, unless your prescriber says otherwise.
- Arrange for an adult to take you home. Do not drive, cycle or operate machinery until the next day.
If you are not prepared, the session may be postponed for your safety.

8. Rescue medicines
If needed, your care team may give you medicines such as ondansetron (for nausea), clonidine (for high blood pressure) or lorazepam (for severe anxiety or agitation), as your prescriber orders.

9. Your right to withdraw
Taking part is voluntary. You may stop KAP at any time, including during a series, without affecting your right to other care at our practice.

10. What your care team shares
Your KAP therapist and prescriber share with each other what they need to care for you safely: your intake, screening, measures, vitals and session records. With your separate written permission (a release of information) we share agreed summaries with your outside therapist, for the time you choose. Psychotherapy notes are never shared without your specific consent. You can revoke a release at any time.

11. Emergencies
During a session, your care team follows its emergency plan, which may include calling 911. Between sessions, if you are in crisis, call or text 988 (Suicide & Crisis Lifeline) or call 911. Keep your emergency contact's details up to date in the portal.

12. Pregnancy
Ketamine is not used during pregnancy or breastfeeding. If you could become pregnant, you agree to tell us at once if you are or may be pregnant, or if you start breastfeeding.

13. Fees
Our fees for preparation, dosing and integration sessions and for prescriber visits are listed in the fee schedule you received. KAP is often not covered by insurance; we can give you a superbill to claim out-of-network reimbursement. Ask us about missed-appointment fees before you begin.

By typing your full legal name below you confirm that you have read this document, had the chance to ask questions, and agree to take part in Ketamine-Assisted Psychotherapy.`,
} as const;

/** The release names the outside provider and the categories shared; {{provider}} is filled in. */
export const DEFAULT_RELEASE = {
  title: "Authorization to release information to your outside therapist",
  body: `I authorize the KAP care team of this practice to share information about my Ketamine-Assisted Psychotherapy with the outside provider named below, so that my care can be coordinated.

Outside provider: {{provider}}

Information that may be shared: attendance and the schedule of my KAP series; the outcome of my eligibility screening (not the clinical details); summaries of my progress and my questionnaire scores; safety concerns that require coordination.

Information that will NOT be shared: psychotherapy notes, and anything beyond the categories above, without my separate written consent.

This authorization lasts for 12 months from the date I sign it unless I revoke it earlier. I may revoke it at any time by telling my care team in writing; revoking does not undo information already shared. My treatment does not depend on signing this authorization. Information shared with my outside provider may no longer be protected by the same privacy rules.

By typing my full legal name below I authorize this release.`,
} as const;

export const RELEASE_CATEGORIES = ["attendance", "screening-outcome", "progress-summary", "safety"] as const;
export const RELEASE_MONTHS = 12;

export function fillReleaseBody(
  body: string,
  provider: { name: string; credentials?: string | null; organization?: string | null },
) {
  const who = [provider.name, provider.credentials, provider.organization].filter(Boolean).join(", ");
  return body.replaceAll("{{provider}}", who);
}

/** Signatures match the client's legal name, ignoring case, accents and extra spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export const typedNameMatches = (typed: string, legal: { first: string; last: string }) =>
  normaliseName(typed) === normaliseName(`${legal.first} ${legal.last}`);
