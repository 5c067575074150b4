//! Link `awsr` at a fixed address (no PIE) on Linux.
//!
//! Every service's shape table is static data full of pointers (one
//! `&'static ArgType` per member). In a position-independent executable
//! each of those pointers is a relocation that the dynamic loader patches at
//! every start: with all JSON-protocol services about 80,000 of them, which
//! tripled start-up time (measured in BENCHMARKS.md). Linked without PIE the
//! linker resolves them once, at build time, and start-up stays at the
//! process floor whatever the number of services. The cost is that the
//! executable's own image is not address-randomised (shared libraries still
//! are).
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
