// Ported from botocore 1.8.32 (botocore/credentials.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! botocore 1.8.32's default credential chain, in its order; the first
//! provider that finds credentials wins:
//!
//! 1. environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//!    `AWS_SECURITY_TOKEN` or `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`
//!    (skipped when `--profile` is given: a named profile means its files);
//! 2. assume role: the profile's `role_arn` with `source_profile` or
//!    `credential_source` ([`assume_role`]);
//! 3. the shared credentials file's `[profile]` section;
//! 4. the profile's `credential_process` ([`process`]);
//! 5. the config file's profile;
//! 6. `AWS_CREDENTIAL_FILE` (the old EC2 tools' `AWSAccessKeyId=` file);
//! 7. boto2's config (`BOTO_CONFIG`, else `/etc/boto.cfg` and `~/.boto`);
//! 8. container credentials ([`metadata`]);
//! 9. the EC2 instance metadata service ([`metadata`]).

pub mod assume_role;
pub mod metadata;
pub mod process;
pub mod sts;

use super::config::Env;
use super::error::CliError;
pub use super::http::Credentials;
use super::profile::{self, FullConfig, Section};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Credentials as fetched, with when they stop working (seconds since the
/// epoch), if they do.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub credentials: Credentials,
    pub expiry: Option<i64>,
}

/// Fetches fresh credentials (a process run, an STS call, a GET).
pub type Refresh = Box<dyn FnMut() -> Result<Fetched, CliError> + Send>;

/// Credentials a provider found: fixed, or refreshable as botocore's
/// `RefreshableCredentials` (and, with nothing fetched yet,
/// `DeferredRefreshableCredentials`).
pub struct Loaded {
    /// botocore's name for the provider (`env`, `assume-role`, ...).
    pub method: &'static str,
    current: Option<Fetched>,
    refresh: Option<Refresh>,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("method", &self.method)
            .field("current", &self.current)
            .finish_non_exhaustive()
    }
}

/// botocore refreshes credentials with less than this left, ignoring a
/// failure to (`_advisory_refresh_timeout`)...
const ADVISORY_REFRESH: i64 = 15 * 60;
/// ...and must refresh them with less than this left (`_mandatory_refresh_timeout`).
const MANDATORY_REFRESH: i64 = 10 * 60;

impl Loaded {
    pub fn fixed(method: &'static str, credentials: Credentials) -> Loaded {
        Loaded {
            method,
            current: Some(Fetched {
                credentials,
                expiry: None,
            }),
            refresh: None,
        }
    }

    /// Fetched credentials that `refresh` can renew; without an expiry they
    /// never need to be.
    pub fn refreshable(method: &'static str, fetched: Fetched, refresh: Refresh) -> Loaded {
        Loaded {
            method,
            current: Some(fetched),
            refresh: Some(refresh),
        }
    }

    /// Nothing fetched yet: the first use fetches.
    pub fn deferred(method: &'static str, refresh: Refresh) -> Loaded {
        Loaded {
            method,
            current: None,
            refresh: Some(refresh),
        }
    }

    /// The credentials to sign with now (`get_frozen_credentials`),
    /// refreshing them first as botocore would.
    pub fn frozen(&mut self, now: i64) -> Result<Credentials, CliError> {
        let remaining = match &self.current {
            None => None,
            Some(Fetched {
                expiry: None,
                credentials,
            }) => return Ok(credentials.clone()),
            Some(Fetched {
                expiry: Some(expiry),
                ..
            }) => Some(expiry - now),
        };
        if let Some(remaining) = remaining {
            if remaining >= ADVISORY_REFRESH {
                if let Some(current) = &self.current {
                    return Ok(current.credentials.clone());
                }
            }
        }
        let mandatory = remaining.is_none_or(|r| r < MANDATORY_REFRESH);
        let Some(refresh) = self.refresh.as_mut() else {
            return self
                .current
                .as_ref()
                .map(|c| c.credentials.clone())
                .ok_or(CliError::NoCredentials);
        };
        match refresh() {
            Ok(fetched) => {
                if fetched.expiry.is_some_and(|expiry| expiry - now < 0) {
                    return Err(CliError::Other(
                        "Credentials were refreshed, but the refreshed credentials are still expired."
                            .into(),
                    ));
                }
                let credentials = fetched.credentials.clone();
                self.current = Some(fetched);
                Ok(credentials)
            }
            Err(e) if mandatory => Err(e),
            // An advisory refresh that failed: the current ones still work.
            Err(_) => self
                .current
                .as_ref()
                .map(|c| c.credentials.clone())
                .ok_or(CliError::NoCredentials),
        }
    }
}

/// What the providers need from the session.
#[derive(Debug, Clone)]
pub struct Context {
    pub env: Env,
    pub full: Arc<FullConfig>,
    /// The session's region (for the STS endpoint), if any.
    pub region: Option<String>,
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    pub verify_ssl: bool,
    pub ca_bundle: Option<String>,
    /// `metadata_service_timeout` (seconds) and `metadata_service_num_attempts`.
    pub metadata_timeout: u64,
    pub metadata_attempts: u64,
    /// The home folder (`~`), for `~/.aws/cli/cache` and `~/.boto`.
    pub home: PathBuf,
}

impl Context {
    fn profile(&self, name: &str) -> Option<&Section> {
        self.full.profiles.get(name)
    }
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// An expiry time as the providers give it: ISO 8601 with `Z` or an offset,
/// or the `...UTC` form botocore writes to its cache; a time without a zone
/// is taken as UTC.
pub fn parse_expiry(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(time.timestamp());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(time) = chrono::DateTime::parse_from_str(text, format) {
            return Some(time.timestamp());
        }
    }
    let naive = ["UTC", "GMT", "Z"]
        .iter()
        .find_map(|zone| text.strip_suffix(zone))
        .unwrap_or(text)
        .trim_end();
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(time) = chrono::NaiveDateTime::parse_from_str(naive, format) {
            return Some(time.and_utc().timestamp());
        }
    }
    None
}

/// `PartialCredentialsError`.
fn partial(provider: &str, missing: &str) -> CliError {
    CliError::Other(format!(
        "Partial credentials found in {provider}, missing: {missing}"
    ))
}

/// `CredentialRetrievalError`.
pub fn retrieval_error(provider: &str, message: &str) -> CliError {
    CliError::Other(format!(
        "Error when retrieving credentials from {provider}: {message}"
    ))
}

/// The chain, for `profile_name` (`default` when none was named);
/// `explicit_profile` is true when it came from `--profile`.
pub fn resolve(
    context: &Context,
    profile_name: &str,
    explicit_profile: bool,
) -> Result<Option<Loaded>, CliError> {
    if !explicit_profile {
        if let Some(loaded) = from_env(&context.env)? {
            return Ok(Some(loaded));
        }
    }
    if let Some(loaded) = assume_role::load(context, profile_name)? {
        return Ok(Some(loaded));
    }
    if let Some(section) = context.full.credentials_sections.get(profile_name) {
        if let Some(loaded) = from_section("shared-credentials-file", section)? {
            return Ok(Some(loaded));
        }
    }
    if let Some(command) = context
        .profile(profile_name)
        .and_then(|p| p.get("credential_process"))
    {
        let command = command.as_text().unwrap_or_default().to_string();
        return process::load(&command).map(Some);
    }
    if let Some(section) = context.full.config_profiles.get(profile_name) {
        if let Some(loaded) = from_section("config-file", section)? {
            return Ok(Some(loaded));
        }
    }
    if let Some(loaded) = from_ec2_credential_file(&context.env)? {
        return Ok(Some(loaded));
    }
    if let Some(loaded) = from_boto_config(context)? {
        return Ok(Some(loaded));
    }
    if let Some(loaded) = metadata::container(&context.env)? {
        return Ok(Some(loaded));
    }
    metadata::instance(context)
}

/// `EnvProvider`.
pub fn from_env(env: &Env) -> Result<Option<Loaded>, CliError> {
    if env.get("AWS_ACCESS_KEY_ID").is_none() {
        return Ok(None);
    }
    let env = env.clone();
    let fetch = move |require_expiry: bool| -> Result<Fetched, CliError> {
        let access_key_id = env
            .get("AWS_ACCESS_KEY_ID")
            .ok_or_else(|| partial("env", "AWS_ACCESS_KEY_ID"))?;
        let secret_access_key = env
            .get("AWS_SECRET_ACCESS_KEY")
            .ok_or_else(|| partial("env", "AWS_SECRET_ACCESS_KEY"))?;
        let session_token = env
            .get("AWS_SECURITY_TOKEN")
            .or_else(|| env.get("AWS_SESSION_TOKEN"));
        let expiry = match env.get("AWS_CREDENTIAL_EXPIRATION") {
            None if require_expiry => return Err(partial("env", "AWS_CREDENTIAL_EXPIRATION")),
            None => None,
            Some(text) => Some(
                parse_expiry(&text)
                    .ok_or_else(|| CliError::Other(format!("Unknown string format: {text}")))?,
            ),
        };
        Ok(Fetched {
            credentials: Credentials {
                access_key_id,
                secret_access_key,
                session_token,
            },
            expiry,
        })
    };
    let fetched = fetch(false)?;
    if fetched.expiry.is_none() {
        return Ok(Some(Loaded::fixed("env", fetched.credentials)));
    }
    Ok(Some(Loaded::refreshable(
        "env",
        fetched,
        Box::new(move || fetch(true)),
    )))
}

fn text<'a>(section: &'a Section, key: &str) -> Option<&'a str> {
    section.get(key).map(|s| s.as_text().unwrap_or_default())
}

/// `SharedCredentialProvider` and `ConfigProvider`: static keys in a section.
fn from_section(method: &'static str, section: &Section) -> Result<Option<Loaded>, CliError> {
    let Some(access_key_id) = text(section, "aws_access_key_id") else {
        return Ok(None);
    };
    let secret_access_key = text(section, "aws_secret_access_key")
        .ok_or_else(|| partial(method, "aws_secret_access_key"))?;
    let session_token = text(section, "aws_security_token")
        .or_else(|| text(section, "aws_session_token"))
        .map(str::to_string);
    Ok(Some(Loaded::fixed(
        method,
        Credentials {
            access_key_id: access_key_id.to_string(),
            secret_access_key: secret_access_key.to_string(),
            session_token,
        },
    )))
}

/// `OriginalEC2Provider`: `AWS_CREDENTIAL_FILE`, lines of `key=value`.
fn from_ec2_credential_file(env: &Env) -> Result<Option<Loaded>, CliError> {
    let Some(path) = env.get("AWS_CREDENTIAL_FILE") else {
        return Ok(None);
    };
    let path = profile::expand_user(&path, &|name| env.get(name));
    let limit = crate::limits::CONFIG_FILE_LIMIT;
    let contents = match crate::limits::read_file(std::path::Path::new(&path), limit) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(crate::limits::ReadError::TooLarge { .. }) => {
            return Err(CliError::Other(crate::limits::too_large(
                std::path::Path::new(&path),
                limit,
                "config files",
            )))
        }
        Err(crate::limits::ReadError::Io(_)) => {
            return Err(CliError::Other(format!(
                "The specified config file ({path}) could not be found."
            )))
        }
    };
    let mut values = std::collections::HashMap::new();
    for line in contents.lines() {
        if let Some((key, value)) = line.split_once('=') {
            values.insert(key.trim().to_string(), value.trim().to_string());
        }
    }
    let Some(access_key_id) = values.get("AWSAccessKeyId") else {
        return Ok(None);
    };
    let secret_access_key = values
        .get("AWSSecretKey")
        .ok_or_else(|| partial("ec2-credentials-file", "AWSSecretKey"))?;
    Ok(Some(Loaded::fixed(
        "ec2-credentials-file",
        Credentials {
            access_key_id: access_key_id.clone(),
            secret_access_key: secret_access_key.clone(),
            session_token: None,
        },
    )))
}

/// `BotoProvider`: the `[Credentials]` section of boto2's config.
fn from_boto_config(context: &Context) -> Result<Option<Loaded>, CliError> {
    let locations = match context.env.get("BOTO_CONFIG") {
        Some(path) => vec![path],
        None => vec!["/etc/boto.cfg".to_string(), "~/.boto".to_string()],
    };
    for location in locations {
        let path = profile::expand_path(&location, &|name| context.env.get(name));
        let Some(sections) =
            profile::read_file(&path).map_err(|e| CliError::Other(e.to_string()))?
        else {
            continue;
        };
        if let Some(section) = sections.get("Credentials") {
            if let Some(access_key_id) = text(section, "aws_access_key_id") {
                let secret_access_key = text(section, "aws_secret_access_key")
                    .ok_or_else(|| partial("boto-config", "aws_secret_access_key"))?;
                return Ok(Some(Loaded::fixed(
                    "boto-config",
                    Credentials {
                        access_key_id: access_key_id.to_string(),
                        secret_access_key: secret_access_key.to_string(),
                        session_token: None,
                    },
                )));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(key: &str) -> Credentials {
        Credentials {
            access_key_id: key.into(),
            secret_access_key: "s".into(),
            session_token: None,
        }
    }

    #[test]
    fn refreshes_as_botocore() {
        let now = 1_000_000;
        // Far from expiry: no refresh.
        let mut loaded = Loaded::refreshable(
            "t",
            Fetched {
                credentials: creds("A"),
                expiry: Some(now + 3600),
            },
            Box::new(|| panic!("no refresh expected")),
        );
        assert_eq!(loaded.frozen(now).unwrap().access_key_id, "A");
        // In the advisory window a failed refresh is ignored.
        let mut loaded = Loaded::refreshable(
            "t",
            Fetched {
                credentials: creds("A"),
                expiry: Some(now + 12 * 60),
            },
            Box::new(|| Err(CliError::Other("down".into()))),
        );
        assert_eq!(loaded.frozen(now).unwrap().access_key_id, "A");
        // In the mandatory window it is not.
        let mut loaded = Loaded::refreshable(
            "t",
            Fetched {
                credentials: creds("A"),
                expiry: Some(now + 60),
            },
            Box::new(|| Err(CliError::Other("down".into()))),
        );
        assert_eq!(
            loaded.frozen(now).unwrap_err(),
            CliError::Other("down".into())
        );
        // Refreshed but still expired.
        let mut loaded = Loaded::refreshable(
            "t",
            Fetched {
                credentials: creds("A"),
                expiry: Some(now - 1),
            },
            Box::new(move || {
                Ok(Fetched {
                    credentials: creds("B"),
                    expiry: Some(now - 1),
                })
            }),
        );
        assert!(loaded.frozen(now).is_err());
        // Deferred: fetched on first use, then kept.
        let mut calls = 0;
        let mut loaded = Loaded::deferred(
            "t",
            Box::new(move || {
                calls += 1;
                assert_eq!(calls, 1);
                Ok(Fetched {
                    credentials: creds("D"),
                    expiry: Some(now + 3600),
                })
            }),
        );
        assert_eq!(loaded.frozen(now).unwrap().access_key_id, "D");
        assert_eq!(loaded.frozen(now + 1).unwrap().access_key_id, "D");
    }

    #[test]
    fn expiry_formats() {
        assert_eq!(parse_expiry("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(parse_expiry("1970-01-01T01:01:00+01:00"), Some(60));
        assert_eq!(parse_expiry("1970-01-01T00:01:00.123Z"), Some(60));
        assert_eq!(parse_expiry("1970-01-01T00:01:00UTC"), Some(60));
        assert_eq!(parse_expiry("1970-01-01T00:01:00"), Some(60));
        assert_eq!(parse_expiry("soon"), None);
    }

    #[test]
    fn environment_as_botocore() {
        assert!(from_env(&Env::from_pairs([])).unwrap().is_none());
        let env = Env::from_pairs([
            ("AWS_ACCESS_KEY_ID", "AK"),
            ("AWS_SECRET_ACCESS_KEY", "SK"),
            ("AWS_SESSION_TOKEN", "session"),
            ("AWS_SECURITY_TOKEN", "security"),
        ]);
        let creds = from_env(&env).unwrap().unwrap().frozen(0).unwrap();
        assert_eq!(creds.session_token.as_deref(), Some("security"));
        let env = Env::from_pairs([("AWS_ACCESS_KEY_ID", "AK")]);
        assert_eq!(
            from_env(&env).unwrap_err(),
            CliError::Other(
                "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY".into()
            )
        );
    }
}
