;; gatherRows(indptr, indices, values, b, l, o, r0, r1): the sparse-times-dense product of
;; the SVD, a row range of O += A·B for a CSR matrix A (byte addresses of its indptr, indices
;; and values) and a row-major B with l columns:
;;
;;   o[r, :] += Σ_p values[p] · b[indices[p], :]   for the stored entries p of rows r0 ≤ r < r1
;;
;; Entries are taken eight at a time (then four, then one), each load and store of the output
;; row serving that many products, two columns per f64x2 (a last odd column as f64). The
;; products of a group are added left to right and then to o, the order of the JavaScript
;; reference in test/kernels: the results are the same bits.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $gatherRows (export "gatherRows") (param $indptr i32) (param $indices i32) (param $values i32) (param $b i32) (param $l i32) (param $o i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $p i32) (local $end i32) (local $ob i32) (local $jb i32) (local $lb i32)
    (local $addr i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $b4 i32) (local $b5 i32) (local $b6 i32) (local $b7 i32) (local $v0 v128)
    (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128) (local $v5 v128)
    (local $v6 v128) (local $v7 v128) (local $s0 f64) (local $s1 f64) (local $s2 f64)
    (local $s3 f64) (local $s4 f64) (local $s5 f64) (local $s6 f64) (local $s7 f64)
    (local.set $lb (i32.shl (local.get $l) (i32.const 3)))
    (local.set $r (local.get $r0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (local.get $r) (local.get $r1)))
        (local.set $p
          (i32.load
            (local.tee $addr (i32.add (local.get $indptr) (i32.shl (local.get $r) (i32.const 2))))))
        (local.set $end (i32.load offset=4 (local.get $addr)))
        (local.set $ob (i32.add (local.get $o) (i32.mul (local.get $r) (local.get $lb))))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (i32.add (local.get $p) (i32.const 7)) (local.get $end)))
            (local.set $v0
              (f64x2.splat
                (local.tee $s0
                  (f64.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b0
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v1
              (f64x2.splat
                (local.tee $s1
                  (f64.load offset=8
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b1
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=4
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v2
              (f64x2.splat
                (local.tee $s2
                  (f64.load offset=16
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b2
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=8
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v3
              (f64x2.splat
                (local.tee $s3
                  (f64.load offset=24
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b3
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=12
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v4
              (f64x2.splat
                (local.tee $s4
                  (f64.load offset=32
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b4
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=16
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v5
              (f64x2.splat
                (local.tee $s5
                  (f64.load offset=40
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b5
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=20
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v6
              (f64x2.splat
                (local.tee $s6
                  (f64.load offset=48
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b6
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=24
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v7
              (f64x2.splat
                (local.tee $s7
                  (f64.load offset=56
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b7
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=28
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $jb (i32.const 0))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                (v128.store align=8
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64x2.add
                    (v128.load align=8 (local.get $addr))
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (f64x2.add
                            (f64x2.add
                              (f64x2.add
                                (f64x2.add
                                  (f64x2.mul
                                    (local.get $v0)
                                    (v128.load align=8 (i32.add (local.get $b0) (local.get $jb))))
                                  (f64x2.mul
                                    (local.get $v1)
                                    (v128.load align=8 (i32.add (local.get $b1) (local.get $jb)))))
                                (f64x2.mul
                                  (local.get $v2)
                                  (v128.load align=8 (i32.add (local.get $b2) (local.get $jb)))))
                              (f64x2.mul
                                (local.get $v3)
                                (v128.load align=8 (i32.add (local.get $b3) (local.get $jb)))))
                            (f64x2.mul
                              (local.get $v4)
                              (v128.load align=8 (i32.add (local.get $b4) (local.get $jb)))))
                          (f64x2.mul
                            (local.get $v5)
                            (v128.load align=8 (i32.add (local.get $b5) (local.get $jb)))))
                        (f64x2.mul
                          (local.get $v6)
                          (v128.load align=8 (i32.add (local.get $b6) (local.get $jb)))))
                      (f64x2.mul
                        (local.get $v7)
                        (v128.load align=8 (i32.add (local.get $b7) (local.get $jb)))))))
                (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                (br $next6)))
            (if $if5
              (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
              (then
                (f64.store
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64.add
                    (f64.load (local.get $addr))
                    (f64.add
                      (f64.add
                        (f64.add
                          (f64.add
                            (f64.add
                              (f64.add
                                (f64.add
                                  (f64.mul
                                    (local.get $s0)
                                    (f64.load (i32.add (local.get $b0) (local.get $jb))))
                                  (f64.mul
                                    (local.get $s1)
                                    (f64.load (i32.add (local.get $b1) (local.get $jb)))))
                                (f64.mul
                                  (local.get $s2)
                                  (f64.load (i32.add (local.get $b2) (local.get $jb)))))
                              (f64.mul
                                (local.get $s3)
                                (f64.load (i32.add (local.get $b3) (local.get $jb)))))
                            (f64.mul
                              (local.get $s4)
                              (f64.load (i32.add (local.get $b4) (local.get $jb)))))
                          (f64.mul
                            (local.get $s5)
                            (f64.load (i32.add (local.get $b5) (local.get $jb)))))
                        (f64.mul
                          (local.get $s6)
                          (f64.load (i32.add (local.get $b6) (local.get $jb)))))
                      (f64.mul (local.get $s7) (f64.load (i32.add (local.get $b7) (local.get $jb)))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $next4)))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (i32.add (local.get $p) (i32.const 3)) (local.get $end)))
            (local.set $v0
              (f64x2.splat
                (local.tee $s0
                  (f64.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b0
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v1
              (f64x2.splat
                (local.tee $s1
                  (f64.load offset=8
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b1
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=4
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v2
              (f64x2.splat
                (local.tee $s2
                  (f64.load offset=16
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b2
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=8
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $v3
              (f64x2.splat
                (local.tee $s3
                  (f64.load offset=24
                    (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b3
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load offset=12
                    (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $jb (i32.const 0))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                (v128.store align=8
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64x2.add
                    (v128.load align=8 (local.get $addr))
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (f64x2.mul
                            (local.get $v0)
                            (v128.load align=8 (i32.add (local.get $b0) (local.get $jb))))
                          (f64x2.mul
                            (local.get $v1)
                            (v128.load align=8 (i32.add (local.get $b1) (local.get $jb)))))
                        (f64x2.mul
                          (local.get $v2)
                          (v128.load align=8 (i32.add (local.get $b2) (local.get $jb)))))
                      (f64x2.mul
                        (local.get $v3)
                        (v128.load align=8 (i32.add (local.get $b3) (local.get $jb)))))))
                (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                (br $next6)))
            (if $if5
              (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
              (then
                (f64.store
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64.add
                    (f64.load (local.get $addr))
                    (f64.add
                      (f64.add
                        (f64.add
                          (f64.mul
                            (local.get $s0)
                            (f64.load (i32.add (local.get $b0) (local.get $jb))))
                          (f64.mul
                            (local.get $s1)
                            (f64.load (i32.add (local.get $b1) (local.get $jb)))))
                        (f64.mul
                          (local.get $s2)
                          (f64.load (i32.add (local.get $b2) (local.get $jb)))))
                      (f64.mul (local.get $s3) (f64.load (i32.add (local.get $b3) (local.get $jb)))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $next4)))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (i32.add (local.get $p) (i32.const 0)) (local.get $end)))
            (local.set $v0
              (f64x2.splat
                (local.tee $s0
                  (f64.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))))))
            (local.set $b0
              (i32.add
                (local.get $b)
                (i32.mul
                  (i32.load (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2))))
                  (local.get $lb))))
            (local.set $jb (i32.const 0))
            (block $done5
              (loop $next6
                (br_if $done5 (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                (v128.store align=8
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64x2.add
                    (v128.load align=8 (local.get $addr))
                    (f64x2.mul
                      (local.get $v0)
                      (v128.load align=8 (i32.add (local.get $b0) (local.get $jb))))))
                (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                (br $next6)))
            (if $if5
              (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
              (then
                (f64.store
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64.add
                    (f64.load (local.get $addr))
                    (f64.mul (local.get $s0) (f64.load (i32.add (local.get $b0) (local.get $jb))))))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $next4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next2)))))
