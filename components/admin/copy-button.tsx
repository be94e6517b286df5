'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

interface Props {
  value: string;
  /** What is copied, for the button's accessible name: "Copy token". */
  what: string;
}

/** Copies `value` to the clipboard and says so in a polite live region. */
export function CopyButton({ value, what }: Props) {
  const t = useTranslations('Admin');
  const [said, setSaid] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setSaid(t('copied'));
    } catch {
      setSaid(t('copyRefused'));
    }
  }
  return (
    <span className="admin-copy">
      <button type="button" className="button secondary small" onClick={copy}>
        {t('copy', { what })}
      </button>
      <span aria-live="polite" className="admin-copy-said">
        {said}
      </span>
    </span>
  );
}
