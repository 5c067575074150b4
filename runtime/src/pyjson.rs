// Ported from CPython 3.6 (Lib/json/decoder.py, Modules/_json.c): Copyright (c) 2001-2017 Python Software
// Foundation, under the PSF License Agreement. See NOTICE.
//! A `json.loads` that behaves like Python 3.6's (the C-accelerated `_json`
//! scanner aws-cli 1.14.28 runs on), producing [`serde_json::Value`].
//!
//! Why hand-written: aws-cli prints Python's `JSONDecodeError` text verbatim
//! (`--step-ids '[1,2'` prints `Expecting ',' delimiter: line 1 column 5
//! (char 4)`; `--cli-input-json` embeds it in `Invalid JSON: ...`). No Rust
//! JSON crate reproduces those messages or positions, and Python also differs
//! from strict JSON in what it accepts (`NaN`, `Infinity`, big integers, lone
//! surrogate escapes, duplicate keys keeping the first position). So this
//! module mirrors `json/decoder.py` + `Modules/_json.c` (3.6) rule for rule:
//!
//! - whitespace is only ` \t\n\r`; a leading U+FEFF is refused
//!   (`Unexpected UTF-8 BOM (decode using utf-8-sig)`);
//! - positions are counted in Unicode code points, like Python's indexes;
//! - `\escape` and `\uXXXX` errors point where `_json.c` points (the
//!   backslash, resp. the `u`), which differs from the pure-Python scanner;
//! - duplicate object keys: the last value wins, at the first key's position
//!   (what `dict`/`OrderedDict` do; `serde_json` is built with
//!   `preserve_order`, so objects keep Python's key order).
//!
//! What Python accepts but a `serde_json::Value` cannot hold is refused with
//! [`JsonError::Unsupported`] rather than silently changed:
//! `NaN`/`Infinity`/`-Infinity`, floats that overflow to infinity (`1e999`),
//! and `\uXXXX` escapes that leave a lone surrogate. Integers of any size
//! are kept, and every number is spelled as Python prints it
//! ([`crate::pycompat::number`]). That refusal is reported only once the whole document has
//! parsed, so any syntax error Python would raise still comes first.
//!
//! Nesting deeper than [`MAX_DEPTH`] is refused with the text of the
//! `RecursionError` Python raises (aws-cli itself gives up somewhere around
//! 960-980 levels, depending on the call site). The parser is
//! iterative, so no input can overflow the stack, and it never panics.

use crate::pycompat::number::{float_number, int_number};
use serde_json::{Map, Value};
use std::fmt;

/// Deepest nesting of arrays/objects accepted.
pub const MAX_DEPTH: usize = 900;

/// Why [`loads`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// Python's `json.JSONDecodeError` (a `ValueError`, so aws-cli's
    /// `except ValueError` handlers catch it). Display: `msg: line L column C
    /// (char P)`.
    Decode {
        msg: &'static str,
        /// Code-point index into the document.
        pos: usize,
        lineno: usize,
        colno: usize,
    },
    /// Python's `RecursionError` (not a `ValueError`): nesting deeper than
    /// [`MAX_DEPTH`]. `container` is `"object"` or `"array"`.
    TooDeep { container: &'static str },
    /// Valid for Python's `json.loads`, but not representable here (see the
    /// module docs). Not a Python error at all; `what` says what was refused.
    Unsupported {
        what: String,
        pos: usize,
        lineno: usize,
        colno: usize,
    },
}

impl JsonError {
    /// True for the errors Python raises as `ValueError` (`JSONDecodeError`):
    /// the ones aws-cli's `except ValueError` clauses wrap into messages like
    /// `Invalid JSON: ...`. The others propagate unwrapped.
    pub fn is_value_error(&self) -> bool {
        matches!(self, JsonError::Decode { .. })
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Decode { msg, pos, lineno, colno } => {
                write!(f, "{msg}: line {lineno} column {colno} (char {pos})")
            }
            JsonError::TooDeep { container } => write!(
                f,
                "maximum recursion depth exceeded while decoding a JSON {container} from a unicode string"
            ),
            JsonError::Unsupported { what, pos, lineno, colno } => {
                write!(f, "{what}: line {lineno} column {colno} (char {pos})")
            }
        }
    }
}

impl std::error::Error for JsonError {}

/// `json.loads(s)` (equivalently with `object_pairs_hook=OrderedDict`).
pub fn loads(s: &str) -> Result<Value, JsonError> {
    if s.starts_with('\u{feff}') {
        return Err(decode_err(
            s,
            "Unexpected UTF-8 BOM (decode using utf-8-sig)",
            0,
        ));
    }
    let mut p = Parser {
        s,
        b: s.as_bytes(),
        stack: Vec::new(),
        unsupported: None,
    };
    let start = p.skip_ws(0);
    let (value, end) = p.parse_document(start)?;
    let end = p.skip_ws(end);
    if end != p.b.len() {
        return Err(decode_err(s, "Extra data", end));
    }
    // Only now: Python would have gone on past the value we cannot hold, so
    // any decode error after it must win.
    match p.unsupported {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

/// Python's `(msg, doc, pos)` → line/column, all in code points.
fn position(s: &str, byte_pos: usize) -> (usize, usize, usize) {
    let before = s.get(..byte_pos).unwrap_or(s);
    let pos = before.chars().count();
    let lineno = before.matches('\n').count() + 1;
    let colno = match before.rfind('\n') {
        Some(nl) => before.get(nl + 1..).map_or(0, |t| t.chars().count()) + 1,
        None => pos + 1,
    };
    (pos, lineno, colno)
}

fn decode_err(s: &str, msg: &'static str, byte_pos: usize) -> JsonError {
    let (pos, lineno, colno) = position(s, byte_pos);
    JsonError::Decode {
        msg,
        pos,
        lineno,
        colno,
    }
}

fn unsupported(s: &str, what: String, byte_pos: usize) -> JsonError {
    let (pos, lineno, colno) = position(s, byte_pos);
    JsonError::Unsupported {
        what,
        pos,
        lineno,
        colno,
    }
}

enum Frame {
    Array(Vec<Value>),
    /// The object so far and the key whose value is being parsed.
    Object(Map<String, Value>, String),
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    stack: Vec<Frame>,
    /// The first value Python accepts but we cannot hold. Parsing goes on
    /// (with a placeholder) so that a later decode error is still reported
    /// first, as Python would.
    unsupported: Option<JsonError>,
}

/// What scanning at a value position produced.
enum Scanned {
    Value(Value, usize),
    /// A container was opened and pushed; continue with a value at `usize`.
    Opened(usize),
}

impl<'a> Parser<'a> {
    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    }

    fn err(&self, msg: &'static str, i: usize) -> JsonError {
        decode_err(self.s, msg, i)
    }

    fn starts_with_at(&self, i: usize, lit: &[u8]) -> bool {
        self.b.get(i..i + lit.len()) == Some(lit)
    }

    /// `scan_once` at `start`, then the array/object loops of `_json.c`,
    /// driven by an explicit stack.
    fn parse_document(&mut self, start: usize) -> Result<(Value, usize), JsonError> {
        let mut idx = start;
        loop {
            // A value is expected at idx.
            let (mut value, mut end) = match self.scan_once(idx)? {
                Scanned::Value(v, end) => (v, end),
                Scanned::Opened(next) => {
                    idx = next;
                    continue;
                }
            };
            // Hand the finished value to the enclosing containers, closing
            // as many as end here.
            loop {
                let i = skip_ws_bytes(self.b, end);
                let close = match self.stack.last_mut() {
                    None => return Ok((value, end)),
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        b']'
                    }
                    Some(Frame::Object(map, key)) => {
                        map.insert(std::mem::take(key), value);
                        b'}'
                    }
                };
                match self.at(i) {
                    Some(c) if c == close => {
                        value = match self.stack.pop() {
                            Some(Frame::Array(items)) => Value::Array(items),
                            Some(Frame::Object(map, _)) => Value::Object(map),
                            None => Value::Null, // not reached: the top was just seen
                        };
                        end = i + 1;
                    }
                    Some(b',') => {
                        let j = self.skip_ws(i + 1);
                        if close == b'}' {
                            let (key, next) = self.object_key(j)?;
                            if let Some(Frame::Object(_, k)) = self.stack.last_mut() {
                                *k = key;
                            }
                            idx = next;
                        } else {
                            idx = j;
                        }
                        break;
                    }
                    _ => return Err(self.err("Expecting ',' delimiter", i)),
                }
            }
        }
    }

    /// From a position where a key is expected: the key, then `:` and the
    /// whitespace after it. Returns the key and where its value starts.
    fn object_key(&mut self, i: usize) -> Result<(String, usize), JsonError> {
        if self.at(i) != Some(b'"') {
            return Err(self.err("Expecting property name enclosed in double quotes", i));
        }
        let (key, after) = self.scanstring(i + 1)?;
        let j = self.skip_ws(after);
        if self.at(j) != Some(b':') {
            return Err(self.err("Expecting ':' delimiter", j));
        }
        Ok((key, self.skip_ws(j + 1)))
    }

    fn scan_once(&mut self, idx: usize) -> Result<Scanned, JsonError> {
        let Some(c) = self.at(idx) else {
            return Err(self.err("Expecting value", idx));
        };
        match c {
            b'"' => {
                let (s, end) = self.scanstring(idx + 1)?;
                return Ok(Scanned::Value(Value::String(s), end));
            }
            b'{' => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(JsonError::TooDeep {
                        container: "object",
                    });
                }
                let i = self.skip_ws(idx + 1);
                if self.at(i) == Some(b'}') {
                    return Ok(Scanned::Value(Value::Object(Map::new()), i + 1));
                }
                let (key, next) = self.object_key(i)?;
                self.stack.push(Frame::Object(Map::new(), key));
                return Ok(Scanned::Opened(next));
            }
            b'[' => {
                let i = self.skip_ws(idx + 1);
                if self.stack.len() >= MAX_DEPTH {
                    return Err(JsonError::TooDeep { container: "array" });
                }
                if self.at(i) == Some(b']') {
                    return Ok(Scanned::Value(Value::Array(Vec::new()), i + 1));
                }
                self.stack.push(Frame::Array(Vec::new()));
                return Ok(Scanned::Opened(i));
            }
            b'n' if self.starts_with_at(idx, b"null") => {
                return Ok(Scanned::Value(Value::Null, idx + 4));
            }
            b't' if self.starts_with_at(idx, b"true") => {
                return Ok(Scanned::Value(Value::Bool(true), idx + 4));
            }
            b'f' if self.starts_with_at(idx, b"false") => {
                return Ok(Scanned::Value(Value::Bool(false), idx + 5));
            }
            b'N' if self.starts_with_at(idx, b"NaN") => {
                return Ok(self.non_finite("NaN", idx));
            }
            b'I' if self.starts_with_at(idx, b"Infinity") => {
                return Ok(self.non_finite("Infinity", idx));
            }
            b'-' if self.starts_with_at(idx, b"-Infinity") => {
                return Ok(self.non_finite("-Infinity", idx));
            }
            _ => {}
        }
        self.match_number(idx)
    }

    fn non_finite(&mut self, name: &str, idx: usize) -> Scanned {
        self.refuse(
            format!("Unsupported JSON value {name} (awsr cannot represent NaN or Infinity)"),
            idx,
        );
        Scanned::Value(Value::Null, idx + name.len())
    }

    /// Remember the first value we cannot hold; parsing continues.
    fn refuse(&mut self, what: String, idx: usize) {
        if self.unsupported.is_none() {
            self.unsupported = Some(unsupported(self.s, what, idx));
        }
    }

    /// `_match_number_unicode`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`
    /// with ASCII digits only.
    fn match_number(&mut self, start: usize) -> Result<Scanned, JsonError> {
        let digit = |i: usize| matches!(self.at(i), Some(b'0'..=b'9'));
        let mut idx = start;
        if self.at(idx) == Some(b'-') {
            idx += 1;
        }
        match self.at(idx) {
            Some(b'1'..=b'9') => {
                idx += 1;
                while digit(idx) {
                    idx += 1;
                }
            }
            Some(b'0') => idx += 1,
            _ => return Err(self.err("Expecting value", start)),
        }
        let mut is_float = false;
        if self.at(idx) == Some(b'.') && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if matches!(self.at(idx), Some(b'e' | b'E')) {
            let mut j = idx + 1;
            if matches!(self.at(j), Some(b'-' | b'+')) {
                j += 1;
            }
            if digit(j) {
                while digit(j) {
                    j += 1;
                }
                is_float = true;
                idx = j;
            }
        }
        let text = self.s.get(start..idx).unwrap_or("");
        // Python's `int(text)` or `float(text)`, spelled as Python prints it
        // (see pycompat::number): integers of any size are kept.
        let number = if is_float {
            match text.parse::<f64>() {
                Ok(f) => float_number(f),
                Err(_) => None,
            }
        } else {
            int_number(text)
        };
        let value = match number {
            Some(n) => Value::Number(n),
            None => {
                self.refuse(
                    format!("Unsupported JSON number {text} (it overflows to Infinity)"),
                    start,
                );
                Value::Null
            }
        };
        Ok(Scanned::Value(value, idx))
    }

    /// `scanstring_unicode`: `end` is just past the opening quote. Returns
    /// the decoded text and the index just past the closing quote.
    fn scanstring(&mut self, end: usize) -> Result<(String, usize), JsonError> {
        let begin = end.saturating_sub(1);
        let mut out = String::new();
        let mut i = end;
        loop {
            // The run up to the next quote or backslash.
            let mut j = i;
            loop {
                match self.at(j) {
                    None => return Err(self.err("Unterminated string starting at", begin)),
                    Some(b'"' | b'\\') => break,
                    Some(c) if c <= 0x1f => {
                        return Err(self.err("Invalid control character at", j));
                    }
                    Some(_) => j += 1,
                }
            }
            out.push_str(self.s.get(i..j).unwrap_or(""));
            if self.at(j) == Some(b'"') {
                return Ok((out, j + 1));
            }
            // A backslash at j.
            let Some(esc) = self.at(j + 1) else {
                return Err(self.err("Unterminated string starting at", begin));
            };
            if esc != b'u' {
                let c = match esc {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(self.err("Invalid \\escape", j)),
                };
                out.push(c);
                i = j + 2;
                continue;
            }
            // \uXXXX: `_json.c` wants the four digits and one more character.
            let u = j + 1;
            let c = self.hex4(u + 1).filter(|_| self.b.len() > u + 5);
            let Some(mut c) = c else {
                return Err(self.err("Invalid \\uXXXX escape", u));
            };
            i = u + 5;
            if (0xd800..=0xdbff).contains(&c)
                && self.b.len() > i + 6
                && self.at(i) == Some(b'\\')
                && self.at(i + 1) == Some(b'u')
            {
                let Some(c2) = self.hex4(i + 2) else {
                    return Err(self.err("Invalid \\uXXXX escape", i + 1));
                };
                if (0xdc00..=0xdfff).contains(&c2) {
                    c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                    i += 6;
                }
            }
            match char::from_u32(c) {
                Some(ch) => out.push(ch),
                None => self.refuse(
                    format!(
                        "Unsupported JSON string escape \\u{c:04x} (a lone surrogate; awsr strings must be valid Unicode)"
                    ),
                    j,
                ),
            }
        }
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        let digits = self.b.get(i..i + 4)?;
        let mut v = 0u32;
        for &d in digits {
            v = (v << 4) | (d as char).to_digit(16)?;
        }
        Some(v)
    }
}

fn skip_ws_bytes(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(s: &str) -> String {
        match loads(s) {
            Ok(v) => panic!("{s:?} parsed as {v}"),
            Err(e) => e.to_string(),
        }
    }

    /// Expected texts: `str(e)` from `json.loads(s, object_pairs_hook=OrderedDict)`
    /// run by /root/.pyenv/versions/3.6.15/bin/python3.6 (the interpreter of the
    /// reference aws-cli, with the C `_json` scanner). `[1,2` was also checked
    /// through the reference: `aws emr cancel-steps --cluster-id j --step-ids
    /// '[1,2' --generate-cli-skeleton output` prints exactly that text.
    #[test]
    fn decode_errors_match_python() {
        let cases = [
            ("", "Expecting value: line 1 column 1 (char 0)"),
            (" ", "Expecting value: line 1 column 2 (char 1)"),
            (
                "{",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            (
                "{\"a\"",
                "Expecting ':' delimiter: line 1 column 5 (char 4)",
            ),
            ("{\"a\":", "Expecting value: line 1 column 6 (char 5)"),
            (
                "{\"a\":1",
                "Expecting ',' delimiter: line 1 column 7 (char 6)",
            ),
            (
                "{\"a\":1,",
                "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)",
            ),
            (
                "{\"a\" 1}",
                "Expecting ':' delimiter: line 1 column 6 (char 5)",
            ),
            (
                "{a:1}",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            ("[1,2", "Expecting ',' delimiter: line 1 column 5 (char 4)"),
            ("[1,]", "Expecting value: line 1 column 4 (char 3)"),
            ("[", "Expecting value: line 1 column 2 (char 1)"),
            ("]", "Expecting value: line 1 column 1 (char 0)"),
            (
                "\"abc",
                "Unterminated string starting at: line 1 column 1 (char 0)",
            ),
            (
                "\"a\\",
                "Unterminated string starting at: line 1 column 1 (char 0)",
            ),
            ("\"a\\x\"", "Invalid \\escape: line 1 column 3 (char 2)"),
            (
                "\"a\\u12\"",
                "Invalid \\uXXXX escape: line 1 column 4 (char 3)",
            ),
            (
                "\"\\u12",
                "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            ),
            (
                "\"\\u1234",
                "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            ),
            (
                "\"\\u12G4\"",
                "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            ),
            (
                "\"\\ud800\\u12G4\"",
                "Invalid \\uXXXX escape: line 1 column 9 (char 8)",
            ),
            (
                "\"\\ud800\\u\"",
                "Invalid \\uXXXX escape: line 1 column 9 (char 8)",
            ),
            (
                "\"a\u{1}\"",
                "Invalid control character at: line 1 column 3 (char 2)",
            ),
            ("01", "Extra data: line 1 column 2 (char 1)"),
            ("1.", "Extra data: line 1 column 2 (char 1)"),
            ("1e", "Extra data: line 1 column 2 (char 1)"),
            ("-", "Expecting value: line 1 column 1 (char 0)"),
            ("-a", "Expecting value: line 1 column 1 (char 0)"),
            ("nul", "Expecting value: line 1 column 1 (char 0)"),
            ("tru", "Expecting value: line 1 column 1 (char 0)"),
            (
                "\u{feff}1",
                "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)",
            ),
            ("1 2", "Extra data: line 1 column 3 (char 2)"),
            ("[1] x", "Extra data: line 1 column 5 (char 4)"),
            ("{\"a\":1}}", "Extra data: line 1 column 8 (char 7)"),
            ("[1,2,]", "Expecting value: line 1 column 6 (char 5)"),
            (
                "{\"a\":1,}",
                "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)",
            ),
            (
                "{,}",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            ("[,]", "Expecting value: line 1 column 2 (char 1)"),
            // Positions count code points, lines and columns like Python.
            ("\"é\\q\"", "Invalid \\escape: line 1 column 3 (char 2)"),
            ("é", "Expecting value: line 1 column 1 (char 0)"),
            ("[1,\n2,\nx]", "Expecting value: line 3 column 1 (char 7)"),
            ("[\"😀\", x]", "Expecting value: line 1 column 7 (char 6)"),
            (
                "{\r\n",
                "Expecting property name enclosed in double quotes: line 2 column 1 (char 3)",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(err(input), expected, "input {input:?}");
            assert!(loads(input).unwrap_err().is_value_error());
        }
    }

    #[test]
    fn values_match_python() {
        assert_eq!(loads("\t\n 5 \r\n").unwrap(), json!(5));
        assert_eq!(loads("-0").unwrap(), json!(0));
        assert_eq!(loads("1e5").unwrap(), json!(100000.0));
        assert!(loads("1E+2").unwrap().as_f64() == Some(100.0));
        let neg_zero = loads("-0.0").unwrap();
        assert!(
            neg_zero.is_f64()
                && neg_zero
                    .as_f64()
                    .is_some_and(|f| f == 0.0 && f.is_sign_negative())
        );
        assert_eq!(loads("18446744073709551615").unwrap(), json!(u64::MAX));
        assert_eq!(loads("-9223372036854775808").unwrap(), json!(i64::MIN));
        assert_eq!(
            loads("[true, false, null]").unwrap(),
            json!([true, false, null])
        );
        assert_eq!(
            loads(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap(),
            json!("\"\\/\u{8}\u{c}\n\r\té😀")
        );
        assert_eq!(loads(r#"{"\u00e9":"\/"}"#).unwrap(), json!({"é": "/"}));
        // Raw non-ASCII and DEL pass through.
        assert_eq!(loads("\"é中😀\u{7f}\"").unwrap(), json!("é中😀\u{7f}"));
        assert_eq!(loads("[]").unwrap(), json!([]));
        assert_eq!(loads("{ }").unwrap(), json!({}));
        assert_eq!(loads("[ [ ] , { } ]").unwrap(), json!([[], {}]));
    }

    /// Numbers are held as Python holds them and spelled as `json.dumps`
    /// writes them back (python3.6: `json.dumps(json.loads(s))`).
    #[test]
    fn numbers_keep_python_int_and_float_spelling() {
        for (input, expected) in [
            (
                "[18446744073709551616, -9223372036854775809, 123456789012345678901234567890]",
                "[18446744073709551616, -9223372036854775809, 123456789012345678901234567890]",
            ),
            ("[-0, 0, -0.0, 0.0]", "[0, 0, -0.0, 0.0]"),
            (
                "[1e3, 1E-7, 1e22, 1E+22, 100, 100.0]",
                "[1000.0, 1e-07, 1e+22, 1e+22, 100, 100.0]",
            ),
            (
                "[123456789.123456789, 1e16, 1.5e-5]",
                "[123456789.12345679, 1e+16, 1.5e-05]",
            ),
        ] {
            let value = loads(input).unwrap();
            assert_eq!(crate::pycompat::json::dumps(&value), expected, "{input}");
        }
        let big = loads("18446744073709551616").unwrap();
        assert_eq!(crate::pycompat::repr::type_name(&big), "int");
        assert_eq!(
            crate::pycompat::repr::type_name(&loads("1e3").unwrap()),
            "float"
        );
    }

    #[test]
    fn objects_keep_order_and_last_duplicate_wins_in_first_position() {
        // Python: OrderedDict([('a', 2), ('b', 3)]) for '{"a":1,"a":2,"b":3}'.
        let v = loads(r#"{"z": 0, "a": 1, "m": {"y": 1, "x": 2}, "a": 2, "b": 3}"#).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["z", "a", "m", "b"]);
        assert_eq!(v["a"], json!(2));
        let inner: Vec<&String> = v["m"].as_object().unwrap().keys().collect();
        assert_eq!(inner, ["y", "x"]);
    }

    #[test]
    fn values_python_accepts_but_we_cannot_hold_are_refused() {
        let cases = [
            ("NaN", "Unsupported JSON value NaN (awsr cannot represent NaN or Infinity): line 1 column 1 (char 0)"),
            ("[1, Infinity]", "Unsupported JSON value Infinity (awsr cannot represent NaN or Infinity): line 1 column 5 (char 4)"),
            ("{\"a\": -Infinity}", "Unsupported JSON value -Infinity (awsr cannot represent NaN or Infinity): line 1 column 7 (char 6)"),
            ("1e400", "Unsupported JSON number 1e400 (it overflows to Infinity): line 1 column 1 (char 0)"),
            ("\"a\\ud800\"", "Unsupported JSON string escape \\ud800 (a lone surrogate; awsr strings must be valid Unicode): line 1 column 3 (char 2)"),
            ("\"\\udc00\\ud800\"", "Unsupported JSON string escape \\udc00 (a lone surrogate; awsr strings must be valid Unicode): line 1 column 2 (char 1)"),
        ];
        for (input, expected) in cases {
            let e = loads(input).unwrap_err();
            assert_eq!(e.to_string(), expected, "input {input:?}");
            assert!(!e.is_value_error());
        }
        // Python goes on past them, so a later syntax error still wins.
        assert_eq!(
            err("[NaN"),
            "Expecting ',' delimiter: line 1 column 5 (char 4)"
        );
        assert_eq!(err("NaN0"), "Extra data: line 1 column 4 (char 3)");
        assert_eq!(
            err("[\"\\ud800\", x]"),
            "Expecting value: line 1 column 12 (char 11)"
        );
        // Only the first one is reported.
        assert!(err("[NaN, 1e999]").starts_with("Unsupported JSON value NaN"));
    }

    #[test]
    fn nesting_is_bounded_without_recursion() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(loads(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        // Python's RecursionError text (seen from the reference aws-cli with
        // `--step-ids` holding ~1000 nested lists).
        assert_eq!(
            err(&deep),
            "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
        );
        let objects = format!(
            "{}1{}",
            "{\"a\":".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(
            err(&objects),
            "maximum recursion depth exceeded while decoding a JSON object from a unicode string"
        );
        assert!(!loads(&objects).unwrap_err().is_value_error());
        // Far deeper than any stack: still just an error.
        let huge = "[".repeat(1_000_000);
        assert!(loads(&huge).is_err());
        let huge_ok_prefix = "[".repeat(MAX_DEPTH);
        assert_eq!(
            err(&huge_ok_prefix),
            format!(
                "Expecting value: line 1 column {} (char {})",
                MAX_DEPTH + 1,
                MAX_DEPTH
            )
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = [
            "{", "}", "[", "]", "\"", "\\", "\\u", "\\ud83d", ":", ",", "1", "-", ".", "e", "é",
            "😀", "\u{0}", " ", "NaN", "tru",
        ];
        // All strings of up to three pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let _ = loads(&format!("{a}{b}{c}"));
                }
            }
        }
    }
}
