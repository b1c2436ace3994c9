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
