/**
 * How far an import has gone, in memory both the import worker and the server's event loop see (a
 * SharedArrayBuffer): the worker writes as it reads, the server reads it when the time budget is
 * spent, to stop the worker and say what was too large. Neither side waits for the other.
 */

/** What the parser reports as it reads (all optional: the CLI and tests pass nothing). */
export interface ParseProgress {
  /** A .docx: what its parts inflate to, all of them and the Word XML mammoth reads. */
  inflated?(bytes: number, xmlBytes: number): void;
  /** The text the parser reads: its length in characters and lines. */
  text?(characters: number, lines: number): void;
  /** One more task read. */
  task?(): void;
}

/** What an import reports: the parse's progress, and the moment the parse is over. */
export interface ImportProgress extends ParseProgress {
  /**
   * The parse is done and the import is about to write. Throws when the import was stopped in the
   * meantime (its budget spent), so that nothing is written.
   */
  parsed(): void;
}

export const ImportStage = {
  /** Waiting for a worker. */
  QUEUED: 0,
  /** Reading the file: unzipping, converting, parsing. The budget runs. */
  PARSING: 1,
  /** Writing and aligning: the budget no longer applies (statement timeouts do). */
  WRITING: 2,
  /** Stopped by the server: the budget was spent while parsing. */
  STOPPED: 3,
} as const;
export type ImportStage = (typeof ImportStage)[keyof typeof ImportStage];

const STAGE = 0;
const BYTES = 1;
const XML_BYTES = 2;
const CHARACTERS = 3;
const LINES = 4;
const TASKS = 5;
const SLOTS = 6;

/** What was read when a budget was spent, for the refusal. */
export interface ProgressSnapshot {
  stage: ImportStage;
  /** A .docx's parts, inflated (0 when not a .docx or not yet unzipped). */
  inflatedBytes: number;
  /** Of which the Word XML that mammoth parses. */
  xmlBytes: number;
  characters: number;
  lines: number;
  tasks: number;
}

/** Node has it since 16; TypeScript's lib declares it from ES2024 on, past this project's target. */
interface AtomicsWithWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** One import's progress over shared memory; `new SharedImportProgress()` on the server, `.of(buffer)` in the worker. */
export class SharedImportProgress implements ImportProgress {
  private readonly slots: Int32Array;

  constructor(readonly buffer = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT)) {
    this.slots = new Int32Array(buffer);
  }

  /** The worker marks the start of its parse, and wakes the server waiting for it to start the clock. */
  started(): void {
    Atomics.store(this.slots, STAGE, ImportStage.PARSING);
    Atomics.notify(this.slots, STAGE);
  }

  /** Resolves once a worker has taken the import up. */
  async whenStarted(): Promise<void> {
    const wait = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(this.slots, STAGE, ImportStage.QUEUED);
    if (wait.async) await wait.value;
  }

  /** The server is done with the import: wakes its own wait for a start that will not come. */
  release(): void {
    Atomics.notify(this.slots, STAGE);
  }

  inflated(bytes: number, xmlBytes: number): void {
    Atomics.store(this.slots, BYTES, bytes);
    Atomics.store(this.slots, XML_BYTES, xmlBytes);
  }

  text(characters: number, lines: number): void {
    Atomics.store(this.slots, CHARACTERS, characters);
    Atomics.store(this.slots, LINES, lines);
  }

  task(): void {
    Atomics.add(this.slots, TASKS, 1);
  }

  parsed(): void {
    // Exactly one of parsed() and stop() wins: an import is either stopped before it writes or written whole.
    if (Atomics.compareExchange(this.slots, STAGE, ImportStage.PARSING, ImportStage.WRITING) !== ImportStage.PARSING) {
      throw new Error('The import was stopped: its time budget was spent while parsing.');
    }
  }

  /** The server stops a parse that is over its budget; false when the import is writing already. */
  stop(): boolean {
    return Atomics.compareExchange(this.slots, STAGE, ImportStage.PARSING, ImportStage.STOPPED) === ImportStage.PARSING;
  }

  snapshot(): ProgressSnapshot {
    const read = (slot: number) => Atomics.load(this.slots, slot);
    return {
      stage: read(STAGE) as ImportStage,
      inflatedBytes: read(BYTES),
      xmlBytes: read(XML_BYTES),
      characters: read(CHARACTERS),
      lines: read(LINES),
      tasks: read(TASKS),
    };
  }
}
