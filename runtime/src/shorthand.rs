// Ported from aws-cli 1.14.28 (awscli/shorthand.py, awscli/argprocess.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! aws-cli's shorthand syntax (awscli/shorthand.py and argprocess.py's
//! `ParamShorthandParser`, 1.14.28): `--x Key=Value,Key2=a,b`, explicit
//! lists `Key=[a,b]`, nested structures `Key={A=1,B=[{C=2}]}`, quoted values
//! `'...'` and `"..."`, and the back-compatibility pass that shapes the parsed
//! value after the argument's model.
//!
//! Two layers, as in aws-cli:
//!
//! 1. [`parse`] — `ShorthandParser.parse`: purely syntactic. The result is
//!    an object whose values are strings, lists and objects; the error is
//!    [`ShorthandParseError`], whose `Display` is aws-cli's text with the
//!    position marker:
//!
//!    ```text
//!    Expected: '=', received: 'EOF' for input:
//!    InstanceFleetType
//!                     ^
//!    ```
//!
//! 2. [`parse_as_shorthand`] — `ParamShorthandParser._parse_as_shorthand`:
//!    the two special cases (`_handle_special_cases`: lists of one-member
//!    structures given as bare words for a few old elb/firehose/workspaces
//!    options, and `structure(Value)` given without `=`), one parse per value
//!    of a list option, then `BackCompatVisitor`: a scalar where the model
//!    has a list becomes a one-element list (without looking inside it),
//!    integers and longs go through Python's `int()`, floats and doubles
//!    through `float()`, booleans become `true`/`false` when the text is
//!    `true`/`false` in any case (anything else is left as text for
//!    validation to report), members are visited in model order and the first
//!    failure wins. Syntax errors read `Error parsing parameter '--x': ...`;
//!    the `int()`/`float()` `ValueError`s, their `TypeError`s on lists and
//!    objects, and `'list' object has no attribute 'lower'` are printed bare,
//!    as aws-cli lets them through to its generic handler.
//!
//! Keys the model does not know are kept: botocore's validation reports them
//! (`Unknown parameter in X: "K", must be one of: ...`). aws-cli 1.14.28
//! defines `ParamUnknownKeyError` but never raises it.
//!
//! Python's recursion limit is emulated for the parser: every method of
//! `ShorthandParser` is a Python frame and every `==`/`!=`/`<`/`>=` a
//! recursion check, counted from the depth at which aws-cli's argument
//! processing calls it ([`RECURSION_BUDGET`], measured with the reference
//! CLI: `Name=` followed by 482 nested `[` parses, 483 fails with
//! `maximum recursion depth exceeded in comparison`). The failure is
//! `RecursionError`'s text, bare. The back-compatibility pass and botocore's
//! own recursion are not counted (their depth is bounded by the parser's).
//! Nothing here recurses deeper than that bound, and nothing panics.

use super::argvalue::{ArgValueError, RawValue};
use super::model::ArgType;
use super::pycompat::number::{float as py_float, int as py_int, PyNum};
use super::pycompat::text::is_space as py_isspace;
use serde_json::{Map, Value};
use std::fmt;

/// Python frames available between aws-cli's `_parse_as_shorthand` and the
/// recursion limit (1000) for a model-driven command.
pub const RECURSION_BUDGET: usize = 972;

/// `ShorthandParseError`: what was expected, what was found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShorthandParseError {
    /// The whole input.
    pub value: String,
    pub expected: String,
    pub actual: String,
    /// Position in code points.
    pub index: usize,
}

impl fmt::Display for ShorthandParseError {
    /// `ShorthandParseError._construct_msg`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chars: Vec<char> = self.value.chars().collect();
        let index = self.index.min(chars.len());
        let (before, after) = chars.split_at(index);
        let mut num_spaces = index;
        if let Some(last_newline) = before.iter().rposition(|&c| c == '\n') {
            num_spaces = index - last_newline - 1;
        }
        let (consumed, remaining): (String, String) = match after.iter().position(|&c| c == '\n') {
            Some(offset) => (
                chars[..index + offset].iter().collect(),
                chars[index + offset..].iter().collect(),
            ),
            None => (self.value.clone(), String::new()),
        };
        write!(
            f,
            "Expected: '{}', received: '{}' for input:\n{consumed}\n{}^{remaining}",
            self.expected,
            self.actual,
            " ".repeat(num_spaces)
        )
    }
}

impl std::error::Error for ShorthandParseError {}

/// Why [`parse`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShorthandError {
    /// A syntax error (aws-cli wraps it into `Error parsing parameter`).
    Syntax(ShorthandParseError),
    /// Python's `RecursionError`; the text is complete
    /// (`maximum recursion depth exceeded in comparison`).
    Recursion(String),
}

impl fmt::Display for ShorthandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShorthandError::Syntax(e) => e.fmt(f),
            ShorthandError::Recursion(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ShorthandError {}

/// `ShorthandParser().parse(value)`, called from aws-cli's argument
/// processing directly (a structure or map option).
pub fn parse(value: &str) -> Result<Value, ShorthandError> {
    parse_at_depth(value, 0)
}

/// `parse` with `depth` Python frames already between `_parse_as_shorthand`
/// and the call (1 inside the list comprehension of a list option).
fn parse_at_depth(value: &str, depth: usize) -> Result<Value, ShorthandError> {
    let mut parser = Parser {
        input: value.chars().collect(),
        text: value,
        index: 0,
        depth,
    };
    // `parse` itself, then `_parameter`.
    parser
        .frame(|p| p.frame(Parser::parameter))
        .map_err(ShorthandError::from)
}

/// The parsed value of one shorthand option, shaped after its model, or
/// aws-cli's error. `value` is what argparse collected (or a `file://` body).
/// `old_list_case` is true for the few options aws-cli still parses as bare
/// words into one-member structures (`Service::old_list_options`).
pub fn parse_as_shorthand(
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
    old_list_case: bool,
) -> Result<Value, ArgValueError> {
    let brackets = |s: &str| s.chars().filter(|c| matches!(c, '[' | '{')).count();
    let nesting_bound = match value {
        RawValue::One(s) => brackets(s),
        RawValue::Many(items) => items.iter().map(|s| brackets(s)).max().unwrap_or(0),
    };
    if nesting_bound <= SHALLOW {
        return shape_shorthand(cli_name, arg_type, value, old_list_case);
    }
    // Python's recursion limit bounds the nesting, but a debug build's
    // frames for ~480 levels outgrow a small thread stack: give deep input
    // a thread of its own.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(DEEP_STACK)
            .spawn_scoped(scope, || {
                shape_shorthand(cli_name, arg_type, value, old_list_case)
            })
            .ok()
            .and_then(|thread| thread.join().ok())
    })
    .unwrap_or_else(|| {
        Err(ArgValueError::Python(
            "maximum recursion depth exceeded".to_string(),
        ))
    })
}

/// Inputs with at most this many `[`/`{` are parsed on the caller's stack.
const SHALLOW: usize = 32;
/// The stack for deeper input: far more than [`RECURSION_BUDGET`] frames need
/// (under 4 MiB in a debug build).
const DEEP_STACK: usize = 64 << 20;

fn shape_shorthand(
    cli_name: &str,
    arg_type: &ArgType,
    value: RawValue<'_>,
    old_list_case: bool,
) -> Result<Value, ArgValueError> {
    if let Some(handled) = handle_special_cases(arg_type, value, old_list_case) {
        return Ok(handled);
    }
    let syntax = |e: ShorthandError| match e {
        ShorthandError::Syntax(e) => ArgValueError::Param {
            cli_name: cli_name.to_string(),
            message: e.to_string(),
        },
        ShorthandError::Recursion(message) => ArgValueError::Python(message),
    };
    let mut parsed = match value {
        RawValue::Many(items) => Value::Array(
            items
                .iter()
                .map(|item| parse_at_depth(item, 1))
                .collect::<Result<Vec<_>, _>>()
                .map_err(syntax)?,
        ),
        RawValue::One(s) => parse(s).map_err(syntax)?,
    };
    visit(&mut parsed, arg_type).map_err(|e| match e {
        VisitError::Python(message) => ArgValueError::Python(message),
        VisitError::Unsupported(message) => ArgValueError::Unsupported {
            cli_name: cli_name.to_string(),
            message,
        },
    })?;
    Ok(parsed)
}

/// `ParamShorthandParser._handle_special_cases`.
fn handle_special_cases(
    arg_type: &ArgType,
    value: RawValue<'_>,
    old_list_case: bool,
) -> Option<Value> {
    match arg_type.base() {
        ArgType::List(ArgType::Structure([only])) if old_list_case => {
            // `[{key_name: v} for v in value]`; a string iterates its characters.
            let one = |v: String| {
                let mut object = Map::new();
                object.insert(only.name.to_string(), Value::String(v));
                Value::Object(object)
            };
            Some(Value::Array(match value {
                RawValue::Many(items) => items.iter().cloned().map(one).collect(),
                RawValue::One(s) => s.chars().map(|c| one(c.to_string())).collect(),
            }))
        }
        ArgType::Structure([only])
            if only.name == "Value" && *only.shape.base() == ArgType::String =>
        {
            // `'=' not in value`: a substring test on a string, an element
            // test on a list.
            let (no_equals, as_value) = match value {
                RawValue::One(s) => (!s.contains('='), Value::String(s.to_string())),
                RawValue::Many(items) => (
                    !items.iter().any(|item| item == "="),
                    Value::Array(items.iter().cloned().map(Value::String).collect()),
                ),
            };
            no_equals.then(|| {
                let mut object = Map::new();
                object.insert("Value".into(), as_value);
                Value::Object(object)
            })
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// BackCompatVisitor

enum VisitError {
    /// A Python exception printed bare (`ValueError`, `TypeError`,
    /// `AttributeError`).
    Python(String),
    /// Valid for Python, not representable here (NaN, big integers).
    Unsupported(String),
}

/// `BackCompatVisitor().visit(parsed, model)`: `_visit({}, model, '', parsed)`.
/// At the top, a list model given a non-list value is left alone (the
/// wrapping goes into a throwaway parent).
fn visit(value: &mut Value, shape: &ArgType) -> Result<(), VisitError> {
    match shape.base() {
        ArgType::List(member) => match value {
            Value::Array(items) => items.iter_mut().try_for_each(|v| visit_in(v, member)),
            _ => Ok(()),
        },
        _ => visit_in(value, shape),
    }
}

/// `_visit(parent, shape, name, value)` for a value that is present; a list
/// shape given a non-list replaces it with `[value]` in place.
fn visit_in(value: &mut Value, shape: &ArgType) -> Result<(), VisitError> {
    match shape.base() {
        ArgType::Structure(members) => {
            if let Value::Object(object) = value {
                for member in members.iter() {
                    if let Some(v) = object.get_mut(member.name) {
                        visit_in(v, member.shape)?;
                    }
                }
            }
            Ok(())
        }
        ArgType::List(member) => match value {
            Value::Array(items) => items.iter_mut().try_for_each(|v| visit_in(v, member)),
            other => {
                // "foo=bar" where bar should be ["bar"]: wrapped, not visited.
                let inner = std::mem::take(other);
                *other = Value::Array(vec![inner]);
                Ok(())
            }
        },
        ArgType::Map(_, value_shape) => {
            if let Value::Object(object) = value {
                for (_, v) in object.iter_mut() {
                    visit_in(v, value_shape)?;
                }
            }
            Ok(())
        }
        ArgType::Integer | ArgType::Long => {
            *value = python_int(value)?;
            Ok(())
        }
        ArgType::Float | ArgType::Double => {
            *value = python_float(value)?;
            Ok(())
        }
        ArgType::Boolean => {
            let text = match value {
                Value::String(s) => s.to_lowercase(),
                other => {
                    return Err(VisitError::Python(format!(
                        "'{}' object has no attribute 'lower'",
                        type_name(other)
                    )))
                }
            };
            if text == "true" {
                *value = Value::Bool(true);
            } else if text == "false" {
                *value = Value::Bool(false);
            }
            Ok(())
        }
        // `base()` never returns a bound.
        ArgType::String | ArgType::Timestamp | ArgType::Blob | ArgType::Bounded(..) => Ok(()),
    }
}

/// The Python type name of a parsed shorthand value.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
        Value::String(_) => "str",
        Value::Bool(_) => "bool",
        Value::Number(n) if crate::pycompat::number::is_float(n) => "float",
        Value::Number(_) => "int",
        Value::Null => "NoneType",
    }
}

/// `int(value)`.
fn python_int(value: &Value) -> Result<Value, VisitError> {
    let Value::String(s) = value else {
        return Err(VisitError::Python(format!(
            "int() argument must be a string, a bytes-like object or a number, not '{}'",
            type_name(value)
        )));
    };
    match py_int(s) {
        Ok(n) => Ok(Value::Number(n)),
        Err(message) => Err(VisitError::Python(message)),
    }
}

/// `float(value)`.
fn python_float(value: &Value) -> Result<Value, VisitError> {
    let Value::String(s) = value else {
        return Err(VisitError::Python(format!(
            "float() argument must be a string or a number, not '{}'",
            type_name(value)
        )));
    };
    match py_float(s) {
        Ok(PyNum::Fits(n)) => Ok(Value::Number(n)),
        Ok(_) => Err(VisitError::Unsupported(format!(
            "{} is not a finite number, which awsr does not support",
            super::pycompat::text::repr_str(s)
        ))),
        Err(message) => Err(VisitError::Python(message)),
    }
}

// ---------------------------------------------------------------------------
// ShorthandParser

/// An error inside the parser: `ShorthandParseError` is caught by
/// `_csv_value`'s backtracking, `RecursionError` never.
#[derive(Debug)]
enum PErr {
    Syntax(ShorthandParseError),
    Recursion(&'static str),
}

impl From<PErr> for ShorthandError {
    fn from(e: PErr) -> Self {
        match e {
            PErr::Syntax(e) => ShorthandError::Syntax(e),
            PErr::Recursion(place) => {
                ShorthandError::Recursion(format!("maximum recursion depth exceeded{place}"))
            }
        }
    }
}

type PResult<T> = Result<T, PErr>;

/// A one-character token, or the end of input (`_EOF`).
type Current = Option<char>;

/// `string.whitespace`.
fn is_ascii_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// `[a-zA-Z0-9\-_.#]`: the characters of a key.
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#')
}

/// `_START_WORD`: `!`, `#`-`&`, `(`-`+`, `-`-`<`, `>`-`Z`, `\`-`z`,
/// `|`-U+FFFF (no astral characters: Python's class stops at U+FFFF).
fn is_start_word(c: char) -> bool {
    matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='Z' | '\\'..='z' | '|'..='\u{ffff}')
}

/// `_FIRST_FOLLOW_CHARS`: whitespace, `!`, `#`-`&`, `(`-`+`, `-`-`\`,
/// `^`-`|`, `~`-U+FFFF (so `=`, `[` and `{` are allowed, `,`, `]` and `}` not).
fn is_first_follow(c: char) -> bool {
    py_isspace(c)
        || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='\\' | '^'..='|' | '~'..='\u{ffff}')
}

/// `_SECOND_FOLLOW_CHARS`: whitespace, `!`, `#`-`&`, `(`-`+`, `-`-`<`,
/// `>`-U+FFFF (no `,`, `=` or quotes).
fn is_second_follow(c: char) -> bool {
    py_isspace(c) || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='\u{ffff}')
}

/// The regexes of `ShorthandParser`.
#[derive(Clone, Copy)]
enum Regex {
    /// `_FIRST_VALUE`.
    First,
    /// `_SECOND_VALUE`.
    Second,
    /// `_SINGLE_QUOTED`.
    SingleQuoted,
    /// `_DOUBLE_QUOTED`.
    DoubleQuoted,
}

impl Regex {
    fn name(self) -> &'static str {
        match self {
            Regex::First => "first",
            Regex::Second => "second",
            Regex::SingleQuoted => "singled quoted",
            Regex::DoubleQuoted => "double quoted",
        }
    }

    /// `regex.match(s)`: the length of the match at the start of `s`.
    fn match_len(self, s: &[char]) -> Option<usize> {
        match self {
            Regex::First => match_word(s, is_first_follow),
            Regex::Second => match_word(s, is_second_follow),
            Regex::SingleQuoted => match_quoted(s, '\''),
            Regex::DoubleQuoted => match_quoted(s, '"'),
        }
    }
}

/// `(\\,|[start])(\\,|[follow])*`: nothing follows the repetition, so the
/// first path Python's backtracking engine tries is the match.
fn match_word(s: &[char], follow: fn(char) -> bool) -> Option<usize> {
    let step = |i: usize, class: &dyn Fn(char) -> bool| -> Option<usize> {
        match (s.get(i), s.get(i + 1)) {
            (Some('\\'), Some(',')) => Some(2),
            (Some(&c), _) if class(c) => Some(1),
            _ => None,
        }
    };
    let mut i = step(0, &is_start_word)?;
    while let Some(n) = step(i, &follow) {
        i += n;
    }
    Some(i)
}

/// `q(?:\\\\|\\q|[^q])*q`. The closing quote follows the repetition, so the
/// match is the first success of the backtracking search: at each position
/// the alternatives in order, each followed by the rest, then the closing
/// quote. `first[p]` is that search's result from position `p`, computed
/// right to left (each alternative consumes, so `p` only grows).
fn match_quoted(s: &[char], q: char) -> Option<usize> {
    if s.first() != Some(&q) {
        return None;
    }
    let n = s.len();
    let mut first: Vec<Option<usize>> = vec![None; n + 2];
    for p in (1..n).rev() {
        let next = |len: usize| first.get(p + len).copied().flatten();
        let mut found = None;
        if s[p] == '\\' && s.get(p + 1) == Some(&'\\') {
            found = next(2);
        }
        if found.is_none() && s[p] == '\\' && s.get(p + 1) == Some(&q) {
            found = next(2);
        }
        if found.is_none() && s[p] != q {
            found = next(1);
        }
        if found.is_none() && s[p] == q {
            found = Some(p + 1);
        }
        first[p] = found;
    }
    first.get(1).copied().flatten()
}

struct Parser<'a> {
    input: Vec<char>,
    text: &'a str,
    index: usize,
    /// Python frames (and C recursion guards) active, from `_parse_as_shorthand`.
    depth: usize,
}

impl Parser<'_> {
    /// A Python method call: one frame deeper for its duration.
    fn frame<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth + 1 > RECURSION_BUDGET {
            return Err(PErr::Recursion(""));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// A rich comparison (`==`, `!=`, `<`, `>=`): `Py_EnterRecursiveCall`.
    fn cmp(&self) -> PResult<()> {
        if self.depth + 1 > RECURSION_BUDGET {
            Err(PErr::Recursion(" in comparison"))
        } else {
            Ok(())
        }
    }

    /// `raise ShorthandParseError(...)` from the current frame: calling the
    /// class (`type_call`, `slot_tp_init`, `method_call`: three C guards),
    /// its `__init__` frame, and `_construct_msg`'s.
    fn raise<T>(&mut self, expected: &str, actual: String) -> PResult<T> {
        for extra in 1..=3 {
            if self.depth + extra > RECURSION_BUDGET {
                return Err(PErr::Recursion(" while calling a Python object"));
            }
        }
        if self.depth + 5 > RECURSION_BUDGET {
            return Err(PErr::Recursion(""));
        }
        Err(PErr::Syntax(ShorthandParseError {
            value: self.text.to_string(),
            expected: expected.to_string(),
            actual,
            index: self.index,
        }))
    }

    fn len(&self) -> usize {
        self.input.len()
    }

    /// `_current()`.
    fn current(&mut self) -> PResult<Current> {
        self.frame(|p| {
            p.cmp()?;
            Ok(p.input.get(p.index).copied())
        })
    }

    /// `_current() == c` (the call, then the comparison).
    fn current_is(&mut self, c: char) -> PResult<bool> {
        let current = self.current()?;
        self.cmp()?;
        Ok(current == Some(c))
    }

    /// `_at_eof()`.
    fn at_eof(&mut self) -> PResult<bool> {
        self.frame(|p| {
            p.cmp()?;
            Ok(p.index >= p.len())
        })
    }

    fn slice(&self, start: usize, end: usize) -> String {
        self.input
            .get(start..end.min(self.len()))
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// `_parameter`: `keyval *("," keyval)`.
    fn parameter(&mut self) -> PResult<Value> {
        let mut params = Map::new();
        let (key, value) = self.frame(Self::keyval)?;
        params.insert(key, value);
        loop {
            self.cmp()?;
            if self.index >= self.len() {
                break;
            }
            self.expect(',', true)?;
            let (key, value) = self.frame(Self::keyval)?;
            params.insert(key, value);
        }
        Ok(Value::Object(params))
    }

    /// `_keyval`: `key "=" [values]`.
    fn keyval(&mut self) -> PResult<(String, Value)> {
        let key = self.frame(Self::key)?;
        self.expect('=', true)?;
        let values = self.frame(Self::values)?;
        Ok((key, values))
    }

    /// `_key`.
    fn key(&mut self) -> PResult<String> {
        let start = self.index;
        while !self.at_eof()? {
            match self.current()? {
                Some(c) if is_key_char(c) => self.index += 1,
                _ => break,
            }
        }
        Ok(self.slice(start, self.index))
    }

    /// `_values`: csv-list / explicit-list / hash-literal.
    fn values(&mut self) -> PResult<Value> {
        if self.at_eof()? {
            return Ok(Value::String(String::new()));
        }
        if self.current_is('[')? {
            return self.frame(Self::explicit_list);
        }
        if self.current_is('{')? {
            return self.frame(Self::hash_literal);
        }
        self.frame(Self::csv_value)
    }

    /// `_csv_value`: `foo=bar` → `"bar"`, `foo=bar,baz` → `["bar", "baz"]`,
    /// backtracking to the last comma when a value turns out to be a key.
    fn csv_value(&mut self) -> PResult<Value> {
        let first_value = self.frame(Self::first_value)?;
        self.consume_whitespace()?;
        if self.at_eof()? {
            return Ok(first_value);
        }
        self.cmp()?;
        if self.input.get(self.index) != Some(&',') {
            return Ok(first_value);
        }
        self.expect(',', true)?;
        let mut csv_list = vec![first_value];
        loop {
            let attempt = (|| -> PResult<bool> {
                let current = self.frame(Self::second_value)?;
                self.consume_whitespace()?;
                if self.at_eof()? {
                    csv_list.push(current);
                    return Ok(true);
                }
                self.expect(',', true)?;
                csv_list.push(current);
                Ok(false)
            })();
            match attempt {
                Ok(true) => break,
                Ok(false) => continue,
                Err(PErr::Syntax(e)) => {
                    if self.at_eof()? {
                        return Err(PErr::Syntax(e));
                    }
                    self.backtrack_to(',')?;
                    break;
                }
                Err(other) => return Err(other),
            }
        }
        self.cmp()?;
        if csv_list.len() == 1 {
            return Ok(csv_list.swap_remove(0));
        }
        Ok(Value::Array(csv_list))
    }

    /// `_value`.
    fn value(&mut self) -> PResult<Value> {
        match self.regex_match(Regex::First)? {
            Some(len) => {
                let consumed = self.frame(|p| Ok(p.consume(len)))?;
                Ok(Value::String(strip_value(&consumed)))
            }
            None => Ok(Value::String(String::new())),
        }
    }

    /// `_NamedRegex.match(self._input_value[self._index:])`, a Python method.
    fn regex_match(&mut self, regex: Regex) -> PResult<Option<usize>> {
        self.frame(|p| Ok(regex.match_len(p.input.get(p.index..).unwrap_or(&[]))))
    }

    /// `_consume_matched_regex`'s effect.
    fn consume(&mut self, len: usize) -> String {
        let v = self.slice(self.index, self.index + len);
        self.index += len;
        v
    }

    /// `_explicit_list`: `"[" [value *("," value)] "]"`.
    fn explicit_list(&mut self) -> PResult<Value> {
        self.expect('[', true)?;
        let mut values = Vec::new();
        loop {
            let current = self.current()?;
            self.cmp()?;
            if current == Some(']') {
                break;
            }
            values.push(self.frame(Self::explicit_values)?);
            self.consume_whitespace()?;
            let current = self.current()?;
            self.cmp()?;
            if current != Some(']') {
                self.expect(',', false)?;
                self.consume_whitespace()?;
            }
        }
        self.expect(']', false)?;
        Ok(Value::Array(values))
    }

    /// `_explicit_values`.
    fn explicit_values(&mut self) -> PResult<Value> {
        if self.current_is('[')? {
            return self.frame(Self::explicit_list);
        }
        if self.current_is('{')? {
            return self.frame(Self::hash_literal);
        }
        self.frame(Self::first_value)
    }

    /// `_hash_literal`: `"{" key "=" value *("," key "=" value) "}"`.
    fn hash_literal(&mut self) -> PResult<Value> {
        self.expect('{', true)?;
        let mut keyvals = Map::new();
        loop {
            let current = self.current()?;
            self.cmp()?;
            if current == Some('}') {
                break;
            }
            let key = self.frame(Self::key)?;
            self.expect('=', true)?;
            let v = self.frame(Self::explicit_values)?;
            self.consume_whitespace()?;
            let current = self.current()?;
            self.cmp()?;
            if current != Some('}') {
                self.expect(',', false)?;
                self.consume_whitespace()?;
            }
            keyvals.insert(key, v);
        }
        self.expect('}', false)?;
        Ok(Value::Object(keyvals))
    }

    /// `_first_value`: value / single-quoted / double-quoted.
    fn first_value(&mut self) -> PResult<Value> {
        if self.current_is('\'')? {
            return self.frame(|p| p.frame(|p| p.consume_quoted(Regex::SingleQuoted, '\'')));
        }
        if self.current_is('"')? {
            return self.frame(|p| p.frame(|p| p.consume_quoted(Regex::DoubleQuoted, '"')));
        }
        self.frame(Self::value)
    }

    /// `_consume_quoted`: the text between the quotes, `\q` → `q`, `\\` → `\`.
    fn consume_quoted(&mut self, regex: Regex, quote: char) -> PResult<Value> {
        let matched: Vec<char> = self
            .frame(|p| p.must_consume_regex(regex))?
            .chars()
            .collect();
        let inner: String = matched
            .get(1..matched.len().saturating_sub(1))
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let unescaped = inner
            .replace(&format!("\\{quote}"), &quote.to_string())
            .replace("\\\\", "\\");
        Ok(Value::String(unescaped))
    }

    /// `_second_value`.
    fn second_value(&mut self) -> PResult<Value> {
        if self.current_is('\'')? {
            return self.frame(|p| p.frame(|p| p.consume_quoted(Regex::SingleQuoted, '\'')));
        }
        if self.current_is('"')? {
            return self.frame(|p| p.frame(|p| p.consume_quoted(Regex::DoubleQuoted, '"')));
        }
        let consumed = self.frame(|p| p.must_consume_regex(Regex::Second))?;
        Ok(Value::String(strip_value(&consumed)))
    }

    /// `_must_consume_regex`.
    fn must_consume_regex(&mut self, regex: Regex) -> PResult<String> {
        match self.regex_match(regex)? {
            Some(len) => self.frame(|p| Ok(p.consume(len))),
            None => self.raise(&format!("<{}>", regex.name()), "<none>".into()),
        }
    }

    /// `_expect(char, consume_whitespace)`, a Python method.
    fn expect(&mut self, c: char, consume_whitespace: bool) -> PResult<()> {
        self.frame(|p| {
            if consume_whitespace {
                p.consume_whitespace()?;
            }
            p.cmp()?;
            let Some(&actual) = p.input.get(p.index) else {
                return p.raise(&c.to_string(), "EOF".into());
            };
            p.cmp()?;
            if actual != c {
                return p.raise(&c.to_string(), actual.to_string());
            }
            p.index += 1;
            if consume_whitespace {
                p.consume_whitespace()?;
            }
            Ok(())
        })
    }

    /// `_backtrack_to(char)`.
    fn backtrack_to(&mut self, c: char) -> PResult<()> {
        self.frame(|p| loop {
            p.cmp()?;
            p.cmp()?;
            match p.input.get(p.index) {
                Some(&here) if here != c && p.index > 0 => p.index -= 1,
                _ => return Ok(()),
            }
        })
    }

    /// `_consume_whitespace` (`string.whitespace`: ASCII only).
    fn consume_whitespace(&mut self) -> PResult<()> {
        self.frame(|p| loop {
            let current = p.current()?;
            p.cmp()?;
            let Some(c) = current else {
                return Ok(());
            };
            p.current()?;
            if !is_ascii_whitespace(c) {
                return Ok(());
            }
            p.index += 1;
        })
    }
}

/// `consumed.replace('\\,', ',').rstrip()`.
fn strip_value(consumed: &str) -> String {
    consumed
        .replace("\\,", ",")
        .trim_end_matches(py_isspace)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MemberType;
    use serde_json::json;

    fn ok(s: &str) -> Value {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    fn err(s: &str) -> String {
        parse(s).unwrap_err().to_string()
    }

    #[test]
    fn key_values_and_csv_lists() {
        assert_eq!(ok("a=b"), json!({"a": "b"}));
        assert_eq!(ok("a=b,c"), json!({"a": ["b", "c"]}));
        assert_eq!(ok("a=b,c=d"), json!({"a": "b", "c": "d"}));
        assert_eq!(
            ok("foo=a,b,c=d,e=f"),
            json!({"foo": ["a", "b"], "c": "d", "e": "f"})
        );
        assert_eq!(ok("a="), json!({"a": ""}));
        assert_eq!(ok("a=,b=c"), json!({"a": "", "b": "c"}));
        assert_eq!(ok("a = b , c = d "), json!({"a": "b", "c": "d"}));
        assert_eq!(ok("a=b c"), json!({"a": "b c"}));
        // Duplicate keys: the last value, at the first key's place.
        assert_eq!(ok("a=1,b=2,a=3").to_string(), r#"{"a":"3","b":"2"}"#);
        // `a=b,,c=d`: the second comma is backtracked to, then expected.
        assert_eq!(ok("a=b,,c=d"), json!({"a": "b", "c": "d"}));
        // Non-breaking space is stripped at the end (`rstrip`) but not
        // skipped at the start (`string.whitespace`).
        assert_eq!(ok("a=\u{a0}b\u{a0}"), json!({"a": "\u{a0}b"}));
        assert_eq!(ok("a=x=y"), json!({"a": "x=y"}));
    }

    #[test]
    fn explicit_lists_and_hashes() {
        assert_eq!(ok("a=[]"), json!({"a": []}));
        assert_eq!(ok("a=[ ]"), json!({"a": []}));
        assert_eq!(ok("a=[b,c]"), json!({"a": ["b", "c"]}));
        assert_eq!(ok("a=[b, c ]"), json!({"a": ["b", "c"]}));
        assert_eq!(ok("a=[[b],[c,d]]"), json!({"a": [["b"], ["c", "d"]]}));
        assert_eq!(ok("a={b=c,d=[e]}"), json!({"a": {"b": "c", "d": ["e"]}}));
        assert_eq!(ok("a={}"), json!({"a": {}}));
        assert_eq!(
            ok("a=[{b=c},{d=e}]"),
            json!({"a": [{"b": "c"}, {"d": "e"}]})
        );
        // `}` may start a value, so `{a=}` never closes.
        assert_eq!(
            err("a={b=}"),
            "Expected: ',', received: 'EOF' for input:\na={b=}\n      ^"
        );
        assert_eq!(ok("a={b=}}"), json!({"a": {"b": "}"}}));
    }

    #[test]
    fn quoted_values() {
        assert_eq!(ok("a='b,c'"), json!({"a": "b,c"}));
        assert_eq!(ok("a=\"b,c\""), json!({"a": "b,c"}));
        assert_eq!(ok(r#"a="x \"y\" \\ z""#), json!({"a": "x \"y\" \\ z"}));
        assert_eq!(ok(r"a='it\'s'"), json!({"a": "it's"}));
        assert_eq!(ok(r"a=b\,c"), json!({"a": "b,c"}));
        assert_eq!(ok("a='b' ,c='d'"), json!({"a": "b", "c": "d"}));
        assert_eq!(ok("a=x,'y'"), json!({"a": ["x", "y"]}));
        assert_eq!(ok("a=['x', \"y\"]"), json!({"a": ["x", "y"]}));
        // Backtracking inside the quoted regex: `\'` is tried first, then
        // the backslash alone.
        assert_eq!(ok(r"a='abc\'"), json!({"a": r"abc\"}));
        assert_eq!(ok(r"a='a\\'"), json!({"a": r"a\"}));
        assert_eq!(ok("a='\n'"), json!({"a": "\n"}));
    }

    #[test]
    fn regexes_follow_python() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(match_quoted(&chars("'a'b'"), '\''), Some(3));
        assert_eq!(match_quoted(&chars(r"'a\'b'"), '\''), Some(6));
        assert_eq!(match_quoted(&chars(r"'a\\'b'"), '\''), Some(5));
        assert_eq!(match_quoted(&chars(r"'\'"), '\''), Some(3));
        assert_eq!(match_quoted(&chars("'abc"), '\''), None);
        assert_eq!(match_quoted(&chars("''"), '\''), Some(2));
        assert_eq!(match_word(&chars("ab,c"), is_first_follow), Some(2));
        assert_eq!(match_word(&chars(r"a\,b,c"), is_first_follow), Some(4));
        assert_eq!(match_word(&chars("=a"), is_first_follow), None);
        assert_eq!(match_word(&chars("a=b,c"), is_first_follow), Some(3));
        assert_eq!(match_word(&chars("a=b"), is_second_follow), Some(1));
        assert_eq!(match_word(&chars("a]}"), is_second_follow), Some(3));
        assert_eq!(match_word(&chars("a]}"), is_first_follow), Some(1));
        assert_eq!(match_word(&chars("\u{1f600}"), is_first_follow), None);
        assert_eq!(
            match_word(&chars("\u{ffff}\u{10000}"), is_first_follow),
            Some(1)
        );
    }

    /// Texts recorded from aws-cli 1.14.28 (see
    /// tests/fixtures/aws-cli-1.14.28/shorthand-cases.json).
    #[test]
    fn error_messages() {
        assert_eq!(err(""), "Expected: '=', received: 'EOF' for input:\n\n^");
        assert_eq!(
            err("InstanceFleetType"),
            "Expected: '=', received: 'EOF' for input:\nInstanceFleetType\n                 ^"
        );
        assert_eq!(
            err(" a=b"),
            "Expected: '=', received: 'a' for input:\n a=b\n ^"
        );
        assert_eq!(
            err("a=b,"),
            "Expected: '<second>', received: '<none>' for input:\na=b,\n    ^"
        );
        assert_eq!(
            err("a='abc"),
            "Expected: '<singled quoted>', received: '<none>' for input:\na='abc\n  ^"
        );
        assert_eq!(
            err("a=\"abc"),
            "Expected: '<double quoted>', received: '<none>' for input:\na=\"abc\n  ^"
        );
        assert_eq!(
            err("a=b,\nc==x"),
            "Expected: ',', received: '=' for input:\na=b,\nc==x\n  ^"
        );
        assert_eq!(
            err("a==b,\nc=x"),
            "Expected: ',', received: '=' for input:\na==b,\n  ^\nc=x"
        );
        assert_eq!(
            err("n=a,\nx==y,\nz=1"),
            "Expected: ',', received: '=' for input:\nn=a,\nx==y,\n  ^\nz=1"
        );
        assert_eq!(
            err("a=\u{1f600}"),
            "Expected: ',', received: '\u{1f600}' for input:\na=\u{1f600}\n  ^"
        );
        assert_eq!(
            err("é=1"),
            "Expected: '=', received: 'é' for input:\né=1\n^"
        );
        assert_eq!(
            err("a=[b"),
            "Expected: ',', received: 'EOF' for input:\na=[b\n    ^"
        );
        assert_eq!(
            err("a={b}"),
            "Expected: '=', received: '}' for input:\na={b}\n    ^"
        );
    }

    /// Runs `f` on a stack as large as [`parse_as_shorthand`] gives deep input.
    fn deep<T: Send>(f: impl FnOnce() -> T + Send) -> T {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(DEEP_STACK)
                .spawn_scoped(scope, f)
                .unwrap()
                .join()
                .unwrap()
        })
    }

    /// Measured with the reference: `Name=` + n `[` ... parses up to 482
    /// levels; list options have one frame less; `[{a=` pairs cost four.
    #[test]
    fn recursion_limit_matches_python() {
        deep(recursion_limit);
        // Through the public entry point, on the caller's (small) stack.
        let s = format!("Name={}{}", "[".repeat(2000), "]".repeat(2000));
        assert_eq!(
            shaped(&FLEET, &s).unwrap_err().to_string(),
            "maximum recursion depth exceeded in comparison"
        );
        let s = format!("Name={}x{}", "[{a=".repeat(200), "}]".repeat(200));
        assert!(shaped(&FLEET, &s).unwrap()["Name"].is_array());
        let s = format!("Name={}x{}", "[{a=".repeat(300), "}]".repeat(300));
        assert!(shaped(&FLEET, &s).is_err());
    }

    fn recursion_limit() {
        let nested = |prefix: &str, open: &str, close: &str, n: usize| {
            format!("{prefix}{}{}", open.repeat(n), close.repeat(n))
        };
        let s = nested("InstanceFleetType=TASK,Name=", "[", "]", 482);
        assert!(parse(&s).is_ok());
        let s = nested("InstanceFleetType=TASK,Name=", "[", "]", 483);
        assert_eq!(
            parse(&s).unwrap_err().to_string(),
            "maximum recursion depth exceeded in comparison"
        );
        let s = nested("InstanceGroupId=ig,InstanceCount=", "[", "]", 482);
        assert!(parse_at_depth(&s, 1).is_ok());
        let s = nested("InstanceGroupId=ig,InstanceCount=", "[", "]", 483);
        assert_eq!(
            parse_at_depth(&s, 1).unwrap_err().to_string(),
            "maximum recursion depth exceeded"
        );
        let pairs = |n| nested("InstanceFleetType=TASK,Name=", "[{a=", "}]", n);
        assert!(matches!(parse(&pairs(240)), Err(ShorthandError::Syntax(_))));
        assert_eq!(
            parse(&pairs(241)).unwrap_err().to_string(),
            "maximum recursion depth exceeded"
        );
        assert_eq!(
            parse(&pairs(242)).unwrap_err().to_string(),
            "maximum recursion depth exceeded in comparison"
        );
        // Far deeper than Python goes: refused, not a stack overflow.
        let s = nested("a=", "[", "]", 100_000);
        assert!(matches!(parse(&s), Err(ShorthandError::Recursion(_))));
    }

    /// Quick property check: no input panics, and every result is an object
    /// or a syntax/recursion error.
    #[test]
    fn random_inputs_never_panic() {
        let alphabet: Vec<char> = "ab=,[]{}'\"\\ \n\t#.-_é😀\u{a0}xyz=,[]{}".chars().collect();
        let mut rng = fastrand::Rng::with_seed(6);
        for _ in 0..20_000 {
            let len = rng.usize(0..24);
            let s: String = (0..len)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            match parse(&s) {
                Ok(v) => assert!(v.is_object(), "{s:?}"),
                Err(e) => assert!(!e.to_string().is_empty(), "{s:?}"),
            }
            for ty in [&FLEET, &LIST_OF_FLEETS, &RECURSIVE] {
                let _ = parse_as_shorthand("--x", ty, RawValue::One(&s), false);
                let items = [s.clone(), "a=1".to_string()];
                let _ = parse_as_shorthand("--x", ty, RawValue::Many(&items), false);
            }
        }
    }

    static FLEET: ArgType = ArgType::Structure(&[
        MemberType {
            name: "Name",
            shape: &ArgType::String,
            required: true,
        },
        MemberType {
            name: "Count",
            shape: &ArgType::Integer,
            required: false,
        },
        MemberType {
            name: "Price",
            shape: &ArgType::Double,
            required: false,
        },
        MemberType {
            name: "On",
            shape: &ArgType::Boolean,
            required: false,
        },
        MemberType {
            name: "Ids",
            shape: &ArgType::List(&ArgType::String),
            required: false,
        },
        MemberType {
            name: "Counts",
            shape: &ArgType::List(&ArgType::Integer),
            required: false,
        },
        MemberType {
            name: "Props",
            shape: &ArgType::Map(&ArgType::String, &ArgType::Long),
            required: false,
        },
    ]);
    static LIST_OF_FLEETS: ArgType = ArgType::List(&FLEET);
    static RECURSIVE: ArgType = ArgType::Structure(&[MemberType {
        name: "Inner",
        shape: &RECURSIVE_LIST,
        required: false,
    }]);
    static RECURSIVE_LIST: ArgType = ArgType::List(&RECURSIVE);
    static VALUE_ONLY: ArgType = ArgType::Structure(&[MemberType {
        name: "Value",
        shape: &ArgType::String,
        required: false,
    }]);
    static OLD_LIST: ArgType = ArgType::List(&ArgType::Structure(&[MemberType {
        name: "InstanceId",
        shape: &ArgType::String,
        required: false,
    }]));

    fn shaped(ty: &ArgType, s: &str) -> Result<Value, ArgValueError> {
        parse_as_shorthand("--x", ty, RawValue::One(s), false)
    }

    fn many(ty: &ArgType, items: &[&str]) -> Result<Value, ArgValueError> {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        parse_as_shorthand("--x", ty, RawValue::Many(&items), false)
    }

    #[test]
    fn scalars_follow_the_model() {
        assert_eq!(
            shaped(
                &FLEET,
                "Name=n,Count=1_0,Price=2,On=TRUE,Ids=a,Counts=[1,2],Props={k=7}"
            )
            .unwrap(),
            json!({"Name": "n", "Count": 10, "Price": 2.0, "On": true, "Ids": ["a"],
                   "Counts": [1, 2], "Props": {"k": 7}})
        );
        // A scalar becomes a list without being converted.
        assert_eq!(
            shaped(&FLEET, "Counts=3").unwrap(),
            json!({"Counts": ["3"]})
        );
        assert_eq!(shaped(&FLEET, "On=no").unwrap(), json!({"On": "no"}));
        assert_eq!(shaped(&FLEET, "On=False").unwrap(), json!({"On": false}));
        assert_eq!(
            shaped(&FLEET, "Bogus=1,Count=2").unwrap(),
            json!({"Bogus": "1", "Count": 2})
        );
        let e = |s| shaped(&FLEET, s).unwrap_err().to_string();
        assert_eq!(e("Count=x"), "invalid literal for int() with base 10: 'x'");
        assert_eq!(
            e("Count=[1]"),
            "int() argument must be a string, a bytes-like object or a number, not 'list'"
        );
        assert_eq!(
            e("Count={a=1}"),
            "int() argument must be a string, a bytes-like object or a number, not 'dict'"
        );
        assert_eq!(e("Price=p"), "could not convert string to float: 'p'");
        assert_eq!(
            e("Price=[1]"),
            "float() argument must be a string or a number, not 'list'"
        );
        assert_eq!(e("On=[a]"), "'list' object has no attribute 'lower'");
        assert_eq!(e("On={a=b}"), "'dict' object has no attribute 'lower'");
        // Model order, not input order.
        assert_eq!(
            e("Price=p,Count=c"),
            "invalid literal for int() with base 10: 'c'"
        );
        assert_eq!(
            e("Price=nan"),
            "Error parsing parameter '--x': 'nan' is not a finite number, which awsr does not support"
        );
        assert_eq!(
            e("Name"),
            "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\nName\n    ^"
        );
    }

    #[test]
    fn lists_of_structures() {
        assert_eq!(
            many(&LIST_OF_FLEETS, &["Name=a,Count=1", "Name=b"]).unwrap(),
            json!([{"Name": "a", "Count": 1}, {"Name": "b"}])
        );
        assert_eq!(many(&LIST_OF_FLEETS, &[]).unwrap(), json!([]));
        // A file:// body is one string: parsed, but not shaped.
        assert_eq!(
            shaped(&LIST_OF_FLEETS, "Name=a,Count=1").unwrap(),
            json!({"Name": "a", "Count": "1"})
        );
        assert_eq!(
            shaped(&RECURSIVE, "Inner=[{Inner=[{}]},{Inner={}}]").unwrap(),
            json!({"Inner": [{"Inner": [{}]}, {"Inner": [{}]}]})
        );
        // The first syntax error, before any conversion.
        assert_eq!(
            many(&LIST_OF_FLEETS, &["Count=x", "Name"])
                .unwrap_err()
                .to_string(),
            "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\nName\n    ^"
        );
        let lists = ArgType::List(&LIST_OF_FLEETS);
        assert_eq!(many(&lists, &["Name=a"]).unwrap(), json!([[{"Name": "a"}]]));
    }

    #[test]
    fn special_cases() {
        assert_eq!(
            shaped(&VALUE_ONLY, "shutdown").unwrap(),
            json!({"Value": "shutdown"})
        );
        assert_eq!(
            shaped(&VALUE_ONLY, "Value=x").unwrap(),
            json!({"Value": "x"})
        );
        assert_eq!(
            parse_as_shorthand(
                "--x",
                &OLD_LIST,
                RawValue::Many(&["i-1".into(), "i-2".into()]),
                true
            )
            .unwrap(),
            json!([{"InstanceId": "i-1"}, {"InstanceId": "i-2"}])
        );
        assert_eq!(
            parse_as_shorthand("--x", &OLD_LIST, RawValue::One("ab"), true).unwrap(),
            json!([{"InstanceId": "a"}, {"InstanceId": "b"}])
        );
    }
}
