/** Where a client stands in the KAP pathway, in the words each audience reads. */
export const CLIENT_STAGES = [
  "REFERRED",
  "INVITED",
  "INTAKE_IN_PROGRESS",
  "AWAITING_SCREENING",
  "SCREENING_NEEDS_INFO",
  "ELIGIBLE",
  "NOT_ELIGIBLE",
  "IN_SERIES",
  "COMPLETED",
] as const;
export type ClientStage = (typeof CLIENT_STAGES)[number];

export const STAGE_LABEL: Record<ClientStage, string> = {
  REFERRED: "Referred",
  INVITED: "Invited",
  INTAKE_IN_PROGRESS: "Intake in progress",
  AWAITING_SCREENING: "Awaiting screening",
  SCREENING_NEEDS_INFO: "Screening: needs information",
  ELIGIBLE: "Eligible",
  NOT_ELIGIBLE: "Not eligible",
  IN_SERIES: "In a KAP series",
  COMPLETED: "Series completed",
};

/** What the client reads on their home page: plain words, never clinical rationale. */
export const STAGE_FOR_CLIENT: Record<ClientStage, { title: string; next: string }> = {
  REFERRED: { title: "Welcome", next: "Your clinic will send you an invitation to get started." },
  INVITED: { title: "Welcome", next: "Complete your intake forms to get started." },
  INTAKE_IN_PROGRESS: {
    title: "Intake in progress",
    next: "Finish your intake forms, questionnaires and consent. Your answers are saved as you go.",
  },
  AWAITING_SCREENING: {
    title: "Your intake is with the prescriber",
    next: "A prescriber is reviewing your intake. You will hear from your clinic about next steps.",
  },
  SCREENING_NEEDS_INFO: {
    title: "We need a little more information",
    next: "Your prescriber has a question for you. Please answer it so your review can continue.",
  },
  ELIGIBLE: {
    title: "You can begin KAP",
    next: "Your therapist will schedule your preparation and dosing sessions with you.",
  },
  NOT_ELIGIBLE: {
    title: "KAP is not recommended for you right now",
    next: "Your care team will talk with you about other options.",
  },
  IN_SERIES: { title: "Your KAP series", next: "See your upcoming sessions and how to prepare for each." },
  COMPLETED: { title: "Series complete", next: "Your care team may ask you for follow-up questionnaires." },
};
