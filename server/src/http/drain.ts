import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long SIGTERM waits for the answers in flight (SECURITY.md "Database faults"): a large
 * answer to a slow client takes seconds to write. Orchestrators wait 30 s before SIGKILL; the last
 * 5 s are left for closing the pool and stopping the embedded PostgreSQL.
 */
export const DRAIN_DEADLINE_MS = 25_000;

/** What the server is answering: requests in flight, and when the last answer ended (idle-collection.ts). */
export interface RequestActivity {
  inFlight(): number;
  /** Date.now() when the last answer ended, 0 before any. */
  lastAnsweredAt(): number;
}

/**
 * Tracks the requests in flight on each connection of `server`; `drain()` stops accepting
 * connections, ends idle keep-alive connections at once and the others as soon as their answer is
 * written (to the last byte handed to the system), and after `deadlineMs` cuts what is left.
 * Resolves with the number of connections cut.
 */
export function trackConnections(server: Server): RequestActivity & { drain(deadlineMs?: number): Promise<number> } {
  const inFlight = new Map<Socket, number>();
  let requests = 0;
  let lastAnsweredAt = 0;
  let draining = false;
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    requests++;
    // A keep-alive client must not send another request on a connection that is about to end.
    if (draining) response.setHeader('Connection', 'close');
    let done = false;
    const answered = () => {
      if (done) return;
      done = true;
      requests--;
      lastAnsweredAt = Date.now();
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (draining && left === 0) socket.end();
    };
    response.once('finish', answered);
    response.once('close', answered);
  });

  // server.close() (ours, and Apollo's drain plugin's) first calls closeIdleConnections(), which
  // destroys every connection whose response has called end(), even with megabytes of it still
  // waiting to be written: SIGTERM cut large answers. Only connections with nothing left to write
  // are idle here.
  server.closeIdleConnections = () => {
    for (const [socket, requests] of inFlight) if (requests === 0) socket.end();
  };

  return {
    inFlight: () => requests,
    lastAnsweredAt: () => lastAnsweredAt,
    async drain(deadlineMs = DRAIN_DEADLINE_MS) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
      const outcome = await Promise.race([closed, late]);
      clearTimeout(timer);
      if (outcome !== 'late') return 0;
      const cut = inFlight.size;
      for (const socket of inFlight.keys()) socket.destroy();
      await closed;
      return cut;
    },
  };
}
