'use client';

import { useTranslations } from 'next-intl';
import type { MessageRef } from '@/lib/usernames/types';

/**
 * Words for a message the policy or an action returned as a key and its arguments, in the page's
 * language (the `username` namespace and the others that lib/i18n/client-messages.ts sends).
 */
export function useMessageText(): (ref: MessageRef) => string {
  const t = useTranslations();
  return (ref) => t(ref.key as never, ref.params as never);
}
