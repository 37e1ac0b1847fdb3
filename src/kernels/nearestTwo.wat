;; nearestTwo(out, stride, k, norms, count, best, first, second): for each row j < count of a
;; rowDots block, v_c = norms[c] − 2·out[j·stride + c] for c < k; best[j] = the first c with
;; the least v, first[j] = that v, second[j] = the least v of the other centres: the
;; operations and comparisons, in order, of the JavaScript scan of k-means' E-step.
(module
  (import "env" "memory" (memory 1))
  (func $nearestTwo (export "nearestTwo") (param $out i32) (param $stride i32) (param $k i32) (param $norms i32) (param $count i32) (param $best i32) (param $first i32) (param $second i32)
    (local $j i32) (local $c i32) (local $row i32) (local $bestC i32) (local $v f64)
    (local $bestV f64) (local $secondV f64)
    (local.set $j (i32.const 0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $row
          (i32.add
            (local.get $out)
            (i32.shl (i32.mul (local.get $j) (local.get $stride)) (i32.const 3))))
        (local.set $secondV (local.tee $bestV (f64.const inf)))
        (local.set $bestC (i32.const 0))
        (local.set $c (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $c) (local.get $k)))
            (local.set $v
              (f64.sub
                (f64.load (i32.add (local.get $norms) (i32.shl (local.get $c) (i32.const 3))))
                (f64.mul
                  (f64.const 0x1p+1)
                  (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))))
            (if $if5
              (f64.lt (local.get $v) (local.get $bestV))
              (then
                (local.set $secondV (local.get $bestV))
                (local.set $bestV (local.get $v))
                (local.set $bestC (local.get $c)))
              (else
                (if $if6
                  (f64.lt (local.get $v) (local.get $secondV))
                  (then (local.set $secondV (local.get $v))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $next4)))
        (i32.store
          (i32.add (local.get $best) (i32.shl (local.get $j) (i32.const 2)))
          (local.get $bestC))
        (f64.store
          (i32.add (local.get $first) (i32.shl (local.get $j) (i32.const 3)))
          (local.get $bestV))
        (f64.store
          (i32.add (local.get $second) (i32.shl (local.get $j) (i32.const 3)))
          (local.get $secondV))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next2)))))
