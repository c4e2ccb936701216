"use client";

import dynamic from "next/dynamic";

/**
 * The form (react-hook-form and the zod schema) is fetched only on pages that
 * show a question, not with every portal home that could show one.
 */
export const AnswerRequestForm = dynamic(() =>
  import("./answer-request-fields").then((m) => m.AnswerRequestFields),
);
