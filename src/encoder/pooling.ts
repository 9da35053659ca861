/**
 * Masked mean pooling + L2 normalisation of `last_hidden_state` [batch, seq, dim] (what the model was trained
 * with, and what transformers.js' feature-extraction pipeline does with pooling 'mean', normalize true).
 */
export function meanPoolNormalize(hidden: Float32Array, mask: ArrayLike<number | bigint>, batch: number, seq: number, dim: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(dim);
    let n = 0;
    for (let t = 0; t < seq; t++) {
      if (!Number(mask[b * seq + t])) continue;
      n++;
      const off = (b * seq + t) * dim;
      for (let d = 0; d < dim; d++) v[d] += hidden[off + d];
    }
    normalizeInPlace(v, Math.max(n, 1));
    out.push(v);
  }
  return out;
}

/** Divides by `count`, then scales to unit length (zero vectors stay zero). */
export function normalizeInPlace(v: Float32Array, count = 1): Float32Array {
  let s = 0;
  for (let d = 0; d < v.length; d++) {
    v[d] /= count;
    s += v[d] * v[d];
  }
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let d = 0; d < v.length; d++) v[d] *= inv;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb || 1);
}
