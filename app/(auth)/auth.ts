import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { currentSessionName, signInWithCompanyUsername, signInWithGlobalUsername, type SignInOutcome } from '@/lib/auth/login';
import { isHashQueueBusy } from '@/lib/auth/password';
import { SESSION_VERSION_CLAIM, sessionUserId } from '@/lib/auth/session-claims';
import { liveSessionUser, reissuedVersion } from '@/lib/auth/sessions';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { HttpError } from '@/lib/http/problem';
import { clientIpKey, consumeSharedLimit } from '@/lib/rate-limit';
import { authConfig } from './auth.config';

declare module 'next-auth' {
  interface User {
    companyId?: number | null;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; via: 'credentials' | 'company'; companyId: number | null } & DefaultSession['user'];
  }
}
declare module '@auth/core/jwt' {
  interface JWT {
    uid: number;
    sv: number | null;
    via: 'credentials' | 'company';
    companyId: number | null;
  }
}

const field = z.string().max(1024);
const GlobalCredentials = z.object({ username: field, password: field });
const CompanyCredentials = z.object({ companySlug: field, username: field, password: field });

/** Too many sign-in attempts from this client IP. */
export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

/** Too many failures in a row for this account (or name): it waits, whoever asks. */
export class SignInAccountWaits extends CredentialsSignin {
  code = 'account_wait';
}

/** The password-hash queue is full: try again in a moment. */
export class SignInBusy extends CredentialsSignin {
  code = 'busy';
}

/** Sign-in attempts count per client IP (IPv6 by /64), whatever the outcome. */
async function countAttempt(request: Request): Promise<void> {
  try {
    await consumeSharedLimit('signIns', clientIpKey(request.headers.get(CLIENT_IP_HEADER) ?? 'unknown'));
  } catch (error) {
    if (error instanceof HttpError && error.code === 'rate_limited') throw new SignInRateLimited();
    throw error;
  }
}

async function toAuthUser(attempt: () => Promise<SignInOutcome>) {
  let outcome: SignInOutcome;
  try {
    outcome = await attempt();
  } catch (error) {
    if (isHashQueueBusy(error)) throw new SignInBusy();
    throw error;
  }
  if (!outcome.ok) {
    if (outcome.waitSeconds !== null) throw new SignInAccountWaits();
    return null;
  }
  const { user } = outcome;
  return { id: String(user.id), name: user.companyUsername ?? user.username, companyId: user.companyId, sessionVersion: user.sessionVersion };
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // Every read of a session passes here (auth(), /api/auth/session): a token whose account is gone
    // or whose session version is not the account's now is no session at all. Returning null makes
    // Auth.js answer as for a signed-out visitor and clear the cookie where it can.
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user) return token; // signing in: the version was read with the password check
      const userId = sessionUserId(token);
      if (userId !== null && params.trigger === 'update') {
        // A password change re-issues the changing browser's session with the new version, only
        // with the proof that the server action made (lib/auth/sessions.ts).
        const version = reissuedVersion(userId, params.session);
        if (version !== null) token[SESSION_VERSION_CLAIM] = version;
      }
      return (await liveSessionUser(token)) ? token : null;
    },
    // The name shown is the one in the database now (a rename shows at once), not the one at sign-in.
    async session(params) {
      const session = authConfig.callbacks.session(params);
      const userId = sessionUserId(params.token);
      const name = userId === null ? undefined : (await currentSessionName(userId, params.token.companyId ?? null));
      if (name !== undefined) session.user.name = name;
      return session;
    },
  },
  providers: [
    Credentials({
      id: 'credentials',
      name: 'Username and password',
      credentials: { username: { label: 'Username' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        await countAttempt(request);
        const parsed = GlobalCredentials.safeParse(raw);
        if (!parsed.success) return null;
        return toAuthUser(() => signInWithGlobalUsername(parsed.data.username, parsed.data.password));
      },
    }),
    Credentials({
      id: 'company',
      name: 'Company username and password',
      credentials: {
        companySlug: { label: 'Company' },
        username: { label: 'Username' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(raw, request) {
        await countAttempt(request);
        const parsed = CompanyCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const { companySlug, username, password } = parsed.data;
        return toAuthUser(() => signInWithCompanyUsername(companySlug, username, password));
      },
    }),
  ],
});
