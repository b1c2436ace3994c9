/* eslint-disable vue/one-component-per-file -- the test needs a provider and its child, both a few lines. */
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { provideSourceLocator, useSourceLocator, type SourceSpan } from './use-source-locator';

describe('useSourceLocator', () => {
  it("hands a child the plan page's locator, and nothing elsewhere", () => {
    const located: SourceSpan[] = [];
    let seen: ReturnType<typeof useSourceLocator> = null;
    const Child = defineComponent({
      setup() {
        seen = useSourceLocator();
        return () => null;
      },
    });
    mount(
      defineComponent({
        setup() {
          provideSourceLocator({ active: ref(true), locate: (span) => located.push(span) });
          return () => h(Child);
        },
      }),
    );
    seen!.locate({ start: 3, end: 9 });
    expect(seen!.active.value).toBe(true);
    expect(located).toEqual([{ start: 3, end: 9 }]);

    mount(Child);
    expect(seen).toBeNull();
  });
});
