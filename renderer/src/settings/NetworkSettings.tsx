import { type FormEvent, useEffect, useId, useState } from 'react';
import type { ProxySettings } from '../../../main/contract/index';
import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import { isManaged, ManagedNote } from './Managed';
import type { SettingsSectionProps } from './section-props';

type Mode = ProxySettings['mode'];

const modeHelp: Record<Mode, MessageId> = {
  system: 'network.systemHelp',
  none: 'network.noneHelp',
  manual: 'network.manualHelp',
};

/**
 * Proxy: system (default), none, or a manual address; a user name and password for a proxy that
 * asks for them, whether the system or the person named it.
 */
export function NetworkSettings(props: SettingsSectionProps) {
  const id = useId();
  const { proxy } = props.settings;
  const t = useT();
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
        ? t('network.manualDone', { url: url.trim() })
        : mode === 'none'
          ? t('network.noneDone')
          : t('network.systemDone'),
    );
    if (saved) setPassword('');
  };

  const forgetPassword = () =>
    void props.save({ proxy: { mode: proxy.mode, password: null } }, t('network.forgotten'));

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('network.title')}</h2>
      <ManagedNote settings={props.settings} name="proxy" />
      <form onSubmit={submit} noValidate>
        <fieldset className="plain" disabled={isManaged(props.settings, 'proxy')}>
          <div className="field">
            <label htmlFor={`${id}-mode`}>{t('network.proxy')}</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(e) => setMode(e.target.value as Mode)}
              aria-describedby={`${id}-mode-help`}
            >
              <option value="system">{t('network.system')}</option>
              <option value="none">{t('network.none')}</option>
              <option value="manual">{t('network.manual')}</option>
            </select>
            <p id={`${id}-mode-help`} className="field-help">
              {t(modeHelp[mode])}
            </p>
          </div>
          {mode === 'manual' ? (
            <div className="field">
              <label htmlFor={`${id}-url`}>{t('network.address')}</label>
              <input
                id={`${id}-url`}
                value={url}
                placeholder="http://proxy.example.com:8080"
                dir="ltr"
                translate="no"
                onChange={(e) => setUrl(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          ) : null}
          {mode !== 'none' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-user`}>{t('network.user')}</label>
                <input
                  id={`${id}-user`}
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  autoComplete="off"
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-password`}>{t('network.password')}</label>
                <input
                  id={`${id}-password`}
                  type="password"
                  value={password}
                  placeholder={proxy.passwordSet ? t('network.passwordSaved') : ''}
                  onChange={(e) => setPassword(e.target.value)}
                  autoComplete="new-password"
                  aria-describedby={`${id}-password-help`}
                />
                <p id={`${id}-password-help`} className="field-help">
                  {t('network.passwordHelp')}
                </p>
              </div>
            </>
          ) : null}
          <div className="input-row">
            <button type="submit" className="button">
              {t('network.apply')}
            </button>
            {proxy.passwordSet ? (
              <button type="button" className="button" onClick={forgetPassword}>
                {t('network.forget')}
              </button>
            ) : null}
          </div>
        </fieldset>
      </form>
    </section>
  );
}
