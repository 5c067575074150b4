//! Rust emission: the `services/` modules of the `generated` crate. Each
//! submodule turns part of the model into tokens; [`format`] checks them with
//! syn and prints them with prettyplease under the do-not-edit header.

pub mod format;
pub mod operations;
pub mod service;
pub mod shapes;
pub mod types;
pub mod validators;
pub mod waiters;

use crate::model::{ServiceModel, Shape};
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

/// Whether a member of type `target` inside structure `owner` must be boxed:
/// the target reaches `owner` again through structures alone (lists and maps
/// already put their elements on the heap).
pub fn needs_box(model: &ServiceModel, owner: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(name) = todo.pop() {
        if name == owner {
            return true;
        }
        if !seen.insert(name) {
            continue;
        }
        if let Some(Shape::Structure(s)) = model.shape(name) {
            todo.extend(s.members.values().map(|m| m.shape.as_str()));
        }
    }
    false
}
