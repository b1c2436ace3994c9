import { describe, expect, it } from 'vitest';
import { baseUrl, graphql } from '../client.js';

describe('the HTTP server', () => {
  it('reports health with the database', async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers introspection with NODE_ENV=production', async () => {
    const response = await graphql(`
        {
          __schema {
            queryType {
              name
            }
          }
        }
      `);
    expect(response).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('answers GET queries, and refuses mutations over GET', async () => {
    const url = `${baseUrl()}/graphql?query=${encodeURIComponent('{ plans { totalCount } }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await response.json()).toEqual({ data: { plans: { totalCount: 2 } } });
    const mutation = await fetch(`${baseUrl()}/graphql?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(mutation.status).toBe(405);
  });

  it('sends no stack traces and uses our error codes', async () => {
    const response = await graphql(`
        {
          plan(id: "nope") {
            id
          }
        }
      `);
    expect(response.errors![0]).toMatchObject({ message: '"nope" is not a Plan Atlas id.', extensions: { code: 'id/invalid' } });
    expect(response.errors![0].extensions).not.toHaveProperty('stacktrace');
  });

  it('shows no Apollo landing page (it would load from a CDN)', async () => {
    const response = await fetch(`${baseUrl()}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/apollographql|embeddable-sandbox|cdn\./i);
  });

  it('serves GraphiQL from its own assets', async () => {
    const response = await fetch(`${baseUrl()}/graphiql`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/https?:\/\//);
  });
});
