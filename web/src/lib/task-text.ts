/**
 * A task's text without its heading sentence, for places that print the heading already
 * (实施校园食品安全守护行动。组织开展… → 组织开展…). Text that does not start with the heading is
 * returned whole.
 */
export function taskBody(text: string, title: string | null): string {
  const trimmed = text.trimStart();
  if (!title || !trimmed.startsWith(title)) return text;
  return trimmed.slice(title.length).replace(/^[。.．\s]+/, '');
}

/**
 * The number a plan prints before a task, from the label a reader cites (`Task.fullLabel`):
 * "5." where tasks are numbered through the document, "二（三）3" where numbering restarts and
 * the labels above it are needed, "（二）" for a national plan's tasks.
 */
export function printedNumber(fullLabel: string): string {
  return /^\d+$/.test(fullLabel) ? `${fullLabel}.` : fullLabel;
}
