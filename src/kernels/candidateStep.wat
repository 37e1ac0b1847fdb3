;; candidateStep(out, stride, m, count, norms, candidateNorms, closest, trial, potentials):
;; one step of greedy k-means++ over a rowDots block of count points (norms, closest and trial
;; addressed from the block's first point): for each point j and candidate t,
;;
;;   v = max(0, norms[j] + candidateNorms[t] − 2·out[j·stride + t]),  trial[j·m + t] = v,
;;   potentials[t] += min(closest[j], v)   (points in order)
;;
;; the operations of kmeansPlusPlus.ts, in the same order.
(module
  (import "env" "memory" (memory 1))
  (func $candidateStep (export "candidateStep") (param $out i32) (param $stride i32) (param $m i32) (param $count i32) (param $norms i32) (param $candidateNorms i32) (param $closest i32) (param $trial i32) (param $potentials i32)
    (local $j i32) (local $t i32) (local $row i32) (local $trialRow i32) (local $potential i32)
    (local $ni f64) (local $own f64) (local $v f64)
    (local.set $j (i32.const 0))
    (block $done1
      (loop $next2
        (br_if $done1 (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $ni
          (f64.load (i32.add (local.get $norms) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $own
          (f64.load (i32.add (local.get $closest) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $row
          (i32.add
            (local.get $out)
            (i32.shl (i32.mul (local.get $j) (local.get $stride)) (i32.const 3))))
        (local.set $trialRow
          (i32.add
            (local.get $trial)
            (i32.shl (i32.mul (local.get $j) (local.get $m)) (i32.const 3))))
        (local.set $t (i32.const 0))
        (block $done3
          (loop $next4
            (br_if $done3 (i32.ge_s (local.get $t) (local.get $m)))
            (local.set $v
              (f64.max
                (f64.const 0x0p+0)
                (f64.sub
                  (f64.add
                    (local.get $ni)
                    (f64.load
                      (i32.add (local.get $candidateNorms) (i32.shl (local.get $t) (i32.const 3)))))
                  (f64.mul
                    (f64.const 0x1p+1)
                    (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3))))))))
            (f64.store
              (i32.add (local.get $trialRow) (i32.shl (local.get $t) (i32.const 3)))
              (local.get $v))
            (f64.store
              (local.tee $potential
                (i32.add (local.get $potentials) (i32.shl (local.get $t) (i32.const 3))))
              (f64.add (f64.load (local.get $potential)) (f64.min (local.get $own) (local.get $v))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $next4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next2)))))
