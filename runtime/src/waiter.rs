// Ported from botocore 1.8.32 (botocore/waiter.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! botocore's waiters (`botocore/waiter.py`, 1.8.32): call the operation,
//! match the response against the acceptors in order, and stop on success
//! or failure, else sleep `delay` seconds, up to `max_attempts` calls.

use super::error::CliError;
use super::expression::search;
use super::model::{Acceptor, Waiter};
use serde_json::Value;
use std::time::Duration;

/// What one poll returned: the parsed output, or the service's error.
pub enum Polled {
    Output(Value),
    ServiceError { code: String, message: String },
}

fn matches(acceptor: &Acceptor, polled: &Polled) -> bool {
    let expected: Value = serde_json::from_str(acceptor.expected).unwrap_or(Value::Null);
    let argument = acceptor.argument.unwrap_or("");
    match (acceptor.matcher, polled) {
        ("path", Polled::Output(out)) => search(out, argument) == expected,
        ("pathAll", Polled::Output(out)) => match search(out, argument) {
            Value::Array(items) => !items.is_empty() && items.iter().all(|i| *i == expected),
            _ => false,
        },
        ("pathAny", Polled::Output(out)) => match search(out, argument) {
            Value::Array(items) => items.contains(&expected),
            _ => false,
        },
        // A parsed success response is a 200.
        ("status", Polled::Output(_)) => expected == 200,
        ("error", Polled::ServiceError { code, .. }) => expected.as_str() == Some(code.as_str()),
        _ => false,
    }
}

/// Runs `waiter`, calling `poll` for each attempt; `delay_scale` multiplies
/// the model's delay (1.0 normally).
pub fn wait(
    waiter: &Waiter,
    mut poll: impl FnMut() -> Result<Polled, CliError>,
    delay_scale: f64,
) -> Result<(), CliError> {
    let fail = |reason: &str| CliError::Other(format!("Waiter {} failed: {reason}", waiter.name));
    let mut attempts = 0;
    loop {
        let polled = poll()?;
        attempts += 1;
        match waiter.acceptors.iter().find(|a| matches(a, &polled)) {
            Some(a) if a.state == "success" => return Ok(()),
            Some(a) if a.state == "failure" => {
                return Err(fail("Waiter encountered a terminal failure state"))
            }
            Some(_) => {}
            None => {
                if let Polled::ServiceError { message, .. } = &polled {
                    return Err(fail(message));
                }
            }
        }
        if attempts >= waiter.max_attempts {
            return Err(fail("Max attempts exceeded"));
        }
        let seconds = (f64::from(waiter.delay) * delay_scale).clamp(0.0, 3600.0);
        std::thread::sleep(Duration::from_secs_f64(seconds));
    }
}
