import type { AccountStatus } from '../../../main/contract/index';
import type { CatalogueFilter } from './use-catalogue-pages';

/** Why only the local library is listed: no account, or Cloudflare out of reach. */
export function OfflineBanner(props: { account: AccountStatus; online: boolean }) {
  const why =
    props.account.mode === 'none'
      ? 'No Cloudflare account is connected, so only the videos saved on this device are shown.'
      : props.account.problem
        ? 'The Cloudflare account could not be connected (see above), so only the videos saved on this device are shown.'
        : props.online
          ? 'Cloudflare cannot be reached right now, so only the videos saved on this device are shown.'
          : 'This device is offline, so only the videos saved on it are shown.';
  const next =
    props.account.mode === 'none' || props.account.problem
      ? 'Connect an account in Settings to see everything in it.'
      : 'The full list comes back by itself when the connection does; saved videos play as usual.';
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
        <strong>Showing only the local library.</strong> {why} {next}
      </p>
    </div>
  );
}

export function EmptyCatalogue(props: {
  search: string;
  filter: CatalogueFilter;
  account: AccountStatus;
}) {
  let title = 'No videos yet';
  let hint =
    props.account.mode === 'none'
      ? 'Connect a Cloudflare account or save a link in Settings.'
      : 'Videos uploaded to your account appear here after a refresh.';
  if (props.search) {
    title = `No videos match “${props.search}”`;
    hint = 'Try fewer or different words.';
  } else if (props.filter === 'offline') {
    title = 'Nothing is saved on this device yet';
    hint = 'Choose Download on a video to keep it for offline viewing.';
  } else if (props.filter === 'downloading') {
    title = 'Nothing is downloading';
    hint = 'Downloads you start show up here while they run.';
  }
  return (
    <div className="empty">
      <h2>{title}</h2>
      <p>{hint}</p>
    </div>
  );
}
