//! Rust emission: the `services/` modules of the `generated` crate. Each
//! submodule turns part of the model into tokens; [`format`] checks them with
//! syn and prints them with prettyplease under the do-not-edit header.

pub mod format;
pub mod idents;
pub mod operations;
pub mod service;
pub mod shapes;
pub mod waiters;

use crate::model::ServiceModel;
use std::collections::BTreeSet;

/// The shapes reachable from `roots`, in model order (so output is stable).
pub fn reachable_shapes<'m>(model: &'m ServiceModel, roots: &[&'m str]) -> Vec<&'m str> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut todo: Vec<&str> = roots.to_vec();
    while let Some(name) = todo.pop() {
        if !seen.insert(name) {
            continue;
        }
        if let Some(shape) = model.shape(name) {
            todo.extend(shape.references().into_iter().map(|(_, target)| target));
        }
    }
    model
        .shapes
        .keys()
        .map(String::as_str)
        .filter(|name| seen.contains(name))
        .collect()
}
