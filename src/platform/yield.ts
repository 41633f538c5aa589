import { setImmediate } from 'node:timers/promises';

/**
 * Lets the event loop serve other requests before going on. One setImmediate from a request
 * handler resumes in the same loop iteration (before timers and new I/O); the second resumes
 * in the next one, after they had their turn.
 */
export async function yieldToOtherRequests(): Promise<void> {
  await setImmediate();
  await setImmediate();
}
