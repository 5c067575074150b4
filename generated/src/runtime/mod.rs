//! Hand-written runtime shared by every generated operation. Nothing in this
//! folder is generated; the generator owns `src/services/`, `docs/` and
//! `skeletons/` only.

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
pub mod output;
pub mod paginate;
pub mod paramfile;
pub mod profile;
pub mod pyjson;
pub mod pyrepr;
pub mod retry;
pub mod shorthand;
pub mod timestamp;
pub mod types;
pub mod validate;
pub mod waiter;
