;; gramRows(x, l, g, r0, r1): the upper triangle (j ≥ i) of Σ_{r0 ≤ r < r1} x_r x_rᵀ added to g
;; (l×l), for a row-major x with l columns. Rows are taken four at a time from r0 (each load
;; of g serves four products, added left to right), then one at a time, so the rounding
;; depends on r0: callers use fixed row boundaries.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $gramRows (export "gramRows") (param $x i32) (param $l i32) (param $g i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $ib i32) (local $jb i32) (local $lb i32) (local $ra i32) (local $rb i32)
    (local $rc i32) (local $rd i32) (local $gi i32) (local $addr i32) (local $va v128)
    (local $vb v128) (local $vc v128) (local $vd v128) (local $sa f64) (local $sb f64)
    (local $sc f64) (local $sd f64)
    (local.set $lb (i32.shl (local.get $l) (i32.const 3)))
    (local.set $r (local.get $r0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (i32.add (local.get $r) (i32.const 3)) (local.get $r1)))
        (local.set $ra
          (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const 0)) (local.get $lb))))
        (local.set $rb
          (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $lb))))
        (local.set $rc
          (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const 2)) (local.get $lb))))
        (local.set $rd
          (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const 3)) (local.get $lb))))
        (local.set $ib (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $ib) (local.get $lb)))
            (local.set $va
              (f64x2.splat (local.tee $sa (f64.load (i32.add (local.get $ra) (local.get $ib))))))
            (local.set $vb
              (f64x2.splat (local.tee $sb (f64.load (i32.add (local.get $rb) (local.get $ib))))))
            (local.set $vc
              (f64x2.splat (local.tee $sc (f64.load (i32.add (local.get $rc) (local.get $ib))))))
            (local.set $vd
              (f64x2.splat (local.tee $sd (f64.load (i32.add (local.get $rd) (local.get $ib))))))
            (local.set $gi (i32.add (local.get $g) (i32.mul (local.get $ib) (local.get $l))))
            (local.set $jb (local.get $ib))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                (v128.store align=8
                  (local.tee $addr (i32.add (local.get $gi) (local.get $jb)))
                  (f64x2.add
                    (v128.load align=8 (local.get $addr))
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (f64x2.mul
                            (local.get $va)
                            (v128.load align=8 (i32.add (local.get $ra) (local.get $jb))))
                          (f64x2.mul
                            (local.get $vb)
                            (v128.load align=8 (i32.add (local.get $rb) (local.get $jb)))))
                        (f64x2.mul
                          (local.get $vc)
                          (v128.load align=8 (i32.add (local.get $rc) (local.get $jb)))))
                      (f64x2.mul
                        (local.get $vd)
                        (v128.load align=8 (i32.add (local.get $rd) (local.get $jb)))))))
                (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                (br $next6)))
            (if $if5
              (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
              (then
                (f64.store
                  (local.tee $addr (i32.add (local.get $gi) (local.get $jb)))
                  (f64.add
                    (f64.load (local.get $addr))
                    (f64.add
                      (f64.add
                        (f64.add
                          (f64.mul
                            (local.get $sa)
                            (f64.load (i32.add (local.get $ra) (local.get $jb))))
                          (f64.mul
                            (local.get $sb)
                            (f64.load (i32.add (local.get $rb) (local.get $jb)))))
                        (f64.mul
                          (local.get $sc)
                          (f64.load (i32.add (local.get $rc) (local.get $jb)))))
                      (f64.mul (local.get $sd) (f64.load (i32.add (local.get $rd) (local.get $jb)))))))))
            (local.set $ib (i32.add (local.get $ib) (i32.const 8)))
            (br $next4)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $next2)))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (local.get $r) (local.get $r1)))
        (local.set $ra
          (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const 0)) (local.get $lb))))
        (local.set $ib (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $ib) (local.get $lb)))
            (local.set $va
              (f64x2.splat (local.tee $sa (f64.load (i32.add (local.get $ra) (local.get $ib))))))
            (local.set $gi (i32.add (local.get $g) (i32.mul (local.get $ib) (local.get $l))))
            (local.set $jb (local.get $ib))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                (v128.store align=8
                  (local.tee $addr (i32.add (local.get $gi) (local.get $jb)))
                  (f64x2.add
                    (v128.load align=8 (local.get $addr))
                    (f64x2.mul
                      (local.get $va)
                      (v128.load align=8 (i32.add (local.get $ra) (local.get $jb))))))
                (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                (br $next6)))
            (if $if5
              (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
              (then
                (f64.store
                  (local.tee $addr (i32.add (local.get $gi) (local.get $jb)))
                  (f64.add
                    (f64.load (local.get $addr))
                    (f64.mul (local.get $sa) (f64.load (i32.add (local.get $ra) (local.get $jb))))))))
            (local.set $ib (i32.add (local.get $ib) (i32.const 8)))
            (br $next4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next2)))))
