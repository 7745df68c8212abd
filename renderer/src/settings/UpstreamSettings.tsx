import { useId } from 'react';
import type { Settings } from '../../../main/contract/index';
import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import type { SettingsSectionProps } from './section-props';

type DeletedPolicy = Settings['upstreamDeleted'];

const policies: { value: DeletedPolicy; label: MessageId; done: MessageId }[] = [
  { value: 'keep', label: 'upstream.keep', done: 'upstream.keepDone' },
  { value: 'hide', label: 'upstream.hide', done: 'upstream.hideDone' },
  { value: 'remove', label: 'upstream.remove', done: 'upstream.removeDone' },
];

/** What the account's changes do to the saved copies, and the clean-up of Cloudflare downloads. */
export function UpstreamSettings(props: SettingsSectionProps) {
  const id = useId();
  const { settings, save } = props;
  const t = useT();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('upstream.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-deleted`}>{t('upstream.deleted')}</label>
        <select
          id={`${id}-deleted`}
          value={settings.upstreamDeleted}
          aria-describedby={`${id}-deleted-help`}
          onChange={(e) => {
            const chosen = policies.find((p) => p.value === e.target.value);
            if (chosen) void save({ upstreamDeleted: chosen.value }, t(chosen.done));
          }}
        >
          {policies.map((p) => (
            <option key={p.value} value={p.value}>
              {t(p.label)}
            </option>
          ))}
        </select>
        <p id={`${id}-deleted-help`} className="field-help">
          {t('upstream.deletedHelp')}
        </p>
      </div>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.deleteRemoteDownloads}
            aria-describedby={`${id}-cleanup-help`}
            onChange={(e) =>
              void save(
                { deleteRemoteDownloads: e.target.checked },
                e.target.checked ? t('upstream.cleanupOnDone') : t('upstream.cleanupOffDone'),
              )
            }
          />
          {t('upstream.cleanup')}
        </label>
        <p id={`${id}-cleanup-help`} className="field-help">
          {t('upstream.cleanupHelp')}
        </p>
      </div>
    </section>
  );
}
