// Ported from botocore 1.8.32 (botocore/credentials.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! Assume-role profiles (botocore's `AssumeRoleProvider`, with aws-cli's
//! `~/.aws/cli/cache`): a profile with `role_arn` gets temporary credentials
//! from STS AssumeRole, signed with the credentials of its `source_profile`
//! (static keys, or another assume-role profile) or its `credential_source`
//! (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`), passing
//! `role_session_name`, `external_id` and `mfa_serial` (with a code asked
//! for on the terminal). Answers are cached in `~/.aws/cli/cache/<sha1>.json`
//! under aws-cli's key, and reused until 15 minutes before they expire.

use super::sts::{self, StsTarget};
use super::{
    metadata, now, parse_expiry, partial, retrieval_error, Context, Credentials, Fetched, Loaded,
};
use crate::error::CliError;
use crate::profile::Section;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

const METHOD: &str = "assume-role";
/// Cached credentials are used until this close to their expiry.
const CACHE_EXPIRY_WINDOW: i64 = 15 * 60;
/// The `credential_source` values botocore knows (matched exactly).
const CREDENTIAL_SOURCES: [&str; 3] = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];

/// `Some` when `profile_name` has a `role_arn`.
pub fn load(context: &Context, profile_name: &str) -> Result<Option<Loaded>, CliError> {
    let has_role = context
        .profile(profile_name)
        .is_some_and(|p| p.contains_key("role_arn"));
    if !has_role {
        return Ok(None);
    }
    let mut visited = vec![profile_name.to_string()];
    via_assume_role(context, profile_name, &mut visited).map(Some)
}

/// A profile's role settings, checked.
struct RoleConfig {
    role_arn: String,
    role_session_name: Option<String>,
    external_id: Option<String>,
    mfa_serial: Option<String>,
    source_profile: Option<String>,
    credential_source: Option<String>,
}

fn setting(profile: &Section, key: &str) -> Option<String> {
    profile
        .get(key)
        .map(|s| s.as_text().unwrap_or_default().to_string())
}

fn invalid(message: String) -> CliError {
    CliError::Other(message)
}

/// botocore resolves a chain of `source_profile`s recursively (and a chain
/// of a few hundred exhausts Python's recursion limit); awsr walks it in a
/// loop, so thousands of profiles cost neither stack nor more than linear
/// time, and fetches along the chain in a loop too (see [`Chain`]).
fn via_assume_role(
    context: &Context,
    profile_name: &str,
    visited: &mut Vec<String>,
) -> Result<Loaded, CliError> {
    let target = sts_target(context);
    // Outermost first: the profile asked for, then its source, and so on.
    let mut links = Vec::new();
    let mut name = profile_name.to_string();
    let base = loop {
        let config = role_config(context, &name, visited)?;
        let source = source_credentials(context, &config, &name, visited)?;
        links.push((std::mem::take(&mut name), config));
        match source {
            Source::Loaded(loaded) => break loaded,
            Source::Role(next) => name = next,
        }
    };
    let links = links
        .into_iter()
        .rev()
        .map(|(name, config)| Fetcher::new(config, target.clone(), context.home.clone(), &name))
        .collect();
    let mut chain = Chain { base, links };
    Ok(Loaded::deferred(METHOD, Box::new(move || chain.fetch())))
}

fn sts_target(context: &Context) -> StsTarget {
    let (endpoint_url, signing_region) = match context
        .env
        .get(sts::ENDPOINT_VARIABLE)
        .filter(|url| !url.is_empty())
    {
        Some(url) => (
            url,
            context
                .region
                .clone()
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| "us-east-1".into()),
        ),
        None => sts::endpoint(context.region.as_deref()),
    };
    StsTarget {
        endpoint_url,
        signing_region,
        connect_timeout: context.connect_timeout.unwrap_or(Duration::from_secs(60)),
        read_timeout: context.read_timeout.unwrap_or(Duration::from_secs(60)),
        verify_ssl: context.verify_ssl,
        ca_bundle: context.ca_bundle.clone(),
    }
}

/// A chain of roles: `base` (static keys or a credential source) signs the
/// innermost AssumeRole, whose answer signs the next, out to the profile
/// asked for, the last of `links`.
struct Chain {
    base: Loaded,
    links: Vec<Fetcher>,
}

impl Chain {
    /// As botocore's nested providers would: the outermost cached answer
    /// still valid is used, and only the links outside it call STS.
    fn fetch(&mut self) -> Result<Fetched, CliError> {
        let mut start = 0;
        let mut fetched = None;
        for (i, link) in self.links.iter().enumerate().rev() {
            if let Some(cached) = link.cached() {
                start = i + 1;
                fetched = Some(cached);
                break;
            }
        }
        for link in self.links.iter_mut().skip(start) {
            let source = match &fetched {
                Some(previous) => previous.credentials.clone(),
                None => self.base.frozen(now())?,
            };
            fetched = Some(link.assume(&source)?);
        }
        fetched.ok_or_else(|| CliError::Other("the assume-role chain is empty".into()))
    }
}

/// `_get_role_config`, with its checks in botocore's order.
fn role_config(
    context: &Context,
    profile_name: &str,
    visited: &[String],
) -> Result<RoleConfig, CliError> {
    let profile = context.profile(profile_name).cloned().unwrap_or_default();
    let Some(role_arn) = setting(&profile, "role_arn") else {
        // botocore fails with KeyError('role_arn') here.
        return Err(invalid(format!(
            "The profile \"{profile_name}\" is used as a source_profile but has neither static credentials (aws_access_key_id, aws_secret_access_key) nor a role_arn"
        )));
    };
    let config = RoleConfig {
        role_arn,
        role_session_name: setting(&profile, "role_session_name"),
        external_id: setting(&profile, "external_id"),
        mfa_serial: setting(&profile, "mfa_serial"),
        source_profile: setting(&profile, "source_profile"),
        credential_source: setting(&profile, "credential_source"),
    };
    match (&config.source_profile, &config.credential_source) {
        (Some(_), Some(_)) => Err(invalid(format!(
            "The profile \"{profile_name}\" contains both source_profile and credential_source."
        ))),
        (None, None) => Err(partial(METHOD, "source_profile or credential_source")),
        (None, Some(source)) => {
            if CREDENTIAL_SOURCES.contains(&source.as_str()) {
                Ok(config)
            } else {
                Err(invalid(format!(
                    "The credential source \"{source}\" referenced in profile \"{profile_name}\" is not valid."
                )))
            }
        }
        (Some(source), None) => {
            validate_source_profile(context, profile_name, source, visited)?;
            Ok(config)
        }
    }
}

fn validate_source_profile(
    context: &Context,
    parent: &str,
    source: &str,
    visited: &[String],
) -> Result<(), CliError> {
    let Some(source_config) = context.profile(source) else {
        return Err(invalid(format!(
            "The source_profile \"{source}\" referenced in the profile \"{parent}\" does not exist."
        )));
    };
    if !visited.iter().any(|v| v == source) {
        return Ok(());
    }
    // A profile may name itself when it holds static keys.
    if source == parent && has_static_credentials(source_config) {
        return Ok(());
    }
    let list: Vec<String> = visited.iter().map(|v| format!("'{v}'")).collect();
    Err(invalid(format!(
        "Infinite loop in credential configuration detected. Attempting to load from profile {source} which has already been visited. Visited profiles: [{}]",
        list.join(", ")
    )))
}

fn has_static_credentials(profile: &Section) -> bool {
    profile.contains_key("aws_secret_access_key") || profile.contains_key("aws_access_key_id")
}

/// What signs a profile's AssumeRole call.
enum Source {
    /// Static keys or a credential source.
    Loaded(Loaded),
    /// The answer of the named source profile's own AssumeRole.
    Role(String),
}

/// The credentials that sign the AssumeRole call.
fn source_credentials(
    context: &Context,
    config: &RoleConfig,
    profile_name: &str,
    visited: &mut Vec<String>,
) -> Result<Source, CliError> {
    if let Some(source) = &config.credential_source {
        let loaded = match source.as_str() {
            "Environment" => super::from_env(&context.env)?,
            "Ec2InstanceMetadata" => metadata::instance(context)?,
            _ => metadata::container(&context.env)?,
        };
        return loaded.map(Source::Loaded).ok_or_else(|| {
            retrieval_error(
                source,
                &format!(
                    "No credentials found in credential_source referenced in profile {profile_name}"
                ),
            )
        });
    }
    let source = config.source_profile.clone().unwrap_or_default();
    visited.push(source.clone());
    let profile = context.profile(&source).cloned().unwrap_or_default();
    if has_static_credentials(&profile) {
        let key = |name: &str| {
            setting(&profile, name).ok_or_else(|| partial(METHOD, &format!("'{name}'")))
        };
        return Ok(Source::Loaded(Loaded::fixed(
            "shared-config",
            Credentials {
                access_key_id: key("aws_access_key_id")?,
                secret_access_key: key("aws_secret_access_key")?,
                session_token: setting(&profile, "aws_session_token"),
            },
        )));
    }
    Ok(Source::Role(source))
}

/// `AssumeRoleCredentialFetcher` with aws-cli's `JSONFileCache`.
struct Fetcher {
    /// AssumeRole's parameters in botocore's order.
    params: Vec<(String, String)>,
    mfa_serial: Option<String>,
    mfa_used: bool,
    cache_file: PathBuf,
    target: StsTarget,
    profile_name: String,
}

impl Fetcher {
    fn new(config: RoleConfig, target: StsTarget, home: PathBuf, profile_name: &str) -> Fetcher {
        let mut params = Vec::new();
        if let Some(name) = &config.role_session_name {
            params.push(("RoleSessionName".to_string(), name.clone()));
        }
        if let Some(id) = &config.external_id {
            params.push(("ExternalId".to_string(), id.clone()));
        }
        if let Some(serial) = &config.mfa_serial {
            params.push(("SerialNumber".to_string(), serial.clone()));
        }
        params.push(("RoleArn".to_string(), config.role_arn.clone()));
        // The cache key leaves out a generated session name.
        let key = cache_key(&params);
        if config.role_session_name.is_none() {
            params.push((
                "RoleSessionName".to_string(),
                format!("botocore-session-{}", now()),
            ));
        }
        Fetcher {
            params,
            mfa_serial: config.mfa_serial,
            mfa_used: false,
            cache_file: home
                .join(".aws")
                .join("cli")
                .join("cache")
                .join(format!("{key}.json")),
            target,
            profile_name: profile_name.to_string(),
        }
    }

    /// Calls AssumeRole signed with `source` (the cache was checked by [`Chain`]).
    fn assume(&mut self, source: &Credentials) -> Result<Fetched, CliError> {
        let mut params = self.params.clone();
        if let Some(serial) = &self.mfa_serial {
            if self.mfa_used {
                return Err(CliError::Other(
                    "Cannot refresh credentials: MFA token required.".into(),
                ));
            }
            self.mfa_used = true;
            params.push((
                "TokenCode".to_string(),
                prompt_mfa(serial, &self.profile_name)?,
            ));
        }
        let assumed = sts::assume_role(&self.target, source, &params)?;
        self.write_cache(&assumed);
        Ok(assumed.fetched)
    }

    fn cached(&self) -> Option<Fetched> {
        // A cache file too large to be ours is ignored, as a corrupt one is.
        let bytes =
            crate::limits::read_file(&self.cache_file, crate::limits::CONFIG_FILE_LIMIT).ok()?;
        let value: Value = serde_json::from_slice(&bytes).ok()?;
        let credentials = value.get("Credentials")?;
        let field = |name: &str| {
            credentials
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let expiry = parse_expiry(&field("Expiration")?)?;
        if expiry - now() < CACHE_EXPIRY_WINDOW {
            return None;
        }
        Some(Fetched {
            credentials: Credentials {
                access_key_id: field("AccessKeyId")?,
                secret_access_key: field("SecretAccessKey")?,
                session_token: field("SessionToken"),
            },
            expiry: Some(expiry),
        })
    }

    /// Best effort, as a cache should be: the credentials work either way.
    fn write_cache(&self, assumed: &sts::AssumedRole) {
        let credentials = &assumed.fetched.credentials;
        let mut document = json!({
            "Credentials": {
                "AccessKeyId": credentials.access_key_id,
                "SecretAccessKey": credentials.secret_access_key,
                "SessionToken": credentials.session_token,
                "Expiration": assumed.expiration,
            }
        });
        if let (Some(id), Some(arn)) = (&assumed.assumed_role_id, &assumed.arn) {
            document["AssumedRoleUser"] = json!({"AssumedRoleId": id, "Arn": arn});
        }
        let Some(dir) = self.cache_file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        if let Ok(mut file) = options.open(&self.cache_file) {
            use std::io::Write;
            let _ = file.write_all(document.to_string().as_bytes());
        }
    }
}

/// aws-cli's cache key: the SHA-1 of `json.dumps(args, sort_keys=True)`.
pub fn cache_key(params: &[(String, String)]) -> String {
    use sha1::{Digest, Sha1};
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let object: serde_json::Map<String, serde_json::Value> = sorted
        .into_iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let json = crate::pycompat::json::dumps(&serde_json::Value::Object(object));
    Sha1::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// botocore asks with `getpass`; awsr asks on the terminal too, and only
/// when standard input is one, so that scripts fail instead of hanging.
fn prompt_mfa(serial: &str, profile_name: &str) -> Result<String, CliError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Other(format!(
            "The profile \"{profile_name}\" needs an MFA code for {serial} (mfa_serial), which awsr asks for only on a terminal: standard input is not a TTY"
        )));
    }
    rpassword::prompt_password(format!("Enter MFA code for {serial}: "))
        .map_err(|e| CliError::Other(format!("Could not read the MFA code: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Env;
    use crate::profile::{parse, FullConfig};
    use std::sync::Arc;

    fn context(config: &str) -> Context {
        Context {
            env: Env::from_pairs([("AWS_EC2_METADATA_DISABLED", "true")]),
            full: Arc::new(FullConfig::from_sections(
                &parse(config).unwrap(),
                Default::default(),
            )),
            region: None,
            connect_timeout: None,
            read_timeout: None,
            verify_ssl: true,
            ca_bundle: None,
            metadata_timeout: 1,
            metadata_attempts: 1,
            home: "/nonexistent".into(),
        }
    }

    fn error(config: &str, profile: &str) -> String {
        match load(&context(config), profile) {
            Err(CliError::Other(message)) => message,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn cache_key_as_aws_cli() {
        // hashlib.sha1(json.dumps({"RoleArn": "arn:aws:iam::123:role/r"}, sort_keys=True).encode()).hexdigest()
        assert_eq!(
            cache_key(&[("RoleArn".into(), "arn:aws:iam::123:role/r".into())]),
            "ac5622d3c6282690e162fb50106ac299c24ea4bb"
        );
        assert_eq!(
            cache_key(&[
                ("RoleSessionName".into(), "s é".into()),
                ("ExternalId".into(), "x".into()),
                ("RoleArn".into(), "arn:aws:iam::123:role/r".into()),
            ]),
            "7792bc823159af6770a60fe7a7ccb83550a2f74d"
        );
    }

    #[test]
    fn configuration_errors_as_botocore() {
        assert!(load(&context("[default]\nregion = x\n"), "default")
            .unwrap()
            .is_none());
        assert_eq!(
            error("[default]\nrole_arn = r\n", "default"),
            "Partial credentials found in assume-role, missing: source_profile or credential_source"
        );
        assert_eq!(
            error(
                "[default]\nrole_arn = r\nsource_profile = a\ncredential_source = Environment\n",
                "default"
            ),
            "The profile \"default\" contains both source_profile and credential_source."
        );
        assert_eq!(
            error(
                "[default]\nrole_arn = r\ncredential_source = environment\n",
                "default"
            ),
            "The credential source \"environment\" referenced in profile \"default\" is not valid."
        );
        assert_eq!(
            error(
                "[default]\nrole_arn = r\nsource_profile = nope\n",
                "default"
            ),
            "The source_profile \"nope\" referenced in the profile \"default\" does not exist."
        );
        assert_eq!(
            error(
                "[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n",
                "a"
            ),
            "Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a', 'b']"
        );
        assert_eq!(
            error("[profile a]\nrole_arn = r\nsource_profile = a\n", "a"),
            "Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a']"
        );
        assert_eq!(
            error("[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\naws_access_key_id = k\n", "a"),
            "Partial credentials found in assume-role, missing: 'aws_secret_access_key'"
        );
        assert_eq!(
            error("[default]\nrole_arn = r\ncredential_source = Environment\n", "default"),
            "Error when retrieving credentials from Environment: No credentials found in credential_source referenced in profile default"
        );
        // A profile may be its own source when it has keys; nothing is sent yet.
        assert!(load(
            &context("[profile a]\nrole_arn = r\nsource_profile = a\naws_access_key_id = k\naws_secret_access_key = s\n"),
            "a"
        )
        .unwrap()
        .is_some());
    }
}
