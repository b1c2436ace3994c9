import { useQuery } from '@urql/vue';
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { JurisdictionSearchDocument, type JurisdictionSearchQuery } from '@/graphql/generated/graphql';

export type JurisdictionMatch = JurisdictionSearchQuery['jurisdictions'][number];

export interface JurisdictionSearchOptions {
  /** Quiet time after the last key before asking the server. */
  debounceMs?: number;
  /** How many matches to offer. */
  first?: number;
}

/**
 * The jurisdictions matching what a reader types (name, full name, short name or pinyin
 * initials), asked of the server once typing pauses: the country's ~3,250 divisions are never
 * loaded into the page. Nothing is asked for an empty box.
 */
export function useJurisdictionSearch(text: Ref<string>, { debounceMs = 200, first = 20 }: JurisdictionSearchOptions = {}) {
  const settled = ref(text.value.trim());
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(text, (value) => {
    clearTimeout(timer);
    const trimmed = value.trim();
    // Clearing the box takes effect at once; typing waits for a pause.
    if (!trimmed) settled.value = '';
    else timer = setTimeout(() => (settled.value = trimmed), debounceMs);
  });
  onScopeDispose(() => clearTimeout(timer));

  const query = useQuery({
    query: JurisdictionSearchDocument,
    variables: computed(() => ({ text: settled.value, first })),
    pause: computed(() => settled.value === ''),
  });

  /** The matches of the settled text; empty for an empty box. */
  const matches = computed<readonly JurisdictionMatch[]>(() => (settled.value ? (query.data.value?.jurisdictions ?? []) : []));
  return {
    /** The text the matches are for (trimmed, after the pause). */
    settled,
    matches,
    /** Typing has not settled yet, or the server has not answered. */
    pending: computed(() => text.value.trim() !== settled.value || (settled.value !== '' && query.fetching.value)),
    error: computed(() => (settled.value ? (query.error.value ?? null) : null)),
    retry: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
