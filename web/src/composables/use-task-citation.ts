import { useI18n } from 'vue-i18n';

/** What a task is cited by: its full label as printed and, where none is printed, its position. */
export interface Citable {
  fullLabel: string;
  ordinal: number;
}

/**
 * How a reader cites a task in a sentence or a link: "第 5 项" where tasks are numbered through
 * the document, "二（三）3" as printed where numbering restarts, "第 n 项" by position when the
 * plan prints no number. Reads the locale on every call, as useLocalName does.
 */
export function useTaskCitation(): (task: Citable) => string {
  const { t } = useI18n();
  return ({ fullLabel, ordinal }) => {
    if (!fullLabel) return t('task.ordinal', { n: ordinal });
    return /^\d+$/.test(fullLabel) ? t('task.cite', { label: fullLabel }) : t('task.citeOutline', { label: fullLabel });
  };
}
