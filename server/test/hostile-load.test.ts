import { describe, expect, it } from 'vitest';
import { runLoadTest } from '../scripts/loadtest.js';

/**
 * A 3-second smoke run of `pnpm run loadtest` (which runs 30 s with 50 connections and also holds
 * memory flat): the script works, and the server answers concurrent legitimate queries without
 * a single error.
 */
describe('the load test', () => {
  it('runs, with zero errors over 3 seconds and 10 connections', async () => {
    const result = await runLoadTest({ durationSeconds: 3, connections: 10, log: () => undefined });
    expect(result.requests).toBeGreaterThan(0);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
  }, 120_000);
});
