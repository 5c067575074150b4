// Ported from aws-cli 1.14.28 (awscli/clidriver.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! The command line, as aws-cli's `CLIDriver` runs it: the main parser takes
//! the global options and the service, the service parser the operation, the
//! operation parser the operation's options; then parameters are built,
//! `--cli-input-json` merged, and the call validated and made (or a skeleton
//! printed). Every step reports aws-cli's error text and exit code.

use super::argparse::{self, ArgValue, Nargs, OptSpec};
use super::argvalue::{self, RawValue};
use super::call::{self, CallOptions};
use super::error::CliError;
use super::model::{Arg, ArgType, CustomAction, Operation, Service, Waiter};
use super::options::{self, global_index, CliOption, Global, Paging, Source};
use super::paginate::{self, PageOptions};
use super::paramfile::{self, ParamFileValue};
use super::validate::Provenance;
use super::waiter::{self, Polled};
use super::{help, output, pyjson};
use serde_json::{Map, Value};
use std::ffi::OsString;
use std::io::Write;
use std::time::Duration;

/// The program name used in usage and error texts.
pub const PROG: &str = "awsr";

/// The stack awsr runs on. Deep but valid data (a response nested up to
/// [`crate::limits::MAX_JSON_DEPTH`] levels, the `--query` and output
/// walks over it, a long chain of credential providers) is handled by code
/// that recurses once per level; 8 MiB of main-thread stack is not enough
/// for that in every build. This is address space reserved, not memory
/// used: only the pages a deep walk touches are ever committed.
pub const STACK_SIZE: usize = 1 << 30;

/// Runs `awsr args...` and returns the exit code; all output is written here.
pub fn run(args: Vec<OsString>, services: &[&Service]) -> i32 {
    run_with_unsupported(args, services, &[])
}

/// [`run`], naming the services the model knows but whose protocol awsr
/// does not speak yet (`(command name, protocol)`), so that `awsr s3 ...`
/// says so instead of only "Invalid choice".
pub fn run_with_unsupported(
    args: Vec<OsString>,
    services: &[&Service],
    unsupported: &[(&str, &str)],
) -> i32 {
    run_build(
        args,
        services,
        &Absent {
            unsupported,
            not_built: &[],
            hand_written: &[],
        },
    )
}

/// The services a command may name that this binary cannot run: known to
/// the model, but not offered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Absent<'a> {
    /// Services whose protocol awsr does not speak yet: `(command name, protocol)`.
    pub unsupported: &'a [(&'a str, &'a str)],
    /// Services generated but left out of this build (their cargo feature off).
    pub not_built: &'a [&'a str],
    /// aws-cli's hand-written top-level commands (`s3`, `configure`).
    pub hand_written: &'a [&'a str],
}

/// [`run`] for a binary built with some of the services: `absent` names the
/// others, so that `awsr dynamodb ...` in an EMR-only build says why.
pub fn run_build(args: Vec<OsString>, services: &[&Service], absent: &Absent<'_>) -> i32 {
    let fallback = args.clone();
    let ran = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("awsr".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || run_here(args, services, absent))
            .map(|handle| handle.join().unwrap_or(255))
    });
    // No such thread to be had (a tight `ulimit -v`): run here, on the
    // stack there is, rather than not at all.
    ran.unwrap_or_else(|_| run_here(fallback, services, absent))
}

fn run_here(args: Vec<OsString>, services: &[&Service], absent: &Absent<'_>) -> i32 {
    let args = match utf8_args(args) {
        Ok(args) => args,
        Err(e) => return report(&e),
    };
    match dispatch(&args, services, absent) {
        Ok(()) => 0,
        Err(e) => report(&e),
    }
}

fn report(error: &CliError) -> i32 {
    let _ = std::io::stderr().write_all(error.stderr().as_bytes());
    error.exit_code()
}

/// Arguments must be text: aws-cli would decode them with the locale; we
/// name the argument instead of guessing an encoding.
fn utf8_args(args: Vec<OsString>) -> Result<Vec<String>, CliError> {
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            arg.into_string().map_err(|raw| {
                CliError::Other(format!(
                    "argument {} is not valid UTF-8: {}",
                    i + 1,
                    raw.to_string_lossy()
                ))
            })
        })
        .collect()
}

fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    // A pipe closed by its reader (`awsr ... | head`) ends the command as
    // it ends aws-cli: `[Errno 32] Broken pipe` and exit status 255.
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Other("[Errno 32] Broken pipe".into()))
        }
        Err(e) => Err(CliError::Other(e.to_string())),
        Ok(()) => Ok(()),
    }
}

fn dispatch(args: &[String], services: &[&Service], absent: &Absent<'_>) -> Result<(), CliError> {
    // The main parser: global options anywhere, then the command.
    let commands = options::top_level_commands(services);
    let mut main_specs: Vec<OptSpec<'_>> = options::GLOBAL_OPTIONS
        .iter()
        .map(|option| option.spec(false))
        .collect();
    main_specs.push(OptSpec::positional("command").choices(&commands));
    let parsed = argparse::parse_known_args(&main_specs, args)
        .map_err(|e| not_offered(args, &commands, absent).unwrap_or(usage_error(e)))?;
    if parsed.version_requested {
        return write_stdout(&format!(
            "{PROG}/{} (aws-cli/1.14.28 compatible)\n",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let globals = Globals::from_parsed(&parsed)?;
    // aws-cli compiles --query as soon as the global options are parsed, so
    // a bad expression is reported before anything else is checked.
    if let Some(query) = &globals.query {
        super::format::Query::compile(query).map_err(|e| CliError::Raw {
            stderr: e.stderr().to_string(),
            code: e.exit_code(),
        })?;
    }
    let command = one(parsed.value(options::GLOBAL_OPTIONS.len())).unwrap_or_default();
    let remaining = parsed.unknown;
    if command == "help" {
        return show_help(&top_level_page(services), "awsr");
    }
    let service = services
        .iter()
        .copied()
        .find(|s| s.cli_name == command)
        .ok_or_else(|| CliError::Usage(format!("argument command: Invalid choice: '{command}'")))?;

    // The service parser: the operation.
    let operations = options::service_commands(service);
    let service_specs = [OptSpec::positional("operation").choices(&operations)];
    let parsed = argparse::parse_known_args(&service_specs, &remaining).map_err(usage_error)?;
    let op_name = one(parsed.value(0)).unwrap_or_default();
    if op_name == "help" {
        return show_help(service.help_rst, service.cli_name);
    }
    if op_name == "wait" && !service.waiters.is_empty() {
        return run_waiter(service, &parsed.unknown, &globals);
    }
    let operation = service.operation(&op_name).ok_or_else(|| {
        CliError::Usage(format!("argument operation: Invalid choice: '{op_name}'"))
    })?;
    run_operation(service, operation, &parsed.unknown, &globals, None)
}

/// `awsr <service> wait <waiter> [options]`: the waiter's operation's
/// options, then polling instead of one call.
fn run_waiter(service: &Service, args: &[String], globals: &Globals) -> Result<(), CliError> {
    if args.is_empty() {
        // aws-cli's waiter command raises its own, shorter usage as an
        // error, which the main loop prints as any other: a blank line
        // first, exit code 255 (recorded: differential wait/*).
        return Err(CliError::Other(format!(
            "usage: {PROG} [options] <command> <subcommand> [parameters]\n{PROG}: error: too few arguments"
        )));
    }
    let names = options::waiter_commands(service);
    let specs = [OptSpec::positional("subcommand").choices(&names)];
    let parsed = argparse::parse_known_args(&specs, args).map_err(usage_error)?;
    let name = one(parsed.value(0)).unwrap_or_default();
    let waiter = service
        .waiters
        .iter()
        .find(|w| w.cli_name == name)
        .ok_or_else(|| CliError::Usage(format!("argument subcommand: Invalid choice: '{name}'")))?;
    run_operation(
        service,
        waiter.operation,
        &parsed.unknown,
        globals,
        Some(waiter),
    )
}

/// The usage error for a service the model knows but this awsr cannot
/// call (its protocol not spoken yet, or left out of the build): the first
/// word that names such a service (before any supported command). The exit
/// code is aws-cli's for an unknown command.
fn not_offered(args: &[String], commands: &[&str], absent: &Absent<'_>) -> Option<CliError> {
    for arg in args {
        if commands.contains(&arg.as_str()) {
            return None;
        }
        if let Some((name, protocol)) = absent.unsupported.iter().find(|(name, _)| name == arg) {
            return Some(CliError::Usage(format!(
                "argument command: the {name} service is not supported yet: it speaks the \
                 {protocol} protocol, and awsr speaks json only (see `{PROG} help` for the \
                 services it supports)"
            )));
        }
        if let Some(name) = absent.hand_written.iter().find(|name| *name == arg) {
            return Some(CliError::Usage(format!(
                "argument command: `{name}` is one of aws-cli's hand-written commands, which \
                 awsr does not have; awsr has the commands generated from the service models \
                 (see `{PROG} help`)"
            )));
        }
        if let Some(name) = absent.not_built.iter().find(|name| *name == arg) {
            return Some(CliError::Usage(format!(
                "argument command: the {name} service is not in this build of awsr: it was \
                 built without the cargo feature `{name}` (see `{PROG} help` for the services \
                 it has)"
            )));
        }
    }
    None
}

fn usage_error(error: argparse::ArgError) -> CliError {
    CliError::Usage(error.message)
}

fn one(value: Option<&ArgValue>) -> Option<String> {
    match value {
        Some(ArgValue::One(s)) => Some(s.clone()),
        _ => None,
    }
}

/// The global options, as given on the command line (profile and
/// environment defaults are applied where they are used).
#[derive(Debug, Clone, Default)]
pub struct Globals {
    pub call: CallOptions,
    /// `--output`: json, text or table.
    pub output: Option<String>,
    /// `--query`: a JMESPath expression applied before formatting.
    pub query: Option<String>,
    /// `--color`: on, off or auto.
    pub color: Option<String>,
    /// `--debug`.
    pub debug: bool,
    /// `--no-paginate`.
    pub no_paginate: bool,
}

impl Globals {
    fn from_parsed(parsed: &argparse::Parsed) -> Result<Globals, CliError> {
        // globalargs.resolve_cli_*_timeout: int(value), whose ValueError is
        // aws-cli's plain error.
        let seconds = |index: usize| -> Result<Option<Duration>, CliError> {
            let Some(text) = one(parsed.value(index)) else {
                return Ok(None);
            };
            super::pycompat::number::int(&text).map_err(CliError::Other)?;
            Ok(text.trim().parse::<u64>().ok().map(Duration::from_secs))
        };
        Ok(Globals {
            call: CallOptions {
                region: one(parsed.value(global_index(Global::Region))),
                endpoint_url: one(parsed.value(global_index(Global::EndpointUrl))),
                verify_ssl: !parsed.seen(global_index(Global::NoVerifySsl)),
                connect_timeout: seconds(global_index(Global::CliConnectTimeout))?,
                read_timeout: seconds(global_index(Global::CliReadTimeout))?,
                profile: one(parsed.value(global_index(Global::Profile))),
                ca_bundle: one(parsed.value(global_index(Global::CaBundle))),
                sign_request: !parsed.seen(global_index(Global::NoSignRequest)),
                debug: parsed.seen(global_index(Global::Debug)),
            },
            output: one(parsed.value(global_index(Global::Output))),
            query: one(parsed.value(global_index(Global::Query))),
            color: one(parsed.value(global_index(Global::Color))),
            debug: parsed.seen(global_index(Global::Debug)),
            no_paginate: parsed.seen(global_index(Global::NoPaginate)),
        })
    }
}

/// The operation parser's specs (the option table's, then the `help`
/// positional) and where each option landed in them.
struct OperationSpecs<'a> {
    specs: Vec<OptSpec<'a>>,
    /// Per member option, in table order: its argument, its spec, and the
    /// `--no-` twin of a boolean.
    members: Vec<(&'a Arg, usize, Option<usize>)>,
    cli_input_json: usize,
    /// `--starting-token`, `--page-size`, `--max-items` of a paginated operation.
    paging: Option<PagingSpecs>,
    skeleton: usize,
    help: usize,
}

#[derive(Debug, Clone, Copy)]
struct PagingSpecs {
    starting_token: usize,
    page_size: Option<usize>,
    max_items: usize,
}

fn operation_specs<'a>(table: &'a [CliOption<'a>], args: &[String]) -> OperationSpecs<'a> {
    // `--cli-input-json` and `--generate-cli-skeleton` (unless `output`)
    // make required options optional, as aws-cli's OverrideRequiredArgs does:
    // by exact match of the option in the arguments.
    let skeleton_at = args.iter().position(|a| a == "--generate-cli-skeleton");
    let skeleton_output = skeleton_at
        .and_then(|i| args.get(i + 1))
        .is_some_and(|v| v == "output");
    let override_required =
        args.iter().any(|a| a == "--cli-input-json") || (skeleton_at.is_some() && !skeleton_output);
    let mut specs: Vec<OptSpec<'a>> = table
        .iter()
        .map(|option| option.spec(override_required))
        .collect();
    let help = specs.len();
    specs.push(OptSpec::positional("help").nargs(Nargs::Optional(None)));
    let find = |wanted: fn(&Source<'_>) -> bool| table.iter().position(|o| wanted(&o.source));
    let mut members: Vec<(&'a Arg, usize, Option<usize>)> = Vec::new();
    for (index, option) in table.iter().enumerate() {
        match option.source {
            Source::Member(arg) => members.push((arg, index, None)),
            // The table puts a boolean's twin right after it.
            Source::NegatedMember(_) => {
                if let Some(last) = members.last_mut() {
                    last.2 = Some(index);
                }
            }
            _ => {}
        }
    }
    let paging =
        find(|s| matches!(s, Source::Paging(Paging::StartingToken))).map(|starting_token| {
            PagingSpecs {
                starting_token,
                page_size: find(|s| matches!(s, Source::Paging(Paging::PageSize))),
                max_items: find(|s| matches!(s, Source::Paging(Paging::MaxItems)))
                    .unwrap_or(usize::MAX),
            }
        });
    OperationSpecs {
        specs,
        members,
        cli_input_json: find(|s| matches!(s, Source::CliInputJson)).unwrap_or(usize::MAX),
        paging,
        skeleton: find(|s| matches!(s, Source::GenerateCliSkeleton)).unwrap_or(usize::MAX),
        help,
    }
}

fn run_operation(
    service: &Service,
    operation: &Operation,
    args: &[String],
    globals: &Globals,
    waiter: Option<&Waiter>,
) -> Result<(), CliError> {
    // `aws <svc> <op> help` alone is help without parsing (ArgTableArgParser).
    if args.len() == 1 && args[0] == "help" {
        return show_help(operation.help_rst, operation.cli_name);
    }
    let table = options::operation_options(operation);
    let specs = operation_specs(&table, args);
    let parsed = argparse::parse_known_args(&specs.specs, args).map_err(usage_error)?;
    let mut unknown = parsed.unknown.clone();
    match parsed.value(specs.help) {
        Some(ArgValue::One(word)) if word == "help" => {
            return show_help(operation.help_rst, operation.cli_name);
        }
        // `elif parsed_args.help: remaining.append(...)`: an empty string
        // is falsy in Python, so it is dropped rather than listed.
        Some(ArgValue::One(word)) if !word.is_empty() => unknown.push(word.clone()),
        _ => {}
    }
    if !unknown.is_empty() {
        return Err(CliError::UnknownOptions(unknown));
    }

    let (mut params, provenance) = build_params(service, operation, &specs, &parsed)?;
    if let Some(input) = one(parsed.value(specs.cli_input_json)) {
        merge_cli_input_json(&mut params, &input)?;
    }
    let params = Value::Object(params);
    match one(parsed.value(specs.skeleton)).as_deref() {
        Some("output") => {
            // aws-cli makes a (stubbed) client first, which needs a region,
            // then validates; no credentials are needed.
            super::config::region(&globals.call)?;
            let placeholder: Value =
                serde_json::from_str(operation.output_skeleton).map_err(|e| {
                    CliError::Other(format!("generated output skeleton is not JSON: {e}"))
                })?;
            // aws-cli answers through botocore's Stubber, which validates the
            // placeholder response against the output shape as if it were
            // input (before the call validates the real input): placeholders
            // shorter than a member's `min`, or a blob's `None`, fail there.
            let report = super::validate::validate(operation.output, &placeholder);
            if !report.is_empty() {
                return Err(CliError::Validation(report));
            }
            validate(operation, &params, &provenance)?;
            print_response(
                &skeleton_for_output(placeholder, globals)?,
                operation.name,
                globals,
            )
        }
        Some(_) => write_stdout(operation.input_skeleton),
        None => {
            super::config::region(&globals.call)?;
            if let Some(waiter) = waiter {
                validate(operation, &params, &provenance)?;
                return waiter::wait(
                    waiter,
                    || match call::call(service, operation, params.clone(), &globals.call) {
                        Ok(output) => Ok(Polled::Output(output)),
                        Err(CliError::Service { code, message, .. }) => {
                            Ok(Polled::ServiceError { code, message })
                        }
                        Err(other) => Err(other),
                    },
                    super::retry::delay_scale(),
                );
            }
            let paging = page_options(operation, &specs, &parsed, globals)?;
            validate(operation, &params, &provenance)?;
            let response = match (operation.paginator, paging) {
                (Some(paginator), Some(options)) => {
                    let Value::Object(params) = params else {
                        return Err(CliError::Other("parameters are not an object".into()));
                    };
                    let fetch = |page_params: &Map<String, Value>| {
                        call::call(
                            service,
                            operation,
                            Value::Object(page_params.clone()),
                            &globals.call,
                        )
                    };
                    let output = super::config::output(&globals.call, globals.output.as_deref())?;
                    // aws-cli picks the formatter before the first page is
                    // fetched: an unknown output type sends nothing.
                    if super::format::OutputFormat::parse(&output).is_none() {
                        return Err(CliError::Other(format!("Unknown output type: {output}")));
                    }
                    if output != "text" {
                        paginate::paginate(paginator, &params, &options, fetch)
                            .map_err(|e| colorama_wraps_stderr(e, &output, globals))?
                    } else {
                        // aws-cli's TextFormatter: each page's result keys in
                        // turn (--query applied to each), then the NextToken.
                        let full = paginate::paginate_pages(
                            paginator,
                            &params,
                            &options,
                            fetch,
                            |page| {
                                let current = paginate::page_result(paginator, page);
                                print_response(&current, operation.name, globals)
                            },
                        )?;
                        if let Some(token) = full.get("NextToken") {
                            let next = serde_json::json!({"NextToken": {"NextToken": token}});
                            print_response(&next, operation.name, globals)?;
                        }
                        return Ok(());
                    }
                }
                _ => call::call(service, operation, params, &globals.call)?,
            };
            print_response(&response, operation.name, globals)
        }
    }
}

/// The output skeleton as aws-cli formats it: its timestamps are datetime
/// objects, which the JSON formatter writes as ISO 8601 (`T`) but the text
/// and table formatters as `str(datetime)` (a space). The skeleton's only
/// timestamp value is the epoch, and no other member's placeholder has
/// that text.
fn skeleton_for_output(skeleton: Value, globals: &Globals) -> Result<Value, CliError> {
    fn respace(value: Value) -> Value {
        match value {
            Value::String(s) if s == "1970-01-01T00:00:00" => {
                Value::String("1970-01-01 00:00:00".into())
            }
            Value::Array(items) => Value::Array(items.into_iter().map(respace).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, respace(v))).collect())
            }
            other => other,
        }
    }
    let output = super::config::output(&globals.call, globals.output.as_deref())?;
    Ok(if output == "json" {
        skeleton
    } else {
        respace(skeleton)
    })
}

/// Whether and how to page: `None` for an operation that does not page, with
/// `--no-paginate`, or when a manual paging member (`--marker`) was given.
fn page_options(
    operation: &Operation,
    specs: &OperationSpecs<'_>,
    parsed: &argparse::Parsed,
    globals: &Globals,
) -> Result<Option<PageOptions>, CliError> {
    let (Some(paginator), Some(paging)) = (operation.paginator, specs.paging) else {
        return Ok(None);
    };
    // Only the generated members page by hand, not customisations' options.
    let manual = specs.members.iter().any(|&(arg, index, _)| {
        operation.args.iter().any(|a| std::ptr::eq(a, arg))
            && (paginator.input_tokens.contains(&arg.member)
                || paginator.limit_key == Some(arg.member))
            && parsed.seen(index)
    });
    let given: Vec<&str> = [
        ("--starting-token", Some(paging.starting_token)),
        ("--page-size", paging.page_size),
        ("--max-items", Some(paging.max_items)),
    ]
    .into_iter()
    .filter(|(_, index)| index.is_some_and(|i| parsed.value(i).is_some()))
    .map(|(name, _)| name)
    .collect();
    if globals.no_paginate || manual {
        if !given.is_empty() {
            return Err(CliError::Other(format!(
                "Error during pagination: Cannot specify --no-paginate along with pagination arguments: {}",
                given.join(", ")
            )));
        }
        return Ok(None);
    }
    let number = |index: Option<usize>| -> Option<Value> {
        let text = one(index.and_then(|i| parsed.value(i)))?;
        Some(
            text.trim()
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or(Value::String(text)),
        )
    };
    Ok(Some(PageOptions {
        starting_token: one(parsed.value(paging.starting_token)),
        page_size: number(paging.page_size),
        max_items: number(Some(paging.max_items)).and_then(|v| v.as_i64()),
    }))
}

fn validate(
    operation: &Operation,
    params: &Value,
    provenance: &Provenance<'_>,
) -> Result<(), CliError> {
    let report = super::validate::validate_parsed(operation.input, params, provenance);
    if report.is_empty() {
        Ok(())
    } else {
        Err(CliError::Validation(report))
    }
}

/// Prints `response` (the operation `title`'s output) as `--output`,
/// `--query` and `--color` ask, exactly as aws-cli's formatters do.
fn print_response(response: &Value, title: &str, globals: &Globals) -> Result<(), CliError> {
    use super::format::{self, Color, OutputFormat};
    // --output, else AWS_DEFAULT_OUTPUT, else the profile's `output`, else json.
    let output = super::config::output(&globals.call, globals.output.as_deref())?;
    // aws-cli's get_formatter: a name it does not know is an error, raised
    // only now, after the call (so the request has been sent).
    let format = OutputFormat::parse(&output)
        .ok_or_else(|| CliError::Other(format!("Unknown output type: {output}")))?;
    let color = globals
        .color
        .as_deref()
        .and_then(Color::parse)
        .unwrap_or_default();
    if format == OutputFormat::Json && globals.query.is_none() {
        // The common case: the same printer, without converting the response.
        return write_stdout(&output::json(response));
    }
    match format::render(response, format, globals.query.as_deref(), title, color) {
        Ok(text) => write_stdout(&text),
        Err(error) => {
            write_stdout(error.stdout())?;
            // The exact bytes: with colour on, colorama wraps stderr too.
            Err(CliError::Raw {
                stderr: error.stderr().to_string(),
                code: error.exit_code(),
            })
        }
    }
}

/// An error raised while a paginated response is formatted: a table
/// formatter in colour has already started colorama (`autoreset`), which
/// ends each of `write_exception`'s three writes (`\n`, the message, `\n`)
/// with a reset.
fn colorama_wraps_stderr(error: CliError, output: &str, globals: &Globals) -> CliError {
    use super::format::{Color, OutputFormat, Terminal};
    let colorized = OutputFormat::parse(output) == Some(OutputFormat::Table)
        && match globals
            .color
            .as_deref()
            .and_then(Color::parse)
            .unwrap_or_default()
        {
            Color::On => true,
            Color::Off => false,
            Color::Auto => Terminal::detect().stdout_is_tty,
        };
    let text = error.stderr();
    match text.strip_prefix('\n').and_then(|t| t.strip_suffix('\n')) {
        Some(message) if colorized && error.exit_code() == 255 => CliError::Raw {
            stderr: format!("\n\x1b[0m{message}\x1b[0m\n\x1b[0m"),
            code: 255,
        },
        _ => error,
    }
}

/// The request parameters from the options given, in the operation's
/// argument order (the order botocore then validates them in).
fn build_params(
    service: &Service,
    operation: &Operation,
    specs: &OperationSpecs<'_>,
    parsed: &argparse::Parsed,
) -> Result<(Map<String, Value>, Provenance<'static>), CliError> {
    let mut params = Map::new();
    let mut provenance = Provenance::default();
    for &(arg, index, negative) in &specs.members {
        if let Some(negative) = negative {
            // Booleans are not unpacked: the last of --x / --no-x decides.
            if let Some((which, _)) = parsed.last_of(&[index, negative]) {
                params.insert(arg.member.to_string(), Value::Bool(which == index));
            }
            continue;
        }
        let Some(value) = parsed.value(index) else {
            continue;
        };
        let strings: Vec<String> = match value {
            ArgValue::One(s) => vec![s.clone()],
            ArgValue::Many(v) => v.clone(),
            ArgValue::Flag | ArgValue::None => Vec::new(),
        };
        let unpacked = match arg.custom.map(|c| &c.action) {
            Some(CustomAction::Extended(extended)) => {
                // The value is parsed as the option's own shape, then
                // rebuilt: only an object placed as it was parsed keeps
                // its JSON (OrderedDict) provenance.
                let ordered = provenance.ordered.len();
                let value = unpack_arg(service, operation, arg, value, &strings, &mut provenance)?;
                if extended.template.is_some() || !extended.path.is_empty() {
                    provenance.ordered.truncate(ordered);
                }
                super::extended::place(&mut params, arg.member, extended, value)
                    .map_err(CliError::Other)?;
                continue;
            }
            Some(CustomAction::Constant(values)) => Value::from(values.to_vec()),
            Some(CustomAction::KeyValueList) => {
                key_value_list_arg(service, operation, arg, value, &strings)?
            }
            Some(CustomAction::Value) => {
                custom_value(service, operation, arg, value, &strings, &mut provenance)?
            }
            _ => unpack_arg(service, operation, arg, value, &strings, &mut provenance)?,
        };
        if let Some(message) = arg.custom.and_then(|c| c.exclusive_error) {
            let filled = params
                .get(arg.member)
                .is_some_and(|v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
            if filled {
                return Err(CliError::Other(format!("{PROG}: error: {message}")));
            }
        }
        params.insert(arg.member.to_string(), unpacked);
    }
    Ok((params, provenance))
}

/// aws-cli's `parse_tags`: `key=value` (split at the first `=`) or a bare
/// `key` with an empty value.
fn key_value_list(words: &[String]) -> Value {
    Value::Array(
        words
            .iter()
            .map(|word| {
                let (key, value) = word.split_once('=').unwrap_or((word.as_str(), ""));
                serde_json::json!({"Key": key, "Value": value})
            })
            .collect(),
    )
}

/// One option's strings → its JSON value: a `file://` value read first,
/// then aws-cli's `unpack_cli_arg` for the member's type.
/// aws-cli's `uri_param` handler: a `file://`/`fileb://` value is read
/// when the option got exactly one string (customised options too).
fn load_paramfile(
    service: &Service,
    operation: &Operation,
    arg: &Arg,
    value: &ArgValue,
    strings: &[String],
) -> Result<Option<ParamFileValue>, CliError> {
    let single = match (value, strings) {
        (ArgValue::One(s), _) => Some(s.as_str()),
        (ArgValue::Many(_), [s]) => Some(s.as_str()),
        _ => None,
    };
    match single {
        Some(s)
            if !service
                .paramfile_disabled
                .contains(&(operation.cli_name, arg.cli_name)) =>
        {
            paramfile::uri_param(&format!("--{}", arg.cli_name), s)
                .map_err(|e| CliError::Param(e.to_string()))
        }
        _ => Ok(None),
    }
}

/// An option aws-cli defines itself (a `CustomArgument` with no model):
/// its value reaches the parameters as typed, a string or (`nargs='+'`)
/// a list of strings, never unpacked as JSON or shorthand; a `file://`
/// value is the file's text and a `fileb://` one its bytes.
fn custom_value(
    service: &Service,
    operation: &Operation,
    arg: &Arg,
    value: &ArgValue,
    strings: &[String],
    provenance: &mut Provenance<'static>,
) -> Result<Value, CliError> {
    match load_paramfile(service, operation, arg, value, strings)? {
        Some(ParamFileValue::Text(text)) => Ok(Value::String(text)),
        Some(ParamFileValue::Bytes(bytes)) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // botocore takes bytes for a timestamp when float() does.
            let as_timestamp = matches!(arg.arg_type.base(), ArgType::Timestamp)
                && super::pycompat::number::float(&text).is_ok();
            if !as_timestamp {
                provenance.bytes.push((arg.member, bytes));
            }
            Ok(Value::String(text))
        }
        None => Ok(match value {
            ArgValue::Many(_) => Value::from(strings.to_vec()),
            _ => Value::from(strings.first().cloned().unwrap_or_default()),
        }),
    }
}

/// aws-cli's `--tags` of `add-tags` (`parse_tags`) after its `file://`
/// handling: a file's text is iterated as Python iterates a `str`, one tag
/// per character; a `fileb://` file's bytes are ints, which have no `find`.
fn key_value_list_arg(
    service: &Service,
    operation: &Operation,
    arg: &Arg,
    value: &ArgValue,
    strings: &[String],
) -> Result<Value, CliError> {
    match load_paramfile(service, operation, arg, value, strings)? {
        Some(ParamFileValue::Text(text)) => {
            let chars: Vec<String> = text.chars().map(String::from).collect();
            Ok(key_value_list(&chars))
        }
        Some(ParamFileValue::Bytes(bytes)) if bytes.is_empty() => Ok(Value::Array(Vec::new())),
        Some(ParamFileValue::Bytes(_)) => Err(CliError::Other(
            "'int' object has no attribute 'find'".into(),
        )),
        None => Ok(key_value_list(strings)),
    }
}

fn unpack_arg(
    service: &Service,
    operation: &Operation,
    arg: &Arg,
    value: &ArgValue,
    strings: &[String],
    provenance: &mut Provenance<'static>,
) -> Result<Value, CliError> {
    let bytes_members = &mut provenance.bytes;
    let cli_name = format!("--{}", arg.cli_name);
    let from_file = load_paramfile(service, operation, arg, value, strings)?;
    // The service-aware entry point: a few old options of other services
    // take bare words for lists of one-member structures, as in aws-cli.
    let ordered = &mut provenance.ordered;
    let mut unpack = |raw: RawValue<'_>| {
        if argvalue::parses_as_json(arg.arg_type, raw) {
            ordered.push(arg.member);
        }
        argvalue::unpack_cli_arg_for(
            service.old_list_options,
            operation.cli_name,
            &cli_name,
            arg.arg_type,
            raw,
        )
    };
    match &from_file {
        Some(ParamFileValue::Text(text)) => unpack(RawValue::One(text)),
        Some(ParamFileValue::Bytes(bytes)) => match arg.arg_type.base() {
            // A blob takes the bytes; any other type gets Python `bytes`
            // where aws-cli expects `str`: a scalar keeps them (botocore's
            // validation refuses them), a list iterates them (ints), and
            // the shorthand parser fails on them.
            ArgType::Blob
            | ArgType::Integer
            | ArgType::Long
            | ArgType::Float
            | ArgType::Double
            | ArgType::Boolean => unpack(RawValue::One(&String::from_utf8_lossy(bytes))),
            // botocore takes bytes for a timestamp when float() does.
            ArgType::Timestamp
                if super::pycompat::number::float(&String::from_utf8_lossy(bytes)).is_ok() =>
            {
                unpack(RawValue::One(&String::from_utf8_lossy(bytes)))
            }
            ArgType::String | ArgType::Timestamp => {
                bytes_members.push((arg.member, bytes.clone()));
                Ok(Value::String(String::from_utf8_lossy(bytes).into_owned()))
            }
            ArgType::List(member)
                if !matches!(
                    member.base(),
                    ArgType::Structure(_) | ArgType::Map(..) | ArgType::List(_)
                ) =>
            {
                Ok(Value::Array(
                    bytes.iter().map(|&b| Value::from(b)).collect(),
                ))
            }
            _ => {
                return Err(CliError::Other(
                    "'in <string>' requires string as left operand, not int".into(),
                ))
            }
        },
        None => match value {
            ArgValue::One(s) => unpack(RawValue::One(s)),
            _ => unpack(RawValue::Many(strings)),
        },
    }
    .map_err(|e| CliError::Param(e.to_string()))
}

/// `--cli-input-json`: inline JSON or a file:// reference; its members fill
/// what the options left unset.
fn merge_cli_input_json(params: &mut Map<String, Value>, input: &str) -> Result<(), CliError> {
    let text = match paramfile::get_paramfile(input) {
        Ok(Some(ParamFileValue::Text(text))) => text,
        Ok(Some(ParamFileValue::Bytes(bytes))) => String::from_utf8_lossy(&bytes).into_owned(),
        Ok(None) => input.to_string(),
        Err(mut e) => {
            e.cli_name = Some("--cli-input-json".into());
            return Err(CliError::Param(e.to_string()));
        }
    };
    let data = pyjson::loads(&text).map_err(|e| {
        // Only decode errors are aws-cli's ValueError "Invalid JSON"; the
        // depth and number-range refusals print as they are.
        if e.is_value_error() {
            CliError::Param(format!(
                "Error parsing parameter 'cli-input-json': Invalid JSON: {e}\nJSON received: {text}"
            ))
        } else {
            CliError::Other(e.to_string())
        }
    })?;
    let Value::Object(object) = data else {
        // aws-cli calls .keys() on whatever it parsed.
        return Err(CliError::Other(format!(
            "'{}' object has no attribute 'keys'",
            crate::pycompat::repr::type_name(&data)
        )));
    };
    for (key, value) in object {
        if !params.contains_key(&key) {
            params.insert(key, value);
        }
    }
    Ok(())
}

fn show_help(rst: &str, title: &str) -> Result<(), CliError> {
    match help::show(rst, title) {
        // aws-cli's help into a closed pipe ends quietly with status 0.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| CliError::Other(format!("cannot show help: {e}"))),
    }
}

/// `awsr help`: the services there are.
fn top_level_page(services: &[&Service]) -> String {
    let mut page = String::from("****\nawsr\n****\n\n\n\n===========\nDescription\n===========\n\nThe AWS command line, generated from the botocore model: the commands and answers of aws-cli 1.14.28.\n\n\n\n========\nSynopsis\n========\n\n::\n\n  awsr [options] <command> <subcommand> [parameters]\n\n\n\n==================\nAvailable Services\n==================\n\n");
    for service in services {
        page.push_str(&format!(
            "* {}: {}\n\n",
            service.cli_name, service.full_name
        ));
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_service_left_out_of_the_build_is_named_with_the_unknown_command_exit_code() {
        let absent = Absent {
            unsupported: &[("s3api", "rest-xml")],
            not_built: &["dynamodb"],
            hand_written: &["s3"],
        };
        let commands = ["emr"];
        let error = not_offered(&words("--region x dynamodb get-item"), &commands, &absent)
            .expect("dynamodb is named");
        assert_eq!(error.exit_code(), 2);
        assert!(
            error
                .stderr()
                .contains("the dynamodb service is not in this build of awsr"),
            "{}",
            error.stderr()
        );
        let error =
            not_offered(&words("s3api list-buckets"), &commands, &absent).expect("s3api is named");
        assert!(error.stderr().contains("speaks the rest-xml protocol"));
        let error = not_offered(&words("s3 ls"), &commands, &absent).expect("s3 is named");
        assert_eq!(error.exit_code(), 2);
        assert!(
            error
                .stderr()
                .contains("`s3` is one of aws-cli's hand-written commands"),
            "{}",
            error.stderr()
        );
        // A supported command first: its own arguments are not services.
        assert!(not_offered(&words("emr dynamodb"), &commands, &absent).is_none());
        assert!(not_offered(&words("nosuch"), &commands, &absent).is_none());
    }
}
