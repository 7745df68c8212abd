import type { ReactNode } from 'react';

/** `directional`: the icon points along the reading direction, so right-to-left mirrors it. */
function Icon({ children, directional }: { children: ReactNode; directional?: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
      className={directional ? 'mirror-in-rtl' : undefined}
    >
      {children}
    </svg>
  );
}

export const PlayIcon = () => (
  <Icon>
    <path d="M8 5v14l11-7z" fill="currentColor" />
  </Icon>
);

export const PauseIcon = () => (
  <Icon>
    <path d="M6 5h4v14H6zM14 5h4v14h-4z" fill="currentColor" />
  </Icon>
);

export const NextIcon = () => (
  <Icon>
    <path d="M6 6v12l8.5-6zM16 6h2v12h-2z" fill="currentColor" />
  </Icon>
);

export const PreviousIcon = () => (
  <Icon>
    <path d="M18 6v12l-8.5-6zM6 6h2v12H6z" fill="currentColor" />
  </Icon>
);

export const BackIcon = () => (
  <Icon directional>
    <path d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z" fill="currentColor" />
  </Icon>
);

export const FullscreenIcon = () => (
  <Icon>
    <path
      d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    />
  </Icon>
);

export const CaptionsIcon = () => (
  <Icon>
    <rect
      x="3"
      y="5"
      width="18"
      height="14"
      rx="2"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    />
    <path d="M7 10h4M7 14h3M13 10h4M13 14h4" stroke="currentColor" strokeWidth="2" />
  </Icon>
);
