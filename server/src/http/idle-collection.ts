import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RequestActivity } from './drain.js';

/** How long the server must have answered nothing before it collects. */
export const IDLE_COLLECTION_MS = 30_000;

/**
 * Gives back the memory a burst of requests left behind, once the server has been quiet a while.
 *
 * Under 32 requests at once V8 grows its old generation, and the answers' garbage stays in it: with
 * no allocation going on while the server waits, V8 has no reason to collect, and keeps the pages.
 * After the national bench's loads a process stayed at 213–283 MiB resident 15 s later; full
 * collections once the load's keep-alive connections have ended (Node ends them after 5 s without
 * a request) take it to 104–115 MiB. They are not free: the requests of the next seconds run on
 * the shrunken heap, ~40–80 % more CPU each while V8 grows it again (plan list, seed plans:
 * 0.63–1.25 ms a request against 0.42–0.72 in the 5 s after 12 s idle; BENCHMARKS.md, issue 12).
 * So they wait for a real pause, `idleMs` (30 s) without a request in flight, not the seconds
 * between a researcher's queries, and run twice (~40 ms each, see COLLECTIONS) until requests
 * come again. A request arriving during one waits for it, as for any major collection under load.
 *
 * `requests` is the server's request tracker (`trackConnections`, drain.ts). Returns a function
 * that stops watching.
 */
export function collectWhenIdle(
  requests: RequestActivity,
  idleMs = IDLE_COLLECTION_MS,
  collect: () => void = fullCollection(),
): () => void {
  // The answer whose pause the collections owed belong to: a later one owes them again.
  let pauseAfter = 0;
  let owed = 0;
  const timer = setInterval(
    () => {
      const last = requests.lastAnsweredAt();
      if (last !== pauseAfter) [pauseAfter, owed] = [last, COLLECTIONS];
      if (owed === 0 || requests.inFlight() > 0 || Date.now() - last < idleMs) return;
      owed--;
      collect();
    },
    Math.max(idleMs / 4, 10),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Collections run in a pause, one a tick (`idleMs` / 4) apart: after one 30 s after the national
 * bench's load, its server stayed at 115–178 MiB in three runs; the second took it to 104–107 MiB.
 */
const COLLECTIONS = 2;

/**
 * V8's full collection: `gc` when Node was started with `--expose-gc`, else the same function
 * exposed now (the flag applies to contexts created after it is set).
 */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
