// Ported from aws-cli 1.14.28 (awscli/clidriver.py, awscli/customizations): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! The argument table aws-cli documents for an operation, in aws-cli's
//! order: the input members (`ServiceOperation._create_argument_table`,
//! booleans as `--x`/`--no-x` pairs), then what the generic
//! `building-argument-table` customizations add, in their registration
//! order: `--cli-input-json`, the pagination options (hiding the
//! service's own paging members), `--generate-cli-skeleton`.
//!
//! A service's own customizations (emr's `add-tags --tags k=v`,
//! `list-clusters --active`, ...) come from the declared layer
//! (`model/customizations/<service>.json`). aws-cli runs those handlers
//! first (their event names are more specific), so they are applied right
//! after the input members, followed by its argument renames and hidden
//! aliases (`argrename.py`, declared as `argument_edits`).

use super::fragments::{self, fragment};
use super::restdoc::TranslationMap;
use super::shapes::ShapeView;
use super::{DocError, DocInputs};
use crate::customizations::{Action, ArgumentEdit, CustomArgument};
use crate::extended::Resolved;
use crate::model::{Operation, Paginator, ServiceModel, Shape};
use crate::naming::cli_name;

/// An argument's `argument_model`, which aws-cli uses for enums, syntax
/// examples, and (by name) for the translation map.
#[derive(Debug, Clone, Copy)]
pub enum ArgModel<'m> {
    /// A member of the input shape.
    Shape(ShapeView<'m>),
    /// A customization's own string-typed model, by its name
    /// (`InputShape` for `--cli-input-json`, `PageArgument` for paging).
    Synthetic(&'static str),
    /// No model (`--generate-cli-skeleton`).
    None,
}

impl<'m> ArgModel<'m> {
    fn name(&self) -> Option<&'m str> {
        match self {
            ArgModel::Shape(view) => Some(view.name),
            ArgModel::Synthetic(name) => Some(name),
            ArgModel::None => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CliArg<'m> {
    /// The option without its dashes: `cluster-id`.
    pub name: String,
    pub model: ArgModel<'m>,
    /// `string`, `list`, `boolean`, `integer`, ...
    pub cli_type_name: String,
    /// HTML (model documentation or a help-text fragment).
    pub documentation: String,
    pub required: bool,
    /// Options documented together (`--x | --no-x`).
    pub group: Option<String>,
    /// Still accepted but left out of the page (a service's own paging members).
    pub undocumented: bool,
}

impl CliArg<'_> {
    pub fn cli_name(&self) -> String {
        format!("--{}", self.name)
    }
}

/// An ordered dict of arguments: inserting an existing name replaces the
/// argument in place, as assigning to a Python `OrderedDict` key does.
#[derive(Debug, Clone, Default)]
pub struct ArgTable<'m> {
    pub args: Vec<CliArg<'m>>,
}

impl<'m> ArgTable<'m> {
    fn insert(&mut self, arg: CliArg<'m>) {
        match self.args.iter_mut().find(|a| a.name == arg.name) {
            Some(slot) => *slot = arg,
            None => self.args.push(arg),
        }
    }

    /// aws-cli's `rename_argument` / `make_hidden_alias` on this table; an
    /// edit naming an option the command does not have changes nothing, as
    /// in aws-cli (`if original_arg_name in argument_table`).
    fn apply(&mut self, edit: &ArgumentEdit) {
        match *edit {
            ArgumentEdit::Rename { from, to } => {
                if let Some(index) = self.args.iter().position(|a| a.name == from) {
                    let mut arg = self.args.remove(index);
                    arg.name = to.to_string();
                    self.insert(arg);
                }
            }
            ArgumentEdit::HiddenAlias { argument, alias } => {
                if let Some(original) = self.args.iter().find(|a| a.name == argument) {
                    // The original stays documented as required
                    // (`_DOCUMENT_AS_REQUIRED`); the copy is never shown.
                    let copy = CliArg {
                        name: alias.to_string(),
                        required: false,
                        undocumented: true,
                        ..original.clone()
                    };
                    self.insert(copy);
                }
            }
        }
    }

    /// The options sharing `group`, in table order.
    pub fn group_members(&self, group: &str) -> Vec<&CliArg<'m>> {
        self.args
            .iter()
            .filter(|a| a.group.as_deref() == Some(group))
            .collect()
    }
}

/// The command's arguments in the declared customization layer
/// (`model/customizations/<service>.json`), in aws-cli's order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Declared<'m, 'e> {
    /// `commands`: arguments that add to or replace model options.
    pub custom: &'e [CustomArgument],
    /// `extended_commands`, resolved against the (extended) model.
    pub extended: &'m [Resolved<'m>],
    /// `optional_arguments`: model-required options made optional.
    pub optional: &'e [String],
    /// Renames and hidden aliases, applied in order.
    pub edits: &'e [ArgumentEdit<'e>],
}

/// Builds the table for `op`. `paginator` is the operation's entry in
/// `paginators-1.json`, if it has one; `declared` the command's arguments in
/// the declared customization layer.
pub fn arg_table<'m>(
    model: &'m ServiceModel,
    op: &'m Operation,
    paginator: Option<&Paginator>,
    declared: &Declared<'m, '_>,
    docs: &DocInputs,
) -> Result<ArgTable<'m>, DocError> {
    let unsupported = |reason: String| DocError::Unsupported {
        operation: op.name.clone(),
        reason,
    };
    if has_streaming_output(model, op)? {
        return Err(unsupported(
            "streaming output (aws-cli replaces --generate-cli-skeleton with an outfile argument)"
                .into(),
        ));
    }
    let mut table = ArgTable::default();
    let mut input_members = Vec::new();
    if let Some(input) = &op.input {
        let input = ShapeView::named(model, &input.shape)?;
        let required: &[String] = match input.shape {
            Shape::Structure(s) => &s.required,
            _ => &[],
        };
        input_members = input.members(model)?;
        for (member_name, view) in &input_members {
            let name = cli_name(member_name);
            let is_token = view.member.is_some_and(|m| m.idempotency_token);
            let required = required.iter().any(|r| r == member_name) && !is_token;
            let arg = CliArg {
                name: name.clone(),
                model: ArgModel::Shape(*view),
                cli_type_name: view.type_name().to_string(),
                documentation: view.documentation().to_string(),
                required,
                group: None,
                undocumented: false,
            };
            if view.type_name() == "boolean" {
                // BooleanArgument.add_to_arg_table: --x, then --no-x.
                let negative = CliArg {
                    name: format!("no-{name}"),
                    required: false,
                    group: Some(name.clone()),
                    ..arg.clone()
                };
                table.insert(CliArg {
                    group: Some(name),
                    ..arg
                });
                table.insert(negative);
            } else {
                table.insert(arg);
            }
        }
    }

    for arg in declared.custom {
        table.insert(declared_arg(arg, &input_members, docs)?);
    }
    for arg in declared.extended {
        table.insert(extended_arg(model, arg, docs)?);
    }
    for name in declared.optional {
        if let Some(arg) = table.args.iter_mut().find(|a| &a.name == name) {
            arg.required = false;
        }
    }
    for edit in declared.edits {
        table.apply(edit);
    }

    table.insert(custom_arg(
        "cli-input-json",
        ArgModel::Synthetic("InputShape"),
        "string",
        fragment(docs, fragments::CLI_INPUT_JSON)?,
    ));

    if let Some(paginator) = paginator {
        let mut hidden: Vec<String> = paginator.input_token.to_vec();
        hidden.extend(paginator.limit_key.iter().cloned());
        for token in &hidden {
            let name = cli_name(token);
            match table.args.iter_mut().find(|a| a.name == name) {
                Some(arg) => arg.undocumented = true,
                None => {
                    return Err(unsupported(format!(
                        "paginator token \"{token}\" is not an input member"
                    )))
                }
            }
        }
        let page = ArgModel::Synthetic("PageArgument");
        table.insert(custom_arg(
            "starting-token",
            page,
            "string",
            fragment(docs, fragments::STARTING_TOKEN)?,
        ));
        let mut type_name = "integer";
        if let Some(limit_key) = &paginator.limit_key {
            let limit = input_members
                .iter()
                .find(|(name, _)| name == limit_key)
                .ok_or_else(|| {
                    unsupported(format!(
                        "paginator limit_key \"{limit_key}\" is not an input member"
                    ))
                })?;
            type_name = limit.1.type_name();
            if type_name != "integer" && type_name != "string" {
                return Err(unsupported(format!(
                    "paginator limit_key \"{limit_key}\" has type {type_name}"
                )));
            }
            table.insert(custom_arg(
                "page-size",
                page,
                type_name,
                fragment(docs, fragments::PAGE_SIZE)?,
            ));
        }
        table.insert(custom_arg(
            "max-items",
            page,
            type_name,
            fragment(docs, fragments::MAX_ITEMS)?,
        ));
    }

    table.insert(custom_arg(
        "generate-cli-skeleton",
        ArgModel::None,
        "string",
        fragment(docs, fragments::GENERATE_CLI_SKELETON)?,
    ));
    Ok(table)
}

fn custom_arg<'m>(
    name: &str,
    model: ArgModel<'m>,
    type_name: &str,
    documentation: &str,
) -> CliArg<'m> {
    CliArg {
        name: name.to_string(),
        model,
        cli_type_name: type_name.to_string(),
        documentation: documentation.to_string(),
        required: false,
        group: None,
        undocumented: false,
    }
}

/// A declared custom argument as aws-cli's `CustomArgument` presents it:
/// a flag (`store_true`) is a `boolean`; an argument taking one or more
/// words (`nargs='+'`) is a `string` without a model; a single value has
/// the type of the member it fills (aws-cli's `cli_type_name`, e.g.
/// `timestamp` for `--created-after`) and a model named `InputShape`.
fn declared_arg<'m>(
    arg: &CustomArgument,
    input_members: &[(&'m str, ShapeView<'m>)],
    docs: &DocInputs,
) -> Result<CliArg<'m>, DocError> {
    let member_type = input_members
        .iter()
        .find(|(name, _)| *name == arg.member)
        .map(|(_, view)| *view)
        .filter(ShapeView::is_scalar)
        .map_or("string", |view| view.type_name());
    let (model, type_name) = match arg.action {
        Action::Constant => (ArgModel::Synthetic("InputShape"), "boolean"),
        _ if arg.one_or_more => (ArgModel::None, "string"),
        Action::Value => (ArgModel::Synthetic("InputShape"), member_type),
        Action::KeyValueList => (ArgModel::Synthetic("InputShape"), "string"),
    };
    let documentation = match &arg.help {
        Some(path) => fragment(docs, path)?,
        None => "",
    };
    Ok(CliArg {
        required: arg.required,
        group: arg.group.clone(),
        ..custom_arg(&arg.name, model, type_name, documentation)
    })
}

/// An extended argument (`extended_commands`): a model-typed argument
/// whose shape is the member's or one of its own, documented by its help
/// file or by the member's model documentation.
fn extended_arg<'m>(
    model: &'m ServiceModel,
    arg: &'m Resolved<'m>,
    docs: &DocInputs,
) -> Result<CliArg<'m>, DocError> {
    let shape = model
        .shape(&arg.shape)
        .ok_or_else(|| DocError::UnknownShape {
            shape: arg.shape.clone(),
        })?;
    let view = ShapeView {
        name: &arg.model_name,
        shape,
        member: arg.documented_member.as_ref(),
    };
    let documentation = match &arg.declared.help {
        Some(path) => fragment(docs, path)?,
        None if arg.declared.help_from_model => view.documentation(),
        None => "",
    };
    Ok(CliArg {
        required: arg.declared.required,
        ..custom_arg(
            &arg.declared.name,
            ArgModel::Shape(view),
            view.type_name(),
            documentation,
        )
    })
}

/// botocore's `has_streaming_output`: the output's payload member is a blob.
fn has_streaming_output(model: &ServiceModel, op: &Operation) -> Result<bool, DocError> {
    let Some(output) = &op.output else {
        return Ok(false);
    };
    let output = ShapeView::named(model, &output.shape)?;
    let Shape::Structure(s) = output.shape else {
        return Ok(false);
    };
    let Some(payload) = &s.payload else {
        return Ok(false);
    };
    match s.members.get(payload) {
        Some(member) => Ok(ShapeView::member(model, member)?.type_name() == "blob"),
        None => Ok(false),
    }
}

/// `OperationDocumentEventHandler.build_translation_map`: each argument's
/// model name → its option name (the first argument wins, except that a
/// boolean's positive form beats an earlier `no-` form), then every
/// operation name of the service → its command name.
/// `translate_operation_names: false` (a command's declared `docs`) leaves
/// operation names out, as aws-cli's emptied map does.
pub fn translation_map(
    model: &ServiceModel,
    table: &ArgTable,
    translate_operation_names: bool,
) -> TranslationMap {
    let mut map = TranslationMap::new();
    for arg in &table.args {
        let Some(model_name) = arg.model.name() else {
            continue;
        };
        match map.get(model_name) {
            Some(previous) => {
                let positive_of_previous = previous.strip_prefix("no-") == Some(arg.name.as_str());
                if arg.cli_type_name == "boolean" && positive_of_previous {
                    map.insert(model_name.to_string(), arg.name.clone());
                }
            }
            None => {
                map.insert(model_name.to_string(), arg.name.clone());
            }
        }
    }
    if translate_operation_names {
        for name in model.operations.keys() {
            map.insert(name.clone(), cli_name(name));
        }
    }
    map
}
