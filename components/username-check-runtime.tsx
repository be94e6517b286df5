'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import { useEffect } from 'react';
import type { UsernameRefusal } from '@/lib/accounts/account';
import { globalUsernameCheck, type RemoteVerdict } from '@/lib/query-options/username-check';
import { Providers } from './providers';
import { useMessageText } from './use-message-text';
import { useUsernameCheck, type Verdict } from './use-username-check';

export interface ReportedVerdict {
  /** the field value this verdict is for */
  value: string;
  verdict: Verdict;
}

interface Props {
  value: string;
  /** the server's refusal of the last submitted name, if any */
  refusal: UsernameRefusal | null;
  onVerdict: (reported: ReportedVerdict) => void;
}

function GlobalCheck({ value, refusal, onVerdict }: Props) {
  const verdict = useUsernameCheck(value, { profile: 'global' });
  const queryClient = useQueryClient();
  const locale = useLocale();
  const text = useMessageText();
  const refusalText = refusal ? text(refusal.message) : '';

  useEffect(() => {
    // The live check's cache must not call a name available that the server just refused.
    if (!refusal) return;
    const { reason, message, suggestions } = refusal;
    const answer: RemoteVerdict = { kind: 'verdict', available: false, reason, message: refusalText, messageKey: message.key, suggestions };
    queryClient.setQueryData(globalUsernameCheck(refusal.username, locale).queryKey, answer);
  }, [refusal, refusalText, locale, queryClient]);

  const { state, message, suggestions, usable } = verdict;
  const suggestionList = suggestions.join('\n');
  useEffect(() => {
    onVerdict({ value, verdict: { state, message, usable, suggestions: suggestionList ? suggestionList.split('\n') : [] } });
  }, [onVerdict, value, state, message, usable, suggestionList]);
  return null;
}

/**
 * The live global-username check with its machinery (TanStack Query, the format rules), as a
 * component that renders nothing and reports each verdict. /signup loads it on the first keystroke
 * (components/lazy-username-check.tsx), so the page's first load carries none of it.
 */
export default function UsernameCheckRuntime(props: Props) {
  return (
    <Providers>
      <GlobalCheck {...props} />
    </Providers>
  );
}
