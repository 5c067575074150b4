//! aws-cli's `unpack_cli_arg` (awscli/argprocess.py, 1.14.28): turning the
//! strings argparse collected for one option into the JSON value sent to the
//! service, with aws-cli's error texts; plus the Python built-ins it leans on
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
//! `serde_json` cannot (NaN/Infinity, integers beyond 64 bits): those give
//! [`ArgValueError::Unsupported`].

pub use super::model::ArgType;
use super::pyjson::{self, JsonError};
use super::shorthand;
use serde_json::{Number, Value};
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
    /// integers beyond 64 bits, lone surrogates in JSON strings).
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
pub fn unpack_cli_arg(
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
) -> Result<Value, ArgValueError> {
    unpack_with(cli_name, arg_type, value, false)
}

/// [`unpack_cli_arg`] for option `cli_name` of `<service> <operation>`
/// (aws-cli's names: `elb`, `register-instances-with-load-balancer`): the
/// same, plus the few old options whose lists of one-member structures take
/// bare words (`--instances i-1 i-2`, [`shorthand::uses_old_list_case`]).
pub fn unpack_cli_arg_for(
    service: &str,
    operation: &str,
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
) -> Result<Value, ArgValueError> {
    let argument = cli_name.strip_prefix("--").unwrap_or(cli_name);
    let old_list_case = shorthand::uses_old_list_case(service, operation, argument);
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
            Ok(PyNum::Fits(n)) => Ok(Value::Number(n)),
            Ok(_) => Err(PyErr::Unsupported(format!(
                "integer {} is beyond 64 bits, which awsr does not support",
                s.trim()
            ))),
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

// ---------------------------------------------------------------------------
// Python built-ins

/// A number Python produced.
#[derive(Debug, Clone, PartialEq)]
pub enum PyNum {
    /// Representable in JSON as `serde_json` holds it.
    Fits(Number),
    /// An `int` beyond `i64`/`u64`.
    TooLarge,
    /// A `float` that is NaN or infinite.
    NonFinite(f64),
}

/// `str.isspace()` for one character.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.strip()`.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(py_isspace)
}

/// `str.lstrip()`.
pub fn py_lstrip(s: &str) -> &str {
    s.trim_start_matches(py_isspace)
}

/// The value of a Unicode decimal digit (`str.isdecimal()`), ASCII or not.
pub fn py_decimal(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let code = c as u32;
    let i = DECIMAL_RANGES.partition_point(|&(_, hi)| hi < code);
    match DECIMAL_RANGES.get(i) {
        Some(&(lo, _)) if lo <= code => Some((code - lo) % 10),
        _ => None,
    }
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII whitespace
/// becomes a space, non-ASCII digits their ASCII digit; `None` if anything
/// else non-ASCII is present (Python then fails the conversion).
fn to_ascii_number_text(s: &str) -> Option<String> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if py_isspace(c) {
                Some(' ')
            } else {
                py_decimal(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// C's `Py_ISSPACE`.
fn c_isspace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn c_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && c_isspace(c as u8))
}

/// Truncate to `n` code points (`%.200R`).
fn truncate_chars(s: String, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).map(str::to_string).unwrap_or(s),
        None => s,
    }
}

/// Python's `int(s)` (base 10). `Err` holds the `ValueError` text:
/// `invalid literal for int() with base 10: '…'`.
pub fn py_int(s: &str) -> Result<PyNum, String> {
    let invalid = || {
        format!(
            "invalid literal for int() with base 10: {}",
            truncate_chars(py_repr(s), 200)
        )
    };
    let ascii = to_ascii_number_text(s).ok_or_else(invalid)?;
    let t = c_strip(&ascii);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or("")),
        Some(b'+') => (false, t.get(1..).unwrap_or("")),
        _ => (false, t),
    };
    let digits = remove_digit_underscores(body).ok_or_else(invalid)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let signed = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    if let Ok(i) = signed.parse::<i64>() {
        return Ok(PyNum::Fits(Number::from(i)));
    }
    if let Ok(u) = signed.parse::<u64>() {
        return Ok(PyNum::Fits(Number::from(u)));
    }
    Ok(PyNum::TooLarge)
}

/// Underscores are allowed only between two digits (PEP 515). Returns the
/// text without them, or `None` if one is misplaced.
fn remove_digit_underscores(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let prev_digit = i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_digit);
            let next_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(prev_digit && next_digit) {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// Python's `float(s)`. `Err` holds the `ValueError` text:
/// `could not convert string to float: '…'`.
pub fn py_float(s: &str) -> Result<PyNum, String> {
    let invalid = || format!("could not convert string to float: {}", py_repr(s));
    let ascii = to_ascii_number_text(s).ok_or_else(invalid)?;
    let t = c_strip(&ascii);
    if t.is_empty() {
        // PyOS_string_to_double's own message, on the (empty) stripped text.
        return Err("could not convert string to float: ".to_string());
    }
    let t = remove_digit_underscores(t).ok_or_else(invalid)?;
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, t.get(1..).unwrap_or("")),
        Some(b'+') => (1.0, t.get(1..).unwrap_or("")),
        _ => (1.0, t.as_str()),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(PyNum::NonFinite(sign * f64::INFINITY));
    }
    if lower == "nan" {
        return Ok(PyNum::NonFinite(f64::NAN));
    }
    if !is_decimal_float(body) {
        return Err(invalid());
    }
    let f: f64 = t.parse().map_err(|_| invalid())?;
    if !f.is_finite() {
        return Ok(PyNum::NonFinite(f));
    }
    Number::from_f64(f).map(PyNum::Fits).ok_or_else(invalid)
}

/// `digits [. digits] [e [sign] digits]` with at least one mantissa digit
/// (what `_Py_dg_strtod` accepts, all of it).
fn is_decimal_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut mantissa_digits = 0;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        mantissa_digits += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// `repr(s)` for a Python `str`.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if c.is_ascii() || !py_isprintable(c) => {
                let code = c as u32;
                if code <= 0xff {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code <= 0xffff {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one character.
pub fn py_isprintable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let code = c as u32;
    let i = NON_PRINTABLE.partition_point(|&(_, hi)| hi < code);
    !matches!(NON_PRINTABLE.get(i), Some(&(lo, _)) if lo <= code)
}

/// Non-ASCII runs of Unicode decimal digits (`str.isdecimal()`, Unicode 9.0
/// as in Python 3.6); every run starts at a zero.
#[rustfmt::skip]
const DECIMAL_RANGES: &[(u32, u32)] = &[
    (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9), (0x966, 0x96f),
    (0x9e6, 0x9ef), (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f),
    (0xbe6, 0xbef), (0xc66, 0xc6f), (0xce6, 0xcef), (0xd66, 0xd6f),
    (0xde6, 0xdef), (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf29),
    (0x1040, 0x1049), (0x1090, 0x1099), (0x17e0, 0x17e9), (0x1810, 0x1819),
    (0x1946, 0x194f), (0x19d0, 0x19d9), (0x1a80, 0x1a89), (0x1a90, 0x1a99),
    (0x1b50, 0x1b59), (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59),
    (0xa620, 0xa629), (0xa8d0, 0xa8d9), (0xa900, 0xa909), (0xa9d0, 0xa9d9),
    (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9), (0xff10, 0xff19),
    (0x104a0, 0x104a9), (0x11066, 0x1106f), (0x110f0, 0x110f9), (0x11136, 0x1113f),
    (0x111d0, 0x111d9), (0x112f0, 0x112f9), (0x11450, 0x11459), (0x114d0, 0x114d9),
    (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x11739), (0x118e0, 0x118e9),
    (0x11c50, 0x11c59), (0x16a60, 0x16a69), (0x16b50, 0x16b59), (0x1d7ce, 0x1d7ff),
    (0x1e950, 0x1e959),
];
/// Non-ASCII code points for which Python 3.6 `str.isprintable()` is false
/// (categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs but the space; Unicode 9.0).
#[rustfmt::skip]
const NON_PRINTABLE: &[(u32, u32)] = &[
    (0x80, 0xa0), (0xad, 0xad), (0x378, 0x379), (0x380, 0x383),
    (0x38b, 0x38b), (0x38d, 0x38d), (0x3a2, 0x3a2), (0x530, 0x530),
    (0x557, 0x558), (0x560, 0x560), (0x588, 0x588), (0x58b, 0x58c),
    (0x590, 0x590), (0x5c8, 0x5cf), (0x5eb, 0x5ef), (0x5f5, 0x605),
    (0x61c, 0x61d), (0x6dd, 0x6dd), (0x70e, 0x70f), (0x74b, 0x74c),
    (0x7b2, 0x7bf), (0x7fb, 0x7ff), (0x82e, 0x82f), (0x83f, 0x83f),
    (0x85c, 0x85d), (0x85f, 0x89f), (0x8b5, 0x8b5), (0x8be, 0x8d3),
    (0x8e2, 0x8e2), (0x984, 0x984), (0x98d, 0x98e), (0x991, 0x992),
    (0x9a9, 0x9a9), (0x9b1, 0x9b1), (0x9b3, 0x9b5), (0x9ba, 0x9bb),
    (0x9c5, 0x9c6), (0x9c9, 0x9ca), (0x9cf, 0x9d6), (0x9d8, 0x9db),
    (0x9de, 0x9de), (0x9e4, 0x9e5), (0x9fc, 0xa00), (0xa04, 0xa04),
    (0xa0b, 0xa0e), (0xa11, 0xa12), (0xa29, 0xa29), (0xa31, 0xa31),
    (0xa34, 0xa34), (0xa37, 0xa37), (0xa3a, 0xa3b), (0xa3d, 0xa3d),
    (0xa43, 0xa46), (0xa49, 0xa4a), (0xa4e, 0xa50), (0xa52, 0xa58),
    (0xa5d, 0xa5d), (0xa5f, 0xa65), (0xa76, 0xa80), (0xa84, 0xa84),
    (0xa8e, 0xa8e), (0xa92, 0xa92), (0xaa9, 0xaa9), (0xab1, 0xab1),
    (0xab4, 0xab4), (0xaba, 0xabb), (0xac6, 0xac6), (0xaca, 0xaca),
    (0xace, 0xacf), (0xad1, 0xadf), (0xae4, 0xae5), (0xaf2, 0xaf8),
    (0xafa, 0xb00), (0xb04, 0xb04), (0xb0d, 0xb0e), (0xb11, 0xb12),
    (0xb29, 0xb29), (0xb31, 0xb31), (0xb34, 0xb34), (0xb3a, 0xb3b),
    (0xb45, 0xb46), (0xb49, 0xb4a), (0xb4e, 0xb55), (0xb58, 0xb5b),
    (0xb5e, 0xb5e), (0xb64, 0xb65), (0xb78, 0xb81), (0xb84, 0xb84),
    (0xb8b, 0xb8d), (0xb91, 0xb91), (0xb96, 0xb98), (0xb9b, 0xb9b),
    (0xb9d, 0xb9d), (0xba0, 0xba2), (0xba5, 0xba7), (0xbab, 0xbad),
    (0xbba, 0xbbd), (0xbc3, 0xbc5), (0xbc9, 0xbc9), (0xbce, 0xbcf),
    (0xbd1, 0xbd6), (0xbd8, 0xbe5), (0xbfb, 0xbff), (0xc04, 0xc04),
    (0xc0d, 0xc0d), (0xc11, 0xc11), (0xc29, 0xc29), (0xc3a, 0xc3c),
    (0xc45, 0xc45), (0xc49, 0xc49), (0xc4e, 0xc54), (0xc57, 0xc57),
    (0xc5b, 0xc5f), (0xc64, 0xc65), (0xc70, 0xc77), (0xc84, 0xc84),
    (0xc8d, 0xc8d), (0xc91, 0xc91), (0xca9, 0xca9), (0xcb4, 0xcb4),
    (0xcba, 0xcbb), (0xcc5, 0xcc5), (0xcc9, 0xcc9), (0xcce, 0xcd4),
    (0xcd7, 0xcdd), (0xcdf, 0xcdf), (0xce4, 0xce5), (0xcf0, 0xcf0),
    (0xcf3, 0xd00), (0xd04, 0xd04), (0xd0d, 0xd0d), (0xd11, 0xd11),
    (0xd3b, 0xd3c), (0xd45, 0xd45), (0xd49, 0xd49), (0xd50, 0xd53),
    (0xd64, 0xd65), (0xd80, 0xd81), (0xd84, 0xd84), (0xd97, 0xd99),
    (0xdb2, 0xdb2), (0xdbc, 0xdbc), (0xdbe, 0xdbf), (0xdc7, 0xdc9),
    (0xdcb, 0xdce), (0xdd5, 0xdd5), (0xdd7, 0xdd7), (0xde0, 0xde5),
    (0xdf0, 0xdf1), (0xdf5, 0xe00), (0xe3b, 0xe3e), (0xe5c, 0xe80),
    (0xe83, 0xe83), (0xe85, 0xe86), (0xe89, 0xe89), (0xe8b, 0xe8c),
    (0xe8e, 0xe93), (0xe98, 0xe98), (0xea0, 0xea0), (0xea4, 0xea4),
    (0xea6, 0xea6), (0xea8, 0xea9), (0xeac, 0xeac), (0xeba, 0xeba),
    (0xebe, 0xebf), (0xec5, 0xec5), (0xec7, 0xec7), (0xece, 0xecf),
    (0xeda, 0xedb), (0xee0, 0xeff), (0xf48, 0xf48), (0xf6d, 0xf70),
    (0xf98, 0xf98), (0xfbd, 0xfbd), (0xfcd, 0xfcd), (0xfdb, 0xfff),
    (0x10c6, 0x10c6), (0x10c8, 0x10cc), (0x10ce, 0x10cf), (0x1249, 0x1249),
    (0x124e, 0x124f), (0x1257, 0x1257), (0x1259, 0x1259), (0x125e, 0x125f),
    (0x1289, 0x1289), (0x128e, 0x128f), (0x12b1, 0x12b1), (0x12b6, 0x12b7),
    (0x12bf, 0x12bf), (0x12c1, 0x12c1), (0x12c6, 0x12c7), (0x12d7, 0x12d7),
    (0x1311, 0x1311), (0x1316, 0x1317), (0x135b, 0x135c), (0x137d, 0x137f),
    (0x139a, 0x139f), (0x13f6, 0x13f7), (0x13fe, 0x13ff), (0x1680, 0x1680),
    (0x169d, 0x169f), (0x16f9, 0x16ff), (0x170d, 0x170d), (0x1715, 0x171f),
    (0x1737, 0x173f), (0x1754, 0x175f), (0x176d, 0x176d), (0x1771, 0x1771),
    (0x1774, 0x177f), (0x17de, 0x17df), (0x17ea, 0x17ef), (0x17fa, 0x17ff),
    (0x180e, 0x180f), (0x181a, 0x181f), (0x1878, 0x187f), (0x18ab, 0x18af),
    (0x18f6, 0x18ff), (0x191f, 0x191f), (0x192c, 0x192f), (0x193c, 0x193f),
    (0x1941, 0x1943), (0x196e, 0x196f), (0x1975, 0x197f), (0x19ac, 0x19af),
    (0x19ca, 0x19cf), (0x19db, 0x19dd), (0x1a1c, 0x1a1d), (0x1a5f, 0x1a5f),
    (0x1a7d, 0x1a7e), (0x1a8a, 0x1a8f), (0x1a9a, 0x1a9f), (0x1aae, 0x1aaf),
    (0x1abf, 0x1aff), (0x1b4c, 0x1b4f), (0x1b7d, 0x1b7f), (0x1bf4, 0x1bfb),
    (0x1c38, 0x1c3a), (0x1c4a, 0x1c4c), (0x1c89, 0x1cbf), (0x1cc8, 0x1ccf),
    (0x1cf7, 0x1cf7), (0x1cfa, 0x1cff), (0x1df6, 0x1dfa), (0x1f16, 0x1f17),
    (0x1f1e, 0x1f1f), (0x1f46, 0x1f47), (0x1f4e, 0x1f4f), (0x1f58, 0x1f58),
    (0x1f5a, 0x1f5a), (0x1f5c, 0x1f5c), (0x1f5e, 0x1f5e), (0x1f7e, 0x1f7f),
    (0x1fb5, 0x1fb5), (0x1fc5, 0x1fc5), (0x1fd4, 0x1fd5), (0x1fdc, 0x1fdc),
    (0x1ff0, 0x1ff1), (0x1ff5, 0x1ff5), (0x1fff, 0x200f), (0x2028, 0x202f),
    (0x205f, 0x206f), (0x2072, 0x2073), (0x208f, 0x208f), (0x209d, 0x209f),
    (0x20bf, 0x20cf), (0x20f1, 0x20ff), (0x218c, 0x218f), (0x23ff, 0x23ff),
    (0x2427, 0x243f), (0x244b, 0x245f), (0x2b74, 0x2b75), (0x2b96, 0x2b97),
    (0x2bba, 0x2bbc), (0x2bc9, 0x2bc9), (0x2bd2, 0x2beb), (0x2bf0, 0x2bff),
    (0x2c2f, 0x2c2f), (0x2c5f, 0x2c5f), (0x2cf4, 0x2cf8), (0x2d26, 0x2d26),
    (0x2d28, 0x2d2c), (0x2d2e, 0x2d2f), (0x2d68, 0x2d6e), (0x2d71, 0x2d7e),
    (0x2d97, 0x2d9f), (0x2da7, 0x2da7), (0x2daf, 0x2daf), (0x2db7, 0x2db7),
    (0x2dbf, 0x2dbf), (0x2dc7, 0x2dc7), (0x2dcf, 0x2dcf), (0x2dd7, 0x2dd7),
    (0x2ddf, 0x2ddf), (0x2e45, 0x2e7f), (0x2e9a, 0x2e9a), (0x2ef4, 0x2eff),
    (0x2fd6, 0x2fef), (0x2ffc, 0x3000), (0x3040, 0x3040), (0x3097, 0x3098),
    (0x3100, 0x3104), (0x312e, 0x3130), (0x318f, 0x318f), (0x31bb, 0x31bf),
    (0x31e4, 0x31ef), (0x321f, 0x321f), (0x32ff, 0x32ff), (0x4db6, 0x4dbf),
    (0x9fd6, 0x9fff), (0xa48d, 0xa48f), (0xa4c7, 0xa4cf), (0xa62c, 0xa63f),
    (0xa6f8, 0xa6ff), (0xa7af, 0xa7af), (0xa7b8, 0xa7f6), (0xa82c, 0xa82f),
    (0xa83a, 0xa83f), (0xa878, 0xa87f), (0xa8c6, 0xa8cd), (0xa8da, 0xa8df),
    (0xa8fe, 0xa8ff), (0xa954, 0xa95e), (0xa97d, 0xa97f), (0xa9ce, 0xa9ce),
    (0xa9da, 0xa9dd), (0xa9ff, 0xa9ff), (0xaa37, 0xaa3f), (0xaa4e, 0xaa4f),
    (0xaa5a, 0xaa5b), (0xaac3, 0xaada), (0xaaf7, 0xab00), (0xab07, 0xab08),
    (0xab0f, 0xab10), (0xab17, 0xab1f), (0xab27, 0xab27), (0xab2f, 0xab2f),
    (0xab66, 0xab6f), (0xabee, 0xabef), (0xabfa, 0xabff), (0xd7a4, 0xd7af),
    (0xd7c7, 0xd7ca), (0xd7fc, 0xf8ff), (0xfa6e, 0xfa6f), (0xfada, 0xfaff),
    (0xfb07, 0xfb12), (0xfb18, 0xfb1c), (0xfb37, 0xfb37), (0xfb3d, 0xfb3d),
    (0xfb3f, 0xfb3f), (0xfb42, 0xfb42), (0xfb45, 0xfb45), (0xfbc2, 0xfbd2),
    (0xfd40, 0xfd4f), (0xfd90, 0xfd91), (0xfdc8, 0xfdef), (0xfdfe, 0xfdff),
    (0xfe1a, 0xfe1f), (0xfe53, 0xfe53), (0xfe67, 0xfe67), (0xfe6c, 0xfe6f),
    (0xfe75, 0xfe75), (0xfefd, 0xff00), (0xffbf, 0xffc1), (0xffc8, 0xffc9),
    (0xffd0, 0xffd1), (0xffd8, 0xffd9), (0xffdd, 0xffdf), (0xffe7, 0xffe7),
    (0xffef, 0xfffb), (0xfffe, 0xffff), (0x1000c, 0x1000c), (0x10027, 0x10027),
    (0x1003b, 0x1003b), (0x1003e, 0x1003e), (0x1004e, 0x1004f), (0x1005e, 0x1007f),
    (0x100fb, 0x100ff), (0x10103, 0x10106), (0x10134, 0x10136), (0x1018f, 0x1018f),
    (0x1019c, 0x1019f), (0x101a1, 0x101cf), (0x101fe, 0x1027f), (0x1029d, 0x1029f),
    (0x102d1, 0x102df), (0x102fc, 0x102ff), (0x10324, 0x1032f), (0x1034b, 0x1034f),
    (0x1037b, 0x1037f), (0x1039e, 0x1039e), (0x103c4, 0x103c7), (0x103d6, 0x103ff),
    (0x1049e, 0x1049f), (0x104aa, 0x104af), (0x104d4, 0x104d7), (0x104fc, 0x104ff),
    (0x10528, 0x1052f), (0x10564, 0x1056e), (0x10570, 0x105ff), (0x10737, 0x1073f),
    (0x10756, 0x1075f), (0x10768, 0x107ff), (0x10806, 0x10807), (0x10809, 0x10809),
    (0x10836, 0x10836), (0x10839, 0x1083b), (0x1083d, 0x1083e), (0x10856, 0x10856),
    (0x1089f, 0x108a6), (0x108b0, 0x108df), (0x108f3, 0x108f3), (0x108f6, 0x108fa),
    (0x1091c, 0x1091e), (0x1093a, 0x1093e), (0x10940, 0x1097f), (0x109b8, 0x109bb),
    (0x109d0, 0x109d1), (0x10a04, 0x10a04), (0x10a07, 0x10a0b), (0x10a14, 0x10a14),
    (0x10a18, 0x10a18), (0x10a34, 0x10a37), (0x10a3b, 0x10a3e), (0x10a48, 0x10a4f),
    (0x10a59, 0x10a5f), (0x10aa0, 0x10abf), (0x10ae7, 0x10aea), (0x10af7, 0x10aff),
    (0x10b36, 0x10b38), (0x10b56, 0x10b57), (0x10b73, 0x10b77), (0x10b92, 0x10b98),
    (0x10b9d, 0x10ba8), (0x10bb0, 0x10bff), (0x10c49, 0x10c7f), (0x10cb3, 0x10cbf),
    (0x10cf3, 0x10cf9), (0x10d00, 0x10e5f), (0x10e7f, 0x10fff), (0x1104e, 0x11051),
    (0x11070, 0x1107e), (0x110bd, 0x110bd), (0x110c2, 0x110cf), (0x110e9, 0x110ef),
    (0x110fa, 0x110ff), (0x11135, 0x11135), (0x11144, 0x1114f), (0x11177, 0x1117f),
    (0x111ce, 0x111cf), (0x111e0, 0x111e0), (0x111f5, 0x111ff), (0x11212, 0x11212),
    (0x1123f, 0x1127f), (0x11287, 0x11287), (0x11289, 0x11289), (0x1128e, 0x1128e),
    (0x1129e, 0x1129e), (0x112aa, 0x112af), (0x112eb, 0x112ef), (0x112fa, 0x112ff),
    (0x11304, 0x11304), (0x1130d, 0x1130e), (0x11311, 0x11312), (0x11329, 0x11329),
    (0x11331, 0x11331), (0x11334, 0x11334), (0x1133a, 0x1133b), (0x11345, 0x11346),
    (0x11349, 0x1134a), (0x1134e, 0x1134f), (0x11351, 0x11356), (0x11358, 0x1135c),
    (0x11364, 0x11365), (0x1136d, 0x1136f), (0x11375, 0x113ff), (0x1145a, 0x1145a),
    (0x1145c, 0x1145c), (0x1145e, 0x1147f), (0x114c8, 0x114cf), (0x114da, 0x1157f),
    (0x115b6, 0x115b7), (0x115de, 0x115ff), (0x11645, 0x1164f), (0x1165a, 0x1165f),
    (0x1166d, 0x1167f), (0x116b8, 0x116bf), (0x116ca, 0x116ff), (0x1171a, 0x1171c),
    (0x1172c, 0x1172f), (0x11740, 0x1189f), (0x118f3, 0x118fe), (0x11900, 0x11abf),
    (0x11af9, 0x11bff), (0x11c09, 0x11c09), (0x11c37, 0x11c37), (0x11c46, 0x11c4f),
    (0x11c6d, 0x11c6f), (0x11c90, 0x11c91), (0x11ca8, 0x11ca8), (0x11cb7, 0x11fff),
    (0x1239a, 0x123ff), (0x1246f, 0x1246f), (0x12475, 0x1247f), (0x12544, 0x12fff),
    (0x1342f, 0x143ff), (0x14647, 0x167ff), (0x16a39, 0x16a3f), (0x16a5f, 0x16a5f),
    (0x16a6a, 0x16a6d), (0x16a70, 0x16acf), (0x16aee, 0x16aef), (0x16af6, 0x16aff),
    (0x16b46, 0x16b4f), (0x16b5a, 0x16b5a), (0x16b62, 0x16b62), (0x16b78, 0x16b7c),
    (0x16b90, 0x16eff), (0x16f45, 0x16f4f), (0x16f7f, 0x16f8e), (0x16fa0, 0x16fdf),
    (0x16fe1, 0x16fff), (0x187ed, 0x187ff), (0x18af3, 0x1afff), (0x1b002, 0x1bbff),
    (0x1bc6b, 0x1bc6f), (0x1bc7d, 0x1bc7f), (0x1bc89, 0x1bc8f), (0x1bc9a, 0x1bc9b),
    (0x1bca0, 0x1cfff), (0x1d0f6, 0x1d0ff), (0x1d127, 0x1d128), (0x1d173, 0x1d17a),
    (0x1d1e9, 0x1d1ff), (0x1d246, 0x1d2ff), (0x1d357, 0x1d35f), (0x1d372, 0x1d3ff),
    (0x1d455, 0x1d455), (0x1d49d, 0x1d49d), (0x1d4a0, 0x1d4a1), (0x1d4a3, 0x1d4a4),
    (0x1d4a7, 0x1d4a8), (0x1d4ad, 0x1d4ad), (0x1d4ba, 0x1d4ba), (0x1d4bc, 0x1d4bc),
    (0x1d4c4, 0x1d4c4), (0x1d506, 0x1d506), (0x1d50b, 0x1d50c), (0x1d515, 0x1d515),
    (0x1d51d, 0x1d51d), (0x1d53a, 0x1d53a), (0x1d53f, 0x1d53f), (0x1d545, 0x1d545),
    (0x1d547, 0x1d549), (0x1d551, 0x1d551), (0x1d6a6, 0x1d6a7), (0x1d7cc, 0x1d7cd),
    (0x1da8c, 0x1da9a), (0x1daa0, 0x1daa0), (0x1dab0, 0x1dfff), (0x1e007, 0x1e007),
    (0x1e019, 0x1e01a), (0x1e022, 0x1e022), (0x1e025, 0x1e025), (0x1e02b, 0x1e7ff),
    (0x1e8c5, 0x1e8c6), (0x1e8d7, 0x1e8ff), (0x1e94b, 0x1e94f), (0x1e95a, 0x1e95d),
    (0x1e960, 0x1edff), (0x1ee04, 0x1ee04), (0x1ee20, 0x1ee20), (0x1ee23, 0x1ee23),
    (0x1ee25, 0x1ee26), (0x1ee28, 0x1ee28), (0x1ee33, 0x1ee33), (0x1ee38, 0x1ee38),
    (0x1ee3a, 0x1ee3a), (0x1ee3c, 0x1ee41), (0x1ee43, 0x1ee46), (0x1ee48, 0x1ee48),
    (0x1ee4a, 0x1ee4a), (0x1ee4c, 0x1ee4c), (0x1ee50, 0x1ee50), (0x1ee53, 0x1ee53),
    (0x1ee55, 0x1ee56), (0x1ee58, 0x1ee58), (0x1ee5a, 0x1ee5a), (0x1ee5c, 0x1ee5c),
    (0x1ee5e, 0x1ee5e), (0x1ee60, 0x1ee60), (0x1ee63, 0x1ee63), (0x1ee65, 0x1ee66),
    (0x1ee6b, 0x1ee6b), (0x1ee73, 0x1ee73), (0x1ee78, 0x1ee78), (0x1ee7d, 0x1ee7d),
    (0x1ee7f, 0x1ee7f), (0x1ee8a, 0x1ee8a), (0x1ee9c, 0x1eea0), (0x1eea4, 0x1eea4),
    (0x1eeaa, 0x1eeaa), (0x1eebc, 0x1eeef), (0x1eef2, 0x1efff), (0x1f02c, 0x1f02f),
    (0x1f094, 0x1f09f), (0x1f0af, 0x1f0b0), (0x1f0c0, 0x1f0c0), (0x1f0d0, 0x1f0d0),
    (0x1f0f6, 0x1f0ff), (0x1f10d, 0x1f10f), (0x1f12f, 0x1f12f), (0x1f16c, 0x1f16f),
    (0x1f1ad, 0x1f1e5), (0x1f203, 0x1f20f), (0x1f23c, 0x1f23f), (0x1f249, 0x1f24f),
    (0x1f252, 0x1f2ff), (0x1f6d3, 0x1f6df), (0x1f6ed, 0x1f6ef), (0x1f6f7, 0x1f6ff),
    (0x1f774, 0x1f77f), (0x1f7d5, 0x1f7ff), (0x1f80c, 0x1f80f), (0x1f848, 0x1f84f),
    (0x1f85a, 0x1f85f), (0x1f888, 0x1f88f), (0x1f8ae, 0x1f90f), (0x1f91f, 0x1f91f),
    (0x1f928, 0x1f92f), (0x1f931, 0x1f932), (0x1f93f, 0x1f93f), (0x1f94c, 0x1f94f),
    (0x1f95f, 0x1f97f), (0x1f992, 0x1f9bf), (0x1f9c1, 0x1ffff), (0x2a6d7, 0x2a6ff),
    (0x2b735, 0x2b73f), (0x2b81e, 0x2b81f), (0x2cea2, 0x2f7ff), (0x2fa1e, 0xe00ff),
    (0xe01f0, 0x10ffff),
];

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
        // Python keeps big ints; we cannot.
        assert_eq!(
            err_text(one(&INTEGER, "123456789012345678901234567890")),
            "Error parsing parameter '--x': integer 123456789012345678901234567890 is beyond 64 bits, which awsr does not support"
        );
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
                "elb",
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
                "emr",
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

    /// `repr()` from python3.6.
    #[test]
    fn python_repr() {
        for (input, expected) in [
            ("abc", "'abc'"),
            ("it's", "\"it's\""),
            ("'\"", "'\\'\"'"),
            ("a\\b", "'a\\\\b'"),
            ("tab\there\nnl\r", "'tab\\there\\nnl\\r'"),
            ("\u{0}\u{1f}\u{7f}", "'\\x00\\x1f\\x7f'"),
            ("é中😀", "'é中😀'"),
            ("\u{a0}\u{ad}", "'\\xa0\\xad'"),
            ("\u{200b}\u{2028}", "'\\u200b\\u2028'"),
            ("\u{e0001}", "'\\U000e0001'"),
            ("\u{378}", "'\\u0378'"),
            ("\u{e000}", "'\\ue000'"),
            ("\u{feff}", "'\\ufeff'"),
        ] {
            assert_eq!(py_repr(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn python_whitespace_and_digits() {
        assert!(py_isspace('\u{1c}') && py_isspace('\u{85}') && py_isspace('\u{3000}'));
        assert!(!py_isspace('\u{180e}') && !py_isspace('\u{200b}'));
        assert_eq!(py_strip("\u{1f} x \u{a0}"), "x");
        assert_eq!(py_decimal('٩'), Some(9));
        assert_eq!(py_decimal('\u{1d7ff}'), Some(9));
        assert_eq!(py_decimal('\u{1d7ce}'), Some(0));
        assert_eq!(py_decimal('²'), None);
        assert_eq!(py_decimal('a'), None);
    }
}
