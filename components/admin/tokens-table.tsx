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
  return (
    <div className="table-wrap">
      <table className="admin-table admin-tokens-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            return (
              <tr key={t.id} data-testid={`token-${t.id}`}>
                <td data-label="Token">
                  <code>{t.prefix}…</code>
                </td>
                <td data-label="Name">{t.name || <span className="muted">(no name)</span>}</td>
                <td data-label="Created">
                  <Moment at={t.createdAt} />
                </td>
                <td data-label="Last used">{t.lastUsedAt ? <Moment at={t.lastUsedAt} /> : 'never'}</td>
                <td data-label="Expires">{t.expiresAt ? <Moment at={t.expiresAt} /> : <span className="muted">no expiry</span>}</td>
                <td data-label="Status">
                  {t.revokedAt ? (
                    <span className="admin-revoked">
                      Revoked <Moment at={t.revokedAt} />
                    </span>
                  ) : t.expired ? (
                    <span className="admin-revoked">
                      Expired on <Moment at={t.expiresAt!} />
                    </span>
                  ) : (
                    <RevokeTokenButton companyId={companyId} tokenId={t.id} label={`${t.prefix}… ${t.name}`} />
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
