import { useTranslations } from 'next-intl';
import type { ReservedRuleView } from '@/lib/reserved-names';
import { RemoveReservedNameButton, ReserveNameForm } from './reserved-names-form';

/** Platform admins' "Reserved names" section on /admin: the rules, each with Remove, and the form that adds one. */
export function ReservedNames({ rules }: { rules: ReservedRuleView[] }) {
  const t = useTranslations('Admin');
  return (
    <section className="card admin-platform" aria-labelledby="reserved-names-title">
      <h2 id="reserved-names-title">{t('reservedNames')}</h2>
      <p className="muted">{t('reservedNamesLead')}</p>
      {rules.length === 0 ? (
        <p className="muted">{t('noReservedNames')}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table admin-reserved-table">
            <caption className="sr-only">{t('reservedNames')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reservedName')}</th>
                <th scope="col">{t('match')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id} data-testid={`reserved-${rule.id}`}>
                  <td data-label={t('reservedName')}>
                    <bdi>{rule.name}</bdi>
                  </td>
                  <td data-label={t('match')}>{rule.match === 'prefix' ? t('matchPrefix') : t('matchExact')}</td>
                  <td data-label={t('actions')}>
                    <RemoveReservedNameButton ruleId={rule.id} name={rule.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ReserveNameForm />
    </section>
  );
}
