import { type FormEvent, useEffect, useId, useState } from 'react';
import type { ProxySettings } from '../../../main/contract/index';
import type { SettingsSectionProps } from './section-props';

type Mode = ProxySettings['mode'];

const modeHelp: Record<Mode, string> = {
  system:
    'Uses the proxy your computer is set up with (including automatic configuration). On the command line: HTTPS_PROXY, HTTP_PROXY and NO_PROXY.',
  none: 'Connects straight to Cloudflare, without a proxy.',
  manual: 'Sends every request through the proxy below.',
};

/**
 * Proxy: system (default), none, or a manual address; a user name and password for a proxy that
 * asks for them, whether the system or the person named it.
 */
export function NetworkSettings(props: SettingsSectionProps) {
  const id = useId();
  const { proxy } = props.settings;
  const [mode, setMode] = useState<Mode>(proxy.mode);
  const [url, setUrl] = useState(proxy.url ?? '');
  const [username, setUsername] = useState(proxy.username ?? '');
  const [password, setPassword] = useState('');
  useEffect(() => {
    setMode(proxy.mode);
    setUrl(proxy.url ?? '');
    setUsername(proxy.username ?? '');
  }, [proxy.mode, proxy.url, proxy.username]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const manual = mode === 'manual';
    const proxied = mode !== 'none';
    const saved = await props.save(
      {
        proxy: {
          mode,
          ...(manual ? { url: url.trim() } : {}),
          ...(proxied ? { username: username.trim() || null } : {}),
          ...(proxied && password ? { password } : {}),
        },
      },
      manual
        ? `Proxy set to ${url.trim()}.`
        : mode === 'none'
          ? 'No proxy.'
          : 'Using the system proxy.',
    );
    if (saved) setPassword('');
  };

  const forgetPassword = () =>
    void props.save({ proxy: { mode: proxy.mode, password: null } }, 'Proxy password forgotten.');

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Network</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-mode`}>Proxy</label>
          <select
            id={`${id}-mode`}
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
            aria-describedby={`${id}-mode-help`}
          >
            <option value="system">System proxy</option>
            <option value="none">No proxy</option>
            <option value="manual">Manual</option>
          </select>
          <p id={`${id}-mode-help`} className="field-help">
            {modeHelp[mode]}
          </p>
        </div>
        {mode === 'manual' ? (
          <div className="field">
            <label htmlFor={`${id}-url`}>Proxy address</label>
            <input
              id={`${id}-url`}
              value={url}
              placeholder="http://proxy.example.com:8080"
              onChange={(e) => setUrl(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        ) : null}
        {mode !== 'none' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-user`}>User name (optional)</label>
              <input
                id={`${id}-user`}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoComplete="off"
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-password`}>Password (optional)</label>
              <input
                id={`${id}-password`}
                type="password"
                value={password}
                placeholder={proxy.passwordSet ? 'Saved — type to replace' : ''}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="new-password"
                aria-describedby={`${id}-password-help`}
              />
              <p id={`${id}-password-help`} className="field-help">
                Only if the proxy asks for one. Kept in the system keyring, like the API token.
              </p>
            </div>
          </>
        ) : null}
        <div className="input-row">
          <button type="submit" className="button">
            Apply proxy
          </button>
          {proxy.passwordSet ? (
            <button type="button" className="button" onClick={forgetPassword}>
              Forget proxy password
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
