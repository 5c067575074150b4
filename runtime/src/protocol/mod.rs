//! Protocols: how an operation's input becomes an HTTP request and how a
//! response becomes output or a service error. The one place that knows the
//! wire format; `call` signs, sends and retries whatever a protocol builds.
//!
//! awsr speaks botocore's `json` protocol (versions 1.0 and 1.1) for service
//! calls. The next protocols (`rest-json`, `query`, `rest-xml`, `ec2`) are
//! new variants here; codegen refuses a model whose protocol has none.

pub mod json;

use super::http::Request;
use super::model::{Operation, Service};
use serde_json::Value;

/// A service's wire protocol, from its model's `metadata`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `metadata.protocol = "json"`: a POST of the input as JSON, the
    /// operation named in `X-Amz-Target: <targetPrefix>.<Operation>`.
    Json {
        /// `metadata.jsonVersion`: `Content-Type: application/x-amz-json-<version>`.
        version: &'static str,
        /// `metadata.targetPrefix`.
        target_prefix: &'static str,
    },
}

/// A service error as the protocol reads it from a non-2xx response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub code: String,
    pub message: String,
}

impl Protocol {
    /// The model's name for the protocol.
    pub fn name(&self) -> &'static str {
        match self {
            Protocol::Json { .. } => "json",
        }
    }

    /// The unsigned request for `operation` with validated `params`.
    pub fn request(
        &self,
        operation: &Operation,
        endpoint_url: &str,
        params: &Value,
    ) -> Result<Request, String> {
        match *self {
            Protocol::Json {
                version,
                target_prefix,
            } => json::request(version, target_prefix, operation, endpoint_url, params),
        }
    }

    /// A 2xx response body → the operation's output.
    pub fn parse_output(&self, operation: &Operation, body: &[u8]) -> Result<Value, String> {
        match self {
            Protocol::Json { .. } => json::parse_output(operation.output, body),
        }
    }

    /// A non-2xx response → botocore's error code and message.
    pub fn parse_error(&self, status: u16, body: &[u8]) -> ServiceError {
        // botocore's _is_generic_error_response, before any protocol: a 5xx
        // whose body is empty or an HTML page (a proxy's, a load
        // balancer's) carries no error of the service; the message is the
        // status's standard reason phrase (recorded: differential error/*).
        let trimmed = body.trim_ascii();
        if status >= 500 && (trimmed.is_empty() || trimmed.starts_with(b"<html>")) {
            return ServiceError {
                code: status.to_string(),
                message: python_reason_phrase(status).to_string(),
            };
        }
        match self {
            Protocol::Json { .. } => json::parse_error(status, body),
        }
    }
}

impl Service {
    /// Shorthand for `self.protocol.request(...)`.
    pub fn request(
        &self,
        operation: &Operation,
        endpoint_url: &str,
        params: &Value,
    ) -> Result<Request, String> {
        self.protocol.request(operation, endpoint_url, params)
    }
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
