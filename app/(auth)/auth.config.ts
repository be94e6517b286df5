import type { NextAuthConfig } from 'next-auth';
import { authErrorLogger } from '@/lib/auth/error-log';
import { SESSION_MAX_AGE_SECONDS, SESSION_USER_CLAIM, SESSION_VERSION_CLAIM, sessionUserId } from '@/lib/auth/session-claims';

// The part of the Auth.js configuration that needs no database: pages, session strategy, callbacks.
export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // The app runs behind its own server (and possibly a proxy); the host header is trusted.
  trustHost: true,
  providers: [],
  logger: {
    // A wrong password is an answer, not a server error: no stack trace per failed sign-in. Errors a
    // request causes (an unknown action or provider, a missing CSRF token) are logged once a minute
    // with a count, so that nobody can fill the logs; the others go to stderr each time.
    error: authErrorLogger(),
  },
  callbacks: {
    jwt({ token, user, account }) {
      if (user) {
        token[SESSION_USER_CLAIM] = Number(user.id);
        token[SESSION_VERSION_CLAIM] = user.sessionVersion ?? null;
        token.via = account?.provider === 'company' ? 'company' : 'credentials';
        token.companyId = user.companyId ?? null;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(sessionUserId(token) ?? '');
      session.user.via = token.via;
      session.user.companyId = token.companyId ?? null;
      return session;
    },
  },
} satisfies NextAuthConfig;
