// Which of a code's mentions are shown as its evidence: one span per place.

interface Span { start: number; end: number; source: string }

/** One evidence span per place: spans inside a longer span of the same code are dropped. */
export function dedupeEvidence<M extends Span>(ms: M[]): M[] {
  const sorted = [...ms].sort((a, b) => Number(a.source === 'encoder') - Number(b.source === 'encoder') || (b.end - b.start) - (a.end - a.start));
  // A span is covered when a kept one starts at or before it and ends at or after it: the farthest end among kept
  // spans by start, in a Fenwick tree, answers that in log time (a code named thousands of times in a long note
  // made the pairwise check the engine's slowest step).
  const starts = [...new Set(ms.map((m) => m.start))].sort((a, b) => a - b);
  const reach = new Array<number>(starts.length + 1).fill(-1);
  const rank = (start: number) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] < start) lo = mid + 1; else hi = mid; }
    return lo + 1;
  };
  const kept: M[] = [];
  for (const m of sorted) {
    const r = rank(m.start);
    let farthest = -1;
    for (let i = r; i > 0; i -= i & -i) farthest = Math.max(farthest, reach[i]);
    if (farthest >= m.end) continue;
    kept.push(m);
    for (let i = r; i < reach.length; i += i & -i) reach[i] = Math.max(reach[i], m.end);
  }
  return kept.sort((a, b) => a.start - b.start);
}
