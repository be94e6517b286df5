import { randomBytes } from 'node:crypto';

// The headers every answer from Next carries (the API answers carry their own, lib/http/problem.ts).
// The Content-Security-Policy allows only scripts with this request's nonce, and those they load
// ('strict-dynamic': the chunks Next's runtime adds, such as /signup's live check). server.ts puts
// the same policy on the request it hands to Next: Next reads the nonce from the request's
// `Content-Security-Policy` header and gives it to every script and style it renders (decision 008).
// So every page is rendered per request (app/layout.tsx): a page prerendered at build time would
// carry no nonce, and its scripts would not run.

/** A fresh nonce: 128 random bits, as the CSP spec asks for at least. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The policy for one answer. `dev` (`npm run dev`) adds what Next's development mode needs: eval
 * for React's debugging and inline styles for its overlay.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The answer headers, in writeHead's flat form. `strict-origin-when-cross-origin` rather than
 * `no-referrer`: with `no-referrer` a browser sends `Origin: null` on a same-site form POST, and
 * Next's server actions and the admin routes check the Origin. Other sites get the origin alone,
 * never a path (a setup link's token stays here).
 */
export function securityHeaders(policy: string): string[] {
  return [
    'content-security-policy', policy,
    'x-frame-options', 'DENY',
    'x-content-type-options', 'nosniff',
    'referrer-policy', 'strict-origin-when-cross-origin',
  ];
}
