;; rowDots(x, d, targetsT, stride, points, count, out): the dot products behind k-means'
;; distances,
;;
;;   out[j·stride + c] = Σ_{t < d} x[points[j]·d + t] · targetsT[t·stride + c]
;;
;; for j < count and c < stride, on byte addresses x (n×d rows), targetsT (the targets
;; transposed, d×stride, stride even), points (i32 row indices) and out. Each sum starts at 0
;; and adds the products in order of t, one multiplication and one addition each, so every
;; value is the bits of the plain loop `s = 0; for (t…) s += x[t] * c[t]`. Two points ×
;; eight targets per pass (eight f64x2 accumulators share each load), then two points × the
;; last two, four or six targets; a lone last point is paired with itself.
(module
  (import "env" "memory" (memory 1))
  (func $rowDots (export "rowDots") (param $x i32) (param $d i32) (param $targets i32) (param $stride i32) (param $points i32) (param $count i32) (param $out i32)
    (local $j i32) (local $xa i32) (local $xb i32) (local $oa i32) (local $ob i32) (local $cb i32)
    (local $w i32) (local $tb i32) (local $lb i32) (local $mb i32) (local $full8 i32)
    (local $va v128) (local $vb v128) (local $c0 v128) (local $c1 v128) (local $c2 v128)
    (local $c3 v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $acc4 v128) (local $acc5 v128) (local $acc6 v128) (local $acc7 v128)
    (local.set $lb (i32.shl (local.get $d) (i32.const 3)))
    (local.set $mb (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $full8 (i32.and (local.get $mb) (i32.const -64)))
    (local.set $j (i32.const 0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (i32.add (local.get $j) (i32.const 1)) (local.get $count)))
        (local.set $xa
          (i32.add
            (local.get $x)
            (i32.mul
              (i32.load (i32.add (local.get $points) (i32.shl (local.get $j) (i32.const 2))))
              (local.get $lb))))
        (local.set $xb
          (i32.add
            (local.get $x)
            (i32.mul
              (i32.load offset=4
                (i32.add (local.get $points) (i32.shl (local.get $j) (i32.const 2))))
              (local.get $lb))))
        (local.set $ob
          (i32.add
            (local.tee $oa (i32.add (local.get $out) (i32.mul (local.get $j) (local.get $mb))))
            (local.get $mb)))
        (local.set $cb (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $cb) (local.get $full8)))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc7 (local.tee $acc3 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $c1 (v128.load offset=16 align=8 (local.get $w)))
                (local.set $c2 (v128.load offset=32 align=8 (local.get $w)))
                (local.set $c3 (v128.load offset=48 align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $acc1
                  (f64x2.add (local.get $acc1) (f64x2.mul (local.get $va) (local.get $c1))))
                (local.set $acc5
                  (f64x2.add (local.get $acc5) (f64x2.mul (local.get $vb) (local.get $c1))))
                (local.set $acc2
                  (f64x2.add (local.get $acc2) (f64x2.mul (local.get $va) (local.get $c2))))
                (local.set $acc6
                  (f64x2.add (local.get $acc6) (f64x2.mul (local.get $vb) (local.get $c2))))
                (local.set $acc3
                  (f64x2.add (local.get $acc3) (f64x2.mul (local.get $va) (local.get $c3))))
                (local.set $acc7
                  (f64x2.add (local.get $acc7) (f64x2.mul (local.get $vb) (local.get $c3))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next6)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))
            (v128.store offset=16 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc1))
            (v128.store offset=16 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc5))
            (v128.store offset=32 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc2))
            (v128.store offset=32 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc6))
            (v128.store offset=48 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc3))
            (v128.store offset=48 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc7))
            (local.set $cb (i32.add (local.get $cb) (i32.const 64)))
            (br $next4)))
        (local.set $cb (local.get $full8))
        (if $if3
          (i32.eq
            (i32.and (i32.sub (local.get $mb) (local.get $full8)) (i32.const -16))
            (i32.const 48))
          (then
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $c1 (v128.load offset=16 align=8 (local.get $w)))
                (local.set $c2 (v128.load offset=32 align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $acc1
                  (f64x2.add (local.get $acc1) (f64x2.mul (local.get $va) (local.get $c1))))
                (local.set $acc5
                  (f64x2.add (local.get $acc5) (f64x2.mul (local.get $vb) (local.get $c1))))
                (local.set $acc2
                  (f64x2.add (local.get $acc2) (f64x2.mul (local.get $va) (local.get $c2))))
                (local.set $acc6
                  (f64x2.add (local.get $acc6) (f64x2.mul (local.get $vb) (local.get $c2))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next5)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))
            (v128.store offset=16 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc1))
            (v128.store offset=16 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc5))
            (v128.store offset=32 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc2))
            (v128.store offset=32 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc6))))
        (if $if3
          (i32.eq
            (i32.and (i32.sub (local.get $mb) (local.get $full8)) (i32.const -16))
            (i32.const 32))
          (then
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $c1 (v128.load offset=16 align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $acc1
                  (f64x2.add (local.get $acc1) (f64x2.mul (local.get $va) (local.get $c1))))
                (local.set $acc5
                  (f64x2.add (local.get $acc5) (f64x2.mul (local.get $vb) (local.get $c1))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next5)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))
            (v128.store offset=16 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc1))
            (v128.store offset=16 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc5))))
        (if $if3
          (i32.eq
            (i32.and (i32.sub (local.get $mb) (local.get $full8)) (i32.const -16))
            (i32.const 16))
          (then
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next5)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $next2)))
    (if $if1
      (i32.eqz (i32.ge_s (local.get $j) (local.get $count)))
      (then
        (local.set $xa
          (i32.add
            (local.get $x)
            (i32.mul
              (i32.load (i32.add (local.get $points) (i32.shl (local.get $j) (i32.const 2))))
              (local.get $lb))))
        (local.set $xb (local.get $xa))
        (local.set $ob
          (local.tee $oa (i32.add (local.get $out) (i32.mul (local.get $j) (local.get $mb)))))
        (local.set $cb (i32.const 0))
        (block $done2
          (loop $next3
            (br_if $done2 (i32.ge_s (local.get $cb) (local.get $full8)))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc7 (local.tee $acc3 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $c1 (v128.load offset=16 align=8 (local.get $w)))
                (local.set $c2 (v128.load offset=32 align=8 (local.get $w)))
                (local.set $c3 (v128.load offset=48 align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $acc1
                  (f64x2.add (local.get $acc1) (f64x2.mul (local.get $va) (local.get $c1))))
                (local.set $acc5
                  (f64x2.add (local.get $acc5) (f64x2.mul (local.get $vb) (local.get $c1))))
                (local.set $acc2
                  (f64x2.add (local.get $acc2) (f64x2.mul (local.get $va) (local.get $c2))))
                (local.set $acc6
                  (f64x2.add (local.get $acc6) (f64x2.mul (local.get $vb) (local.get $c2))))
                (local.set $acc3
                  (f64x2.add (local.get $acc3) (f64x2.mul (local.get $va) (local.get $c3))))
                (local.set $acc7
                  (f64x2.add (local.get $acc7) (f64x2.mul (local.get $vb) (local.get $c3))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next5)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))
            (v128.store offset=16 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc1))
            (v128.store offset=16 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc5))
            (v128.store offset=32 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc2))
            (v128.store offset=32 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc6))
            (v128.store offset=48 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc3))
            (v128.store offset=48 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc7))
            (local.set $cb (i32.add (local.get $cb) (i32.const 64)))
            (br $next3)))
        (local.set $cb (local.get $full8))
        (if $if2
          (i32.eq
            (i32.and (i32.sub (local.get $mb) (local.get $full8)) (i32.const -16))
            (i32.const 48))
          (then
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $c1 (v128.load offset=16 align=8 (local.get $w)))
                (local.set $c2 (v128.load offset=32 align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $acc1
                  (f64x2.add (local.get $acc1) (f64x2.mul (local.get $va) (local.get $c1))))
                (local.set $acc5
                  (f64x2.add (local.get $acc5) (f64x2.mul (local.get $vb) (local.get $c1))))
                (local.set $acc2
                  (f64x2.add (local.get $acc2) (f64x2.mul (local.get $va) (local.get $c2))))
                (local.set $acc6
                  (f64x2.add (local.get $acc6) (f64x2.mul (local.get $vb) (local.get $c2))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next4)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))
            (v128.store offset=16 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc1))
            (v128.store offset=16 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc5))
            (v128.store offset=32 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc2))
            (v128.store offset=32 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc6))))
        (if $if2
          (i32.eq
            (i32.and (i32.sub (local.get $mb) (local.get $full8)) (i32.const -16))
            (i32.const 32))
          (then
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $c1 (v128.load offset=16 align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $acc1
                  (f64x2.add (local.get $acc1) (f64x2.mul (local.get $va) (local.get $c1))))
                (local.set $acc5
                  (f64x2.add (local.get $acc5) (f64x2.mul (local.get $vb) (local.get $c1))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next4)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))
            (v128.store offset=16 align=8
              (i32.add (local.get $oa) (local.get $cb))
              (local.get $acc1))
            (v128.store offset=16 align=8
              (i32.add (local.get $ob) (local.get $cb))
              (local.get $acc5))))
        (if $if2
          (i32.eq
            (i32.and (i32.sub (local.get $mb) (local.get $full8)) (i32.const -16))
            (i32.const 16))
          (then
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $targets) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $tb) (local.get $lb)))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $w (i32.add (local.get $w) (local.get $mb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next4)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))))))))
