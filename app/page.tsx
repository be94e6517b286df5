import { getTranslations } from 'next-intl/server';

export default async function HomePage() {
  const t = await getTranslations('Home');
  return (
    <div className="narrow card">
      <h1>{t('heading')}</h1>
      <p>{t('lead')}</p>
      <p>
        <a className="button" href="/signup">
          {t('createAccount')}
        </a>{' '}
        <a className="button secondary" href="/login">
          {t('signIn')}
        </a>
      </p>
      <p className="muted">{t.rich('developers', { link: (chunks) => <a href="/docs">{chunks}</a> })}</p>
    </div>
  );
}
