import type { Settings } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';

/** Whether IT's policy sets this setting on this machine (then it cannot be changed here). */
export function isManaged(settings: Settings, name: string): boolean {
  return settings.locked?.includes(name) ?? false;
}

/** The line under a control the policy sets. */
export function ManagedNote(props: { settings: Settings; name: string }) {
  if (!isManaged(props.settings, props.name)) return null;
  return <ManagedLine />;
}

/** "Set by your organisation", under a control IT's policy fixes. */
export function ManagedLine() {
  const t = useT();
  return <p className="field-help managed-note">{t('managed.note')}</p>;
}

/** What was wrong in the policy file: those fields were ignored, the others apply. */
export function PolicyProblems(props: { settings: Settings }) {
  const t = useT();
  const problems = props.settings.policyProblems ?? [];
  if (problems.length === 0) return null;
  return (
    <div className="panel" role="status" aria-label={t('managed.problemsLabel')}>
      <h2>{t('managed.problemsTitle')}</h2>
      <p className="field-error">{t('managed.problemsIntro')}</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem} translate="no">
            {problem}
          </li>
        ))}
      </ul>
    </div>
  );
}
