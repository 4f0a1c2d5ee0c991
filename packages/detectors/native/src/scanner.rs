//! `Engine` is `createScanner()` of create-scanner.ts: the default rules, their prefilter and
//! their patterns, loaded once and shared by every thread that scans.

use crate::manifest::{self, Manifest, RuleSpec};
use crate::prefilter::Prefilter;
use crate::types::{Finding, Stats};

/// The scanner for the default rules (`createScanner()`); `Send + Sync`, so one is shared by
/// every scanning thread.
pub struct Engine {
    manifest: Manifest,
    pub prefilter: Prefilter,
}

impl Engine {
    /// The engine of the manifest built into this binary (`manifest::EMBEDDED`).
    pub fn load() -> Engine {
        let manifest = manifest::load(manifest::EMBEDDED)
            .expect("the embedded engine.json is written by native-manifest.mjs and must parse");
        let prefilter = Prefilter::from_snapshot(&manifest.prefilter);
        Engine {
            manifest,
            prefilter,
        }
    }

    /// The rules in manifest order (`Finding.rule` indexes them).
    pub fn rules(&self) -> &[RuleSpec] {
        &self.manifest.rules
    }

    /// The findings in a file's bytes and the scan's stats (`scanner.scan(buffer)`).
    pub fn scan(&self, bytes: &[u8]) -> (Vec<Finding>, Stats) {
        let _ = bytes;
        todo!("native-core: collect, verify, findings")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Engine>();
    }
}
