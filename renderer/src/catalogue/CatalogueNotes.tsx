import type { AccountStatus } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import type { CatalogueFilter } from './use-catalogue-pages';

/** Why only the local library is listed: no account, or Cloudflare out of reach. */
export function OfflineBanner(props: { account: AccountStatus; online: boolean }) {
  const t = useT();
  const why =
    props.account.mode === 'none'
      ? t('offline.noAccount')
      : props.account.problem
        ? t('offline.accountFailed')
        : props.online
          ? t('offline.unreachable')
          : t('offline.deviceOffline');
  const next =
    props.account.mode === 'none' || props.account.problem
      ? t('offline.connectHint')
      : t('offline.comesBack');
  return (
    <div className="banner" role="note">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          d="M2 8.5a15 15 0 0 1 20 0M5 12a10 10 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0M12 19h.01M3 3l18 18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
      <p>
        <strong>{t('offline.title')}</strong> {why} {next}
      </p>
    </div>
  );
}

export function EmptyCatalogue(props: {
  search: string;
  filter: CatalogueFilter;
  account: AccountStatus;
}) {
  const t = useT();
  let title = t('empty.title');
  let hint = props.account.mode === 'none' ? t('empty.noAccountHint') : t('empty.accountHint');
  if (props.search) {
    title = t('empty.searchTitle', { search: props.search });
    hint = t('empty.searchHint');
  } else if (props.filter === 'offline') {
    title = t('empty.offlineTitle');
    hint = t('empty.offlineHint');
  } else if (props.filter === 'downloading') {
    title = t('empty.downloadingTitle');
    hint = t('empty.downloadingHint');
  }
  return (
    <div className="empty">
      <h2>{title}</h2>
      <p>{hint}</p>
    </div>
  );
}
