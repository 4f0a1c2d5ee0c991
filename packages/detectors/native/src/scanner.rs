//! `Engine` is `createScanner()` of create-scanner.ts: the default rules, their prefilter and
//! their patterns, loaded once and shared by every thread that scans.

use crate::checks::Checks;
use crate::compile::{CompiledRule, Lazy};
use crate::manifest::{self, Manifest, RuleSpec};
use crate::matcher::{self, Rules};
use crate::prefilter::Prefilter;
use crate::types::{Candidate, Finding, Hits, Source, SourceKind, Stats, Tried};
use crate::{decode, findings, verify};

/// `manifest::EMBEDDED` as build.rs writes it (`manifest::load_binary`).
const EMBEDDED_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.postcard"));

/// The scanner for the default rules (`createScanner()`); `Send + Sync`, so one is shared by
/// every scanning thread.
pub struct Engine {
    manifest: Manifest,
    prefilter: Prefilter,
    compiled: Vec<CompiledRule>,
    /// `ASSIGNED_TRIES` of match.ts.
    assigned_tries: Vec<Lazy>,
    checks: Checks,
}

impl Engine {
    /// The engine of the manifest built into this binary (`manifest::EMBEDDED`, in the binary
    /// form build.rs writes of it).
    pub fn load() -> Engine {
        let manifest = manifest::load_binary(EMBEDDED_BINARY)
            .expect("build.rs writes the embedded manifest in the form it is read in");
        let checks = Checks::new(&manifest.rules, &manifest.checks)
            .unwrap_or_else(|problems| panic!("the manifest's checks: {problems}"));
        Engine {
            prefilter: Prefilter::from_snapshot(&manifest.prefilter),
            compiled: manifest.rules.iter().map(CompiledRule::new).collect(),
            assigned_tries: manifest
                .assigned_tries
                .iter()
                .map(|s| Lazy::new(s))
                .collect(),
            checks,
            manifest,
        }
    }

    /// The rules in manifest order (`Finding.rule` indexes them).
    pub fn rules(&self) -> &[RuleSpec] {
        &self.manifest.rules
    }

    /// The keyword prefilter (`findInBytes`), for tools that compare its hits.
    pub fn prefilter(&self) -> &Prefilter {
        &self.prefilter
    }

    /// The findings in a file's bytes and the scan's stats (`scanner.scan(buffer)`).
    pub fn scan(&self, bytes: &[u8]) -> (Vec<Finding>, Stats) {
        let source = Source::file(bytes);
        let mut stats = Stats {
            bytes: bytes.len(),
            ..Stats::default()
        };
        let mut candidates = Vec::new();
        self.collect(&source, 0, &mut stats, &mut candidates);
        if candidates.is_empty() {
            return (Vec::new(), stats);
        }
        let rules = self.rules();
        let accepted = verify::verify_candidates(candidates, &mut stats, rules, &self.checks);
        (findings::to_findings(&accepted, rules, &source), stats)
    }

    /// `collect`: candidates in `source` and, decoded, in the encoded spans it holds (offsets in
    /// `source`), appended to `out`.
    fn collect(&self, source: &Source, depth: usize, stats: &mut Stats, out: &mut Vec<Candidate>) {
        let mut hits = Hits::default();
        match source.kind {
            SourceKind::File => self.prefilter.find_in_bytes(source.text, &mut hits),
            SourceKind::DecodedBytes => self.prefilter.find_in_string(source.text, None, &mut hits),
            SourceKind::DecodedText { wide } => {
                self.prefilter.find_in_string(source.text, wide, &mut hits)
            }
        }
        stats.keyword_hits += hits.pos.len();
        if hits.pos.is_empty() {
            return;
        }
        let first = out.len();
        let mut tried = Tried::default();
        let precheck = |rule: usize, source: &Source, from: usize, to: usize| {
            self.checks.precheck(rule, source, from, to)
        };
        let rules = Rules {
            specs: &self.manifest.rules,
            compiled: &self.compiled,
            entries: &self.manifest.prefilter.entries,
            assigned_tries: &self.assigned_tries,
            precheck: &precheck,
        };
        matcher::match_rules(&rules, source, &hits, out, &mut tried);
        if depth >= self.manifest.max_decode_depth {
            return;
        }
        let entries = &self.manifest.prefilter.entries;
        let entry_decoders = |e: u32| {
            let entry = &entries[e as usize];
            (entry.decoders, entry.quanta)
        };
        // what the decoded spans hold, in the order they are decoded (JavaScript appends them
        // to `out` as it goes; nothing else is appended meanwhile)
        let mut inner_found = Vec::new();
        decode::decode_spans(
            source,
            &hits,
            &entry_decoders,
            &tried,
            &out[first..],
            &mut |decoded| {
                stats.decoded += 1;
                let mut inner = Vec::new();
                self.collect(&decoded.source(), depth + 1, stats, &mut inner);
                inner_found.extend(inner.into_iter().map(|mut c| {
                    c.start = decoded.start(c.start);
                    c.end = decoded.end(c.end);
                    c.encoding.insert(0, decoded.encoding);
                    c
                }));
            },
        );
        out.append(&mut inner_found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_manifest_is_the_json_one() {
        let json = manifest::load(manifest::EMBEDDED).unwrap();
        assert_eq!(manifest::load_binary(EMBEDDED_BINARY).unwrap(), json);
    }

    #[test]
    fn engine_is_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Engine>();
    }
}
