import type { Benchmark } from './registry';

/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
export const benchmarks: Benchmark[] = [];
