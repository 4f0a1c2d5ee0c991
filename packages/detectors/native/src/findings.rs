//! Findings (../src/engine/findings.ts), with what they carry of the secret: its hash
//! (../src/hash.ts) and its redacted preview (../src/redact.ts).

use std::sync::OnceLock;

use pcre2::bytes::{Regex, RegexBuilder};
use sha2::{Digest, Sha256};

use crate::checks::is_js_space;
use crate::manifest::{Hashing, RuleSpec};
use crate::types::{Accepted, Finding, Source};

/// `hashToken`: hex SHA-256 of the token's UTF-8, the only form of a secret that leaves the
/// scanner. The CLI has no hash key, so `tokenHashFor` hashes `keyed` rules this way too.
pub fn hash_token(raw: &str) -> String {
    format!("{:x}", Sha256::digest(raw.as_bytes()))
}

/// `KNOWN_PREFIX` of redact.ts, verbatim: its alternatives are tried in order, as JavaScript does.
const KNOWN_PREFIX: &str = r"^(?:-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----|PMAK-|gh[pousr]_|github_pat_|npm_|gl(?:pat|rt|dt|ft|ptt|cbt|oas|soat)-(?:t\d_)?|GR1348941|xox[abeoprs]-|xoxe\.xox[bp]-|xapp-|https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/|[sr]k_(?:live|test|prod)_|sk-ant-(?:api|admin)\d\d-|sk-(?:proj|svcacct|admin)-|sk-|AKIA|ASIA|ABIA|ACCA|AIza|SG\.|hf_|api_org_|shp(?:at|ca|pa|ss)_|pypi-|dckr_(?:pat|oat)_|do[opr]_v1_|HRKU-|ATATT|lin_api_|ntn_|secret_|AccountKey=|eyJ)";

/// `knownPrefixLength`: the length of the secret's public, recognisable prefix. Every
/// alternative is ASCII, so its length in UTF-8 bytes is its length in UTF-16 code units.
pub fn known_prefix_length(raw: &str) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        RegexBuilder::new()
            .jit_if_available(true)
            .build(KNOWN_PREFIX)
            .expect("KNOWN_PREFIX compiles")
    });
    // a match limit is the only error PCRE2 can return here, and this pattern cannot reach one
    re.find(raw.as_bytes())
        .ok()
        .flatten()
        .map_or(0, |m| m.end())
}

/// `redact`: the known prefix, `…`, then at most the last 4 characters of the rest (fewer for
/// short secrets; none with `tail: false`, for secrets a person chose). Counted in UTF-16 code
/// units, as JavaScript slices.
pub fn redact(raw: &str, prefix_length: Option<usize>, tail: bool) -> String {
    let units: Vec<u16> = raw.encode_utf16().collect();
    let prefix_length = prefix_length.unwrap_or_else(|| known_prefix_length(raw));
    let prefix = &units[..prefix_length.min(40).min(units.len())];
    let mut body = &units[prefix.len()..];
    // a PEM block's last characters are its footer: show the end of the key material instead
    if let Some(footer) = pem_footer_at(body) {
        body = &body[..footer];
    }
    // .replace(/\s+|\\[nr]|["'`]/g, '')
    let mut kept = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if is_js_space(c) || matches!(c, 0x22 | 0x27 | 0x60) {
            i += 1;
        } else if c == u16::from(b'\\')
            && matches!(body.get(i + 1), Some(&n) if n == u16::from(b'n') || n == u16::from(b'r'))
        {
            i += 2;
        } else {
            kept.push(c);
            i += 1;
        }
    }
    let visible = match kept.len() {
        _ if !tail => 0,
        n if n >= 16 => 4,
        n if n >= 10 => 2,
        _ => 0,
    };
    let mut out = String::from_utf16_lossy(prefix);
    out.push('…');
    out.push_str(&String::from_utf16_lossy(&kept[kept.len() - visible..]));
    out
}

/// Where `/-----END [^\n]*-----$/` matches first: a footer with no newline after it, at the end.
fn pem_footer_at(s: &[u16]) -> Option<usize> {
    let end: Vec<u16> = "-----END ".encode_utf16().collect();
    let dashes = &end[..5];
    if !s.ends_with(dashes) {
        return None;
    }
    let last_newline = s.iter().rposition(|&c| c == u16::from(b'\n'));
    (0..s.len().saturating_sub(end.len() + 4)).find(|&i| {
        s[i..].starts_with(&end)
            && last_newline.is_none_or(|nl| nl < i + end.len() || nl >= s.len() - 5)
    })
}

/// `toFindings`: accepted candidates (sorted by offset) as findings with 1-based lines and
/// columns. Newlines are counted once, forward, between consecutive findings.
pub fn to_findings(accepted: &[Accepted], rules: &[RuleSpec], source: &Source) -> Vec<Finding> {
    let mut findings = Vec::with_capacity(accepted.len());
    let (mut line, mut line_start, mut cursor) = (1, 0, 0);
    for a in accepted {
        let cand = &a.candidate;
        let rule = &rules[cand.rule];
        if cand.start > cursor {
            let newlines = source.count_newlines(cursor, cand.start);
            if newlines > 0 {
                line += newlines;
                line_start = source
                    .last_newline_before(cand.start)
                    .map_or(0, |nl| nl + 1);
            }
            cursor = cand.start;
        }
        let decoded = !cand.encoding.is_empty();
        // the span as written: for a decoded secret, the encoded text that holds it
        let (mut end_line, mut end_line_start) = (line, line_start);
        let span_newlines = if decoded {
            source.count_newlines(cand.start, cand.end)
        } else {
            0
        };
        if span_newlines > 0 {
            end_line += span_newlines;
            end_line_start = source.last_newline_before(cand.end).map_or(0, |nl| nl + 1);
        } else if !decoded {
            // offsets of the secret's newlines are its UTF-16 indices, as in JavaScript
            for (i, _) in cand
                .secret
                .encode_utf16()
                .enumerate()
                .filter(|&(_, c)| c == u16::from(b'\n'))
            {
                end_line += 1;
                end_line_start = cand.start + i + 1;
            }
        }
        let prefix = (cand.prefix_length > 0).then_some(cand.prefix_length);
        findings.push(Finding {
            rule: cand.rule,
            token_hash: a.hash.clone(),
            redacted: redact(&cand.secret, prefix, rule.hashing != Hashing::Keyed),
            line,
            column: cand.start - line_start + 1,
            end_line,
            end_column: cand.end + 1 - end_line_start,
            offset: cand.start,
            encoding: cand.encoding.clone(),
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Candidate, Encoding};
    use crate::unit_vectors::{FINDINGS, FINDINGS_TEXT, KNOWN_PREFIX as PREFIXES, REDACT};

    #[test]
    fn lines_and_columns_as_in_to_findings() {
        let manifest = crate::manifest::load(crate::manifest::EMBEDDED).unwrap();
        let latin1: Vec<u8> = FINDINGS_TEXT.chars().map(|c| c as u8).collect();
        let source = Source::file(&latin1);
        let accepted: Vec<Accepted> = FINDINGS
            .iter()
            .map(|f| Accepted {
                candidate: Candidate {
                    rule: manifest.rules.iter().position(|r| r.id == f.rule).unwrap(),
                    start: f.start,
                    end: f.end,
                    secret: f.secret.to_owned(),
                    matched: f.secret.to_owned(),
                    groups: Vec::new(),
                    prefix_length: f.prefix_length,
                    encoding: f
                        .encoding
                        .iter()
                        .map(|&e| {
                            if e == "base64" {
                                Encoding::Base64
                            } else {
                                Encoding::Json
                            }
                        })
                        .collect(),
                },
                hash: String::new(),
            })
            .collect();
        let findings = to_findings(&accepted, &manifest.rules, &source);
        for (got, want) in findings.iter().zip(FINDINGS) {
            let got = (
                got.line,
                got.column,
                got.end_line,
                got.end_column,
                got.redacted.as_str(),
                got.offset,
            );
            let want = (
                want.line,
                want.column,
                want.end_line,
                want.end_column,
                want.redacted,
                want.start,
            );
            assert_eq!(got, want);
        }
        assert_eq!(findings.len(), FINDINGS.len());
    }

    #[test]
    fn known_prefixes_as_in_redact_ts() {
        for &(raw, expected) in PREFIXES {
            assert_eq!(known_prefix_length(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn redactions_as_in_redact_ts() {
        for &(raw, prefix, tail, expected) in REDACT {
            assert_eq!(
                redact(raw, prefix, tail),
                expected,
                "{raw:?} {prefix:?} {tail}"
            );
        }
    }

    #[test]
    fn hashes_are_sha256_hex_of_utf8() {
        // echo -n abc | sha256sum
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
