import type { ResultOf } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';

type Conflicts = ResultOf<'library:import'>['conflicts'];

/**
 * The question an import asks when this library holds other copies of videos it brought: they
 * were left out, and only "Replace them" (the same import again, told to replace) changes them.
 */
export function ImportConflicts(props: {
  conflicts: Conflicts;
  busy: boolean;
  onReplace(): void;
  onKeep(): void;
}) {
  const { conflicts, busy } = props;
  const t = useT();
  if (conflicts.length === 0) return null;
  return (
    <div className="notice notice-bad" data-code="import_would_replace">
      <div className="notice-text">
        <p className="notice-message">{t('import.conflicts', { count: conflicts.length })}</p>
        <ul className="plain-list">
          {conflicts.map((video) => (
            <li key={video.uid} translate="no">
              {video.name}
            </li>
          ))}
        </ul>
        <p className="notice-action">{t('import.conflictsAction')}</p>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={props.onReplace} disabled={busy}>
          {busy ? t('import.replacing') : t('import.replace')}
        </button>
        <button type="button" className="button-quiet" onClick={props.onKeep} disabled={busy}>
          {t('import.keep')}
        </button>
      </div>
    </div>
  );
}
