// Ported from aws-cli 1.14.28 (awscli/argprocess.py ParamShorthandDocGen): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! aws-cli's `ParamShorthandDocGen` (argprocess.py): the "Shorthand Syntax"
//! example for a structure, map or list-of-complex argument, e.g.
//! `InstanceFleetId=string,TargetOnDemandCapacity=integer`. Arguments
//! nested more than a few levels deep are "too complex" and get no example.

use super::shapes::ShapeView;
use super::DocError;
use crate::model::ServiceModel;

/// `ParamShorthandDocGen._MAX_STACK`.
const MAX_STACK: usize = 3;

/// Maps nest without growing aws-cli's stack, so a map that contains
/// itself recurses until Python gives up with `RecursionError`; we stop
/// here and report it instead.
const MAX_DEPTH: usize = 64;

enum Failure {
    TooComplex,
    Doc(DocError),
}

impl From<DocError> for Failure {
    fn from(e: DocError) -> Self {
        Failure::Doc(e)
    }
}

/// Identifies the argument for the special cases.
pub struct ArgumentRef<'a> {
    /// The service's old-list options, `(command, option)`.
    pub old_list_options: &'a [(String, String)],
    pub command: &'a str,
    /// The option without dashes.
    pub name: &'a str,
}

/// `generate_shorthand_example`: `None` when the argument must not get
/// any example section (a `{"Value": string}` structure); otherwise the
/// example, empty when it is too complex to show.
pub fn shorthand_example(
    model: &ServiceModel,
    arg_model: ShapeView,
    arg: &ArgumentRef,
) -> Result<Option<String>, DocError> {
    // _handle_special_cases
    if let Some(member) = arg_model.list_member(model)? {
        let members = member.members(model)?;
        let old_case = arg
            .old_list_options
            .iter()
            .any(|(c, n)| c == arg.command && n == arg.name);
        if member.type_name() == "structure" && members.len() == 1 && old_case {
            if let Some((member_name, _)) = members.first() {
                return Ok(Some(format!(
                    "--{} {member_name}1 {member_name}2 {member_name}3",
                    arg.name
                )));
            }
        }
    } else if arg_model.type_name() == "structure" && arg_model.member_count() == 1 {
        let members = arg_model.members(model)?;
        if let Some((_, value)) = members.iter().find(|(name, _)| *name == "Value") {
            if value.type_name() == "string" {
                return Ok(None);
            }
        }
    }

    let mut stack = Vec::new();
    let result = match arg_model.list_member(model)? {
        Some(member) => shorthand_docs(model, member, &mut stack, 0).map(|d| format!("{d} ...")),
        None => shorthand_docs(model, arg_model, &mut stack, 0),
    };
    match result {
        Ok(doc) => Ok(Some(doc)),
        Err(Failure::TooComplex) => Ok(Some(String::new())),
        Err(Failure::Doc(e)) => Err(e),
    }
}

fn shorthand_docs<'m>(
    model: &'m ServiceModel,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
    depth: usize,
) -> Result<String, Failure> {
    if stack.len() > MAX_STACK {
        return Err(Failure::TooComplex);
    }
    if depth > MAX_DEPTH {
        return Err(Failure::Doc(DocError::Unsupported {
            operation: String::new(),
            reason: format!("shape \"{}\" nests maps without end", shape.name),
        }));
    }
    match shape.type_name() {
        "structure" => {
            let mut parts = Vec::new();
            for (name, member) in shape.members(model)? {
                parts.push(member_docs(model, name, member, stack, depth)?);
            }
            let inner = parts.join(",");
            Ok(if stack.is_empty() {
                inner
            } else {
                format!("{{{inner}}}")
            })
        }
        "list" => {
            let Some(member) = shape.list_member(model)? else {
                return Ok(String::new());
            };
            stack.push(member.name);
            let element = shorthand_docs(model, member, stack, depth + 1);
            stack.pop();
            let element = element?;
            Ok(if !member.is_scalar() || stack.len() > 1 {
                format!("[{element},{element}]")
            } else {
                format!("{element},{element}")
            })
        }
        "map" => {
            let Some((key, value)) = shape.map_entry(model)? else {
                return Ok(String::new());
            };
            let value_docs = shorthand_docs(model, value, stack, depth + 1)?;
            let mut start = format!("KeyName1={value_docs},KeyName2={value_docs}");
            let key_enum = key.enum_values();
            if !key_enum.is_empty() && stack.is_empty() {
                start.push_str("\n\nWhere valid key names are:\n");
                for value in key_enum {
                    start.push_str(&format!("  {value}\n"));
                }
            } else if !stack.is_empty() {
                start = format!("{{{start}}}");
            }
            Ok(start)
        }
        other => Ok(other.to_string()),
    }
}

fn member_docs<'m>(
    model: &'m ServiceModel,
    name: &str,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
    depth: usize,
) -> Result<String, Failure> {
    if stack.contains(&shape.name) {
        return Ok("( ... recursive ... )".to_string());
    }
    stack.push(shape.name);
    let value = shorthand_docs(model, shape, stack, depth + 1);
    stack.pop();
    Ok(format!("{name}={}", value?))
}
