import { useTranslations } from 'next-intl';
import type { TokenRow } from '@/lib/api-tokens';
import { formatUtc } from '@/lib/format';
import { RevokeTokenButton } from './token-forms';

function Moment({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{formatUtc(at)}</time>;
}

/**
 * A list of API tokens (never the tokens themselves): created, last used, expiry, and a Revoke button
 * while the token still works. `companyId` null: the platform tokens, revoked by a platform admin.
 */
export function TokensTable({ tokens, companyId, caption }: { tokens: TokenRow[]; companyId: number | null; caption: string }) {
  const t = useTranslations('Admin');
  return (
    <div className="table-wrap">
      <table className="admin-table admin-tokens-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('token')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">{t('lastUsed')}</th>
            <th scope="col">{t('expires')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const moment = (chunks: React.ReactNode) => <time dateTime={(token.revokedAt ?? token.expiresAt)?.toISOString()}>{chunks}</time>;
            return (
              <tr key={token.id} data-testid={`token-${token.id}`}>
                <td data-label={t('token')}>
                  <code>{token.prefix}…</code>
                </td>
                <td data-label={t('name')}>{token.name ? <bdi>{token.name}</bdi> : <span className="muted">{t('noName')}</span>}</td>
                <td data-label={t('created')}>
                  <Moment at={token.createdAt} />
                </td>
                <td data-label={t('lastUsed')}>{token.lastUsedAt ? <Moment at={token.lastUsedAt} /> : t('neverUsed')}</td>
                <td data-label={t('expires')}>{token.expiresAt ? <Moment at={token.expiresAt} /> : <span className="muted">{t('noExpiry')}</span>}</td>
                <td data-label={t('status')} data-col="status">
                  {token.revokedAt ? (
                    <span className="admin-revoked">{t.rich('revokedAt', { at: formatUtc(token.revokedAt), moment })}</span>
                  ) : token.expired ? (
                    <span className="admin-revoked">{t.rich('expiredOn', { at: formatUtc(token.expiresAt), moment })}</span>
                  ) : (
                    <RevokeTokenButton companyId={companyId} tokenId={token.id} label={`${token.prefix}… ${token.name}`} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
