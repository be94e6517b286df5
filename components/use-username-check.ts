'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { globalUsernameCheck, companyUsernameCheck } from '@/lib/query-options/username-check';
import { checkUsernameFormat } from '@/lib/usernames/rules';
import type { Profile } from '@/lib/usernames/types';
import { useDebouncedValue } from './use-debounced-value';
import { useMessageText } from './use-message-text';

export type VerdictState =
  | 'empty'
  | 'checking'
  | 'available'
  | 'own_username'
  | 'taken'
  | 'held'
  | 'similar'
  | 'reserved'
  | 'invalid'
  | 'limited'
  | 'error';

export interface Verdict {
  state: VerdictState;
  message: string;
  suggestions: string[];
  /** true: can be used; false: cannot; null: not known (yet) */
  usable: boolean | null;
}

type Target = { profile: 'global' } | { profile: 'company'; companyId: number };

/**
 * The live verdict for a username field: first the format rules that need no server (the same rule
 * code as the server's), then, once typing pauses, the server's check through TanStack Query.
 * `unchanged`: the value is the person's current name, which needs no check.
 */
export function useUsernameCheck(value: string, target: Target, options: { unchanged?: boolean; debounceMs?: number } = {}): Verdict {
  const t = useTranslations('Verdict');
  const text = useMessageText();
  const locale = useLocale();
  const debounced = useDebouncedValue(value, options.debounceMs ?? 300);
  const profile: Profile = target.profile;
  const format = value.length > 0 ? checkUsernameFormat(value, profile) : null;
  const formatOk = format?.ok === true;
  const ask = formatOk && debounced === value && !options.unchanged ? debounced : '';
  const global = useQuery({ ...globalUsernameCheck(ask, locale), enabled: target.profile === 'global' && ask !== '' });
  const company = useQuery({
    ...companyUsernameCheck(target.profile === 'company' ? target.companyId : 0, ask, locale),
    enabled: target.profile === 'company' && ask !== '',
  });
  const query = target.profile === 'global' ? global : company;

  if (value.length === 0) return { state: 'empty', message: '', suggestions: [], usable: null };
  if (format && !format.ok) {
    return { state: 'invalid', message: text(format.errors[0]!), suggestions: [], usable: false };
  }
  if (options.unchanged) return { state: 'own_username', message: t('current'), suggestions: [], usable: true };
  if (debounced !== value || query.isPending || query.isFetching) {
    return { state: 'checking', message: t('checking'), suggestions: [], usable: null };
  }
  const data = query.data;
  if (!data || query.isError || data.kind === 'error') return { state: 'error', message: t('noAnswer'), suggestions: [], usable: null };
  if (data.kind === 'limited') return { state: 'limited', message: t('limited'), suggestions: [], usable: null };
  return { state: data.reason, message: data.message, suggestions: data.suggestions, usable: data.available };
}
