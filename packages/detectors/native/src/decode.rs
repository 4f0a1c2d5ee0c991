//! Owned by native-checks (see lib.rs).
