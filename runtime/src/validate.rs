//! botocore's parameter validation (botocore/validate.py, 1.8.32): the
//! checks the generated validators call, and the report with botocore's
//! wording. Every error is collected; none stops the others.
//!
//! botocore 1.8.32 checks `min` only (not `max` or `pattern`); so do we, so
//! that a request aws-cli would send is never refused here.

use super::model::ArgType;
use super::pycompat::number::{as_float, float_repr, is_float};
use super::pycompat::repr::{str_of_as as py_str, type_of_as as py_type, Objects};
use super::pycompat::text::repr_bytes;
use serde_json::{Map, Value};

/// botocore's `ParamValidator.validate`: every error in `params` against the
/// operation's input shape (`None`: the operation takes no input, so only
/// `{}` is valid). Walks the shape table; no code per shape.
pub fn validate(input: Option<&ArgType>, params: &Value) -> Report {
    validate_parsed(input, params, &Provenance::default())
}

/// What aws-cli's parameter parsing made of the top-level members, where
/// that shows in validation messages.
#[derive(Debug, Default)]
pub struct Provenance<'a> {
    /// Members parsed from JSON with `object_pairs_hook=OrderedDict`: their
    /// objects print as `OrderedDict(...)`; the others' (shorthand,
    /// `--cli-input-json`) as `dict`s.
    pub ordered: Vec<&'a str>,
    /// Scalar members given as `fileb://`: Python `bytes`, which only a
    /// blob accepts (the value in the parameters is a placeholder).
    pub bytes: Vec<(&'a str, Vec<u8>)>,
}

/// [`validate`] of parameters parsed from the command line as `provenance`
/// says.
pub fn validate_parsed(
    input: Option<&ArgType>,
    params: &Value,
    provenance: &Provenance<'_>,
) -> Report {
    let mut report = Report {
        ordered_members: provenance.ordered.iter().map(|m| m.to_string()).collect(),
        bytes_members: provenance
            .bytes
            .iter()
            .map(|(m, b)| (m.to_string(), repr_bytes(b)))
            .collect(),
        ..Report::default()
    };
    match input {
        Some(shape) => check(shape, params, "", &mut report),
        None => no_input(params, &mut report),
    }
    report
}

/// A pending step of the walk: a value to check against a shape, or a map
/// key's length to check (botocore checks each key before its value).
enum Step<'a> {
    Value(&'a ArgType, &'a Value, String),
    KeyLength(Bound, usize, String),
}

/// One value against one shape, at botocore's path `name`. Nesting is as
/// deep as the user's JSON; the walk goes through an explicit stack so
/// that no input can overflow ours.
fn check(shape: &ArgType, value: &Value, name: &str, report: &mut Report) {
    let mut todo = vec![Step::Value(shape, value, name.to_string())];
    while let Some(step) = todo.pop() {
        let (shape, value, name) = match step {
            Step::Value(shape, value, name) => (shape, value, name),
            Step::KeyLength(min, len, name) => {
                check_min(
                    report,
                    &name,
                    "length",
                    len as f64,
                    &len.to_string(),
                    Some(min),
                );
                continue;
            }
        };
        let valid_for_bytes = match shape.base() {
            ArgType::String => Some("<class 'str'>"),
            ArgType::Timestamp => Some("<class 'datetime.datetime'>, timestamp-string"),
            ArgType::List(_) => Some("<class 'list'>, <class 'tuple'>"),
            _ => None,
        };
        if let Some(valid) = valid_for_bytes {
            let shown = display_name(&name);
            if let Some((_, repr)) = report.bytes_members.iter().find(|(m, _)| m == shown) {
                let error = format!(
                    "Invalid type for parameter {shown}, value: {repr}, type: <class 'bytes'>, valid types: {valid}"
                );
                report.push(error);
                continue;
            }
        }
        let min = shape.min();
        // Children are pushed in reverse so they are checked (and reported)
        // in the order botocore walks them.
        let mut children: Vec<Step> = Vec::new();
        match shape.base() {
            ArgType::Structure(members) => {
                let required: Vec<&str> = members
                    .iter()
                    .filter(|m| m.required)
                    .map(|m| m.name)
                    .collect();
                let names: Vec<&str> = members.iter().map(|m| m.name).collect();
                if let Some(object) = structure(value, &name, &required, &names, report) {
                    for (key, member_value) in object {
                        if let Some(member) = members.iter().find(|m| m.name == key) {
                            children.push(Step::Value(
                                member.shape,
                                member_value,
                                member_path(&name, key),
                            ));
                        }
                    }
                }
            }
            ArgType::List(member) => {
                if let Some(items) = list(value, &name, min, report) {
                    for (i, item) in items.iter().enumerate() {
                        children.push(Step::Value(member, item, index_path(&name, i)));
                    }
                }
            }
            ArgType::Map(key_shape, value_shape) => {
                if let Some(object) = map(value, &name, report) {
                    for (key, item) in object {
                        if let Some(min) = key_shape.min() {
                            children.push(Step::KeyLength(
                                min,
                                key.chars().count(),
                                key_path(&name, key),
                            ));
                        }
                        children.push(Step::Value(value_shape, item, member_path(&name, key)));
                    }
                }
            }
            ArgType::String => string(value, &name, min, report),
            ArgType::Integer => integer(value, &name, min, report),
            ArgType::Long => long(value, &name, min, report),
            ArgType::Double => double(value, &name, min, report),
            ArgType::Float => float(value, &name, min, report),
            ArgType::Boolean => boolean(value, &name, report),
            ArgType::Timestamp => timestamp(value, &name, report),
            ArgType::Blob => blob(value, &name, report),
            // `base()` never returns a bound.
            ArgType::Bounded(..) => {}
        }
        todo.extend(children.into_iter().rev());
    }
}

/// A lower bound exactly as the model wrote it (it is printed in messages).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Int(i64),
    Float(f64),
}

impl Bound {
    fn as_f64(self) -> f64 {
        match self {
            Bound::Int(i) => i as f64,
            Bound::Float(f) => f,
        }
    }

    fn render(self) -> String {
        match self {
            Bound::Int(i) => i.to_string(),
            Bound::Float(f) => float_repr(f),
        }
    }
}

/// The collected validation errors, in the order botocore reports them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    errors: Vec<String>,
    /// Top-level members whose objects are `OrderedDict`s.
    ordered_members: Vec<String>,
    /// Top-level members that are Python `bytes`, with their repr.
    bytes_members: Vec<(String, String)>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// `Parameter validation failed:` followed by one line per error.
    pub fn message(&self) -> String {
        format!("Parameter validation failed:\n{}", self.errors.join("\n"))
    }

    fn push(&mut self, error: String) {
        self.errors.push(error);
    }

    /// How the objects at botocore path `name` were built: the top-level
    /// member is the path up to its first `.`, `[` or ` ` (member names
    /// hold none of them).
    fn objects_at(&self, name: &str) -> Objects {
        let path = display_name(name);
        let top = path.split(['.', '[', ' ']).next().unwrap_or(path);
        if self.ordered_members.iter().any(|m| m == top) {
            Objects::OrderedDict
        } else {
            Objects::Dict
        }
    }
}

/// botocore's name for a location: the root is `input`, `.Foo` is `Foo`.
fn display_name(name: &str) -> &str {
    if name.is_empty() {
        "input"
    } else {
        name.strip_prefix('.').unwrap_or(name)
    }
}

/// The path of a structure member or map value: `%s.%s`.
pub fn member_path(parent: &str, member: &str) -> String {
    format!("{parent}.{member}")
}

/// The path of a list element: `%s[%s]`.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The path of a map key: `%s (key: %s)`.
pub fn key_path(parent: &str, key: &str) -> String {
    format!("{parent} (key: {key})")
}

fn invalid_type(report: &mut Report, name: &str, value: &Value, valid: &str) {
    let objects = report.objects_at(name);
    report.push(format!(
        "Invalid type for parameter {}, value: {}, type: {}, valid types: {}",
        display_name(name),
        py_str(value, objects),
        py_type(value, objects),
        valid
    ));
}

fn check_min(
    report: &mut Report,
    name: &str,
    kind: &str,
    value: f64,
    shown: &str,
    min: Option<Bound>,
) {
    if let Some(min) = min {
        if value < min.as_f64() {
            report.push(format!(
                "Invalid {kind} for parameter {}, value: {shown}, valid range: {}-inf",
                display_name(name),
                min.render()
            ));
        }
    }
}

/// A structure: type check, then required members, then unknown members (in
/// the order the user gave them). Returns the object for member checks.
pub fn structure<'v>(
    value: &'v Value,
    name: &str,
    required: &[&str],
    members: &[&str],
    report: &mut Report,
) -> Option<&'v Map<String, Value>> {
    let Value::Object(object) = value else {
        invalid_type(report, name, value, "<class 'dict'>");
        return None;
    };
    for member in required {
        if !object.contains_key(*member) {
            report.push(format!(
                "Missing required parameter in {}: \"{member}\"",
                display_name(name)
            ));
        }
    }
    for key in object.keys() {
        if !members.contains(&key.as_str()) {
            report.push(format!(
                "Unknown parameter in {}: \"{key}\", must be one of: {}",
                display_name(name),
                members.join(", ")
            ));
        }
    }
    Some(object)
}

pub fn string(value: &Value, name: &str, min: Option<Bound>, report: &mut Report) {
    let Value::String(s) = value else {
        return invalid_type(report, name, value, "<class 'str'>");
    };
    let len = s.chars().count();
    check_min(report, name, "length", len as f64, &len.to_string(), min);
}

pub fn list<'v>(
    value: &'v Value,
    name: &str,
    min: Option<Bound>,
    report: &mut Report,
) -> Option<&'v [Value]> {
    let Value::Array(items) = value else {
        invalid_type(report, name, value, "<class 'list'>, <class 'tuple'>");
        return None;
    };
    check_min(
        report,
        name,
        "length",
        items.len() as f64,
        &items.len().to_string(),
        min,
    );
    Some(items)
}

pub fn map<'v>(
    value: &'v Value,
    name: &str,
    report: &mut Report,
) -> Option<&'v Map<String, Value>> {
    let Value::Object(object) = value else {
        invalid_type(report, name, value, "<class 'dict'>");
        return None;
    };
    Some(object)
}

/// Python's `bool` is an `int`, so `true` passes as the integer 1.
fn integer_value(value: &Value) -> Option<(f64, String)> {
    match value {
        Value::Bool(b) => Some((
            f64::from(u8::from(*b)),
            if *b { "True" } else { "False" }.into(),
        )),
        Value::Number(n) if !is_float(n) => Some((n.as_f64().unwrap_or(0.0), n.to_string())),
        _ => None,
    }
}

pub fn integer(value: &Value, name: &str, min: Option<Bound>, report: &mut Report) {
    match integer_value(value) {
        Some((v, shown)) => check_min(report, name, "range", v, &shown, min),
        None => invalid_type(report, name, value, "<class 'int'>"),
    }
}

pub fn long(value: &Value, name: &str, min: Option<Bound>, report: &mut Report) {
    integer(value, name, min, report)
}

pub fn double(value: &Value, name: &str, min: Option<Bound>, report: &mut Report) {
    let number = match value {
        Value::Number(n) if is_float(n) => as_float(n).map(|f| (f, float_repr(f))),
        _ => integer_value(value),
    };
    match number {
        Some((v, shown)) => check_min(report, name, "range", v, &shown, min),
        None => invalid_type(
            report,
            name,
            value,
            "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
        ),
    }
}

pub fn float(value: &Value, name: &str, min: Option<Bound>, report: &mut Report) {
    double(value, name, min, report)
}

pub fn boolean(value: &Value, name: &str, report: &mut Report) {
    if !value.is_boolean() {
        invalid_type(report, name, value, "<class 'bool'>");
    }
}

pub fn blob(value: &Value, name: &str, report: &mut Report) {
    if !value.is_string() {
        invalid_type(
            report,
            name,
            value,
            "<class 'bytes'>, <class 'bytearray'>, file-like object",
        );
    }
}

/// A timestamp: what botocore's `_type_check_datetime` accepts (numbers,
/// booleans, and the date strings `parse_timestamp` understands).
pub fn timestamp(value: &Value, name: &str, report: &mut Report) {
    if !super::timestamp::is_valid(value) {
        invalid_type(
            report,
            name,
            value,
            "<class 'datetime.datetime'>, timestamp-string",
        );
    }
}

/// Validation for an operation without input: only `{}` is valid.
pub fn no_input(value: &Value, report: &mut Report) {
    structure(value, "", &[], &[], report);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_in_botocore_order_and_wording() {
        let input = json!({"Bogus": 1, "StepIds": [1], "ClusterId": null});
        let mut report = Report::default();
        let object = structure(&input, "", &[], &["ClusterId", "StepIds"], &mut report).unwrap();
        for (key, value) in object {
            let path = member_path("", key);
            match key.as_str() {
                "ClusterId" => string(value, &path, Some(Bound::Int(0)), &mut report),
                "StepIds" => {
                    for (i, item) in list(value, &path, None, &mut report)
                        .unwrap()
                        .iter()
                        .enumerate()
                    {
                        string(item, &index_path(&path, i), None, &mut report);
                    }
                }
                _ => {}
            }
        }
        // The same input through aws-cli 1.14.28's --cli-input-json printed these lines.
        assert_eq!(
            report.message(),
            "Parameter validation failed:\n\
             Unknown parameter in input: \"Bogus\", must be one of: ClusterId, StepIds\n\
             Invalid type for parameter StepIds[0], value: 1, type: <class 'int'>, valid types: <class 'str'>\n\
             Invalid type for parameter ClusterId, value: None, type: <class 'NoneType'>, valid types: <class 'str'>"
        );
    }

    #[test]
    fn min_length_and_range() {
        let mut report = Report::default();
        string(&json!(""), ".ErrorCode", Some(Bound::Int(1)), &mut report);
        integer(&json!(0), ".Count", Some(Bound::Int(1)), &mut report);
        integer(&json!(true), ".Count", Some(Bound::Int(2)), &mut report);
        assert_eq!(
            report.errors(),
            [
                "Invalid length for parameter ErrorCode, value: 0, valid range: 1-inf",
                "Invalid range for parameter Count, value: 0, valid range: 1-inf",
                "Invalid range for parameter Count, value: True, valid range: 2-inf",
            ]
        );
    }
}
