import { Agent, request } from 'node:http';

/** A GraphQL request the load loop sends; `variables` may differ per call (rotating over plans…). */
export interface Scenario {
  name: string;
  query: string;
  variables: (call: number) => Record<string, unknown>;
  /** How many different variable sets `variables` rotates through. */
  rotation: number;
}

export interface LoadFigures {
  clients: number;
  requests: number;
  errors: number;
  /** Requests answered per second. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

/** POSTs one GraphQL request; resolves with its status and body. */
function post(agent: Agent, url: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one request of the scenario and throws unless it is answered without GraphQL errors. */
export async function checkScenario(baseUrl: string, scenario: Scenario): Promise<unknown> {
  const agent = new Agent({ keepAlive: false });
  const response = await post(
    agent,
    new URL('/graphql', baseUrl),
    JSON.stringify({ query: scenario.query, variables: scenario.variables(0) }),
  );
  const parsed = JSON.parse(response.body) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || parsed.errors) throw new Error(`${scenario.name}: HTTP ${response.status} ${response.body.slice(0, 500)}`);
  return parsed.data;
}

/**
 * `clients` loops on keep-alive connections, each sending the scenario's next request as soon as
 * the previous one is answered, for `seconds`; latency is measured per request on this side.
 */
export async function runLoad(baseUrl: string, scenario: Scenario, clients: number, seconds: number): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const url = new URL('/graphql', baseUrl);
  const latencies: number[] = [];
  let errors = 0;
  let call = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const body = JSON.stringify({ query: scenario.query, variables: scenario.variables(call++) });
      const sent = performance.now();
      try {
        const response = await post(agent, url, body);
        if (response.status !== 200 || response.body.includes('"errors"')) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0);
  return {
    clients,
    requests: latencies.length,
    errors,
    throughput: Math.round(latencies.length / elapsed),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 100) / 100;
}

/** Sends each of the scenario's different requests once (a warm read cache is the steady state). */
export async function warmUp(baseUrl: string, scenario: Scenario): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const url = new URL('/graphql', baseUrl);
  let next = 0;
  const worker = async () => {
    for (let call = next++; call < scenario.rotation; call = next++) {
      await post(agent, url, JSON.stringify({ query: scenario.query, variables: scenario.variables(call) }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  agent.destroy();
}
