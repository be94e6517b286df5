// Which parts of a catalogue a page sends to the browser: the namespaces that client components
// (`'use client'`, components/) translate with. Server components translate on the server and send
// none of their words twice. A new client component's namespace goes in this list.

import type { Messages } from './catalogues';

export const CLIENT_NAMESPACES = ['username', 'password', 'Verdict', 'SignUpForm', 'SignInForm', 'PasswordField', 'AccountForms', 'Admin', 'Invitations', 'ResetForms'] as const;

/** The client namespaces of one language's catalogue. */
export function clientMessages(messages: Record<string, unknown>): Partial<Messages> {
  const picked: Record<string, unknown> = {};
  for (const namespace of CLIENT_NAMESPACES) if (namespace in messages) picked[namespace] = messages[namespace];
  return picked as Partial<Messages>;
}
