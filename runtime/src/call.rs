//! Making a validated call: serialise through the generated input type, sign,
//! send, and turn the response into output JSON or aws-cli's error.

use super::config;
use super::debug::DebugLog;
use super::error::CliError;
use super::http::{self, SendError, Target};
use super::model::{Operation, Service};
use super::retry;
use serde_json::Value;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

/// Connection settings from the global options.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub verify_ssl: bool,
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    /// `--profile` (else `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`, else `default`).
    pub profile: Option<String>,
    /// `--ca-bundle` (else `AWS_CA_BUNDLE`, else the profile's `ca_bundle`).
    pub ca_bundle: Option<String>,
    /// False with `--no-sign-request`.
    pub sign_request: bool,
    /// `--debug`: log the resolution and the wire traffic to stderr.
    pub debug: bool,
}

/// The process's debug log (one per process, like aws-cli's logger).
fn debug_log(enabled: bool) -> &'static DebugLog {
    static LOG: OnceLock<DebugLog> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = DebugLog::new(enabled);
        log.install_tracing();
        log
    })
}

fn headers_text(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sends `params` (already validated) and returns the parsed output.
pub fn call(
    service: &Service,
    operation: &Operation,
    params: Value,
    options: &CallOptions,
) -> Result<Value, CliError> {
    let session = config::session(options);
    let region = session.region()?.ok_or(CliError::NoRegion)?;
    // aws-cli prints response timestamps as the wire has them unless the
    // profile asks for iso8601.
    if let Some(format) = session.cli_timestamp_format()? {
        super::types::set_cli_timestamp_format(&format).map_err(CliError::Other)?;
    }
    let endpoint = config::endpoint_url(
        options.endpoint_url.as_deref(),
        service.endpoint_prefix,
        &region,
    )?;
    // botocore resolves credentials when it makes the client; none are
    // needed (or looked for) with --no-sign-request.
    let credentials = if options.sign_request {
        Some(session.credentials()?)
    } else {
        None
    };
    let body = (operation.serialize)(params).map_err(CliError::Other)?;
    let body = super::wire_layout::python_layout(&body);
    // requests reads the CA bundle only for https.
    let root_certs = match session.ca_bundle()? {
        Some(path) if http::is_https(&endpoint) => {
            Some(http::load_ca_bundle(&path).map_err(CliError::Other)?)
        }
        _ => None,
    };
    let target = Target {
        endpoint_url: endpoint.clone(),
        region: region.clone(),
        connect_timeout: options.connect_timeout.unwrap_or(Duration::from_secs(60)),
        read_timeout: options.read_timeout.unwrap_or(Duration::from_secs(60)),
        root_certs,
    };
    let log = debug_log(options.debug);
    if log.enabled() {
        if let Some(credentials) = &credentials {
            log.secret(&credentials.secret_access_key);
            if let Some(token) = &credentials.session_token {
                log.secret(token);
            }
        }
        log.log(
            "session",
            format!(
                "profile: {}; region: {region}; endpoint: {endpoint}; credentials: {}",
                session.profile_name().unwrap_or_else(|| "default".into()),
                match (&credentials, session.credential_method()) {
                    (None, _) => "none (--no-sign-request)".to_string(),
                    (Some(c), method) => format!(
                        "{} (access key {})",
                        method.unwrap_or("unknown"),
                        c.access_key_id
                    ),
                }
            ),
        );
    }
    let started = Instant::now();
    let retried = retry::with_retries(
        |attempt| {
            // Every attempt is signed afresh, as botocore does (a new X-Amz-Date).
            let mut request = http::json_request(service, operation, &endpoint, body.clone());
            if let Some(credentials) = &credentials {
                http::sign(
                    &mut request,
                    credentials,
                    &region,
                    service.signing_name,
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
            let outcome = http::send(&request, &target, options.verify_ssl);
            match &outcome {
                Ok(response) => log.log(
                    "response",
                    format!(
                        "status {} after {:.1} ms\n{}\n\n{}",
                        response.status,
                        sent.elapsed().as_secs_f64() * 1000.0,
                        headers_text(&response.headers),
                        String::from_utf8_lossy(&response.body)
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
            operation.name,
            retried.attempts,
            started.elapsed().as_secs_f64() * 1000.0
        ),
    );
    let url = http::request_url(&endpoint);
    let response = retried.outcome.map_err(|e| match e {
        SendError::Connect(detail) => CliError::Connect {
            url: url.clone(),
            detail,
        },
        // botocore 1.8.32 lets urllib3's ReadTimeoutError out as is.
        SendError::ReadTimeout(_) => {
            CliError::Other(read_timed_out(&endpoint, target.read_timeout))
        }
        // botocore 1.8.32's vendored requests lets a refused connection out
        // as urllib3's ProtocolError, which aws-cli prints as is (recorded in
        // differential/cases.json.gz: endpoint/*).
        SendError::Refused(strerror, errno) => CliError::Other(format!(
            "('Connection aborted.', ConnectionRefusedError({errno}, '{strerror}'))"
        )),
        SendError::Signing(detail) => CliError::Other(detail),
    })?;
    if (200..300).contains(&response.status) {
        return (operation.parse_output)(&response.body).map_err(CliError::Other);
    }
    if let Some(crash) = error_body_not_an_object(response.status, &response.body) {
        return Err(CliError::Other(crash));
    }
    let (code, message) = service_error(response.status, &response.body);
    Err(CliError::Service {
        code,
        message,
        operation: operation.name.to_string(),
        max_retries_reached: retried
            .max_attempts_reached
            .then(|| retried.attempts.saturating_sub(1)),
    })
}

/// botocore's JSON error parsing: the code from `__type` (after any `#`),
/// else the HTTP status; the message from `message` or `Message`, else the
/// body itself when it is not JSON (an HTML page from a proxy, say).
pub fn service_error(status: u16, body: &[u8]) -> (String, String) {
    // botocore's _is_generic_error_response: a 5xx whose body is empty or an
    // HTML page (a proxy's, a load balancer's) carries no error of the
    // service; the message is the status's standard reason phrase.
    let trimmed = body.trim_ascii();
    if status >= 500 && (trimmed.is_empty() || trimmed.starts_with(b"<html>")) {
        return (status.to_string(), python_reason_phrase(status).to_string());
    }
    let text = String::from_utf8_lossy(body);
    let parsed: Option<serde_json::Map<String, Value>> = if body.is_empty() {
        Some(Default::default())
    } else {
        serde_json::from_slice(body).ok()
    };
    match parsed {
        Some(object) => {
            let code = match object.get("__type").and_then(Value::as_str) {
                Some(t) => t.rsplit('#').next().unwrap_or(t).to_string(),
                None => status.to_string(),
            };
            let message = object
                .get("message")
                .or_else(|| object.get("Message"))
                .map(|m| match m {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_default();
            (code, message)
        }
        None => (status.to_string(), text.into_owned()),
    }
}

/// urllib3's text for a read timeout, which aws-cli 1.14.28 prints:
/// `HTTPConnectionPool(host='h', port=80): Read timed out. (read timeout=60)`.
fn read_timed_out(endpoint: &str, timeout: Duration) -> String {
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("https", endpoint));
    let https = scheme.eq_ignore_ascii_case("https");
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) && !port.is_empty() => {
            (host, port.to_string())
        }
        _ => (authority, if https { "443" } else { "80" }.to_string()),
    };
    format!(
        "{}ConnectionPool(host='{host}', port={port}): Read timed out. (read timeout={})",
        if https { "HTTPS" } else { "HTTP" },
        timeout.as_secs()
    )
}

/// An error body that is JSON but not an object: botocore calls `.get` on
/// it, and aws-cli prints the AttributeError (`'list' object has no
/// attribute 'get'`) instead of a service error.
fn error_body_not_an_object(status: u16, body: &[u8]) -> Option<String> {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() || (status >= 500 && trimmed.starts_with(b"<html>")) {
        return None;
    }
    let type_name = match serde_json::from_slice::<Value>(body).ok()? {
        Value::Object(_) => return None,
        Value::Array(_) => "list",
        Value::String(_) => "str",
        Value::Bool(_) => "bool",
        Value::Null => "NoneType",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
    };
    Some(format!("'{type_name}' object has no attribute 'get'"))
}

/// Python's `http.client.responses` for the statuses a generic error can
/// have (5xx); empty for any other, as `responses.get(status, '')`.
fn python_reason_phrase(status: u16) -> &'static str {
    match status {
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::service_error;

    #[test]
    fn error_codes_and_messages_as_botocore() {
        assert_eq!(
            service_error(
                400,
                br#"{"__type":"com.amazon#InvalidRequestException","message":"nope"}"#
            ),
            ("InvalidRequestException".into(), "nope".into())
        );
        assert_eq!(
            service_error(400, br#"{"__type":"X","Message":"M"}"#),
            ("X".into(), "M".into())
        );
        // a 5xx with an HTML page or nothing: the reason phrase
        assert_eq!(
            service_error(500, b"<html>oops</html>"),
            ("500".into(), "Internal Server Error".into())
        );
        assert_eq!(
            service_error(502, b"  <html>\n</html>\n"),
            ("502".into(), "Bad Gateway".into())
        );
        assert_eq!(
            service_error(503, b""),
            ("503".into(), "Service Unavailable".into())
        );
        // anything else that is not JSON is the message itself
        assert_eq!(
            service_error(413, b"<html>too big</html>"),
            ("413".into(), "<html>too big</html>".into())
        );
        assert_eq!(
            service_error(500, b"<HTML>x</HTML>"),
            ("500".into(), "<HTML>x</HTML>".into())
        );
    }
}
