// Statistics learned from CodiEsp train (scripts/train-scorer.ts) that the scorer reads as
// features: how often each code was coded at all, and how often it was coded when the lexicon
// proposed it. Smoothed so unseen codes get sensible defaults.

export interface PriorsData {
  /** Training notes counted. */
  notes: number;
  /** Code -> notes where it was gold. */
  gold: Record<string, number>;
  /** Category (3 characters) -> notes where some code of it was gold. */
  categoryGold: Record<string, number>;
  /** Code -> [notes where the lexicon proposed it, of which gold]. */
  candidate: Record<string, [number, number]>;
  /** Overall rate of gold among lexicon candidates (the smoothing target). */
  baseRate: number;
}

export class CodePriors {
  constructor(readonly data: PriorsData) {}

  static empty(): CodePriors {
    return new CodePriors({ notes: 0, gold: {}, categoryGold: {}, candidate: {}, baseRate: 0.1 });
  }

  /** log P(code is coded in a note), smoothed. */
  logPrior(code: string): number {
    return Math.log(((this.data.gold[code] ?? 0) + 0.1) / (this.data.notes + 1));
  }

  logCategoryPrior(code: string): number {
    return Math.log(((this.data.categoryGold[code.slice(0, 3)] ?? 0) + 0.1) / (this.data.notes + 1));
  }

  goldCount(code: string): number { return this.data.gold[code] ?? 0; }

  /** P(gold | proposed by the lexicon), shrunk toward the base rate with strength 3. */
  candidatePrecision(code: string): number {
    const [n, g] = this.data.candidate[code] ?? [0, 0];
    return (g + 3 * this.data.baseRate) / (n + 3);
  }

  candidateCount(code: string): number { return this.data.candidate[code]?.[0] ?? 0; }
}
