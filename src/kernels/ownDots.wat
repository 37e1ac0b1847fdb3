;; ownDots(x, d, targets, points, owners, count, out): out[j] = x_{points[j]} · target_{owners[j]}
;; for j < count, targets row-major (m×d). Summed as two interleaved partial sums (even and
;; odd t, one f64x2), so NOT the bits of the in-order sum: for bounds only, where any order
;; within the rounding bound will do (k-means' tightened upper bounds).
(module
  (import "env" "memory" (memory 1))
  (func $ownDots (export "ownDots") (param $x i32) (param $d i32) (param $targets i32) (param $points i32) (param $owners i32) (param $count i32) (param $out i32)
    (local $j i32) (local $xa i32) (local $ca i32) (local $tb i32) (local $lb i32)
    (local $pairs i32) (local $acc v128) (local $sum f64)
    (local.set $lb (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairs (i32.shl (i32.shr_u (local.get $d) (i32.const 1)) (i32.const 4)))
    (local.set $j (i32.const 0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $xa
          (i32.add
            (local.get $x)
            (i32.mul
              (i32.load (i32.add (local.get $points) (i32.shl (local.get $j) (i32.const 2))))
              (local.get $lb))))
        (local.set $ca
          (i32.add
            (local.get $targets)
            (i32.mul
              (i32.load (i32.add (local.get $owners) (i32.shl (local.get $j) (i32.const 2))))
              (local.get $lb))))
        (local.set $acc (f64x2.splat (f64.const 0x0p+0)))
        (local.set $tb (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $tb) (local.get $pairs)))
            (local.set $acc
              (f64x2.add
                (local.get $acc)
                (f64x2.mul
                  (v128.load align=8 (i32.add (local.get $xa) (local.get $tb)))
                  (v128.load align=8 (i32.add (local.get $ca) (local.get $tb))))))
            (local.set $tb (i32.add (local.get $tb) (i32.const 16)))
            (br $next4)))
        (local.set $sum
          (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (if $if3
          (i32.eqz (i32.ge_s (local.get $pairs) (local.get $lb)))
          (then
            (local.set $sum
              (f64.add
                (local.get $sum)
                (f64.mul
                  (f64.load (i32.add (local.get $xa) (local.get $pairs)))
                  (f64.load (i32.add (local.get $ca) (local.get $pairs))))))))
        (f64.store
          (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
          (local.get $sum))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next2)))))
