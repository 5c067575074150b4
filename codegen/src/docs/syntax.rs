// Ported from aws-cli 1.14.28 (awscli/clidocs.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! The shape walks of aws-cli's `OperationDocumentEventHandler` that write
//! straight into the document: the "JSON Syntax" example of an argument
//! (`_json_example`) and the "Output" section (`_doc_member_for_output`).
//!
//! Both guard recursion the same way: a shape already on the stack *twice*
//! stops the walk, so a recursive shape is expanded once more before
//! aws-cli notes the recursion. The stack holds shape names.

use super::restdoc::ReSTDocument;
use super::shapes::ShapeView;
use super::DocError;
use crate::model::ServiceModel;

/// `_json_example_value_name`: the placeholder of a scalar.
pub fn json_value_name(shape: &ShapeView, include_enum_values: bool) -> String {
    if shape.is_string() {
        let values = shape.enum_values();
        if !values.is_empty() && include_enum_values {
            values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join("|")
        } else {
            "\"string\"".to_string()
        }
    } else if shape.type_name() == "boolean" {
        "true|false".to_string()
    } else {
        shape.type_name().to_string()
    }
}

fn occurrences(stack: &[&str], name: &str) -> usize {
    stack.iter().filter(|s| **s == name).count()
}

/// `_json_example`.
pub fn json_example<'m>(
    doc: &mut ReSTDocument,
    model: &'m ServiceModel,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
) -> Result<(), DocError> {
    if occurrences(stack, shape.name) > 1 {
        if shape.type_name() == "structure" {
            doc.write("{ ... recursive ... }");
        }
        return Ok(());
    }
    stack.push(shape.name);
    let result = do_json_example(doc, model, shape, stack);
    stack.pop();
    result
}

fn do_json_example<'m>(
    doc: &mut ReSTDocument,
    model: &'m ServiceModel,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
) -> Result<(), DocError> {
    match shape.type_name() {
        "list" => {
            let Some(member) = shape.list_member(model)? else {
                return Ok(());
            };
            doc.write("[");
            if member.is_scalar() {
                doc.write(&format!("{}, ...", json_value_name(&member, true)));
            } else {
                doc.indent();
                doc.new_line();
                json_example(doc, model, member, stack)?;
                doc.new_line();
                doc.write("...");
                doc.dedent();
                doc.new_line();
            }
            doc.write("]");
        }
        "map" => {
            let Some((key, value)) = shape.map_entry(model)? else {
                return Ok(());
            };
            doc.write("{");
            doc.indent();
            doc.write(&format!("{}: ", json_value_name(&key, true)));
            if value.is_scalar() {
                doc.write(&json_value_name(&value, true));
            } else {
                doc.indent();
                json_example(doc, model, value, stack)?;
                doc.dedent();
            }
            doc.new_line();
            doc.write("...");
            doc.dedent();
            doc.write("}");
        }
        "structure" => structure_members(doc, model, shape, stack)?,
        _ => {}
    }
    Ok(())
}

/// `_doc_input_structure_members`.
fn structure_members<'m>(
    doc: &mut ReSTDocument,
    model: &'m ServiceModel,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
) -> Result<(), DocError> {
    doc.write("{");
    doc.indent();
    doc.new_line();
    let members = shape.members(model)?;
    let count = members.len();
    for (i, (name, member)) in members.into_iter().enumerate() {
        if member.is_scalar() {
            doc.write(&format!("\"{name}\": {}", json_value_name(&member, true)));
        } else {
            doc.write(&format!("\"{name}\": "));
            json_example(doc, model, member, stack)?;
        }
        if i + 1 < count {
            doc.write(",");
            doc.new_line();
        }
    }
    doc.dedent();
    doc.new_line();
    doc.write("}");
    Ok(())
}

/// `_doc_member_for_output`: one member of the output (or a list element
/// when `name` is empty), its documentation, and its own members.
pub fn output_member<'m>(
    doc: &mut ReSTDocument,
    model: &'m ServiceModel,
    name: &str,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
) -> Result<(), DocError> {
    if occurrences(stack, shape.name) > 1 {
        if shape.type_name() == "structure" {
            doc.write("( ... recursive ... )");
        }
        return Ok(());
    }
    stack.push(shape.name);
    let result = do_output_member(doc, model, name, shape, stack);
    stack.pop();
    result
}

fn do_output_member<'m>(
    doc: &mut ReSTDocument,
    model: &'m ServiceModel,
    name: &str,
    shape: ShapeView<'m>,
    stack: &mut Vec<&'m str>,
) -> Result<(), DocError> {
    if name.is_empty() {
        doc.write(&format!("({})", shape.type_name()));
    } else {
        let type_name = if shape.is_json_value_header() {
            "JSON"
        } else {
            shape.type_name()
        };
        doc.write(&format!("{name} -> ({type_name})"));
    }
    doc.indent();
    doc.new_paragraph();
    doc.include_doc_string(shape.documentation());
    doc.new_paragraph();
    match shape.type_name() {
        "structure" => {
            for (sub_name, sub_shape) in shape.members(model)? {
                output_member(doc, model, sub_name, sub_shape, stack)?;
            }
        }
        "map" => {
            if let Some((key, value)) = shape.map_entry(model)? {
                output_member(
                    doc,
                    model,
                    key.serialized_name().unwrap_or("key"),
                    key,
                    stack,
                )?;
                output_member(
                    doc,
                    model,
                    value.serialized_name().unwrap_or("value"),
                    value,
                    stack,
                )?;
            }
        }
        "list" => {
            if let Some(member) = shape.list_member(model)? {
                output_member(doc, model, "", member, stack)?;
            }
        }
        _ => {}
    }
    doc.dedent();
    doc.new_paragraph();
    Ok(())
}
