import type { Problem } from '../../../main/contract/index';

/** A Problem as a person reads it: what happened, then what to do about it. */
export function ProblemNotice(props: { problem: Problem | null; onDismiss?: () => void }) {
  const { problem, onDismiss } = props;
  if (!problem) return null;
  return (
    <div className="notice notice-bad" data-code={problem.code}>
      <div className="notice-text">
        <p className="notice-message">{problem.message}</p>
        {problem.action ? <p className="notice-action">{problem.action}</p> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
