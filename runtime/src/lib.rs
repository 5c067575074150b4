//! awsr's hand-written runtime, shared by every generated operation: argument
//! parsing, validation, credentials, signing and sending, retries, output.
//! Nothing in this crate is generated; codegen owns `generated/src/services/`,
//! `generated/docs/` and `generated/skeletons/` only.
// Panic policy: no unwrap/expect/panic on user, model or network data outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod argparse;
pub mod argvalue;
pub mod call;
pub mod config;
pub mod credentials;
pub mod debug;
pub mod driver;
pub mod error;
pub mod format;
pub mod help;
pub mod http;
pub mod model;
pub mod options;
pub mod output;
pub mod paginate;
pub mod paramfile;
pub mod profile;
pub mod protocol;
pub mod pyjson;
pub mod pyrepr;
pub mod retry;
pub mod shorthand;
pub mod timestamp;
pub mod types;
pub mod validate;
pub mod waiter;
