import { setFlagsFromString } from 'node:v8';
import type { ResourceLimits } from 'node:worker_threads';

/**
 * The young generation of Next's worker thread, in MB. Next's pages and Auth.js keep little of what
 * they allocate; with the process's flags this thread's young generation grew to 64 MB, resident
 * and mostly empty under a mixed load (docs/decisions/004-performance.md).
 */
export const NEXT_WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Heap limits for a worker thread created right after this call. `npm start` runs node with
 * `--max-semi-space-size=16`, which makes the checks in the main thread cheaper (fewer scavenges).
 * V8 applies a process's heap flags to every isolate it creates, and a flag wins over a Worker's
 * `resourceLimits`, but it reads them only when an isolate is created. So this clears the
 * semi-space flags (the main thread's heap keeps the sizes it was created with) and returns the
 * worker's own limit.
 */
export function workerHeapLimits(youngGenerationMb: number): ResourceLimits {
  setFlagsFromString('--max-semi-space-size=0');
  setFlagsFromString('--min-semi-space-size=0');
  return { maxYoungGenerationSizeMb: youngGenerationMb };
}
