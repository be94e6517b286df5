'use client';

import { useTranslations } from 'next-intl';
import type { Verdict } from './use-username-check';

interface Props {
  id: string;
  verdict: Verdict;
  onPick?: (suggestion: string) => void;
}

/**
 * The verdict under a username field: a polite live region (tied to the field by aria-describedby)
 * that keeps its height, so nothing below it moves when the verdict appears.
 */
export function UsernameVerdict({ id, verdict, onPick }: Props) {
  const t = useTranslations('Verdict');
  return (
    <div className="verdict" data-state={verdict.state}>
      <div id={id} role="status" aria-live="polite" aria-atomic="true">
        {verdict.message}
      </div>
      {verdict.suggestions.length > 0 && onPick ? (
        <div className="suggestions" role="group" aria-label={t('suggestions')}>
          {verdict.suggestions.map((s) => (
            <button key={s} type="button" className="button secondary small" dir="auto" onClick={() => onPick(s)}>
              <bdi>{s}</bdi>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
