//! The prefilter's first pass 64 positions at a time, where the CPU has AVX-512 VBMI: before a
//! position's gram is hashed, its three byte pairs (bytes 0–1, 1–2, 2–3) are each tested
//! against the pairs the anchor grams have there, with byte shuffles only (no gathers).
//!
//! A pair table is 128 rows (the first byte, its low 7 bits) of 128 bits (the second byte's).
//! Rows are merged into 32 classes (a merged row is the union of its members, so a pair that
//! passes stays passing) and a class's row is looked up with `vpermi2b` in four 128-byte tables.
//! Bytes above 127 share the row and column of their low 7 bits: that only lets more through.
//!
//! It is a filter in front of the scalar first table, never instead of it: a position it drops
//! has a byte pair that no anchor has, so no anchor gram starts there. On the large bench corpus
//! 6 % of positions pass all three pairs (3.9 % would with exact rows), against the 2 % that
//! pass the first table; those 6 % are hashed as before.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use std::sync::OnceLock;

use crate::prefilter::FirstTable;

/// Passing positions one call can hold: a prefilter block, and a last store of 32.
const PASSED: usize = crate::prefilter::BLOCK + 32;

/// Classes per pair table: 32 rows of 128 bits fill the four 128-byte tables `vpermi2b` reads.
const CLASSES: usize = 32;

/// Lookup tables for one byte pair.
#[derive(Clone)]
struct PairTable {
    /// A first byte's class: bits 4–6 its low three bits (the row's byte within a 128-byte
    /// table), bit 7 its fourth bit (which table of a pair of tables).
    class_low: [u8; 128],
    /// Bit 7: the class's fifth bit (which pair of tables).
    class_high: [u8; 128],
    /// Class `c`'s row in table `c >> 3`, bytes `(c & 7) * 16 ..` (bit `y & 7` of byte `y >> 3`).
    rows: [[u8; 128]; 4],
}

/// Room for the positions that pass in one call, reused from call to call.
pub struct Scratch(Box<[u16; PASSED]>);

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch(Box::new([0; PASSED]))
    }
}

pub struct PairFilter {
    pairs: [PairTable; 3],
}

impl PairFilter {
    /// The filter for `grams` (first character in the high byte), or `None` where the CPU
    /// cannot run it.
    pub fn new(grams: impl Iterator<Item = u32>) -> Option<PairFilter> {
        if !supported() {
            return None;
        }
        let mut rows = [[0u128; 128]; 3];
        for gram in grams {
            let b = gram.to_be_bytes();
            for (k, rows) in rows.iter_mut().enumerate() {
                rows[usize::from(b[k] & 127)] |= 1u128 << (b[k + 1] & 127);
            }
        }
        Some(PairFilter {
            pairs: rows.map(|rows| PairTable::new(&rows)),
        })
    }

    /// `first_pass` over `[from, to)` for the positions whose three byte pairs pass: each is
    /// written to `candidates[n]` and `n` moves on when the first table has its gram. Returns
    /// where the caller's scalar loop takes over (the last positions, whose 64-byte loads would
    /// pass the end of `bytes`) and the new `n`.
    pub fn first_pass(
        &self,
        first: &FirstTable,
        bytes: &[u8],
        (from, to): (usize, usize),
        candidates: &mut [u32],
        scratch: &mut Scratch,
    ) -> (usize, usize) {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: `new` returned a filter only after `supported()` found the features
            unsafe { self.first_pass_avx512(first, bytes, from, to, candidates, scratch) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (first, bytes, to, candidates, scratch);
            (from, 0)
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
    unsafe fn first_pass_avx512(
        &self,
        first: &FirstTable,
        bytes: &[u8],
        from: usize,
        to: usize,
        candidates: &mut [u32],
        scratch: &mut Scratch,
    ) -> (usize, usize) {
        let tables = self.pairs.each_ref().map(|t| Loaded::new(t));
        // The positions that pass, as offsets from `from` (< BLOCK + 64, so u16), compressed
        // 32 at a time into `passed`: the loop over them below has no branch that depends on
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
            let mut mask = tables[0].test(v[0], v[1]);
            mask &= tables[1].test(v[1], v[2]);
            mask &= tables[2].test(v[2], v[3]);
            let offset = _mm512_set1_epi16((p - from) as i16);
            for (half, lanes) in lanes.iter().enumerate() {
                let half = (mask >> (32 * half)) as u32;
                let offsets = _mm512_maskz_compress_epi16(half, _mm512_add_epi16(offset, *lanes));
                _mm512_storeu_si512(passed.as_mut_ptr().add(k).cast(), offsets);
                k += half.count_ones() as usize;
            }
            p += 64;
        }
        // a power of two no shorter than [from, to): the mask only spares the bounds check
        let slots = candidates.len() - 1;
        let mut n = 0;
        for &offset in &passed[..k] {
            let q = from + usize::from(offset);
            let gram = u32::from_le_bytes(bytes[q..q + 4].try_into().expect("4 bytes"));
            candidates[n & slots] = q as u32;
            n += usize::from(first.has(gram));
        }
        (p, n)
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
        let (class, class_rows) = classes(rows);
        let mut table = PairTable {
            class_low: [0; 128],
            class_high: [0; 128],
            rows: [[0; 128]; 4],
        };
        for (x, &c) in class.iter().enumerate() {
            table.class_low[x] = ((c & 7) << 4) | ((c >> 3) & 1) << 7;
            table.class_high[x] = ((c >> 4) & 1) << 7;
        }
        for (c, &row) in class_rows.iter().enumerate() {
            for y in (0..128).filter(|&y| row >> y & 1 == 1) {
                table.rows[c >> 3][(c & 7) * 16 + (y >> 3)] |= 1 << (y & 7);
            }
        }
        table
    }
}

/// Merges the 128 rows into at most `CLASSES` classes: empty rows are class 0 (their row stays
/// empty), equal rows share a class, then the two classes whose union adds the least (the
/// pairs it adds, weighted by how often their bytes are met) merge until few enough are left.
/// Returns each row's class and each class's row. ~100 distinct rows: the costs of all pairs
/// are kept in a matrix, and a merge recomputes one row of it (~0.3 ms for the three tables).
fn classes(rows: &[u128; 128]) -> ([u8; 128], Vec<u128>) {
    struct Group {
        row: u128,
        members: Vec<usize>,
        /// The members' weights, summed.
        weight: u32,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (x, &row) in rows.iter().enumerate().filter(|(_, &row)| row != 0) {
        let group = match groups.iter_mut().find(|g| g.row == row) {
            Some(group) => group,
            None => {
                groups.push(Group {
                    row,
                    members: Vec::new(),
                    weight: 0,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        group.members.push(x);
        group.weight += weight(x);
    }
    let added = |a: &Group, b: &Group| {
        let union = a.row | b.row;
        a.weight * weight_of(union & !a.row) + b.weight * weight_of(union & !b.row)
    };
    let n = groups.len();
    let mut alive = vec![true; n];
    let mut cost = vec![vec![u32::MAX; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            cost[i][j] = added(&groups[i], &groups[j]);
        }
    }
    for _ in (CLASSES - 1)..n {
        let mut best = (u32::MAX, 0, 0);
        for i in (0..n).filter(|&i| alive[i]) {
            for j in (i + 1..n).filter(|&j| alive[j]) {
                if cost[i][j] < best.0 {
                    best = (cost[i][j], i, j);
                }
            }
        }
        let (_, i, j) = best;
        alive[j] = false;
        let merged = std::mem::take(&mut groups[j].members);
        groups[i].row |= groups[j].row;
        groups[i].weight += groups[j].weight;
        groups[i].members.extend(merged);
        for k in (0..n).filter(|&k| alive[k] && k != i) {
            let (a, b) = (i.min(k), i.max(k));
            cost[a][b] = added(&groups[a], &groups[b]);
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

/// The weights of the bytes in `row`, summed.
fn weight_of(row: u128) -> u32 {
    static MASKS: OnceLock<[(u32, u128); 4]> = OnceLock::new();
    let masks = MASKS.get_or_init(|| {
        [8, 3, 2, 1].map(|w| {
            (
                w,
                (0..128)
                    .filter(|&y| weight(y) == w)
                    .fold(0, |m, y| m | 1u128 << y),
            )
        })
    });
    masks
        .iter()
        .map(|&(w, mask)| w * (row & mask).count_ones())
        .sum()
}

/// A pair table in registers.
#[cfg(target_arch = "x86_64")]
struct Loaded {
    class_low: [__m512i; 2],
    class_high: [__m512i; 2],
    rows: [[__m512i; 2]; 4],
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
            class_low: halves(&t.class_low),
            class_high: halves(&t.class_high),
            rows: t.rows.each_ref().map(halves),
        }
    }

    /// Bit i: the pair (x[i], y[i]) is in the table's rows.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    fn test(&self, x: __m512i, y: __m512i) -> u64 {
        let low = _mm512_permutex2var_epi8(self.class_low[0], x, self.class_low[1]);
        let high = _mm512_permutex2var_epi8(self.class_high[0], x, self.class_high[1]);
        // the row's byte: bits 0–3 the column's byte, 4–6 the row within a table
        let column = _mm512_and_si512(_mm512_srli_epi16::<3>(y), _mm512_set1_epi8(0x0f));
        let index = _mm512_or_si512(low, column);
        let [r0, r1, r2, r3] = self
            .rows
            .each_ref()
            .map(|t| _mm512_permutex2var_epi8(t[0], index, t[1]));
        let fourth = _mm512_movepi8_mask(index);
        let fifth = _mm512_movepi8_mask(high);
        let row = _mm512_mask_blend_epi8(
            fifth,
            _mm512_mask_blend_epi8(fourth, r0, r1),
            _mm512_mask_blend_epi8(fourth, r2, r3),
        );
        let bits = _mm512_set1_epi64(0x8040_2010_0804_0201u64 as i64);
        let bit = _mm512_shuffle_epi8(bits, _mm512_and_si512(y, _mm512_set1_epi8(7)));
        _mm512_test_epi8_mask(row, bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_rows_keep_every_pair() {
        let mut rows = [0u128; 128];
        for x in 0..128u32 {
            // many distinct rows, so classes must merge
            if x % 3 != 0 {
                rows[x as usize] = (1u128 << (x % 97)) | (1u128 << ((x * 7) % 128));
            }
        }
        let (class, class_rows) = classes(&rows);
        assert!(class_rows.len() <= CLASSES);
        for x in 0..128 {
            assert_eq!(rows[x] & !class_rows[usize::from(class[x])], 0, "row {x}");
            if rows[x] == 0 {
                assert_eq!(class[x], 0);
            }
        }
    }
}
