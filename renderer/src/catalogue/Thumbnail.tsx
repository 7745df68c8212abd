import { useState } from 'react';

function hueOf(uid: string): number {
  let hash = 0;
  for (const char of uid) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

/** The saved thumbnail, or a drawn stand-in (tinted per video) when there is none or it fails. */
export function Thumbnail(props: { src: string | null; uid: string; duration: string }) {
  const [failed, setFailed] = useState(false);
  const hue = hueOf(props.uid);
  return (
    <div className="thumb">
      {props.src && !failed ? (
        <img
          src={props.src}
          alt=""
          loading="lazy"
          decoding="async"
          onError={() => setFailed(true)}
        />
      ) : (
        <div
          className="thumb-placeholder"
          aria-hidden="true"
          style={{
            background: `linear-gradient(135deg, hsl(${hue} 45% 42%), hsl(${(hue + 40) % 360} 50% 28%))`,
          }}
        >
          <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="11" fill="rgb(255 255 255 / 0.18)" />
            <path d="M10 8.2v7.6l6-3.8z" fill="#fff" />
          </svg>
        </div>
      )}
      {props.duration ? (
        <span className="thumb-duration" translate="no">
          {props.duration}
        </span>
      ) : null}
    </div>
  );
}
