// Ported from botocore 1.8.32 (botocore/credentials.py, botocore/utils.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! Credentials from the machine: a container's credential endpoint
//! (botocore's `ContainerProvider`) and the EC2 instance metadata service
//! (`InstanceMetadataProvider`).
//!
//! - Container: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (a path on
//!   `http://169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (whose
//!   host must be 169.254.170.2, localhost or 127.0.0.1), with
//!   `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the `Authorization` header; 2
//!   seconds per try, 3 tries a second apart, as botocore.
//! - Instance: `http://169.254.169.254/latest/meta-data/iam/security-credentials/`,
//!   `metadata_service_timeout` seconds (default 1) and
//!   `metadata_service_num_attempts` tries (default 1), so a machine that is
//!   not on EC2 waits a second at most; skipped entirely when
//!   `AWS_EC2_METADATA_DISABLED` is `true` (a later botocore's switch, which
//!   awsr honours so that tests and laptops never ask).

use super::{parse_expiry, retrieval_error, Context, Credentials, Fetched, Loaded};
use crate::config::{url_host, Env};
use crate::error::CliError;
use crate::http::{self, SendError};
use serde_json::Value;
use std::time::Duration;

const CONTAINER_IP: &str = "169.254.170.2";
const ALLOWED_HOSTS: [&str; 3] = [CONTAINER_IP, "localhost", "127.0.0.1"];
const CONTAINER_TIMEOUT: Duration = Duration::from_secs(2);
const CONTAINER_ATTEMPTS: u32 = 3;
const INSTANCE_URL: &str = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

/// `ContainerProvider`: `None` unless one of its variables is set; once it
/// is, failing to get credentials is an error.
pub fn container(env: &Env) -> Result<Option<Loaded>, CliError> {
    let url = match (
        env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
        env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
    ) {
        (Some(relative), _) => format!("http://{CONTAINER_IP}{relative}"),
        (None, Some(full)) => full,
        (None, None) => return Ok(None),
    };
    let token = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    let fetch = move || fetch_container(&url, token.as_deref());
    let fetched = fetch()?;
    Ok(Some(Loaded::refreshable(
        "container-role",
        fetched,
        Box::new(fetch),
    )))
}

fn fetch_container(url: &str, token: Option<&str>) -> Result<Fetched, CliError> {
    let host = url_host(url).unwrap_or_default();
    if !ALLOWED_HOSTS.contains(&host.as_str()) {
        return Err(CliError::Other(format!(
            "Unsupported host '{host}'.  Can only retrieve metadata from these hosts: {}",
            ALLOWED_HOSTS.join(", ")
        )));
    }
    let mut headers = vec![("Accept", "application/json")];
    if let Some(token) = token {
        headers.push(("Authorization", token));
    }
    let mut attempt = 0;
    let body = loop {
        attempt += 1;
        match get_json(url, &headers, CONTAINER_TIMEOUT) {
            Ok(body) => break body,
            Err(message) if attempt >= CONTAINER_ATTEMPTS => {
                return Err(retrieval_error(
                    "container-role",
                    &format!("Error retrieving metadata: {message}"),
                ))
            }
            Err(_) => std::thread::sleep(Duration::from_secs(1)),
        }
    };
    credentials_from(&body, "Token").map_err(|m| retrieval_error("container-role", &m))
}

/// One GET of a JSON document, with botocore's texts for what went wrong.
fn get_json(url: &str, headers: &[(&str, &str)], timeout: Duration) -> Result<Value, String> {
    let response = http::get(url, headers, timeout).map_err(|e| {
        let detail = match e {
            SendError::Connect(d) | SendError::ReadTimeout(d) | SendError::Signing(d) => d,
            other => other.into_cli_error(url).stderr().trim().to_string(),
        };
        format!("Received error when attempting to retrieve ECS metadata: {detail}")
    })?;
    let text = String::from_utf8_lossy(&response.body);
    if response.status != 200 {
        return Err(format!(
            "Received non 200 response ({}) from ECS metadata: {text}",
            response.status
        ));
    }
    serde_json::from_str(&text)
        .map_err(|_| format!("Unable to parse JSON returned from ECS metadata: {text}"))
}

/// The credentials in a metadata document (`Token` names the session token
/// in both the container's and the instance's answers).
fn credentials_from(body: &Value, token_key: &str) -> Result<Fetched, String> {
    let field = |key: &str| -> Result<String, String> {
        body.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("the metadata has no '{key}'"))
    };
    let expiration = field("Expiration")?;
    Ok(Fetched {
        credentials: Credentials {
            access_key_id: field("AccessKeyId")?,
            secret_access_key: field("SecretAccessKey")?,
            session_token: Some(field(token_key)?),
        },
        expiry: Some(
            parse_expiry(&expiration)
                .ok_or_else(|| format!("Expiration is not an ISO 8601 time: '{expiration}'"))?,
        ),
    })
}

/// `InstanceMetadataProvider`: `None` when the service does not answer (as
/// off EC2) or is disabled.
pub fn instance(context: &Context) -> Result<Option<Loaded>, CliError> {
    if context
        .env
        .get("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return Ok(None);
    }
    let timeout = Duration::from_secs(context.metadata_timeout);
    let attempts = context.metadata_attempts;
    let fetch =
        move || -> Option<Fetched> { fetch_instance(&|url| get_text(url, timeout, attempts)) };
    let Some(fetched) = fetch() else {
        return Ok(None);
    };
    Ok(Some(Loaded::refreshable(
        "iam-role",
        fetched,
        Box::new(move || {
            fetch().ok_or_else(|| {
                retrieval_error("iam-role", "the instance metadata service did not answer")
            })
        }),
    )))
}

/// `_get_request`: up to `attempts` GETs until one answers 200.
fn get_text(url: &str, timeout: Duration, attempts: u64) -> Option<String> {
    for _ in 0..attempts {
        if let Ok(response) = http::get(url, &[], timeout) {
            if response.status == 200 {
                return Some(String::from_utf8_lossy(&response.body).into_owned());
            }
        }
    }
    None
}

/// `retrieve_iam_role_credentials`: the role names under the credentials
/// URL, then each role's JSON; the last role in sorted order wins.
fn fetch_instance(get: &dyn Fn(&str) -> Option<String>) -> Option<Fetched> {
    let listing = get(INSTANCE_URL)?;
    let mut roles: Vec<(String, Value)> = Vec::new();
    for role in listing.split('\n') {
        if role.is_empty() || role.ends_with('/') {
            continue;
        }
        let document = get(&format!("{INSTANCE_URL}{role}"))?;
        if document.starts_with('{') {
            if let Ok(value) = serde_json::from_str::<Value>(&document) {
                roles.push((role.to_string(), value));
            }
        }
    }
    roles.sort_by(|a, b| a.0.cmp(&b.0));
    let (_, document) = roles.pop()?;
    credentials_from(&document, "Token").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_documents_as_botocore() {
        let get = |url: &str| -> Option<String> {
            match url.strip_prefix(INSTANCE_URL)? {
                "" => Some("alpha\nbeta".into()),
                "alpha" => Some(r#"{"AccessKeyId":"A","SecretAccessKey":"S","Token":"T","Expiration":"2030-01-01T00:00:00Z"}"#.into()),
                "beta" => Some(r#"{"AccessKeyId":"B","SecretAccessKey":"S","Token":"T","Expiration":"2030-01-01T00:00:00Z"}"#.into()),
                _ => None,
            }
        };
        let fetched = fetch_instance(&get).unwrap();
        assert_eq!(fetched.credentials.access_key_id, "B");
        assert_eq!(fetched.credentials.session_token.as_deref(), Some("T"));
        assert!(fetch_instance(&|_: &str| None).is_none());
    }

    #[test]
    fn disabled_instance_metadata_is_not_asked() {
        let context = Context {
            env: Env::from_pairs([("AWS_EC2_METADATA_DISABLED", "TRUE")]),
            full: Default::default(),
            region: None,
            connect_timeout: None,
            read_timeout: None,
            verify_ssl: true,
            ca_bundle: None,
            metadata_timeout: 1,
            metadata_attempts: 1,
            home: "/nonexistent".into(),
        };
        assert!(instance(&context).unwrap().is_none());
    }

    #[test]
    fn container_hosts_are_checked() {
        let env = Env::from_pairs([(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://example.com/creds",
        )]);
        assert_eq!(
            container(&env).unwrap_err(),
            CliError::Other(
                "Unsupported host 'example.com'.  Can only retrieve metadata from these hosts: 169.254.170.2, localhost, 127.0.0.1".into()
            )
        );
        assert!(container(&Env::from_pairs([])).unwrap().is_none());
    }
}
