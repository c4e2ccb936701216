"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import {
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  get,
  type Path,
  type Resolver,
  set,
  type UseFormReturn,
  useForm,
} from "react-hook-form";
import type { z } from "zod";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { fieldError, fieldShown, placeServerErrors, UNREACHABLE, unplacedMessages } from "./form-errors";
import { useHydrated } from "./use-hydrated";

/**
 * The schema a form checks before sending: the one its action declares. Either
 * the schema itself, or a function that imports it, for pages that keep zod out
 * of their first load: it is then fetched when the form is first focused.
 */
export type SchemaSource<S extends z.ZodType<unknown, FieldValues>> = S | (() => Promise<S>);

export type ActionFormOptions<S extends z.ZodType<unknown, FieldValues>, T, V extends FieldValues> = {
  schema: SchemaSource<S>;
  defaultValues?: NoInfer<DefaultValues<V>>;
  /**
   * The action's input from the form's values, when they differ: ids and
   * versions from the page (read when sending, so a refreshed page sends the
   * current version), a time of day as an instant. Keep the field names: errors
   * come back by the input's paths and show on the fields of the same name.
   */
  toInput?: (values: V) => z.input<S>;
  /** Checks the schema cannot make (it does not know the page): messages by field. */
  check?: (values: NoInfer<V>) => Partial<Record<Path<NoInfer<V>>, string>> | undefined;
  /** Asked (window.confirm) after the checks pass and before sending; cancelling sends nothing. */
  confirm?: string | ((values: NoInfer<V>) => string);
  /** The form's message when the checks in the browser fail (by default only the fields say it). */
  invalidMessage?: string | ((errorCount: number) => string);
  /** Runs after the action succeeded, before any reset, refresh or navigation. */
  onSuccess?: (data: T, values: NoInfer<V>) => void | Promise<void>;
  /** A message to show once the action succeeded. */
  successMessage?: (data: T, values: NoInfer<V>) => string;
  /**
   * After success: "submitted" keeps what was sent as the form's new starting
   * point (no longer "changed"); a function gives the values to start again from.
   */
  reset?: "submitted" | ((data: T, values: NoInfer<V>) => DefaultValues<NoInfer<V>>);
  /** Re-render the page's server data after success (a refusal with CONFLICT always does). */
  refresh?: boolean;
  /** Go to this page after success. */
  redirectTo?: string | ((data: T, values: NoInfer<V>) => string);
  /** Runs after the action refused, once the errors are on the fields. */
  onError?: (error: ActionError) => void;
  /** Runs when the checks in the browser fail (nothing is sent). */
  onInvalid?: () => void;
};

export type ActionForm<V extends FieldValues> = {
  form: UseFormReturn<V>;
  register: UseFormReturn<V>["register"];
  /** The error to show on a field (its own, or the first one below it). */
  error: (path: Path<V>) => string | undefined;
  /** The form's own message: a refusal's message and what no field shows. */
  message: string | null;
  setMessage: (message: string | null) => void;
  /** Set by `successMessage` once the action succeeded. */
  success: string | null;
  pending: boolean;
  /** Hydrated: submit stays disabled until then, so nothing is sent from a page still loading. */
  ready: boolean;
  /** Spread on the <form>: submit, no browser validation, `data-ready` once hydrated. */
  formProps: {
    onSubmit: (e?: React.BaseSyntheticEvent) => Promise<void>;
    onFocus: () => void;
    method: "post";
    noValidate: true;
    "data-ready": true | undefined;
  };
};

let resolverModule: Promise<typeof import("@hookform/resolvers/zod")> | undefined;
/** zodResolver, fetched once for every form (it is not part of any page's first load). */
const loadZodResolver = () => {
  resolverModule ??= import("@hookform/resolvers/zod").catch((e) => {
    resolverModule = undefined;
    throw e;
  });
  return resolverModule;
};

/**
 * A form that sends its values to a server action: react-hook-form with the
 * action's zod schema checked in the browser first, then the action's answer
 * put on the fields (focusing the first) and the rest in `message`. Nothing
 * typed is ever cleared by a refusal. A CONFLICT refusal also refreshes the page
 * so that it shows the current record (the next try then succeeds or says why not).
 */
export function useActionForm<
  S extends z.ZodType<unknown, FieldValues>,
  T,
  V extends FieldValues = z.input<S>,
>(
  action: (input: z.input<NoInfer<S>>) => Promise<ActionResult<T>>,
  options: ActionFormOptions<S, T, V>,
): ActionForm<V> {
  const router = useRouter();
  const ready = useHydrated();
  const [message, setMessage] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  // The latest props: ids and versions are read when sending, not when the form was first drawn.
  const latest = useRef({ action, options });
  useEffect(() => {
    latest.current = { action, options };
  });

  const schema = useRef<Promise<S> | null>(null);
  const loadSchema = () => {
    const source = latest.current.options.schema;
    if (typeof source !== "function") return Promise.resolve(source);
    schema.current ??= (source as () => Promise<S>)().catch((e) => {
      schema.current = null;
      throw e;
    });
    return schema.current;
  };
  const preload = () => {
    void Promise.all([loadZodResolver(), loadSchema()]).catch(() => {});
  };

  const [resolver] = useState(
    (): Resolver<V> => async (values, context, resolverOptions) => {
      const { options } = latest.current;
      const input = options.toInput ? options.toInput(values) : values;
      let errors: FieldErrors<V> = {};
      let tools: [typeof import("@hookform/resolvers/zod"), S] | null = null;
      try {
        tools = await Promise.all([loadZodResolver(), loadSchema()]);
      } catch {
        // Offline, or Kapstone was updated meanwhile: the server checks the same schema when sending.
      }
      if (tools) {
        const [{ zodResolver }, s] = tools;
        // `raw`: the action gets what was typed and parses it itself.
        const check = zodResolver(s as never, undefined, { raw: true }) as unknown as Resolver<FieldValues>;
        errors = (await check(input as FieldValues, context, resolverOptions as never))
          .errors as FieldErrors<V>;
      }
      for (const [name, text] of Object.entries(options.check?.(values) ?? {})) {
        if (typeof text === "string" && !get(errors, name))
          set(errors, name, { type: "check", message: text });
      }
      return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
    },
  );

  const form = useForm<V>({ resolver, defaultValues: options.defaultValues });

  const onSubmit = form.handleSubmit(
    async (values) => {
      const { action, options } = latest.current;
      setMessage(null);
      setSuccess(null);
      if (options.confirm) {
        const question = typeof options.confirm === "function" ? options.confirm(values) : options.confirm;
        if (!window.confirm(question)) return;
      }
      let result: ActionResult<T>;
      try {
        result = await action(options.toInput ? options.toInput(values) : (values as z.input<S>));
      } catch {
        setMessage(`${UNREACHABLE} What you typed is still here.`);
        return;
      }
      if (!result.ok) {
        const placed = placeServerErrors(result, fieldShown(form.control));
        placed.onFields.forEach(([name, text], i) => {
          form.setError(name as Path<V>, { type: "server", message: text }, { shouldFocus: i === 0 });
        });
        setMessage(placed.message);
        // Someone else changed the record: show the current one, keeping what was typed.
        if (result.code === "CONFLICT") router.refresh();
        options.onError?.(result);
        return;
      }
      await options.onSuccess?.(result.data, values);
      if (options.successMessage) setSuccess(options.successMessage(result.data, values));
      if (options.reset)
        form.reset(options.reset === "submitted" ? values : options.reset(result.data, values));
      if (options.redirectTo) {
        const to = options.redirectTo;
        router.push(typeof to === "function" ? to(result.data, values) : to);
      } else if (options.refresh) router.refresh();
    },
    (errors) => {
      const { options } = latest.current;
      setSuccess(null);
      // A rule of the whole form (or a value no field shows) would otherwise block sending silently.
      const rest = unplacedMessages(errors, fieldShown(form.control));
      const count = Object.keys(errors).length;
      const general =
        typeof options.invalidMessage === "function" ? options.invalidMessage(count) : options.invalidMessage;
      const lines = [general, ...rest].filter(Boolean);
      setMessage(lines.length ? lines.join(" ") : null);
      options.onInvalid?.();
    },
  );

  return {
    form,
    register: form.register,
    error: (path) => fieldError(form.formState.errors, path),
    message,
    setMessage,
    success,
    pending: form.formState.isSubmitting,
    ready,
    formProps: {
      onSubmit,
      onFocus: preload,
      method: "post",
      noValidate: true,
      "data-ready": ready || undefined,
    },
  };
}
