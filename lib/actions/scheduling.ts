"use server";

import { createCalendarFeed, revokeCalendarFeed } from "@/lib/server/scheduling/calendar-feed";
import { createSeries, previewSeries } from "@/lib/server/scheduling/series-planning";
import {
  cancelSession,
  changeSessionStatus,
  endSessionEarly,
  recordAttendance,
  rescheduleSession,
} from "@/lib/server/scheduling/session-changes";
import { shiftSeries } from "@/lib/server/scheduling/shift-series";
import { noInputSchema } from "@/lib/validation/auth";
import {
  cancelSessionSchema,
  createSeriesSchema,
  endSessionEarlySchema,
  planSeriesSchema,
  recordAttendanceSchema,
  rescheduleSessionSchema,
  sessionStatusSchema,
  shiftSeriesSchema,
} from "@/lib/validation/scheduling";
import { action } from "./define";

/** Every series page shows sessions: a change to one re-renders them all. */
const SERIES: [string, "layout"] = ["/series", "layout"];

export const previewSeriesAction = action(planSeriesSchema, (actor, input) => previewSeries(actor, input));

export const createSeriesAction = action(createSeriesSchema, (actor, input) => createSeries(actor, input));

export const rescheduleSessionAction = action(
  rescheduleSessionSchema,
  (actor, input) => rescheduleSession(actor, input),
  { revalidate: SERIES },
);

export const changeSessionStatusAction = action(
  sessionStatusSchema,
  (actor, input) => changeSessionStatus(actor, input),
  { revalidate: SERIES },
);

export const cancelSessionAction = action(
  cancelSessionSchema,
  (actor, input) => cancelSession(actor, input),
  {
    revalidate: SERIES,
  },
);

export const endSessionEarlyAction = action(
  endSessionEarlySchema,
  (actor, input) => endSessionEarly(actor, input),
  { revalidate: SERIES },
);

export const recordAttendanceAction = action(
  recordAttendanceSchema,
  (actor, input) => recordAttendance(actor, input),
  { revalidate: SERIES },
);

export const shiftSeriesAction = action(shiftSeriesSchema, (actor, input) => shiftSeries(actor, input), {
  revalidate: SERIES,
});

export const createCalendarFeedAction = action(noInputSchema, (actor) => createCalendarFeed(actor));

export const revokeCalendarFeedAction = action(noInputSchema, (actor) => revokeCalendarFeed(actor));
