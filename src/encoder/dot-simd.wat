;; scores: dot products of a row-major [n, d] float32 matrix with nq float32 query vectors (d a multiple of 16):
;; out[j * n + r] = sum_k m[r * d + k] * q[j * d + k]. Rows outer, queries inner, so the matrix streams from
;; memory once per call. Four f32x4 accumulators per query keep the adders busy. Compiled into dot-simd-wasm.ts
;; by scripts/build-dot-simd.mjs (wabt).
(module
  (memory (export "memory") 1)
  (func (export "scores") (param $m i32) (param $q i32) (param $out i32) (param $n i32) (param $d i32) (param $nq i32)
    (local $r i32) (local $j i32) (local $k i32) (local $row i32) (local $qv i32) (local $rowBytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $row (local.get $m))
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $j (i32.const 0))
        (local.set $qv (local.get $q))
        (block $qs_done
          (loop $qs
            (br_if $qs_done (i32.ge_u (local.get $j) (local.get $nq)))
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0))
            (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $k (i32.const 0))
            (block $ks_done
              (loop $ks
                (br_if $ks_done (i32.ge_u (local.get $k) (local.get $rowBytes)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul
                  (v128.load (i32.add (local.get $row) (local.get $k)))
                  (v128.load (i32.add (local.get $qv) (local.get $k))))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul
                  (v128.load offset=16 (i32.add (local.get $row) (local.get $k)))
                  (v128.load offset=16 (i32.add (local.get $qv) (local.get $k))))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul
                  (v128.load offset=32 (i32.add (local.get $row) (local.get $k)))
                  (v128.load offset=32 (i32.add (local.get $qv) (local.get $k))))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul
                  (v128.load offset=48 (i32.add (local.get $row) (local.get $k)))
                  (v128.load offset=48 (i32.add (local.get $qv) (local.get $k))))))
                (local.set $k (i32.add (local.get $k) (i32.const 64)))
                (br $ks)))
            (local.set $s (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3))))
            (f32.store
              (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $n)) (local.get $r)) (i32.const 2)))
              (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
                (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s)))))
            (local.set $qv (i32.add (local.get $qv) (local.get $rowBytes)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $qs)))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))
  ;; scores_i8: the same for an int8 matrix with a float32 scale per row and int16 query vectors with a float32
  ;; scale each: out[j * n + r] = scale[r] * qscale[j] * sum_k m[r * d + k] * q[j * d + k] (exact integer sums:
  ;; |127 * 32767| * d fits in i32 for d <= 512). i32x4.dot_i16x8_s does 8 multiply-adds per instruction and the
  ;; matrix is a quarter of the float32 one, about twice as fast as `scores` (d a multiple of 32).
  (func (export "scores_i8") (param $m i32) (param $scales i32) (param $q i32) (param $qscales i32) (param $out i32) (param $n i32) (param $d i32) (param $nq i32)
    (local $r i32) (local $j i32) (local $k i32) (local $row i32) (local $qv i32) (local $qk i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $v v128) (local $w v128) (local $s v128) (local $rs f32)
    (local.set $row (local.get $m))
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $rs (f32.load (i32.add (local.get $scales) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (local.set $qv (local.get $q))
        (block $qs_done
          (loop $qs
            (br_if $qs_done (i32.ge_u (local.get $j) (local.get $nq)))
            (local.set $a0 (v128.const i32x4 0 0 0 0))
            (local.set $a1 (v128.const i32x4 0 0 0 0))
            (local.set $a2 (v128.const i32x4 0 0 0 0))
            (local.set $a3 (v128.const i32x4 0 0 0 0))
            (local.set $k (i32.const 0))
            (local.set $qk (local.get $qv))
            (block $ks_done
              (loop $ks
                (br_if $ks_done (i32.ge_u (local.get $k) (local.get $d)))
                (local.set $v (v128.load (i32.add (local.get $row) (local.get $k))))
                (local.set $w (v128.load offset=16 (i32.add (local.get $row) (local.get $k))))
                (local.set $a0 (i32x4.add (local.get $a0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load (local.get $qk)))))
                (local.set $a1 (i32x4.add (local.get $a1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=16 (local.get $qk)))))
                (local.set $a2 (i32x4.add (local.get $a2) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $w)) (v128.load offset=32 (local.get $qk)))))
                (local.set $a3 (i32x4.add (local.get $a3) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $w)) (v128.load offset=48 (local.get $qk)))))
                (local.set $k (i32.add (local.get $k) (i32.const 32)))
                (local.set $qk (i32.add (local.get $qk) (i32.const 64)))
                (br $ks)))
            (local.set $s (i32x4.add (i32x4.add (local.get $a0) (local.get $a1)) (i32x4.add (local.get $a2) (local.get $a3))))
            (f32.store
              (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $n)) (local.get $r)) (i32.const 2)))
              (f32.mul
                (f32.mul (local.get $rs) (f32.load (i32.add (local.get $qscales) (i32.shl (local.get $j) (i32.const 2)))))
                (f32.convert_i32_s
                  (i32.add
                    (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
                    (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s)))))))
            (local.set $qv (i32.add (local.get $qv) (i32.shl (local.get $d) (i32.const 1))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $qs)))
        (local.set $row (i32.add (local.get $row) (local.get $d)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))
)
