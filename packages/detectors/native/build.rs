//! Writes the embedded manifest (`dist/native/engine.json`, by scripts/native-manifest.mjs) in
//! postcard's binary form to `OUT_DIR/engine.postcard`, which the engine loads
//! (`Engine::load`): the same `Manifest`, read in ~0.5 ms where parsing the 718 KB of JSON took
//! ~2.3, a fixed cost of every `keyguard scan` (the whole start-up of a scan of a few files).

use std::path::Path;

#[allow(dead_code)]
#[path = "src/manifest.rs"]
mod manifest;

fn main() {
    let json = Path::new("../dist/native/engine.json");
    println!("cargo::rerun-if-changed={}", json.display());
    println!("cargo::rerun-if-changed=src/manifest.rs");
    let manifest = manifest::load(manifest::EMBEDDED)
        .unwrap_or_else(|e| panic!("{} does not parse as a manifest: {e}", json.display()));
    let binary = postcard::to_allocvec(&manifest).expect("a manifest serializes");
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("engine.postcard");
    std::fs::write(&out, binary).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
