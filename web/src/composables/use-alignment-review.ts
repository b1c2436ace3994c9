import { useMutation } from '@urql/vue';
import type { CombinedError } from '@urql/core';
import { computed, shallowRef, type Ref } from 'vue';
import { ReviewAlignmentDocument, type AlignmentStatus } from '@/graphql/generated/graphql';

/** What a review shows of a link, whichever query fetched it. */
export interface ReviewableAlignment {
  id: string;
  status: AlignmentStatus;
  reviewedBy?: string | null;
  reviewedAt?: string | null;
}

/**
 * The links as fetched, each replaced by the editor's latest decision on it, and the ones decided
 * here that the refetch left out (a rejected link leaves `equivalents`) kept in place, so the
 * decision can be undone where it was made.
 */
export function mergeDecisions<A extends ReviewableAlignment>(fetched: readonly A[], decided: ReadonlyMap<string, A>): A[] {
  const merged = fetched.map((alignment) => decided.get(alignment.id) ?? alignment);
  for (const [id, alignment] of decided) if (!fetched.some((fetchedOne) => fetchedOne.id === id)) merged.push(alignment);
  return merged;
}

/** Confirms, rejects or undoes (back to SUGGESTED) links one click at a time. */
export function useAlignmentReview<A extends ReviewableAlignment>(fetched: Ref<readonly A[]>) {
  const mutation = useMutation(ReviewAlignmentDocument);
  const decided = shallowRef(new Map<string, A>());
  const error = shallowRef<CombinedError | null>(null);
  const busyId = shallowRef<string | null>(null);

  async function review(alignment: A, status: AlignmentStatus) {
    busyId.value = alignment.id;
    const result = await mutation.executeMutation({ id: alignment.id, status });
    busyId.value = null;
    error.value = result.error ?? null;
    const after = result.data?.reviewAlignment;
    if (after) decided.value = new Map(decided.value).set(alignment.id, { ...alignment, ...after } as A);
  }

  return { alignments: computed(() => mergeDecisions(fetched.value, decided.value)), review, error, busyId };
}
