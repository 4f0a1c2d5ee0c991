//! Owned by native-core (see lib.rs). `Engine` is `createScanner()` of create-scanner.ts.

pub struct Engine;
