// Ported from CPython 3.6 (Lib/argparse.py): Copyright (c) 2001-2017 Python Software
// Foundation, under the PSF License Agreement. See NOTICE.
//! Python 3.6 `argparse.ArgumentParser.parse_known_args` as aws-cli's
//! parsers use it (awscli/argparser.py: `MainArgParser`,
//! `ServiceArgParser`, `ArgTableArgParser`, all `CLIArgParser`s with
//! `add_help=False`, `allow_abbrev` on, `prefix_chars='-'`).
//!
//! A parser is a slice of [`OptSpec`]s, in `add_argument` order: options
//! (`--name`) and positionals (`command`, `operation`, `help`). The port
//! follows `_parse_known_args` step by step, so these behave as in aws-cli:
//!
//! - `--opt value` and `--opt=value`; unambiguous prefixes (`--clus` for
//!   `--cluster-id`), and `ambiguous option: --c could match --color, ...`
//!   (raised before anything else is consumed, as argparse does);
//! - repeated options: every occurrence is recorded, the last one wins;
//! - an option's values stop at the next option-looking argument; strings
//!   that look like negative numbers (`-5`, `-.5`) or contain a space are
//!   values, not options; `--` ends options (and is dropped from the values);
//! - unknown option-looking arguments and surplus values go to
//!   [`Parsed::unknown`], in command-line order (`parse_known_args`);
//! - positionals are matched greedily with argparse's regex semantics, and
//!   `nargs='?'` positionals can match nothing;
//! - `choices` errors use aws-cli's `CLIArgParser._check_value` layout
//!   (two 40-column choices per line, plus difflib's "maybe you meant");
//! - `type=int` / `type=float` ([`ValueType`]) errors:
//!   `argument --x: invalid int value: 'abc'`;
//! - missing required options/positionals:
//!   `the following arguments are required: --cluster-id`.
//!
//! # Exit codes
//!
//! - Every [`ArgError`] is an `ArgumentParser.error()`: aws-cli prints
//!   [`ArgError::stderr_text`] (usage block + `aws: error: ...`) and exits
//!   **2** ([`ArgError::EXIT_CODE`]).
//! - `--version` ([`Nargs::Version`]) stops the parse: argparse prints the
//!   version to stdout and exits **0** ([`Parsed::version_requested`]).
//! - Leftover arguments after the operation parser are *not* an argparse
//!   error: `ServiceOperation.__call__` raises `UnknownArgumentError`, which
//!   `CLIDriver.main` prints as [`unknown_options_text`] and exits **255**
//!   ([`UNKNOWN_OPTIONS_EXIT_CODE`]). Note that the operation parser's `help`
//!   positional (`nargs='?'`) swallows one stray value, which aws-cli then
//!   appends *after* the other leftovers.
//!
//! `ArgTableArgParser.parse_known_args` short-circuits `args == ["help"]`
//! without parsing (so required options are not enforced); that check is
//! the caller's, before calling [`parse_known_args`].
//!
//! Not emulated (aws-cli does not use them): single-dash options and
//! option clustering, `fromfile_prefix_chars`, mutually exclusive groups,
//! `nargs=REMAINDER/PARSER` or integer counts, defaults other than `const`.

use super::pycompat::number::{float as py_float, int as py_int};
use super::pycompat::text::{decimal_value as py_decimal, repr_str as py_repr};
use std::fmt;

/// aws-cli's usage text (`awscli.argparser.USAGE`) with `aws` as the program.
pub const USAGE: &str = "aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\
\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

/// Exit status of `UnknownArgumentError` in `CLIDriver.main`.
pub const UNKNOWN_OPTIONS_EXIT_CODE: i32 = 255;

/// How many strings an option or positional takes (argparse `nargs`, and
/// the zero-argument actions aws-cli uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nargs<'a> {
    /// `nargs=None`: exactly one.
    One,
    /// `nargs='?'`: zero or one. An option given without a value gets the
    /// const (e.g. `--generate-cli-skeleton` → `input`), checked against the
    /// choices; a positional matched by nothing gets `None`.
    Optional(Option<&'a str>),
    /// `nargs='*'` (aws-cli's list parameters).
    ZeroOrMore,
    /// `nargs='+'`.
    OneOrMore,
    /// `action='store_true'/'store_false'`: no value.
    Flag,
    /// `action='version'`: no value; ends the parse on the spot.
    Version,
}

/// argparse's `type=`: how a value is checked while parsing. The string is
/// kept either way (convert later with `argvalue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Str,
    /// `type=int`: `invalid int value: '…'` unless Python's `int()` accepts it.
    Int,
    /// `type=float`: `invalid float value: '…'` unless `float()` accepts it.
    Float,
}

/// One `add_argument` call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptSpec<'a> {
    /// Option name without the leading `--` (`cluster-id`), or a
    /// positional's dest (`command`, `operation`, `help`), which is also the
    /// name its errors use (`argument operation: ...`).
    pub name: &'a str,
    pub positional: bool,
    pub nargs: Nargs<'a>,
    /// Allowed values, in the order error messages list them; empty means
    /// any value.
    pub choices: &'a [&'a str],
    pub value_type: ValueType,
    /// Options only: argparse `required=True`. Positionals are required
    /// unless their nargs is `?` (argparse also exempts `*` with a default,
    /// which specs cannot express).
    pub required: bool,
}

impl<'a> OptSpec<'a> {
    /// `--name` taking one string.
    pub const fn option(name: &'a str) -> Self {
        OptSpec {
            name,
            positional: false,
            nargs: Nargs::One,
            choices: &[],
            value_type: ValueType::Str,
            required: false,
        }
    }

    /// A positional taking one string.
    pub const fn positional(name: &'a str) -> Self {
        OptSpec {
            positional: true,
            ..OptSpec::option(name)
        }
    }

    pub const fn nargs(self, nargs: Nargs<'a>) -> Self {
        OptSpec { nargs, ..self }
    }

    pub const fn choices(self, choices: &'a [&'a str]) -> Self {
        OptSpec { choices, ..self }
    }

    pub const fn value_type(self, value_type: ValueType) -> Self {
        OptSpec { value_type, ..self }
    }

    pub const fn required(self, required: bool) -> Self {
        OptSpec { required, ..self }
    }

    fn is_required(&self) -> bool {
        if self.positional {
            !matches!(self.nargs, Nargs::Optional(_))
        } else {
            self.required
        }
    }

    /// `_get_action_name`: `--name` for options, the dest for positionals.
    fn display_name(&self) -> String {
        if self.positional {
            self.name.to_string()
        } else {
            format!("--{}", self.name)
        }
    }
}

/// What one occurrence stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgValue {
    /// A flag was given (or `--version`).
    Flag,
    /// `nargs='?'` matched nothing and there is no const (argparse's `None`).
    None,
    /// `nargs=None`, or `nargs='?'` with a value or its const.
    One(String),
    /// `nargs='*'` / `'+'`.
    Many(Vec<String>),
}

/// The result of [`parse_known_args`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every action argparse took, in order: (index into the specs, value).
    /// Options given twice appear twice; positionals matched by nothing
    /// (`?`, `*`) appear with [`ArgValue::None`] / an empty list.
    pub occurrences: Vec<(usize, ArgValue)>,
    /// The strings argparse did not recognise, in order (`parse_known_args`'
    /// second result).
    pub unknown: Vec<String>,
    /// `--version` was reached: argparse printed the version and exited 0
    /// there; the rest of the command line was not parsed.
    pub version_requested: bool,
}

impl Parsed {
    /// The value the namespace ends up with for spec `index` (the last
    /// occurrence), or `None` if it never occurred.
    pub fn value(&self, index: usize) -> Option<&ArgValue> {
        self.occurrences
            .iter()
            .rev()
            .find(|(i, _)| *i == index)
            .map(|(_, v)| v)
    }

    /// The last occurrence among several specs sharing a dest (e.g.
    /// `--flag` / `--no-flag`): which one, and its value.
    pub fn last_of(&self, indices: &[usize]) -> Option<(usize, &ArgValue)> {
        self.occurrences
            .iter()
            .rev()
            .find(|(i, _)| indices.contains(i))
            .map(|(i, v)| (*i, v))
    }

    /// Whether spec `index` occurred at all.
    pub fn seen(&self, index: usize) -> bool {
        self.occurrences.iter().any(|(i, _)| *i == index)
    }
}

/// An `ArgumentParser.error()`: usage, `aws: error: <message>`, exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgError {
    /// The text after `aws: error: `, e.g. `argument --output: Invalid
    /// choice, ...` or `the following arguments are required: command`.
    pub message: String,
}

impl ArgError {
    pub const EXIT_CODE: i32 = 2;

    /// Everything aws-cli writes to stderr for this error, with `prog` in
    /// place of `aws` (in the usage block too).
    pub fn stderr_text(&self, prog: &str) -> String {
        format!("usage: {}{prog}: error: {}\n", usage(prog), self.message)
    }

    fn new(message: String) -> Self {
        ArgError { message }
    }

    /// `ArgumentError(action, message)`: `argument <name>: <message>`.
    fn argument(spec: &OptSpec<'_>, message: String) -> Self {
        ArgError::new(format!("argument {}: {message}", spec.display_name()))
    }
}

impl fmt::Display for ArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArgError {}

/// [`USAGE`] for program `prog`.
pub fn usage(prog: &str) -> String {
    if prog == "aws" {
        USAGE.to_string()
    } else {
        USAGE.replace("aws", prog)
    }
}

/// What `CLIDriver.main` prints for `UnknownArgumentError` (exit 255):
/// `usage: ...` then `Unknown options: a, b`.
pub fn unknown_options_text(prog: &str, unknown: &[String]) -> String {
    format!(
        "usage: {}\nUnknown options: {}\n",
        usage(prog),
        unknown.join(", ")
    )
}

/// An argument string classified like `_parse_optional`.
#[derive(Debug, Clone, Copy)]
enum Classified<'s> {
    /// A value ('A').
    Arg,
    /// An option string ('O'): the spec (`None` if unknown) and an explicit
    /// `=value`.
    Opt(Option<usize>, Option<&'s str>),
    /// The first `--` ('-').
    DashDash,
}

impl Classified<'_> {
    fn code(&self) -> u8 {
        match self {
            Classified::Arg => b'A',
            Classified::Opt(..) => b'O',
            Classified::DashDash => b'-',
        }
    }
}

/// `ArgumentParser.parse_known_args(args)` for the parser made of `specs`.
pub fn parse_known_args(specs: &[OptSpec<'_>], args: &[String]) -> Result<Parsed, ArgError> {
    Parser::new(specs).parse(args)
}

struct Parser<'p, 'a> {
    specs: &'p [OptSpec<'a>],
    /// `_option_string_actions`: option names (no dashes) → spec, in
    /// insertion order; a later spec with the same name replaces the earlier
    /// one (`conflict_handler='resolve'`).
    options: Vec<(&'a str, usize)>,
}

impl<'p, 'a> Parser<'p, 'a> {
    fn new(specs: &'p [OptSpec<'a>]) -> Self {
        let mut options: Vec<(&'a str, usize)> = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            if !spec.positional {
                options.retain(|(name, _)| *name != spec.name);
                options.push((spec.name, i));
            }
        }
        Parser { specs, options }
    }

    /// False for an option whose name a later spec took over (argparse
    /// drops such an action entirely).
    fn active(&self, index: usize) -> bool {
        match self.specs.get(index) {
            Some(spec) if !spec.positional => self.options.iter().any(|(_, i)| *i == index),
            Some(_) => true,
            None => false,
        }
    }

    fn lookup(&self, option_string: &str) -> Option<usize> {
        let name = option_string.strip_prefix("--")?;
        self.options
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, i)| *i)
    }

    fn spec(&self, index: usize) -> Result<&'p OptSpec<'a>, ArgError> {
        self.specs
            .get(index)
            .ok_or_else(|| ArgError::new("internal error: bad spec index".into()))
    }

    /// `_parse_optional`.
    fn classify<'s>(&self, arg: &'s str) -> Result<Classified<'s>, ArgError> {
        if !arg.starts_with('-') {
            return Ok(Classified::Arg);
        }
        if let Some(i) = self.lookup(arg) {
            return Ok(Classified::Opt(Some(i), None));
        }
        if arg.len() == 1 {
            return Ok(Classified::Arg);
        }
        if let Some((option_string, explicit)) = arg.split_once('=') {
            if let Some(i) = self.lookup(option_string) {
                return Ok(Classified::Opt(Some(i), Some(explicit)));
            }
        }
        // allow_abbrev: `_get_option_tuples`. All option strings here are
        // `--long`, so only a `--` prefix can match one.
        if arg.starts_with("--") {
            let (prefix, explicit) = match arg.split_once('=') {
                Some((p, e)) => (p, Some(e)),
                None => (arg, None),
            };
            let matches: Vec<usize> = self
                .options
                .iter()
                .filter(|(name, _)| format!("--{name}").starts_with(prefix))
                .map(|(_, i)| *i)
                .collect();
            match matches.as_slice() {
                [one] => return Ok(Classified::Opt(Some(*one), explicit)),
                [] => {}
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .filter_map(|i| self.specs.get(*i))
                        .map(OptSpec::display_name)
                        .collect();
                    return Err(ArgError::new(format!(
                        "ambiguous option: {arg} could match {}",
                        names.join(", ")
                    )));
                }
            }
        }
        if looks_like_negative_number(arg) {
            return Ok(Classified::Arg);
        }
        if arg.contains(' ') {
            return Ok(Classified::Arg);
        }
        Ok(Classified::Opt(None, None))
    }

    fn parse(&self, args: &[String]) -> Result<Parsed, ArgError> {
        // Classify every string first: ambiguity errors come before any
        // action is taken.
        let mut classes = Vec::with_capacity(args.len());
        let mut after_dashdash = false;
        for arg in args {
            if after_dashdash {
                classes.push(Classified::Arg);
            } else if arg == "--" {
                after_dashdash = true;
                classes.push(Classified::DashDash);
            } else {
                classes.push(self.classify(arg)?);
            }
        }
        let pattern: Vec<u8> = classes.iter().map(Classified::code).collect();
        let option_indices: Vec<usize> = classes
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Classified::Opt(..)))
            .map(|(i, _)| i)
            .collect();

        let mut state = State {
            parser: self,
            args,
            pattern: &pattern,
            parsed: Parsed::default(),
            positionals: self
                .specs
                .iter()
                .enumerate()
                .filter(|(_, s)| s.positional)
                .map(|(i, _)| i)
                .collect(),
        };

        let mut start = 0usize;
        let max_option_index = option_indices.last().copied();
        while let Some(max) = max_option_index {
            if start > max {
                break;
            }
            let Some(next_option) = option_indices.iter().copied().find(|&i| i >= start) else {
                break;
            };
            if start != next_option {
                let end = state.consume_positionals(start)?;
                if state.parsed.version_requested {
                    return Ok(state.parsed);
                }
                if end > start {
                    start = end;
                    continue;
                }
                start = end;
            }
            if !option_indices.contains(&start) {
                state
                    .parsed
                    .unknown
                    .extend(args.get(start..next_option).unwrap_or(&[]).iter().cloned());
                start = next_option;
            }
            let Some(Classified::Opt(spec, explicit)) = classes.get(start).copied() else {
                break;
            };
            start = state.consume_optional(start, spec, explicit)?;
            if state.parsed.version_requested {
                return Ok(state.parsed);
            }
        }
        let stop = state.consume_positionals(start)?;
        if state.parsed.version_requested {
            return Ok(state.parsed);
        }
        state
            .parsed
            .unknown
            .extend(args.get(stop..).unwrap_or(&[]).iter().cloned());

        let missing: Vec<String> = self
            .specs
            .iter()
            .enumerate()
            .filter(|(i, s)| s.is_required() && !state.parsed.seen(*i) && self.active(*i))
            .map(|(_, s)| s.display_name())
            .collect();
        if !missing.is_empty() {
            return Err(ArgError::new(format!(
                "the following arguments are required: {}",
                missing.join(", ")
            )));
        }
        Ok(state.parsed)
    }
}

struct State<'s, 'p, 'a> {
    parser: &'s Parser<'p, 'a>,
    args: &'s [String],
    pattern: &'s [u8],
    parsed: Parsed,
    /// Positionals not consumed yet.
    positionals: Vec<usize>,
}

impl State<'_, '_, '_> {
    /// `consume_optional`; returns the index after what it consumed.
    fn consume_optional(
        &mut self,
        start: usize,
        spec: Option<usize>,
        explicit: Option<&str>,
    ) -> Result<usize, ArgError> {
        let Some(index) = spec else {
            if let Some(arg) = self.args.get(start) {
                self.parsed.unknown.push(arg.clone());
            }
            return Ok(start + 1);
        };
        let spec = self.parser.spec(index)?;
        if let Some(explicit) = explicit {
            // match_argument(action, 'A')
            return match spec.nargs {
                Nargs::Flag | Nargs::Version => Err(ArgError::argument(
                    spec,
                    format!("ignored explicit argument {}", py_repr(explicit)),
                )),
                _ => {
                    self.take_action(index, vec![explicit.to_string()])?;
                    Ok(start + 1)
                }
            };
        }
        let rest = self.pattern.get(start + 1..).unwrap_or(&[]);
        let leading_args = rest.iter().take_while(|&&c| c == b'A').count();
        let count = match spec.nargs {
            Nargs::One if leading_args >= 1 => 1,
            Nargs::One => {
                return Err(ArgError::argument(spec, "expected one argument".into()));
            }
            Nargs::Optional(_) => leading_args.min(1),
            Nargs::ZeroOrMore => leading_args,
            Nargs::OneOrMore if leading_args >= 1 => leading_args,
            Nargs::OneOrMore => {
                return Err(ArgError::argument(
                    spec,
                    "expected at least one argument".into(),
                ));
            }
            Nargs::Flag | Nargs::Version => 0,
        };
        let values = self
            .args
            .get(start + 1..start + 1 + count)
            .unwrap_or(&[])
            .to_vec();
        self.take_action(index, values)?;
        Ok(start + 1 + count)
    }

    /// `consume_positionals`; returns the index after what it consumed.
    fn consume_positionals(&mut self, start: usize) -> Result<usize, ArgError> {
        let rest = self.pattern.get(start..).unwrap_or(&[]);
        let nargs: Vec<Nargs<'_>> = self
            .positionals
            .iter()
            .filter_map(|&i| self.parser.specs.get(i))
            .map(|s| s.nargs)
            .collect();
        let counts = match_arguments_partial(&nargs, rest);
        let mut index = start;
        let taken: Vec<usize> = self
            .positionals
            .iter()
            .copied()
            .take(counts.len())
            .collect();
        for (spec_index, count) in taken.iter().zip(&counts) {
            let values = self.args.get(index..index + count).unwrap_or(&[]).to_vec();
            index += count;
            self.take_action(*spec_index, values)?;
            if self.parsed.version_requested {
                break;
            }
        }
        self.positionals
            .drain(..counts.len().min(self.positionals.len()));
        Ok(index)
    }

    /// `take_action` + `_get_values` + `_get_value` + `_check_value`.
    fn take_action(&mut self, index: usize, mut values: Vec<String>) -> Result<(), ArgError> {
        let spec = self.parser.spec(index)?;
        if let Some(pos) = values.iter().position(|v| v == "--") {
            values.remove(pos);
        }
        let value = match spec.nargs {
            Nargs::Flag => ArgValue::Flag,
            Nargs::Version => {
                self.parsed.occurrences.push((index, ArgValue::Flag));
                self.parsed.version_requested = true;
                return Ok(());
            }
            Nargs::Optional(constant) if values.is_empty() => {
                // Options get the const, positionals the default (None).
                match constant.filter(|_| !spec.positional) {
                    Some(c) => {
                        check_type(spec, c)?;
                        check_choice(spec, c)?;
                        ArgValue::One(c.to_string())
                    }
                    None => ArgValue::None,
                }
            }
            Nargs::ZeroOrMore if values.is_empty() && spec.positional => {
                if !spec.choices.is_empty() {
                    // `[] not in choices`
                    return Err(ArgError::argument(
                        spec,
                        invalid_choice_message("[]", "[]", spec.choices),
                    ));
                }
                ArgValue::Many(Vec::new())
            }
            Nargs::One | Nargs::Optional(_) if values.len() == 1 => {
                let v = values.pop().unwrap_or_default();
                check_type(spec, &v)?;
                check_choice(spec, &v)?;
                ArgValue::One(v)
            }
            _ => {
                // All converted first, then all checked.
                for v in &values {
                    check_type(spec, v)?;
                }
                for v in &values {
                    check_choice(spec, v)?;
                }
                ArgValue::Many(values)
            }
        };
        self.parsed.occurrences.push((index, value));
        Ok(())
    }
}

/// `_get_value`: the `type=` conversion, kept only as a check.
fn check_type(spec: &OptSpec<'_>, value: &str) -> Result<(), ArgError> {
    let (ok, name) = match spec.value_type {
        ValueType::Str => return Ok(()),
        ValueType::Int => (py_int(value).is_ok(), "int"),
        ValueType::Float => (py_float(value).is_ok(), "float"),
    };
    if ok {
        Ok(())
    } else {
        Err(ArgError::argument(
            spec,
            format!("invalid {name} value: {}", py_repr(value)),
        ))
    }
}

/// `CLIArgParser._check_value`.
fn check_choice(spec: &OptSpec<'_>, value: &str) -> Result<(), ArgError> {
    if spec.choices.is_empty() || spec.choices.contains(&value) {
        return Ok(());
    }
    Err(ArgError::argument(
        spec,
        invalid_choice_message(value, &py_repr(value), spec.choices),
    ))
}

/// aws-cli's invalid-choice text: the choices two to a line, each padded to
/// 40 columns, then difflib's close matches (cutoff 0.8) if any.
fn invalid_choice_message(value: &str, value_repr: &str, choices: &[&str]) -> String {
    let mut msg = vec!["Invalid choice, valid choices are:\n".to_string()];
    for pair in choices.chunks(2) {
        let line: Vec<String> = pair.iter().map(|c| pad40(c)).collect();
        msg.push(line.join(" | "));
    }
    let possible = get_close_matches(value, choices, 3, 0.8);
    if !possible.is_empty() {
        msg.push(format!(
            "\n\nInvalid choice: {value_repr}, maybe you meant:\n"
        ));
        for word in possible {
            msg.push(format!("  * {word}"));
        }
    }
    msg.join("\n")
}

/// `'%-40s' % s`.
fn pad40(s: &str) -> String {
    let width = s.chars().count();
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', 40usize.saturating_sub(width)));
    out
}

/// argparse's `_negative_number_matcher`: `^-\d+$|^-\d*\.\d+$`, where `\d`
/// is any Unicode decimal digit and `$` also matches before a final newline.
fn looks_like_negative_number(arg: &str) -> bool {
    let Some(body) = arg.strip_prefix('-') else {
        return false;
    };
    let body = body.strip_suffix('\n').unwrap_or(body);
    let digits = |s: &str| s.chars().all(|c| py_decimal(c).is_some());
    match body.split_once('.') {
        None => !body.is_empty() && digits(body),
        Some((int, frac)) => digits(int) && !frac.is_empty() && digits(frac),
    }
}

/// `_match_arguments_partial`: as many positionals as possible, greedily,
/// with the backtracking of Python's regex over the `'AO-'` pattern.
fn match_arguments_partial(nargs: &[Nargs<'_>], pattern: &[u8]) -> Vec<usize> {
    for n in (1..=nargs.len()).rev() {
        let mut counts = Vec::with_capacity(n);
        if match_sequence(nargs.get(..n).unwrap_or(&[]), pattern, 0, &mut counts) {
            return counts;
        }
    }
    Vec::new()
}

fn match_sequence(
    nargs: &[Nargs<'_>],
    pattern: &[u8],
    pos: usize,
    counts: &mut Vec<usize>,
) -> bool {
    let Some((first, rest)) = nargs.split_first() else {
        return true;
    };
    for len in group_lengths(*first, pattern, pos) {
        counts.push(len);
        if match_sequence(rest, pattern, pos + len, counts) {
            return true;
        }
        counts.pop();
    }
    false
}

/// The lengths a positional's nargs pattern (`_get_nargs_pattern`, `-`
/// allowed) can match at `pos`, in the order a greedy regex tries them.
fn group_lengths(nargs: Nargs<'_>, pattern: &[u8], pos: usize) -> Vec<usize> {
    let at = |i: usize| pattern.get(pos + i).copied();
    let run = |from: usize, ok: &dyn Fn(u8) -> bool| {
        let mut n = 0;
        while at(from + n).is_some_and(ok) {
            n += 1;
        }
        n
    };
    let dashes = run(0, &|c| c == b'-');
    let a_or_dash = run(0, &|c| c == b'A' || c == b'-');
    match nargs {
        // (-*A-*)
        Nargs::One => {
            if at(dashes) != Some(b'A') {
                return Vec::new();
            }
            let trailing = run(dashes + 1, &|c| c == b'-');
            (dashes + 1..=dashes + 1 + trailing).rev().collect()
        }
        // (-*A?-*)
        Nargs::Optional(_) => {
            let mut lens = Vec::new();
            if at(dashes) == Some(b'A') {
                let trailing = run(dashes + 1, &|c| c == b'-');
                lens.extend((dashes + 1..=dashes + 1 + trailing).rev());
            }
            lens.extend((0..=dashes).rev());
            lens
        }
        // (-*[A-]*)
        Nargs::ZeroOrMore => (0..=a_or_dash).rev().collect(),
        // (-*A[A-]*)
        Nargs::OneOrMore => {
            if at(dashes) != Some(b'A') {
                return Vec::new();
            }
            (dashes + 1..=a_or_dash).rev().collect()
        }
        // nargs=0: (-*-*)
        Nargs::Flag | Nargs::Version => (0..=dashes).rev().collect(),
    }
}

// ---------------------------------------------------------------------------
// difflib.get_close_matches (Python 3.6), on code points.

/// `difflib.get_close_matches(word, possibilities, n, cutoff)`.
pub fn get_close_matches<'c>(
    word: &str,
    possibilities: &[&'c str],
    n: usize,
    cutoff: f64,
) -> Vec<&'c str> {
    let b: Vec<char> = word.chars().collect();
    let b2j = build_b2j(&b);
    let mut scored: Vec<(f64, &'c str)> = Vec::new();
    for &x in possibilities {
        let a: Vec<char> = x.chars().collect();
        let r = ratio(&a, &b, &b2j);
        if r >= cutoff {
            scored.push((r, x));
        }
    }
    // heapq.nlargest on (score, word): score, then word, descending.
    scored.sort_by(|p, q| q.0.total_cmp(&p.0).then_with(|| q.1.cmp(p.1)));
    scored.into_iter().take(n).map(|(_, x)| x).collect()
}

/// `SequenceMatcher.__chain_b` with `autojunk=True` and no junk function:
/// for each element of `b` its indices, minus "popular" elements when `b`
/// has 200 or more.
fn build_b2j(b: &[char]) -> Vec<(char, Vec<usize>)> {
    let mut b2j: Vec<(char, Vec<usize>)> = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        match b2j.iter_mut().find(|(k, _)| *k == c) {
            Some((_, v)) => v.push(i),
            None => b2j.push((c, vec![i])),
        }
    }
    if b.len() >= 200 {
        let ntest = b.len() / 100 + 1;
        b2j.retain(|(_, idxs)| idxs.len() <= ntest);
    }
    b2j
}

/// `SequenceMatcher(None, a, b).ratio()`.
fn ratio(a: &[char], b: &[char], b2j: &[(char, Vec<usize>)]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    let mut matches = 0usize;
    let mut queue = vec![(0usize, a.len(), 0usize, b.len())];
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = find_longest_match(a, b, b2j, alo, ahi, blo, bhi);
        if k > 0 {
            matches += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    2.0 * matches as f64 / total as f64
}

/// `SequenceMatcher.find_longest_match` (no junk, so only the non-junk
/// extension of the best match applies).
fn find_longest_match(
    a: &[char],
    b: &[char],
    b2j: &[(char, Vec<usize>)],
    alo: usize,
    ahi: usize,
    blo: usize,
    bhi: usize,
) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
    let mut j2len: Vec<(usize, usize)> = Vec::new();
    for i in alo..ahi {
        let mut newj2len: Vec<(usize, usize)> = Vec::new();
        let Some(c) = a.get(i) else { break };
        if let Some((_, js)) = b2j.iter().find(|(k, _)| k == c) {
            for &j in js {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let prev = if j == 0 {
                    0
                } else {
                    j2len
                        .iter()
                        .find(|(jj, _)| *jj == j - 1)
                        .map_or(0, |(_, l)| *l)
                };
                let k = prev + 1;
                newj2len.push((j, k));
                if k > bestsize {
                    besti = i + 1 - k;
                    bestj = j + 1 - k;
                    bestsize = k;
                }
            }
        }
        j2len = newj2len;
    }
    while besti > alo && bestj > blo && a.get(besti - 1) == b.get(bestj - 1) {
        besti -= 1;
        bestj -= 1;
        bestsize += 1;
    }
    while besti + bestsize < ahi
        && bestj + bestsize < bhi
        && a.get(besti + bestsize) == b.get(bestj + bestsize)
    {
        bestsize += 1;
    }
    (besti, bestj, bestsize)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected texts come from the reference aws-cli (`aws-cli-reference`,
    // stderr and exit status captured byte for byte) where the case can be
    // reached from its command line; the rest from Python 3.6 argparse
    // driving `awscli.argparser.CLIArgParser` with the same specs (a
    // differential run of ~30,000 random command lines agreed fully).

    const USAGE_BLOCK: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

    const SERVICES: &[&str] = &["ec2", "emr", "s3", "help"];

    /// `MainArgParser` as aws-cli builds it from cli.json (`--version`
    /// re-added last by `conflict_handler='resolve'`).
    fn main_specs() -> Vec<OptSpec<'static>> {
        vec![
            OptSpec::option("debug").nargs(Nargs::Flag),
            OptSpec::option("endpoint-url"),
            OptSpec::option("no-verify-ssl").nargs(Nargs::Flag),
            OptSpec::option("no-paginate").nargs(Nargs::Flag),
            OptSpec::option("output").choices(&["json", "text", "table"]),
            OptSpec::option("query"),
            OptSpec::option("profile"),
            OptSpec::option("region"),
            OptSpec::option("version").nargs(Nargs::Version),
            OptSpec::option("color").choices(&["on", "off", "auto"]),
            OptSpec::option("no-sign-request").nargs(Nargs::Flag),
            OptSpec::option("ca-bundle"),
            OptSpec::option("cli-read-timeout"),
            OptSpec::option("cli-connect-timeout"),
            OptSpec::option("version").nargs(Nargs::Version),
            OptSpec::positional("command").choices(SERVICES),
        ]
    }

    /// An `ArgTableArgParser` plus the `help` positional aws-cli adds.
    fn op_specs() -> Vec<OptSpec<'static>> {
        vec![
            OptSpec::option("cluster-id").required(true),
            OptSpec::option("step-ids").nargs(Nargs::ZeroOrMore),
            OptSpec::option("max-items").value_type(ValueType::Int),
            OptSpec::option("metric-value").value_type(ValueType::Float),
            OptSpec::option("visible").nargs(Nargs::Flag),
            OptSpec::option("no-visible").nargs(Nargs::Flag),
            OptSpec::option("cli-input-json"),
            OptSpec::option("generate-cli-skeleton")
                .nargs(Nargs::Optional(Some("input")))
                .choices(&["input", "output"]),
            OptSpec::positional("help").nargs(Nargs::Optional(None)),
        ]
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn parse(specs: &[OptSpec<'_>], list: &[&str]) -> Result<Parsed, ArgError> {
        parse_known_args(specs, &args(list))
    }

    fn error(specs: &[OptSpec<'_>], list: &[&str]) -> String {
        parse(specs, list).unwrap_err().message
    }

    fn one(s: &str) -> ArgValue {
        ArgValue::One(s.to_string())
    }

    fn index(specs: &[OptSpec<'_>], name: &str) -> usize {
        specs.iter().position(|s| s.name == name).unwrap()
    }

    #[test]
    fn full_stderr_for_an_invalid_choice() {
        // aws emr cancel-steps --cluster-id j --step-ids a --generate-cli-skeleton bogus
        // → exit 2, stderr:
        let e = parse(
            &op_specs(),
            &["--cluster-id", "j", "--generate-cli-skeleton", "bogus"],
        )
        .unwrap_err();
        let expected = format!(
            "{USAGE_BLOCK}aws: error: argument --generate-cli-skeleton: Invalid choice, valid choices are:\n\ninput                                    | output                                  \n"
        );
        assert_eq!(e.stderr_text("aws"), expected);
        assert_eq!(ArgError::EXIT_CODE, 2);
        // Our binary is awsr: every `aws` of the usage block becomes `awsr`.
        assert_eq!(e.stderr_text("awsr"), expected.replace("aws", "awsr"));
        assert!(e
            .stderr_text("awsr")
            .starts_with("usage: awsr [options] <command>"));
        assert!(e
            .stderr_text("awsr")
            .contains("\n  awsr <command> <subcommand> help\nawsr: error: "));
    }

    #[test]
    fn invalid_choice_with_suggestions() {
        // aws emr cancel-steps ... --generate-cli-skeleton=outpt
        assert_eq!(
            error(&op_specs(), &["--cluster-id", "j", "--generate-cli-skeleton=outpt"]),
            "argument --generate-cli-skeleton: Invalid choice, valid choices are:\n\ninput                                    | output                                  \n\n\nInvalid choice: 'outpt', maybe you meant:\n\n  * output"
        );
        // aws emr cancel-steps ... --output jsn (odd number of choices)
        assert_eq!(
            error(&main_specs(), &["emr", "cancel-steps", "--output", "jsn"]),
            "argument --output: Invalid choice, valid choices are:\n\njson                                     | text                                    \ntable                                   \n\n\nInvalid choice: 'jsn', maybe you meant:\n\n  * json"
        );
        // aws emr describe-ste: the operation positional of ServiceArgParser.
        const EMR: &[&str] = &[
            "add-instance-fleet",
            "add-instance-groups",
            "add-tags",
            "cancel-steps",
            "create-security-configuration",
            "delete-security-configuration",
            "describe-cluster",
            "describe-security-configuration",
            "describe-step",
            "list-clusters",
            "list-instance-fleets",
            "list-instances",
            "list-security-configurations",
            "list-steps",
            "modify-instance-fleet",
            "modify-instance-groups",
            "put-auto-scaling-policy",
            "remove-auto-scaling-policy",
            "remove-tags",
            "terminate-clusters",
            "modify-cluster-attributes",
            "install-applications",
            "create-cluster",
            "add-steps",
            "restore-from-hbase-backup",
            "create-hbase-backup",
            "schedule-hbase-backup",
            "disable-hbase-backups",
            "create-default-roles",
            "ssh",
            "socks",
            "get",
            "put",
            "wait",
            "help",
        ];
        let specs = [OptSpec::positional("operation").choices(EMR)];
        let e = parse(&specs, &["describe-ste", "--cluster-id", "x"]).unwrap_err();
        assert_eq!(
            e.stderr_text("aws"),
            "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\naws: error: argument operation: Invalid choice, valid choices are:\n\nadd-instance-fleet                       | add-instance-groups                     \nadd-tags                                 | cancel-steps                            \ncreate-security-configuration            | delete-security-configuration           \ndescribe-cluster                         | describe-security-configuration         \ndescribe-step                            | list-clusters                           \nlist-instance-fleets                     | list-instances                          \nlist-security-configurations             | list-steps                              \nmodify-instance-fleet                    | modify-instance-groups                  \nput-auto-scaling-policy                  | remove-auto-scaling-policy              \nremove-tags                              | terminate-clusters                      \nmodify-cluster-attributes                | install-applications                    \ncreate-cluster                           | add-steps                               \nrestore-from-hbase-backup                | create-hbase-backup                     \nschedule-hbase-backup                    | disable-hbase-backups                   \ncreate-default-roles                     | ssh                                     \nsocks                                    | get                                     \nput                                      | wait                                    \nhelp                                    \n\n\nInvalid choice: 'describe-ste', maybe you meant:\n\n  * describe-step\n  * describe-cluster\n"
        );
        // aws emr bogus: no suggestion part.
        assert!(error(&specs, &["bogus"]).ends_with(
            "| wait                                    \nhelp                                    "
        ));
        // The value is shown with Python's repr.
        assert!(error(
            &op_specs(),
            &["--cluster-id", "j", "--generate-cli-skeleton", "it's"]
        )
        .contains("| output                                  "));
    }

    #[test]
    fn close_matches_are_difflib() {
        let choices = ["describe-step", "describe-cluster", "list-steps", "help"];
        assert_eq!(
            get_close_matches("describe-ste", &choices, 3, 0.8),
            ["describe-step", "describe-cluster"]
        );
        assert_eq!(get_close_matches("hlp", &choices, 3, 0.8), ["help"]);
        assert_eq!(
            get_close_matches("xyz", &choices, 3, 0.8),
            Vec::<&str>::new()
        );
        assert_eq!(get_close_matches("hepl", &choices, 3, 0.6), ["help"]);
        // Ties are ordered by the word, descending (heapq.nlargest on tuples).
        assert_eq!(
            get_close_matches("ab", &["ax", "ay", "az", "aw"], 3, 0.5),
            ["az", "ay", "ax"]
        );
        assert_eq!(get_close_matches("", &["a"], 3, 0.0), ["a"]);
    }

    #[test]
    fn ambiguous_prefixes() {
        // aws emr describe-step --c j-1 → exit 2, raised before anything else.
        assert_eq!(
            error(&main_specs(), &["emr", "describe-step", "--c", "j-1"]),
            "ambiguous option: --c could match --color, --ca-bundle, --cli-read-timeout, --cli-connect-timeout"
        );
        assert_eq!(
            error(&main_specs(), &["--output", "bad", "--c"]),
            "ambiguous option: --c could match --color, --ca-bundle, --cli-read-timeout, --cli-connect-timeout"
        );
        assert_eq!(
            error(&main_specs(), &["--cli=3"]),
            "ambiguous option: --cli=3 could match --cli-read-timeout, --cli-connect-timeout"
        );
        // A unique prefix is that option, with `=` too.
        let specs = main_specs();
        let p = parse(&specs, &["--out", "text", "--col=on", "emr"]).unwrap();
        assert_eq!(p.value(index(&specs, "output")), Some(&one("text")));
        assert_eq!(p.value(index(&specs, "color")), Some(&one("on")));
        // `aws --ver` prints the version (exit 0).
        assert!(parse(&specs, &["--ver"]).unwrap().version_requested);
    }

    #[test]
    fn values_and_unknowns_in_order() {
        let specs = main_specs();
        let p = parse(
            &specs,
            &[
                "emr",
                "describe-step",
                "--cluster-id",
                "j-1",
                "--region",
                "eu-west-1",
                "--debug",
                "x",
            ],
        )
        .unwrap();
        assert_eq!(p.value(index(&specs, "command")), Some(&one("emr")));
        assert_eq!(p.value(index(&specs, "region")), Some(&one("eu-west-1")));
        assert_eq!(p.value(index(&specs, "debug")), Some(&ArgValue::Flag));
        assert_eq!(
            p.unknown,
            args(&["describe-step", "--cluster-id", "j-1", "x"])
        );
        assert!(!p.version_requested);

        // `aws emr describe-step --cluster-id j-1 --step-id x --bogus a b`
        // ends in `Unknown options: --bogus, b, a` (exit 255): the help
        // positional takes `a`, which aws-cli appends last.
        let specs = op_specs();
        let p = parse(&specs, &["--cluster-id", "j-1", "--bogus", "a", "b"]).unwrap();
        assert_eq!(p.unknown, args(&["--bogus", "b"]));
        assert_eq!(p.value(index(&specs, "help")), Some(&one("a")));
        let mut unknown = p.unknown.clone();
        unknown.push("a".into());
        assert_eq!(
            unknown_options_text("aws", &unknown),
            format!("{USAGE_BLOCK}\nUnknown options: --bogus, b, a\n")
        );
        assert_eq!(UNKNOWN_OPTIONS_EXIT_CODE, 255);
        // `... --generate-cli-skeleton output extra1 extra2 --zzz` →
        // `Unknown options: extra2, --zzz, extra1`.
        let p = parse(
            &specs,
            &[
                "--cluster-id",
                "j",
                "--generate-cli-skeleton",
                "output",
                "extra1",
                "extra2",
                "--zzz",
            ],
        )
        .unwrap();
        assert_eq!(p.unknown, args(&["extra2", "--zzz"]));
        assert_eq!(p.value(index(&specs, "help")), Some(&one("extra1")));
        assert_eq!(
            p.value(index(&specs, "generate-cli-skeleton")),
            Some(&one("output"))
        );
        // An unknown `--x=y` goes through whole.
        let p = parse(&specs, &["--cluster-id", "j", "--zzz=1"]).unwrap();
        assert_eq!(p.unknown, args(&["--zzz=1"]));
        assert_eq!(p.value(index(&specs, "help")), Some(&ArgValue::None));
    }

    #[test]
    fn option_values() {
        let specs = op_specs();
        let (cluster, steps, skeleton, visible, no_visible) = (
            index(&specs, "cluster-id"),
            index(&specs, "step-ids"),
            index(&specs, "generate-cli-skeleton"),
            index(&specs, "visible"),
            index(&specs, "no-visible"),
        );
        let p = parse(
            &specs,
            &[
                "--step-ids",
                "a",
                "b",
                "--cluster-id=j-1",
                "--no-visible",
                "--generate-cli-skeleton",
                "--visible",
            ],
        )
        .unwrap();
        assert_eq!(p.value(steps), Some(&ArgValue::Many(args(&["a", "b"]))));
        assert_eq!(p.value(cluster), Some(&one("j-1")));
        // `?` without a value: the const.
        assert_eq!(p.value(skeleton), Some(&one("input")));
        // Flags sharing a dest: the last one given wins.
        assert_eq!(
            p.last_of(&[visible, no_visible]),
            Some((visible, &ArgValue::Flag))
        );
        // Repeated options: last wins, all recorded.
        let p = parse(
            &specs,
            &["--cluster-id", "a", "--cluster-id", "b", "--step-ids"],
        )
        .unwrap();
        assert_eq!(p.value(cluster), Some(&one("b")));
        assert_eq!(
            p.occurrences.iter().filter(|(i, _)| *i == cluster).count(),
            2
        );
        assert_eq!(p.value(steps), Some(&ArgValue::Many(Vec::new())));
        assert!(p.seen(steps));
        // Negative numbers and strings with spaces are values; other
        // dash-strings end the values (and are unknown options).
        let p = parse(
            &specs,
            &[
                "--cluster-id",
                "j",
                "--step-ids",
                "-5",
                "-.5",
                "-1\n",
                "- x",
                "-٣",
                "-x",
                "y",
            ],
        )
        .unwrap();
        assert_eq!(
            p.value(steps),
            Some(&ArgValue::Many(args(&["-5", "-.5", "-1\n", "- x", "-٣"])))
        );
        assert_eq!(p.unknown, args(&["-x"]));
        assert_eq!(p.value(index(&specs, "help")), Some(&one("y")));
        // `--opt=-x` and `--opt=` give the value as typed.
        let p = parse(&specs, &["--cluster-id=-x", "--cli-input-json="]).unwrap();
        assert_eq!(p.value(cluster), Some(&one("-x")));
        assert_eq!(p.value(index(&specs, "cli-input-json")), Some(&one("")));
        // `--` ends the options; the help positional takes what follows.
        let p = parse(&specs, &["--cluster-id", "j", "--", "--step-ids"]).unwrap();
        assert_eq!(p.value(index(&specs, "help")), Some(&one("--step-ids")));
        assert!(p.unknown.is_empty());
        // A lone `-` is a value.
        let p = parse(&specs, &["--cluster-id", "-"]).unwrap();
        assert_eq!(p.value(cluster), Some(&one("-")));
    }

    #[test]
    fn argparse_errors() {
        let specs = op_specs();
        // aws emr cancel-steps --cluster-id -x → exit 2
        assert_eq!(
            error(&specs, &["--cluster-id", "-x"]),
            "argument --cluster-id: expected one argument"
        );
        assert_eq!(
            error(&specs, &["--cluster-id"]),
            "argument --cluster-id: expected one argument"
        );
        assert_eq!(
            error(&specs, &["--cluster-id", "--", "x"]),
            "argument --cluster-id: expected one argument"
        );
        // aws appstream create-streaming-url ... --validity abc
        assert_eq!(
            error(&specs, &["--cluster-id", "j", "--max-items", "abc"]),
            "argument --max-items: invalid int value: 'abc'"
        );
        // aws autoscaling execute-policy --policy-name x --metric-value abc
        assert_eq!(
            error(&specs, &["--cluster-id", "j", "--metric-value", "abc"]),
            "argument --metric-value: invalid float value: 'abc'"
        );
        // What Python's int()/float() accept passes (the string is kept).
        let p = parse(
            &specs,
            &[
                "--cluster-id",
                "j",
                "--max-items",
                " 1_0 ",
                "--metric-value",
                "nan",
            ],
        )
        .unwrap();
        assert_eq!(p.value(index(&specs, "max-items")), Some(&one(" 1_0 ")));
        // aws --version=x
        assert_eq!(
            error(&main_specs(), &["--output=json", "--version=x"]),
            "argument --version: ignored explicit argument 'x'"
        );
        assert_eq!(
            error(&specs, &["--visible=1"]),
            "argument --visible: ignored explicit argument '1'"
        );
        // `aws` alone; a missing required option.
        assert_eq!(
            error(&main_specs(), &[]),
            "the following arguments are required: command"
        );
        assert_eq!(
            error(&main_specs(), &["--debug"]),
            "the following arguments are required: command"
        );
        assert_eq!(
            error(&specs, &["--step-ids", "a"]),
            "the following arguments are required: --cluster-id"
        );
        let plus = [
            OptSpec::option("a").nargs(Nargs::OneOrMore),
            OptSpec::option("b").required(true),
        ];
        assert_eq!(
            error(&plus, &["--a"]),
            "argument --a: expected at least one argument"
        );
        assert_eq!(
            error(&plus, &["--b", "x", "--a", "--b"]),
            "argument --a: expected at least one argument"
        );
        // All values are converted before any is checked against the choices.
        let typed = [OptSpec::option("k")
            .nargs(Nargs::ZeroOrMore)
            .value_type(ValueType::Int)
            .choices(&["1", "2"])];
        assert_eq!(
            error(&typed, &["--k", "3", "x"]),
            "argument --k: invalid int value: 'x'"
        );
        assert!(error(&typed, &["--k", "3", "1"])
            .starts_with("argument --k: Invalid choice, valid choices are:\n\n1    "));
    }

    #[test]
    fn version_stops_the_parse() {
        // `aws --version --output bad` prints the version, exit 0;
        // `aws --output bad --version` fails on --output first.
        let specs = main_specs();
        let p = parse(&specs, &["--version", "--output", "bad"]).unwrap();
        assert!(p.version_requested);
        assert!(error(&specs, &["--output", "bad", "--version"])
            .starts_with("argument --output: Invalid choice"));
        // The required `command` is never checked.
        assert!(parse(&specs, &["--version"]).unwrap().version_requested);
    }

    #[test]
    fn positionals_match_greedily() {
        let specs = [
            OptSpec::option("x"),
            OptSpec::positional("first"),
            OptSpec::positional("rest").nargs(Nargs::ZeroOrMore),
            OptSpec::positional("opt").nargs(Nargs::Optional(None)),
            OptSpec::positional("plus").nargs(Nargs::OneOrMore),
        ];
        let p = parse(&specs, &["a", "b", "c", "d"]).unwrap();
        assert_eq!(p.value(1), Some(&one("a")));
        assert_eq!(p.value(2), Some(&ArgValue::Many(args(&["b", "c"]))));
        assert_eq!(p.value(3), Some(&ArgValue::None));
        assert_eq!(p.value(4), Some(&ArgValue::Many(args(&["d"]))));
        // Positionals before an option are matched as far as they can be;
        // the `+` one is then missing.
        assert_eq!(
            error(&specs, &["a", "--x", "1"]),
            "the following arguments are required: plus"
        );
        assert_eq!(
            error(&specs, &[]),
            "the following arguments are required: first, rest, plus"
        );
        // Python: Namespace(first='a', opt=None, plus=['--x=--'], rest=['-b'])
        let p = parse(&specs, &["a", "--", "-b", "--x=--"]).unwrap();
        assert_eq!(p.value(2), Some(&ArgValue::Many(args(&["-b"]))));
        assert_eq!(p.value(4), Some(&ArgValue::Many(args(&["--x=--"]))));
    }

    #[test]
    fn later_specs_replace_earlier_ones() {
        let specs = [
            OptSpec::option("a").required(true),
            OptSpec::option("a").nargs(Nargs::Flag),
        ];
        let p = parse(&specs, &["--a"]).unwrap();
        assert_eq!(p.occurrences, vec![(1, ArgValue::Flag)]);
        assert!(parse(&specs, &[]).is_ok());
    }

    #[test]
    fn never_panics() {
        let specs = op_specs();
        let pieces = [
            "--",
            "-",
            "--c",
            "--cluster-id",
            "--cluster-id=",
            "=",
            "-5",
            "a b",
            "x",
            "--generate-cli-skeleton",
            "--step-ids",
            "é",
            "--=",
            "---",
            "",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let _ = parse(&specs, &[a, b, c]);
                    let _ = parse(&main_specs(), &[a, b, c]);
                }
            }
        }
    }
}
