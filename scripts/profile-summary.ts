// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by file and by function, and the
// inclusive time by function (the function and everything it called), as shares of the busy time
// (the samples that were not idle).
// usage: node --import tsx scripts/profile-summary.ts FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
const [file, top = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

function keyOf(n: Node): { key: string; short: string } {
  const url = n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  const short = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13).split('/').slice(0, 2).join('/') : url || '(native)';
  return { key: `${n.callFrame.functionName || '(anonymous)'}  ${short}:${n.callFrame.lineNumber + 1}`, short };
}

const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy = total - idle;

const fn = new Map<string, number>();
const files = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(idle)') continue;
  const { key, short } = keyOf(n);
  fn.set(key, (fn.get(key) ?? 0) + us);
  files.set(short, (files.get(short) ?? 0) + us);
  // Each function on the sample's stack once (recursion counted once).
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const k = keyOf(byId.get(at)!).key;
    if (k.startsWith('(root)')) continue;
    if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    seen.add(k);
  }
}
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
console.log(`total sampled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (shares below are of the busy time)`);
console.log('\nself time by file/package:');
for (const [k, v] of list(files)) console.log(`${pct(v)}  ${k}`);
console.log('\nself time by function:');
for (const [k, v] of list(fn)) console.log(`${pct(v)}  ${k}`);
console.log('\ninclusive time by function (itself and what it called):');
for (const [k, v] of list(inclusive)) console.log(`${pct(v)}  ${k}`);
