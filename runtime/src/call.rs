//! Making a validated call: the service's protocol builds the request; here
//! it is signed, sent and retried, and the protocol reads the response into
//! output JSON or aws-cli's error.

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
    let unsigned = service
        .request(operation, &endpoint, &params)
        .map_err(CliError::Other)?;
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
            let mut request = unsigned.clone();
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
    let url = if endpoint.ends_with('/') {
        endpoint.clone()
    } else {
        format!("{endpoint}/")
    };
    let response = retried.outcome.map_err(|e| match e {
        SendError::Connect(detail) => CliError::Connect {
            url: url.clone(),
            detail,
        },
        SendError::ReadTimeout(_) => CliError::ReadTimeout { url: url.clone() },
        SendError::Signing(detail) => CliError::Other(detail),
    })?;
    if (200..300).contains(&response.status) {
        return service
            .protocol
            .parse_output(operation, &response.body)
            .map_err(CliError::Other);
    }
    let super::protocol::ServiceError { code, message } = service
        .protocol
        .parse_error(response.status, &response.body);
    Err(CliError::Service {
        code,
        message,
        operation: operation.name.to_string(),
        max_retries_reached: retried
            .max_attempts_reached
            .then(|| retried.attempts.saturating_sub(1)),
    })
}
