// Words for keys in server components and actions, in the page's language (next-intl's request
// configuration, lib/i18n/request.ts).

import { getTranslations } from 'next-intl/server';
import type { HttpError } from '@/lib/http/problem';
import type { MessageRef } from '@/lib/usernames/types';

export type MessageText = (ref: MessageRef) => string;

/** A function that puts a key and its arguments into the page's language. */
export async function serverMessageText(): Promise<MessageText> {
  const t = await getTranslations();
  return (ref) => t(ref.key as never, ref.params as never);
}

/**
 * What a page shows for a refusal from the domain: its message in the page's language when the
 * error carries the key (`messageRef`), else its detail as written (English).
 */
export function errorText(error: HttpError, text: MessageText): string {
  return error.messageRef ? text(error.messageRef) : error.message;
}
