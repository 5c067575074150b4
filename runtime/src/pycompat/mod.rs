//! Python compatibility: the one place that knows how Python 3.6 spells and
//! treats values, shared by the runtime and codegen (help pages, skeletons).
//! aws-cli's output and messages are Python's, byte for byte, so awsr needs
//! Python's rules rather than Rust's wherever text is compared, quoted,
//! stripped or printed:
//!
//! - [`text`]: `str` methods (white space, strip, split, splitlines,
//!   printable, decimal digits) and `repr()` of a `str`;
//! - [`number`]: `int()`/`float()` of a string and `repr()` of a float;
//! - [`repr`]: `str()`, `repr()` and type names of JSON values;
//! - [`json`]: `json.dumps` escaping, floats and layouts (request bodies too).
//!
//! JSON decoding with Python's error texts is [`crate::pyjson`]; JMESPath's
//! values (with their own comparison and sorting rules) are in
//! `format::value`, built on these.

pub mod json;
pub mod number;
pub mod repr;
pub mod text;
