//! `paginators-1.json`: which operations page, and through which members.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paginators {
    /// The file format's version (`1.0`), which some files carry.
    #[serde(default)]
    pub version: Option<String>,
    pub pagination: BTreeMap<String, Paginator>,
}

/// One string or several: botocore allows both for tokens and result keys.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Paginator {
    pub input_token: OneOrMany,
    pub output_token: OneOrMany,
    #[serde(default)]
    pub result_key: Option<OneOrMany>,
    #[serde(default)]
    pub limit_key: Option<String>,
    #[serde(default)]
    pub more_results: Option<String>,
    #[serde(default)]
    pub non_aggregate_keys: Vec<String>,
}
