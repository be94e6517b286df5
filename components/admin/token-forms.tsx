'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { createTokenAction, revokePlatformTokenAction, revokeTokenAction, type AdminActionState } from '@/app/admin/actions';
import { TOKEN_EXPIRY_CHOICES, TOKEN_NAME_MAX } from '@/lib/api-tokens-format';
import { formatUtc } from '@/lib/format';
import { CopyButton } from './copy-button';
import { useClearedOnSuccess } from './use-cleared-on-success';

const idle: AdminActionState = { status: 'idle', message: null };

/** Names a new API token, chooses when it expires, and shows it once, with a copy button. */
export function CreateTokenForm({ companyId }: { companyId: number }) {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(createTokenAction, idle);
  const [name, setName] = useClearedOnSuccess(state);
  const [expiry, setExpiry] = useState('never');
  const id = `token-name-${companyId}`;
  const expiryId = `token-expiry-${companyId}`;
  return (
    <form action={action} className="admin-form">
      <input type="hidden" name="companyId" value={companyId} />
      <div className="field">
        <label htmlFor={id}>{t('tokenName')}</label>
        <div className="admin-inline">
          <input
            id={id}
            name="name"
            type="text"
            maxLength={TOKEN_NAME_MAX}
            placeholder={t('tokenNamePlaceholder')}
            autoComplete="off"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={expiryId}>{t('expires')}</label>
        <div className="admin-inline">
          <select id={expiryId} name="expiresInDays" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            <option value="never">{t('never')}</option>
            {TOKEN_EXPIRY_CHOICES.map((days) => (
              <option key={days} value={String(days)}>
                {t('inDays', { days })}
              </option>
            ))}
          </select>
          <button type="submit" className="button" disabled={pending}>
            {t('createToken')}
          </button>
        </div>
      </div>
      {state.status === 'error' ? (
        <p className="admin-error" aria-live="polite">
          {state.message}
        </p>
      ) : null}
      {state.status === 'success' && state.token ? (
        <div className="admin-once" aria-live="polite">
          <p>
            {t.rich('newToken', { prefix: state.token.prefix, strong: (chunks) => <strong>{chunks}</strong>, code: (chunks) => <code dir="ltr">{chunks}</code> })}{' '}
            {state.token.expiresAt ? t('tokenStops', { at: formatUtc(state.token.expiresAt) }) : t('tokenWorks')}
          </p>
          <p className="admin-secret">
            <code data-testid="new-token">{state.token.token}</code>
          </p>
          <CopyButton value={state.token.token} what={t('copyWhat.token')} />
        </div>
      ) : null}
    </form>
  );
}

/** Revokes one token: a company's (`companyId`) or, for platform admins, a platform token. */
export function RevokeTokenButton({ companyId, tokenId, label }: { companyId: number | null; tokenId: number; label: string }) {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(companyId === null ? revokePlatformTokenAction : revokeTokenAction, idle);
  return (
    <form action={action}>
      {companyId === null ? null : <input type="hidden" name="companyId" value={companyId} />}
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className="button secondary small admin-danger-text" disabled={pending}>
        {t('revoke')}
        <span className="sr-only"> {label}</span>
      </button>
      {state.status === 'error' ? <span className="admin-error">{state.message}</span> : null}
    </form>
  );
}
