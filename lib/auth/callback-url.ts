/**
 * Where to go after signing in: only a path on this site. Absolute URLs, protocol-relative `//host`,
 * backslash tricks and anything with control characters fall back to the default, and so does a
 * path that only becomes protocol-relative once its dot segments are resolved (`/.//evil.example`
 * is `//evil.example`, which a browser reads as another host).
 */
export function safeCallbackUrl(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, 'http://namecheck.invalid');
    if (url.origin !== 'http://namecheck.invalid') return fallback;
    const path = url.pathname + url.search + url.hash;
    return path.startsWith('//') ? fallback : path;
  } catch {
    return fallback;
  }
}
