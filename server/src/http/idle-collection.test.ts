import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackConnections } from './drain.js';
import { collectWhenIdle } from './idle-collection.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('collectWhenIdle', () => {
  let server: Server | undefined;
  let stop: (() => void) | undefined;
  afterEach(async () => {
    stop?.();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  /** A server answering after `delayMs`, collecting (counted) after `idleMs` without requests. */
  async function start(idleMs: number, delayMs: number) {
    let collections = 0;
    server = createServer((_request, response) => setTimeout(() => response.end('ok'), delayMs));
    stop = collectWhenIdle(trackConnections(server), idleMs, () => collections++);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return { request: () => fetch(url).then((response) => response.text()), collections: () => collections };
  }

  it('collects twice after requests have ended and none came for a while, and not again until requests come', async () => {
    // Generous waits against the idle time (100 ms): the check runs on a timer, late on a loaded machine.
    const api = await start(100, 0);
    await sleep(500);
    expect(api.collections()).toBe(0);
    await Promise.all([api.request(), api.request()]);
    await sleep(20);
    expect(api.collections()).toBe(0);
    await sleep(700);
    expect(api.collections()).toBe(2);
    await sleep(700);
    expect(api.collections()).toBe(2);
    await api.request();
    await sleep(700);
    expect(api.collections()).toBe(4);
  });

  it('does not collect while a request is being answered', async () => {
    const api = await start(100, 1_500);
    await api.request();
    const slow = api.request();
    await sleep(700);
    // The first answer ended 700 ms ago, seven times the idle time, but the second is still in flight.
    expect(api.collections()).toBe(0);
    await slow;
    await sleep(700);
    expect(api.collections()).toBe(2);
  });
});
