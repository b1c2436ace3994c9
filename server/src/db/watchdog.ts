import pg from 'pg';

/**
 * Notices a PostgreSQL that has stopped answering without closing its connections (frozen by
 * SIGSTOP, a host that hangs, a network that drops packets): nothing fails then, every query just
 * waits, and statement_timeout cannot help because it runs on the server that is frozen.
 *
 * A statement that has run for STALL_MS may simply be slow, so the watchdog asks the server a
 * `SELECT 1` on a connection of its own. No answer within PROBE_TIMEOUT_MS means the database is
 * frozen: every connection of the pool (busy, idle or still connecting) is cut, so the requests
 * waiting on them fail at once as `database/unavailable` (503), and new connections fail without
 * waiting until a probe is answered again (one every TICK_MS meanwhile).
 *
 * We do not use pg's `query_timeout`: it gives up on the query but keeps the connection, whose late
 * answer is then read as the answer to whatever that connection runs next.
 */

/** How often the pool's connections are looked at. */
const TICK_MS = 500;
/** A statement running this long has the database probed. */
export const STALL_MS = 2_000;
/** A probe unanswered this long means the database is frozen. */
export const PROBE_TIMEOUT_MS = 2_000;
/** Beyond statement_timeout, how long a statement may run before its connection is cut anyway. */
const BACKSTOP_MARGIN_MS = 5_000;

/** The worst wait for a request on a frozen database: the stall is seen, then the probe fails. */
export const FROZEN_DETECTION_MS = STALL_MS + TICK_MS + PROBE_TIMEOUT_MS;

/** The error of a connection refused because the database is not answering ('ETIMEDOUT': availability.ts reads it as 503). */
export class DatabaseNotAnsweringError extends Error {
  override name = 'DatabaseNotAnsweringError';
  readonly code = 'ETIMEDOUT';
}

/** A SQLSTATE the server sent (too many connections, starting up…): it is there. Class 08 is pg's own, for a lost connection. */
const SERVER_ANSWER = /^(?!08)[0-9A-Z]{5}$/;

/** pg's client, with what the watchdog reads of it (pg keeps the query being run in `_activeQuery`). */
type WatchedClient = pg.Client & { _activeQuery?: unknown; connection?: { stream?: { destroy(): void } } };

function cut(client: WatchedClient): void {
  client.connection?.stream?.destroy();
}

export class DatabaseWatchdog {
  private readonly clients = new Map<WatchedClient, { query: unknown; since: number }>();
  private probeClient: pg.Client | undefined;
  private probing = false;
  private lastProbe = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Since when the database has not answered (0 while it does). */
  private frozenSince = 0;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly options: { statementTimeoutMs?: number; log: (message: string) => void },
  ) {}

  /** True while the database is known not to answer: new connections are refused at once. */
  get frozen(): boolean {
    return this.frozenSince !== 0;
  }

  track(client: WatchedClient): void {
    this.clients.set(client, { query: undefined, since: 0 });
    client.once('end', () => this.clients.delete(client));
    this.timer ??= setInterval(() => this.tick(), TICK_MS).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.dropProbeClient();
  }

  private tick(): void {
    const now = Date.now();
    let stalled = false;
    for (const [client, seen] of this.clients) {
      const query = client._activeQuery;
      if (query !== seen.query) this.clients.set(client, { query, since: now });
      else if (query) {
        const running = now - seen.since;
        if (running >= STALL_MS) stalled = true;
        const backstop = this.options.statementTimeoutMs ? this.options.statementTimeoutMs + BACKSTOP_MARGIN_MS : undefined;
        if (backstop && running >= backstop) {
          this.options.log(`PostgreSQL did not end a statement after ${Math.round(running / 1000)} s; cutting its connection.`);
          cut(client);
        }
      }
    }
    if (this.probing) return;
    if (this.frozen || (stalled && now - this.lastProbe >= TICK_MS * 2)) void this.probe();
  }

  private async probe(): Promise<void> {
    this.probing = true;
    this.lastProbe = Date.now();
    const answered = await this.ask().finally(() => (this.probing = false));
    if (answered && this.frozen) {
      this.options.log(`PostgreSQL answers again after ${((Date.now() - this.frozenSince) / 1000).toFixed(1)} s.`);
      this.frozenSince = 0;
    } else if (!answered && !this.frozen) {
      this.frozenSince = Date.now();
      this.options.log(
        `PostgreSQL does not answer (a statement waits for ${STALL_MS / 1000} s or more, a probe got no answer within ${PROBE_TIMEOUT_MS / 1000} s); failing its requests with 503 until it answers again.`,
      );
      for (const client of this.clients.keys()) cut(client);
    }
  }

  /** True when the server answers anything (an error with a SQLSTATE counts: it is there) within PROBE_TIMEOUT_MS. */
  private ask(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const settle = (answered: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!answered) this.dropProbeClient();
        resolve(answered);
      };
      // After a blocked event loop, timers run before the socket's pending answer is read:
      // setImmediate lets that answer in before the probe counts as unanswered.
      const timer = setTimeout(() => setImmediate(() => settle(false)), PROBE_TIMEOUT_MS);
      this.probeQuery().then(
        () => settle(true),
        (error: { code?: unknown }) => {
          this.dropProbeClient();
          settle(typeof error?.code === 'string' && SERVER_ANSWER.test(error.code));
        },
      );
    });
  }

  private async probeQuery(): Promise<void> {
    if (!this.probeClient) {
      const client = new pg.Client({ ...this.config, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
      client.on('error', () => this.dropProbeClient(client));
      this.probeClient = client;
      await client.connect();
    }
    await this.probeClient.query('SELECT 1');
  }

  private dropProbeClient(client = this.probeClient): void {
    if (!client) return;
    if (client === this.probeClient) this.probeClient = undefined;
    cut(client as WatchedClient);
    client.end().catch(() => undefined);
  }
}
