import type { Route } from './route';

const links = [
  { view: 'library', label: 'Library' },
  { view: 'downloads', label: 'Downloads' },
  { view: 'settings', label: 'Settings' },
] as const;

export function Header(props: { route: Route; activeDownloads: number; onSkip(): void }) {
  return (
    <header className="app-header">
      <button type="button" className="skip-link" onClick={props.onSkip}>
        Skip to content
      </button>
      <div className="brand">
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
          <rect x="2" y="4" width="20" height="16" rx="4" fill="var(--accent)" />
          <path d="M10 8.5v7l5.5-3.5z" fill="var(--on-accent)" />
        </svg>
        <span>Offstream</span>
      </div>
      <nav aria-label="Main">
        <ul>
          {links.map((link) => (
            <li key={link.view}>
              <a
                href={`#/${link.view}`}
                aria-current={props.route.view === link.view ? 'page' : undefined}
              >
                {link.label}
                {link.view === 'downloads' && props.activeDownloads > 0 ? (
                  <span className="count">
                    <span className="visually-hidden">, </span>
                    {props.activeDownloads}
                    <span className="visually-hidden"> running</span>
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
