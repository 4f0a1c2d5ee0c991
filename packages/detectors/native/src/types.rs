//! What the engine's modules hand each other. Each type mirrors its TypeScript namesake in
//! ../src/engine (named in its comment); the TypeScript engine is the specification.

/// A decoder that revealed a secret (`Candidate.encoding` in match.ts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Base64,
    Percent,
    Json,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Base64 => "base64",
            Encoding::Percent => "percent",
            Encoding::Json => "json",
        }
    }
}

/// What one scan reads (`Source` in source.ts). `text` holds one byte per JavaScript code unit:
/// a file's bytes (the TypeScript engine decodes a Buffer as latin1), or decoded text.
pub struct Source<'a> {
    pub text: &'a [u8],
    pub kind: SourceKind<'a>,
}

pub enum SourceKind<'a> {
    /// A file: a secret with non-ASCII bytes is re-read as UTF-8 (`bufferSource`).
    File,
    /// Decoded base64 or percent-encoding, one byte per character (`stringSource(…, bytes = true)`).
    DecodedBytes,
    /// Decoded JSON escapes (`stringSource(…, bytes = false)`). `wide` holds every code unit
    /// when one is above 255; `text` then has 0xFF in its place.
    DecodedText { wide: Option<&'a [u16]> },
}

/// Prefilter hits in input order (`Hits` in prefilter.ts): `entry[i]` indexes the snapshot's entries.
#[derive(Default)]
pub struct Hits {
    pub pos: Vec<usize>,
    pub entry: Vec<u32>,
}

/// Keyword positions whose rules' patterns were run, and how far they read (`Tried` in match.ts).
#[derive(Default)]
pub struct Tried {
    pub pos: Vec<usize>,
    pub before: Vec<usize>,
    pub after: Vec<usize>,
}

/// A pattern match that still has to pass its rule's checks (`Candidate` in match.ts).
/// Offsets are in the scanned input's code units.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Index into the manifest's rules.
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// The secret as the JavaScript string holds it (`source.secret(…)`), here in UTF-8.
    pub secret: String,
    /// The whole match (`m[0]`).
    pub matched: String,
    /// The pattern's named groups that took part in the match.
    pub groups: Vec<(String, String)>,
    pub prefix_length: usize,
    /// The decoders that revealed it, outermost first; empty for plain text.
    pub encoding: Vec<Encoding>,
}

/// A candidate that passed every check, with the hash it is reported under (`Accepted` in verify.ts).
#[derive(Clone, Debug)]
pub struct Accepted {
    pub candidate: Candidate,
    pub hash: String,
}

/// `ScanStats` in types.ts, without `allowlisted`: the native CLI has no allowlist.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub bytes: usize,
    pub rejected: usize,
    pub rejected_by: RejectedBy,
    pub keyword_hits: usize,
    pub decoded: usize,
}

/// `ScanStats.rejectedBy`; serialised in its field order, as the parity dump compares it.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct RejectedBy {
    pub checksum: usize,
    pub entropy: usize,
    pub placeholder: usize,
    pub invalid: usize,
}

/// `Finding` in types.ts, without `path`, `location` and `raw` (the CLI adds the file).
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: usize,
    pub token_hash: String,
    pub redacted: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: usize,
    pub encoding: Vec<Encoding>,
}
