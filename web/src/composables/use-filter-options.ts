import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { FilterOptionsDocument } from '@/graphql/generated/graphql';

/**
 * The filter menus' options, from the API's whole lists (`themes`, `planYears`) rather than a
 * page of plans, so a national deployment's menus are complete. Jurisdictions are too many for a
 * menu (~3,250): views choose them with BaseJurisdictionPicker, which searches the server.
 */
export function useFilterOptions() {
  const options = useQuery({ query: FilterOptionsDocument });
  return {
    themes: computed(() => options.data.value?.themes ?? []),
    /** Every year there are plans for, newest first. */
    years: computed(() => options.data.value?.planYears ?? []),
    // Loading until there is a first answer.
    fetching: computed(() => options.fetching.value && !options.data.value),
    error: computed(() => options.error.value),
    retry() {
      options.executeQuery({ requestPolicy: 'network-only' });
    },
  };
}
