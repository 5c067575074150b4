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
use std::time::Duration;

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
pub(crate) fn debug_log(enabled: bool) -> &'static DebugLog {
    static LOG: OnceLock<DebugLog> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = DebugLog::new(enabled);
        log.install_tracing();
        log
    })
}

/// Sends `params` (already validated) and returns the parsed output.
pub fn call(
    service: &Service,
    operation: &Operation,
    mut params: Value,
    options: &CallOptions,
) -> Result<Value, CliError> {
    fill_idempotency_tokens(operation, &mut params);
    // First, so that credential resolution (an assume-role STS call) logs too.
    let log = debug_log(options.debug);
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
    // botocore signs for the endpoint's credential scope, but for the
    // region asked for when --endpoint-url names the endpoint.
    let resolved =
        super::endpoints::resolve(service.endpoint_prefix, service.signing_name, &region);
    let signing_region = match options.endpoint_url {
        Some(_) => region.clone(),
        None => resolved.signing_region.clone(),
    };
    let sign = options.sign_request && !operation.unsigned;
    let credentials = if sign {
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
    let error_code = |status: u16, body: &[u8]| service.protocol.parse_error(status, body).code;
    let retried = retry::send_signed(
        &retry::Call {
            policy: &service.retry,
            operation: operation.name,
            error_code: &error_code,
        },
        || unsigned.clone(),
        credentials.as_ref().map(|credentials| retry::Signer {
            credentials,
            region: &signing_region,
            signing_name: &resolved.signing_name,
        }),
        &target,
        options.verify_ssl,
        log,
        retry::LogAs {
            operation: operation.name,
            response_body: true,
        },
    );
    let url = http::request_url(&endpoint);
    let response = retried.outcome.map_err(|e| match e {
        // botocore 1.8.32 lets urllib3's ReadTimeoutError out as is.
        SendError::ReadTimeout(_) => {
            CliError::Other(read_timed_out(&endpoint, target.read_timeout))
        }
        other => other.into_cli_error(&url),
    })?;
    if (200..300).contains(&response.status) {
        return service
            .protocol
            .parse_output(operation, &response.body)
            .map_err(CliError::Other);
    }
    if let Some(crash) = error_body_not_an_object(response.status, &response.body) {
        return Err(CliError::Other(crash));
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
/// botocore's `generate_idempotent_uuid`: each idempotency-token member
/// left out gets a fresh UUID4, appended as botocore's dict does.
fn fill_idempotency_tokens(operation: &Operation, params: &mut Value) {
    if operation.idempotency_tokens.is_empty() {
        return;
    }
    if !params.is_object() {
        *params = Value::Object(Default::default());
    }
    if let Some(map) = params.as_object_mut() {
        for name in operation.idempotency_tokens {
            if !map.contains_key(*name) {
                map.insert(
                    (*name).to_string(),
                    Value::String(uuid::Uuid::new_v4().to_string()),
                );
            }
        }
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
        Value::Number(n) if crate::pycompat::number::is_float(&n) => "float",
        Value::Number(_) => "int",
    };
    Some(format!("'{type_name}' object has no attribute 'get'"))
}
