import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Runs node as `npm start` does (--max-semi-space-size=32), starts a worker thread that allocates
// with many survivors (which makes V8 grow its young generation as far as it may) and prints the
// worker's and then the main thread's new-space size in MB.
function youngGenerations(useWorkerHeapLimits: boolean): { worker: number; main: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { Worker } from 'node:worker_threads';
    import { workerHeapLimits } from './lib/server/worker-heap.ts';
    const churn = 'let keep = []; for (let i = 0; i < 1e7; i++) { keep.push({ i }); if (keep.length > 300000) keep = []; }';
    const report = "require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576)";
    const resourceLimits = ${useWorkerHeapLimits} ? workerHeapLimits(8) : { maxYoungGenerationSizeMb: 8 };
    const worker = new Worker(churn + ';' + report, { eval: true, execArgv: [], resourceLimits });
    const workerMb = await new Promise((resolve) => worker.once('message', resolve));
    eval(churn);
    const mainMb = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
    console.log(JSON.stringify({ worker: workerMb, main: mainMb }));
  `;
  const run = spawnSync(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { worker: number; main: number };
}

describe('workerHeapLimits', () => {
  it('gives the worker its own young generation while the main thread keeps the flag', () => {
    const sizes = youngGenerations(true);
    expect(sizes.worker).toBeLessThanOrEqual(8);
    expect(sizes.main).toBe(64);
  });

  it('is needed: the process flag wins over resourceLimits alone', () => {
    expect(youngGenerations(false).worker).toBe(64);
  });
});
