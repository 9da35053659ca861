// Gradient-boosted decision trees (logistic loss, Newton leaf values, histogram splits): the
// scorer's second model family, which captures interactions a linear model cannot (e.g. a code
// whose annotators coded even subsumed mentions). Small and deterministic; trained in TypeScript.
import { featurePositions } from './scorer';

export interface TreeNode { f: number; t: number; l: number; r: number; v: number }
export interface GbdtModel {
  format: 'clinical-coder/scorer-gbdt';
  version: 1;
  features: string[];
  base: number;
  rate: number;
  trees: TreeNode[][];
  threshold: { mentions: number; billing: number };
  trainedOn: string;
  metrics?: Record<string, unknown>;
}

export interface GbdtOptions { rounds?: number; depth?: number; rate?: number; minLeaf?: number; lambda?: number; bins?: number }

/** Predicts with a model whose features are laid out as `engineFeatures` (a missing feature reads as 0). */
export class GbdtScorer {
  private readonly pos: Int32Array;
  constructor(readonly model: GbdtModel, engineFeatures: readonly string[] = model.features) {
    this.pos = featurePositions(model.features, engineFeatures);
  }
  margin(x: Float64Array): number {
    let z = this.model.base;
    for (const tree of this.model.trees) {
      let n = 0;
      while (tree[n].f >= 0) { const p = this.pos[tree[n].f]; n = (p >= 0 ? x[p] : 0) <= tree[n].t ? tree[n].l : tree[n].r; }
      z += this.model.rate * tree[n].v;
    }
    return z;
  }
  score(x: Float64Array): number { return 1 / (1 + Math.exp(-this.margin(x))); }
}

export function trainGbdt(X: Float64Array[], y: number[], names: string[], o: GbdtOptions = {}): Omit<GbdtModel, 'threshold' | 'trainedOn'> {
  const rounds = o.rounds ?? 200, depth = o.depth ?? 3, rate = o.rate ?? 0.1, minLeaf = o.minLeaf ?? 20, lambda = o.lambda ?? 1, nb = o.bins ?? 32;
  const n = X.length, d = names.length;
  // Quantile bin edges per feature; bin b holds values <= edges[b].
  const edges: Float64Array[] = [];
  const bin: Uint8Array[] = [];
  for (let j = 0; j < d; j++) {
    const vals = Array.from(new Set(X.map((x) => x[j]))).sort((a, b) => a - b);
    let e: number[];
    if (vals.length <= nb) e = vals;
    else { e = []; for (let b = 1; b <= nb; b++) e.push(vals[Math.min(vals.length - 1, Math.floor((b * vals.length) / nb) - 1)]); e = [...new Set(e)]; }
    edges.push(Float64Array.from(e));
    const col = new Uint8Array(n);
    for (let i = 0; i < n; i++) { let b = 0; while (b < e.length - 1 && X[i][j] > e[b]) b++; col[i] = b; }
    bin.push(col);
  }
  const pos = y.reduce((a, b) => a + b, 0);
  const base = Math.log((pos + 1) / (n - pos + 1));
  const F = new Float64Array(n).fill(base);
  const g = new Float64Array(n), h = new Float64Array(n);
  const trees: TreeNode[][] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) { const p = 1 / (1 + Math.exp(-F[i])); g[i] = p - y[i]; h[i] = Math.max(p * (1 - p), 1e-6); }
    const tree: TreeNode[] = [];
    const grow = (idx: Int32Array, level: number): number => {
      let G = 0, H = 0;
      for (const i of idx) { G += g[i]; H += h[i]; }
      const id = tree.length;
      tree.push({ f: -1, t: 0, l: -1, r: -1, v: -G / (H + lambda) });
      if (level >= depth || idx.length < 2 * minLeaf) return id;
      let best = { gain: 1e-6, f: -1, b: -1 };
      const parentScore = (G * G) / (H + lambda);
      for (let j = 0; j < d; j++) {
        const nbj = edges[j].length;
        if (nbj < 2) continue;
        const hg = new Float64Array(nbj), hh = new Float64Array(nbj), hc = new Int32Array(nbj);
        const col = bin[j];
        for (const i of idx) { const b = col[i]; hg[b] += g[i]; hh[b] += h[i]; hc[b]++; }
        let gl = 0, hl = 0, cl = 0;
        for (let b = 0; b < nbj - 1; b++) {
          gl += hg[b]; hl += hh[b]; cl += hc[b];
          const cr = idx.length - cl;
          if (cl < minLeaf || cr < minLeaf) continue;
          const gr = G - gl, hr = H - hl;
          const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
          if (gain > best.gain) best = { gain, f: j, b };
        }
      }
      if (best.f < 0) return id;
      const col = bin[best.f];
      const left = idx.filter((i) => col[i] <= best.b), right = idx.filter((i) => col[i] > best.b);
      tree[id].f = best.f; tree[id].t = edges[best.f][best.b];
      tree[id].l = grow(left, level + 1);
      tree[id].r = grow(right, level + 1);
      return id;
    };
    grow(Int32Array.from({ length: n }, (_v, i) => i), 0);
    for (let i = 0; i < n; i++) {
      let k = 0;
      while (tree[k].f >= 0) k = X[i][tree[k].f] <= tree[k].t ? tree[k].l : tree[k].r;
      F[i] += rate * tree[k].v;
    }
    trees.push(tree.map((t) => ({ ...t, t: Math.round(t.t * 1e6) / 1e6, v: Math.round(t.v * 1e5) / 1e5 })));
  }
  return { format: 'clinical-coder/scorer-gbdt', version: 1, features: names, base, rate, trees };
}
