import { useI18n } from 'vue-i18n';
import { verdictReasonText, type VerdictReasonPart } from '@/lib/plan-changes';

/**
 * A cascade verdict's reason in the reader's language, from its parts (`TargetVerdict.reasons`):
 * the API's `reason` is English only. Empty when the verdict needs no reason.
 */
export function useVerdictReason(): (parts: readonly VerdictReasonPart[]) => string {
  const { t } = useI18n();
  return (parts) =>
    verdictReasonText(
      parts,
      (kind, values) => t(`cascade.reason.${kind}`, values),
      (name) => t(`period.${name}`),
      t('cascade.reasonSeparator'),
    );
}
