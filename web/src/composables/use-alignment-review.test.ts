import { describe, expect, it } from 'vitest';
import { mergeDecisions, type ReviewableAlignment } from './use-alignment-review';

describe('mergeDecisions', () => {
  const fetched: ReviewableAlignment[] = [
    { id: 'a~b', status: 'SUGGESTED' },
    { id: 'a~c', status: 'SUGGESTED' },
  ];

  it("shows the editor's latest decision in place of what was fetched", () => {
    const decided = new Map<string, ReviewableAlignment>([['a~c', { id: 'a~c', status: 'CONFIRMED', reviewedBy: 'editor-zhao' }]]);
    expect(mergeDecisions(fetched, decided)).toEqual([fetched[0], { id: 'a~c', status: 'CONFIRMED', reviewedBy: 'editor-zhao' }]);
  });

  it('keeps a rejected link the refetch left out, so it can be undone', () => {
    const decided = new Map<string, ReviewableAlignment>([['a~b', { id: 'a~b', status: 'REJECTED' }]]);
    expect(mergeDecisions([fetched[1]!], decided)).toEqual([fetched[1], { id: 'a~b', status: 'REJECTED' }]);
  });
});
