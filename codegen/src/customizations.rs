//! `model/customizations/<service>.json`: the arguments aws-cli's own
//! customisations add to or replace on model-driven commands (list-clusters'
//! `--active`, add-tags' `key=value` tags, ...). Declared as data so that the
//! generator passes them through without knowing any command by name.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customizations {
    #[serde(default)]
    pub source: Option<String>,
    /// Command name → its custom arguments, in aws-cli's order.
    pub commands: BTreeMap<String, Vec<CustomArgument>>,
    /// Exclusive group → the error when more than one of its arguments is given.
    #[serde(default)]
    pub exclusive_errors: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// The value, processed as the member's type would be.
    Value,
    /// A flag that sets the member to a constant list.
    Constant,
    /// `key=value` words → `[{"Key": .., "Value": ..}]`.
    KeyValueList,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomArgument {
    /// The option without dashes; replaces a model option of the same name.
    pub name: String,
    /// The input member it fills.
    pub member: String,
    pub action: Action,
    #[serde(default)]
    pub value: Vec<String>,
    #[serde(default)]
    pub one_or_more: bool,
    #[serde(default)]
    pub required: bool,
    /// Arguments sharing a group are documented together (`--a | --b`).
    #[serde(default)]
    pub group: Option<String>,
    /// Arguments of one exclusive set may not fill their member twice.
    #[serde(default)]
    pub exclusive: Option<String>,
    /// The help text (HTML), a file under `model/docs/`.
    #[serde(default)]
    pub help: Option<String>,
}
