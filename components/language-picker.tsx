import { useLocale, useTranslations } from 'next-intl';
import { setLanguage } from '@/app/actions';
import { LOCALES } from '@/lib/i18n/locales';

/**
 * The language picker on every page: a select of the languages, named in the page's language, and a
 * button that applies the choice (a cookie, then the page again in that language). A button, not a
 * change of the select: choosing an option must not change the page by itself (WCAG 3.2.2), and the
 * form works before, or without, any JavaScript. A server component: it adds no script to the page.
 */
export function LanguagePicker() {
  const t = useTranslations('Layout');
  const locale = useLocale();
  return (
    <form action={setLanguage} className="language-picker">
      <label htmlFor="language-picker">{t('language')}</label>
      <select id="language-picker" name="locale" defaultValue={locale}>
        {LOCALES.map((option) => (
          <option key={option} value={option}>
            {t(`languages.${option}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button secondary small">
        {t('applyLanguage')}
      </button>
    </form>
  );
}
