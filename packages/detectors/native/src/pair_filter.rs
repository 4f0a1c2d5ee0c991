//! The prefilter's first pass 64 positions at a time, where the CPU has AVX-512 VBMI and VBMI2:
//! before a position's gram is hashed, four of its byte pairs (bytes 0–1, 2–3, 0–2 and 1–3) are
//! tested against the pairs the anchor grams have there, with byte shuffles only (no gathers).
//!
//! A pair's table would be 128 × 128 bits (the bytes' low 7 bits). Its rows are merged into 32
//! classes, then its columns into 32 over those; a merged row or column is the union of its
//! members, so a pair that passes stays passing. That leaves 32 × 32 bits, 128 bytes: one
//! `vpermi2b` per 64 positions once the two bytes' classes are looked up the same way. Merges
//! take the cheapest union first, weighted by how often source text has the bytes. Bytes above
//! 127 share the row and column of their low 7 bits, which only lets more through.
//!
//! It is a filter in front of the scalar first table, never instead of it: a position it drops
//! has a byte pair that no anchor gram has there, so no anchor gram starts at it. On the large
//! bench corpus 4.1 % of positions pass (2 % pass the first table, 0.19 % the whole prefilter);
//! only those are hashed, from a list they are compressed into.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// Passing positions one call can hold: a prefilter block, and a last store of 32.
const PASSED: usize = crate::prefilter::BLOCK + 32;

/// The byte pairs of a gram that are tested.
const PAIRS: [(usize, usize); 4] = [(0, 1), (2, 3), (0, 2), (1, 3)];

/// Classes of each side of a pair table: 32 × 32 bits fill the 128 bytes one `vpermi2b` reads.
const CLASSES: usize = 32;

/// Lookup tables for one byte pair: each byte's class (rows and columns are merged apart),
/// and one bit per pair of classes.
#[derive(Clone)]
struct PairTable {
    /// A first byte's class `c`, times 4: the cells' byte index `c * 4 + (d >> 3)`.
    x_class: [u8; 128],
    /// A second byte's class `d`, its top 2 bits: `d >> 3`.
    y_high: [u8; 128],
    /// A second byte's class `d`, its bit in the cells' byte: `1 << (d & 7)`.
    y_bit: [u8; 128],
    /// 32 x 32 cells: bit `d & 7` of byte `c * 4 + (d >> 3)`.
    cells: [u8; 128],
}

/// Room for the positions that pass in one call, reused from call to call.
pub struct Scratch(Box<[u16; PASSED]>);

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch(Box::new([0; PASSED]))
    }
}

pub struct PairFilter {
    pairs: [PairTable; PAIRS.len()],
}

impl PairFilter {
    /// The filter for `grams` (first character in the high byte), or `None` where the CPU
    /// cannot run it.
    pub fn new(grams: impl Iterator<Item = u32>) -> Option<PairFilter> {
        if !supported() {
            return None;
        }
        let mut rows = [[0u128; 128]; PAIRS.len()];
        for gram in grams {
            let b = gram.to_be_bytes();
            for (&(i, j), rows) in PAIRS.iter().zip(rows.iter_mut()) {
                rows[usize::from(b[i] & 127)] |= 1u128 << (b[j] & 127);
            }
        }
        Some(PairFilter {
            pairs: rows.map(|rows| PairTable::new(&rows)),
        })
    }

    /// The positions in `[from, to)` whose tested byte pairs pass, as offsets from `from`, in
    /// `scratch`; and where the caller's loop takes over for all positions (the last ones,
    /// whose 64-byte loads would pass the end of `bytes`).
    pub fn passing<'s>(
        &self,
        bytes: &[u8],
        (from, to): (usize, usize),
        scratch: &'s mut Scratch,
    ) -> (&'s [u16], usize) {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: `new` returned a filter only after `supported()` found the features
            let (k, p) = unsafe { self.passing_avx512(bytes, from, to, scratch) };
            (&scratch.0[..k], p)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (bytes, to);
            (&scratch.0[..0], from)
        }
    }

    /// `passing`: how many passed, and where it stopped.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn passing_avx512(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        scratch: &mut Scratch,
    ) -> (usize, usize) {
        let tables = self.pairs.each_ref().map(|t| Loaded::new(t));
        // The positions that pass, as offsets from `from` (< BLOCK + 64, so u16), compressed
        // 32 at a time into `passed`: the caller's loop over them has no branch that depends on
        // how many there are in 64 positions (one per 64 mispredicted when it had).
        let passed = &mut scratch.0;
        let lanes: [u16; 64] = std::array::from_fn(|i| i as u16);
        let lanes = [0, 32].map(|at| _mm512_loadu_si512(lanes.as_ptr().add(at).cast()));
        let mut k = 0;
        let mut p = from;
        // the loads at p + 3 read bytes [p + 3, p + 67)
        while p + 64 <= to && p + 67 <= bytes.len() && k + 64 <= PASSED {
            let at = bytes.as_ptr().add(p);
            let v: [__m512i; 4] = [0, 1, 2, 3].map(|k| _mm512_loadu_si512(at.add(k).cast()));
            let mut mask = u64::MAX;
            for (&(i, j), table) in PAIRS.iter().zip(&tables) {
                mask &= table.test(v[i], v[j]);
            }
            let offset = _mm512_set1_epi16((p - from) as i16);
            for (half, lanes) in lanes.iter().enumerate() {
                let half = (mask >> (32 * half)) as u32;
                let offsets = _mm512_maskz_compress_epi16(half, _mm512_add_epi16(offset, *lanes));
                _mm512_storeu_si512(passed.as_mut_ptr().add(k).cast(), offsets);
                k += half.count_ones() as usize;
            }
            p += 64;
        }
        (k, p)
    }
}

/// AVX-512 F, BW, VBMI and VBMI2: `vpermi2b` (VBMI), byte masks and shuffles (BW), word
/// compression (VBMI2).
fn supported() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::env::var_os("KEYGUARD_SCAN_NO_SIMD").is_none()
            && is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512bw")
            && is_x86_feature_detected!("avx512vbmi")
            && is_x86_feature_detected!("avx512vbmi2")
            && is_x86_feature_detected!("popcnt")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

impl PairTable {
    fn new(rows: &[u128; 128]) -> PairTable {
        let weights: [u32; 128] = std::array::from_fn(weight);
        let (x_class, class_rows) = classes(rows, &weights, &weights);
        // the columns over the row classes, merged in their turn
        let mut columns = [0u128; 128];
        let mut class_weights = [0u32; 128];
        for (c, &row) in class_rows.iter().enumerate() {
            for y in (0..128).filter(|&y| row >> y & 1 == 1) {
                columns[y] |= 1 << c;
            }
        }
        for (x, &c) in x_class.iter().enumerate() {
            class_weights[usize::from(c)] += weights[x];
        }
        let (y_class, class_columns) = classes(&columns, &weights, &class_weights);
        let mut table = PairTable {
            x_class: x_class.map(|c| c << 2),
            y_high: y_class.map(|d| d >> 3),
            y_bit: y_class.map(|d| 1 << (d & 7)),
            cells: [0; 128],
        };
        for (d, &column) in class_columns.iter().enumerate() {
            for c in (0..CLASSES).filter(|&c| column >> c & 1 == 1) {
                table.cells[c * 4 + (d >> 3)] |= 1 << (d & 7);
            }
        }
        table
    }
}

/// Merges the 128 rows into at most `CLASSES` classes: empty rows are class 0 (their row stays
/// empty), equal rows share a class, then the two classes whose union adds the least (the
/// pairs it adds, weighted by how often their bytes are met) merge until few enough are left.
/// Returns each row's class and each class's row. ~60 distinct rows: the costs of all pairs
/// are kept in a matrix and a merge recomputes the merged row's; the four tables take ~0.5 ms.
fn classes(
    rows: &[u128; 128],
    member_weights: &[u32; 128],
    bit_weights: &[u32; 128],
) -> ([u8; 128], Vec<u128>) {
    struct Group {
        row: u128,
        /// The weights of the row's bits, summed.
        row_weight: u32,
        members: Vec<usize>,
        /// The members' weights, summed.
        weight: u32,
    }
    let bits = BitWeights::new(bit_weights);
    let mut groups: Vec<Group> = Vec::new();
    for (x, &row) in rows.iter().enumerate().filter(|(_, &row)| row != 0) {
        let group = match groups.iter_mut().find(|g| g.row == row) {
            Some(group) => group,
            None => {
                groups.push(Group {
                    row,
                    row_weight: bits.of(row),
                    members: Vec::new(),
                    weight: 0,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        group.members.push(x);
        group.weight += member_weights[x];
    }
    let added = |a: &Group, b: &Group| {
        let union = bits.of(a.row | b.row);
        a.weight * (union - a.row_weight) + b.weight * (union - b.row_weight)
    };
    // the costs of all pairs i < j, and each row's cheapest (the first j at equal cost): a
    // merge then looks at ~n rows, not ~n² / 2 pairs (the four tables took ~1 ms that way)
    let n = groups.len();
    let mut alive = vec![true; n];
    let mut cost = vec![u32::MAX; n * n];
    for i in 0..n {
        for j in i + 1..n {
            cost[i * n + j] = added(&groups[i], &groups[j]);
        }
    }
    let cheapest = |cost: &[u32], alive: &[bool], i: usize| {
        (i + 1..n)
            .filter(|&j| alive[j])
            .fold((u32::MAX, i), |best, j| {
                if cost[i * n + j] < best.0 {
                    (cost[i * n + j], j)
                } else {
                    best
                }
            })
    };
    let mut row_best: Vec<(u32, usize)> = (0..n).map(|i| cheapest(&cost, &alive, i)).collect();
    for _ in (CLASSES - 1)..n {
        // the cheapest pair, the first in (i, j) order at equal cost
        let mut best = (u32::MAX, 0, 0);
        for i in (0..n).filter(|&i| alive[i]) {
            if row_best[i].0 < best.0 {
                best = (row_best[i].0, i, row_best[i].1);
            }
        }
        let (_, i, j) = best;
        alive[j] = false;
        let merged = std::mem::take(&mut groups[j].members);
        groups[i].row |= groups[j].row;
        groups[i].row_weight = bits.of(groups[i].row);
        groups[i].weight += groups[j].weight;
        groups[i].members.extend(merged);
        for k in (0..n).filter(|&k| alive[k] && k != i) {
            let (a, b) = (i.min(k), i.max(k));
            cost[a * n + b] = added(&groups[a], &groups[b]);
        }
        // row i changed; a row before it changed in one cost, which can only become its
        // cheapest; a row whose cheapest was i or j looks again
        for k in (0..n).filter(|&k| alive[k]) {
            let (best_cost, best_j) = row_best[k];
            if k == i || best_j == i || best_j == j {
                row_best[k] = cheapest(&cost, &alive, k);
            } else if k < i {
                let c = cost[k * n + i];
                if c < best_cost || (c == best_cost && i < best_j) {
                    row_best[k] = (c, i);
                }
            }
        }
    }
    let mut class = [0u8; 128];
    let mut class_rows = vec![0u128];
    for (group, _) in groups.iter().zip(&alive).filter(|(_, &alive)| alive) {
        for &x in &group.members {
            class[x] = class_rows.len() as u8;
        }
        class_rows.push(group.row);
    }
    (class, class_rows)
}

/// How often a byte (or a byte above 127 with these low 7 bits) is met in source text, roughly:
/// a merged row costs the pairs it adds, weighted by how often they would be met.
fn weight(b: usize) -> u32 {
    match b as u8 {
        b'a'..=b'z' | b' ' => 8,
        b'A'..=b'Z' | b'0'..=b'9' | b'\n' | b'\t' => 3,
        b'!'..=b'~' => 2,
        _ => 1,
    }
}

/// Sums of bit weights, a byte of a row at a time.
struct BitWeights([[u32; 256]; 16]);

impl BitWeights {
    fn new(weights: &[u32; 128]) -> BitWeights {
        let mut sums = [[0u32; 256]; 16];
        for (k, sums) in sums.iter_mut().enumerate() {
            // a byte's sum is its lowest bit's weight plus the sum of the byte without it
            for byte in 1..256 {
                sums[byte] =
                    weights[8 * k + byte.trailing_zeros() as usize] + sums[byte & (byte - 1)];
            }
        }
        BitWeights(sums)
    }

    /// The weights of the bits set in `row`, summed.
    fn of(&self, row: u128) -> u32 {
        self.0
            .iter()
            .enumerate()
            .map(|(k, sums)| sums[(row >> (8 * k)) as usize & 255])
            .sum()
    }
}

/// A pair table in registers.
#[cfg(target_arch = "x86_64")]
struct Loaded {
    x_class: [__m512i; 2],
    y_high: [__m512i; 2],
    y_bit: [__m512i; 2],
    cells: [__m512i; 2],
}

#[cfg(target_arch = "x86_64")]
impl Loaded {
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    fn new(t: &PairTable) -> Loaded {
        let halves = |a: &[u8; 128]| {
            // SAFETY: two 64-byte loads inside a 128-byte array
            unsafe { [0, 64].map(|at| _mm512_loadu_si512(a.as_ptr().add(at).cast())) }
        };
        Loaded {
            x_class: halves(&t.x_class),
            y_high: halves(&t.y_high),
            y_bit: halves(&t.y_bit),
            cells: halves(&t.cells),
        }
    }

    /// Bit i: the pair (x[i], y[i]) is in the table's cells.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    fn test(&self, x: __m512i, y: __m512i) -> u64 {
        let lookup = |t: &[__m512i; 2], v| _mm512_permutex2var_epi8(t[0], v, t[1]);
        let index = _mm512_or_si512(lookup(&self.x_class, x), lookup(&self.y_high, y));
        _mm512_test_epi8_mask(lookup(&self.cells, index), lookup(&self.y_bit, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl PairTable {
        /// `Loaded::test` for one pair of bytes.
        fn passes(&self, x: u8, y: u8) -> bool {
            let d = self.y_high[usize::from(y & 127)] << 3
                | self.y_bit[usize::from(y & 127)].trailing_zeros() as u8;
            let byte = self.x_class[usize::from(x & 127)] | (d >> 3);
            self.cells[usize::from(byte)] >> (d & 7) & 1 == 1
        }
    }

    #[test]
    fn a_pair_table_passes_every_pair_of_its_rows() {
        let mut rows = [0u128; 128];
        let mut seed = 11u32;
        for row in rows.iter_mut().skip(32) {
            for _ in 0..6 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                *row |= 1u128 << (seed >> 25);
            }
        }
        let table = PairTable::new(&rows);
        let pairs = (0..=255u8).flat_map(|x| (0..=255u8).map(move |y| (x, y)));
        let mut passing = 0;
        for (x, y) in pairs {
            let wanted = rows[usize::from(x & 127)] >> (y & 127) & 1 == 1;
            let passes = table.passes(x, y);
            assert!(
                passes || !wanted,
                "({x}, {y}) is in the rows and does not pass"
            );
            passing += usize::from(passes);
        }
        // merged, not everything: 96 rows of ~6 bits in 32 × 32 classes
        assert!(
            passing < 4 * 128 * 128 / 2,
            "{passing} of 65,536 pairs pass"
        );
    }

    #[test]
    fn merged_rows_keep_every_pair() {
        let mut rows = [0u128; 128];
        for x in 0..128u32 {
            // many distinct rows, so classes must merge
            if x % 3 != 0 {
                rows[x as usize] = (1u128 << (x % 97)) | (1u128 << ((x * 7) % 128));
            }
        }
        let weights: [u32; 128] = std::array::from_fn(weight);
        let (class, class_rows) = classes(&rows, &weights, &weights);
        assert!(class_rows.len() <= CLASSES);
        for x in 0..128 {
            assert_eq!(rows[x] & !class_rows[usize::from(class[x])], 0, "row {x}");
            if rows[x] == 0 {
                assert_eq!(class[x], 0);
            }
        }
    }
}
