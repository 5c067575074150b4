//! botocore 1.8.32's language-neutral protocol tests for the `json`
//! protocol (`tests/fixtures/botocore-protocol-tests`), as data: the build
//! script runs every case's model through codegen's emitters
//! (`codegen::rust::shapes`, `codegen::rust::service::protocol`), so each
//! case becomes a module of static shape tables, a `Protocol` and an
//! `Operation`, exactly what `generated/` holds for a real service.
//! `tests/botocore_protocol.rs` runs them through the runtime.

/// The generated modules name the runtime `crate::runtime`, as in `generated`.
pub use awsr_runtime as runtime;

/// One case of a suite, with the descriptors codegen made from its model.
#[derive(Debug)]
pub struct Case {
    /// `<input|output>: <suite description> #<case index>`.
    pub name: &'static str,
    pub protocol: &'static runtime::protocol::Protocol,
    pub operation: &'static runtime::model::Operation,
    /// The case as the fixture has it (`params`/`serialized` or
    /// `response`/`result`), as JSON text.
    pub case_json: &'static str,
}

// Each case module wraps codegen's shape table, whose own inner
// attributes (`//!`, `#![allow]`) sit beside the wrapper's outer one.
#[allow(clippy::mixed_attributes_style)]
mod cases {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/cases.rs"));
}
pub use cases::*;
