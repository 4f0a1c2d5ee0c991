//! Runs each rule's pattern where the prefilter found one of its keywords (match.ts), appending
//! what matched to `out` and the keyword positions tried to `tried`.

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

/// `matchRules` for the default rules (none of them is an `everywhere` rule).
pub fn match_rules(
    rules: &Rules,
    source: &Source,
    hits: &Hits,
    out: &mut Vec<Candidate>,
    tried: &mut Tried,
) {
    let n = source.len();
    let mut cover = Cover::new(source);
    // window rules' keyword positions, per rule in the order rules first had one
    let mut window_hits: Vec<(usize, Vec<usize>)> = Vec::new();

    for (&p, &e) in hits.pos.iter().zip(&hits.entry) {
        let entry = &rules.entries[e as usize];
        let keyword_length = entry.keyword.chars().count();
        for &r in &entry.rules {
            let spec = &rules.specs[r];
            let c = &rules.compiled[r];
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
                    continue;
                }
                Mode::Assigned => {
                    tried_at(tried, p, spec);
                    assigned(rules, r, source, &mut cover, p, keyword_length, out);
                    continue;
                }
                Mode::Keyword => {}
            }
            if let Some(reject) = &c.left_reject {
                if p > 0 {
                    let before = source.at(p - 1);
                    // skip unless the character before is the n/r/t of a string escape (`\n`)
                    let escaped =
                        matches!(before, 110 | 114 | 116) && p > 1 && source.at(p - 2) == 92;
                    if before < 256 && reject[before as usize] && !escaped {
                        // a keyword right after a %XX (or %25XX) or \uXXXX escape is worth
                        // decoding around (`%22ghp_…`)
                        let percent = (p >= 3 && source.at(p - 3) == 37)
                            || (p >= 5 && source.at(p - 5) == 37);
                        if percent || (p >= 6 && source.at(p - 6) == 92 && source.at(p - 5) == 117)
                        {
                            tried_at(tried, p, spec);
                        }
                        continue;
                    }
                }
            }
            tried_at(tried, p, spec);
            // sticky match straight on the covering text: patterns are bounded, so the
            // window's `after` only has to be covered, never sliced out
            let (offset, end) =
                cover.cover(n, p.saturating_sub(spec.before), n.min(p + spec.after));
            let text = &source.text[offset..end];
            if let Some(m) = c.pattern.sticky_at(text, p - offset) {
                consider(rules, r, source, &m, text.len(), offset, 0, out);
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
            while i + 1 < positions.len()
                && positions[i + 1] as isize - spec.before as isize <= we as isize
            {
                i += 1;
                we = n.min(positions[i] + spec.after);
            }
            i += 1;
            search_span(rules, *r, source, ws, we, positions, out);
        }
    }
}

/// `consider`: a match in `text` (input offset `origin`, `len` code units) whose search started
/// at `text[first]`; a candidate unless it touches a window edge that is not the input's.
#[allow(clippy::too_many_arguments)]
fn consider(
    rules: &Rules,
    r: usize,
    source: &Source,
    m: &Found,
    len: usize,
    origin: usize,
    first: usize,
    out: &mut Vec<Candidate>,
) {
    let spec = &rules.specs[r];
    let c = &rules.compiled[r];
    if m.end == m.start {
        return;
    }
    // a match touching a window edge that is not the input's edge may be a cut-off token
    if (m.start == first && origin + first > 0) || (m.end == len && origin + len < source.len()) {
        return;
    }
    let mut span = (m.start, m.end);
    if spec.secret_group {
        let Some(secret) = c.pattern.names().find(|&(_, name)| name == "secret") else {
            return;
        };
        let Some(group) = m.group(secret.0) else {
            return;
        };
        span = group;
    } else if spec.group_secret && m.groups() > 1 {
        // gitleaks semantics: `secretGroup`, else the first non-empty capture group
        let wanted = spec.secret_group_index;
        let (from, to) = match wanted {
            Some(g) => (g, g + 1),
            None => (1, m.groups()),
        };
        if let Some(group) = (from..to).filter_map(|g| m.group(g)).find(|&(s, e)| e > s) {
            span = group;
        }
    }
    let start = origin + span.0;
    let end = origin + span.1;
    out.push(Candidate {
        rule: r,
        start,
        end,
        secret: source.secret(start, end),
        matched: source.string(origin + m.start, origin + m.end),
        groups: groups(source, &c.pattern, m, origin),
        prefix_length: keyword_prefix_length(spec, &source.text[start..end]),
        encoding: Vec::new(),
    });
}

/// `assigned`: the name's rest and the assignment after the keyword at `p` (one shared regex),
/// then the rule's value regex.
fn assigned(
    rules: &Rules,
    r: usize,
    source: &Source,
    cover: &mut Cover,
    p: usize,
    keyword_length: usize,
    out: &mut Vec<Candidate>,
) {
    let spec = &rules.specs[r];
    let value = rules.compiled[r]
        .value
        .as_ref()
        .expect("an assigned rule has a value pattern");
    let n = source.len();
    let (offset, piece_end) = cover.cover(n, p.saturating_sub(1), n.min(p + spec.after));
    let text = &source.text[offset..piece_end];
    let mut v = None;
    for assignment in rules.assigned_tries {
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
    let length = secret.map_or(v.end - v.start, |(s, e)| e - s);
    let start = offset + v.start;
    let end = start + length;
    out.push(Candidate {
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
/// lookbehinds; with `lines`, a match farther than that many lines from every keyword is dropped.
fn search_span(
    rules: &Rules,
    r: usize,
    source: &Source,
    ws: usize,
    we: usize,
    positions: &[usize],
    out: &mut Vec<Candidate>,
) {
    let spec = &rules.specs[r];
    let re = &rules.compiled[r].pattern;
    let first = ws.min(LOOKBEHIND);
    let origin = ws - first;
    let text = &source.text[origin..we];
    let mut last_index = first;
    while let Some(m) = re.search(text, last_index) {
        last_index = m.end;
        if m.end == m.start {
            last_index += 1;
        }
        let before = out.len();
        consider(rules, r, source, &m, text.len(), origin, first, out);
        if let Some(lines) = spec.lines {
            if out.len() > before
                && !within_lines(source, out[out.len() - 1].start, positions, lines)
            {
                out.pop();
            }
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
