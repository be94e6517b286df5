import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { currentSessionName, verifyCompanyLogin, verifyGlobalLogin, type SignedInUser } from '@/lib/auth/login';
import { sessionUserId } from '@/lib/auth/session-claims';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { HttpError } from '@/lib/http/problem';
import { consumeSharedLimit } from '@/lib/rate-limit';
import { authConfig } from './auth.config';

declare module 'next-auth' {
  interface User {
    companyId?: number | null;
  }
  interface Session {
    user: { id: string; via: 'credentials' | 'company'; companyId: number | null } & DefaultSession['user'];
  }
}
declare module '@auth/core/jwt' {
  interface JWT {
    uid: number;
    via: 'credentials' | 'company';
    companyId: number | null;
  }
}

const field = z.string().max(1024);
const GlobalCredentials = z.object({ username: field, password: field });
const CompanyCredentials = z.object({ companySlug: field, username: field, password: field });

export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

/** Sign-in attempts count per client IP, whatever the outcome. */
async function countAttempt(request: Request): Promise<void> {
  try {
    await consumeSharedLimit('signIns', `ip:${request.headers.get(CLIENT_IP_HEADER) ?? 'unknown'}`);
  } catch (error) {
    if (error instanceof HttpError && error.code === 'rate_limited') throw new SignInRateLimited();
    throw error;
  }
}

function toAuthUser(user: SignedInUser | null) {
  if (!user) return null;
  return { id: String(user.id), name: user.companyUsername ?? user.username, companyId: user.companyId };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // The name shown is the one in the database now (a rename shows at once), not the one at sign-in.
    session(params) {
      const session = authConfig.callbacks.session(params);
      const userId = sessionUserId(params.token);
      const name = userId === null ? undefined : currentSessionName(userId, params.token.companyId ?? null);
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
        return toAuthUser(await verifyGlobalLogin(parsed.data.username, parsed.data.password));
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
        return toAuthUser(await verifyCompanyLogin(companySlug, username, password));
      },
    }),
  ],
});
