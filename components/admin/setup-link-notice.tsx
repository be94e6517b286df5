'use client';

import { useTranslations } from 'next-intl';
import type { SetupLink } from '@/lib/accounts/setup-links';
import { formatUtc } from '@/lib/format';
import { CopyButton } from './copy-button';

/** A setup link, shown once: the page never shows it again, so the admin copies it now. */
export function SetupLinkNotice({ link }: { link: SetupLink }) {
  const t = useTranslations('Admin');
  const url = (typeof window === 'undefined' ? '' : window.location.origin) + link.path;
  return (
    <div className="admin-once" data-testid="setup-link">
      <p>
        {t.rich('setupLink', { name: link.companyUsername, until: formatUtc(link.expiresAt), strong: (chunks) => <strong>{chunks}</strong>, bdi: (chunks) => <bdi>{chunks}</bdi> })}
      </p>
      <p className="admin-secret">
        <code>{url}</code>
      </p>
      <CopyButton value={url} what={t('copyWhat.setupLink')} />
    </div>
  );
}
