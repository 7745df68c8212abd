import type { ResultOf } from '../../../main/contract/index';
import { formatBytes } from '../ui/format';

/** How much the library takes and how much room its disk has left. */
export function StorageBar(props: { usage: ResultOf<'library:storage'> }) {
  const { libraryBytes, files, freeBytes } = props.usage;
  const share =
    freeBytes === null ? null : (libraryBytes / Math.max(1, libraryBytes + freeBytes)) * 100;
  return (
    <section className="panel storage" aria-labelledby="storage-title">
      <h2 id="storage-title">Storage</h2>
      {share !== null ? (
        <div className="storage-bar" aria-hidden="true">
          <div
            className="storage-used"
            style={{ width: `${Math.max(share, libraryBytes > 0 ? 1 : 0)}%` }}
          />
        </div>
      ) : null}
      <dl className="storage-figures">
        <div>
          <dt>Used by the library</dt>
          <dd>
            {formatBytes(libraryBytes)} in {files} {files === 1 ? 'file' : 'files'}
          </dd>
        </div>
        <div>
          <dt>Free on its disk</dt>
          <dd>{freeBytes === null ? 'Unknown' : formatBytes(freeBytes)}</dd>
        </div>
      </dl>
    </section>
  );
}
