//! The static descriptors that generated code fills in and the runtime reads:
//! one [`Service`] per service, one [`Operation`] per operation, one [`Arg`]
//! per command-line option, one [`ArgType`] per shape. Plain data, no code
//! per shape: validation, serialisation and output parsing walk these
//! tables (see `validate` and `protocol`), so a service costs the compiler
//! only its data, and start-up costs nothing.

use super::protocol::Protocol;
pub use super::validate::Bound;

/// A service: `awsr <cli_name> ...`.
#[derive(Debug)]
pub struct Service {
    /// The command name, e.g. `emr`.
    pub cli_name: &'static str,
    /// The model's `serviceFullName`, e.g. `Amazon Elastic MapReduce`.
    pub full_name: &'static str,
    pub api_version: &'static str,
    /// Host prefix of the default endpoint: `https://<prefix>.<region>.amazonaws.com`.
    pub endpoint_prefix: &'static str,
    /// SigV4 service name.
    pub signing_name: &'static str,
    /// How requests and responses are encoded (the model's `metadata`).
    pub protocol: Protocol,
    /// botocore's retry policy for the service (`_retry.json`, keyed by
    /// endpoint prefix, over `__default__`).
    pub retry: RetryPolicy,
    /// The service's help page (rst).
    pub help_rst: &'static str,
    /// Operations sorted by CLI name.
    pub operations: &'static [&'static Operation],
    /// Waiters sorted by CLI name (`awsr <service> wait <name>`).
    pub waiters: &'static [&'static Waiter],
    /// `(command, option)`: the options whose lists of one-member
    /// structures take bare words, aws-cli's "old list case"
    /// (`model/customizations/all-services/old-list-case.json`).
    pub old_list_options: &'static [(&'static str, &'static str)],
    /// `(command, option)`: the options whose `file://`/`fileb://` values
    /// are passed on unread (aws-cli's `PARAMFILE_DISABLED`,
    /// `model/customizations/all-services/paramfile-disabled.json`).
    pub paramfile_disabled: &'static [(&'static str, &'static str)],
}

/// How often and how patiently a service's requests are retried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Seconds of the first back-off; `None` is botocore's `"rand"` (a
    /// random fraction of a second). Each retry doubles it.
    pub base: Option<f64>,
    /// The responses worth another attempt beyond the global ones
    /// ([`DEFAULT_RETRY_ON`]): the service's and its operations'
    /// `_retry.json` policies. Connection errors and timeouts are retried
    /// by every policy.
    pub retry_on: &'static [RetryWhen],
    /// The response header holding a CRC32 of the body (DynamoDB's
    /// `x-amz-crc32`): a body that does not match it is retried, and after
    /// the last attempt is an error.
    pub crc32_header: Option<&'static str>,
}

/// `_retry.json`'s global `__default__` policies, which apply to every call
/// (a service's policy adds its own; see `retry`); codegen refuses a `_retry.json` whose
/// global policies are not these.
pub const DEFAULT_RETRY_ON: &[RetryWhen] = &[
    RetryWhen {
        status: 400,
        code: Some("Throttling"),
        operation: None,
    },
    RetryWhen {
        status: 400,
        code: Some("ThrottlingException"),
        operation: None,
    },
    RetryWhen {
        status: 400,
        code: Some("ThrottledException"),
        operation: None,
    },
    RetryWhen {
        status: 429,
        code: None,
        operation: None,
    },
    RetryWhen {
        status: 500,
        code: None,
        operation: None,
    },
    RetryWhen {
        status: 502,
        code: None,
        operation: None,
    },
    RetryWhen {
        status: 503,
        code: None,
        operation: None,
    },
    RetryWhen {
        status: 504,
        code: None,
        operation: None,
    },
    RetryWhen {
        status: 509,
        code: None,
        operation: None,
    },
];

/// One `applies_when.response` of `_retry.json`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryWhen {
    pub status: u16,
    /// The service error code it needs, if any.
    pub code: Option<&'static str>,
    /// The operation it is limited to (kinesis `DescribeStream`), if any.
    pub operation: Option<&'static str>,
}

/// A waiter from `waiters-2.json`: poll `operation` every `delay` seconds,
/// at most `max_attempts` times, until an acceptor decides.
#[derive(Debug)]
pub struct Waiter {
    /// The model's name, e.g. `ClusterRunning`.
    pub name: &'static str,
    /// The command name, e.g. `cluster-running`.
    pub cli_name: &'static str,
    pub operation: &'static Operation,
    pub delay: u32,
    pub max_attempts: u32,
    pub acceptors: &'static [Acceptor],
}

/// One acceptor: when `matcher` finds `expected`, the waiter enters `state`.
#[derive(Debug)]
pub struct Acceptor {
    /// `success`, `failure` or `retry`.
    pub state: &'static str,
    /// `path`, `pathAll`, `pathAny`, `status` or `error`.
    pub matcher: &'static str,
    pub argument: Option<&'static str>,
    /// The expected value, as JSON text.
    pub expected: &'static str,
}

/// One operation: `awsr <service> <cli_name>`.
#[derive(Debug)]
pub struct Operation {
    /// The model's name, e.g. `CancelSteps`.
    pub name: &'static str,
    /// The command name, e.g. `cancel-steps`.
    pub cli_name: &'static str,
    /// First sentence of the documentation, for command lists.
    pub summary: &'static str,
    /// Options generated from the input shape's members, in model order.
    pub args: &'static [Arg],
    /// Options aws-cli's customisations add, after the paging options.
    pub extra_args: &'static [Arg],
    /// The help page (rst), byte for byte aws-cli's.
    pub help_rst: &'static str,
    /// `--generate-cli-skeleton input`, exactly as printed.
    pub input_skeleton: &'static str,
    /// The placeholder response `--generate-cli-skeleton output` formats.
    pub output_skeleton: &'static str,
    /// The input shape (a structure), if the operation takes input.
    pub input: Option<&'static ArgType>,
    /// The output shape (a structure), if the operation returns output.
    pub output: Option<&'static ArgType>,
    /// How the operation pages, from `paginators-1.json`.
    pub paginator: Option<&'static Paginator>,
    /// Sent without a signature: the model's `authtype: none`, or one of
    /// botocore's handlers (`model/botocore-handlers.json`).
    pub unsigned: bool,
    /// Top-level input members botocore fills with a UUID4 when left out
    /// (the `idempotencyToken` trait).
    pub idempotency_tokens: &'static [&'static str],
    /// Options that parse but are not documented (aws-cli's hidden
    /// argument aliases, `make_hidden_alias`).
    pub hidden_options: &'static [&'static str],
}

/// A paginator from `paginators-1.json`. Tokens and keys are the model's
/// member names (or dotted paths into the response).
#[derive(Debug)]
pub struct Paginator {
    pub input_tokens: &'static [&'static str],
    pub output_tokens: &'static [&'static str],
    pub result_keys: &'static [&'static str],
    pub limit_key: Option<&'static str>,
    /// The type of the limit member (`integer` unless the model says otherwise).
    pub limit_type: &'static ArgType,
    pub more_results: Option<&'static str>,
    pub non_aggregate_keys: &'static [&'static str],
}

/// A command-line option generated from an input member.
#[derive(Debug)]
pub struct Arg {
    /// Option name without dashes, e.g. `step-ids`.
    pub cli_name: &'static str,
    /// The input member it fills, e.g. `StepIds`.
    pub member: &'static str,
    pub arg_type: &'static ArgType,
    pub required: bool,
    /// Set when aws-cli's customisations change how this option works.
    pub custom: Option<&'static Custom>,
}

/// A declared customisation of an option (model/customizations/*.json).
#[derive(Debug)]
pub struct Custom {
    pub action: CustomAction,
    /// Takes one or more values (argparse `nargs='+'`).
    pub one_or_more: bool,
    /// The error when another option of the same exclusive set already
    /// filled the member.
    pub exclusive_error: Option<&'static str>,
}

#[derive(Debug, PartialEq)]
pub enum CustomAction {
    /// The value as typed (a string, or a list of strings for
    /// `one_or_more`), never unpacked as JSON or shorthand; a `file://` or
    /// `fileb://` value is read (aws-cli's `CustomArgument` with no model).
    Value,
    /// A flag that sets the member to this list.
    Constant(&'static [&'static str]),
    /// `key=value` words → `[{"Key": key, "Value": value}]`.
    KeyValueList,
    /// A value parsed as the option's own shape (shorthand or JSON), then
    /// placed below the member (`model/customizations/*.json`
    /// `extended_commands`).
    Extended(&'static Extended),
}

/// Where and how an extended option's value goes into the parameters.
#[derive(Debug, PartialEq)]
pub struct Extended {
    /// Members below [`Arg::member`] down to where the value goes (empty:
    /// the member itself); missing structures on the way are created.
    pub path: &'static [&'static str],
    /// The option fills only part of a structure: its members are added
    /// to what is already there (aws-cli's `dict.update`).
    pub merge: bool,
    /// The structure the value is wrapped in, if any.
    pub template: Option<&'static Template>,
}

/// A fixed structure around an extended option's value.
#[derive(Debug, PartialEq)]
pub struct Template {
    /// The structure as JSON text; the string `"$value"` marks the value.
    pub json: &'static str,
    /// The members of the value that are kept, in this order.
    pub fields: &'static [&'static str],
    /// Members that must be given, and not empty (Python truthiness).
    pub required: &'static [&'static str],
    /// The error when one of them is not.
    pub missing_error: &'static str,
}

/// The shape of an input value, as aws-cli's argument processing sees it:
/// scalars, and lists, structures and maps with their members, so that
/// shorthand syntax and documentation can walk the whole input.
#[derive(Debug, PartialEq)]
pub enum ArgType {
    String,
    Integer,
    Long,
    Double,
    Float,
    Boolean,
    Timestamp,
    Blob,
    List(&'static ArgType),
    Structure(&'static [MemberType]),
    Map(&'static ArgType, &'static ArgType),
    /// A shape with the lower bound botocore 1.8.32 checks (`min`: a
    /// string's or list's length, a number's value). Use [`ArgType::base`]
    /// to see through it.
    Bounded(&'static ArgType, Bound),
}

impl ArgType {
    /// The shape without its bound: what argument processing looks at.
    pub fn base(&self) -> &ArgType {
        let mut shape = self;
        while let ArgType::Bounded(inner, _) = shape {
            shape = inner;
        }
        shape
    }

    /// The lower bound botocore checks, if any.
    pub fn min(&self) -> Option<Bound> {
        match self {
            ArgType::Bounded(_, min) => Some(*min),
            _ => None,
        }
    }
}

/// A structure member: its name, shape, and whether it is required.
#[derive(Debug, PartialEq)]
pub struct MemberType {
    pub name: &'static str,
    pub shape: &'static ArgType,
    pub required: bool,
}

impl Service {
    pub fn operation(&self, cli_name: &str) -> Option<&'static Operation> {
        self.operations
            .iter()
            .copied()
            .find(|op| op.cli_name == cli_name)
    }
}
