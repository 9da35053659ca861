/** A benchmark: prints its figures to stdout (human lines plus a final JSON line). */
export interface Benchmark {
  name: string;
  summary: string;
  run(args: string[]): Promise<void>;
}
