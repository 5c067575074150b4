//! The one description of what a command line may contain: the global
//! options, the commands at each level, and every option of every operation
//! and waiter, in the order aws-cli's parsers add them. The driver builds
//! its argparse parsers from it and `awsr completion <shell>` its scripts,
//! so an option the parser accepts is one completion offers. The help pages
//! are rendered by codegen from the model; `tests/tests/option_table.rs`
//! checks that each page's synopsis lists exactly the options this table
//! marks `documented`, and that the parser accepts exactly the table.
//!
//! It is computed from the generated descriptors (`args`, `extra_args`,
//! `paginator`, `waiters`, `cli_name`, `summary`) when a command runs: a
//! few dozen small structs, far below process start-up.

use super::argparse::{Nargs, OptSpec, ValueType};
use super::argvalue;
use super::model::{Arg, ArgType, Custom, CustomAction, Operation, Paginator, Service};
use std::borrow::Cow;

/// Where an option comes from, which decides what the driver does with it.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A global option of the main parser (awscli/data/cli.json).
    Global(Global),
    /// An option filling an input member: generated from the input shape
    /// (`args`) or added by an aws-cli customisation (`extra_args`).
    Member(&'a Arg),
    /// The `--no-x` twin of a boolean member option `--x`.
    NegatedMember(&'a Arg),
    /// `--cli-input-json`.
    CliInputJson,
    /// `--starting-token`, `--page-size`, `--max-items` of a paginated operation.
    Paging(Paging),
    /// `--generate-cli-skeleton [input|output]`.
    GenerateCliSkeleton,
}

/// The global options, one per entry of aws-cli's `cli.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Global {
    Debug,
    EndpointUrl,
    NoVerifySsl,
    NoPaginate,
    Output,
    Query,
    Profile,
    Region,
    Version,
    Color,
    NoSignRequest,
    CaBundle,
    CliReadTimeout,
    CliConnectTimeout,
}

/// The paging options aws-cli's pagination customisation adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    StartingToken,
    PageSize,
    MaxItems,
}

/// One option: everything the parser, help and completion need to know.
#[derive(Debug, Clone)]
pub struct CliOption<'a> {
    /// The name without the leading `--`, e.g. `cluster-id`, `no-paginate`.
    pub name: Cow<'a, str>,
    pub nargs: Nargs<'a>,
    /// argparse's `type=` check while parsing.
    pub value_type: ValueType,
    /// The values it accepts; empty means any.
    pub choices: &'a [&'a str],
    /// Required unless `--cli-input-json` or `--generate-cli-skeleton` is given.
    pub required: bool,
    /// A one-line description, for completion menus.
    pub summary: Cow<'a, str>,
    /// Whether the help page lists it: aws-cli hides the members the
    /// paginator drives (`--marker`, `--next-token`), which still parse.
    pub documented: bool,
    pub source: Source<'a>,
}

impl<'a> CliOption<'a> {
    /// A global option (accepted before or after the command).
    pub fn is_global(&self) -> bool {
        matches!(self.source, Source::Global(_))
    }

    /// Whether the option takes no value (`--debug`, `--active`, `--no-x`).
    pub fn is_flag(&self) -> bool {
        matches!(self.nargs, Nargs::Flag | Nargs::Version)
    }

    /// The member argument this option fills, if any.
    pub fn member(&self) -> Option<&'a Arg> {
        match self.source {
            Source::Member(arg) | Source::NegatedMember(arg) => Some(arg),
            _ => None,
        }
    }

    /// A declared aws-cli customisation of this option, if any.
    pub fn custom(&self) -> Option<&'a Custom> {
        self.member().and_then(|arg| arg.custom)
    }

    /// The argparse `add_argument` call. `override_required` is aws-cli's
    /// OverrideRequiredArgs: with `--cli-input-json` (or an input
    /// skeleton) no option is required.
    pub fn spec(&self, override_required: bool) -> OptSpec<'_> {
        OptSpec::option(&self.name)
            .nargs(self.nargs)
            .value_type(self.value_type)
            .choices(self.choices)
            .required(self.required && !override_required)
    }
}

const fn global(
    name: &'static str,
    nargs: Nargs<'static>,
    value_type: ValueType,
    choices: &'static [&'static str],
    summary: &'static str,
    which: Global,
) -> CliOption<'static> {
    CliOption {
        name: Cow::Borrowed(name),
        nargs,
        value_type,
        choices,
        required: false,
        summary: Cow::Borrowed(summary),
        documented: true,
        source: Source::Global(which),
    }
}

/// The global options of aws-cli's main parser (awscli/data/cli.json), in
/// its order, which ambiguity errors list options in. Summaries are the
/// first sentence of cli.json's help.
pub static GLOBAL_OPTIONS: [CliOption<'static>; 14] = {
    use Nargs::{Flag, One};
    use ValueType::Str;
    [
        global(
            "debug",
            Flag,
            Str,
            &[],
            "Turn on debug logging.",
            Global::Debug,
        ),
        global(
            "endpoint-url",
            One,
            Str,
            &[],
            "Override command's default URL with the given URL.",
            Global::EndpointUrl,
        ),
        global(
            "no-verify-ssl",
            Flag,
            Str,
            &[],
            "Do not verify SSL certificates.",
            Global::NoVerifySsl,
        ),
        global(
            "no-paginate",
            Flag,
            Str,
            &[],
            "Disable automatic pagination.",
            Global::NoPaginate,
        ),
        global(
            "output",
            One,
            Str,
            &["json", "text", "table"],
            "The formatting style for command output.",
            Global::Output,
        ),
        global(
            "query",
            One,
            Str,
            &[],
            "A JMESPath query to use in filtering the response data.",
            Global::Query,
        ),
        global(
            "profile",
            One,
            Str,
            &[],
            "Use a specific profile from your credential file.",
            Global::Profile,
        ),
        global(
            "region",
            One,
            Str,
            &[],
            "The region to use.",
            Global::Region,
        ),
        global(
            "version",
            Nargs::Version,
            Str,
            &[],
            "Display the version of this tool.",
            Global::Version,
        ),
        global(
            "color",
            One,
            Str,
            &["on", "off", "auto"],
            "Turn on/off color output.",
            Global::Color,
        ),
        global(
            "no-sign-request",
            Flag,
            Str,
            &[],
            "Do not sign requests.",
            Global::NoSignRequest,
        ),
        global(
            "ca-bundle",
            One,
            Str,
            &[],
            "The CA certificate bundle to use when verifying SSL certificates.",
            Global::CaBundle,
        ),
        global(
            "cli-read-timeout",
            One,
            // cli.json's "type": "int" never reaches argparse: globalargs.py
            // converts with int() after parsing (its ValueError is the error).
            Str,
            &[],
            "The maximum socket read time in seconds.",
            Global::CliReadTimeout,
        ),
        global(
            "cli-connect-timeout",
            One,
            Str,
            &[],
            "The maximum socket connect time in seconds.",
            Global::CliConnectTimeout,
        ),
    ]
};

/// Where `which` sits in [`GLOBAL_OPTIONS`] (and so in the main parser's specs).
pub fn global_index(which: Global) -> usize {
    GLOBAL_OPTIONS
        .iter()
        .position(|option| matches!(option.source, Source::Global(g) if g == which))
        .unwrap_or(usize::MAX)
}

/// The commands after `awsr`: the services, then `help`.
pub fn top_level_commands<'a>(services: &[&'a Service]) -> Vec<&'a str> {
    let mut commands: Vec<&str> = services.iter().map(|s| s.cli_name).collect();
    commands.push("help");
    commands
}

/// The commands after `awsr <service>`: its operations, `wait` when it has
/// waiters, then `help`.
pub fn service_commands(service: &Service) -> Vec<&'static str> {
    let mut commands: Vec<&'static str> = service.operations.iter().map(|o| o.cli_name).collect();
    if !service.waiters.is_empty() {
        commands.push("wait");
    }
    commands.push("help");
    commands
}

/// The commands after `awsr <service> wait`: the waiters.
pub fn waiter_commands(service: &Service) -> Vec<&'static str> {
    service.waiters.iter().map(|w| w.cli_name).collect()
}

/// Whether a member option is a boolean pair `--x` / `--no-x` (aws-cli's
/// BooleanArgument); customised options keep their own action.
fn is_boolean_pair(arg: &Arg) -> bool {
    arg.custom.is_none() && *arg.arg_type.base() == ArgType::Boolean
}

/// aws-cli's help label for an option's type, used as its summary.
fn type_label(arg_type: &ArgType) -> &'static str {
    match arg_type.base() {
        ArgType::String => "string",
        ArgType::Integer => "integer",
        ArgType::Long => "long",
        ArgType::Double => "double",
        ArgType::Float => "float",
        ArgType::Boolean => "boolean",
        ArgType::Timestamp => "timestamp",
        ArgType::Blob => "blob",
        ArgType::List(_) => "list",
        ArgType::Structure(_) => "structure",
        ArgType::Map(..) => "map",
        // `base` sees through bounds.
        ArgType::Bounded(inner, _) => type_label(inner),
    }
}

/// Pushes a member option and, for a boolean, its `--no-` twin right after.
fn push_member<'a>(options: &mut Vec<CliOption<'a>>, arg: &'a Arg, hidden: bool) {
    let nargs = match arg.custom {
        Some(Custom {
            action: CustomAction::Constant(_),
            ..
        }) => Nargs::Flag,
        Some(Custom {
            one_or_more: true, ..
        }) => Nargs::OneOrMore,
        _ => argvalue::cli_nargs(arg.arg_type),
    };
    let label = match arg.custom.map(|c| &c.action) {
        Some(CustomAction::Constant(values)) => {
            format!("flag: {} = {}", arg.member, values.join(" "))
        }
        _ => format!("({})", type_label(arg.arg_type)),
    };
    let summary = if arg.required {
        format!("{label}, required")
    } else {
        label
    };
    options.push(CliOption {
        name: Cow::Borrowed(arg.cli_name),
        nargs,
        value_type: argvalue::cli_value_type(arg.arg_type),
        choices: &[],
        required: arg.required,
        summary: Cow::Owned(summary),
        documented: !hidden,
        source: Source::Member(arg),
    });
    if is_boolean_pair(arg) {
        options.push(CliOption {
            name: Cow::Owned(format!("no-{}", arg.cli_name)),
            nargs: Nargs::Flag,
            value_type: ValueType::Str,
            choices: &[],
            required: false,
            summary: Cow::Owned(format!("(boolean) sets {} false", arg.member)),
            documented: !hidden,
            source: Source::NegatedMember(arg),
        });
    }
}

fn fixed<'a>(name: &'a str, summary: &'a str, source: Source<'a>) -> CliOption<'a> {
    CliOption {
        name: Cow::Borrowed(name),
        nargs: Nargs::One,
        value_type: ValueType::Str,
        choices: &[],
        required: false,
        summary: Cow::Borrowed(summary),
        documented: true,
        source,
    }
}

/// Every option of `awsr <service> <operation>` (and of a waiter on it), in
/// the operation parser's order: the input members (each boolean followed by
/// its `--no-` twin), `--cli-input-json`, the paging options, the options
/// customisations add, `--generate-cli-skeleton`. Global options are not in
/// it (see [`GLOBAL_OPTIONS`]).
pub fn operation_options(operation: &Operation) -> Vec<CliOption<'_>> {
    options_of(
        operation.args,
        operation.paginator,
        operation.extra_args,
        operation.hidden_options,
    )
}

fn options_of<'a>(
    args: &'a [Arg],
    paginator: Option<&'a Paginator>,
    extra_args: &'a [Arg],
    hidden_options: &[&str],
) -> Vec<CliOption<'a>> {
    let mut options = Vec::new();
    for arg in args {
        // aws-cli's pagination customisation hides the members it drives,
        // and its hidden aliases are undocumented copies of an option.
        let hidden = paginator.is_some_and(|p| {
            p.input_tokens.contains(&arg.member) || p.limit_key == Some(arg.member)
        }) || hidden_options.contains(&arg.cli_name);
        push_member(&mut options, arg, hidden);
    }
    options.push(fixed(
        "cli-input-json",
        "Performs service operation based on the JSON string provided.",
        Source::CliInputJson,
    ));
    // aws-cli's pagination customisation adds these after --cli-input-json.
    if let Some(paginator) = paginator {
        // PageArgument.type_map: argparse converts with `str` for a string
        // limit key, else `int` (also when there is no limit key), so a
        // non-integer --max-items is argparse's usage error.
        let number = match paginator.limit_type {
            ArgType::String => ValueType::Str,
            _ => ValueType::Int,
        };
        options.push(fixed(
            "starting-token",
            "A token to specify where to start paginating.",
            Source::Paging(Paging::StartingToken),
        ));
        if paginator.limit_key.is_some() {
            options.push(CliOption {
                value_type: number,
                ..fixed(
                    "page-size",
                    "The size of each page to get in the AWS service call.",
                    Source::Paging(Paging::PageSize),
                )
            });
        }
        options.push(CliOption {
            value_type: number,
            ..fixed(
                "max-items",
                "The total number of items to return in the command's output.",
                Source::Paging(Paging::MaxItems),
            )
        });
    }
    for arg in extra_args {
        push_member(&mut options, arg, false);
    }
    options.push(CliOption {
        nargs: Nargs::Optional(Some("input")),
        choices: &["input", "output"],
        ..fixed(
            "generate-cli-skeleton",
            "Prints a JSON skeleton to standard output without sending an API request.",
            Source::GenerateCliSkeleton,
        )
    });
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAG: Arg = Arg {
        cli_name: "visible",
        member: "Visible",
        arg_type: &ArgType::Boolean,
        required: false,
        custom: None,
    };
    const ID: Arg = Arg {
        cli_name: "id",
        member: "Id",
        arg_type: &ArgType::String,
        required: true,
        custom: None,
    };
    const MARKER: Arg = Arg {
        cli_name: "marker",
        member: "Marker",
        arg_type: &ArgType::String,
        required: false,
        custom: None,
    };

    fn names(options: &[CliOption<'_>]) -> Vec<String> {
        options.iter().map(|o| o.name.to_string()).collect()
    }

    #[test]
    fn booleans_get_a_twin_and_paging_options_follow_cli_input_json() {
        static PAGINATOR: Paginator = Paginator {
            input_tokens: &["Marker"],
            output_tokens: &["Marker"],
            result_keys: &["Items"],
            limit_key: None,
            limit_type: &ArgType::Integer,
            more_results: None,
            non_aggregate_keys: &[],
        };
        static ARGS: [Arg; 3] = [ID, FLAG, MARKER];
        let options = options_of(&ARGS, Some(&PAGINATOR), &[], &[]);
        assert_eq!(
            names(&options),
            [
                "id",
                "visible",
                "no-visible",
                "marker",
                "cli-input-json",
                "starting-token",
                "max-items",
                "generate-cli-skeleton"
            ]
        );
        assert!(options[0].required);
        assert!(!options[3].documented, "the paginator's token is hidden");
        assert!(
            matches!(options[2].source, Source::NegatedMember(arg) if std::ptr::eq(arg, &ARGS[1]))
        );
    }

    #[test]
    fn global_indices_follow_the_table() {
        assert_eq!(global_index(Global::Debug), 0);
        assert_eq!(global_index(Global::CliConnectTimeout), 13);
        assert_eq!(
            GLOBAL_OPTIONS[global_index(Global::Output)].choices.len(),
            3
        );
    }
}
