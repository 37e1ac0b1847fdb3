;; subtractOuterRows(o, l, u, v, r0, r1): o[r, j] −= u[r]·v[j] for rows r0 ≤ r < r1 with
;; u[r] ≠ 0 (u = 0, no address: every row loses v, as if u were all ones). One multiplication
;; and one subtraction per entry, as the mean corrections of csr.ts.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $subtractOuterRows (export "subtractOuterRows") (param $o i32) (param $l i32) (param $u i32) (param $v i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $jb i32) (local $lb i32) (local $ob i32) (local $addr i32)
    (local $vu v128) (local $su f64)
    (local.set $lb (i32.shl (local.get $l) (i32.const 3)))
    (local.set $r (local.get $r0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (local.get $r) (local.get $r1)))
        (local.set $ob (i32.add (local.get $o) (i32.mul (local.get $r) (local.get $lb))))
        (if $if3
          (i32.eqz (local.get $u))
          (then
            (local.set $jb (i32.const 0))
            (block $done4
              (loop $next5
                (br_if $done4 (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                (v128.store align=8
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64x2.sub
                    (v128.load align=8 (local.get $addr))
                    (v128.load align=8 (i32.add (local.get $v) (local.get $jb)))))
                (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                (br $next5)))
            (if $if4
              (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
              (then
                (f64.store
                  (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                  (f64.sub
                    (f64.load (local.get $addr))
                    (f64.load (i32.add (local.get $v) (local.get $jb))))))))
          (else
            (if $if4
              (i32.eqz
                (f64.eq
                  (local.tee $su
                    (f64.load (i32.add (local.get $u) (i32.shl (local.get $r) (i32.const 3)))))
                  (f64.const 0x0p+0)))
              (then
                (local.set $vu (f64x2.splat (local.get $su)))
                (local.set $jb (i32.const 0))
                (block $done5
                  (loop $next6
                    (br_if $done5
                      (i32.gt_s (i32.add (local.get $jb) (i32.const 16)) (local.get $lb)))
                    (v128.store align=8
                      (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                      (f64x2.sub
                        (v128.load align=8 (local.get $addr))
                        (f64x2.mul
                          (v128.load align=8 (i32.add (local.get $v) (local.get $jb)))
                          (local.get $vu))))
                    (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
                    (br $next6)))
                (if $if5
                  (i32.eqz (i32.ge_s (local.get $jb) (local.get $lb)))
                  (then
                    (f64.store
                      (local.tee $addr (i32.add (local.get $ob) (local.get $jb)))
                      (f64.sub
                        (f64.load (local.get $addr))
                        (f64.mul
                          (f64.load (i32.add (local.get $v) (local.get $jb)))
                          (local.get $su))))))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next2)))))
