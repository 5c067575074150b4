// Ported from aws-cli 1.14.28 (awscli/argprocess.py), Apache License 2.0,
// and CPython 3.6 (int(), float(), str.__repr__), PSF License Agreement:
// Copyright Amazon.com, Inc. or its affiliates; Copyright (c) 2001-2017
// Python Software Foundation. See NOTICE.
//! aws-cli's `unpack_cli_arg` (awscli/argprocess.py, 1.14.28): turning the
//! strings argparse collected for one option into the JSON value sent to the
//! service, with aws-cli's error texts. The Python built-ins it leans on
//! (`int()`, `float()`, `repr()` of a `str`), which other runtime modules
//! use for their messages too.
//!
//! The caller runs, per option, what aws-cli runs:
//!
//! 1. `paramfile::get_paramfile` (the `load-cli-arg` event) — a `file://`
//!    body replaces the value: for a list option given exactly one value,
//!    the list becomes that single string ([`RawValue::One`]), and aws-cli
//!    then iterates its *characters* (emulated).
//! 2. [`unpack_cli_arg`] — the shorthand check of `ParamShorthandParser`
//!    (the `process-cli-arg` event) followed by `unpack_cli_arg`.
//!
//! Every error here is one aws-cli reports through `clidriver.main`'s
//! generic handler: print `"\n{error}\n"` to stderr, exit 255
//! ([`ArgValueError::EXIT_CODE`]). Which text it is depends on which Python
//! exception escapes `argprocess`: `ParamError` reads `Error parsing
//! parameter '--x': ...`, anything else prints bare. That is why
//! `--step-ids '[1,2'` prints just `Expecting ',' delimiter: line 1 column 5
//! (char 4)`: for a list given one value starting with `[`,
//! `_unpack_complex_cli_arg` calls `json.loads` outside any `try`, so the
//! `JSONDecodeError` reaches `CLIDriver.main`'s `except Exception`, which
//! calls `write_exception` (`"\n" + str(e) + "\n"`) and returns 255
//! ([`ArgValueError::Python`]). Structures, by contrast, wrap their JSON
//! errors (`Invalid JSON: ...\nJSON received: ...`), and list members that
//! fail `int()`/`float()` are reported as the list's *first* value.
//!
//! Booleans are not unpacked by aws-cli: a boolean option is a pair of
//! `store_true`/`store_false` flags, `--x` and `--no-x` (`BooleanArgument`),
//! whose last occurrence gives `true`/`false` directly. Only booleans inside
//! lists go through [`unpack_cli_arg`].
//!
//! Shorthand syntax (`Key=a,Value=b`) is [`super::shorthand`]'s: a structure,
//! a map, or a list of structures, maps or lists whose (first) value does
//! not look like JSON is parsed as shorthand instead of unpacked.
//!
//! Not emulated: streaming blobs (a file path opened by aws-cli; not used by
//! the pinned model), `jsonvalue` header strings, and values Python holds but
//! JSON cannot spell (NaN/Infinity, lone surrogates): those give
//! [`ArgValueError::Unsupported`].

pub use super::model::ArgType;
use super::pycompat::number::{float as py_float, int as py_int, PyNum};
use super::pycompat::text::{lstrip as py_lstrip, repr_str as py_repr, strip as py_strip};
use super::pyjson::{self, JsonError};
use super::shorthand;
use serde_json::Value;
use std::fmt;

/// The value argparse stored for an option, as `unpack_cli_arg` receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawValue<'a> {
    /// A single string: options with one value (`nargs=None`), or the text
    /// of a `file://` parameter file that replaced the value.
    One(&'a str),
    /// The strings of a list option (`nargs='*'`), possibly none.
    Many(&'a [String]),
}

/// Why a value could not be unpacked. `Display` is exactly what aws-cli
/// prints between the two newlines (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgValueError {
    /// aws-cli's `ParamError`: `Error parsing parameter '--x': message`.
    Param { cli_name: String, message: String },
    /// A Python exception aws-cli lets through unwrapped; `str(exception)`,
    /// e.g. `invalid literal for int() with base 10: 'x'`, a
    /// `JSONDecodeError` from a JSON list, `string index out of range`.
    Python(String),
    /// Valid for aws-cli but not representable by awsr (NaN, Infinity,
    /// lone surrogates in JSON strings).
    Unsupported { cli_name: String, message: String },
}

impl ArgValueError {
    /// aws-cli exits 255 for all of these.
    pub const EXIT_CODE: i32 = 255;
}

impl fmt::Display for ArgValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgValueError::Param { cli_name, message }
            | ArgValueError::Unsupported { cli_name, message } => {
                write!(f, "Error parsing parameter '{cli_name}': {message}")
            }
            ArgValueError::Python(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ArgValueError {}

/// How argparse collects an option of this type (aws-cli's argument
/// classes): lists take `nargs='*'` (`ListArgument`), booleans are
/// `store_true` flags with a `--no-` twin (`BooleanArgument`), the rest take
/// one value.
pub fn cli_nargs(arg_type: &ArgType) -> super::argparse::Nargs<'static> {
    use super::argparse::Nargs;
    match arg_type.base() {
        ArgType::List(_) => Nargs::ZeroOrMore,
        ArgType::Boolean => Nargs::Flag,
        _ => Nargs::One,
    }
}

/// The `type=` argparse converts with (`CLIArgument.TYPE_MAP`): `long` is
/// `int`, `float`/`double` are `float`; `integer` is left a string (so a bad
/// integer is an exit-255 error from [`unpack_cli_arg`], but a bad long or
/// double an exit-2 argparse error).
pub fn cli_value_type(arg_type: &ArgType) -> super::argparse::ValueType {
    use super::argparse::ValueType;
    match arg_type.base() {
        ArgType::Long => ValueType::Int,
        ArgType::Float | ArgType::Double => ValueType::Float,
        _ => ValueType::Str,
    }
}

/// `unpack_cli_arg(cli_argument, value)`, preceded by the shorthand check.
/// `cli_name` is the option as typed, with dashes (`--step-ids`).
///
/// - string, timestamp, blob: the text as is;
/// - integer, long: Python `int()`; double, float: Python `float()`;
/// - boolean: `false` (any case) is false, any other non-empty text true;
/// - structure, map: JSON text starting with `{`; other text that does not
///   start (after whitespace) with `[` or `{` is shorthand syntax;
/// - list: one value starting with `[` is parsed as a JSON list (its
///   errors print raw); otherwise each value is unpacked as the member type
///   (a `ValueError` there becomes `Error parsing parameter '--x': <first
///   value>`). Lists of structures/maps/lists take shorthand unless the first
///   value looks like JSON.
///
/// (Without the service's old-list options: what the tests call.)
#[cfg(test)]
fn unpack_cli_arg(
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
) -> Result<Value, ArgValueError> {
    unpack_with(cli_name, arg_type, value, false)
}

/// [`unpack_cli_arg`] for option `cli_name` of command `operation` of a
/// service whose old-list options are `old_list_options` (`(command,
/// option)`, from the service descriptor): the same, plus those old options
/// whose lists of one-member structures take bare words
/// (`--instances i-1 i-2`).
pub fn unpack_cli_arg_for(
    old_list_options: &[(&str, &str)],
    operation: &str,
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
) -> Result<Value, ArgValueError> {
    let argument = cli_name.strip_prefix("--").unwrap_or(cli_name);
    let old_list_case = old_list_options.contains(&(operation, argument));
    unpack_with(cli_name, arg_type, value, old_list_case)
}

fn unpack_with(
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
    old_list_case: bool,
) -> Result<Value, ArgValueError> {
    if should_parse_as_shorthand(arg_type, value) {
        return shorthand::parse_as_shorthand(cli_name, arg_type, value, old_list_case);
    }
    unpack(cli_name, arg_type, value).map_err(|e| e.into_public(cli_name))
}

/// Whether aws-cli would `json.loads` this value (with
/// `object_pairs_hook=OrderedDict`) rather than read it as shorthand: what
/// decides how its objects print in validation messages.
pub fn parses_as_json(arg_type: &ArgType, value: RawValue<'_>) -> bool {
    !should_parse_as_shorthand(arg_type, value)
}

/// `ParamShorthandParser._should_parse_as_shorthand`.
fn should_parse_as_shorthand(arg_type: &ArgType, value: RawValue<'_>) -> bool {
    let check = match value {
        RawValue::One(s) => Some(s),
        RawValue::Many([first, ..]) => Some(first.as_str()),
        RawValue::Many([]) => None,
    };
    if let Some(s) = check {
        let t = py_strip(s);
        if t.starts_with('[') || t.starts_with('{') {
            return false;
        }
    }
    is_complex_shape(arg_type)
}

/// `argprocess._is_complex_shape`.
fn is_complex_shape(arg_type: &ArgType) -> bool {
    match arg_type.base() {
        ArgType::Structure(_) | ArgType::Map(..) => true,
        ArgType::List(member) => {
            matches!(
                member.base(),
                ArgType::Structure(_) | ArgType::Map(..) | ArgType::List(_)
            )
        }
        _ => false,
    }
}

/// An exception raised while unpacking, tagged the way Python's `except`
/// clauses in argprocess tell them apart.
enum PyErr {
    /// `ValueError` (and `TypeError`): caught by the list branch.
    ValueError(String),
    /// Anything else that propagates unwrapped (`IndexError`,
    /// `RecursionError`, `AttributeError`).
    Other(String),
    Param(String),
    Unsupported(String),
}

impl PyErr {
    fn into_public(self, cli_name: &str) -> ArgValueError {
        match self {
            PyErr::ValueError(m) | PyErr::Other(m) => ArgValueError::Python(m),
            PyErr::Param(message) => ArgValueError::Param {
                cli_name: cli_name.to_string(),
                message,
            },
            PyErr::Unsupported(message) => ArgValueError::Unsupported {
                cli_name: cli_name.to_string(),
                message,
            },
        }
    }
}

fn json_err(e: JsonError) -> PyErr {
    match e {
        JsonError::Decode { .. } => PyErr::ValueError(e.to_string()),
        JsonError::TooDeep { .. } => PyErr::Other(e.to_string()),
        JsonError::Unsupported { .. } => PyErr::Unsupported(e.to_string()),
    }
}

/// `_unpack_cli_arg`.
fn unpack(cli_name: &str, ty: &ArgType, value: RawValue<'_>) -> Result<Value, PyErr> {
    match ty.base() {
        ArgType::Structure(_) | ArgType::Map(..) => unpack_object(value),
        ArgType::List(member) => unpack_list(cli_name, member, value),
        _ => unpack_scalar(ty, value),
    }
}

/// `_unpack_complex_cli_arg` for structures and maps.
fn unpack_object(value: RawValue<'_>) -> Result<Value, PyErr> {
    let RawValue::One(s) = value else {
        return Err(PyErr::Other(
            "'list' object has no attribute 'lstrip'".into(),
        ));
    };
    match py_lstrip(s).chars().next() {
        None => Err(PyErr::Other("string index out of range".into())),
        Some('{') => pyjson::loads(s).map_err(|e| match e {
            JsonError::Decode { .. } => {
                PyErr::Param(format!("Invalid JSON: {e}\nJSON received: {s}"))
            }
            other => json_err(other),
        }),
        Some(_) => Err(PyErr::Param(format!("Invalid JSON:\n{s}"))),
    }
}

/// `_unpack_complex_cli_arg` for lists.
fn unpack_list(cli_name: &str, member: &ArgType, value: RawValue<'_>) -> Result<Value, PyErr> {
    let first: String = match value {
        RawValue::One(s) => {
            // A string (a file:// body): JSON if it starts with '[', else
            // Python iterates its characters.
            match py_lstrip(s).chars().next() {
                None => return Err(PyErr::Other("string index out of range".into())),
                Some('[') => return pyjson::loads(s).map_err(json_err),
                Some(_) => {}
            }
            s.chars().next().map(String::from).unwrap_or_default()
        }
        RawValue::Many(items) => {
            if let [only] = items {
                if py_strip(only).starts_with('[') {
                    return pyjson::loads(only).map_err(json_err);
                }
            }
            items.first().cloned().unwrap_or_default()
        }
    };
    let mut out = Vec::new();
    let mut each = |item: &str| -> Result<(), PyErr> {
        match unpack(cli_name, member, RawValue::One(item)) {
            Ok(v) => {
                out.push(v);
                Ok(())
            }
            // `except (ValueError, TypeError): raise ParamError(cli_name, value[0])`
            Err(PyErr::ValueError(_)) => Err(PyErr::Param(first.clone())),
            Err(other) => Err(other),
        }
    };
    match value {
        RawValue::One(s) => {
            let mut buf = [0u8; 4];
            for c in s.chars() {
                each(c.encode_utf8(&mut buf))?;
            }
        }
        RawValue::Many(items) => {
            for item in items {
                each(item)?;
            }
        }
    }
    Ok(Value::Array(out))
}

/// `unpack_scalar_cli_arg`.
fn unpack_scalar(ty: &ArgType, value: RawValue<'_>) -> Result<Value, PyErr> {
    let s =
        match value {
            RawValue::One(s) => s,
            RawValue::Many(items) => {
                // Not reachable from argparse (scalars take one value); what
                // Python does with a list, for completeness.
                return match ty.base() {
                ArgType::Integer | ArgType::Long => Err(PyErr::ValueError(
                    "int() argument must be a string, a bytes-like object or a number, not 'list'"
                        .into(),
                )),
                ArgType::Float | ArgType::Double => Err(PyErr::ValueError(
                    "float() argument must be a string or a number, not 'list'".into(),
                )),
                ArgType::Boolean => Ok(Value::Bool(!items.is_empty())),
                _ => Ok(Value::Array(items.iter().cloned().map(Value::String).collect())),
            };
            }
        };
    match ty.base() {
        ArgType::Integer | ArgType::Long => match py_int(s) {
            Ok(n) => Ok(Value::Number(n)),
            Err(msg) => Err(PyErr::ValueError(msg)),
        },
        ArgType::Float | ArgType::Double => match py_float(s) {
            Ok(PyNum::Fits(n)) => Ok(Value::Number(n)),
            Ok(_) => Err(PyErr::Unsupported(format!(
                "{} is not a finite number, which awsr does not support",
                py_repr(s)
            ))),
            Err(msg) => Err(PyErr::ValueError(msg)),
        },
        ArgType::Boolean => Ok(Value::Bool(!(s.to_lowercase() == "false" || s.is_empty()))),
        _ => Ok(Value::String(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static STRING: ArgType = ArgType::String;
    static INTEGER: ArgType = ArgType::Integer;
    static STRUCTURE: ArgType = ArgType::Structure(&[]);
    static STRINGS: ArgType = ArgType::List(&STRING);
    static INTEGERS: ArgType = ArgType::List(&INTEGER);
    static DOUBLES: ArgType = ArgType::List(&ArgType::Double);
    static BOOLEANS: ArgType = ArgType::List(&ArgType::Boolean);
    static STRUCTURES: ArgType = ArgType::List(&STRUCTURE);
    static LISTS: ArgType = ArgType::List(&STRINGS);
    static KEYS: ArgType = ArgType::List(&ArgType::Structure(&[super::super::model::MemberType {
        name: "Key",
        shape: &STRING,
        required: false,
    }]));

    fn many(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn one(ty: &ArgType, s: &str) -> Result<Value, ArgValueError> {
        unpack_cli_arg("--x", ty, RawValue::One(s))
    }

    fn list(name: &str, ty: &ArgType, items: &[&str]) -> Result<Value, ArgValueError> {
        unpack_cli_arg(name, ty, RawValue::Many(&many(items)))
    }

    fn err_text(r: Result<Value, ArgValueError>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn strings_timestamps_blobs_are_kept_as_typed() {
        for ty in [&ArgType::String, &ArgType::Timestamp, &ArgType::Blob] {
            assert_eq!(one(ty, " a b\n").unwrap(), json!(" a b\n"));
            assert_eq!(one(ty, "").unwrap(), json!(""));
            assert_eq!(
                one(ty, "{\"not\": \"parsed\"}").unwrap(),
                json!("{\"not\": \"parsed\"}")
            );
        }
    }

    /// `int()` results and messages: python3.6 (the reference's interpreter);
    /// `abc` also through the reference: `aws alexaforbusiness list-skills
    /// --max-results abc --generate-cli-skeleton output` prints
    /// `\ninvalid literal for int() with base 10: 'abc'\n`, exit 255, and
    /// `--max-results " 1_0 "` is accepted.
    #[test]
    fn integers_follow_python_int() {
        for (input, expected) in [
            (" 12 ", 12i64),
            ("+5", 5),
            ("-5", -5),
            ("1_000", 1000),
            (" 1_0 ", 10),
            ("007", 7),
            ("0_0", 0),
            ("٣", 3),
            ("١٢٣", 123),
            ("𝟏𝟐", 12),
            ("１２", 12),
            ("1\u{a0}", 1),
            ("\u{3000} 7\u{2028}", 7),
            ("\u{85} 3", 3),
            ("-9223372036854775808", i64::MIN),
        ] {
            assert_eq!(
                one(&INTEGER, input).unwrap(),
                json!(expected),
                "input {input:?}"
            );
            assert_eq!(
                one(&ArgType::Long, input).unwrap(),
                json!(expected),
                "input {input:?}"
            );
        }
        assert_eq!(
            one(&INTEGER, "18446744073709551615").unwrap(),
            json!(u64::MAX)
        );
        for (input, message) in [
            ("abc", "invalid literal for int() with base 10: 'abc'"),
            ("", "invalid literal for int() with base 10: ''"),
            (" ", "invalid literal for int() with base 10: ' '"),
            ("- 5", "invalid literal for int() with base 10: '- 5'"),
            ("_1", "invalid literal for int() with base 10: '_1'"),
            ("1_", "invalid literal for int() with base 10: '1_'"),
            ("1__0", "invalid literal for int() with base 10: '1__0'"),
            ("1.5", "invalid literal for int() with base 10: '1.5'"),
            ("0x10", "invalid literal for int() with base 10: '0x10'"),
            ("1e5", "invalid literal for int() with base 10: '1e5'"),
            ("12é", "invalid literal for int() with base 10: '12é'"),
            (
                "\u{1c}5",
                "invalid literal for int() with base 10: '\\x1c5'",
            ),
            ("5\u{0}", "invalid literal for int() with base 10: '5\\x00'"),
            ("it's", "invalid literal for int() with base 10: \"it's\""),
        ] {
            let e = one(&INTEGER, input).unwrap_err();
            assert_eq!(
                e,
                ArgValueError::Python(message.to_string()),
                "input {input:?}"
            );
            assert_eq!(e.to_string(), message);
        }
        // `%.200R`: the repr is cut at 200 characters.
        let long = "a".repeat(300);
        let text = err_text(one(&INTEGER, &long));
        assert_eq!(
            text,
            format!(
                "invalid literal for int() with base 10: '{}",
                "a".repeat(199)
            )
        );
        // Python keeps ints of any size, spelled canonically.
        for (input, expected) in [
            (
                "123456789012345678901234567890",
                "123456789012345678901234567890",
            ),
            (" -0_018446744073709551616", "-18446744073709551616"),
            ("-0", "0"),
            ("+000", "0"),
        ] {
            let v = one(&INTEGER, input).unwrap();
            assert_eq!(crate::pycompat::json::dumps(&v), expected, "{input:?}");
        }
    }

    /// `float()` results and messages: python3.6.
    #[test]
    fn doubles_follow_python_float() {
        for (input, expected) in [
            ("1.5", 1.5f64),
            (" 12 ", 12.0),
            ("+.5", 0.5),
            ("5.", 5.0),
            ("1e5", 100000.0),
            ("1_0.5", 10.5),
            ("0_0.0_1", 0.01),
            ("1_0e1_0", 1e11),
            ("١.٥", 1.5),
            ("\t1.5\n", 1.5),
            ("-0", -0.0),
        ] {
            for ty in [&ArgType::Double, &ArgType::Float] {
                let v = one(ty, input).unwrap();
                assert!(v.is_f64(), "input {input:?}");
                assert_eq!(
                    v.as_f64().map(f64::to_bits),
                    Some(expected.to_bits()),
                    "input {input:?}"
                );
            }
        }
        for (input, message) in [
            ("abc", "could not convert string to float: 'abc'"),
            ("", "could not convert string to float: "),
            (" ", "could not convert string to float: "),
            ("1e", "could not convert string to float: '1e'"),
            ("1e+", "could not convert string to float: '1e+'"),
            ("1._5", "could not convert string to float: '1._5'"),
            ("1.5_", "could not convert string to float: '1.5_'"),
            ("in_f", "could not convert string to float: 'in_f'"),
            ("infinit", "could not convert string to float: 'infinit'"),
            ("0x10", "could not convert string to float: '0x10'"),
            ("1e1.5", "could not convert string to float: '1e1.5'"),
            ("-.e1", "could not convert string to float: '-.e1'"),
            ("1.5\u{1c}", "could not convert string to float: '1.5\\x1c'"),
        ] {
            assert_eq!(
                one(&ArgType::Double, input).unwrap_err(),
                ArgValueError::Python(message.into()),
                "input {input:?}"
            );
        }
        for input in ["nan", "+NaN", "inf", "-iNfinity", "1e999"] {
            let e = one(&ArgType::Double, input).unwrap_err();
            assert!(
                matches!(e, ArgValueError::Unsupported { .. }),
                "input {input:?}"
            );
        }
        assert_eq!(
            err_text(one(&ArgType::Double, "nan")),
            "Error parsing parameter '--x': 'nan' is not a finite number, which awsr does not support"
        );
    }

    /// argprocess: `'false'` in any case is False, anything else `bool(value)`.
    #[test]
    fn booleans_follow_aws_cli() {
        for (input, expected) in [
            ("false", false),
            ("FALSE", false),
            ("False", false),
            ("", false),
            ("true", true),
            ("no", true),
            ("0", true),
        ] {
            assert_eq!(
                one(&ArgType::Boolean, input).unwrap(),
                json!(expected),
                "input {input:?}"
            );
        }
        assert_eq!(
            list("--b", &BOOLEANS, &["True", "false"]).unwrap(),
            json!([true, false])
        );
    }

    /// Checked through the reference with `aws emr cancel-steps --cluster-id j
    /// --step-ids ... --generate-cli-skeleton output` (and the file:// forms).
    #[test]
    fn string_lists() {
        assert_eq!(
            list("--step-ids", &STRINGS, &["a", "b"]).unwrap(),
            json!(["a", "b"])
        );
        assert_eq!(list("--step-ids", &STRINGS, &[]).unwrap(), json!([]));
        assert_eq!(list("--step-ids", &STRINGS, &[""]).unwrap(), json!([""]));
        // One value starting with '[' is a JSON list, taken as it is.
        assert_eq!(
            list("--step-ids", &STRINGS, &[" [1, \"a\"]"]).unwrap(),
            json!([1, "a"])
        );
        // ... and its errors are printed raw (exit 255):
        // `\nExpecting ',' delimiter: line 1 column 5 (char 4)\n`.
        let e = list("--step-ids", &STRINGS, &["[1,2"]).unwrap_err();
        assert_eq!(
            e,
            ArgValueError::Python("Expecting ',' delimiter: line 1 column 5 (char 4)".into())
        );
        // Two values: no JSON, even if one looks like it.
        assert_eq!(
            list("--step-ids", &STRINGS, &["[1]", "2"]).unwrap(),
            json!(["[1]", "2"])
        );
        assert_eq!(
            list("--step-ids", &STRINGS, &["{\"a\":1}"]).unwrap(),
            json!(["{\"a\":1}"])
        );
        // A file:// body replaces the list with one string: aws-cli iterates
        // its characters (`file://ab.txt` holding `ab` → ["a", "b"]) and fails
        // on an empty or blank one with `\nstring index out of range\n`.
        assert_eq!(one(&STRINGS, "ab").unwrap(), json!(["a", "b"]));
        assert_eq!(one(&STRINGS, "[\"a\"]\n").unwrap(), json!(["a"]));
        assert_eq!(err_text(one(&STRINGS, "")), "string index out of range");
        assert_eq!(err_text(one(&STRINGS, "  \n")), "string index out of range");
        // Too deep: Python's RecursionError, unwrapped.
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(
            err_text(list("--step-ids", &STRINGS, &[deep.as_str()])),
            "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
        );
    }

    /// `aws elb delete-load-balancer-listeners --load-balancer-name x
    /// --load-balancer-ports 1 a --generate-cli-skeleton output` prints
    /// `\nError parsing parameter '--load-balancer-ports': 1\n` (the *first*
    /// value), exit 255; `1 ' 2 '` is accepted.
    #[test]
    fn number_lists_report_the_first_value() {
        let e = list("--load-balancer-ports", &INTEGERS, &["1", "a"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error parsing parameter '--load-balancer-ports': 1"
        );
        assert_eq!(
            e,
            ArgValueError::Param {
                cli_name: "--load-balancer-ports".into(),
                message: "1".into()
            }
        );
        assert_eq!(
            list("--load-balancer-ports", &INTEGERS, &["1", " 2 "]).unwrap(),
            json!([1, 2])
        );
        assert_eq!(
            err_text(list("--d", &DOUBLES, &["x", "1"])),
            "Error parsing parameter '--d': x"
        );
        assert_eq!(
            list("--d", &DOUBLES, &["1", "2.5"]).unwrap(),
            json!([1.0, 2.5])
        );
        // From a file: the first character.
        assert_eq!(
            err_text(one(&INTEGERS, "1x")),
            "Error parsing parameter '--x': 1"
        );
        assert_eq!(one(&INTEGERS, "12").unwrap(), json!([1, 2]));
        // Values we cannot hold are not ValueErrors: no first-value message.
        assert!(matches!(
            list("--d", &DOUBLES, &["1", "nan"]).unwrap_err(),
            ArgValueError::Unsupported { .. }
        ));
    }

    /// `aws acm list-certificates --includes ... --generate-cli-skeleton output`.
    #[test]
    fn structures_and_maps() {
        for ty in [
            &STRUCTURE,
            &ArgType::Map(&ArgType::String, &ArgType::String),
        ] {
            assert_eq!(
                unpack_cli_arg(
                    "--includes",
                    ty,
                    RawValue::One("  {\"b\": [1], \"a\": null}")
                )
                .unwrap(),
                json!({"b": [1], "a": null})
            );
            assert_eq!(
                err_text(unpack_cli_arg("--includes", ty, RawValue::One("{\"a\":"))),
                "Error parsing parameter '--includes': Invalid JSON: Expecting value: line 1 column 6 (char 5)\nJSON received: {\"a\":"
            );
            assert_eq!(
                err_text(unpack_cli_arg("--includes", ty, RawValue::One("[1]"))),
                "Error parsing parameter '--includes': Invalid JSON:\n[1]"
            );
            // Not JSON: shorthand syntax, even `''`.
            assert_eq!(
                unpack_cli_arg("--includes", ty, RawValue::One("Key=k,Value=v")).unwrap(),
                json!({"Key": "k", "Value": "v"})
            );
            assert_eq!(
                err_text(unpack_cli_arg("--includes", ty, RawValue::One(""))),
                "Error parsing parameter '--includes': Expected: '=', received: 'EOF' for input:\n\n^"
            );
            assert_eq!(
                err_text(unpack_cli_arg("--includes", ty, RawValue::One("  "))),
                "Error parsing parameter '--includes': Expected: '=', received: 'EOF' for input:\n  \n  ^"
            );
        }
        assert_eq!(
            err_text(one(&STRUCTURE, "{\"a\": NaN}")),
            "Error parsing parameter '--x': Unsupported JSON value NaN (awsr cannot represent NaN or Infinity): line 1 column 7 (char 6)"
        );
    }

    /// `aws acm add-tags-to-certificate --certificate-arn ... --tags ...
    /// --generate-cli-skeleton output`.
    #[test]
    fn structure_lists() {
        assert_eq!(
            list("--tags", &STRUCTURES, &["[{\"Key\": \"a\"}]"]).unwrap(),
            json!([{"Key": "a"}])
        );
        assert_eq!(
            list(
                "--tags",
                &STRUCTURES,
                &["{\"Key\": \"a\"}", " {\"Key\": \"b\"}"]
            )
            .unwrap(),
            json!([{"Key": "a"}, {"Key": "b"}])
        );
        assert_eq!(
            err_text(list("--tags", &STRUCTURES, &["{\"Key\":\"a\"}", "Key=b"])),
            "Error parsing parameter '--tags': Invalid JSON:\nKey=b"
        );
        assert_eq!(
            err_text(list("--tags", &STRUCTURES, &["{\"Key\":\"a\"}", "{\"Key\":"])),
            "Error parsing parameter '--tags': Invalid JSON: Expecting value: line 1 column 8 (char 7)\nJSON received: {\"Key\":"
        );
        assert_eq!(
            err_text(list("--tags", &STRUCTURES, &["{\"Key\":\"a\"}", ""])),
            "string index out of range"
        );
        // `--tags` with no values: shorthand of nothing, an empty list
        // (botocore then reports `Invalid length for parameter Tags`).
        assert_eq!(list("--tags", &STRUCTURES, &[]).unwrap(), json!([]));
        assert_eq!(
            list("--tags", &STRUCTURES, &["Key=a", "Key=b"]).unwrap(),
            json!([{"Key": "a"}, {"Key": "b"}])
        );
        assert_eq!(
            unpack_cli_arg_for(
                &[("remove-tags", "tags")],
                "remove-tags",
                "--tags",
                &KEYS,
                RawValue::Many(&many(&["a", "b"]))
            )
            .unwrap(),
            json!([{"Key": "a"}, {"Key": "b"}])
        );
        assert_eq!(
            err_text(unpack_cli_arg_for(
                &[("put-record-batch", "records")],
                "remove-tags",
                "--tags",
                &KEYS,
                RawValue::Many(&many(&["a"]))
            )),
            "Error parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\na\n ^"
        );
        // Lists of lists: shorthand unless JSON; a ValueError from an inner
        // JSON list becomes the first-value message.
        assert_eq!(list("--l", &LISTS, &["[[\"a\"]]"]).unwrap(), json!([["a"]]));
        assert_eq!(
            list("--l", &LISTS, &["[\"a\"]", "[\"b\", \"c\"]"]).unwrap(),
            json!([["a"], ["b", "c"]])
        );
        assert_eq!(
            err_text(list("--l", &LISTS, &["[\"a\"]", "[x"])),
            "Error parsing parameter '--l': [\"a\"]"
        );
    }

    #[test]
    fn argparse_settings_per_type() {
        use super::super::argparse::{Nargs, ValueType};
        assert_eq!(cli_nargs(&STRINGS), Nargs::ZeroOrMore);
        assert_eq!(cli_nargs(&ArgType::Boolean), Nargs::Flag);
        assert_eq!(cli_nargs(&STRUCTURE), Nargs::One);
        assert_eq!(cli_value_type(&ArgType::Long), ValueType::Int);
        assert_eq!(cli_value_type(&ArgType::Integer), ValueType::Str);
        assert_eq!(cli_value_type(&ArgType::Double), ValueType::Float);
        assert_eq!(cli_value_type(&ArgType::Float), ValueType::Float);
        assert_eq!(cli_value_type(&INTEGERS), ValueType::Str);
    }
}
