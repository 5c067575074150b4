//! awsr's hand-written runtime, shared by every generated operation: argument
//! parsing, validation, credentials, signing and sending, retries, output.
//! Nothing in this crate is generated; codegen owns `generated/` only (the
//! `generated` crate and a crate per service under `generated/services/`).
// Panic policy: no unwrap/expect/panic on user, model or network data outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// Public: what the cli, generated code, codegen (pycompat) and the
// workspace tests use (profile, limits: property tests); everything else is
// the runtime's own. (config, http
// and paramfile stay public until their test-only and unused items, which
// privacy would flag as dead code, are sorted out with their rework.)
pub mod argparse;
mod argvalue;
mod call;
pub mod config;
mod credentials;
mod debug;
pub mod driver;
pub mod endpoints;
mod error;
mod expression;
mod extended;
pub mod format;
mod forward_proxy;
mod help;
pub mod http;
pub mod limits;
pub mod model;
pub mod options;
mod output;
mod paginate;
pub mod paramfile;
pub mod profile;
pub mod protocol;
mod proxy;
pub mod pycompat;
pub mod pyjson;
mod retry;
pub mod shorthand;
mod timestamp;
pub mod tls;
pub mod types;
pub mod validate;
mod waiter;
