//! `waiters-2.json`: named polls of an operation until an acceptor matches.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Waiters {
    pub version: u32,
    pub waiters: BTreeMap<String, Waiter>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Waiter {
    pub operation: String,
    pub delay: u32,
    pub max_attempts: u32,
    pub acceptors: Vec<Acceptor>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Acceptor {
    /// `success`, `failure` or `retry`.
    pub state: String,
    /// `path`, `pathAll`, `pathAny`, `status` or `error`.
    pub matcher: String,
    #[serde(default)]
    pub argument: Option<String>,
    pub expected: serde_json::Value,
}
