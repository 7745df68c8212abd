import type { ResultOf } from '../../../main/contract/index';

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
  if (conflicts.length === 0) return null;
  const count = conflicts.length === 1 ? '1 video was' : `${conflicts.length} videos were`;
  return (
    <div className="notice notice-bad" data-code="import_would_replace">
      <div className="notice-text">
        <p className="notice-message">
          {count} left out: this library already holds other copies of them.
        </p>
        <ul className="plain-list">
          {conflicts.map((video) => (
            <li key={video.uid}>{video.name}</li>
          ))}
        </ul>
        <p className="notice-action">
          Replace them with the copies from the import, or keep the ones this library has.
        </p>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={props.onReplace} disabled={busy}>
          {busy ? 'Replacing…' : 'Replace them'}
        </button>
        <button type="button" className="button-quiet" onClick={props.onKeep} disabled={busy}>
          Keep mine
        </button>
      </div>
    </div>
  );
}
