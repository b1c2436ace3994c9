import { describe, expect, it } from 'vitest';
import { summarizeAuditEntry } from './audit-entry';

describe('summarizeAuditEntry', () => {
  it('says which file an upload imported and what became of the plan', () => {
    const entry = {
      mutation: 'importPlan',
      args: '{"fileName":"tongzhou-2022.txt","bytes":9000}',
      after: '{"status":"created","tasks":22}',
    };
    expect(summarizeAuditEntry(entry)).toEqual({ kind: 'importPlan', file: 'tongzhou-2022.txt', status: 'created', tasks: 22 });
  });

  it('says which pair a review decided, from what to what', () => {
    const entry = {
      mutation: 'reviewAlignment',
      args: '{"id":"320612-2022-t5~320300-2022-t2","status":"CONFIRMED","note":null}',
      before: '{"status":"SUGGESTED"}',
    };
    expect(summarizeAuditEntry(entry)).toEqual({
      kind: 'reviewAlignment',
      pair: '320612-2022-t5 ⇄ 320300-2022-t2',
      from: 'SUGGESTED',
      to: 'CONFIRMED',
    });
  });

  it("lists a task's new themes, and shows anything else as recorded", () => {
    expect(summarizeAuditEntry({ mutation: 'setTaskThemes', args: '{"taskId":"320612-2022-t9","themeKeys":["food-waste"]}' })).toEqual({
      kind: 'setTaskThemes',
      task: '320612-2022-t9',
      themes: ['food-waste'],
    });
    expect(summarizeAuditEntry({ mutation: 'somethingNew', args: 'not json' })).toEqual({ kind: 'other', text: 'not json' });
  });
});
