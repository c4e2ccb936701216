import type * as React from "react";

/**
 * The intake's three icons, drawn here: the intake is the heaviest page a client
 * loads on a phone, and an icon library would weigh on its first load for three
 * shapes. Lucide's drawings (ISC licence), stroked with the text colour.
 */
function Icon({ children, ...props }: React.ComponentProps<"svg">) {
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: every use is aria-hidden beside its words, or role="img" with an aria-label
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      {...props}
    >
      {children}
    </svg>
  );
}

export const CheckIcon = (props: React.ComponentProps<"svg">) => (
  <Icon {...props}>
    <path d="M20 6 9 17l-5-5" />
  </Icon>
);

export const PlusIcon = (props: React.ComponentProps<"svg">) => (
  <Icon {...props}>
    <path d="M5 12h14" />
    <path d="M12 5v14" />
  </Icon>
);

export const TrashIcon = (props: React.ComponentProps<"svg">) => (
  <Icon {...props}>
    <path d="M3 6h18" />
    <path d="M19 6v14c0 1-1 2-2 2H7c-1 0-2-1-2-2V6" />
    <path d="M8 6V4c0-1 1-2 2-2h4c1 0 2 1 2 2v2" />
    <path d="M10 11v6" />
    <path d="M14 11v6" />
  </Icon>
);
