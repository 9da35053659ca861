// Keeps a long-lived thread's heap near its live size. V8 lets the old generation grow well past what is live
// before it collects (the engine's per-note garbage piled up to ~100 MB in the worker during a typing
// session), and resident memory follows the heap. After a job, when the heap has grown more than `slackMb`
// since the last collection, a full collection runs between jobs, so it never delays one that is waiting.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The `gc()` function, exposed at run time (V8's flag applies to contexts created after it is set). */
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export class HeapTrimmer {
  private readonly gc = exposeGc();
  private baseline = v8.getHeapStatistics().used_heap_size;
  private pending: ReturnType<typeof setImmediate> | undefined;
  collections = 0;

  constructor(private readonly slackMb = 40) {}

  get available(): boolean { return !!this.gc; }

  /** Call after each job: schedules a collection when the heap grew more than the slack since the last one. */
  afterJob(): void {
    if (!this.gc || this.pending) return;
    const used = v8.getHeapStatistics().used_heap_size;
    if (used - this.baseline < this.slackMb * 1048576) return;
    this.pending = setImmediate(() => {
      this.pending = undefined;
      this.collect();
    });
  }

  /** A full collection soon (after a huge document is closed: its text and messages are garbage now). */
  collectSoon(delayMs = 500): void {
    if (!this.gc) return;
    setTimeout(() => this.collect(), delayMs).unref?.();
  }

  private collect(): void {
    this.gc!();
    this.collections++;
    this.baseline = v8.getHeapStatistics().used_heap_size;
  }
}
