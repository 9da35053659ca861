/** IEEE half-precision <-> float32 (the code index is stored as fp16 to halve its size). */
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

export function toHalf(v: number): number {
  F32[0] = v;
  const x = U32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    if ((mant >>> (shift - 1)) & 1) h++; // round half up
    return sign | h;
  }
  let h = sign | (e << 10) | (mant >>> 13);
  if (mant & 0x1000) h++; // round to nearest
  return h;
}

let TABLE: Float32Array | undefined;

/** Lookup table of all 65536 halves as float32 (decoding 10M values takes a few ms with it). */
export function halfTable(): Float32Array {
  if (TABLE) return TABLE;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >>> 10) & 0x1f;
    const m = h & 0x3ff;
    t[h] = e === 0 ? s * m * 2 ** -24 : e === 0x1f ? (m ? NaN : s * Infinity) : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return (TABLE = t);
}

export function halfToFloat32(src: Uint16Array): Float32Array {
  const t = halfTable();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = t[src[i]];
  return out;
}

export function float32ToHalf(src: Float32Array): Uint16Array {
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = toHalf(src[i]);
  return out;
}
