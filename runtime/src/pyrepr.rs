// Ported from CPython 3.6 (Objects/*object.c repr rules): Copyright (c) 2001-2017 Python Software
// Foundation, under the PSF License Agreement. See NOTICE.
//! Python's `str()` of a parsed JSON value, which botocore embeds in its
//! validation messages (`value: {'a': 1}, type: <class 'dict'>`). Hand-written
//! because the messages must match aws-cli byte for byte and no crate renders
//! Python reprs.

use serde_json::Value;

/// `str(value)` for the Python object json.loads would have produced.
pub fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// `repr(value)`.
pub fn py_repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(value, &mut out);
    out
}

/// `str(type(value))`, e.g. `<class 'int'>`.
pub fn py_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

fn write_repr(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => out.push_str(&py_float(f)),
            _ => out.push_str(&n.to_string()),
        },
        Value::String(s) => out.push_str(&py_str_repr(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&py_str_repr(k));
                out.push_str(": ");
                write_repr(v, out);
            }
            out.push('}');
        }
    }
}

/// `repr(float)`: the shortest round-tripping digits, in exponent form when
/// the decimal exponent is below -4 or at least 16, as Python chooses.
pub fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // `{:e}` gives the shortest round-trip digits: d.ddddde±x.
    let sci = format!("{f:e}");
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{esign}{:02}", exp.abs());
    }
    let point = exp + 1; // digits before the decimal point
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        format!("{sign}0.{zeros}{digits}")
    } else {
        let point = point as usize;
        if digits.len() <= point {
            let zeros = "0".repeat(point - digits.len());
            format!("{sign}{digits}{zeros}.0")
        } else {
            let (int, frac) = digits.split_at(point);
            format!("{sign}{int}.{frac}")
        }
    }
}

/// `repr(str)`, with Python's exact printable-character tables (one
/// implementation, in argvalue, shared by every message that quotes text).
fn py_str_repr(s: &str) -> String {
    super::argvalue::py_repr(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_as_python_prints_them() {
        // Expected strings are Python 3.6's repr() of the same floats.
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(1.5), "1.5");
        assert_eq!(py_float(-0.25), "-0.25");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(1e15), "1000000000000000.0");
        assert_eq!(py_float(0.0001), "0.0001");
        assert_eq!(py_float(0.00001), "1e-05");
        assert_eq!(py_float(1.2345e-7), "1.2345e-07");
        assert_eq!(py_float(123.456), "123.456");
    }

    #[test]
    fn containers_as_python_prints_them() {
        let v = json!({"a": [1, "b", null, true, 2.5], "it's": {"x": "say \"hi\""}});
        assert_eq!(
            py_str(&v),
            r#"{'a': [1, 'b', None, True, 2.5], "it's": {'x': 'say "hi"'}}"#
        );
        assert_eq!(py_str(&json!("plain")), "plain");
        assert_eq!(py_type(&json!(1)), "<class 'int'>");
        assert_eq!(py_type(&json!(1.0)), "<class 'float'>");
    }
}
