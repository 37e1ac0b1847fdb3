;; zeroBytes(at, length): memory.fill with zeros (filling a shared buffer from JavaScript is
;; several times slower).
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $zeroBytes (export "zeroBytes") (param $at i32) (param $length i32)
    (memory.fill (local.get $at) (i32.const 0) (local.get $length))))
