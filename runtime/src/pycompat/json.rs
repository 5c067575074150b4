// Ported from CPython 3.6 (Lib/json/encoder.py, Modules/_json.c): Copyright
// (c) 2001-2017 Python Software Foundation, under the PSF License Agreement.
// See NOTICE.
//! Python 3.6's `json.dumps` for the values awsr prints, hashes and encodes:
//! string escaping (with and without `ensure_ascii`), float spelling, and
//! the two layouts aws-cli and botocore use (`indent=4`, and the default
//! `", "`/`": "` separators). Decoding is [`crate::pyjson`].
//!
//! Why not serde_json's printer alone: it spells floats `1e16` where Python
//! writes `1e+16`, has no `ensure_ascii`, and no `", "` separators.

use super::number::float_repr;
use serde_json::Value;

/// Respell the numbers of a value serde_json parsed as Python's
/// `json.loads` holds them, so that a response's `Value` is spelled like
/// every other (`Value` equality is then Python's, number for number):
/// `-0` is `0` (the one integer spelling JSON allows that Python prints
/// differently), a float is `repr()` of its value (`1E+22` is `1e+22`,
/// `1e3` is `1000.0`), and a float that overflows is held as `1e400` or
/// `-1e400` (Python's `inf`, which [`super::number::as_float`] reads back).
/// Iterative: a response may nest [`crate::limits::MAX_JSON_DEPTH`] levels.
pub fn python_numbers(value: &mut Value) {
    let mut stack: Vec<&mut Value> = vec![value];
    while let Some(item) = stack.pop() {
        match item {
            Value::Number(n) => {
                if let Some(python) = super::number::python_spelling(n) {
                    *n = python;
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            Value::Null | Value::Bool(_) | Value::String(_) => {}
        }
    }
}

/// A float as `json.dumps` spells it: `repr()`, or `NaN`/`Infinity`.
pub fn float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        float_repr(f)
    }
}

/// A JSON string as Python's encoder writes it: `ensure_ascii` escapes
/// everything outside printable ASCII as `\uXXXX` (surrogate pairs above
/// the BMP); otherwise only `"`, `\` and control characters are escaped.
pub fn write_str(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_scalar(value: &Value, ensure_ascii: bool, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => match super::number::as_float(n) {
            Some(f) => out.push_str(&float(f)),
            None => out.push_str(n.as_str()),
        },
        Value::String(s) => write_str(s, ensure_ascii, out),
        Value::Array(_) | Value::Object(_) => {}
    }
}

/// `json.dumps(value)`: default separators (`", "`, `": "`), `ensure_ascii`;
/// the text of botocore's pagination tokens and aws-cli's credential cache
/// keys (sort the object first for `sort_keys=True`).
pub fn dumps(value: &Value) -> String {
    let mut out = String::new();
    write_flat(value, &mut out);
    out
}

fn write_flat(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_flat(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_str(k, true, out);
                out.push_str(": ");
                write_flat(v, out);
            }
            out.push('}');
        }
        scalar => write_scalar(scalar, true, out),
    }
}

/// `json.dumps(value, indent=4, ensure_ascii=...)`: aws-cli's `--output
/// json` (`ensure_ascii=False`) and botocore's skeletons (`True`).
pub fn dumps_indent4(value: &Value, ensure_ascii: bool) -> String {
    let mut out = String::new();
    write_indented(value, 0, ensure_ascii, &mut out);
    out
}

/// A newline and `level` four-space indents, as `indent=4` separates items.
pub fn newline_indent(level: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn write_indented(value: &Value, level: usize, ensure_ascii: bool, out: &mut String) {
    match value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline_indent(level + 1, out);
                write_indented(item, level + 1, ensure_ascii, out);
            }
            newline_indent(level, out);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline_indent(level + 1, out);
                write_str(k, ensure_ascii, out);
                out.push_str(": ");
                write_indented(v, level + 1, ensure_ascii, out);
            }
            newline_indent(level, out);
            out.push('}');
        }
        scalar => write_scalar(scalar, ensure_ascii, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Python 3.6: `json.dumps(json.loads(text))` of a response body.
    #[test]
    fn response_numbers_as_python_reads_them() {
        for (text, expected) in [
            (
                "[-0, 0, -0.0, 18446744073709551616, -123456789012345678901234567890123456789012]",
                "[0, 0, -0.0, 18446744073709551616, -123456789012345678901234567890123456789012]",
            ),
            (
                "[1E+22, 1e3, 1E-7, 100, 1.5e9, 1e400, -1E400]",
                "[1e+22, 1000.0, 1e-07, 100, 1500000000.0, Infinity, -Infinity]",
            ),
            // Correctly rounded (serde_json's default float parser is not:
            // it read this as 96.90406502940996).
            ("[96.90406502940995]", "[96.90406502940995]"),
        ] {
            let mut value: Value = serde_json::from_str(text).unwrap();
            python_numbers(&mut value);
            assert_eq!(dumps(&value), expected, "{text}");
            // Spelled as Python prints them, so Values compare as Python's do.
            let mut again: Value =
                serde_json::from_str(expected.replace("Infinity", "1e400").as_str()).unwrap();
            python_numbers(&mut again);
            assert_eq!(value, again, "{text}");
        }
    }

    #[test]
    fn layouts_as_python_writes_them() {
        let v = json!({"A": [1, 1e16, "é\u{1}", 2.5], "B": {}, "C": [], "D": null, "E": true});
        // Python: json.dumps(v, indent=4, ensure_ascii=False)
        assert_eq!(
            dumps_indent4(&v, false),
            "{\n    \"A\": [\n        1,\n        1e+16,\n        \"é\\u0001\",\n        2.5\n    ],\n    \"B\": {},\n    \"C\": [],\n    \"D\": null,\n    \"E\": true\n}"
        );
        // Python: json.dumps(v, indent=4)
        assert!(dumps_indent4(&v, true).contains("\"\\u00e9\\u0001\""));
        // Python: json.dumps(v)
        assert_eq!(
            dumps(&v),
            "{\"A\": [1, 1e+16, \"\\u00e9\\u0001\", 2.5], \"B\": {}, \"C\": [], \"D\": null, \"E\": true}"
        );
        let mut s = String::new();
        write_str("😀\u{7f}\"\\\u{8}\u{c}", true, &mut s);
        assert_eq!(s, "\"\\ud83d\\ude00\\u007f\\\"\\\\\\b\\f\"");
        // Python 3.6: json.dumps({"A": [1, 1.5, 1e16, "é😀\n"], "B": {}, "C": True})
        assert_eq!(
            dumps(&json!({"A": [1, 1.5, 1e16, "é😀\n"], "B": {}, "C": true})),
            r#"{"A": [1, 1.5, 1e+16, "\u00e9\ud83d\ude00\n"], "B": {}, "C": true}"#
        );
        assert_eq!(float(f64::NAN), "NaN");
        assert_eq!(float(f64::NEG_INFINITY), "-Infinity");
    }
}
