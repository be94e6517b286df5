'use client';

import { useTranslations } from 'next-intl';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import type { UsernameRefusal } from '@/lib/accounts/account';
import type { ReportedVerdict } from './username-check-runtime';
import type { Verdict } from './use-username-check';

const UsernameCheckRuntime = lazy(() => import('./username-check-runtime'));

const EMPTY: Verdict = { state: 'empty', message: '', suggestions: [], usable: null };

/**
 * useUsernameCheck for a global name, with the check's code fetched on the first keystroke instead
 * of with the page (the /signup first-load budget, docs/decisions/004). The caller renders `checker`
 * inside its tree; until the code has arrived and answered for the current value, the verdict is
 * "Checking…". The typing debounce (300 ms) covers the fetch.
 */
export function useLazyUsernameCheck(value: string, refusal: UsernameRefusal | null): { verdict: Verdict; checker: ReactNode } {
  const t = useTranslations('Verdict');
  const [started, setStarted] = useState(false);
  const [reported, setReported] = useState<ReportedVerdict | null>(null);
  if (value !== '' && !started) setStarted(true);
  const onVerdict = useCallback((next: ReportedVerdict) => setReported(next), []);

  const checker = started ? (
    <Suspense fallback={null}>
      <UsernameCheckRuntime value={value} refusal={refusal} onVerdict={onVerdict} />
    </Suspense>
  ) : null;
  const checking: Verdict = { state: 'checking', message: t('checking'), suggestions: [], usable: null };
  const verdict = value === '' ? EMPTY : reported?.value === value ? reported.verdict : checking;
  return { verdict, checker };
}
