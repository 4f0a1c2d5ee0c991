//! The rules and engine data as `scripts/native-manifest.mjs` writes them
//! (`dist/native/engine.json`), field for field. build.rs writes the embedded one again in
//! postcard's binary form, which `Engine::load` reads (`load_binary`); the JSON is what tests
//! and the parity tools read (`load`).

use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub version: u32,
    pub max_decode_depth: usize,
    /// `ASSIGNED` and `ASSIGNED_PLAIN` of boundaries.ts, tried in this order.
    pub assigned_tries: Vec<String>,
    pub rules: Vec<RuleSpec>,
    pub prefilter: PrefilterSnapshot,
    pub checks: ChecksData,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Keyword,
    Window,
    Assigned,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hashing {
    Sha256,
    Keyed,
}

/// A rule (`Rule` in types.ts) with the engine's compiled view of it (`CompiledRule` in compile.ts).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSpec {
    pub id: String,
    pub description: String,
    pub provider: String,
    pub confidence: Confidence,
    pub keywords: Vec<String>,
    pub ignore_case: bool,
    /// JavaScript regex source, no flags.
    pub pattern: String,
    pub assigned: Option<String>,
    pub mode: Mode,
    pub before: usize,
    pub after: usize,
    pub lines: Option<usize>,
    /// The pattern has a `secret` named group.
    pub secret_group: bool,
    /// Take group `secret_group_index`, or the first non-empty group (custom rules).
    pub group_secret: bool,
    pub secret_group_index: Option<usize>,
    /// 256 characters, '1' where the character before a keyword rejects the hit.
    pub left_reject: Option<String>,
    pub entropy: Option<f64>,
    /// `github` (CRC-32 in base62) or `gitlab-routable` (CRC-32 in base36).
    pub checksum: Option<String>,
    /// The rule has a `validate` / `precheck` function, implemented natively by rule id.
    pub validate: bool,
    pub precheck: bool,
    pub placeholder_check: bool,
    pub hashing: Hashing,
}

/// `PrefilterSnapshot` in prefilter.ts.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct PrefilterSnapshot {
    pub fingerprint: String,
    pub entries: Vec<KeywordEntry>,
    /// Base64 of little-endian u32 words.
    pub first: String,
    pub second: String,
    pub grams: String,
}

/// `KeywordEntry` in prefilter.ts.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct KeywordEntry {
    pub keyword: String,
    #[serde(rename = "ignoreCase")]
    pub ignore_case: bool,
    pub rules: Vec<usize>,
    pub decoders: u32,
    pub quanta: u32,
    pub anchor: u32,
}

/// Data of the checks (src/checks), exported so it is written once.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecksData {
    pub documentation_example_hashes: Vec<String>,
    /// `STOPWORDS` of placeholders.ts.
    pub stopwords: Vec<String>,
    /// Context rules whose `validate` is `mixedCase`'s (an upper- and a lower-case letter).
    pub mixed_case_rules: Vec<String>,
    /// `PLACEHOLDER_PASSWORDS` of url-basic-auth.ts.
    pub url_placeholder_passwords: Vec<String>,
}

/// The manifest built into this binary by `npm run build` (the detectors package's dist).
pub const EMBEDDED: &[u8] = include_bytes!("../../dist/native/engine.json");

pub fn load(bytes: &[u8]) -> Result<Manifest, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// A manifest in the binary form build.rs writes (postcard, field by field in this order).
pub fn load_binary(bytes: &[u8]) -> Result<Manifest, postcard::Error> {
    postcard::from_bytes(bytes)
}
