// Ported from aws-cli 1.14.28 (awscli/formatter.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! aws-cli's output: `--output json|text|table`, `--query` and `--color`,
//! byte for byte as aws-cli 1.14.28 prints them (awscli/formatter.py,
//! awscli/text.py, awscli/table.py, with jmespath.py 0.10.0 for `--query`
//! and colorama 0.3.7 for colour).
//!
//! ```text
//! render(response, format, query, "CancelSteps", color) -> stdout text
//! ```
//!
//! The response is what botocore hands aws-cli's formatter: the parsed
//! output in model member order (`ResponseMetadata`, if present, is dropped
//! unless an `Errors` key is there too). Timestamps stay as the wire carried
//! them, as aws-cli 1.14.28 prints them by default.
//!
//! - json: `json.dump(result, indent=4, ensure_ascii=False)` and a newline;
//!   nothing when the result is `{}`; `null` for a query that selects
//!   nothing. ([`super::output::json`] is the same printer for callers that
//!   never query.)
//! - text: see [`text`].
//! - table: see [`table`]; the title is the operation name, the width
//!   aws-cli measures is stdout's terminal (80 when stdout is no terminal).
//!
//! Not emulated: text of JMESPath expression references (Python prints an
//! object address), integers past ±2^127 (become floats), literals Python
//! parses but `serde_json` cannot hold (`NaN`, 20-digit-plus integers,
//! lone surrogates: refused), and Python's recursion limit while searching
//! or formatting (it is emulated while compiling `--query`). Paginated
//! operations: aws-cli's text output prints each page on its own; this
//! module formats one (merged) response.

mod eaw;
pub mod jmespath;
mod table;
mod text;
pub mod value;

use serde_json::Value;
use std::fmt;
use value::{Rcvar, Var};

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Json,
    Text,
    Table,
}

impl OutputFormat {
    /// `json`, `text` or `table` (the choices argparse accepts).
    pub fn parse(name: &str) -> Option<OutputFormat> {
        match name {
            "json" => Some(OutputFormat::Json),
            "text" => Some(OutputFormat::Text),
            "table" => Some(OutputFormat::Table),
            _ => None,
        }
    }
}

/// `--color` (aws-cli's default is `auto`). Only table output has colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    On,
    Off,
    #[default]
    Auto,
}

impl Color {
    pub fn parse(name: &str) -> Option<Color> {
        match name {
            "on" => Some(Color::On),
            "off" => Some(Color::Off),
            "auto" => Some(Color::Auto),
            _ => None,
        }
    }
}

/// What aws-cli learns about stdout: whether it is a terminal (`--color
/// auto`, colorama's reset at exit) and its width (`TIOCGWINSZ`, 80 when
/// that fails, e.g. when piped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub stdout_is_tty: bool,
    pub width: i64,
}

impl Terminal {
    /// Output going to a pipe or a file.
    pub const PIPED: Terminal = Terminal {
        stdout_is_tty: false,
        width: 80,
    };

    /// This process's stdout.
    pub fn detect() -> Terminal {
        use std::io::IsTerminal;
        Terminal {
            stdout_is_tty: std::io::stdout().is_terminal(),
            width: stdout_columns().unwrap_or(80),
        }
    }
}

#[cfg(unix)]
fn stdout_columns() -> Option<i64> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ fills the winsize struct passed by pointer and
    // touches nothing else; failure (not a terminal) is reported by -1.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
    // Python unpacks the columns as a signed short.
    (rc == 0).then(|| i64::from(size.ws_col as i16))
}

#[cfg(not(unix))]
fn stdout_columns() -> Option<i64> {
    None
}

/// Why aws-cli stopped: its message, what it had printed to stdout before,
/// and the exact bytes it writes to stderr. Always exit code 255.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    message: String,
    stdout: String,
    stderr: String,
}

impl FormatError {
    fn new(message: String, stdout: String, colorized: bool) -> FormatError {
        // write_exception: "\n", str(e), "\n" - three writes, each followed
        // by a reset when colorama wraps stderr (table output in colour).
        let stderr = if colorized {
            format!("\n\x1b[0m{message}\x1b[0m\n\x1b[0m")
        } else {
            format!("\n{message}\n")
        };
        FormatError {
            message,
            stdout,
            stderr,
        }
    }

    /// `str(e)`, e.g. `Bad value for --query foo[: Invalid jmespath
    /// expression: Incomplete expression: ...`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What aws-cli had written to stdout before failing (often nothing).
    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    /// Exactly what aws-cli writes to stderr.
    pub fn stderr(&self) -> &str {
        &self.stderr
    }

    pub fn exit_code(&self) -> i32 {
        255
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormatError {}

/// A compiled `--query`.
#[derive(Debug)]
pub struct Query {
    expression: jmespath::Expression,
}

impl Query {
    /// aws-cli compiles `--query` as soon as the global options are parsed
    /// (before anything else is checked); a bad expression is reported as
    /// `Bad value for --query EXPR: ...`, exit 255.
    pub fn compile(expression: &str) -> Result<Query, FormatError> {
        jmespath::compile(expression)
            .map(|expression| Query { expression })
            .map_err(|e| {
                FormatError::new(
                    format!("Bad value for --query {expression}: {e}"),
                    String::new(),
                    false,
                )
            })
    }

    fn search(&self, data: &Rcvar) -> Result<Rcvar, String> {
        self.expression.search(data)
    }
}

/// The stack a `--query` is compiled and run on: jmespath.py recurses once
/// per nesting level up to Python's limit (about 490 levels), which needs
/// more than a default thread stack in a debug build. Only touched pages
/// are ever committed.
pub const DEEP_STACK: usize = 256 << 20;

/// A `--query` result may hold this many times as many values as the
/// response (plus [`QUERY_RESULT_MIN`]); beyond, it is refused.
pub const QUERY_RESULT_FACTOR: u64 = 16;
/// See [`QUERY_RESULT_FACTOR`].
pub const QUERY_RESULT_MIN: u64 = 1_000_000;

/// The response printed as aws-cli prints it to this process's stdout.
pub fn render(
    response: &Value,
    format: OutputFormat,
    query: Option<&str>,
    title: &str,
    color: Color,
) -> Result<String, FormatError> {
    let terminal = Terminal::detect();
    let Some(query) = query else {
        return render_for(response, format, None, title, color, &terminal);
    };
    let run = || {
        let query = Query::compile(query)?;
        render_for(response, format, Some(&query), title, color, &terminal)
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .stack_size(DEEP_STACK)
            .spawn_scoped(scope, run)
        {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(FormatError::new(
                    "formatting the response failed".into(),
                    String::new(),
                    false,
                ))
            }),
            // No thread to be had: run here, on the stack there is.
            Err(_) => run(),
        }
    })
}

/// [`render`] for a given terminal (tests use [`Terminal::PIPED`]).
pub fn render_for(
    response: &Value,
    format: OutputFormat,
    query: Option<&Query>,
    title: &str,
    color: Color,
    terminal: &Terminal,
) -> Result<String, FormatError> {
    // colorama is started (stdout and stderr wrapped) when the table
    // formatter is made, before it looks at the response.
    let colorized = format == OutputFormat::Table
        && match color {
            Color::On => true,
            Color::Off => false,
            Color::Auto => terminal.stdout_is_tty,
        };
    // At exit colorama resets a terminal stdout once more.
    let at_exit = if colorized && terminal.stdout_is_tty {
        "\x1b[0m"
    } else {
        ""
    };
    let fail = |message: String| FormatError::new(message, at_exit.to_string(), colorized);
    let data = Var::from_json(&*without_request_id(response).map_err(fail)?);
    let result = match query {
        None => data,
        Some(query) => {
            let result = query.search(&data).map_err(fail)?;
            // aws-cli writes whatever the query describes, even 2^60 values
            // from `[@,@]|[@,@]|...`; awsr refuses a result far larger than
            // the response it came from.
            let limit = value::expanded_size(&data)
                .saturating_mul(QUERY_RESULT_FACTOR)
                .saturating_add(QUERY_RESULT_MIN);
            let size = value::expanded_size(&result);
            if size > limit {
                return Err(fail(format!(
                    "The --query result would hold {size} values, more than awsr's limit of {limit} (the response's size times {QUERY_RESULT_FACTOR}, plus {QUERY_RESULT_MIN})"
                )));
            }
            result
        }
    };
    match format {
        OutputFormat::Json => {
            if matches!(&*result, Var::Object(map) if map.is_empty()) {
                return Ok(String::new());
            }
            match value::dumps_pretty(&result) {
                Ok(mut text) => {
                    text.push('\n');
                    Ok(text)
                }
                Err(partial) => Err(FormatError::new(
                    "Circular reference detected".into(),
                    partial,
                    false,
                )),
            }
        }
        OutputFormat::Text => {
            let mut out = String::new();
            match text::format_text(&result, &mut out) {
                Ok(()) => Ok(out),
                Err(message) => Err(FormatError::new(message, out, false)),
            }
        }
        OutputFormat::Table => {
            let mut multi = table::MultiTable::new(colorized, terminal.width);
            let mut sink = table::Sink::new(colorized);
            if table::build_table(&mut multi, Some(title), &result, 0).map_err(fail)? {
                multi.render(&mut sink);
            }
            sink.out.push_str(at_exit);
            Ok(sink.out)
        }
    }
}

/// `Formatter._remove_request_id`: `ResponseMetadata` goes unless there are
/// `Errors`. Python's `in` and `[]` on what is not a dict (never a real
/// response) fail or match as they do there.
fn without_request_id(response: &Value) -> Result<std::borrow::Cow<'_, Value>, String> {
    use std::borrow::Cow;
    let has = |key: &str| match response {
        Value::Object(map) => map.contains_key(key),
        Value::Array(items) => items.iter().any(|i| i.as_str() == Some(key)),
        Value::String(s) => s.contains(key),
        _ => false,
    };
    let not_iterable = |value: &Value| -> Result<(), String> {
        let type_name = match value {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Number(n) if crate::pycompat::number::is_float(n) => "float",
            Value::Number(_) => "int",
            _ => return Ok(()),
        };
        Err(format!("argument of type '{type_name}' is not iterable"))
    };
    not_iterable(response)?;
    if has("Errors") || !has("ResponseMetadata") {
        return Ok(Cow::Borrowed(response));
    }
    match response {
        Value::Object(map) => {
            // `'RequestId' in response_data['ResponseMetadata']`
            not_iterable(&map["ResponseMetadata"])?;
            let mut map = map.clone();
            map.shift_remove("ResponseMetadata");
            Ok(Cow::Owned(Value::Object(map)))
        }
        Value::Array(_) => Err("list indices must be integers or slices, not str".into()),
        _ => Err("string indices must be integers".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn piped(v: Value, format: OutputFormat, query: Option<&str>) -> Result<String, FormatError> {
        let query = query.map(Query::compile).transpose()?;
        render_for(
            &v,
            format,
            query.as_ref(),
            "Op",
            Color::Auto,
            &Terminal::PIPED,
        )
    }

    #[test]
    fn json_output() {
        let v = json!({"A": [1, 2.0], "ResponseMetadata": {"RequestId": "x"}});
        assert_eq!(
            piped(v.clone(), OutputFormat::Json, None).unwrap(),
            "{\n    \"A\": [\n        1,\n        2.0\n    ]\n}\n"
        );
        assert_eq!(
            piped(v.clone(), OutputFormat::Json, Some("B")).unwrap(),
            "null\n"
        );
        assert_eq!(piped(json!({}), OutputFormat::Json, None).unwrap(), "");
        let err = piped(v, OutputFormat::Json, Some("[A, &A]")).unwrap_err();
        assert_eq!(
            err.stdout(),
            "[\n    [\n        1,\n        2.0\n    ],\n    "
        );
        assert_eq!(err.stderr(), "\nCircular reference detected\n");
    }

    #[test]
    fn bad_query() {
        let err = piped(json!({}), OutputFormat::Json, Some("foo[")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Bad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^"
        );
        assert_eq!(err.exit_code(), 255);
        assert_eq!(err.stderr(), format!("\n{err}\n"));
    }

    #[test]
    fn colour_on_a_terminal() {
        let t = Terminal {
            stdout_is_tty: true,
            width: 80,
        };
        let out = render_for(
            &json!("x"),
            OutputFormat::Table,
            None,
            "Op",
            Color::Auto,
            &t,
        )
        .unwrap();
        assert_eq!(
            out,
            "----\n\x1b[0m\x1b[0m|Op|\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m+--+\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m"
        );
    }
}
