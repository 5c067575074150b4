//! Making a validated call: serialise through the generated input type, sign,
//! send, and turn the response into output JSON or aws-cli's error.

use super::config;
use super::error::CliError;
use super::http::{self, SendError, Target};
use super::model::{Operation, Service};
use serde_json::Value;
use std::time::{Duration, SystemTime};

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
    let mut request = http::json_request(service, operation, &endpoint, body);
    if let Some(credentials) = &credentials {
        http::sign(
            &mut request,
            credentials,
            &region,
            service.signing_name,
            SystemTime::now(),
        )
        .map_err(|e| CliError::Other(format!("{e:?}")))?;
    }
    let response = http::send(&request, &target, options.verify_ssl).map_err(|e| match e {
        SendError::Connect(detail) => CliError::Connect {
            url: request.url.clone(),
            detail,
        },
        SendError::ReadTimeout(_) => CliError::ReadTimeout {
            url: request.url.clone(),
        },
        SendError::Signing(detail) => CliError::Other(detail),
    })?;
    if (200..300).contains(&response.status) {
        return (operation.parse_output)(&response.body).map_err(CliError::Other);
    }
    let (code, message) = service_error(response.status, &response.body);
    Err(CliError::Service {
        code,
        message,
        operation: operation.name.to_string(),
    })
}

/// botocore's JSON error parsing: the code from `__type` (after any `#`),
/// else the HTTP status; the message from `message` or `Message`, else the
/// body itself when it is not JSON (an HTML page from a proxy, say).
pub fn service_error(status: u16, body: &[u8]) -> (String, String) {
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
        assert_eq!(
            service_error(500, b"<html>oops</html>"),
            ("500".into(), "<html>oops</html>".into())
        );
        assert_eq!(service_error(503, b""), ("503".into(), "".into()));
    }
}
