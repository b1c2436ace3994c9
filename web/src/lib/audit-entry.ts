/**
 * What an audit-log entry changed, in a few words: its arguments and results are JSON text as the
 * server recorded them (server/src/auth/audit.service.ts), read here per mutation.
 */
export type AuditSummary =
  | { kind: 'importPlan'; file: string; status: string; tasks: number | null }
  | { kind: 'reviewAlignment'; pair: string; from: string; to: string }
  | { kind: 'setTaskThemes'; task: string; themes: string[] }
  | { kind: 'other'; text: string };

interface EntryText {
  mutation: string;
  args: string;
  before?: string | null;
  after?: string | null;
}

function parse(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function summarizeAuditEntry(entry: EntryText): AuditSummary {
  const args = parse(entry.args);
  const before = parse(entry.before);
  const after = parse(entry.after);
  switch (entry.mutation) {
    case 'importPlan':
      return {
        kind: 'importPlan',
        file: String(args.fileName ?? ''),
        status: String(after.status ?? ''),
        tasks: typeof after.tasks === 'number' ? after.tasks : null,
      };
    case 'reviewAlignment':
      return {
        kind: 'reviewAlignment',
        pair: String(args.id ?? '').replace('~', ' ⇄ '),
        from: String(before.status ?? ''),
        to: String(args.status ?? ''),
      };
    case 'setTaskThemes':
      return {
        kind: 'setTaskThemes',
        task: String(args.taskId ?? ''),
        themes: Array.isArray(args.themeKeys) ? args.themeKeys.map(String) : [],
      };
    default:
      return { kind: 'other', text: entry.args };
  }
}
