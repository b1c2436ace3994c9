import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long the server must have answered nothing before it collects. */
export const IDLE_COLLECTION_MS = 5_000;

/**
 * Gives back the memory a burst of requests left behind, once the server has been idle a while.
 *
 * Under 32 requests at once V8 grows its old generation, and the answers' garbage stays in it: with
 * no allocation going on while the server waits, V8 has no reason to collect, and keeps the pages.
 * After the national bench's loads a process stayed at 213–259 MiB resident 15 s later. So when
 * requests have ended and none has been in flight for `idleMs`, the process runs a full collection
 * (~40 ms on that heap), and a second one `idleMs` later: the first runs while the load's
 * keep-alive connections, which Node ends after 5 s without a request, still hold their buffers
 * and last requests (one collection: 164–208 MiB; two: 112–118 MiB; BENCHMARKS.md, issue 12). Then
 * none until requests come again. A request arriving during one waits for it, as for any major
 * collection under load.
 *
 * Returns a function that stops watching.
 */
export function collectWhenIdle(server: Server, idleMs = IDLE_COLLECTION_MS, collect: () => void = fullCollection()): () => void {
  let inFlight = 0;
  /** When the last answer ended, or the last collection ran: each collection waits `idleMs` after both. */
  let lastEvent = 0;
  let owed = 0;
  const onRequest = (_request: unknown, response: NodeJS.EventEmitter) => {
    inFlight++;
    let done = false;
    const answered = () => {
      if (done) return;
      done = true;
      inFlight--;
      lastEvent = Date.now();
      owed = COLLECTIONS_WHEN_IDLE;
    };
    response.once('finish', answered);
    response.once('close', answered);
  };
  server.on('request', onRequest);
  const timer = setInterval(
    () => {
      if (owed === 0 || inFlight > 0 || Date.now() - lastEvent < idleMs) return;
      owed--;
      collect();
      lastEvent = Date.now();
    },
    Math.max(idleMs / 4, 10),
  );
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}

/** Full collections run after requests, `idleMs` apart (see collectWhenIdle). */
const COLLECTIONS_WHEN_IDLE = 2;

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
