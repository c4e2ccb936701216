import type { ClientStage } from "@/lib/domain/clients/stages";
import demo from "../demo-accounts.json" with { type: "json" };
import { DEMO_EMAIL_DOMAIN } from "./accounts";

export type DemoClient = {
  key: string;
  first: string;
  last: string;
  pronouns?: string;
  dob: string;
  state: string;
  stage: ClientStage;
  therapist: string;
  prescriber?: string;
  /** Clients past the invitation have a portal account (password: the demo password). */
  email?: string;
};

const account = (first: string) => `${first.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`;

/** Thirteen fictional clients, one or more at each stage of the KAP pathway. */
export const DEMO_CLIENTS: DemoClient[] = [
  {
    key: "jordan",
    first: "Jordan",
    last: "Blake",
    dob: "1988-03-14",
    state: "CA",
    stage: "INVITED",
    therapist: "therapist",
  },
  {
    key: "sam",
    first: "Sam",
    last: "Whitaker",
    dob: "1979-07-02",
    state: "OR",
    stage: "INVITED",
    therapist: "therapist2",
  },
  {
    key: "alex",
    first: "Alex",
    last: "Rivera",
    pronouns: "they/them",
    dob: "1991-09-21",
    state: "CA",
    stage: "INTAKE_IN_PROGRESS",
    therapist: "therapist",
    email: demo.clientSignIn.email,
  },
  {
    key: "casey",
    first: "Casey",
    last: "Morgan",
    dob: "1985-12-05",
    state: "CA",
    stage: "INTAKE_IN_PROGRESS",
    therapist: "therapist",
    email: account("casey"),
  },
  {
    key: "riley",
    first: "Riley",
    last: "Chen",
    dob: "1993-04-17",
    state: "CA",
    stage: "AWAITING_SCREENING",
    therapist: "therapist",
    email: account("riley"),
  },
  {
    key: "taylor",
    first: "Taylor",
    last: "Brooks",
    dob: "1970-01-30",
    state: "WA",
    stage: "AWAITING_SCREENING",
    therapist: "therapist2",
    email: account("taylor"),
  },
  {
    key: "morgan",
    first: "Morgan",
    last: "Ellis",
    dob: "1982-06-11",
    state: "CA",
    stage: "ELIGIBLE",
    therapist: "therapist",
    prescriber: "prescriber",
    email: account("morgan"),
  },
  {
    key: "jamie",
    first: "Jamie",
    last: "Patel",
    dob: "1990-10-09",
    state: "OR",
    stage: "ELIGIBLE",
    therapist: "therapist2",
    prescriber: "prescriber",
    email: account("jamie"),
  },
  {
    key: "quinn",
    first: "Quinn",
    last: "Harper",
    dob: "1987-02-25",
    state: "CA",
    stage: "IN_SERIES",
    therapist: "therapist",
    prescriber: "prescriber",
    email: account("quinn"),
  },
  {
    key: "noah",
    first: "Noah",
    last: "Sullivan",
    dob: "1984-08-08",
    state: "CA",
    stage: "IN_SERIES",
    therapist: "therapist",
    prescriber: "prescriber",
    email: account("noah"),
  },
  {
    key: "emma",
    first: "Emma",
    last: "Sullivan",
    dob: "1986-05-19",
    state: "CA",
    stage: "IN_SERIES",
    therapist: "therapist",
    prescriber: "prescriber",
    email: account("emma"),
  },
  {
    key: "avery",
    first: "Avery",
    last: "Kim",
    dob: "1975-11-03",
    state: "CA",
    stage: "COMPLETED",
    therapist: "therapist",
    prescriber: "prescriber2",
    email: account("avery"),
  },
  {
    key: "drew",
    first: "Drew",
    last: "Foster",
    dob: "1995-03-28",
    state: "CA",
    stage: "NOT_ELIGIBLE",
    therapist: "therapist2",
    prescriber: "prescriber2",
    email: account("drew"),
  },
];
