import { inject, provide, type InjectionKey, type Ref } from 'vue';

/** A stretch of the plan's source text (UTF-16 offsets, as the API gives spans). */
export interface SourceSpan {
  start: number;
  end: number;
}

export interface SourceLocator {
  /** Whether the source pane is open, so what was read can be located in it. */
  active: Readonly<Ref<boolean>>;
  /** Opens the source pane scrolled to the span, highlighted. */
  locate(span: SourceSpan): void;
}

const KEY: InjectionKey<SourceLocator> = Symbol('source-locator');

/** The plan page offers its source pane to everything it shows: a task, a clause, an agency, a target, a deadline. */
export function provideSourceLocator(locator: SourceLocator): void {
  provide(KEY, locator);
}

/** The plan page's locator, or null outside it (the same components on other pages locate nothing). */
export function useSourceLocator(): SourceLocator | null {
  return inject(KEY, null);
}
