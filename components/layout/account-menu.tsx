"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { signOutAction } from "@/lib/actions/auth";

const menuItems = (root: HTMLElement | null) => [
  ...(root?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []),
];

/**
 * The signed-in person's name with sign-out choices; compact enough for a phone.
 * A small menu button (arrow keys, Escape, a click outside closes it) that ships
 * with every page, so it carries no menu library.
 */
export function AccountMenu({
  name,
  roleLabel,
  signOutEverywhere,
  securityHref,
}: {
  name: string;
  roleLabel: string;
  signOutEverywhere: () => Promise<unknown>;
  /** Staff only: where two-step sign-in is turned on and off. */
  securityHref?: string;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuItems(root.current)[0]?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = menuItems(root.current);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => {
      e.preventDefault();
      items[(i + items.length) % items.length]?.focus();
    };
    if (e.key === "ArrowDown") focus(at + 1);
    else if (e.key === "ArrowUp") focus(at - 1);
    else if (e.key === "Home") focus(0);
    else if (e.key === "End") focus(items.length - 1);
    else if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "Tab") setOpen(false);
  };

  const signOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await signOutAction("signed-out");
    } catch {
      setBusy(false);
      setFailed(true);
      return;
    }
    // A full page load, so that nothing the tab held stays in memory.
    window.location.assign("/signin?reason=signed-out");
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
      >
        <span className="font-medium" data-testid="signed-in-name">
          {name}
        </span>
        <span className="hidden text-slate-500 sm:inline">· {roleLabel}</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 text-slate-500" fill="none">
          <path d="m6 9 6 6 6-6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      {failed ? (
        <p role="alert" className="absolute right-0 mt-1 w-52 text-right text-xs text-red-700">
          Could not sign out. Check your connection and try again.
        </p>
      ) : null}
      {open ? (
        <div className="absolute right-0 z-50 mt-1.5 min-w-52 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          <p className="px-3 py-2 text-xs text-slate-500">Signed in as {roleLabel}</p>
          <div id={menuId} role="menu" aria-label="Account" tabIndex={-1} onKeyDown={onMenuKey}>
            {securityHref ? (
              <Link
                href={securityHref}
                role="menuitem"
                tabIndex={-1}
                className="block w-full rounded px-3 py-2 text-left outline-none hover:bg-slate-100 focus:bg-slate-100"
                onClick={() => setOpen(false)}
              >
                Account security
              </Link>
            ) : null}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={busy}
              className="block w-full cursor-pointer rounded px-3 py-2 text-left outline-none hover:bg-slate-100 focus:bg-slate-100"
              onClick={() => void signOut()}
            >
              Sign out
            </button>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={busy}
              className="block w-full cursor-pointer rounded px-3 py-2 text-left outline-none hover:bg-slate-100 focus:bg-slate-100"
              onClick={() => {
                setBusy(true);
                void signOutEverywhere();
              }}
            >
              Sign out on every device
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
