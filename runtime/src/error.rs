//! Every way a command can fail, with aws-cli's text and exit code for each.

use super::argparse;
use super::driver::PROG;
use super::validate::Report;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// An argparse error (`awsr: error: ...`): exit 2.
    Usage(String),
    /// An argparse error of a parser with the short usage line (waiters): exit 2.
    UsageShort(String),
    /// Arguments nothing recognised: exit 255.
    UnknownOptions(Vec<String>),
    /// A parameter value that could not be read or parsed (the text names it): exit 255.
    Param(String),
    /// botocore's parameter validation: exit 255.
    Validation(Report),
    NoRegion,
    NoCredentials,
    /// The service answered with an error.
    Service {
        code: String,
        message: String,
        operation: String,
        /// Retries made when the last answer was still retryable (botocore's
        /// `(reached max retries: N)`).
        max_retries_reached: Option<u32>,
    },
    /// No connection could be made to the endpoint.
    Connect {
        url: String,
        detail: String,
    },
    /// The endpoint did not answer in time.
    ReadTimeout {
        url: String,
    },
    /// Anything else, already worded for the user.
    Other(String),
    /// Text written exactly as given (e.g. with colour codes), with its code.
    Raw {
        stderr: String,
        code: i32,
    },
}

impl From<super::paginate::PaginationError> for CliError {
    fn from(e: super::paginate::PaginationError) -> Self {
        CliError::Other(e.0)
    }
}

impl CliError {
    /// aws-cli's exit code.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::UsageShort(_) => 2,
            CliError::Raw { code, .. } => *code,
            _ => 255,
        }
    }

    /// Exactly what aws-cli writes to stderr.
    pub fn stderr(&self) -> String {
        match self {
            CliError::Usage(message) => argparse::ArgError { message: message.clone() }.stderr_text(PROG),
            CliError::UsageShort(message) => format!(
                "usage: {PROG} [options] <command> <subcommand> [parameters]\n{PROG}: error: {message}\n"
            ),
            CliError::UnknownOptions(options) => argparse::unknown_options_text(PROG, options),
            CliError::Param(message) | CliError::Other(message) => format!("\n{message}\n"),
            CliError::Raw { stderr, .. } => stderr.clone(),
            CliError::Validation(report) => format!("\n{}\n", report.message()),
            CliError::NoRegion => {
                "You must specify a region. You can also configure your region by running \"aws configure\".\n".into()
            }
            CliError::NoCredentials => {
                "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n".into()
            }
            CliError::Service { code, message, operation, max_retries_reached } => {
                let retries = match max_retries_reached {
                    Some(n) if *n > 0 => format!(" (reached max retries: {n})"),
                    _ => String::new(),
                };
                format!("\nAn error occurred ({code}) when calling the {operation} operation{retries}: {message}\n")
            }
            CliError::Connect { url, .. } => format!("\nCould not connect to the endpoint URL: \"{url}\"\n"),
            CliError::ReadTimeout { url } => format!("\nRead timeout on endpoint URL: \"{url}\"\n"),
        }
    }
}
