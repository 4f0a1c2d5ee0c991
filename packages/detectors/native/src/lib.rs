//! `@keyguard/detectors`' engine for the default rules, natively: the same findings, byte for
//! byte, as `createScanner().scan(buffer)` (checked by test/native-parity.test.ts).
//! Module by module it follows ../src/engine, whose comments explain the why.

pub mod types;

// the rules, the prefilter and the patterns at their hits
pub mod compile;
pub mod manifest;
pub mod matcher;
mod pair_filter;
pub mod prefilter;
pub mod scanner;
pub mod source;

// decoding, the checks, and findings
pub mod checks;
pub mod decode;
pub mod findings;
pub mod verify;

pub use scanner::Engine;

/// Expected values of the unit tests, printed by scripts/unit-vectors.mjs from the TypeScript engine.
#[cfg(test)]
mod unit_vectors;
