/** A determinate bar; the label names what is progressing for screen readers. */
export function ProgressBar(props: { value: number; label: string; className?: string }) {
  const value = Math.max(0, Math.min(100, Math.round(props.value)));
  return (
    <div
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      className={`progress ${props.className ?? ''}`}
    >
      <div className="progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
