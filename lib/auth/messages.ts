// What a failed sign-in says: one message whether the name exists or not. Keys of the `SignIn`
// namespace (lib/i18n/messages), so the page and the action say it in the page's language.

export type SignInFailureKey = 'failed' | 'limited' | 'accountWait' | 'busy';

/** The message for a failed sign-in's code (Auth.js's `code`: CredentialsSignin subclasses in app/(auth)/auth.ts). */
export function signInFailureKey(code: string | undefined): SignInFailureKey {
  switch (code) {
    case 'rate_limited':
      return 'limited';
    case 'account_wait':
      return 'accountWait';
    case 'busy':
      return 'busy';
    default:
      return 'failed';
  }
}
