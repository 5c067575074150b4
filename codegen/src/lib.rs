//! awsr's generator: a pure function from the botocore model and the vendored
//! documentation fragments to the files of the `generated` crate.
//!
//! I/O lives at the edge ([`inputs`] reads, `main.rs` writes); everything else
//! takes values and returns values.

pub mod model;
pub mod docs;
