import type { Settings } from '../../../main/contract/index';

/** Whether IT's policy sets this setting on this machine (then it cannot be changed here). */
export function isManaged(settings: Settings, name: string): boolean {
  return settings.locked?.includes(name) ?? false;
}

/** The line under a control the policy sets. */
export function ManagedNote(props: { settings: Settings; name: string }) {
  if (!isManaged(props.settings, props.name)) return null;
  return <p className="field-help managed-note">Set by your organisation</p>;
}

/** What was wrong in the policy file: those fields were ignored, the others apply. */
export function PolicyProblems(props: { settings: Settings }) {
  const problems = props.settings.policyProblems ?? [];
  if (problems.length === 0) return null;
  return (
    <div className="panel" role="status" aria-label="Organisation policy problems">
      <h2>Organisation policy</h2>
      <p className="field-error">
        Part of the policy your organisation set on this computer could not be used and was ignored;
        the rest applies:
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
