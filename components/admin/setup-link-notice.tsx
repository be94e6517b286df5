'use client';

import type { SetupLink } from '@/lib/accounts/setup-links';
import { formatUtc } from '@/lib/format';
import { CopyButton } from './copy-button';

/** A setup link, shown once: the page never shows it again, so the admin copies it now. */
export function SetupLinkNotice({ link }: { link: SetupLink }) {
  const url = (typeof window === 'undefined' ? '' : window.location.origin) + link.path;
  return (
    <div className="admin-once" data-testid="setup-link">
      <p>
        <strong>Setup link for {link.companyUsername}</strong> — shown only now. Send it to the person; it lets them set their own
        password once, until {formatUtc(link.expiresAt)}.
      </p>
      <p className="admin-secret">
        <code>{url}</code>
      </p>
      <CopyButton value={url} what="setup link" />
    </div>
  );
}
