import type { Problem } from '../../../main/contract/index';
import { useLocalizeProblem } from '../i18n/problem-text';
import { useT } from '../i18n/use-t';

/** A Problem as a person reads it: what happened, then what to do about it. */
export function ProblemNotice(props: { problem: Problem | null; onDismiss?: () => void }) {
  const { onDismiss } = props;
  const t = useT();
  const localize = useLocalizeProblem();
  if (!props.problem) return null;
  const problem = localize(props.problem);
  return (
    <div className="notice notice-bad" data-code={problem.code}>
      <div className="notice-text">
        <p className="notice-message">{problem.message}</p>
        {problem.action ? <p className="notice-action">{problem.action}</p> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="button-quiet" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
