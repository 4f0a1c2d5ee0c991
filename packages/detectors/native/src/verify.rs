//! `verifyCandidates` (../src/engine/verify.ts): the checks over every candidate, then one
//! candidate per secret span.

use crate::checks::{
    shannon_entropy, verify_github_style_token, verify_gitlab_routable_token, Checks, Checksum,
};
use crate::findings::hash_token;
use crate::manifest::{Confidence, RuleSpec};
use crate::types::{Accepted, Candidate, Stats};

/// Runs the checks cheapest first (checksum, placeholders, entropy, structure, then the hash for
/// documentation examples), counts what each rejects, and keeps one
/// candidate per secret span: a containing match wins, then the more confident rule, then plain
/// text over decoded text unless decoding changed the secret.
///
/// The manifest holds no rule with per-rule allowlists (native-manifest.mjs refuses them), and
/// the CLI has no hash key, so a `keyed` rule is reported under plain SHA-256 (`tokenHashFor`);
/// nor has it an allowlist of hashes (`--config` goes to the JavaScript CLI).
pub fn verify_candidates(
    candidates: Vec<Candidate>,
    stats: &mut Stats,
    rules: &[RuleSpec],
    checks: &Checks,
) -> Vec<Accepted> {
    let mut kept: Vec<Accepted> = Vec::new();
    for cand in candidates {
        let rule = &rules[cand.rule];
        // JavaScript strings: the body is sliced, measured and counted in UTF-16 code units
        let units: Vec<u16> = cand.secret.encode_utf16().collect();
        let body = &units[cand.prefix_length.min(units.len())..];
        let checksum = checks.checksum(cand.rule);
        let checksum_ok = match checksum {
            None => true,
            Some(Checksum::Github) => verify_github_style_token(&units),
            Some(Checksum::GitlabRoutable) => verify_gitlab_routable_token(&units),
        };
        if !checksum_ok {
            stats.rejected_by.checksum += 1;
            continue;
        }
        // A passing checksum already proves the token was generated, not typed: a random body
        // that happens to contain "your" or "Xxxx" (about 1 in 10,000) is still a real token.
        if rule.placeholder_check && checksum.is_none() && checks.is_placeholder(body) {
            stats.rejected_by.placeholder += 1;
            continue;
        }
        if rule.entropy.is_some_and(|min| shannon_entropy(body) < min) {
            stats.rejected_by.entropy += 1;
            continue;
        }
        if !checks.validate(cand.rule, &cand.secret, &units, &cand.groups) {
            stats.rejected_by.invalid += 1;
            continue;
        }
        // hashing last: most candidates are rejected by the cheaper checks above
        let hash = hash_token(&cand.secret);
        if checks.is_documentation_example(&hash) {
            stats.rejected_by.placeholder += 1;
            continue;
        }
        kept.push(Accepted {
            candidate: cand,
            hash,
        });
    }
    let by = &stats.rejected_by;
    stats.rejected = by.checksum + by.placeholder + by.entropy + by.invalid;

    let rank = |a: &Accepted| match rules[a.candidate.rule].confidence {
        Confidence::High => 0,
        Confidence::Medium => 1,
        Confidence::Low => 2,
    };
    // a stable sort, as Array.prototype.sort is
    kept.sort_by(|a, b| {
        let (x, y) = (&a.candidate, &b.candidate);
        x.start
            .cmp(&y.start)
            .then(y.end.cmp(&x.end))
            .then(rank(a).cmp(&rank(b)))
            .then(x.encoding.len().cmp(&y.encoding.len()))
    });
    let mut out: Vec<Accepted> = Vec::with_capacity(kept.len());
    let mut last_end: Option<usize> = None;
    for a in kept {
        let cand = &a.candidate;
        if last_end.is_some_and(|end| cand.end <= end) {
            // the same span read as written and decoded: the decoded secret is the real one when
            // the decoding changed it (a PEM key in a JSON string with its escapes undone)
            let last = out.last_mut().expect("a span ended, so one was kept");
            let l = &last.candidate;
            if cand.start == l.start
                && cand.end == l.end
                && !cand.encoding.is_empty()
                && l.encoding.is_empty()
                && cand.secret != l.secret
            {
                *last = a;
            }
            continue;
        }
        last_end = Some(last_end.map_or(cand.end, |end| end.max(cand.end)));
        out.push(a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Encoding;
    use crate::unit_vectors::VERIFY;

    #[test]
    fn kept_and_counted_as_verify_candidates() {
        let manifest = crate::manifest::load(crate::manifest::EMBEDDED).unwrap();
        let checks = Checks::new(&manifest.rules, &manifest.checks).unwrap();
        for case in VERIFY {
            let candidates: Vec<Candidate> = case
                .candidates
                .iter()
                .map(|c| Candidate {
                    rule: manifest.rules.iter().position(|r| r.id == c.rule).unwrap(),
                    start: c.start,
                    end: c.end,
                    secret: c.secret.to_owned(),
                    matched: c.secret.to_owned(),
                    groups: c
                        .groups
                        .iter()
                        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                        .collect(),
                    prefix_length: c.prefix_length,
                    encoding: c
                        .encoding
                        .iter()
                        .map(|&e| match e {
                            "base64" => Encoding::Base64,
                            "percent" => Encoding::Percent,
                            _ => Encoding::Json,
                        })
                        .collect(),
                })
                .collect();
            let mut stats = Stats::default();
            let kept = verify_candidates(candidates.clone(), &mut stats, &manifest.rules, &checks);
            let by = &stats.rejected_by;
            assert_eq!(
                [by.checksum, by.placeholder, by.entropy, by.invalid],
                case.rejected
            );
            assert_eq!(stats.rejected, case.rejected.iter().sum::<usize>());
            let got: Vec<(usize, usize, usize, &str)> = kept
                .iter()
                .map(|a| {
                    (
                        a.candidate.start,
                        a.candidate.end,
                        a.candidate.encoding.len(),
                        a.hash.as_str(),
                    )
                })
                .collect();
            let want: Vec<(usize, usize, usize, &str)> = case
                .kept
                .iter()
                .map(|k| {
                    let c = &candidates[k.index];
                    (c.start, c.end, c.encoding.len(), k.hash)
                })
                .collect();
            assert_eq!(got, want);
        }
    }
}
