import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { FilterOptionsDocument, JurisdictionsWithPlansDocument } from '@/graphql/generated/graphql';

/**
 * Which jurisdictions a view's menu lists: none (`undefined`), those with a plan of any year, or
 * those with a plan of the year a function picks from the years there are (newest first), so a
 * view can default to the newest year before it knows which years there are.
 */
export type JurisdictionsOf = 'any-year' | ((years: readonly number[]) => number | null);

/**
 * The filter menus' options, from the API's whole lists (`planYears`, `jurisdictionsWithPlans`)
 * rather than a page of plans, so a national deployment's menus are complete.
 */
export function useFilterOptions(jurisdictionsOf?: JurisdictionsOf) {
  const options = useQuery({ query: FilterOptionsDocument });
  const years = computed(() => options.data.value?.planYears ?? []);
  const themes = computed(() => options.data.value?.themes ?? []);

  /** The year whose jurisdictions are listed; null for any year, or while the years load. */
  const jurisdictionsYear = computed(() => (typeof jurisdictionsOf === 'function' ? jurisdictionsOf(years.value) : null));
  const listed = useQuery({
    query: JurisdictionsWithPlansDocument,
    variables: computed(() => ({ year: jurisdictionsYear.value })),
    pause: computed(() => !jurisdictionsOf || (typeof jurisdictionsOf === 'function' && jurisdictionsYear.value === null)),
  });
  const jurisdictions = computed(() => listed.data.value?.jurisdictionsWithPlans ?? []);

  return {
    themes,
    years,
    jurisdictionsYear,
    jurisdictions,
    // Loading until there is a first answer: a menu stays in place while another year's list loads.
    fetching: computed(() => (options.fetching.value && !options.data.value) || (listed.fetching.value && !listed.data.value)),
    error: computed(() => options.error.value ?? listed.error.value),
    retry() {
      options.executeQuery({ requestPolicy: 'network-only' });
      if (!listed.isPaused.value) listed.executeQuery({ requestPolicy: 'network-only' });
    },
  };
}
