// Ported from botocore 1.8.32 (botocore/credentials.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! `credential_process` (botocore's `ProcessProvider`): the command is split
//! into argv with Python's `shlex.split` and run without a shell; its
//! standard output must be JSON of `Version` 1 with `AccessKeyId`,
//! `SecretAccessKey` and optionally `SessionToken` and `Expiration`. Its
//! standard error is shown only when it fails. With an `Expiration` the
//! credentials are refreshed by running the command again.

use super::{parse_expiry, retrieval_error, Credentials, Fetched, Loaded};
use crate::error::CliError;
use crate::profile::shlex_split;
use crate::pycompat::repr::str_of as py_str;
use crate::pyjson;
use serde_json::Value;
use std::process::{Command, Stdio};

const METHOD: &str = "custom-process";

/// Runs `command` and returns its credentials.
pub fn load(command: &str) -> Result<Loaded, CliError> {
    let fetched = fetch(command)?;
    if fetched.expiry.is_none() {
        return Ok(Loaded::fixed(METHOD, fetched.credentials));
    }
    let command = command.to_string();
    Ok(Loaded::refreshable(
        METHOD,
        fetched,
        Box::new(move || fetch(&command)),
    ))
}

/// One run of the command.
pub fn fetch(command: &str) -> Result<Fetched, CliError> {
    let argv = shlex_split(command).map_err(CliError::Other)?;
    let Some((program, args)) = argv.split_first() else {
        return Err(retrieval_error(METHOD, "credential_process is empty"));
    };
    let output = run_bounded(program, args)?;
    if !output.success {
        return Err(retrieval_error(
            METHOD,
            &String::from_utf8_lossy(&output.stderr),
        ));
    }
    let stdout = String::from_utf8(output.stdout).map_err(|e| {
        retrieval_error(
            METHOD,
            &format!(
                "the output is not UTF-8 (byte {} is invalid)",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    parse_output(&stdout)
}

struct BoundedOutput {
    success: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs the command, keeping at most [`CREDENTIAL_PROCESS_OUTPUT_LIMIT`]
/// of each stream (botocore's `communicate()` keeps everything, so an
/// endless writer exhausts its memory). Output past the limit on standard
/// output is an error and the process is killed; standard error is cut
/// there (its pipe is closed, so the writer is not blocked).
fn run_bounded(program: &str, args: &[String]) -> Result<BoundedOutput, CliError> {
    use crate::limits::{read_to_limit, ReadError, CREDENTIAL_PROCESS_OUTPUT_LIMIT as LIMIT};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| CliError::Other(os_error(&e, program)))?;
    let stderr = child.stderr.take().map(|pipe| {
        std::thread::spawn(move || match read_to_limit(pipe, LIMIT) {
            Ok(bytes) => bytes,
            Err(ReadError::TooLarge { .. }) => b"(standard error cut at the limit)".to_vec(),
            Err(ReadError::Io(e)) => e.to_string().into_bytes(),
        })
    });
    let stdout = match child.stdout.take().map(|pipe| read_to_limit(pipe, LIMIT)) {
        Some(Ok(bytes)) => bytes,
        Some(Err(ReadError::TooLarge { limit })) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(retrieval_error(
                METHOD,
                &format!(
                    "the output of credential_process is larger than the {} limit",
                    crate::limits::describe(limit)
                ),
            ));
        }
        Some(Err(ReadError::Io(e))) => return Err(retrieval_error(METHOD, &e.to_string())),
        None => Vec::new(),
    };
    let status = child
        .wait()
        .map_err(|e| CliError::Other(os_error(&e, program)))?;
    let stderr = stderr
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    Ok(BoundedOutput {
        success: status.success(),
        stdout,
        stderr,
    })
}

/// Python's text for an `OSError` about `file`: `[Errno 2] No such file or
/// directory: 'cmd'`.
fn os_error(error: &std::io::Error, file: &str) -> String {
    let text = error.to_string();
    let reason = text.split(" (os error").next().unwrap_or(&text);
    match error.raw_os_error() {
        Some(code) => format!("[Errno {code}] {reason}: '{file}'"),
        None => format!("{reason}: '{file}'"),
    }
}

/// The process's JSON, checked as botocore checks it.
pub fn parse_output(stdout: &str) -> Result<Fetched, CliError> {
    let parsed = pyjson::loads(stdout).map_err(|e| CliError::Other(e.to_string()))?;
    let Value::Object(object) = &parsed else {
        let name = crate::pycompat::repr::type_of(&parsed)
            .trim_start_matches("<class '")
            .trim_end_matches("'>");
        return Err(CliError::Other(format!(
            "'{name}' object has no attribute 'get'"
        )));
    };
    let version_ok = match object.get("Version") {
        // Python compares with `!= 1`: 1, 1.0 and True all pass.
        Some(Value::Number(n)) => n.as_f64() == Some(1.0),
        Some(Value::Bool(b)) => *b,
        _ => false,
    };
    if !version_ok {
        let version = object
            .get("Version")
            .map(py_str)
            .unwrap_or_else(|| "<Version key not provided>".to_string());
        return Err(retrieval_error(
            METHOD,
            &format!(
                "Unsupported version '{version}' for credential process provider, supported versions: 1"
            ),
        ));
    }
    let required = |key: &str| -> Result<String, CliError> {
        object.get(key).map(py_str).ok_or_else(|| {
            retrieval_error(
                METHOD,
                &format!("Missing required key in response: '{key}'"),
            )
        })
    };
    let access_key_id = required("AccessKeyId")?;
    let secret_access_key = required("SecretAccessKey")?;
    let optional = |key: &str| match object.get(key) {
        None | Some(Value::Null) => None,
        Some(value) => Some(py_str(value)),
    };
    let expiry = match optional("Expiration") {
        None => None,
        Some(text) => Some(parse_expiry(&text).ok_or_else(|| {
            retrieval_error(
                METHOD,
                &format!("Expiration is not an ISO 8601 time: '{text}'"),
            )
        })?),
    };
    Ok(Fetched {
        credentials: Credentials {
            access_key_id,
            secret_access_key,
            session_token: optional("SessionToken"),
        },
        expiry,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<Fetched, CliError>) -> String {
        match result {
            Err(CliError::Other(m)) => m,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn output_checked_as_botocore() {
        let ok = parse_output(
            r#"{"Version": 1, "AccessKeyId": "AK", "SecretAccessKey": "SK", "SessionToken": "T", "Expiration": "2030-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(ok.credentials.access_key_id, "AK");
        assert_eq!(ok.credentials.session_token.as_deref(), Some("T"));
        assert_eq!(ok.expiry, Some(1893456000));
        assert!(
            parse_output(r#"{"Version": 1.0, "AccessKeyId": "A", "SecretAccessKey": "S"}"#).is_ok()
        );
        assert_eq!(
            message(parse_output("not json")),
            "Expecting value: line 1 column 1 (char 0)"
        );
        assert_eq!(
            message(parse_output("[1]")),
            "'list' object has no attribute 'get'"
        );
        assert_eq!(
            message(parse_output(r#"{"Version": "1"}"#)),
            "Error when retrieving credentials from custom-process: Unsupported version '1' for credential process provider, supported versions: 1"
        );
        assert_eq!(
            message(parse_output(r#"{"AccessKeyId": "a"}"#)),
            "Error when retrieving credentials from custom-process: Unsupported version '<Version key not provided>' for credential process provider, supported versions: 1"
        );
        assert_eq!(
            message(parse_output(r#"{"Version": 1, "SecretAccessKey": "s"}"#)),
            "Error when retrieving credentials from custom-process: Missing required key in response: 'AccessKeyId'"
        );
    }

    #[test]
    fn runs_without_a_shell() {
        let fetched = fetch(
            r#"printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "S"}' "a b;c""#,
        )
        .unwrap();
        assert_eq!(fetched.credentials.access_key_id, "a b;c");
        assert_eq!(
            message(fetch("/nonexistent/awsr-test x")),
            "[Errno 2] No such file or directory: '/nonexistent/awsr-test'"
        );
        assert_eq!(message(fetch("'unclosed")), "No closing quotation");
        assert_eq!(
            message(fetch("sh -c 'echo boom >&2; exit 3'")),
            "Error when retrieving credentials from custom-process: boom\n"
        );
    }
}
