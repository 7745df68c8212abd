import { type FormEvent, useId, useState } from 'react';
import {
  type AccountStatus,
  ConnectAccount,
  type OffstreamBridge,
} from '../../../main/contract/index';
import { useCall } from '../app/use-call';
import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import { ProblemNotice } from '../ui/ProblemNotice';

type FieldErrors = Partial<Record<'accountId' | 'apiToken', MessageId>>;

function fieldErrors(accountId: string, apiToken: string): FieldErrors {
  const parsed = ConnectAccount.safeParse({ accountId, apiToken });
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'accountId') errors.accountId = 'connect.accountIdInvalid';
    if (field === 'apiToken') errors.apiToken = 'connect.tokenInvalid';
  }
  return errors;
}

/** Account id + API token, checked by main against Cloudflare before anything is saved. */

/** Where the token goes, said truthfully for each transport. */
const tokenStorage: Record<OffstreamBridge['transport'], MessageId> = {
  ipc: 'connect.tokenStorageIpc',
  http: 'connect.tokenStorageHttp',
};

export function ConnectAccountForm(props: {
  bridge: OffstreamBridge;
  onConnected(status: AccountStatus): void;
}) {
  const id = useId();
  const { call, problem, clearProblem } = useCall(props.bridge);
  const [accountId, setAccountId] = useState('');
  const [apiToken, setApiToken] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const t = useT();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = fieldErrors(accountId.trim(), apiToken.trim());
    setErrors(found);
    if (found.accountId || found.apiToken) return;
    setBusy(true);
    const status = await call('account:connect', {
      accountId: accountId.trim(),
      apiToken: apiToken.trim(),
    });
    setBusy(false);
    if (status) props.onConnected(status);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('connect.form')}>
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('connect.accountId')}</label>
        <input
          id={`${id}-account`}
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.accountId ? true : undefined}
          aria-describedby={`${id}-account-help`}
          placeholder={t('connect.accountIdPlaceholder')}
        />
        <p id={`${id}-account-help`} className={errors.accountId ? 'field-error' : 'field-help'}>
          {errors.accountId ? t(errors.accountId) : t('connect.accountIdHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t('connect.token')}</label>
        <input
          id={`${id}-token`}
          type="password"
          value={apiToken}
          onChange={(e) => setApiToken(e.target.value)}
          autoComplete="off"
          aria-invalid={errors.apiToken ? true : undefined}
          aria-describedby={`${id}-token-help`}
        />
        <p id={`${id}-token-help`} className={errors.apiToken ? 'field-error' : 'field-help'}>
          {errors.apiToken
            ? t(errors.apiToken)
            : `${t('connect.tokenHelp')} ${t(tokenStorage[props.bridge.transport])}`}
        </p>
      </div>
      <ProblemNotice problem={problem} onDismiss={clearProblem} />
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('connect.checking') : t('connect.submit')}
      </button>
    </form>
  );
}
