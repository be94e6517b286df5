import type { NextAuthConfig } from 'next-auth';
import { SESSION_MAX_AGE_SECONDS, SESSION_USER_CLAIM, SESSION_VERSION_CLAIM, sessionUserId } from '@/lib/auth/session-claims';

// The part of the Auth.js configuration that needs no database: pages, session strategy, callbacks.
export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // The app runs behind its own server (and possibly a proxy); the host header is trusted.
  trustHost: true,
  providers: [],
  logger: {
    // A wrong password is an answer, not a server error: no stack trace per failed sign-in (which
    // would also let anyone fill the logs). Everything else goes to stderr as Auth.js would.
    error(error: Error) {
      const type = (error as Error & { type?: string }).type;
      if (type === 'CredentialsSignin' || error.name === 'CredentialsSignin') return;
      console.error(`[auth][error] ${type ?? error.name}: ${error.message}`);
    },
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
