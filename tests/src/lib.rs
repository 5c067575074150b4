//! Support for the workspace-level tests: running the built `awsr`, a
//! loopback HTTP server that records requests, and an independent SigV4
//! verifier for what it records.

pub mod awsr;
pub mod server;
pub mod sigv4;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}
