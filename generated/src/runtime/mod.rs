//! Hand-written runtime shared by every generated operation. Nothing in this
//! folder is generated; the generator owns `src/services/`, `docs/` and
//! `skeletons/` only.

pub mod argparse;
pub mod argvalue;
pub mod paramfile;
pub mod pyjson;
