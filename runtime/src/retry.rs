//! botocore's legacy retry policy of this era (`botocore/data/_retry.json`,
//! `__default__`): up to 5 attempts in all, exponential backoff with a random
//! base (`rand * 2 ** (attempts - 1)` seconds), on connection errors and
//! timeouts, HTTP 429, 500, 502, 503, 504 and 509, and the throttling error
//! codes; never on other client errors.

use super::http::{Response, SendError};
use std::time::Duration;

/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: u32 = 5;

/// Throttling error codes botocore retries on a 400.
const THROTTLING_CODES: &[&str] = &["Throttling", "ThrottlingException", "ThrottledException"];

/// Whether botocore would try again after this outcome.
pub fn is_retryable(outcome: &Result<Response, SendError>) -> bool {
    match outcome {
        Err(SendError::Connect(_)) | Err(SendError::ReadTimeout(_)) => true,
        Err(SendError::Signing(_)) => false,
        Ok(response) => match response.status {
            429 | 500 | 502 | 503 | 504 | 509 => true,
            400 => {
                // Every service awsr calls speaks JSON, so its error body is read as JSON.
                let code = super::protocol::json::parse_error(response.status, &response.body).code;
                THROTTLING_CODES.contains(&code.as_str())
            }
            _ => false,
        },
    }
}

/// How long to wait after `attempts` attempts: `rand * 2 ** (attempts - 1)`
/// seconds, scaled by `scale` (1.0 normally; see [`delay_scale`]).
pub fn delay(attempts: u32, random: f64, scale: f64) -> Duration {
    let seconds = random * 2f64.powi(attempts.saturating_sub(1) as i32) * scale;
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
/// [`MAX_ATTEMPTS`] are used; `on_retry` hears of each retry and its delay.
pub fn with_retries(
    mut send: impl FnMut(u32) -> Result<Response, SendError>,
    mut on_retry: impl FnMut(u32, Duration, &Result<Response, SendError>),
) -> Retried {
    let scale = delay_scale();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let outcome = send(attempts);
        let retryable = is_retryable(&outcome);
        if !retryable || attempts >= MAX_ATTEMPTS {
            return Retried {
                outcome,
                attempts,
                max_attempts_reached: retryable,
            };
        }
        let wait = delay(attempts, fastrand::f64(), scale);
        on_retry(attempts, wait, &outcome);
        std::thread::sleep(wait);
    }
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

    #[test]
    fn retries_what_botocore_retries() {
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
        assert!(is_retryable(&Err(SendError::ReadTimeout("slow".into()))));
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
        let result = with_retries(|_| status(503, ""), |_, _, _| retries += 1);
        assert_eq!(
            (result.attempts, retries, result.max_attempts_reached),
            (5, 4, true)
        );
        let result = with_retries(
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
