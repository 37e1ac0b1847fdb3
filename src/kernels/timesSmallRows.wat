;; timesSmallRows(x, l, wm, k, upper, out, r0, r1): out[r, :] = x[r, :]·W for rows r0 ≤ r < r1,
;; x n×l and W l×k row-major, out n×k (written, not added to). Register blocked: two rows ×
;; eight columns (eight f64x2 accumulators) per pass over i, then the last two, four or six
;; columns, then an odd last column; a lone last row is paired with itself. Every result is
;; the in-order sum Σ_i x[r, i]·W[i, j] from 0, one multiplication and one addition each (no
;; fused multiply-add). With upper ≠ 0, W is upper triangular: a block of columns [c, c + w)
;; stops at i = c + w − 1, and the entries of W below the diagonal must hold zeros.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $timesSmallRows (export "timesSmallRows") (param $x i32) (param $l i32) (param $wm i32) (param $k i32) (param $upper i32) (param $out i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $xa i32) (local $xb i32) (local $oa i32) (local $ob i32) (local $cb i32)
    (local $w i32) (local $tb i32) (local $wt i32) (local $i i32) (local $iEnd i32) (local $kb i32)
    (local $full8 i32) (local $lb i32) (local $va v128) (local $vb v128) (local $c0 v128)
    (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $acc0 v128) (local $acc1 v128)
    (local $acc2 v128) (local $acc3 v128) (local $acc4 v128) (local $acc5 v128) (local $acc6 v128)
    (local $acc7 v128) (local $sa f64) (local $sb f64) (local $ta f64)
    (local.set $lb (i32.shl (local.get $l) (i32.const 3)))
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $full8 (i32.and (local.get $kb) (i32.const -64)))
    (local.set $r (local.get $r0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (i32.add (local.get $r) (i32.const 1)) (local.get $r1)))
        (local.set $xb
          (i32.add
            (local.tee $xa (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $lb))))
            (local.get $lb)))
        (local.set $ob
          (i32.add
            (local.tee $oa (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $kb))))
            (local.get $kb)))
        (local.set $cb (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $cb) (local.get $full8)))
            (local.set $iEnd (local.get $l))
            (if $if5
              (local.get $upper)
              (then
                (if $if6
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 8)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc7 (local.tee $acc3 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
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
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
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
            (i32.and (i32.sub (local.get $kb) (local.get $full8)) (i32.const -16))
            (i32.const 48))
          (then
            (local.set $iEnd (local.get $l))
            (if $if4
              (local.get $upper)
              (then
                (if $if5
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 6)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
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
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
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
            (i32.and (i32.sub (local.get $kb) (local.get $full8)) (i32.const -16))
            (i32.const 32))
          (then
            (local.set $iEnd (local.get $l))
            (if $if4
              (local.get $upper)
              (then
                (if $if5
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 4)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
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
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
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
            (i32.and (i32.sub (local.get $kb) (local.get $full8)) (i32.const -16))
            (i32.const 16))
          (then
            (local.set $iEnd (local.get $l))
            (if $if4
              (local.get $upper)
              (then
                (if $if5
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 2)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next5)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))))
        (if $if3
          (i32.and (local.get $k) (i32.const 1))
          (then
            (local.set $cb (i32.sub (local.get $kb) (i32.const 8)))
            (local.set $iEnd (local.get $l))
            (if $if4
              (local.get $upper)
              (then
                (if $if5
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 1)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $sb (local.tee $sa (f64.const 0x0p+0)))
            (local.set $wt (i32.add (local.get $wm) (local.get $cb)))
            (local.set $i (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $i) (local.get $iEnd)))
                (local.set $ta (f64.load (local.get $wt)))
                (local.set $sa
                  (f64.add
                    (local.get $sa)
                    (f64.mul
                      (f64.load (i32.add (local.get $xa) (i32.shl (local.get $i) (i32.const 3))))
                      (local.get $ta))))
                (local.set $sb
                  (f64.add
                    (local.get $sb)
                    (f64.mul
                      (f64.load (i32.add (local.get $xb) (i32.shl (local.get $i) (i32.const 3))))
                      (local.get $ta))))
                (local.set $wt (i32.add (local.get $wt) (local.get $kb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next5)))
            (f64.store (i32.add (local.get $oa) (local.get $cb)) (local.get $sa))
            (f64.store (i32.add (local.get $ob) (local.get $cb)) (local.get $sb))))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $next2)))
    (if $if1
      (i32.eqz (i32.ge_s (local.get $r) (local.get $r1)))
      (then
        (local.set $xb
          (local.tee $xa (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $lb)))))
        (local.set $ob
          (local.tee $oa (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $kb)))))
        (local.set $cb (i32.const 0))
        (block $done2
          (loop $next3
            (br_if $done2 (i32.ge_s (local.get $cb) (local.get $full8)))
            (local.set $iEnd (local.get $l))
            (if $if4
              (local.get $upper)
              (then
                (if $if5
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 8)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc7 (local.tee $acc3 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
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
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
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
            (i32.and (i32.sub (local.get $kb) (local.get $full8)) (i32.const -16))
            (i32.const 48))
          (then
            (local.set $iEnd (local.get $l))
            (if $if3
              (local.get $upper)
              (then
                (if $if4
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 6)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc6 (local.tee $acc2 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
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
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
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
            (i32.and (i32.sub (local.get $kb) (local.get $full8)) (i32.const -16))
            (i32.const 32))
          (then
            (local.set $iEnd (local.get $l))
            (if $if3
              (local.get $upper)
              (then
                (if $if4
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 4)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $acc5 (local.tee $acc1 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
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
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
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
            (i32.and (i32.sub (local.get $kb) (local.get $full8)) (i32.const -16))
            (i32.const 16))
          (then
            (local.set $iEnd (local.get $l))
            (if $if3
              (local.get $upper)
              (then
                (if $if4
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 2)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $acc4 (local.tee $acc0 (f64x2.splat (f64.const 0x0p+0))))
            (local.set $w (i32.add (local.get $wm) (local.get $cb)))
            (local.set $tb (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $tb) (i32.shl (local.get $iEnd) (i32.const 3))))
                (local.set $va (f64x2.splat (f64.load (i32.add (local.get $xa) (local.get $tb)))))
                (local.set $vb (f64x2.splat (f64.load (i32.add (local.get $xb) (local.get $tb)))))
                (local.set $c0 (v128.load align=8 (local.get $w)))
                (local.set $acc0
                  (f64x2.add (local.get $acc0) (f64x2.mul (local.get $va) (local.get $c0))))
                (local.set $acc4
                  (f64x2.add (local.get $acc4) (f64x2.mul (local.get $vb) (local.get $c0))))
                (local.set $w (i32.add (local.get $w) (local.get $kb)))
                (local.set $tb (i32.add (local.get $tb) (i32.const 8)))
                (br $next4)))
            (v128.store align=8 (i32.add (local.get $oa) (local.get $cb)) (local.get $acc0))
            (v128.store align=8 (i32.add (local.get $ob) (local.get $cb)) (local.get $acc4))))
        (if $if2
          (i32.and (local.get $k) (i32.const 1))
          (then
            (local.set $cb (i32.sub (local.get $kb) (i32.const 8)))
            (local.set $iEnd (local.get $l))
            (if $if3
              (local.get $upper)
              (then
                (if $if4
                  (i32.eqz
                    (i32.gt_s
                      (local.tee $i
                        (i32.add (i32.shr_u (local.get $cb) (i32.const 3)) (i32.const 1)))
                      (local.get $l)))
                  (then (local.set $iEnd (local.get $i))))))
            (local.set $sb (local.tee $sa (f64.const 0x0p+0)))
            (local.set $wt (i32.add (local.get $wm) (local.get $cb)))
            (local.set $i (i32.const 0))
            (block $done3
              (loop $next4
                (br_if $done3 (i32.ge_s (local.get $i) (local.get $iEnd)))
                (local.set $ta (f64.load (local.get $wt)))
                (local.set $sa
                  (f64.add
                    (local.get $sa)
                    (f64.mul
                      (f64.load (i32.add (local.get $xa) (i32.shl (local.get $i) (i32.const 3))))
                      (local.get $ta))))
                (local.set $sb
                  (f64.add
                    (local.get $sb)
                    (f64.mul
                      (f64.load (i32.add (local.get $xb) (i32.shl (local.get $i) (i32.const 3))))
                      (local.get $ta))))
                (local.set $wt (i32.add (local.get $wt) (local.get $kb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next4)))
            (f64.store (i32.add (local.get $oa) (local.get $cb)) (local.get $sa))
            (f64.store (i32.add (local.get $ob) (local.get $cb)) (local.get $sb))))))))
