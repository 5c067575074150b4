// Ported from CPython 3.6 (Objects/object.c, Objects/listobject.c, Objects/dictobject.c): Copyright (c) 2001-2017 Python
// Software Foundation, under the PSF License Agreement. See NOTICE.
//! Python's `str()`, `repr()` and type of a parsed JSON value (what
//! `json.loads` would have produced), which botocore and aws-cli embed in
//! their messages (`value: {'a': 1}, type: <class 'dict'>`). Hand-written
//! because the messages must match aws-cli byte for byte and no crate renders
//! Python reprs.

use super::number::float_repr;
use super::text::repr_str;
use serde_json::Value;

/// `str(value)` for the Python object json.loads would have produced.
pub fn str_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => repr(other),
    }
}

/// `repr(value)`.
pub fn repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(value, Objects::Dict, &mut out);
    out
}

/// How the objects of a value were built: `json.loads` alone makes `dict`s;
/// aws-cli's parameter parsing passes `object_pairs_hook=OrderedDict`
/// (awscli/argprocess.py), whose repr and type differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objects {
    Dict,
    OrderedDict,
}

/// `str(value)` for a value whose objects are `objects`.
pub fn str_of_as(value: &Value, objects: Objects) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => {
            let mut out = String::new();
            write_repr(other, objects, &mut out);
            out
        }
    }
}

/// `str(type(value))` for a value whose objects are `objects`.
pub fn type_of_as(value: &Value, objects: Objects) -> &'static str {
    match (value, objects) {
        (Value::Object(_), Objects::OrderedDict) => "<class 'collections.OrderedDict'>",
        _ => type_of(value),
    }
}

/// `type(value).__name__`, e.g. `int`.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if super::number::is_float(n) => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// `str(type(value))`, e.g. `<class 'int'>`.
pub fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if super::number::is_float(n) => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

fn write_repr(value: &Value, objects: Objects, out: &mut String) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => match super::number::as_float(n) {
            Some(f) => out.push_str(&float_repr(f)),
            None => out.push_str(n.as_str()),
        },
        Value::String(s) => out.push_str(&repr_str(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, objects, out);
            }
            out.push(']');
        }
        // `OrderedDict()`, `OrderedDict([('a', 1), ('b', 2)])`.
        Value::Object(map) if objects == Objects::OrderedDict => {
            out.push_str("OrderedDict(");
            if !map.is_empty() {
                out.push('[');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push('(');
                    out.push_str(&repr_str(k));
                    out.push_str(", ");
                    write_repr(v, objects, out);
                    out.push(')');
                }
                out.push(']');
            }
            out.push(')');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr_str(k));
                out.push_str(": ");
                write_repr(v, objects, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn containers_as_python_prints_them() {
        let v = json!({"a": [1, "b", null, true, 2.5], "it's": {"x": "say \"hi\""}});
        assert_eq!(
            str_of(&v),
            r#"{'a': [1, 'b', None, True, 2.5], "it's": {'x': 'say "hi"'}}"#
        );
        assert_eq!(str_of(&json!("plain")), "plain");
        assert_eq!(type_of(&json!(1)), "<class 'int'>");
        assert_eq!(type_of(&json!(1.0)), "<class 'float'>");
    }

    #[test]
    fn ordered_dicts_as_python_prints_them() {
        let ordered = Objects::OrderedDict;
        assert_eq!(str_of_as(&json!({}), ordered), "OrderedDict()");
        assert_eq!(
            str_of_as(&json!([{"a": 1, "b": {}}]), ordered),
            "[OrderedDict([('a', 1), ('b', OrderedDict())])]"
        );
        assert_eq!(
            type_of_as(&json!({}), ordered),
            "<class 'collections.OrderedDict'>"
        );
        assert_eq!(type_of_as(&json!([]), ordered), "<class 'list'>");
    }
}
