//! A rule's patterns as PCRE2 regexes (compile.ts): the JavaScript source translated where the
//! two dialects differ over latin1 text, each variant compiled (with the JIT) on first use,
//! because most rules never run in a given scan.
//!
//! PCRE2 over `&[u8]` without UTF is a backtracking engine like V8's: lookbehind, lazy
//! quantifiers, named groups and backreferences match the same text in the same order. What
//! differs is what some escapes and `.` and `$` mean, which `translate` rewrites.

use std::sync::{Mutex, OnceLock};

use pcre2::bytes::{CaptureLocations, Regex, RegexBuilder};

use crate::manifest::RuleSpec;

/// A JavaScript construct without a PCRE2 equivalent here (the manifest's patterns have none).
#[derive(Debug, PartialEq, Eq)]
pub struct Untranslatable(pub String);

/// The code units JavaScript's `\s` adds to PCRE2's (`[\t\n\v\f\r ]`) that latin1 can hold: NBSP.
const JS_SPACE_EXTRA: &str = r"\xa0";

/// Translates a JavaScript regex source (no flags, no `u`) to a PCRE2 pattern that matches the
/// same latin1 text the same way:
/// - `\s` also matches U+00A0 (its other non-ASCII spaces are above 255);
/// - `.` matches neither `\n` nor `\r` (PCRE2's only excludes `\n`);
/// - `$` is the end of the input only (PCRE2's also matches before a final newline);
/// - a backreference to a group that took no part matches empty (PCRE2's fails);
/// - `\uXXXX` is `\x{XXXX}`, and a code unit above 255 matches nothing in a class or outside;
/// - a class is written with every member escaped, so `[` inside one is never POSIX `[:…:]`,
///   and `[]` / `[^]` (nothing / anything in JavaScript) mean the same.
pub fn translate(js: &str) -> Result<String, Untranslatable> {
    let src: Vec<char> = js.chars().collect();
    let mut out = String::with_capacity(js.len() + 16);
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        match c {
            '\\' => {
                let (atom, next) = escape(&src, i, false)?;
                match atom {
                    Atom::Unit(u) if u > 0xff => out.push_str("(?!)"),
                    Atom::Unit(u) => out.push_str(&hex(u)),
                    Atom::Class('s') => out.push_str(&format!(r"[\s{JS_SPACE_EXTRA}]")),
                    Atom::Class('S') => out.push_str(&format!(r"[^\s{JS_SPACE_EXTRA}]")),
                    Atom::Class(k) => {
                        out.push('\\');
                        out.push(k);
                    }
                    Atom::Verbatim(text) => out.push_str(&text),
                }
                i = next;
            }
            '[' => {
                let (class, next) = class(&src, i)?;
                out.push_str(&class);
                i = next;
            }
            '.' => {
                out.push_str(r"[^\n\r]");
                i += 1;
            }
            '$' => {
                out.push_str(r"\z");
                i += 1;
            }
            '{' if src.get(i + 1) == Some(&',') => {
                // a literal in JavaScript, `{0,n}` in PCRE2 ≥ 10.43
                out.push_str(r"\{");
                i += 1;
            }
            c if !c.is_ascii() => {
                let u = u32::from(c);
                out.push_str(&if u > 0xff { "(?!)".to_owned() } else { hex(u) });
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

enum Atom {
    /// One code unit.
    Unit(u32),
    /// `\d \D \w \W \s \S` (and `\b \B` outside classes).
    Class(char),
    /// Passed on as written (backreferences, anchors).
    Verbatim(String),
}

fn hex(u: u32) -> String {
    format!(r"\x{{{u:x}}}")
}

/// The escape at `src[i] == '\\'` and the index after it.
fn escape(src: &[char], i: usize, in_class: bool) -> Result<(Atom, usize), Untranslatable> {
    let Some(&c) = src.get(i + 1) else {
        return Err(Untranslatable("a trailing backslash".into()));
    };
    let hex_at = |from: usize, len: usize| -> Option<u32> {
        let digits: String = src.get(from..from + len)?.iter().collect();
        if digits.chars().all(|d| d.is_ascii_hexdigit()) {
            u32::from_str_radix(&digits, 16).ok()
        } else {
            None
        }
    };
    Ok(match c {
        'd' | 'D' | 'w' | 'W' | 's' | 'S' => (Atom::Class(c), i + 2),
        'b' if in_class => (Atom::Unit(8), i + 2),
        'b' | 'B' => (Atom::Class(c), i + 2),
        'n' => (Atom::Unit(10), i + 2),
        'r' => (Atom::Unit(13), i + 2),
        't' => (Atom::Unit(9), i + 2),
        'v' => (Atom::Unit(11), i + 2),
        'f' => (Atom::Unit(12), i + 2),
        '0' if !src.get(i + 2).is_some_and(char::is_ascii_digit) => (Atom::Unit(0), i + 2),
        'x' => match hex_at(i + 2, 2) {
            Some(u) => (Atom::Unit(u), i + 4),
            None => (Atom::Unit(u32::from('x')), i + 2),
        },
        'u' => match hex_at(i + 2, 4) {
            Some(u) => (Atom::Unit(u), i + 6),
            None => (Atom::Unit(u32::from('u')), i + 2),
        },
        '1'..='9' if !in_class => {
            let mut j = i + 1;
            while src.get(j).is_some_and(char::is_ascii_digit) {
                j += 1;
            }
            let digits: String = src[i + 1..j].iter().collect();
            // a group that took no part matches empty in JavaScript, fails in PCRE2
            (
                Atom::Verbatim(format!(r"(?:(?({digits})\g{{{digits}}}))")),
                j,
            )
        }
        'k' if !in_class && src.get(i + 2) == Some(&'<') => {
            let end = src[i..]
                .iter()
                .position(|&c| c == '>')
                .map(|p| i + p)
                .ok_or_else(|| Untranslatable("an unclosed \\k<".into()))?;
            let name: String = src[i + 3..end].iter().collect();
            (
                Atom::Verbatim(format!(r"(?:(?(<{name}>)\k<{name}>))")),
                end + 1,
            )
        }
        'c' | 'p' | 'P' | '0'..='9' | 'k' => {
            return Err(Untranslatable(format!("the escape \\{c}")));
        }
        c => (Atom::Unit(u32::from(c)), i + 2),
    })
}

/// The class at `src[i] == '['`, written for PCRE2, and the index after it.
fn class(src: &[char], i: usize) -> Result<(String, usize), Untranslatable> {
    let mut j = i + 1;
    let negated = src.get(j) == Some(&'^');
    if negated {
        j += 1;
    }
    // members: ranges of code units, and class escapes
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let mut classes = String::new();
    let unit = |j: usize| -> Result<(Option<u32>, Option<char>, usize), Untranslatable> {
        match src.get(j) {
            None => Err(Untranslatable("an unclosed class".into())),
            Some('\\') => match escape(src, j, true)? {
                (Atom::Unit(u), next) => Ok((Some(u), None, next)),
                (Atom::Class(k), next) => Ok((None, Some(k), next)),
                (Atom::Verbatim(_), _) => Err(Untranslatable("a reference in a class".into())),
            },
            Some(&c) => Ok((Some(u32::from(c)), None, j + 1)),
        }
    };
    loop {
        match src.get(j) {
            None => return Err(Untranslatable("an unclosed class".into())),
            Some(']') => {
                j += 1;
                break;
            }
            _ => {}
        }
        let (lo, k, next) = unit(j)?;
        j = next;
        if let Some(k) = k {
            if k == 'S' {
                // PCRE2's \S holds U+00A0, JavaScript's does not: not expressible in one class
                return Err(Untranslatable("\\S in a class".into()));
            }
            classes.push('\\');
            classes.push(k);
            if k == 's' {
                classes.push_str(JS_SPACE_EXTRA);
            }
            continue;
        }
        let lo = lo.expect("a unit or a class");
        if src.get(j) == Some(&'-') && src.get(j + 1).is_some_and(|&c| c != ']') {
            let (hi, k, next) = unit(j + 1)?;
            match (hi, k) {
                (Some(hi), None) => {
                    if hi < lo {
                        return Err(Untranslatable("a range out of order".into()));
                    }
                    ranges.push((lo, hi));
                    j = next;
                }
                // `[a-\d]`: a literal '-' in JavaScript
                _ => ranges.push((lo, lo)),
            }
        } else {
            ranges.push((lo, lo));
        }
    }
    let mut body = classes;
    for (lo, hi) in ranges {
        if lo > 0xff {
            continue; // latin1 text never holds it
        }
        body.push_str(&hex(lo));
        if hi > lo {
            body.push('-');
            body.push_str(&hex(hi.min(0xff)));
        }
    }
    let written = match (body.is_empty(), negated) {
        (true, false) => "(?!)".to_owned(),
        (true, true) => r"[\x{0}-\x{ff}]".to_owned(),
        (false, false) => format!("[{body}]"),
        (false, true) => format!("[^{body}]"),
    };
    Ok((written, j))
}

/// The body of private-key's long repeat: one way to read each character (its class holds no
/// `-` and no `\\`), so the text fixes the loop's iterations.
const KEY_BODY: &str = r#"(?:[A-Za-z0-9+/=\s:,."'`]|-(?!-)|\\[nr"'\\])"#;
const KEY_REPEAT: &str = "{40,16000}";
const KEY_MAX: usize = 16000;
/// The group that holds the rewritten loop (named so the rule's numbered groups keep their numbers).
const LOOP_GROUP: &str = "keyguardLoop";

/// PCRE2 copies a group once per repeat, so private-key's `(?:…){40,16000}` is too large to
/// compile. Its body reads each character one way and cannot match where `-----END` starts, so
/// backtracking into the loop never helps: JavaScript matches when the loop runs k ≤ 16000
/// times up to `-----END`, and never when k > 16000. So PCRE2 runs `{40,}` atomically in a
/// named group, and `Lazy` rejects a match whose loop ran more than 16000 times.
fn rewrite(source: &str) -> (String, Option<usize>) {
    let from = format!("{KEY_BODY}{KEY_REPEAT}");
    if !source.contains(&from) {
        return (source.to_owned(), None);
    }
    let to = format!("(?<{LOOP_GROUP}>(?>{KEY_BODY}{{40,}}))");
    (source.replace(&from, &to), Some(KEY_MAX))
}

/// Iterations of `KEY_BODY` in `text` (a `\\` and the character after it are one).
fn key_body_iterations(text: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        i += if text[i] == b'\\' { 2 } else { 1 };
        count += 1;
    }
    count
}

/// PCRE2_ERROR_JIT_STACKLIMIT: the match needed more JIT stack than it had.
const JIT_STACK_LIMIT: i32 = -46;

/// A translated pattern, JIT-compiled. It matches on PCRE2's default JIT stack (32 KB of the
/// thread's own stack); a match that needs more (the long bounded repeats of key blocks, which
/// JavaScript's backtracking runs without a limit) runs again on a twin with an 8 MB JIT stack,
/// built the first time one does. Every match data used to map its own 8 MB stack: 455
/// mappings and their page faults in a one-thread scan of the large bench corpus, ~230 more
/// per thread, each taking the address space's lock that the other threads' page faults wait on.
struct Pattern {
    pattern: String,
    small: Regex,
    large: OnceLock<Regex>,
    /// Capture locations for each regex (each holds match data, the large one's an 8 MB JIT
    /// stack), taken for a match and returned after it.
    small_locations: Mutex<Vec<CaptureLocations>>,
    large_locations: Mutex<Vec<CaptureLocations>>,
}

impl Pattern {
    fn new(pattern: String) -> Pattern {
        Pattern {
            small: build(&pattern, None),
            large: OnceLock::new(),
            small_locations: Mutex::new(Vec::new()),
            large_locations: Mutex::new(Vec::new()),
            pattern,
        }
    }

    fn large(&self) -> &Regex {
        self.large
            .get_or_init(|| build(&self.pattern, Some(8 << 20)))
    }

    /// Where the first match at or after `at` starts and ends; an error (PCRE2's backtracking
    /// limit) reads as no match.
    fn find_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        let found = match self.small.find_at(text, at) {
            Err(e) if e.code() == JIT_STACK_LIMIT => self.large().find_at(text, at),
            found => found,
        };
        found.ok()?.map(|m| (m.start(), m.end()))
    }

    /// The first match at or after `at`, with its groups.
    fn captures_at(&self, text: &[u8], at: usize) -> Option<Found> {
        match captures_read_at(&self.small, &self.small_locations, text, at) {
            Err(e) if e.code() == JIT_STACK_LIMIT => {
                captures_read_at(self.large(), &self.large_locations, text, at).ok()?
            }
            found => found.ok()?,
        }
    }
}

/// `re`'s first match at or after `at`, with its groups, read into capture locations from
/// `pool` (made when it has none) that go back to it after the match.
fn captures_read_at(
    re: &Regex,
    pool: &Mutex<Vec<CaptureLocations>>,
    text: &[u8],
    at: usize,
) -> Result<Option<Found>, pcre2::Error> {
    let pooled = pool.lock().ok().and_then(|mut pool| pool.pop());
    let mut locations = pooled.unwrap_or_else(|| re.capture_locations());
    let found = re.captures_read_at(&mut locations, text, at).map(|m| {
        m.map(|m| Found {
            start: m.start(),
            end: m.end(),
            spans: (0..locations.len()).map(|i| locations.get(i)).collect(),
        })
    });
    if let Ok(mut pool) = pool.lock() {
        pool.push(locations);
    }
    found
}

/// Builds a translated pattern, JIT-compiled, with a JIT stack of `jit_stack` bytes at most
/// (PCRE2's 32 KB on the thread's stack without).
fn build(pattern: &str, jit_stack: Option<usize>) -> Regex {
    RegexBuilder::new()
        .jit_if_available(true)
        .max_jit_stack_size(jit_stack)
        .build(pattern)
        .unwrap_or_else(|e| panic!("the pattern {pattern:?} does not compile: {e}"))
}

/// `new RegExp(source, 'y')`: a match only where the search starts (`\G`), so the backtracking
/// order is the one of JavaScript's sticky flag (a search and a check of where it started
/// would find a later match first).
fn sticky(source: &str) -> Pattern {
    Pattern::new(format!(r"\G(?:{})", translated(source)))
}

fn global(source: &str) -> Pattern {
    Pattern::new(translated(source))
}

fn translated(source: &str) -> String {
    translate(&rewrite(source).0).unwrap_or_else(|e| panic!("the pattern {source:?}: {}", e.0))
}

/// A match (`RegExpExecArray`): offsets in the subject, with the groups' offsets (`d`).
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// Each group's offsets (group 0 is the match), when it took part.
    spans: Vec<Option<(usize, usize)>>,
}

impl Found {
    /// Group `i`'s offsets, when it took part in the match.
    pub fn group(&self, i: usize) -> Option<(usize, usize)> {
        self.spans.get(i).copied().flatten()
    }

    /// Capturing groups and the whole match (`m.length`).
    pub fn groups(&self) -> usize {
        self.spans.len()
    }
}

/// A regex and its sticky twin, built on first use.
pub struct Lazy {
    source: String,
    /// Most iterations of the rewritten loop (`rewrite`), if the source has it.
    max_loop: Option<usize>,
    sticky: OnceLock<Pattern>,
    global: OnceLock<Pattern>,
}

impl Lazy {
    pub fn new(source: &str) -> Lazy {
        Lazy {
            source: source.to_owned(),
            max_loop: rewrite(source).1,
            sticky: OnceLock::new(),
            global: OnceLock::new(),
        }
    }

    fn sticky(&self) -> &Pattern {
        self.sticky.get_or_init(|| sticky(&self.source))
    }

    /// Names of the pattern's capturing groups by index (index 0, the match, has none).
    pub fn names(&self) -> impl Iterator<Item = (usize, &str)> {
        let names = self.sticky().small.capture_names().iter().enumerate();
        names.filter_map(|(i, name)| name.as_deref().filter(|&n| n != LOOP_GROUP).map(|n| (i, n)))
    }

    /// The match starting at `at` (`re.lastIndex = at; re.exec(text)` with `y`), with groups.
    pub fn sticky_at(&self, text: &[u8], at: usize) -> Option<Found> {
        if at > text.len() {
            return None;
        }
        let re = self.sticky();
        // most tries fail: find first with the regex's pooled match data, and only a match
        // takes capture locations
        re.find_at(text, at)?;
        let found = re.captures_at(text, at)?;
        if let Some(max) = self.max_loop {
            let index = re
                .small
                .capture_names()
                .iter()
                .position(|n| n.as_deref() == Some(LOOP_GROUP));
            let span = index.and_then(|i| found.group(i));
            if span.is_some_and(|(s, e)| key_body_iterations(&text[s..e]) > max) {
                return None;
            }
        }
        Some(found)
    }

    /// Where the sticky match at `at` ends, if there is one (without groups, when it can).
    pub fn sticky_end(&self, text: &[u8], at: usize) -> Option<usize> {
        if at > text.len() {
            return None;
        }
        if self.max_loop.is_some() {
            return self.sticky_at(text, at).map(|m| m.end);
        }
        self.sticky().find_at(text, at).map(|(_, end)| end)
    }

    /// The first match at or after `from` (`re.lastIndex = from; re.exec(text)` with `g`), with
    /// its groups from the sticky twin at its start (the `d` regex of compile.ts).
    pub fn search(&self, text: &[u8], mut from: usize) -> Option<Found> {
        let re = self.global.get_or_init(|| global(&self.source));
        while from <= text.len() {
            let (start, _) = re.find_at(text, from)?;
            match self.sticky_at(text, start) {
                Some(found) => return Some(found),
                // only a loop over its bound: JavaScript goes on at the next start
                None => from = start + 1,
            }
        }
        None
    }
}

/// A rule's regexes (`CompiledRule`'s `sticky`, `global`, `indices` and `value`), built lazily
/// and shared by every thread.
pub struct CompiledRule {
    pub pattern: Lazy,
    pub value: Option<Lazy>,
    /// `leftReject`: the characters before a keyword that the pattern's leading lookbehind rejects.
    pub left_reject: Option<[bool; 256]>,
}

impl CompiledRule {
    pub fn new(rule: &RuleSpec) -> CompiledRule {
        CompiledRule {
            pattern: Lazy::new(&rule.pattern),
            value: rule.assigned.as_deref().map(Lazy::new),
            left_reject: rule.left_reject.as_deref().map(|flags| {
                let mut table = [false; 256];
                for (c, flag) in flags.bytes().enumerate().take(256) {
                    table[c] = flag == b'1';
                }
                table
            }),
        }
    }
}

/// Length of the rule keyword the secret starts with (its public prefix), or 0
/// (`keywordPrefixLength`). `secret` holds one byte per code unit.
pub fn keyword_prefix_length(rule: &RuleSpec, secret: &[u8]) -> usize {
    let mut best = 0;
    for k in &rule.keywords {
        let k = k.as_bytes();
        if k.len() <= best || secret.len() < k.len() {
            continue;
        }
        let head = &secret[..k.len()];
        let same = if rule.ignore_case {
            head.eq_ignore_ascii_case(k)
        } else {
            head == k
        };
        if same {
            best = k.len();
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest;

    #[test]
    fn a_match_that_needs_more_jit_stack_runs_again_on_the_large_one() {
        // groups in a repeated group: each iteration's backtracking state is on the JIT stack
        let source = r"((?:(\w)(\w))*)";
        let text = "ABCDEFGHIJ".repeat(1_000);
        let small = sticky(source)
            .small
            .find_at(text.as_bytes(), 0)
            .map(|m| m.is_some());
        if pcre2::is_jit_available() {
            assert_eq!(
                small.map_err(|e| e.code()),
                Err(JIT_STACK_LIMIT),
                "32 KB were enough"
            );
        }
        let lazy = Lazy::new(source);
        assert_eq!(lazy.sticky_end(text.as_bytes(), 0), Some(10_000));
        let found = lazy
            .sticky_at(text.as_bytes(), 0)
            .expect("a match on the 8 MB stack");
        let groups = [1, 3].map(|i| found.group(i));
        assert_eq!(groups, [Some((0, 10_000)), Some((9_999, 10_000))]);
        assert_eq!(lazy.search(text.as_bytes(), 0).map(|m| m.end), Some(10_000));
        if pcre2::is_jit_available() {
            // the two matches with groups on the 8 MB stack (`sticky_at`, and `search`'s)
            // made one set of capture locations, which went back to the pool after each
            let pooled = lazy.sticky().large_locations.lock().unwrap().len();
            assert_eq!(pooled, 1);
        }
    }

    fn t(js: &str) -> String {
        translate(js).unwrap()
    }

    #[test]
    fn translates_what_differs() {
        assert_eq!(t(r"a\sb"), r"a[\s\xa0]b");
        assert_eq!(t(r"a\Sb"), r"a[^\s\xa0]b");
        assert_eq!(t(r"[\s:]"), r"[\s\xa0\x{3a}]");
        assert_eq!(t(r"a.$"), r"a[^\n\r]\z");
        assert_eq!(t(r"[.$]"), r"[\x{2e}\x{24}]");
        assert_eq!(t(r"\u00a0\u2028"), r"\x{a0}(?!)");
        assert_eq!(t(r"[\u0000-\uffff]"), r"[\x{0}-\x{ff}]");
        assert_eq!(t(r"[]"), "(?!)");
        assert_eq!(t(r"[^]"), r"[\x{0}-\x{ff}]");
        assert_eq!(t(r"[[:a]"), r"[\x{5b}\x{3a}\x{61}]");
        assert_eq!(t(r"x{,3}"), r"x\{,3}");
        assert_eq!(t(r"(a)\1"), r"(a)(?:(?(1)\g{1}))");
        assert_eq!(t(r"(?<s>a)\k<s>"), r"(?<s>a)(?:(?(<s>)\k<s>))");
        assert_eq!(t(r"[a-]"), r"[\x{61}\x{2d}]");
        assert_eq!(t(r"\/\[\\"), r"\x{2f}\x{5b}\x{5c}");
    }

    #[test]
    fn matches_as_javascript_does() {
        let re = Lazy::new(r"(?<=[A-Za-z][A-Za-z0-9+.-]{0,30})://(?<secret>\w+)");
        let found = re.search(b"xx https://abc ", 0).unwrap();
        assert_eq!((found.start, found.end), (8, 14));
        assert_eq!(found.group(1), Some((11, 14)));
        // sticky: only where asked, with the lazy quantifier's shortest match
        let lazy = Lazy::new(r"a+?b?");
        assert_eq!(lazy.sticky_end(b"xaab", 1), Some(2));
        assert_eq!(lazy.sticky_end(b"xaab", 0), None);
        assert_eq!(Lazy::new(r"a\s").sticky_end(b"a\xa0", 0), Some(2));
        assert_eq!(Lazy::new(r"a.").sticky_end(b"a\r", 0), None);
        assert_eq!(Lazy::new(r"a$").sticky_end(b"a\n", 0), None);
        assert_eq!(Lazy::new(r"(x)?a\1b").sticky_end(b"ab", 0), Some(2));
    }

    #[test]
    fn bounds_the_private_key_loop() {
        let m = manifest::load(manifest::EMBEDDED).unwrap();
        let rule = m.rules.iter().find(|r| r.id == "private-key").unwrap();
        let re = Lazy::new(&rule.pattern);
        assert!(re.max_loop.is_some(), "private-key's repeat is rewritten");
        let key = |body: &str| {
            format!("x -----BEGIN RSA PRIVATE KEY-----{body}-----END RSA PRIVATE KEY-----")
        };
        let text = key(&"A".repeat(100));
        let found = re.search(text.as_bytes(), 0).unwrap();
        assert_eq!((found.start, found.end), (2, text.len()));
        assert!(re.search(key(&"A".repeat(39)).as_bytes(), 0).is_none());
        assert!(re.search(key(&"A".repeat(16000)).as_bytes(), 0).is_some());
        assert!(re.search(key(&"A".repeat(16001)).as_bytes(), 0).is_none());
        // `\n` is one iteration of two characters
        assert!(re.search(key(&"\\n".repeat(16000)).as_bytes(), 0).is_some());
        assert!(re.search(key(&"\\n".repeat(16001)).as_bytes(), 0).is_none());
        assert_eq!(re.names().count(), 0);
    }

    #[test]
    fn every_default_pattern_compiles() {
        let m = manifest::load(manifest::EMBEDDED).unwrap();
        let sources = m
            .rules
            .iter()
            .flat_map(|r| std::iter::once(&r.pattern).chain(r.assigned.as_ref()));
        for source in sources.chain(&m.assigned_tries) {
            sticky(source);
            global(source);
        }
    }
}
