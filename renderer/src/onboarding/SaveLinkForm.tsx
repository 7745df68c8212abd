import { type FormEvent, useId, useState } from 'react';
import type { JobView, OffstreamBridge } from '../../../main/contract/index';
import { useCall } from '../app/use-call';
import { useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';

/** A signed download link someone shared: saved without any account or token. */
export function SaveLinkForm(props: { bridge: OffstreamBridge; onSaved(job: JobView): void }) {
  const id = useId();
  const { call, problem, clearProblem } = useCall(props.bridge);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const t = useT();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const trimmed = name.trim();
    const job = await call('download:link', {
      url: url.trim(),
      ...(trimmed ? { name: trimmed } : {}),
    });
    setBusy(false);
    if (job) props.onSaved(job);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('link.form')}>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('link.url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://…/downloads/default.mp4"
          dir="ltr"
          translate="no"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('link.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <button type="submit" className="button-primary" disabled={busy || url.trim() === ''}>
        {busy ? t('common.saving') : t('link.save')}
      </button>
    </form>
  );
}
