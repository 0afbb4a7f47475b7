import type { SVGProps } from "react";

// A few inline SVG icons instead of emoji and symbol characters, which render as boxes on
// machines without an emoji font. Decorative by default (aria-hidden): the text next to an
// icon says what it means; pass `title` when the icon stands alone.

type IconProps = SVGProps<SVGSVGElement> & { title?: string };

function Icon({ title, children, className, ...props }: IconProps & { children: React.ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      width="1em"
      height="1em"
      className={`inline-block shrink-0 align-[-0.125em] ${className ?? ""}`}
      aria-hidden={title ? undefined : true}
      role={title ? "img" : undefined}
      focusable="false"
      {...props}
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

export function CheckIcon(props: IconProps) {
  return <Icon {...props}><path d="M4.5 12.5l5 5 10-11" /></Icon>;
}

export function CrossIcon(props: IconProps) {
  return <Icon {...props}><path d="M6 6l12 12M18 6L6 18" /></Icon>;
}

export function DotIcon(props: IconProps) {
  return <Icon {...props}><circle cx="12" cy="12" r="2.5" fill="currentColor" stroke="none" /></Icon>;
}

export function WarningIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M10.3 3.9L2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
      <path d="M12 9.5v4.5M12 17.2v.1" />
    </Icon>
  );
}

export function FlagIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M5 21V4" />
      <path d="M5 4h11l-2 4 2 4H5" fill="currentColor" />
    </Icon>
  );
}

export function ChevronRightIcon(props: IconProps) {
  return <Icon {...props}><path d="M9 5l7 7-7 7" /></Icon>;
}

export function PlayIcon(props: IconProps) {
  return <Icon {...props}><path d="M8 5.5v13l10-6.5z" fill="currentColor" /></Icon>;
}

const MEDAL_COLOURS = {
  1: { disc: "#f5c542", rim: "#b8860b" },
  2: { disc: "#d4d9e0", rim: "#7b8594" },
  3: { disc: "#e0a071", rim: "#8c5228" },
} as const;

/** A podium medal: gold, silver or bronze disc with its rank on it, on a ribbon. */
export function MedalIcon({ rank, ...props }: IconProps & { rank: 1 | 2 | 3 }) {
  const colour = MEDAL_COLOURS[rank];
  return (
    <Icon {...props} stroke="none">
      <path d="M7 2h4l2.5 7h-4z" fill="#2f6fed" />
      <path d="M17 2h-4l-2.5 7h4z" fill="#1a46a8" />
      <circle cx="12" cy="15" r="7" fill={colour.disc} stroke={colour.rim} strokeWidth={1.5} />
      <text x="12" y="18.6" textAnchor="middle" fontSize="10" fontWeight="700" fontFamily="system-ui, sans-serif" fill={colour.rim}>
        {rank}
      </text>
    </Icon>
  );
}
