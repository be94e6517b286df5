import type { NextAuthConfig } from 'next-auth';

// The part of the Auth.js configuration that needs no database: pages, session strategy, callbacks.
export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt' },
  // The app runs behind its own server (and possibly a proxy); the host header is trusted.
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user, account }) {
      if (user) {
        token.uid = Number(user.id);
        token.via = account?.provider === 'company' ? 'company' : 'credentials';
        token.companyId = user.companyId ?? null;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid);
      session.user.via = token.via;
      session.user.companyId = token.companyId ?? null;
      return session;
    },
  },
} satisfies NextAuthConfig;
