import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/api-token.entity.js';
import { createToken } from '../src/auth/token.service.js';
import { seedsDir } from '../src/common/paths.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type GraphQLResponse, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const TONGZHOU_PLAN = toGlobalId('Plan', '320612-2021');
const XUZHOU_PLAN = toGlobalId('Plan', '320300-2021');
const campus = toGlobalId('TaskAlignment', '320612-2021-t5~320300-2021-t2');

const AUDIT_LOG = `query($planId: ID, $after: String) { auditLog(planId: $planId, first: 2, after: $after) {
  totalCount nodes { id actor mutation planIds args before after } pageInfo { hasNextPage endCursor } } }`;

describe('who is signed in, and the audit log', () => {
  let db: TestDatabase;
  let api: TestApi;
  let bearer: string;

  async function graphql(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<GraphQLResponse> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: readFileSync(join(seedsDir, 'tongzhou-2021.txt')) });
    await importPlan(db.dataSource, { fileName: 'xuzhou-2021.md', bytes: readFileSync(join(seedsDir, 'xuzhou-2021.md')) });
    api = await startTestApi(db.dataSource);
    bearer = `Bearer ${(await createToken(db.dataSource, Role.EDITOR, 'editor-zhao')).token}`;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it("names the token's holder and role, and nobody without a valid token", async () => {
    expect((await graphql('{ viewer { name role } }', {}, bearer)).data).toEqual({ viewer: { name: 'editor-zhao', role: 'EDITOR' } });
    for (const authorization of [undefined, 'Bearer pa_not-a-real-token']) {
      const { data, errors } = await graphql('{ viewer { name role } }', {}, authorization);
      expect(errors).toBeUndefined();
      expect(data).toEqual({ viewer: null });
    }
  });

  it('refuses the audit log to readers', async () => {
    const { data, errors } = await graphql(AUDIT_LOG, {});
    expect(data).toBeNull();
    expect(errors![0].extensions.code).toBe('auth/unauthenticated');
  });

  it('lists changes newest first, plan by plan, a page at a time; a review can be undone', async () => {
    const review = `mutation($id: ID!, $status: AlignmentStatus!) { reviewAlignment(id: $id, status: $status) { status reviewedBy reviewedAt } }`;
    expect((await graphql(review, { id: campus, status: 'REJECTED' }, bearer)).data!.reviewAlignment.status).toBe('REJECTED');
    // Undo: back to what the engine suggested, and the pair is an equivalent again.
    const undone = (await graphql(review, { id: campus, status: 'SUGGESTED' }, bearer)).data!.reviewAlignment;
    expect(undone).toMatchObject({ status: 'SUGGESTED', reviewedBy: 'editor-zhao' });
    expect(undone.reviewedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const themes = await graphql(
      `mutation($id: ID!) { setTaskThemes(taskId: $id, themeKeys: ["food-waste"]) { id } }`,
      { id: toGlobalId('Task', '320300-2021-t3') },
      bearer,
    );
    expect(themes.errors).toBeUndefined();

    const first = (await graphql(AUDIT_LOG, { planId: TONGZHOU_PLAN }, bearer)).data!.auditLog;
    expect(first.totalCount).toBe(2);
    expect(first.nodes.map((entry: { mutation: string }) => entry.mutation)).toEqual(['reviewAlignment', 'reviewAlignment']);
    expect(first.nodes[0]).toMatchObject({ actor: 'editor-zhao', planIds: expect.arrayContaining([TONGZHOU_PLAN, XUZHOU_PLAN]) });
    expect(JSON.parse(first.nodes[0].args)).toMatchObject({ status: 'SUGGESTED' });
    expect(JSON.parse(first.nodes[0].before)).toMatchObject({ status: 'REJECTED' });
    expect(first.pageInfo.hasNextPage).toBe(false);

    const xuzhou = (await graphql(AUDIT_LOG, { planId: XUZHOU_PLAN }, bearer)).data!.auditLog;
    expect(xuzhou.totalCount).toBe(3);
    expect(xuzhou.nodes[0].mutation).toBe('setTaskThemes');
    expect(xuzhou.pageInfo.hasNextPage).toBe(true);
    const next = (await graphql(AUDIT_LOG, { planId: XUZHOU_PLAN, after: xuzhou.pageInfo.endCursor }, bearer)).data!.auditLog;
    expect(next.nodes.map((entry: { args: string }) => JSON.parse(entry.args).status)).toEqual(['REJECTED']);
    expect(Number(next.nodes[0].id)).toBeLessThan(Number(xuzhou.nodes[1].id));
  });
});
