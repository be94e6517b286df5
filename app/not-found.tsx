import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('NotFound'))('title') };
}

// Our own 404 page: Next's default one styles itself with inline style attributes and a <style>
// element without the request's nonce, which the Content-Security-Policy refuses.
export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <div className="narrow card">
      <h1>{t('title')}</h1>
      <p>{t('lead')}</p>
      <p>
        <a href="/">{t('home')}</a>
      </p>
    </div>
  );
}
