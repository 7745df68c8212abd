import { useIntl } from 'react-intl';
import type { ResultOf } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { formatBytes } from '../ui/format';

/** How much the library takes and how much room its disk has left. */
export function StorageBar(props: { usage: ResultOf<'library:storage'> }) {
  const { libraryBytes, files, freeBytes } = props.usage;
  const t = useT();
  const { locale } = useIntl();
  const share =
    freeBytes === null ? null : (libraryBytes / Math.max(1, libraryBytes + freeBytes)) * 100;
  return (
    <section className="panel storage" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('storage.title')}</h2>
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
          <dt>{t('storage.used')}</dt>
          <dd>{t('storage.usedValue', { size: formatBytes(libraryBytes, locale), files })}</dd>
        </div>
        <div>
          <dt>{t('storage.free')}</dt>
          <dd translate={freeBytes === null ? undefined : 'no'}>
            {freeBytes === null ? t('storage.unknown') : formatBytes(freeBytes, locale)}
          </dd>
        </div>
      </dl>
    </section>
  );
}
