//! What the engine reads (source.ts): a file's bytes (`bufferSource`, one code unit per byte,
//! as the TypeScript engine decodes a Buffer as latin1) or decoded text (`stringSource`).
//! `cover`, the piece of a Buffer decoded to a string, lives in the matcher, its only user.

use std::borrow::Cow;

use crate::prefilter;
use crate::types::{Source, SourceKind};

impl<'a> Source<'a> {
    /// A file's bytes (`bufferSource`).
    pub fn file(bytes: &'a [u8]) -> Source<'a> {
        Source {
            text: bytes,
            kind: SourceKind::File,
        }
    }

    /// Code units in the input (`length`).
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Every code unit, when decoded text holds one above 255.
    pub fn wide(&self) -> Option<&'a [u16]> {
        match self.kind {
            SourceKind::DecodedText { wide } => wide,
            _ => None,
        }
    }

    /// The code unit at `i` (`at`).
    #[inline]
    pub fn at(&self, i: usize) -> u32 {
        match self.wide() {
            Some(wide) => u32::from(wide[i]),
            None => u32::from(self.text[i]),
        }
    }

    /// [start, end) as the JavaScript string holds it (`slice`), in UTF-8: latin1 characters,
    /// or the UTF-16 code units of decoded text (a lone surrogate becomes U+FFFD, as
    /// `Buffer.from(string, 'utf8')` writes it).
    pub fn string(&self, start: usize, end: usize) -> String {
        match self.wide() {
            Some(wide) => String::from_utf16_lossy(&wide[start..end]),
            None => latin1(&self.text[start..end]).into_owned(),
        }
    }

    /// The secret at [start, end) (`secret`): a file's bytes and decoded base64 or percent
    /// bytes are re-read as UTF-8 when one is not ASCII, so hashes match the file's text
    /// (U+FFFD for bytes that are no UTF-8, as Node decodes them).
    pub fn secret(&self, start: usize, end: usize) -> String {
        let bytes = &self.text[start..end];
        match self.kind {
            SourceKind::File | SourceKind::DecodedBytes if !bytes.is_ascii() => {
                String::from_utf8_lossy(bytes).into_owned()
            }
            _ => self.string(start, end),
        }
    }

    /// Offset of the first code unit `code` at or after `from` (`indexOf`).
    pub fn index_of(&self, code: u32, from: usize) -> Option<usize> {
        self.index_of_in(code, from, self.len())
    }

    /// Offset of the first code unit `code` in [from, to) (`indexOfIn`).
    pub fn index_of_in(&self, code: u32, from: usize, to: usize) -> Option<usize> {
        let to = to.min(self.len());
        if from >= to {
            return None;
        }
        match (self.wide(), u8::try_from(code)) {
            // 0xFF stands in `text` for every code unit above 255
            (Some(wide), _) if code >= 0xff => wide[from..to]
                .iter()
                .position(|&c| u32::from(c) == code)
                .map(|i| from + i),
            (_, Ok(byte)) => memchr::memchr(byte, &self.text[from..to]).map(|i| from + i),
            _ => None,
        }
    }

    /// The run around `at` of code units with `table` set (those above 255 never are):
    /// [start, end), at most `left` before `at` (never before `floor`) and `right` after it.
    pub fn run(
        &self,
        at: usize,
        floor: usize,
        left: usize,
        right: usize,
        table: &[bool; 256],
    ) -> (usize, usize) {
        let inside = |i: usize| {
            let c = self.at(i);
            c < 256 && table[c as usize]
        };
        let mut start = at;
        let low = floor.max(at.saturating_sub(left));
        while start > low && inside(start - 1) {
            start -= 1;
        }
        let mut end = at;
        let high = self.len().min(at + right);
        while end < high && inside(end) {
            end += 1;
        }
        (start, end)
    }

    /// Newlines in [from, to) (`countNewlines`).
    pub fn count_newlines(&self, from: usize, to: usize) -> usize {
        prefilter::count_newlines(self.text, from, to)
    }

    /// Offset of the last newline before `offset` (`lastNewlineBefore`; None for -1).
    pub fn last_newline_before(&self, offset: usize) -> Option<usize> {
        memchr::memrchr(b'\n', &self.text[..offset.min(self.len())])
    }
}

/// Latin1 bytes as a string (each byte one character); borrowed when ASCII.
pub fn latin1(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(ascii) if bytes.is_ascii() => Cow::Borrowed(ascii),
        _ => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_reread_as_utf8() {
        let file = Source::file("pässword\u{fffd}".as_bytes());
        assert_eq!(file.secret(0, file.len()), "pässword\u{fffd}");
        let bad = Source::file(b"ab\xffc");
        assert_eq!(bad.secret(0, 4), "ab\u{fffd}c");
        assert_eq!(bad.string(0, 4), "ab\u{ff}c");
        let wide = [0x61u16, 0x141, 0xd800];
        let text = Source {
            text: b"a\xff\xff",
            kind: SourceKind::DecodedText { wide: Some(&wide) },
        };
        assert_eq!(text.secret(0, 3), "a\u{141}\u{fffd}");
        assert_eq!(text.index_of(0xff, 0), None);
        assert_eq!(text.index_of(0x141, 0), Some(1));
    }

    #[test]
    fn lines_and_runs() {
        let s = Source::file(b"ab\ncd\nef");
        assert_eq!(s.count_newlines(0, 8), 2);
        assert_eq!(s.last_newline_before(5), Some(2));
        assert_eq!(s.last_newline_before(2), None);
        let mut table = [false; 256];
        table[b'c' as usize] = true;
        table[b'd' as usize] = true;
        assert_eq!(s.run(4, 0, 10, 10, &table), (3, 5));
        assert_eq!(s.run(4, 4, 10, 10, &table), (4, 5));
    }
}
