//! What the generator refuses, checked before anything is emitted: a model
//! is either generated into code that compiles and behaves, or refused here
//! with the file and JSON path of the part it cannot take.
//!
//! Names become command names, option names, Rust identifiers, module and
//! file names, so each is checked for its form and for collisions after the
//! case conversion that produces it. The forms are those of every `json`
//! service in botocore 1.8.32 (operations and waiters `[A-Za-z][A-Za-z0-9]*`,
//! shapes and members `[A-Za-z][A-Za-z0-9_]*`); nothing real is refused.

use super::{ModelError, Paginators, ServiceModel, Shape, Waiters};
use crate::customizations::Customizations;
use crate::naming::{cli_name, xform_name};
use std::collections::{BTreeMap, BTreeSet};

/// The protocols the runtime speaks.
pub const PROTOCOLS: &[&str] = &["json"];
/// The `jsonVersion`s the runtime sends as `application/x-amz-json-<v>`.
pub const JSON_VERSIONS: &[&str] = &["1.0", "1.1"];
/// How far a shape may nest below an operation's input or output, counting
/// the once-more expansion of recursive structures that help pages and
/// skeletons do. Real models stay under 20; the generator recurses this deep.
pub const MAX_DEPTH: usize = 64;
/// How many values one operation's input or output may expand to in its
/// skeleton and help page. A model whose shapes share members in a diamond
/// pattern doubles at each level; this bounds the pages, not real models
/// (EMR's largest is a few hundred).
pub const MAX_EXPANSION: usize = 50_000;

/// Commands the runtime gives every service besides its operations.
const RESERVED_COMMANDS: &[&str] = &["help", "wait"];
/// Options the runtime adds to every operation (aws-cli's customisations
/// `cli-input-json` and `generate-cli-skeleton`): a member of the same name
/// would be shadowed.
const OPERATION_OPTIONS: &[&str] = &["cli-input-json", "generate-cli-skeleton"];
/// Options added to paginated operations.
pub const PAGING_OPTIONS: &[&str] = &["starting-token", "page-size", "max-items"];

/// Where a check failed.
struct Files<'a> {
    service: &'a str,
    paginators: String,
    waiters: String,
    customizations: &'a str,
}

fn error(file: &str, path: String, message: String) -> ModelError {
    ModelError {
        file: file.to_string(),
        path,
        message,
    }
}

/// A JSON path segment: bare when it is a plain name, quoted otherwise.
fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        format!(".{name}")
    } else {
        format!("[{}]", serde_json::Value::from(name))
    }
}

/// `[A-Za-z]` then `[A-Za-z0-9]*` (plus `_` when `underscore`).
fn plain_name(name: &str, underscore: bool) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || (underscore && c == '_'))
}

fn is_rust_keyword(word: &str) -> bool {
    syn::parse_str::<syn::Ident>(word).is_err()
}

/// Records `name` under `ident` in one namespace; the second name to claim
/// an identifier is the error.
fn claim<'a>(
    seen: &mut BTreeMap<String, &'a str>,
    ident: String,
    name: &'a str,
) -> Result<(), &'a str> {
    match seen.get(&ident) {
        Some(first) if *first != name => Err(first),
        _ => {
            seen.insert(ident, name);
            Ok(())
        }
    }
}

/// Checks one service before generation.
pub fn check_service(
    model_file: &str,
    customizations_file: &str,
    model: &ServiceModel,
    operations: &[String],
    paginators: &Paginators,
    waiters: &Waiters,
    customizations: &Customizations,
) -> Result<(), ModelError> {
    let dir = model_file.rsplit_once('/').map_or("", |(d, _)| d);
    let files = Files {
        service: model_file,
        paginators: format!("{dir}/paginators-1.json"),
        waiters: format!("{dir}/waiters-2.json"),
        customizations: customizations_file,
    };
    check_metadata(&files, model)?;
    // Commands and options first: they outlive the Rust emission of today.
    check_operations(&files, model, operations, paginators)?;
    check_waiters(&files, model, operations, waiters)?;
    check_shapes(&files, model, &reachable(model, operations))?;
    check_customizations(&files, model, operations, customizations)?;
    Ok(())
}

fn check_metadata(files: &Files, model: &ServiceModel) -> Result<(), ModelError> {
    let meta = &model.metadata;
    if !PROTOCOLS.contains(&meta.protocol.as_str()) {
        return Err(error(
            files.service,
            "metadata.protocol".into(),
            format!(
                "protocol \"{}\" is not one awsr's runtime speaks (it speaks {}); refusing rather than generating a client that would send the wrong requests",
                meta.protocol,
                PROTOCOLS.join(", ")
            ),
        ));
    }
    match &meta.json_version {
        Some(version) if JSON_VERSIONS.contains(&version.as_str()) => {}
        other => {
            return Err(error(
                files.service,
                "metadata.jsonVersion".into(),
                format!(
                    "jsonVersion {} is not one the runtime sends as Content-Type (it sends {})",
                    other
                        .as_deref()
                        .map_or("missing".to_string(), |v| format!("\"{v}\"")),
                    JSON_VERSIONS.join(", ")
                ),
            ))
        }
    }
    match &meta.target_prefix {
        Some(prefix) if !prefix.is_empty() => {}
        _ => {
            return Err(error(
                files.service,
                "metadata.targetPrefix".into(),
                "a json protocol service needs a targetPrefix for its X-Amz-Target header".into(),
            ))
        }
    }
    if meta.signature_version != "v4" {
        return Err(error(
            files.service,
            "metadata.signatureVersion".into(),
            format!(
                "signatureVersion \"{}\" is not one the runtime signs with (it signs v4)",
                meta.signature_version
            ),
        ));
    }
    let endpoint_ok = !meta.endpoint_prefix.is_empty()
        && meta
            .endpoint_prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !endpoint_ok {
        return Err(error(
            files.service,
            "metadata.endpointPrefix".into(),
            format!(
                "endpointPrefix {:?} is not a host name label",
                meta.endpoint_prefix
            ),
        ));
    }
    Ok(())
}

/// The shapes the generated operations reach: only these are emitted, so
/// only their identifiers can collide (real models hold shapes differing
/// only in case, e.g. health's `eventDescription` and `EventDescription`).
fn reachable<'m>(model: &'m ServiceModel, operations: &[String]) -> BTreeSet<&'m str> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = operations
        .iter()
        .filter_map(|o| model.operations.get(o))
        .flat_map(|op| op.input.iter().chain(op.output.iter()))
        .map(|r| r.shape.as_str())
        .collect();
    while let Some(name) = todo.pop() {
        if let Some((key, shape)) = model.shapes.get_key_value(name) {
            if seen.insert(key.as_str()) {
                todo.extend(shape.references().into_iter().map(|(_, target)| target));
            }
        }
    }
    seen
}

fn check_shapes(
    files: &Files,
    model: &ServiceModel,
    emitted: &BTreeSet<&str>,
) -> Result<(), ModelError> {
    let mut statics = BTreeMap::new();
    for (name, shape) in &model.shapes {
        let path = format!("shapes{}", key(name));
        if !plain_name(name, true) {
            return Err(error(
                files.service,
                path,
                "a shape name must be ASCII letters, digits and '_', starting with a letter".into(),
            ));
        }
        // Lists, structures and maps become `shapes.rs` statics.
        let container = matches!(shape, Shape::Structure(_) | Shape::List(_) | Shape::Map(_));
        if container && emitted.contains(name.as_str()) {
            let ident = crate::rust::shapes::static_ident(name).to_string();
            if let Err(first) = claim(&mut statics, ident.clone(), name) {
                return Err(error(
                    files.service,
                    path,
                    format!(
                        "its Rust static name `{ident}` is also that of shape \"{first}\"; rename one"
                    ),
                ));
            }
        }
        match shape {
            Shape::Structure(s) => {
                // Member names are data (options and JSON keys), checked as
                // options per operation; here only their form.
                for member in s.members.keys() {
                    if !plain_name(member, true) {
                        return Err(error(
                            files.service,
                            format!("{path}.members{}", key(member)),
                            "a member name must be ASCII letters, digits and '_', starting with a letter".into(),
                        ));
                    }
                }
            }
            Shape::Map(m) if !matches!(model.shape(&m.key.shape), Some(Shape::String(_))) => {
                return Err(error(
                    files.service,
                    format!("{path}.key.shape"),
                    format!(
                        "map key shape \"{}\" is not a string; JSON object keys are strings",
                        m.key.shape
                    ),
                ));
            }
            _ => {}
        }
        if let Some(cycle) = container_cycle(model, name) {
            return Err(error(
                files.service,
                cycle,
                format!(
                    "{} \"{name}\" contains itself with no structure in between, so it has no finite skeleton or help page (aws-cli recurses forever on it)",
                    shape.type_name()
                ),
            ));
        }
    }
    Ok(())
}

/// A list or map that reaches itself through lists and maps alone, as the
/// JSON path of the reference that closes the loop. (Through a structure,
/// recursion is fine: skeletons and pages stop at a repeated structure.)
fn container_cycle(model: &ServiceModel, start: &str) -> Option<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start];
    while let Some(name) = todo.pop() {
        let refs: Vec<(&str, &str)> = match model.shape(name) {
            Some(Shape::List(l)) => vec![("member", &l.member.shape)],
            Some(Shape::Map(m)) => vec![("value", &m.value.shape)],
            _ => continue,
        };
        for (field, target) in refs {
            if target == start {
                return Some(format!("shapes{}.{field}.shape", key(name)));
            }
            if seen.insert(target) {
                todo.push(target);
            }
        }
    }
    None
}

/// How many values the skeleton/help walk of `root` visits, and the
/// deepest path, stopping at the limits. The walk follows the help page's
/// rule: a shape already twice on the path is not expanded again.
struct Expansion<'m> {
    model: &'m ServiceModel,
    visited: usize,
    stack: Vec<&'m str>,
    too_deep: Option<String>,
}

impl<'m> Expansion<'m> {
    fn walk(&mut self, name: &'m str, path: &str) {
        if self.visited > MAX_EXPANSION || self.too_deep.is_some() {
            return;
        }
        self.visited += 1;
        if self.stack.iter().filter(|n| **n == name).count() > 1 {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.too_deep = Some(path.to_string());
            return;
        }
        let Some(shape) = self.model.shape(name) else {
            return;
        };
        self.stack.push(name);
        match shape {
            Shape::Structure(s) => {
                for (member, m) in &s.members {
                    self.walk(
                        &m.shape,
                        &format!("shapes{}.members{}", key(name), key(member)),
                    );
                }
            }
            Shape::List(l) => self.walk(&l.member.shape, &format!("shapes{}.member", key(name))),
            Shape::Map(m) => {
                self.walk(&m.key.shape, &format!("shapes{}.key", key(name)));
                self.walk(&m.value.shape, &format!("shapes{}.value", key(name)));
            }
            _ => {}
        }
        self.stack.pop();
    }
}

fn check_operations(
    files: &Files,
    model: &ServiceModel,
    operations: &[String],
    paginators: &Paginators,
) -> Result<(), ModelError> {
    let mut commands = BTreeMap::new();
    for name in operations {
        let path = format!("operations{}", key(name));
        let Some(op) = model.operations.get(name) else {
            continue;
        };
        if !plain_name(name, false) {
            return Err(error(
                files.service,
                path,
                "an operation name must be ASCII letters and digits, starting with a letter".into(),
            ));
        }
        let command = cli_name(name);
        let module = xform_name(name, '_');
        if RESERVED_COMMANDS.contains(&command.as_str()) {
            return Err(error(
                files.service,
                path,
                format!("its command name \"{command}\" is one the service already has"),
            ));
        }
        // The module is `operations/<module>.rs`: a keyword cannot name it,
        // and `mod` would overwrite `operations/mod.rs`.
        if is_rust_keyword(&module) {
            return Err(error(
                files.service,
                path,
                format!("its module name `{module}` is a Rust keyword"),
            ));
        }
        if let Err(first) = claim(&mut commands, command.clone(), name) {
            return Err(error(
                files.service,
                path,
                format!("its command name \"{command}\" is also that of operation \"{first}\""),
            ));
        }
        for (field, shape_ref) in [("input", &op.input), ("output", &op.output)] {
            let Some(shape_ref) = shape_ref else { continue };
            if !matches!(model.shape(&shape_ref.shape), Some(Shape::Structure(_))) {
                return Err(error(
                    files.service,
                    format!("{path}.{field}.shape"),
                    format!(
                        "operation {field} \"{}\" is not a structure",
                        shape_ref.shape
                    ),
                ));
            }
            let mut walk = Expansion {
                model,
                visited: 0,
                stack: Vec::new(),
                too_deep: None,
            };
            walk.walk(&shape_ref.shape, &format!("{path}.{field}"));
            if let Some(deep) = walk.too_deep {
                return Err(error(
                    files.service,
                    deep,
                    format!("the {field} of {name} nests more than {MAX_DEPTH} shapes deep here"),
                ));
            }
            if walk.visited > MAX_EXPANSION {
                return Err(error(
                    files.service,
                    format!("{path}.{field}"),
                    format!(
                        "the {field} of {name} expands to more than {MAX_EXPANSION} values in its skeleton and help page"
                    ),
                ));
            }
        }
        check_options(files, model, name, paginators)?;
    }
    Ok(())
}

/// An operation's options: one per input member (`--no-x` too for a
/// boolean), which must not collide with each other or with the options the
/// runtime adds. Global options (`--region`, `--output`, ...) are allowed:
/// as in aws-cli, the main parser takes them first, so such a member is set
/// through `--cli-input-json` (aws-cli renames a few per service in
/// awscli/customizations/argrename.py, e.g. opsworks `--stack-region`).
fn check_options(
    files: &Files,
    model: &ServiceModel,
    op_name: &str,
    paginators: &Paginators,
) -> Result<(), ModelError> {
    let Some(input) = model
        .operations
        .get(op_name)
        .and_then(|op| op.input.as_ref())
    else {
        return Ok(());
    };
    let Some(Shape::Structure(s)) = model.shape(&input.shape) else {
        return Ok(());
    };
    let paginator = paginators.pagination.get(op_name);
    let mut options: BTreeMap<String, &str> = BTreeMap::new();
    for (member, m) in &s.members {
        let path = format!("shapes{}.members{}", key(&input.shape), key(member));
        let option = cli_name(member);
        let mut names = vec![option.clone()];
        if matches!(model.shape(&m.shape), Some(Shape::Boolean(_))) {
            names.push(format!("no-{option}"));
        }
        for name in names {
            // aws-cli's paging option takes the member's place (acm's
            // ListCertificates `MaxItems`); awsr does the same, so the member
            // is not an option of its own (it stays settable in JSON).
            if paginator.is_some() && PAGING_OPTIONS.contains(&name.as_str()) {
                continue;
            }
            if OPERATION_OPTIONS.contains(&name.as_str()) {
                return Err(error(
                    files.service,
                    path,
                    format!(
                        "its option --{name} is one awsr adds to {} itself (aws-cli lets its own option shadow the member's); awsr does not generate such a member",
                        cli_name(op_name)
                    ),
                ));
            }
            if let Err(first) = claim(&mut options, name.clone(), member) {
                return Err(error(
                    files.service,
                    path,
                    format!("its option --{name} is also that of member \"{first}\""),
                ));
            }
        }
    }
    if let Some(p) = paginator {
        let tokens = p.input_token.to_vec();
        let keys = tokens.iter().chain(p.limit_key.iter());
        for (i, token) in keys.enumerate() {
            if !s.members.contains_key(token) {
                let field = if i < tokens.len() {
                    format!("input_token naming \"{token}\"")
                } else {
                    format!("limit_key \"{token}\"")
                };
                return Err(error(
                    &files.paginators,
                    format!("pagination{}", key(op_name)),
                    format!("{field} is not a member of the input {}", input.shape),
                ));
            }
        }
    }
    Ok(())
}

fn check_waiters(
    files: &Files,
    model: &ServiceModel,
    operations: &[String],
    waiters: &Waiters,
) -> Result<(), ModelError> {
    let mut commands = BTreeMap::new();
    for (name, waiter) in &waiters.waiters {
        if !operations.contains(&waiter.operation)
            || !model.operations.contains_key(&waiter.operation)
        {
            continue;
        }
        let path = format!("waiters{}", key(name));
        if !plain_name(name, false) {
            return Err(error(
                &files.waiters,
                path,
                "a waiter name must be ASCII letters and digits, starting with a letter".into(),
            ));
        }
        if let Err(first) = claim(&mut commands, cli_name(name), name) {
            return Err(error(
                &files.waiters,
                path,
                format!(
                    "its command \"wait {}\" is also that of waiter \"{first}\"",
                    cli_name(name)
                ),
            ));
        }
        if waiter.max_attempts == 0 {
            return Err(error(
                &files.waiters,
                format!("{path}.maxAttempts"),
                "a waiter needs at least one attempt".into(),
            ));
        }
    }
    Ok(())
}

/// Every customised argument fills a member of its command's input.
fn check_customizations(
    files: &Files,
    model: &ServiceModel,
    operations: &[String],
    customizations: &Customizations,
) -> Result<(), ModelError> {
    for (command, arguments) in &customizations.commands {
        let op = operations
            .iter()
            .filter_map(|o| model.operations.get(o))
            .find(|op| cli_name(&op.name) == *command);
        let Some(op) = op else {
            // Customisations of commands not generated here stay unused.
            continue;
        };
        let members = match op.input.as_ref().and_then(|i| model.shape(&i.shape)) {
            Some(Shape::Structure(s)) => s.members.keys().cloned().collect(),
            _ => BTreeSet::new(),
        };
        for (i, argument) in arguments.iter().enumerate() {
            if !members.contains(&argument.member) {
                return Err(error(
                    files.customizations,
                    format!("commands{}[{i}].member", key(command)),
                    format!(
                        "argument --{} fills member \"{}\", which the input of {} does not have",
                        argument.name, argument.member, op.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// `model/awsr.json`: a service's command name becomes a command, a Rust
/// module and folder names; its model folder is read and, by `update`,
/// written.
pub fn check_config(config: &crate::config::Config) -> Result<(), ModelError> {
    let file = "model/awsr.json";
    let mut names = BTreeMap::new();
    for (i, service) in config.services.iter().enumerate() {
        let name = &service.cli_name;
        let well_formed = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-');
        if !well_formed {
            return Err(error(
                file,
                format!("services[{i}].cli_name"),
                format!("{name:?} is not a command name (lowercase ASCII letters, digits and '-', starting with a letter)"),
            ));
        }
        let module = name.replace('-', "_");
        if is_rust_keyword(&module) || name == "help" {
            return Err(error(
                file,
                format!("services[{i}].cli_name"),
                format!("\"{name}\" is reserved (a Rust keyword or awsr's own command)"),
            ));
        }
        if let Err(first) = claim(&mut names, module.clone(), name) {
            return Err(error(
                file,
                format!("services[{i}].cli_name"),
                format!("\"{name}\" has the same module name `{module}` as service \"{first}\""),
            ));
        }
        let dir = std::path::Path::new(&service.model_dir);
        let plain = !service.model_dir.is_empty()
            && dir
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain {
            return Err(error(
                file,
                format!("services[{i}].model_dir"),
                format!(
                    "{:?} is not a folder inside model/ (a relative path without '..')",
                    service.model_dir
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_quoted_when_not_plain() {
        assert_eq!(key("Foo"), ".Foo");
        assert_eq!(key(""), "[\"\"]");
        assert_eq!(key("a.b"), "[\"a.b\"]");
    }

    #[test]
    fn keywords_are_recognised() {
        for word in ["type", "mod", "self", "Self", "crate", "async", "try"] {
            assert!(is_rust_keyword(word), "{word}");
        }
        for word in ["cancel_steps", "types", "r#type"] {
            assert!(!is_rust_keyword(word) || word.starts_with("r#"), "{word}");
        }
    }
}
