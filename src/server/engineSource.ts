// The suggestion source the server uses: the coding engine (src/coder) running in a worker thread.
// Main-thread side: a queue with at most one job in the worker at a time, so a newer job for the same
// document replaces a queued older one (superseded work is never started) and a closed document's job is
// dropped. The worker is restarted if it dies; jobs wait while it loads.
import { Worker } from 'node:worker_threads';
import type { CodingOptions } from '../coder/types';
import type { CodeInfo, CodeSummary } from '../common/protocol';
import { ENGINE_WORKER_ROLE, type EngineWorkerData, type FromWorker, type ToWorker, type WorkerCodingResult } from './engineProtocol';
import type { SourceOptions, SourceState, SuggestionSource } from './suggestionSource';

/** Rejection of a job that a newer one replaced, or whose document closed. */
export class SupersededError extends Error {
  constructor() { super('superseded by a newer version'); this.name = 'SupersededError'; }
}

/** Rejection of the job that was running when the engine worker died (it is not retried: it may be the cause). */
export class EngineStoppedError extends Error {
  constructor(readonly exitCode: number) {
    super(`the coding engine stopped (exit code ${exitCode}) while coding this note; it has been restarted`);
    this.name = 'EngineStoppedError';
  }
}

type Job = { msg: DistributiveOmit<ToWorker, 'id'>; key?: string; resolve(v: unknown): void; reject(e: Error): void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Crashes within CRASH_WINDOW_MS after which the worker is not restarted again; healthy work clears the count. */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 3 * 60 * 1000;
const HEALTHY_JOBS = 20;

export class WorkerSuggestionSource implements SuggestionSource {
  readonly name = 'engine';
  private worker: Worker | undefined;
  private ready = false;
  private queue: Job[] = [];
  private inFlight: { id: number; job: Job } | undefined;
  private nextId = 1;
  private crashes: number[] = [];
  private healthyJobs = 0;
  private stopped = false;
  private stateValue: SourceState = { state: 'loading' };
  private readonly listeners = new Set<(s: SourceState) => void>();

  constructor(private readonly options: SourceOptions & { workerScript: string }) {
    this.start();
  }

  get state(): SourceState { return this.stateValue; }
  get degraded(): { reason: string } | undefined { return this.stateValue.state === 'lexical-only' ? { reason: this.stateValue.detail ?? '' } : undefined; }
  get isReady(): boolean { return this.ready; }

  onState(fn: (s: SourceState) => void): void { this.listeners.add(fn); }

  private setState(s: SourceState): void {
    this.stateValue = s;
    for (const fn of this.listeners) fn(s);
  }

  private start(): void {
    const data: EngineWorkerData = { role: ENGINE_WORKER_ROLE, modelPath: this.options.modelPath, encoderEnabled: this.options.encoderEnabled, encoderThreads: this.options.encoderThreads };
    this.ready = false;
    this.setState({ state: 'loading' });
    let w: Worker;
    try {
      w = new Worker(this.options.workerScript, { workerData: data, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
    } catch (e) {
      this.fail(`the engine worker could not start: ${(e as Error).message}`);
      return;
    }
    this.worker = w;
    w.on('message', (m: FromWorker) => this.onMessage(m));
    w.on('error', (e) => this.options.log(`engine worker error: ${e.stack ?? e.message}`));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.ready = false;
      if (this.stopped) return;
      const lost = this.inFlight;
      this.inFlight = undefined;
      // A job that was running when the worker died is not retried: it may be what killed it.
      lost?.job.reject(new EngineStoppedError(code));
      const now = Date.now();
      this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
      this.healthyJobs = 0;
      if (this.crashes.length <= MAX_RESTARTS) {
        this.options.log(`engine worker exited with code ${code}; restarting it (${this.crashes.length}/${MAX_RESTARTS} in ${CRASH_WINDOW_MS / 60000} min)`);
        this.options.warn?.(`Clinical Coder: the coding engine stopped (exit code ${code})${lost ? ' while coding a note' : ''} and has been restarted. Details: "Clinical Coder: Show Log".`);
        this.start();
      } else {
        const reason = `the coding engine stopped ${this.crashes.length} times in ${CRASH_WINDOW_MS / 60000} minutes (last exit code ${code})`;
        this.fail(`${reason}; see "Clinical Coder: Show Log"`);
        // Kept alive, a server with no engine would code nothing silently: the owner (the language server) exits so
        // that its client starts a fresh process.
        this.options.onGiveUp?.(reason);
      }
    });
  }

  private fail(reason: string): void {
    this.setState({ state: 'error', detail: reason });
    for (const j of this.queue.splice(0)) j.reject(new Error(reason));
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') {
      this.ready = true;
      this.options.log(`coding engine ready in ${m.loadMs} ms (encoder: ${m.encoder ? 'yes' : 'no'})${m.warnings.length ? `; warnings: ${m.warnings.join('; ')}` : ''}`);
      this.setState(m.lexicalReason ? { state: 'lexical-only', detail: m.lexicalReason, loadMs: m.loadMs } : { state: 'ready', loadMs: m.loadMs, ...(m.model ? { detail: m.model } : {}) });
      this.pump();
    } else if (m.type === 'fatal') {
      this.options.log(m.error);
      this.stopped = true;
      void this.worker?.terminate();
      this.fail(m.error);
    } else if (m.type === 'log') {
      this.options.log(m.message);
    } else if (m.type === 'result') {
      const f = this.inFlight;
      if (!f || f.id !== m.id) return;
      this.inFlight = undefined;
      if (m.error !== undefined) f.job.reject(new Error(m.error)); else f.job.resolve(m.result);
      // Healthy work since the last crash: an old crash no longer counts towards giving up.
      if (m.error === undefined && this.crashes.length && ++this.healthyJobs >= HEALTHY_JOBS) { this.crashes = []; this.healthyJobs = 0; }
      this.pump();
    }
  }

  private pump(): void {
    if (!this.ready || this.inFlight || !this.worker) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    this.inFlight = { id, job };
    this.worker.postMessage({ ...job.msg, id } as ToWorker);
  }

  private enqueue<R>(msg: Job['msg'], key?: string): Promise<R> {
    if (this.stateValue.state === 'error') return Promise.reject(new Error(this.stateValue.detail));
    return new Promise<R>((resolve, reject) => {
      if (key !== undefined) {
        // Superseded work: a queued job for the same document is replaced, never started.
        const i = this.queue.findIndex((j) => j.key === key);
        if (i >= 0) this.queue.splice(i, 1)[0].reject(new SupersededError());
      }
      this.queue.push({ msg, key, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Drops the queued job of `key` (a closed document). A running one finishes; its result is ignored. */
  cancel(key: string): void {
    const i = this.queue.findIndex((j) => j.key === key);
    if (i >= 0) this.queue.splice(i, 1)[0].reject(new SupersededError());
  }

  code(text: string, opts: CodingOptions, key?: string): Promise<WorkerCodingResult> {
    return this.enqueue({ type: 'code', text, opts }, key);
  }

  search(query: string, limit: number): Promise<CodeSummary[]> {
    return this.enqueue({ type: 'search', query, limit });
  }

  codeInfo(codes: string[]): Promise<Record<string, CodeInfo>> {
    return this.enqueue({ type: 'info', codes });
  }

  explorer(method: string, params: unknown): Promise<unknown> {
    return this.enqueue({ type: 'explorer', method, params });
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    for (const j of this.queue.splice(0)) j.reject(new SupersededError());
    await this.worker?.terminate();
  }
}
