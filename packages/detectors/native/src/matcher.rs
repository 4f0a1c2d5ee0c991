//! Runs each rule's pattern where the prefilter found one of its keywords (match.ts), appending
//! what matched to `out` and the keyword positions tried to `tried`.

use std::borrow::Cow;

use crate::compile::{keyword_prefix_length, CompiledRule, Found, Lazy};
use crate::manifest::{KeywordEntry, Mode, RuleSpec};
use crate::types::{Candidate, Hits, Source, SourceKind, Tried};

/// Characters kept before a searched window for lookbehinds (the shared boundaries look back 2).
const LOOKBEHIND: usize = 8;
/// Extra bytes decoded past a window so that nearby hits reuse the same piece (source.ts).
const DECODE_SLACK: usize = 2 * 1024;

/// A rule's `precheck` (`checks`), by rule index, over [from, to) of the source.
pub type Precheck<'a> = &'a dyn Fn(usize, &Source, usize, usize) -> bool;

/// What `matchRules` reads besides the source and its hits.
pub struct Rules<'a> {
    pub specs: &'a [RuleSpec],
    pub compiled: &'a [CompiledRule],
    pub entries: &'a [KeywordEntry],
    /// `ASSIGNED_TRIES`: from a provider's name to its value, for every rule with `assigned`.
    pub assigned_tries: &'a [Lazy],
    pub precheck: Precheck<'a>,
}

/// `source.cover`: the piece of a file that JavaScript decoded to a string, [offset, end).
/// A pattern sees only that piece (its lookbehinds, its `^`, the window-edge checks), so the
/// piece is kept exactly as bufferSource keeps it: reused while a window fits in it, else
/// decoded afresh from the window's start to 2 KB past its end. Decoded text is one piece.
struct Cover {
    offset: usize,
    end: usize,
    whole: bool,
}

impl Cover {
    fn new(source: &Source) -> Cover {
        let whole = !matches!(source.kind, SourceKind::File);
        Cover {
            offset: 0,
            end: if whole { source.len() } else { 0 },
            whole,
        }
    }

    fn cover(&mut self, n: usize, start: usize, end: usize) -> (usize, usize) {
        if !self.whole && (start < self.offset || end > self.end) {
            self.offset = start;
            self.end = n.min(end + DECODE_SLACK);
        }
        (self.offset, self.end)
    }
}

/// `triedAt`: the keyword at `p` had its rule's pattern run, reading `before`/`after` around it.
fn tried_at(tried: &mut Tried, p: usize, spec: &RuleSpec) {
    let before = if spec.mode == Mode::Window {
        spec.before
    } else {
        0
    };
    if tried.pos.last() == Some(&p) {
        let last = tried.pos.len() - 1;
        tried.before[last] = tried.before[last].max(before);
        tried.after[last] = tried.after[last].max(spec.after);
        return;
    }
    tried.pos.push(p);
    tried.before.push(before);
    tried.after.push(spec.after.min(8192));
}

/// The named groups that took part in a match whose subject starts at input offset `origin`.
fn groups(source: &Source, re: &Lazy, m: &Found, origin: usize) -> Vec<(String, String)> {
    re.names()
        .filter_map(|(i, name)| {
            let (s, e) = m.group(i)?;
            Some((name.to_owned(), source.string(origin + s, origin + e)))
        })
        .collect()
}

/// Whether a code unit above 255 is in JavaScript's `\s`.
fn is_wide_space(unit: u16) -> bool {
    matches!(
        unit,
        0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000 | 0xfeff
    )
}

/// The text the patterns run over: the source's code units, and for a code unit above 255
/// (decoded `\uXXXX`) a latin1 stand-in that the translated patterns treat alike: U+00A0 for
/// JavaScript's spaces (`\s` holds it, as every class does that holds a space above 255),
/// 0xFF for the rest (which only negated classes, `\S`, `\W`, `\D` and `.` match).
/// JavaScript's `.` excludes U+2028/9, which this cannot tell apart; no default rule has a `.`.
fn pattern_text<'a>(source: &Source<'a>) -> Cow<'a, [u8]> {
    match source.wide() {
        None => Cow::Borrowed(source.text),
        Some(wide) => Cow::Owned(
            wide.iter()
                .map(|&u| match u {
                    0..=0xff => u as u8,
                    u if is_wide_space(u) => 0xa0,
                    _ => 0xff,
                })
                .collect(),
        ),
    }
}

/// `matchRules` for the default rules (none of them is an `everywhere` rule).
pub fn match_rules(
    rules: &Rules,
    source: &Source,
    hits: &Hits,
    out: &mut Vec<Candidate>,
    tried: &mut Tried,
) {
    let mut m = Matcher {
        rules,
        source,
        text: pattern_text(source),
        cover: Cover::new(source),
        out,
    };
    let n = source.len();
    // window rules' keyword positions, per rule in the order rules first had one
    let mut window_hits: Vec<(usize, Vec<usize>)> = Vec::new();

    for (&p, &e) in hits.pos.iter().zip(&hits.entry) {
        let entry = &rules.entries[e as usize];
        let keyword_length = entry.keyword.chars().count();
        for &r in &entry.rules {
            let spec = &rules.specs[r];
            if spec.precheck
                && !(rules.precheck)(r, source, p + keyword_length, n.min(p + spec.after))
            {
                continue;
            }
            match spec.mode {
                Mode::Window => {
                    match window_hits.iter_mut().find(|(rule, _)| *rule == r) {
                        Some((_, positions)) => positions.push(p),
                        None => window_hits.push((r, vec![p])),
                    }
                    tried_at(tried, p, spec);
                }
                Mode::Assigned => {
                    tried_at(tried, p, spec);
                    m.assigned(r, p, keyword_length);
                }
                Mode::Keyword => {
                    if m.left_rejected(r, p) {
                        // a keyword right after a %XX (or %25XX) or \uXXXX escape is worth
                        // decoding around (`%22ghp_…`)
                        if after_escape(source, p) {
                            tried_at(tried, p, spec);
                        }
                        continue;
                    }
                    tried_at(tried, p, spec);
                    m.keyword(r, p);
                }
            }
        }
    }

    // window rules: merge overlapping windows so each byte is searched at most once per rule
    for (r, positions) in &window_hits {
        let spec = &rules.specs[*r];
        let mut i = 0;
        while i < positions.len() {
            let ws = positions[i].saturating_sub(spec.before);
            let mut we = n.min(positions[i] + spec.after);
            while i + 1 < positions.len() && positions[i + 1] < we + spec.before + 1 {
                i += 1;
                we = n.min(positions[i] + spec.after);
            }
            i += 1;
            m.search_span(*r, ws, we, positions);
        }
    }
}

/// Whether the keyword at `p` follows a `%XX`, `%25XX` or `\uXXXX` escape.
fn after_escape(source: &Source, p: usize) -> bool {
    let percent = (p >= 3 && source.at(p - 3) == 37) || (p >= 5 && source.at(p - 5) == 37);
    percent || (p >= 6 && source.at(p - 6) == 92 && source.at(p - 5) == 117)
}

/// One `matchRules` call: the rules, the source, and where candidates go.
struct Matcher<'m, 's> {
    rules: &'m Rules<'m>,
    source: &'m Source<'s>,
    /// What the patterns run over (`pattern_text`).
    text: Cow<'s, [u8]>,
    cover: Cover,
    out: &'m mut Vec<Candidate>,
}

impl Matcher<'_, '_> {
    /// The keyword at `p` is skipped by the rule's leading lookbehind (`leftReject`), unless the
    /// character before it is the n/r/t of a string escape (`\n`).
    fn left_rejected(&self, r: usize, p: usize) -> bool {
        let Some(reject) = &self.rules.compiled[r].left_reject else {
            return false;
        };
        if p == 0 {
            return false;
        }
        let source = self.source;
        let before = source.at(p - 1);
        let escaped = matches!(before, 110 | 114 | 116) && p > 1 && source.at(p - 2) == 92;
        before < 256 && reject[before as usize] && !escaped
    }

    /// Keyword mode: a sticky match straight on the covering text (patterns are bounded, so
    /// the window's `after` only has to be covered, never sliced out).
    fn keyword(&mut self, r: usize, p: usize) {
        let spec = &self.rules.specs[r];
        let n = self.source.len();
        let (offset, end) =
            self.cover
                .cover(n, p.saturating_sub(spec.before), n.min(p + spec.after));
        let text = &self.text[offset..end];
        if let Some(found) = self.rules.compiled[r].pattern.sticky_at(text, p - offset) {
            let candidate = self.consider(r, &found, text.len(), offset, 0);
            self.out.extend(candidate);
        }
    }

    /// `consider`: a match in a subject of `len` code units at input offset `origin`, whose
    /// search started at `first`; a candidate unless it touches a window edge that is not the
    /// input's (it may be a cut-off token).
    fn consider(
        &self,
        r: usize,
        m: &Found,
        len: usize,
        origin: usize,
        first: usize,
    ) -> Option<Candidate> {
        let spec = &self.rules.specs[r];
        let pattern = &self.rules.compiled[r].pattern;
        let source = self.source;
        if m.end == m.start {
            return None;
        }
        if (m.start == first && origin + first > 0) || (m.end == len && origin + len < source.len())
        {
            return None;
        }
        let mut span = (m.start, m.end);
        if spec.secret_group {
            let (secret, _) = pattern.names().find(|&(_, name)| name == "secret")?;
            span = m.group(secret)?;
        } else if spec.group_secret && m.groups() > 1 {
            // gitleaks semantics: `secretGroup`, else the first non-empty capture group
            let (from, to) = match spec.secret_group_index {
                Some(g) => (g, g + 1),
                None => (1, m.groups()),
            };
            if let Some(group) = (from..to).filter_map(|g| m.group(g)).find(|&(s, e)| e > s) {
                span = group;
            }
        }
        let start = origin + span.0;
        let end = origin + span.1;
        Some(Candidate {
            rule: r,
            start,
            end,
            secret: source.secret(start, end),
            matched: source.string(origin + m.start, origin + m.end),
            groups: groups(source, pattern, m, origin),
            prefix_length: keyword_prefix_length(spec, &source.text[start..end]),
            encoding: Vec::new(),
        })
    }

    /// Assigned mode: the name's rest and the assignment after the keyword at `p` (one shared
    /// regex of a few tries), then the rule's value regex.
    fn assigned(&mut self, r: usize, p: usize, keyword_length: usize) {
        let spec = &self.rules.specs[r];
        let value = self.rules.compiled[r]
            .value
            .as_ref()
            .expect("an assigned rule has a value pattern");
        let source = self.source;
        let n = source.len();
        let (offset, piece_end) = self
            .cover
            .cover(n, p.saturating_sub(1), n.min(p + spec.after));
        let text = &self.text[offset..piece_end];
        let mut v = None;
        for assignment in self.rules.assigned_tries {
            let Some(a) = assignment.sticky_end(text, p + keyword_length - offset) else {
                return;
            };
            v = value.sticky_at(text, a);
            if v.is_some() {
                break;
            }
        }
        let Some(v) = v else { return };
        // a value running into the end of the decoded piece may be cut off
        if v.end == text.len() && offset + text.len() < n {
            return;
        }
        let secret = value
            .names()
            .find(|&(_, name)| name == "secret")
            .and_then(|(i, _)| v.group(i));
        let start = offset + v.start;
        let end = start + secret.map_or(v.end - v.start, |(s, e)| e - s);
        self.out.push(Candidate {
            rule: r,
            start,
            end,
            secret: source.secret(start, end),
            matched: source.string(p, offset + v.end),
            groups: groups(source, value, &v, offset),
            prefix_length: 0,
            encoding: Vec::new(),
        });
    }

    /// `searchSpan`: every match of the rule in [ws, we), with a few characters before it for
    /// lookbehinds; with `lines`, a match farther than that many lines from every keyword of
    /// the rule is dropped.
    fn search_span(&mut self, r: usize, ws: usize, we: usize, positions: &[usize]) {
        let spec = &self.rules.specs[r];
        let re = &self.rules.compiled[r].pattern;
        let first = ws.min(LOOKBEHIND);
        let origin = ws - first;
        let text = &self.text[origin..we];
        let mut last_index = first;
        while let Some(m) = re.search(text, last_index) {
            last_index = m.end;
            if m.end == m.start {
                last_index += 1;
            }
            let Some(candidate) = self.consider(r, &m, text.len(), origin, first) else {
                continue;
            };
            if spec
                .lines
                .is_some_and(|lines| !within_lines(self.source, candidate.start, positions, lines))
            {
                continue;
            }
            self.out.push(candidate);
        }
    }
}

/// True when `offset` is at most `lines` line breaks away from one of the keyword positions.
fn within_lines(source: &Source, offset: usize, positions: &[usize], lines: usize) -> bool {
    positions.iter().any(|&p| {
        let (a, b) = if p < offset { (p, offset) } else { (offset, p) };
        let mut count = 0;
        let mut nl = source.index_of(10, a);
        while let Some(at) = nl {
            if at >= b || count > lines {
                break;
            }
            count += 1;
            nl = source.index_of(10, at + 1);
        }
        count <= lines
    })
}
