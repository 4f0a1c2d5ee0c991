;; The prefilter's hot loop (see prefilter.ts): a rolling 4-byte window is hashed at every
;; byte and tested against the Bloom table of keyword grams (two hash functions; the second
;; is computed only when the first bit is set). WebAssembly runs it without
;; JavaScript's per-access bounds checks: ~1.2 GB/s per core here, against ~0.6 GB/s for the
;; same loop over a Uint8Array. Assemble with `npm run build:wasm -w @keyguard/detectors`.
;;
;; Memory layout (21 pages): [0, 32768) Bloom table (2^18 bits, written by JS once);
;; [32768, 32768 + 262144 + 3) input chunk (3 bytes of left context first);
;; [OUT, ...) one i32 per candidate: the address of the gram's last byte.
;; `lines` counts newlines in [from, to), 16 bytes per step with SIMD: line numbers of findings
;; deep in large files would otherwise cost one indexOf per line.
(module
  (memory (export "memory") 21)
  (func (export "scan") (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $i i32) (local $w i32) (local $bit i32) (local $o i32)
    (local.set $o (local.get $out))
    (local.set $i (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        ;; w = (w << 8) | byte; bit = (w * golden) >>> 14
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 8)) (i32.load8_u (local.get $i))))
        (local.set $bit (i32.shr_u (i32.mul (local.get $w) (i32.const 0x9E3779B1)) (i32.const 14)))
        ;; if (bloom[bit >>> 5] >>> (bit & 31)) & 1, test the second hash the same way, then record i
        (if (i32.and
              (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2)))
                         (local.get $bit))
              (i32.const 1))
          (then
            (local.set $bit (i32.shr_u (i32.mul (local.get $w) (i32.const 0x85EBCA77)) (i32.const 14)))
            (if (i32.and
                  (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2)))
                             (local.get $bit))
                  (i32.const 1))
              (then
                (i32.store (local.get $o) (local.get $i))
                (local.set $o (i32.add (local.get $o) (i32.const 4)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; number of candidates written
    (i32.shr_u (i32.sub (local.get $o) (local.get $out)) (i32.const 2)))
  (func (export "lines") (param $from i32) (param $to i32) (result i32)
    (local $i i32) (local $n i32) (local $nl v128)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (local.set $i (local.get $from))
    (block $done16
      (loop $next16
        (br_if $done16 (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $to)))
        (local.set $n
          (i32.add (local.get $n)
                   (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $i)) (local.get $nl))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $i)) (i32.const 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n)))
