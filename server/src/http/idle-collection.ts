import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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
 * Returns a function that stops watching.
 */
export function collectWhenIdle(server: Server, idleMs = IDLE_COLLECTION_MS, collect: () => void = fullCollection()): () => void {
  let inFlight = 0;
  let lastAnswered = 0;
  let owed = 0;
  const onRequest = (_request: unknown, response: NodeJS.EventEmitter) => {
    inFlight++;
    let done = false;
    const answered = () => {
      if (done) return;
      done = true;
      inFlight--;
      lastAnswered = Date.now();
      owed = COLLECTIONS;
    };
    response.once('finish', answered);
    response.once('close', answered);
  };
  server.on('request', onRequest);
  const timer = setInterval(
    () => {
      if (owed === 0 || inFlight > 0 || Date.now() - lastAnswered < idleMs) return;
      owed--;
      collect();
    },
    Math.max(idleMs / 4, 10),
  );
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}

/**
 * Collections run in a pause, one a tick (`idleMs` / 4) apart: after one, the national bench's
 * server stayed at 178 MiB; the second gives back what the first left (111–113 MiB).
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
