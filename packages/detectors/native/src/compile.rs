//! Owned by native-core (see lib.rs).
