//! `json.dumps(value)` with Python's defaults, byte for byte: `", "` and
//! `": "` separators, `ensure_ascii=True` (`\uXXXX` escapes, surrogate
//! pairs above the BMP) and Python's float spelling. botocore's JSON
//! serializer sends exactly this. serde_json's `Formatter` hooks give the
//! separators and floats; strings are escaped here because serde_json has no
//! ASCII-only mode.

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};
use serde_json::Value;
use std::io;

struct PythonCompact;

impl Formatter for PythonCompact {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(crate::pyrepr::py_float(value).as_bytes())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        for c in fragment.chars() {
            if c.is_ascii() {
                let mut buf = [0u8; 1];
                writer.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        CompactFormatter.write_char_escape(writer, escape)
    }
}

/// `json.dumps(value)`.
pub fn dumps(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonCompact);
    // Writing a Value into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn python_defaults() {
        // Python 3.6: json.dumps({"A": [1, 1.5, 1e16, "é😀\n"], "B": {}, "C": True})
        assert_eq!(
            String::from_utf8(super::dumps(
                &json!({"A": [1, 1.5, 1e16, "é😀\n"], "B": {}, "C": true})
            ))
            .unwrap(),
            r#"{"A": [1, 1.5, 1e+16, "\u00e9\ud83d\ude00\n"], "B": {}, "C": true}"#
        );
    }
}
