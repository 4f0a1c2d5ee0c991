;; The prefilter's hot loop (see prefilter.ts): the 4-byte gram ending at every byte is read
;; with one unaligned little-endian load, hashed and tested against a sparse first-level table
;; of keyword grams (one hash, one bit per gram), without branching, four positions per loop
;; turn; the positions that pass are then tested with two more hashes against a second Bloom
;; table. (Loading each gram instead of rolling a window byte by byte took the loop from ~460
;; to ~600 MB/s per core here: no dependency from one position to the next.)
;; WebAssembly runs it without JavaScript's per-access bounds checks. Assemble with
;; `npm run build:wasm -w @keyguard/detectors`.
;;
;; Memory layout (22 pages): [0, 32768) first-level table (2^18 bits), [32768, 65536) second
;; Bloom table (2^18 bits, two hashes), both written by JS once; [65536, 65536 + 262144 + 3)
;; input chunk (3 bytes of left context first); [OUT, ...) one i32 per candidate: the address
;; of the gram's last byte.
;; `lines` counts newlines in [from, to), 16 bytes per step with SIMD: line numbers of findings
;; deep in large files would otherwise cost one indexOf per line.
(module
  (memory (export "memory") 22)
  (func (export "scan") (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $i i32) (local $w i32) (local $bit i32) (local $o i32) (local $k i32) (local $p i32)
    (local.set $o (local.get $out))
    ;; pass 1, without a branch per byte: record every position whose gram has its bit set in the
    ;; first-level table (the write always happens; the output cursor moves only on a hit), so a
    ;; ~2 % hit rate costs no mispredicted branches. bit = (gram * golden) >>> 14, and
    ;; o += ((first[bit >>> 5] >>> (bit & 31)) & 1) * 4
    ;; p = address of the gram's first byte; the gram ending at i starts at i - 3
    (local.set $p (i32.sub (local.get $from) (i32.const 3)))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 7)) (local.get $to)))
        (local.set $bit (i32.shr_u (i32.mul (i32.load offset=0 (local.get $p)) (i32.const 0x9E3779B1)) (i32.const 14)))
        (i32.store (local.get $o) (i32.add (local.get $p) (i32.const 3)))
        (local.set $o (i32.add (local.get $o) (i32.shl (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit)) (i32.const 1)) (i32.const 2))))
        (local.set $bit (i32.shr_u (i32.mul (i32.load offset=1 (local.get $p)) (i32.const 0x9E3779B1)) (i32.const 14)))
        (i32.store (local.get $o) (i32.add (local.get $p) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.shl (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit)) (i32.const 1)) (i32.const 2))))
        (local.set $bit (i32.shr_u (i32.mul (i32.load offset=2 (local.get $p)) (i32.const 0x9E3779B1)) (i32.const 14)))
        (i32.store (local.get $o) (i32.add (local.get $p) (i32.const 5)))
        (local.set $o (i32.add (local.get $o) (i32.shl (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit)) (i32.const 1)) (i32.const 2))))
        (local.set $bit (i32.shr_u (i32.mul (i32.load offset=3 (local.get $p)) (i32.const 0x9E3779B1)) (i32.const 14)))
        (i32.store (local.get $o) (i32.add (local.get $p) (i32.const 6)))
        (local.set $o (i32.add (local.get $o) (i32.shl (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit)) (i32.const 1)) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $next4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (i32.add (local.get $p) (i32.const 3)) (local.get $to)))
        (local.set $bit (i32.shr_u (i32.mul (i32.load offset=0 (local.get $p)) (i32.const 0x9E3779B1)) (i32.const 14)))
        (i32.store (local.get $o) (i32.add (local.get $p) (i32.const 3)))
        (local.set $o (i32.add (local.get $o) (i32.shl (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2))) (local.get $bit)) (i32.const 1)) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    ;; pass 2 over those positions: two more hashes in the second table (at byte 32768); the
    ;; survivors are compacted in place
    (local.set $k (local.get $out))
    (local.set $i (local.get $out))
    (block $done2
      (loop $next2
        (br_if $done2 (i32.ge_u (local.get $k) (local.get $o)))
        (local.set $bit (i32.load (local.get $k)))
        ;; the gram ending at that position, little-endian as in pass 1
        (local.set $w (i32.load (i32.sub (local.get $bit) (i32.const 3))))
        (local.set $bit (i32.shr_u (i32.mul (local.get $w) (i32.const 0x85EBCA77)) (i32.const 14)))
        (if (i32.and
              (i32.shr_u (i32.load offset=32768 (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2)))
                         (local.get $bit))
              (i32.const 1))
          (then
            (local.set $bit (i32.shr_u (i32.mul (local.get $w) (i32.const 0xC2B2AE35)) (i32.const 14)))
            (if (i32.and
                  (i32.shr_u (i32.load offset=32768 (i32.shl (i32.shr_u (local.get $bit) (i32.const 5)) (i32.const 2)))
                             (local.get $bit))
                  (i32.const 1))
              (then
                (i32.store (local.get $i) (i32.load (local.get $k)))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $next2)))
    ;; number of candidates written
    (i32.shr_u (i32.sub (local.get $i) (local.get $out)) (i32.const 2)))
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
