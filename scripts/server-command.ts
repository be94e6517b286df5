import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node arguments of `npm start` (V8 heap flags, the tsx loader, server.ts), read from
 * package.json, so that the benchmark, the soak and the e2e servers run exactly what production runs.
 */
export function serverNodeArgs(root: string = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start!.split(/\s+/);
  const node = words.indexOf('node');
  const server = words.indexOf('server.ts');
  if (node === -1 || server === -1) throw new Error('package.json "start" should run: node … server.ts');
  return words.slice(node + 1, server + 1);
}
