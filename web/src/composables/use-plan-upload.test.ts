import { describe, expect, it } from 'vitest';
import { stateOf } from './use-plan-upload';

const refusal = (code: string, extensions: Record<string, unknown> = {}) => ({
  errors: [{ message: 'refused', extensions: { code, ...extensions } }],
});

describe('stateOf', () => {
  it('reads a created, replaced or unchanged plan', () => {
    const plan = { id: 'UGxhbjoz', planId: '320612-2022', status: 'created', tasks: 22 };
    expect(stateOf(201, { plan })).toEqual({ kind: 'done', plan });
    expect(stateOf(200, { plan: { ...plan, status: 'unchanged' } })).toMatchObject({ kind: 'done', plan: { status: 'unchanged' } });
  });

  it("reads the parser's refusal with file, line, field and what was expected", () => {
    const state = stateOf(422, refusal('plan/invalid', { file: 'cut.txt', line: 76, field: 'responsibility', expected: 'a bracket' }));
    expect(state).toEqual({
      kind: 'invalid',
      message: 'refused',
      file: 'cut.txt',
      line: 76,
      field: 'responsibility',
      expected: 'a bracket',
    });
  });

  it('reads the candidates of an ambiguous jurisdiction and both documents of a conflict', () => {
    const candidates = [{ code: '110112', fullName: '北京市通州区' }];
    expect(stateOf(422, refusal('plan/jurisdiction_unknown', { candidates }))).toEqual({
      kind: 'ambiguous',
      message: 'refused',
      candidates,
    });
    const stored = { title: '旧', documentNumber: null, sourceFileName: 'a.txt', importedAt: '2026-01-01T00:00:00Z' };
    const incoming = { title: '新', documentNumber: null, fileName: 'b.txt' };
    expect(stateOf(409, refusal('plan/conflict', { stored, incoming }))).toEqual({
      kind: 'conflict',
      message: 'refused',
      stored,
      incoming,
    });
  });

  it("keeps any other code, or the HTTP status when the body is not the API's", () => {
    expect(stateOf(401, refusal('auth/unauthenticated'))).toMatchObject({ kind: 'failed', code: 'auth/unauthenticated' });
    expect(stateOf(502, null)).toEqual({ kind: 'failed', code: 'http/502', message: '' });
  });
});
