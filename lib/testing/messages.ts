/** A catalogue's messages by dotted key (`username.verdict.taken`), for the tests that read every one. */
export function flattenMessages(node: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else flattenMessages(value, path, into);
  }
  return into;
}
