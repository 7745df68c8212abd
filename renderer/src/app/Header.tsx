import { useT } from '../i18n/use-t';
import type { Route } from './route';

const links = [
  { view: 'library', label: 'view.library' },
  { view: 'downloads', label: 'view.downloads' },
  { view: 'settings', label: 'view.settings' },
] as const;

export function Header(props: { route: Route; activeDownloads: number; onSkip(): void }) {
  const t = useT();
  return (
    <header className="app-header">
      <button type="button" className="skip-link" onClick={props.onSkip}>
        {t('header.skip')}
      </button>
      <div className="brand">
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
          <rect x="2" y="4" width="20" height="16" rx="4" fill="var(--accent)" />
          <path d="M10 8.5v7l5.5-3.5z" fill="var(--on-accent)" />
        </svg>
        <span translate="no">Offstream</span>
      </div>
      <nav aria-label={t('header.nav')}>
        <ul>
          {links.map((link) => (
            <li key={link.view}>
              <a
                href={`#/${link.view}`}
                aria-current={props.route.view === link.view ? 'page' : undefined}
              >
                {t(link.label)}
                {link.view === 'downloads' && props.activeDownloads > 0 ? (
                  <>
                    <span className="count" aria-hidden="true">
                      {t('header.count', { count: props.activeDownloads })}
                    </span>
                    <span className="visually-hidden">
                      {t('header.running', { count: props.activeDownloads })}
                    </span>
                  </>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
