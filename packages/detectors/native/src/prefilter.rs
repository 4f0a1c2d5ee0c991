//! The keyword prefilter (prefilter.ts): one pass over the input that finds every keyword of
//! every rule and their encoded forms, over the tables of the build-time snapshot, so the hits
//! are the same as `findInBytes` / `findInString`, in the same order.
//!
//! The 4-byte gram at each position is hashed and tested against a sparse 256-Kbit table of
//! the keywords' anchor grams; only then two more hashes are tested in a second table, and only
//! a hit of all three looks up the exact gram and compares the keywords anchored on it.

use base64::Engine as _;

use std::sync::OnceLock;

use crate::manifest::{KeywordEntry, PrefilterSnapshot};
use crate::pair_filter::{PairFilter, Scratch};
use crate::types::Hits;

const BLOOM_BITS: u32 = 18;
const TABLE_WORDS: usize = 1 << (BLOOM_BITS - 5);
const FIRST_BYTES: usize = 1 << BLOOM_BITS;
const HASH_SHIFT: u32 = 32 - BLOOM_BITS;
const HASH_MUL: u32 = 0x9e37_79b1;
/// Second and third hashes, into the second table, computed only on first-level hits.
const HASH_MUL2: u32 = 0x85eb_ca77;
const HASH_MUL3: u32 = 0xc2b2_ae35;
/// Positions per first pass: the candidate list stays in L1.
pub(crate) const BLOCK: usize = 16 * 1024;
/// Inputs from this size on run the first pass behind the SIMD pair filter (`pair_filter.rs`).
/// The first of them builds it (~0.6 ms, what it saves on ~1 MB): a scan of only small files,
/// most of a repository, never does, and one with a single large file loses well under 1 ms.
const PAIR_FILTER_FROM: usize = 256 * 1024;

/// What `verify` compares of a `KeywordEntry`.
struct Keyword {
    codes: Box<[u8]>,
    ignore_case: bool,
}

pub struct Prefilter {
    /// The first bit table, one byte per bit: the loop adds the byte, where a bit costs three
    /// more instructions per position (measured: pass 1 at 1.85 GB/s, 1.27 with bits; the
    /// 256 KB stay in L2). Fixed-size, so its index (a hash's top 18 bits) needs no bounds check.
    first: Box<[u8; FIRST_BYTES]>,
    second: Box<[u32; TABLE_WORDS]>,
    /// From a gram (first character in the high byte) to the keywords anchored on it
    /// (`gramTable` in prefilter.ts, used as it is).
    grams: Box<[u32]>,
    keywords: Vec<Keyword>,
    /// Built by the first large input; `None` inside where the CPU has no AVX-512 VBMI.
    pairs: OnceLock<Option<PairFilter>>,
}

/// Where an input's code units come from: bytes, or a decoded string whose code units above
/// 255 are in `wide` (the loop reads their low byte, as prefilter.ts does; they never match).
#[derive(Clone, Copy)]
enum Units<'a> {
    Bytes(&'a [u8]),
    Wide(&'a [u16]),
}

impl Units<'_> {
    #[inline]
    fn at(self, i: usize) -> u32 {
        match self {
            Units::Bytes(b) => u32::from(b[i]),
            Units::Wide(w) => u32::from(w[i]),
        }
    }
}

fn words(base64: &str) -> Box<[u32]> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .expect("the prefilter snapshot's tables are base64");
    bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect()
}

/// The keyword's characters as the latin1 code units prefilter.ts compares.
fn latin1(keyword: &str) -> Box<[u8]> {
    keyword
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("prefilter keywords are latin1"))
        .collect()
}

#[inline(always)]
fn bit(table: &[u32; TABLE_WORDS], gram: u32, multiplier: u32) -> bool {
    let bit = gram.wrapping_mul(multiplier) >> HASH_SHIFT;
    (table[(bit >> 5) as usize] >> (bit & 31)) & 1 == 1
}

impl Prefilter {
    /// `Prefilter.fromSnapshot`: the tables as the build wrote them.
    pub fn from_snapshot(snapshot: &PrefilterSnapshot) -> Prefilter {
        let table = |base64: &str| -> Box<[u32; TABLE_WORDS]> {
            words(base64)
                .try_into()
                .expect("prefilter bit tables of 2^18 bits")
        };
        let bits = table(&snapshot.first);
        let first: Box<[u8; FIRST_BYTES]> = (0..FIRST_BYTES)
            .map(|bit| ((bits[bit >> 5] >> (bit & 31)) & 1) as u8)
            .collect::<Box<[u8]>>()
            .try_into()
            .expect("2^18 bytes");
        let second = table(&snapshot.second);
        let keywords = snapshot
            .entries
            .iter()
            .map(|e: &KeywordEntry| Keyword {
                codes: latin1(&e.keyword),
                ignore_case: e.ignore_case,
            })
            .collect();
        Prefilter {
            first,
            second,
            grams: words(&snapshot.grams),
            keywords,
            pairs: OnceLock::new(),
        }
    }

    /// Appends every keyword occurrence in `bytes` to `hits`, in offset order (`findInBytes`).
    pub fn find_in_bytes(&self, bytes: &[u8], hits: &mut Hits) {
        self.find(bytes, Units::Bytes(bytes), hits);
    }

    /// The same over a decoded string's code units (`findInString`): `text` holds one byte per
    /// code unit, and `wide` every code unit when one is above 255.
    pub fn find_in_string(&self, text: &[u8], wide: Option<&[u16]>, hits: &mut Hits) {
        match wide {
            None => self.find(text, Units::Bytes(text), hits),
            Some(wide) => {
                // the loop hashes the low byte of each code unit, as prefilter.ts does
                let low: Vec<u8> = wide.iter().map(|&c| c as u8).collect();
                self.find(&low, Units::Wide(wide), hits);
            }
        }
    }

    /// The loop of prefilter.wat over `bytes`; `units` are what keywords are compared with.
    fn find(&self, bytes: &[u8], units: Units, hits: &mut Hits) {
        let pairs = (bytes.len() >= PAIR_FILTER_FROM)
            .then(|| self.pair_filter())
            .flatten();
        self.find_using(pairs, bytes, units, hits);
    }

    /// `find`, with the pair filter in front of the first table or without it.
    fn find_using(&self, pairs: Option<&PairFilter>, bytes: &[u8], units: Units, hits: &mut Hits) {
        let from = hits.pos.len();
        let mut unsorted = false;
        // a block's positions at most: a small file (most of a repository) zeroes a small buffer
        let mut candidates = vec![0u32; bytes.len().next_power_of_two().min(BLOCK)];
        let mut pairs = pairs.map(|pairs| (pairs, Scratch::default()));
        let mut block = 0;
        while block + 4 <= bytes.len() {
            // grams starting in [block, end)
            let end = (block + BLOCK).min(bytes.len() - 3);
            let n = first_pass(&self.first, &mut pairs, bytes, block, end, &mut candidates);
            for &p in &candidates[..n] {
                let p = p as usize;
                let gram = u32::from_le_bytes([bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]]);
                if bit(&self.second, gram, HASH_MUL2) && bit(&self.second, gram, HASH_MUL3) {
                    unsorted |= self.verify(units, p, gram.swap_bytes(), hits);
                }
            }
            block = end;
        }
        if unsorted {
            sort_hits(hits, from);
        }
    }

    /// The SIMD pair filter over the anchor grams, built the first time a large input needs it.
    fn pair_filter(&self) -> Option<&PairFilter> {
        self.pairs
            .get_or_init(|| {
                let slots = self.grams[0] as usize;
                let keys = (0..slots).map(|slot| self.grams[1 + 2 * slot]);
                PairFilter::new(keys.filter(|&gram| gram != 0))
            })
            .as_ref()
    }

    /// Offset in the gram table of the count before `gram`'s packed entries (`gramList`).
    fn gram_list(&self, gram: u32) -> Option<usize> {
        let table = &self.grams;
        let mask = table[0] - 1;
        let mut slot = gram.wrapping_mul(HASH_MUL) & mask;
        loop {
            let key = table[1 + 2 * slot as usize];
            if key == gram {
                return Some(table[2 + 2 * slot as usize] as usize);
            }
            if key == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Compares every keyword anchored on the gram at `at` (first character in the high byte);
    /// true when a hit came before an earlier one (a keyword anchored deeper).
    #[inline(never)]
    fn verify(&self, units: Units, at: usize, gram: u32, hits: &mut Hits) -> bool {
        let Some(list) = self.gram_list(gram) else {
            return false;
        };
        let len = match units {
            Units::Bytes(b) => b.len(),
            Units::Wide(w) => w.len(),
        };
        let mut unsorted = false;
        let count = self.grams[list] as usize;
        for &packed in &self.grams[list + 1..list + 1 + count] {
            let entry = packed >> 6;
            let keyword = &self.keywords[entry as usize];
            let Some(start) = at.checked_sub((packed & 63) as usize) else {
                continue;
            };
            if start + keyword.codes.len() > len {
                continue;
            }
            let same = match units {
                Units::Bytes(b) => {
                    let text = &b[start..start + keyword.codes.len()];
                    let fold = keyword.ignore_case;
                    // a loop, not memcmp: keywords are short, and most differ early
                    text.iter()
                        .zip(keyword.codes.iter())
                        .all(|(&c, &k)| (if fold { c.to_ascii_lowercase() } else { c }) == k)
                }
                Units::Wide(_) => keyword.codes.iter().enumerate().all(|(k, &code)| {
                    let c = units.at(start + k);
                    let c = if keyword.ignore_case && (65..=90).contains(&c) {
                        c | 0x20
                    } else {
                        c
                    };
                    c == u32::from(code)
                }),
            };
            if same {
                unsorted |= hits.pos.last().is_some_and(|&last| last > start);
                hits.pos.push(start);
                hits.entry.push(entry);
            }
        }
        unsorted
    }
}

/// Pass 1 over the grams starting in [from, to), branchless: every position tested is written
/// to `candidates`, the cursor moves only when the gram's bit is set in the first table; one
/// 8-byte load holds four grams. With `pairs`, only the positions it lets through are tested,
/// up to where its 64-byte loads end. Returns how many candidates there are.
fn first_pass(
    first: &[u8; FIRST_BYTES],
    pairs: &mut Option<(&PairFilter, Scratch)>,
    bytes: &[u8],
    from: usize,
    to: usize,
    candidates: &mut [u32],
) -> usize {
    // a power of two: n <= p - from < candidates.len(), so the mask only spares the bounds check
    let mask = candidates.len() - 1;
    debug_assert!(candidates.len().is_power_of_two() && to - from <= candidates.len());
    let mut n = 0;
    let mut test = |p: usize, gram: u32| {
        candidates[n & mask] = p as u32;
        let bit = gram.wrapping_mul(HASH_MUL) >> HASH_SHIFT;
        n += usize::from(first[bit as usize]);
    };
    let gram = |p: usize| u32::from_le_bytes(bytes[p..p + 4].try_into().expect("4 bytes"));
    let mut p = from;
    if let Some((pairs, scratch)) = pairs {
        let (passed, end) = pairs.passing(bytes, (from, to), scratch);
        for &offset in passed {
            let q = from + usize::from(offset);
            test(q, gram(q));
        }
        p = end;
    }
    while p + 4 <= to && p + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[p..p + 8].try_into().expect("8 bytes"));
        for k in 0..4 {
            test(p + k, (w >> (8 * k)) as u32);
        }
        p += 4;
    }
    for p in p..to {
        test(p, gram(p));
    }
    n
}

/// Puts `hits[from..]` back in offset order (stable: equal offsets keep their order).
fn sort_hits(hits: &mut Hits, from: usize) {
    let mut order: Vec<usize> = (from..hits.pos.len()).collect();
    order.sort_by_key(|&i| hits.pos[i]);
    let pos: Vec<usize> = order.iter().map(|&i| hits.pos[i]).collect();
    let entry: Vec<u32> = order.iter().map(|&i| hits.entry[i]).collect();
    hits.pos.truncate(from);
    hits.entry.truncate(from);
    hits.pos.extend(pos);
    hits.entry.extend(entry);
}

/// Newlines in `text[from..to)` (`countNewlines`).
pub fn count_newlines(text: &[u8], from: usize, to: usize) -> usize {
    memchr::memchr_iter(b'\n', &text[from..to]).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest;

    fn hits(text: &[u8]) -> Vec<(usize, String)> {
        let m = manifest::load(manifest::EMBEDDED).unwrap();
        let prefilter = Prefilter::from_snapshot(&m.prefilter);
        let mut hits = Hits::default();
        prefilter.find_in_bytes(text, &mut hits);
        let keyword = |e: u32| m.prefilter.entries[e as usize].keyword.clone();
        hits.pos
            .iter()
            .zip(&hits.entry)
            .map(|(&p, &e)| (p, keyword(e)))
            .collect()
    }

    #[test]
    fn a_three_character_keyword_needs_a_printable_character_after_it() {
        // prefilter.ts expands a 3-character keyword's gram with every printable fourth character
        let url = |text: &[u8]| hits(text).into_iter().filter(|(_, k)| k == "://").count();
        assert_eq!(url(b"https://x"), 1);
        assert_eq!(url(b"https:// x"), 0);
        assert_eq!(url(b"https://"), 0);
    }

    #[test]
    fn hits_are_in_offset_order_and_case_folds_where_asked() {
        let found = hits(b"xx ghp_ and GHP_ then AKIA");
        let offsets: Vec<usize> = found.iter().map(|(p, _)| *p).collect();
        let mut sorted = offsets.clone();
        sorted.sort();
        assert_eq!(offsets, sorted);
        assert!(found.contains(&(3, "ghp_".to_owned())));
        assert!(!found.iter().any(|(p, k)| *p == 11 && k == "ghp_"));
        assert!(found.contains(&(22, "AKIA".to_owned())));
    }

    #[test]
    fn the_pair_filter_drops_no_hit() {
        // every keyword, in both cases where it folds, at every offset from a 64-byte block's
        // start, amid letters, digits, punctuation and bytes above 127 (which share the pair
        // tables' rows with ASCII)
        let m = manifest::load(manifest::EMBEDDED).unwrap();
        let prefilter = Prefilter::from_snapshot(&m.prefilter);
        let Some(pairs) = prefilter.pair_filter() else {
            eprintln!("no AVX-512 VBMI here: the pair filter is not used, nothing to compare");
            return;
        };
        let filler = b"aZ9_-./:= \n\"'{}\x80\xc3\xa9\xff\x00eyJ";
        let mut seed = 7u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let mut text = Vec::new();
        for round in 0..3 {
            for entry in &m.prefilter.entries {
                for _ in 0..next() % 70 {
                    text.push(filler[next() as usize % filler.len()]);
                }
                text.extend(entry.keyword.chars().map(|c| {
                    let c = c as u8;
                    if entry.ignore_case && round == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                }));
            }
        }
        assert!(text.len() >= PAIR_FILTER_FROM);
        let (mut with, mut without) = (Hits::default(), Hits::default());
        prefilter.find_using(Some(pairs), &text, Units::Bytes(&text), &mut with);
        prefilter.find_using(None, &text, Units::Bytes(&text), &mut without);
        assert!(without.pos.len() >= 3 * m.prefilter.entries.len());
        assert_eq!(with.pos, without.pos);
        assert_eq!(with.entry, without.entry);
    }

    #[test]
    fn wide_code_units_never_match() {
        let m = manifest::load(manifest::EMBEDDED).unwrap();
        let prefilter = Prefilter::from_snapshot(&m.prefilter);
        // "ghp_" with its 'p' as U+0170 (low byte 'p'): the gram is hashed, the compare fails
        let wide: Vec<u16> = "x ghp_y"
            .encode_utf16()
            .map(|c| if c == 'p' as u16 { 0x170 } else { c })
            .collect();
        let text: Vec<u8> = wide
            .iter()
            .map(|&c| if c > 255 { 0xff } else { c as u8 })
            .collect();
        let mut hits = Hits::default();
        prefilter.find_in_string(&text, Some(&wide), &mut hits);
        assert!(hits.pos.is_empty());
    }
}
