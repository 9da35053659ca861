// The learned scorer: logistic regression over standardised candidate features, trained by
// scripts/train-scorer.ts on CodiEsp train. Its output is a probability; a per-policy threshold
// tuned on CodiEsp dev decides what is suggested by default.

export interface ScorerModel {
  format: 'clinical-coder/scorer';
  version: 1;
  features: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  /** Default decision thresholds, tuned on CodiEsp dev. */
  threshold: { mentions: number; billing: number };
  trainedOn: string;
  metrics?: Record<string, unknown>;
}

/** Position of each model feature in the engine's feature vector (-1: the engine no longer computes it). */
export function featurePositions(modelFeatures: readonly string[], engineFeatures: readonly string[]): Int32Array {
  const at = new Map(engineFeatures.map((f, i) => [f, i]));
  return Int32Array.from(modelFeatures, (f) => at.get(f) ?? -1);
}

export class LogisticScorer {
  private readonly pos: Int32Array;
  constructor(readonly model: ScorerModel, engineFeatures: readonly string[] = model.features) {
    this.pos = featurePositions(model.features, engineFeatures);
  }

  /** Probability for a feature vector laid out as `engineFeatures`; a feature the vector lacks counts as its training mean. */
  score(features: Float64Array): number {
    const m = this.model;
    let z = m.bias;
    for (let i = 0; i < m.weights.length; i++) {
      const p = this.pos[i];
      if (p >= 0) z += m.weights[i] * ((features[p] - m.mean[i]) / m.std[i]);
    }
    return 1 / (1 + Math.exp(-z));
  }
}

/** Trains L2-regularised logistic regression by full-batch gradient descent with Adam (deterministic). */
export function trainLogistic(X: Float64Array[], y: number[], names: string[], opts: { l2?: number; epochs?: number; lr?: number } = {}): Omit<ScorerModel, 'threshold' | 'trainedOn'> {
  const d = names.length, n = X.length;
  const mean = new Array(d).fill(0), std = new Array(d).fill(0);
  for (const x of X) for (let j = 0; j < d; j++) mean[j] += x[j] / n;
  for (const x of X) for (let j = 0; j < d; j++) std[j] += (x[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1;
  const Z = X.map((x) => Float64Array.from(x, (v, j) => (v - mean[j]) / std[j]));
  const w = new Float64Array(d);
  let b = 0;
  const l2 = opts.l2 ?? 1e-3, lr = opts.lr ?? 0.05, epochs = opts.epochs ?? 400;
  const m = new Float64Array(d + 1), v = new Float64Array(d + 1);
  const g = new Float64Array(d + 1);
  for (let t = 1; t <= epochs; t++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const z = Z[i];
      let s = b;
      for (let j = 0; j < d; j++) s += w[j] * z[j];
      const err = 1 / (1 + Math.exp(-s)) - y[i];
      for (let j = 0; j < d; j++) g[j] += err * z[j];
      g[d] += err;
    }
    for (let j = 0; j <= d; j++) {
      const grad = g[j] / n + (j < d ? l2 * w[j] : 0);
      m[j] = 0.9 * m[j] + 0.1 * grad;
      v[j] = 0.999 * v[j] + 0.001 * grad * grad;
      const step = (lr * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
      if (j < d) w[j] -= step; else b -= step;
    }
  }
  return { format: 'clinical-coder/scorer', version: 1, features: names, mean, std, weights: Array.from(w), bias: b };
}
