//! `extended_commands` of `model/customizations/<service>.json`: options
//! aws-cli's code builds around a member (deploy's `--s3-location` filling
//! `revision`, configservice's `--recording-group` filling
//! `ConfigurationRecorder.recordingGroup`). Each option gets a shape of its
//! own when the model has none that fits (the template's fields, or the
//! member's structure without the members it leaves to another option);
//! those shapes are added to a copy of the service model, so that pages,
//! shorthand and JSON parsing and the runtime's shape table treat them like
//! any model shape. Nothing here knows a service or command by name.

use crate::customizations::{Customizations, ExtendedArgument};
use crate::model::{Member, ServiceModel, Shape};
use crate::naming::cli_name;

/// The name of the shape made for `option` of `command` (and, with
/// `field`, for one of its template fields). `:` never occurs in a model's
/// shape names, so these cannot collide with one.
fn synthetic_name(command: &str, option: &str, field: Option<&str>) -> String {
    match field {
        Some(field) => format!("awsr:{command}:{option}:{field}"),
        None => format!("awsr:{command}:{option}"),
    }
}

/// What an extended option fills and with which shape.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    pub declared: &'a ExtendedArgument,
    /// The top-level input member it fills (`ConfigurationRecorder`).
    pub member: String,
    /// Members below `member` down to where the value goes (`recordingGroup`).
    pub path: Vec<String>,
    /// The shape the option's value is parsed as (in the extended model).
    pub shape: String,
    /// The name aws-cli's argument model carries (the translation map keys
    /// on it): the member's shape, or `InputShape` for a schema of its own
    /// (`create_argument_model_from_schema`).
    pub model_name: String,
    /// The model member whose documentation is the option's help
    /// (`help_from_model`).
    pub documented_member: Option<Member>,
}

/// The members of structure `shape` (none for other shapes).
fn structure_members<'m>(
    model: &'m ServiceModel,
    shape: &str,
) -> Option<&'m indexmap::IndexMap<String, Member>> {
    match model.shape(shape)? {
        Shape::Structure(s) => Some(&s.members),
        _ => None,
    }
}

/// Resolves `declared` (an option of the operation `op_name`'s command)
/// against the model.
pub fn resolve<'a>(
    model: &ServiceModel,
    op_name: &str,
    declared: &'a ExtendedArgument,
) -> Result<Resolved<'a>, String> {
    let command = cli_name(op_name);
    let where_ = || format!("{command} --{}", declared.name);
    let op = model
        .operations
        .get(op_name)
        .ok_or_else(|| format!("{}: no operation {op_name}", where_()))?;
    let input = op
        .input
        .as_ref()
        .ok_or_else(|| format!("{}: the operation has no input", where_()))?;
    let mut segments = declared.member.split('.');
    let top = segments.next().unwrap_or_default().to_string();
    let path: Vec<String> = segments.map(str::to_string).collect();
    let mut shape = input.shape.clone();
    let mut member: Option<Member> = None;
    for name in std::iter::once(&top).chain(&path) {
        let found = structure_members(model, &shape)
            .and_then(|members| members.get(name))
            .ok_or_else(|| {
                format!(
                    "{}: \"{}\" is not a member path of the input",
                    where_(),
                    declared.member
                )
            })?;
        shape = found.shape.clone();
        member = Some(found.clone());
    }
    let option = &declared.name;
    let documented_member = declared.help_from_model.then(|| member.clone()).flatten();
    match declared.action.as_str() {
        "value" if declared.omit_members.is_empty() => Ok(Resolved {
            declared,
            member: top,
            path,
            model_name: shape.clone(),
            shape,
            documented_member,
        }),
        "value" => Ok(Resolved {
            declared,
            member: top,
            path,
            model_name: shape,
            shape: synthetic_name(&command, option, None),
            documented_member,
        }),
        "template" => Ok(Resolved {
            declared,
            member: top,
            path,
            model_name: "InputShape".into(),
            shape: synthetic_name(&command, option, None),
            documented_member,
        }),
        other => Err(format!(
            "{}: unknown action \"{other}\" (value or template)",
            where_()
        )),
    }
}

/// The shapes `declared` needs that the model lacks, `(name, shape)`.
fn synthetic_shapes(
    model: &ServiceModel,
    resolved: &Resolved,
    command: &str,
) -> Result<Vec<(String, Shape)>, String> {
    let declared = resolved.declared;
    let option = &declared.name;
    let where_ = || format!("{command} --{option}");
    let parse = |value: serde_json::Value| -> Result<Shape, String> {
        serde_json::from_value(value).map_err(|e| format!("{}: {e}", where_()))
    };
    match declared.action.as_str() {
        "value" if declared.omit_members.is_empty() => Ok(Vec::new()),
        "value" => {
            // The member's structure without the members another option fills.
            let Some(Shape::Structure(original)) = model.shape(&resolved.model_name) else {
                return Err(format!("{}: omit_members needs a structure", where_()));
            };
            let mut reduced = original.clone();
            for omitted in &declared.omit_members {
                if reduced.members.shift_remove(omitted).is_none() {
                    return Err(format!("{}: no member \"{omitted}\" to omit", where_()));
                }
            }
            reduced
                .required
                .retain(|r| !declared.omit_members.contains(r));
            Ok(vec![(resolved.shape.clone(), Shape::Structure(reduced))])
        }
        _ => {
            // aws-cli's JSON schema: a structure of string fields.
            let mut shapes = Vec::new();
            let mut members = serde_json::Map::new();
            let mut required = Vec::new();
            for field in &declared.fields {
                if field.type_name != "string" {
                    return Err(format!(
                        "{}: field \"{}\" has type {} (only string fields are supported)",
                        where_(),
                        field.name,
                        field.type_name
                    ));
                }
                let name = synthetic_name(command, option, Some(&field.name));
                let mut string = serde_json::json!({"type": "string"});
                if !field.enum_values.is_empty() {
                    string["enum"] = serde_json::json!(field.enum_values);
                }
                shapes.push((name.clone(), parse(string)?));
                members.insert(field.name.clone(), serde_json::json!({"shape": name}));
                if field.required {
                    required.push(field.name.clone());
                }
            }
            let structure =
                serde_json::json!({"type": "structure", "members": members, "required": required});
            shapes.push((resolved.shape.clone(), parse(structure)?));
            Ok(shapes)
        }
    }
}

/// Every extended option of the service's commands, resolved, by command.
pub fn resolve_all<'a>(
    model: &ServiceModel,
    customizations: &'a Customizations,
) -> Result<Vec<(String, Vec<Resolved<'a>>)>, String> {
    let mut all = Vec::new();
    for (command, arguments) in &customizations.extended_commands {
        let op_name = model
            .operations
            .keys()
            .find(|name| &cli_name(name) == command)
            .ok_or_else(|| format!("extended_commands: no command \"{command}\""))?;
        let resolved = arguments
            .iter()
            .map(|a| resolve(model, op_name, a))
            .collect::<Result<Vec<_>, _>>()?;
        all.push((command.clone(), resolved));
    }
    Ok(all)
}

/// A copy of `model` with the shapes the extended options need.
pub fn extend_model(
    model: &ServiceModel,
    extended: &[(String, Vec<Resolved>)],
) -> Result<ServiceModel, String> {
    let mut model_out = model.clone();
    for (command, resolved) in extended {
        for r in resolved {
            for (name, shape) in synthetic_shapes(model, r, command)? {
                model_out.shapes.insert(name, shape);
            }
        }
    }
    Ok(model_out)
}

/// The resolved extended options of `command` (empty when it has none).
pub fn of_command<'e, 'a>(
    extended: &'e [(String, Vec<Resolved<'a>>)],
    command: &str,
) -> &'e [Resolved<'a>] {
    extended
        .iter()
        .find(|(c, _)| c == command)
        .map_or(&[], |(_, r)| r.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customizations::TemplateField;

    fn model() -> ServiceModel {
        serde_json::from_value(serde_json::json!({
            "metadata": {"apiVersion": "1", "endpointPrefix": "w", "protocol": "json",
                         "serviceFullName": "W", "signatureVersion": "v4"},
            "operations": {"PutThing": {"name": "PutThing", "http": {"method": "POST", "requestUri": "/"},
                                        "input": {"shape": "PutThingInput"}}},
            "shapes": {
                "PutThingInput": {"type": "structure", "members": {"Thing": {"shape": "Thing"}}},
                "Thing": {"type": "structure", "required": ["name"], "members": {
                    "name": {"shape": "S"}, "group": {"shape": "Group"}}},
                "Group": {"type": "structure", "members": {"all": {"shape": "S"}}},
                "S": {"type": "string"}
            }
        }))
        .expect("a valid model")
    }

    fn argument(name: &str, member: &str, action: &str) -> ExtendedArgument {
        ExtendedArgument {
            name: name.into(),
            member: member.into(),
            action: action.into(),
            required: false,
            omit_members: Vec::new(),
            fields: Vec::new(),
            template: None,
            missing_error: None,
            help: None,
            help_from_model: true,
        }
    }

    #[test]
    fn paths_omitted_members_and_templates_get_their_shapes() {
        let model = model();
        let group = argument("group", "Thing.group", "value");
        let resolved = resolve(&model, "PutThing", &group).unwrap();
        assert_eq!(
            (resolved.member.as_str(), resolved.path.as_slice()),
            ("Thing", &["group".to_string()][..])
        );
        assert_eq!(resolved.shape, "Group");

        let thing = ExtendedArgument {
            omit_members: vec!["group".into()],
            ..argument("thing", "Thing", "value")
        };
        let location = ExtendedArgument {
            fields: vec![TemplateField {
                name: "bucket".into(),
                type_name: "string".into(),
                required: true,
                enum_values: vec!["a".into()],
                help: None,
            }],
            template: Some(serde_json::json!({"kind": "S3", "at": "$value"})),
            ..argument("location", "Thing", "template")
        };
        let customizations = Customizations {
            extended_commands: [("put-thing".to_string(), vec![thing, location])].into(),
            ..Default::default()
        };
        let all = resolve_all(&model, &customizations).unwrap();
        let extended = extend_model(&model, &all).unwrap();
        let reduced = of_command(&all, "put-thing")[0].shape.clone();
        match extended.shape(&reduced) {
            Some(Shape::Structure(s)) => {
                assert_eq!(s.members.keys().collect::<Vec<_>>(), ["name"]);
                assert_eq!(s.required, ["name"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(of_command(&all, "put-thing")[1].model_name, "InputShape");
        match extended.shape("awsr:put-thing:location:bucket") {
            Some(Shape::String(s)) => assert_eq!(s.enum_values, ["a"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_the_model_lacks_is_an_error_naming_the_option() {
        let model = model();
        let error = resolve(&model, "PutThing", &argument("x", "Thing.nope", "value")).unwrap_err();
        assert_eq!(
            error,
            "put-thing --x: \"Thing.nope\" is not a member path of the input"
        );
        let error = resolve(&model, "PutThing", &argument("x", "Thing", "merge")).unwrap_err();
        assert_eq!(
            error,
            "put-thing --x: unknown action \"merge\" (value or template)"
        );
    }
}
