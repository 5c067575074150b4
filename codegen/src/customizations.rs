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
    // What follows records the rest of aws-cli's per-service customisations
    // (see model/customizations/README.md). The generator does not act on it
    // yet; it is parsed so that every file is checked against the schema.
    /// Command name → arguments that need more than `commands` can say (a
    /// member path, members left out, a fixed template around the value).
    /// Kept apart so that a generator that does not implement them leaves
    /// the model's arguments in place rather than mis-handling them.
    #[serde(default)]
    pub extended_commands: BTreeMap<String, Vec<ExtendedArgument>>,
    /// Model-driven commands aws-cli deletes from its command table.
    #[serde(default)]
    pub removed_commands: Vec<String>,
    /// Model-driven command name → the hand-written aws-cli command that takes its place.
    #[serde(default)]
    pub replaced_commands: BTreeMap<String, String>,
    /// Hand-written aws-cli commands with no model operation behind them.
    #[serde(default)]
    pub custom_commands: BTreeMap<String, String>,
    /// Undocumented alias → the command it copies.
    #[serde(default)]
    pub hidden_command_aliases: BTreeMap<String, String>,
    /// Argument renames, in aws-cli's order (`command` may be `*`).
    #[serde(default)]
    pub argument_renames: Vec<ArgumentRename>,
    /// Undocumented copies of an argument under another name.
    #[serde(default)]
    pub hidden_argument_aliases: Vec<HiddenArgumentAlias>,
    /// Command → arguments required by the model that aws-cli makes optional.
    #[serde(default)]
    pub optional_arguments: BTreeMap<String, Vec<String>>,
    /// Command → changes to how its page is rendered.
    #[serde(default)]
    pub docs: BTreeMap<String, CommandDocs>,
    /// Customisations that are code in aws-cli and have no data form here.
    #[serde(default)]
    pub not_expressible: Vec<NotExpressible>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtendedArgument {
    pub name: String,
    /// The input member it fills; a dotted path reaches into a structure.
    pub member: String,
    /// `value` (the member's type) or `template` (a structure of `fields`,
    /// placed where `template` holds the string `$value`).
    pub action: String,
    #[serde(default)]
    pub required: bool,
    /// Members of the member's structure this argument does not accept.
    #[serde(default)]
    pub omit_members: Vec<String>,
    #[serde(default)]
    pub fields: Vec<TemplateField>,
    #[serde(default)]
    pub template: Option<serde_json::Value>,
    /// The error when a required field is missing.
    #[serde(default)]
    pub missing_error: Option<String>,
    /// The help text (HTML), a file under `model/docs/`.
    #[serde(default)]
    pub help: Option<String>,
    /// The help is the member's documentation in the model.
    #[serde(default)]
    pub help_from_model: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateField {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArgumentRename {
    pub command: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HiddenArgumentAlias {
    pub command: String,
    pub argument: String,
    pub alias: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandDocs {
    /// false: operation names in the text stay as they are (aws-cli clears
    /// the page's translation map).
    #[serde(default)]
    pub translate_operation_names: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotExpressible {
    pub command: String,
    pub what: String,
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

/// One edit aws-cli makes to a command's argument table after building it
/// from the model (`argrename.py`), in the order it makes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgumentEdit<'a> {
    /// `rename_argument`: the option takes the new name and moves to the
    /// end of the table (aws-cli deletes and re-inserts the dict entry).
    Rename { from: &'a str, to: &'a str },
    /// `make_hidden_alias`: an undocumented copy named `alias`, appended;
    /// when `argument` was required neither is required any more, but
    /// `argument` is still documented as required.
    HiddenAlias { argument: &'a str, alias: &'a str },
}

impl Customizations {
    /// The argument-table edits of `command`: renames (those for `*` apply
    /// to every command), then hidden aliases, as aws-cli registers them.
    pub fn argument_edits(&self, command: &str) -> Vec<ArgumentEdit<'_>> {
        let renames = self
            .argument_renames
            .iter()
            .filter(|r| r.command == command || r.command == "*")
            .map(|r| ArgumentEdit::Rename {
                from: &r.from,
                to: &r.to,
            });
        let aliases = self
            .hidden_argument_aliases
            .iter()
            .filter(|a| a.command == command)
            .map(|a| ArgumentEdit::HiddenAlias {
                argument: &a.argument,
                alias: &a.alias,
            });
        renames.chain(aliases).collect()
    }

    /// Whether `command` is a hidden alias (`make_hidden_command_alias`) and
    /// of which command.
    pub fn command_aliases_of<'a>(&'a self, command: &'a str) -> impl Iterator<Item = &'a str> {
        self.hidden_command_aliases
            .iter()
            .filter(move |(_, target)| target.as_str() == command)
            .map(|(alias, _)| alias.as_str())
    }
}
