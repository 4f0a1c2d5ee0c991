//! Decoding (../src/engine/decode): the decoders (decoders.ts), the spans of a source worth
//! decoding (decode-spans.ts), and the decoders a prefilter entry asks for (encoded-keywords.ts).

use crate::types::{Candidate, Encoding, Hits, Source, SourceKind, Tried};

/// `KeywordEntry.decoders` flags (encoded-keywords.ts): the entry is the base64, percent-encoded
/// or JSON-escaped (`\/`) form of a keyword, so a hit asks for that decoder around it. For
/// base64, `quanta` has bit q set when the form's first character sits at q (0-3) within its
/// 4-character group.
const BASE64: u32 = 1;
const PERCENT: u32 = 2;
const JSON_ESCAPE: u32 = 4;

/// How far past a keyword an escape (`%2F`, `\/`) makes the span worth decoding, at least.
const NEAR: usize = 64;
/// How far past a match cut short by an escape the token may go on.
const CUT_REACH: usize = 8192;
/// Longest base64 run one trigger decodes: linear either way, this only bounds one allocation.
const MAX_RUN: usize = 4 << 20;
/// Percent- and JSON-escaped spans are URLs and strings: bounded on each side of the trigger.
const MAX_TEXT_SIDE: usize = 4 << 10;
const MIN_BASE64: usize = 16;

/// A decoded span (`Decoded` in decoders.ts): its text, and where each decoded offset came from
/// in the encoded input, so a secret found inside is reported at the encoded characters.
pub struct Decoded {
    pub encoding: Encoding,
    /// One byte per character; for JSON-decoded text with a code unit above 255, 0xFF in its place.
    text: Vec<u8>,
    /// Every code unit, when one is above 255 (`\uXXXX`).
    wide: Option<Vec<u16>>,
    /// One byte per character (base64, percent): non-ASCII secrets are re-read as UTF-8.
    bytes: bool,
    map: OffsetMap,
}

enum OffsetMap {
    /// Decoded byte i of a base64 run aligned at `start` sits in characters [8i/6, 8i/6 rounded up).
    Base64 { start: usize, end: usize },
    /// Encoded offset of each decoded offset, and one past the last.
    Table(Vec<usize>),
}

impl Decoded {
    /// The decoded text as a source to scan (`stringSource(text, prefilter, bytes)`).
    pub fn source(&self) -> Source<'_> {
        let kind = if self.bytes {
            SourceKind::DecodedBytes
        } else {
            SourceKind::DecodedText {
                wide: self.wide.as_deref(),
            }
        };
        Source {
            text: &self.text,
            kind,
        }
    }

    /// Encoded offset where decoded offset i starts.
    pub fn start(&self, i: usize) -> usize {
        match &self.map {
            OffsetMap::Base64 { start, .. } => start + 8 * i / 6,
            OffsetMap::Table(map) => map[i],
        }
    }

    /// Encoded offset just after the encoding of decoded [.., i).
    pub fn end(&self, i: usize) -> usize {
        match &self.map {
            OffsetMap::Base64 { start, end } => (*end).min(start + (8 * i).div_ceil(6)),
            OffsetMap::Table(map) => map[i],
        }
    }
}

/// A 256-entry table of the bytes for which `$test` holds, built at compile time.
macro_rules! byte_table {
    (|$c:ident| $test:expr) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $c = i as u8;
            t[i] = $test;
            i += 1;
        }
        t
    }};
}

/// Both base64 alphabets (padding is handled apart).
const BASE64_CHARS: [bool; 256] =
    byte_table!(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'-' || c == b'_');
/// What a URL or query string holds unencoded: no space, double quote, angle bracket, backslash or backtick.
const URL_CHARS: [bool; 256] = byte_table!(|c| c > 32
    && c < 127
    && c != b'"'
    && c != b'<'
    && c != b'>'
    && c != b'\\'
    && c != b'`');

fn hex_value(c: u32) -> Option<u16> {
    char::from_u32(c)
        .and_then(|c| c.to_digit(16))
        .map(|d| d as u16)
}

/// `decodeBase64`: the base64 run around `p` (a hit of an encoded keyword whose first character
/// sits at `quantum` within its 4-character group), aligned to that group, decoded. `floor`:
/// where the previous decoded span of this kind ended (spans never overlap: linear cost).
fn decode_base64(
    source: &Source,
    p: usize,
    quantum: usize,
    floor: usize,
) -> Option<(Decoded, usize)> {
    let text = source.text;
    let (run_start, run_end) = source.run(p, floor, MAX_RUN, MAX_RUN, &BASE64_CHARS);
    let mut e = run_end;
    while e < text.len() && e - run_end < 2 && text[e] == b'=' {
        e += 1;
    }
    let s = run_start + (p as i64 - quantum as i64 - run_start as i64).rem_euclid(4) as usize;
    if e < s + MIN_BASE64 {
        return None;
    }
    let decoded = Decoded {
        encoding: Encoding::Base64,
        text: node_base64(&text[s..e]),
        wide: None,
        bytes: true,
        map: OffsetMap::Base64 { start: s, end: e },
    };
    Some((decoded, e))
}

/// `decodePercent`: the URL-ish run around `p`, percent-decoded; None when it holds no valid escape.
fn decode_percent(source: &Source, p: usize, floor: usize) -> Option<(Decoded, usize)> {
    let (start, end) = source.run(p, floor, MAX_TEXT_SIDE, MAX_TEXT_SIDE, &URL_CHARS);
    let encoded = &source.text[start..end];
    let mut out = Vec::with_capacity(encoded.len());
    let mut map = Vec::with_capacity(encoded.len() + 1);
    let mut escapes = 0;
    let mut i = 0;
    while i < encoded.len() {
        map.push(start + i);
        if encoded[i] == b'%' && i + 2 < encoded.len() {
            if let (Some(hi), Some(lo)) = (
                hex_value(encoded[i + 1].into()),
                hex_value(encoded[i + 2].into()),
            ) {
                out.push((hi * 16 + lo) as u8);
                escapes += 1;
                i += 3;
                continue;
            }
        }
        out.push(encoded[i]);
        i += 1;
    }
    if escapes == 0 {
        return None;
    }
    map.push(end);
    Some((
        Decoded {
            encoding: Encoding::Percent,
            text: out,
            wide: None,
            bytes: true,
            map: OffsetMap::Table(map),
        },
        end,
    ))
}

/// `JSON_SIMPLE`: the one-character escapes.
fn json_simple(c: u16) -> Option<u16> {
    Some(match c {
        0x22 => 0x22,
        0x5C => 0x5C,
        0x2F => 0x2F,
        0x62 => 0x08,
        0x66 => 0x0C,
        0x6E => 0x0A,
        0x72 => 0x0D,
        0x74 => 0x09,
        _ => return None,
    })
}

/// `decodeJsonEscapes`: the JSON string content around `p` (to the unescaped quotes or line
/// ends), unescaped. `\uXXXX` may give a code unit above 255 (then `wide` holds them all).
fn decode_json_escapes(source: &Source, p: usize, floor: usize) -> Option<(Decoded, usize)> {
    let n = source.text.len();
    let mut s = p;
    while s > floor && p - s < MAX_TEXT_SIDE {
        let c = source.at(s - 1);
        if c == 10 || (c == 34 && !(s >= 2 && source.at(s - 2) == 92)) {
            break;
        }
        s -= 1;
    }
    let mut e = p;
    while e < n && e - p < MAX_TEXT_SIDE {
        let c = source.at(e);
        if c == 10 || c == 34 {
            break;
        }
        e += if c == 92 { 2 } else { 1 };
    }
    let e = e.min(n);
    // code units: a wide source's units above 255 are copied as they are
    let encoded: Vec<u16> = (s..e).map(|i| source.at(i) as u16).collect();
    let mut out: Vec<u16> = Vec::with_capacity(encoded.len());
    let mut map = Vec::with_capacity(encoded.len() + 1);
    let mut escapes = 0;
    let mut i = 0;
    while i < encoded.len() {
        map.push(s + i);
        let c = encoded[i];
        if c == 92 && i + 1 < encoded.len() {
            let next = encoded[i + 1];
            if let Some(simple) = json_simple(next) {
                out.push(simple);
                escapes += 1;
                i += 2;
                continue;
            }
            if next == 117 && i + 5 < encoded.len() {
                let code = encoded[i + 2..i + 6]
                    .iter()
                    .try_fold(0u16, |code, &h| hex_value(h.into()).map(|v| code * 16 + v));
                if let Some(code) = code {
                    out.push(code);
                    escapes += 1;
                    i += 6;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    if escapes == 0 {
        return None;
    }
    map.push(e);
    let text = out
        .iter()
        .map(|&u| u8::try_from(u).unwrap_or(0xFF))
        .collect();
    let wide = out.iter().any(|&u| u > 255).then_some(out);
    Some((
        Decoded {
            encoding: Encoding::Json,
            text,
            wide,
            bytes: false,
            map: OffsetMap::Table(map),
        },
        e,
    ))
}

/// `has`: whether a character `code` for which `valid` holds lies in [from, to).
fn has(text: &[u8], code: u8, valid: impl Fn(usize) -> bool, from: usize, to: usize) -> bool {
    let end = to.min(text.len());
    from < end && memchr::memchr_iter(code, &text[from..end]).any(|i| valid(from + i))
}

/// `decodeSpans`: decodes the spans the prefilter and the matches point at, each once, in input
/// order:
/// - base64 runs holding the base64 form of a keyword;
/// - URL-ish runs holding a percent-encoded keyword, or a keyword whose pattern was tried with
///   a `%XX` escape within its reach, or a match cut short by one (a token whose `/` is `%2F`);
/// - JSON strings the same way, with `\/` or `\u` escapes.
///
/// Only keywords that passed their rule's cheap checks are looked at for escapes, so the text
/// between them is never searched. Spans of one kind never overlap, and a base64 run is decoded
/// at most once per 4-character alignment, so the work is linear in the input.
/// `entry_decoders(entry)` is the prefilter entry's `(decoders, quanta)`.
pub fn decode_spans(
    source: &Source,
    hits: &Hits,
    entry_decoders: &dyn Fn(u32) -> (u32, u32),
    tried: &Tried,
    candidates: &[Candidate],
    visit: &mut dyn FnMut(Decoded),
) {
    let text = source.text;
    let n = text.len();
    let is_hex = |i: usize| hex_value(source.at(i)).is_some();
    let percent_valid = |i: usize| i + 2 < n && is_hex(i + 1) && is_hex(i + 2);
    let json_valid = |i: usize| i + 1 < n && matches!(source.at(i + 1), 47 | 117);

    let mut spans = Spans {
        source,
        visit,
        base64_run: (0, 0, 0),
        percent_done: 0,
        json_done: 0,
    };
    // a plain keyword (or cut match) at `p` whose rules read [p - before, p + after)
    let escaped = |spans: &mut Spans, p: usize, before: usize, after: usize| {
        let from = p.saturating_sub(before.max(3));
        let to = p + after.max(NEAR);
        if p >= spans.percent_done && has(text, b'%', percent_valid, from, to) {
            spans.percent(p);
        }
        if p >= spans.json_done && has(text, b'\\', json_valid, from, to) {
            spans.json(p);
        }
    };

    // matches that end right at an escape: the token goes on, encoded (its `/` written `\/` or `%2F`)
    let mut cut: Vec<usize> = candidates
        .iter()
        .filter(|c| c.end < n && matches!(source.at(c.end), 92 | 37))
        .map(|c| c.start)
        .collect();
    cut.sort_unstable();

    // three sorted streams, handled in input order: encoded forms, tried keywords, cut matches
    let (mut h, mut t, mut k) = (0, 0, 0);
    loop {
        let hp = hits.pos.get(h).copied().unwrap_or(usize::MAX);
        let tp = tried.pos.get(t).copied().unwrap_or(usize::MAX);
        let cp = cut.get(k).copied().unwrap_or(usize::MAX);
        if hp == usize::MAX && tp == usize::MAX && cp == usize::MAX {
            break;
        }
        if hp <= tp && hp <= cp {
            let (decoders, quanta) = entry_decoders(hits.entry[h]);
            h += 1;
            if decoders & BASE64 != 0 {
                for q in (0..4).filter(|q| quanta & (1 << q) != 0) {
                    spans.base64(hp, q);
                }
            }
            if decoders & PERCENT != 0 {
                spans.percent(hp);
            }
            if decoders & JSON_ESCAPE != 0 {
                spans.json(hp);
            }
        } else if tp <= cp {
            escaped(&mut spans, tp, tried.before[t], tried.after[t]);
            t += 1;
        } else {
            escaped(&mut spans, cp, 0, CUT_REACH);
            k += 1;
        }
    }
}

/// `decodePercent` or `decodeJsonEscapes`: (source, trigger, floor) → the span and its end.
type Decoder = fn(&Source, usize, usize) -> Option<(Decoded, usize)>;

/// What `decodeSpans` remembers: where the last span of each kind ended.
struct Spans<'s, 'v> {
    source: &'s Source<'s>,
    visit: &'v mut dyn FnMut(Decoded),
    /// (start, end, alignments decoded) of the last base64 run.
    base64_run: (usize, usize, u32),
    percent_done: usize,
    json_done: usize,
}

impl Spans<'_, '_> {
    fn percent(&mut self, p: usize) {
        Self::text_span(
            self.source,
            &mut *self.visit,
            &mut self.percent_done,
            p,
            decode_percent,
        );
    }

    fn json(&mut self, p: usize) {
        Self::text_span(
            self.source,
            &mut *self.visit,
            &mut self.json_done,
            p,
            decode_json_escapes,
        );
    }

    /// A percent or JSON span at `p` unless the last one of its kind (ending at `done`) holds
    /// `p`; a trigger that decodes nothing only moves `done` past itself.
    fn text_span(
        source: &Source,
        visit: &mut dyn FnMut(Decoded),
        done: &mut usize,
        p: usize,
        decode: Decoder,
    ) {
        if p < *done {
            return;
        }
        match decode(source, p, *done) {
            Some((decoded, end)) => {
                *done = end;
                visit(decoded);
            }
            None => *done = p + 1,
        }
    }

    fn base64(&mut self, p: usize, quantum: usize) {
        let grid = 1 << ((p + 4 - quantum) % 4);
        let (start, end, grids) = self.base64_run;
        if p < end {
            if grids & grid != 0 {
                return;
            }
            self.base64_run.2 |= grid;
            // the same run on another alignment: an earlier trigger in it was a false one
            if let Some((decoded, _)) = decode_base64(self.source, p, quantum, start) {
                (self.visit)(decoded);
            }
            return;
        }
        if let Some((decoded, e)) = decode_base64(self.source, p, quantum, end) {
            self.base64_run = (decoded.start(0), e, grid);
            (self.visit)(decoded);
        }
    }
}

/// `Buffer.from(text, 'base64')` (and `'base64url'`, the same decoder) as Node 20 does it:
/// both alphabets, characters outside them skipped, decoding stops at the first `=`, a last
/// lone character is dropped and its trailing bits ignored (src/base64-inl.h).
pub(crate) fn node_base64(src: &[u8]) -> Vec<u8> {
    let capacity = decoded_size(src);
    let mut out = Vec::with_capacity(capacity);
    let mut quantum = [0u8; 4];
    let mut have = 0;
    for &c in src {
        let v = UNBASE64[c as usize];
        if v >= 64 {
            if c == b'=' {
                break;
            }
            continue;
        }
        quantum[have] = v;
        have += 1;
        // a byte is written as soon as its second sextet is read
        if out.len() < capacity {
            match have {
                2 => out.push((quantum[0] << 2) | (quantum[1] >> 4)),
                3 => out.push((quantum[1] << 4) | (quantum[2] >> 2)),
                4 => out.push((quantum[2] << 6) | quantum[3]),
                _ => {}
            }
        }
        if have == 4 {
            have = 0;
        }
    }
    out
}

/// `base64_decoded_size`: what Node allocates (the result never outgrows it).
fn decoded_size(src: &[u8]) -> usize {
    if src.len() < 2 {
        return 0;
    }
    let mut size = src.len();
    if src[size - 1] == b'=' {
        size -= 1;
        if src[size - 1] == b'=' {
            size -= 1;
        }
    }
    let remainder = size % 4;
    let whole = size / 4 * 3;
    match remainder {
        0 => whole,
        1 if whole == 0 => 0,
        r => whole + 1 + usize::from(r == 3),
    }
}

/// Node's `unbase64_table`: both alphabets; 255 for everything else (`=` included).
const UNBASE64: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    t[b'+' as usize] = 62;
    t[b'-' as usize] = 62;
    t[b'/' as usize] = 63;
    t[b'_' as usize] = 63;
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit_vectors::{D, DECODERS, SPANS};

    /// A JavaScript string as the engine holds it: latin1 bytes, and every unit when one is wide.
    fn holder(units: &[u16]) -> (Vec<u8>, Option<Vec<u16>>) {
        let text = units
            .iter()
            .map(|&u| u8::try_from(u).unwrap_or(0xFF))
            .collect();
        (text, units.iter().any(|&u| u > 255).then(|| units.to_vec()))
    }

    fn check(got: Option<(Decoded, usize)>, want: &Option<D>, check_end: bool, label: &str) {
        match (got, want) {
            (None, None) => {}
            (Some((d, end)), Some(w)) => {
                assert_eq!(d.encoding.name(), w.name, "{label}");
                let units: Vec<u16> = d
                    .wide
                    .clone()
                    .unwrap_or_else(|| d.text.iter().map(|&b| b.into()).collect());
                assert_eq!(units, w.text, "{label}");
                assert_eq!(d.wide.is_some(), w.text.iter().any(|&u| u > 255), "{label}");
                let starts: Vec<usize> = (0..=units.len()).map(|i| d.start(i)).collect();
                let ends: Vec<usize> = (0..=units.len()).map(|i| d.end(i)).collect();
                assert_eq!(starts, w.starts, "{label}");
                assert_eq!(ends, w.ends, "{label}");
                if check_end {
                    assert_eq!(end, w.end, "{label}");
                }
            }
            (got, _) => panic!(
                "{label}: decoded {} where TypeScript {}",
                got.is_some(),
                want.is_some()
            ),
        }
    }

    #[test]
    fn decoders_as_in_decoders_ts() {
        for (kind, input, bytes, p, quantum, floor, want) in DECODERS {
            let (text, wide) = holder(input);
            let kind_of = if *bytes {
                SourceKind::DecodedBytes
            } else {
                SourceKind::DecodedText {
                    wide: wide.as_deref(),
                }
            };
            let source = Source {
                text: &text,
                kind: kind_of,
            };
            let got = match *kind {
                "base64" => decode_base64(&source, *p, *quantum, *floor),
                "percent" => decode_percent(&source, *p, *floor),
                _ => decode_json_escapes(&source, *p, *floor),
            };
            check(
                got,
                want,
                true,
                &format!("{kind} {}", String::from_utf16_lossy(input)),
            );
        }
    }

    #[test]
    fn spans_as_in_decode_spans_ts() {
        let manifest = crate::manifest::load(crate::manifest::EMBEDDED).unwrap();
        let entries = &manifest.prefilter.entries;
        for case in SPANS {
            let units: Vec<u16> = case.text.encode_utf16().collect();
            let (text, wide) = holder(&units);
            let source = Source {
                text: &text,
                kind: SourceKind::DecodedText {
                    wide: wide.as_deref(),
                },
            };
            let hits = Hits {
                pos: case.hits.iter().map(|h| h.0).collect(),
                entry: case.hits.iter().map(|h| h.1).collect(),
            };
            let tried = Tried {
                pos: case.tried.iter().map(|t| t.0).collect(),
                before: case.tried.iter().map(|t| t.1).collect(),
                after: case.tried.iter().map(|t| t.2).collect(),
            };
            let candidates: Vec<Candidate> = case
                .candidates
                .iter()
                .map(|&(start, end)| Candidate {
                    rule: 0,
                    start,
                    end,
                    secret: String::new(),
                    matched: String::new(),
                    groups: Vec::new(),
                    prefix_length: 0,
                    encoding: Vec::new(),
                })
                .collect();
            let mut visited = Vec::new();
            let entry_decoders =
                |e: u32| (entries[e as usize].decoders, entries[e as usize].quanta);
            decode_spans(
                &source,
                &hits,
                &entry_decoders,
                &tried,
                &candidates,
                &mut |d| visited.push(d),
            );
            assert_eq!(visited.len(), case.visited.len(), "{}", case.text);
            for (d, want) in visited.into_iter().zip(case.visited) {
                check(Some((d, 0)), want, false, case.text);
            }
        }
    }
}
