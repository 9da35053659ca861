import type { Benchmark } from './registry';
import { encoderBenchmark } from './encoder';
import { noteBenchmark } from './note';
import { icdBenchmark } from './icd';

/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
export const benchmarks: Benchmark[] = [
  encoderBenchmark,
  noteBenchmark,
  icdBenchmark,
];
