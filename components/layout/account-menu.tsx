"use client";

import { ChevronDown } from "lucide-react";
import { signOut } from "next-auth/react";
import { DropdownMenu } from "radix-ui";

/** The signed-in person's name with sign-out choices; compact enough for a phone. */
export function AccountMenu({
  name,
  roleLabel,
  signOutEverywhere,
}: {
  name: string;
  roleLabel: string;
  signOutEverywhere: () => Promise<void>;
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100">
        <span className="font-medium" data-testid="signed-in-name">
          {name}
        </span>
        <span className="hidden text-slate-500 sm:inline">· {roleLabel}</span>
        <ChevronDown aria-hidden="true" className="size-4 text-slate-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-52 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-500">
            Signed in as {roleLabel}
          </DropdownMenu.Label>
          <DropdownMenu.Item
            className="cursor-pointer rounded px-3 py-2 outline-none data-[highlighted]:bg-slate-100"
            onSelect={() => signOut({ callbackUrl: "/signin?reason=signed-out" })}
          >
            Sign out
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="cursor-pointer rounded px-3 py-2 outline-none data-[highlighted]:bg-slate-100"
            onSelect={() => void signOutEverywhere()}
          >
            Sign out on every device
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
