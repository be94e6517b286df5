import { useTranslations } from 'next-intl';
import type { HeldCompanyUsername } from '@/lib/companies/holds';
import { ReleaseForm } from './release-form';

/**
 * The company usernames held for the company (removed or replaced recently): who had each, until
 * when, and a `Release` button that frees it at once. One form for the list, so the answer stays on
 * the screen after the released row is gone.
 */
export function HeldNames({ companyId, companyName, held }: { companyId: number; companyName: string; held: HeldCompanyUsername[] }) {
  const t = useTranslations('Admin.held');
  const admin = useTranslations('Admin');
  return (
    <ReleaseForm companyId={companyId}>
      {held.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table admin-held-table">
            <caption className="sr-only">{t('caption', { company: companyName })}</caption>
            <thead>
              <tr>
                <th scope="col">{admin('companyUsername')}</th>
                <th scope="col">{t('hadIt')}</th>
                <th scope="col">{t('heldUntil')}</th>
                <th scope="col">
                  <span className="sr-only">{admin('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {held.map((h) => (
                <tr key={h.companyUsername} data-testid={`held-${h.companyUsername}`}>
                  <td data-label={admin('companyUsername')}>
                    <bdi>{h.companyUsername}</bdi>
                  </td>
                  <td data-label={t('hadIt')}>
                    {h.username !== null ? (
                      <bdi>{h.username}</bdi>
                    ) : h.userId !== null ? (
                      admin('userNumber', { id: h.userId })
                    ) : (
                      <span className="muted">{t('deletedAccount')}</span>
                    )}
                  </td>
                  <td data-label={t('heldUntil')}>
                    <time dateTime={h.heldUntil.toISOString()}>{t('until', { until: h.heldUntil })}</time>
                  </td>
                  <td data-label={admin('actions')}>
                    <button type="submit" name="companyUsername" value={h.companyUsername} className="button secondary small">
                      {t('release')}
                      <span className="sr-only"> {h.companyUsername}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ReleaseForm>
  );
}
