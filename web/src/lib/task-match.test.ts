import { describe, expect, it } from 'vitest';
import { matchesTask, type TaskLike } from './task-match';

const campus: TaskLike = {
  title: '实施校园食品安全守护行动',
  text: '组织开展春秋季校园食品安全专项检查。督促学校严格落实食品安全校长（园长）负责制。',
  clauses: [
    { assignments: [{ role: 'RESPONSIBLE', agency: { kind: 'MARKET_REGULATION' } }] },
    { assignments: [{ role: 'RESPONSIBLE', agency: { kind: 'EDUCATION' } }] },
  ],
};

describe('matchesTask', () => {
  it('matches text in the title or the body', () => {
    expect(matchesTask(campus, { text: '守护行动' })).toBe(true);
    expect(matchesTask(campus, { text: '园长' })).toBe(true);
    expect(matchesTask(campus, { text: '冷链' })).toBe(false);
  });

  it('needs the kind and the role in the same assignment', () => {
    expect(matchesTask(campus, { agencyKind: 'EDUCATION', role: 'RESPONSIBLE' })).toBe(true);
    expect(matchesTask(campus, { agencyKind: 'EDUCATION', role: 'LEAD' })).toBe(false);
    expect(matchesTask(campus, { agencyKind: 'HEALTH' })).toBe(false);
    expect(matchesTask(campus, {})).toBe(true);
  });
});
