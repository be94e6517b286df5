import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node arguments of `npm start` (V8 heap flags and the built server, dist/server.mjs), read from
 * package.json, so that the benchmark, the soak and the e2e servers run exactly what production runs.
 */
export function serverNodeArgs(root: string = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start!.split(/\s+/);
  const node = words.indexOf('node');
  const server = words.findIndex((word) => /(^|\/)server\.(mjs|ts)$/.test(word));
  if (node === -1 || server === -1) throw new Error('package.json "start" should run: node … dist/server.mjs');
  return words.slice(node + 1, server + 1);
}
