//! Printing responses as aws-cli's JSON output does:
//! `json.dump(response, indent=4, ensure_ascii=False)` plus a newline, and
//! nothing at all for an empty response.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::Value;
use std::io;

/// serde_json's pretty printer with Python's float spelling (`1e+16`, not `1e16`).
struct PythonFormatter<'a>(PrettyFormatter<'a>);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $name<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(writer $(, $arg)*)
        })*
    };
}

impl Formatter for PythonFormatter<'_> {
    delegate!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        end_object_key(),
        begin_object_value(),
        end_object_value(),
    );

    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(super::pyrepr::py_float(value).as_bytes())
    }
}

/// `value` as aws-cli prints it with `--output json`, newline included;
/// empty for `{}` (aws-cli prints nothing for an empty response).
pub fn json(value: &Value) -> String {
    if value.as_object().is_some_and(|o| o.is_empty()) {
        return String::new();
    }
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        PythonFormatter(PrettyFormatter::with_indent(b"    ")),
    );
    // Writing a Value into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn python_layout() {
        // Python: json.dumps({"A": [1, 1e16, "é"], "B": {}, "C": []}, indent=4, ensure_ascii=False)
        assert_eq!(
            super::json(&json!({"A": [1, 1e16, "é"], "B": {}, "C": []})),
            "{\n    \"A\": [\n        1,\n        1e+16,\n        \"é\"\n    ],\n    \"B\": {},\n    \"C\": []\n}\n"
        );
        assert_eq!(super::json(&json!({})), "");
    }
}
