// Ported from botocore 1.8.32 (botocore/retryhandler.py, _retry.json): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! botocore's legacy retry policy of this era (`botocore/data/_retry.json`),
//! as data: the generated `Service::retry` carries each service's attempts,
//! back-off and the responses worth retrying (the global policies plus the
//! service's and its operations': DynamoDB's 10 attempts from 0.05 s, its
//! `ProvisionedThroughputExceededException` and CRC32 check; Kinesis
//! `DescribeStream`'s `LimitExceededException`). Connection errors and
//! timeouts are retried by every policy; other client errors never.

use super::debug::DebugLog;
use super::http::{self, Credentials, Request, Response, SendError, Target};
pub use super::model::{RetryPolicy, DEFAULT_RETRY_ON};
use std::time::{Duration, Instant, SystemTime};

/// `_retry.json`'s `__default__`: 5 attempts in all, a random base.
pub const DEFAULT_POLICY: RetryPolicy = RetryPolicy {
    max_attempts: 5,
    base: None,
    retry_on: &[],
    crc32_header: None,
};

/// What a retry decision needs to know of the call: the operation, and how
/// its protocol reads an error code from a response.
#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub policy: &'a RetryPolicy,
    pub operation: &'a str,
    pub error_code: &'a dyn Fn(u16, &[u8]) -> String,
}

/// Whether botocore would try again after this outcome.
pub fn is_retryable(outcome: &Result<Response, SendError>, call: &Call<'_>) -> bool {
    match outcome {
        Err(SendError::Connect(_))
        | Err(SendError::Refused(..))
        | Err(SendError::ReadTimeout(_))
        | Err(SendError::ProxyTunnel(_))
        | Err(SendError::ProxyRefused { .. })
        | Err(SendError::Checksum { .. }) => true,
        // Not worth another attempt: the same answer would come back (and
        // a redirect is never followed, see SendError::Redirect).
        Err(SendError::Signing(_))
        | Err(SendError::Certificate(_))
        | Err(SendError::Redirect { .. })
        | Err(SendError::NoAdapter(_))
        | Err(SendError::TooLarge) => false,
        Ok(response) => {
            let mut code = None;
            DEFAULT_RETRY_ON
                .iter()
                .chain(call.policy.retry_on)
                .any(|when| {
                    when.status == response.status
                        && when.operation.is_none_or(|op| op == call.operation)
                        && when.code.is_none_or(|wanted| {
                            let code = code.get_or_insert_with(|| {
                                (call.error_code)(response.status, &response.body)
                            });
                            code == wanted
                        })
                })
        }
    }
}

/// botocore's CRC32Checker: a response whose body does not match the CRC32
/// in `header` becomes [`SendError::Checksum`]. Without the header, as is.
pub fn check_crc32(
    outcome: Result<Response, SendError>,
    header: Option<&str>,
) -> Result<Response, SendError> {
    let (Ok(response), Some(header)) = (&outcome, header) else {
        return outcome;
    };
    let Some(expected) = response
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(header))
        .and_then(|(_, value)| value.trim().parse::<u32>().ok())
    else {
        return outcome;
    };
    let actual = crc32fast::hash(&response.body);
    if actual == expected {
        outcome
    } else {
        Err(SendError::Checksum { expected, actual })
    }
}

/// How long to wait after `attempts` attempts: `base * 2 ** (attempts - 1)`
/// seconds, scaled by `scale` (1.0 normally; see [`delay_scale`]).
pub fn delay(attempts: u32, base: f64, scale: f64) -> Duration {
    let seconds = base * 2f64.powi(attempts.saturating_sub(1) as i32) * scale;
    Duration::from_secs_f64(seconds.clamp(0.0, 60.0))
}

/// `AWSR_DELAY_SCALE` multiplies retry backoff and waiter delays (tests set
/// it near zero so that five attempts or a waiter's 30 s polls do not hold
/// them up); 1.0 when unset or invalid.
pub fn delay_scale() -> f64 {
    std::env::var("AWSR_DELAY_SCALE")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(1.0)
}

/// The last outcome and how many attempts it took.
#[derive(Debug)]
pub struct Retried {
    pub outcome: Result<Response, SendError>,
    pub attempts: u32,
    /// The last outcome was retryable but no attempts were left.
    pub max_attempts_reached: bool,
}

/// Calls `send` until it succeeds, fails in a way not worth retrying, or
/// the policy's attempts are used; `on_retry` hears of each retry and its delay.
pub fn with_retries(
    call: &Call<'_>,
    mut send: impl FnMut(u32) -> Result<Response, SendError>,
    mut on_retry: impl FnMut(u32, Duration, &Result<Response, SendError>),
) -> Retried {
    let scale = delay_scale();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let outcome = check_crc32(send(attempts), call.policy.crc32_header);
        let retryable = is_retryable(&outcome, call);
        if !retryable || attempts >= call.policy.max_attempts {
            return Retried {
                outcome,
                attempts,
                max_attempts_reached: retryable,
            };
        }
        let base = call.policy.base.unwrap_or_else(fastrand::f64);
        let wait = delay(attempts, base, scale);
        on_retry(attempts, wait, &outcome);
        std::thread::sleep(wait);
    }
}

/// Who signs: the credentials, and the region and service name to sign for.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub signing_name: &'a str,
}

/// What to log of an exchange under `--debug`.
#[derive(Debug, Clone, Copy)]
pub struct LogAs<'a> {
    /// The operation, for the summary line.
    pub operation: &'a str,
    /// False when the body holds secrets not yet registered with the log
    /// (an AssumeRole answer carries new credentials).
    pub response_body: bool,
}

/// The one way awsr talks to AWS, for service calls and for the STS call of
/// assume-role profiles alike: `build` makes the request, which is signed
/// afresh for every attempt (a new `X-Amz-Date`, as botocore does) unless
/// `signer` is `None` (`--no-sign-request`), sent to `target`, logged, and
/// retried with [`with_retries`].
pub fn send_signed(
    call: &Call<'_>,
    build: impl Fn() -> Request,
    signer: Option<Signer<'_>>,
    target: &Target,
    verify_ssl: bool,
    log: &DebugLog,
    log_as: LogAs<'_>,
) -> Retried {
    let started = Instant::now();
    let retried = with_retries(
        call,
        |attempt| {
            let mut request = build();
            if let Some(signer) = signer {
                http::sign(
                    &mut request,
                    signer.credentials,
                    signer.region,
                    signer.signing_name,
                    SystemTime::now(),
                )?;
            }
            log.log(
                "request",
                format!(
                    "attempt {attempt}: {} {}\n{}\n\n{}",
                    request.method,
                    request.url,
                    headers_text(&request.headers),
                    String::from_utf8_lossy(&request.body)
                ),
            );
            let sent = Instant::now();
            let outcome = http::send(&request, target, verify_ssl);
            match &outcome {
                Ok(response) => log.log(
                    "response",
                    format!(
                        "status {} after {:.1} ms\n{}\n\n{}",
                        response.status,
                        sent.elapsed().as_secs_f64() * 1000.0,
                        headers_text(&response.headers),
                        if log_as.response_body {
                            String::from_utf8_lossy(&response.body).into_owned()
                        } else {
                            format!("<{} bytes not shown>", response.body.len())
                        }
                    ),
                ),
                Err(e) => log.log(
                    "response",
                    format!(
                        "no response after {:.1} ms: {e:?}",
                        sent.elapsed().as_secs_f64() * 1000.0
                    ),
                ),
            }
            outcome
        },
        |attempt, wait, _| {
            log.log(
                "retry",
                format!(
                    "attempt {attempt} is retryable; sleeping {:.3} s",
                    wait.as_secs_f64()
                ),
            );
        },
    );
    log.log(
        "call",
        format!(
            "{} finished after {} attempt(s) in {:.1} ms",
            log_as.operation,
            retried.attempts,
            started.elapsed().as_secs_f64() * 1000.0
        ),
    );
    retried
}

fn headers_text(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, body: &str) -> Result<Response, SendError> {
        Ok(Response {
            status,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        })
    }

    fn json_code(status: u16, body: &[u8]) -> String {
        crate::protocol::json::parse_error(status, body).code
    }

    fn default_call() -> Call<'static> {
        Call {
            policy: &DEFAULT_POLICY,
            operation: "ListThings",
            error_code: &json_code,
        }
    }

    #[test]
    fn retries_what_botocore_retries() {
        let call = default_call();
        let is_retryable = |outcome: &Result<Response, SendError>| is_retryable(outcome, &call);
        for code in [429, 500, 502, 503, 504, 509] {
            assert!(is_retryable(&status(code, "")), "{code}");
        }
        for code in [200, 400, 403, 404, 413] {
            assert!(!is_retryable(&status(code, "{}")), "{code}");
        }
        assert!(is_retryable(&status(
            400,
            r#"{"__type":"ThrottlingException","message":"slow"}"#
        )));
        assert!(!is_retryable(&status(
            400,
            r#"{"__type":"ValidationException"}"#
        )));
        assert!(is_retryable(&Err(SendError::Connect("refused".into()))));
        // The same answer would come back: a bad certificate, a redirect
        // (never followed), a body over the limit.
        assert!(!is_retryable(&Err(SendError::Certificate("bad".into()))));
        assert!(!is_retryable(&Err(SendError::Redirect {
            status: 307,
            location: "https://elsewhere/".into()
        })));
        assert!(!is_retryable(&Err(SendError::TooLarge)));
        assert!(is_retryable(&Err(SendError::ReadTimeout("slow".into()))));
    }

    #[test]
    fn a_service_or_operation_policy_adds_its_codes() {
        use crate::model::RetryWhen;
        const KINESIS: RetryPolicy = RetryPolicy {
            retry_on: &[RetryWhen {
                status: 400,
                code: Some("LimitExceededException"),
                operation: Some("DescribeStream"),
            }],
            ..DEFAULT_POLICY
        };
        let limit = status(400, r#"{"__type":"LimitExceededException"}"#);
        let mut call = Call {
            policy: &KINESIS,
            operation: "DescribeStream",
            error_code: &json_code,
        };
        assert!(is_retryable(&limit, &call));
        call.operation = "ListStreams";
        assert!(!is_retryable(&limit, &call));
    }

    #[test]
    fn a_body_that_does_not_match_its_crc32_is_an_error() {
        let with_crc = |crc: &str| {
            Ok(Response {
                status: 200,
                headers: vec![("x-amz-crc32".into(), crc.into())],
                body: b"{}".to_vec(),
            })
        };
        let good = crc32fast::hash(b"{}").to_string();
        assert!(check_crc32(with_crc(&good), Some("x-amz-crc32")).is_ok());
        assert!(matches!(
            check_crc32(with_crc("1"), Some("x-amz-crc32")),
            Err(SendError::Checksum { expected: 1, .. })
        ));
        // Only services whose policy names the header check it.
        assert!(check_crc32(with_crc("1"), None).is_ok());
    }

    #[test]
    fn backoff_doubles() {
        assert_eq!(delay(1, 1.0, 1.0), Duration::from_secs(1));
        assert_eq!(delay(3, 0.5, 1.0), Duration::from_secs(2));
        assert_eq!(delay(4, 1.0, 0.0), Duration::ZERO);
    }

    #[test]
    fn stops_after_five_attempts() {
        std::env::set_var("AWSR_DELAY_SCALE", "0");
        let mut retries = 0;
        let call = default_call();
        let result = with_retries(&call, |_| status(503, ""), |_, _, _| retries += 1);
        assert_eq!(
            (result.attempts, retries, result.max_attempts_reached),
            (5, 4, true)
        );
        let result = with_retries(
            &call,
            |n| {
                if n < 3 {
                    status(500, "")
                } else {
                    status(200, "{}")
                }
            },
            |_, _, _| {},
        );
        assert_eq!((result.attempts, result.max_attempts_reached), (3, false));
        assert!(matches!(result.outcome, Ok(Response { status: 200, .. })));
    }
}
