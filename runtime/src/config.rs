//! Resolving where a call goes and who signs it, as botocore 1.8.32's
//! `Session` does for aws-cli 1.14.28: the profile, region, output format,
//! CA bundle and credentials, from the command line, the environment and
//! the shared files (read here only when a command needs them, once per
//! process).
//!
//! - profile: `--profile`, else `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`;
//!   a named profile must exist in the config or credentials file.
//! - files: `AWS_CONFIG_FILE` (default `~/.aws/config`) and
//!   `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`).
//! - region: `--region`, `AWS_DEFAULT_REGION`, the profile's `region`.
//! - output: `--output`, `AWS_DEFAULT_OUTPUT`, the profile's `output`, json.
//! - CA bundle: `--ca-bundle`, `AWS_CA_BUNDLE`, the profile's `ca_bundle`.
//! - credentials: see [`super::credentials`].
//!
//! As in botocore, an environment variable that is set counts even when it
//! is empty.

use super::call::CallOptions;
use super::credentials::{self, Context, Loaded};
use super::error::CliError;
use super::http::Credentials;
use super::profile::{self, FullConfig, Section};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// Where environment variables come from: the process, or a fixed map (tests).
#[derive(Debug, Clone, Default)]
pub struct Env(Option<Arc<HashMap<String, String>>>);

impl Env {
    /// The process environment.
    pub fn process() -> Env {
        Env(None)
    }

    /// A fixed environment.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Env {
        Env(Some(Arc::new(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )))
    }

    /// The variable's value when it is set (possibly empty, as botocore's
    /// `name in os.environ`); values that are not Unicode are taken lossily.
    pub fn get(&self, name: &str) -> Option<String> {
        match &self.0 {
            Some(map) => map.get(name).cloned(),
            None => std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()),
        }
    }
}

/// One invocation's settings, with the shared files loaded on first need.
pub struct Session {
    env: Env,
    options: CallOptions,
    full: OnceLock<Result<Arc<FullConfig>, CliError>>,
    credentials: Mutex<Option<Loaded>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// The session for `options`, made once per process and shared by every
/// call made with the same options (pages of one command, say), so files
/// are read and credentials resolved once.
pub fn session(options: &CallOptions) -> Arc<Session> {
    type Current = Mutex<Option<(String, Arc<Session>)>>;
    static CURRENT: OnceLock<Current> = OnceLock::new();
    let key = format!("{options:?}");
    let mut current = CURRENT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match &*current {
        Some((k, session)) if *k == key => Arc::clone(session),
        _ => {
            let session = Arc::new(Session::new(options, Env::process()));
            *current = Some((key, Arc::clone(&session)));
            session
        }
    }
}

/// The region for a call: `--region`, `AWS_DEFAULT_REGION`, the profile's
/// `region`; an error when none is set or the named profile does not exist.
pub fn region(options: &CallOptions) -> Result<String, CliError> {
    session(options).region()?.ok_or(CliError::NoRegion)
}

/// The output format: `cli_output` (`--output`), `AWS_DEFAULT_OUTPUT`, the
/// profile's `output`, else `json`.
pub fn output(options: &CallOptions, cli_output: Option<&str>) -> Result<String, CliError> {
    session(options).output(cli_output)
}

impl Session {
    pub fn new(options: &CallOptions, env: Env) -> Session {
        Session {
            env,
            options: options.clone(),
            full: OnceLock::new(),
            credentials: Mutex::new(None),
        }
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    /// `--profile` when given (and not empty, as aws-cli's `if args.profile`).
    fn cli_profile(&self) -> Option<&str> {
        self.options.profile.as_deref().filter(|p| !p.is_empty())
    }

    /// The profile asked for, if any: `--profile`, `AWS_DEFAULT_PROFILE`,
    /// `AWS_PROFILE`.
    pub fn profile_name(&self) -> Option<String> {
        self.cli_profile()
            .map(str::to_string)
            .or_else(|| self.env.get("AWS_DEFAULT_PROFILE"))
            .or_else(|| self.env.get("AWS_PROFILE"))
    }

    fn path_setting(&self, variable: &str, default: &str) -> PathBuf {
        let raw = self
            .env
            .get(variable)
            .unwrap_or_else(|| default.to_string());
        profile::expand_path(&raw, &|name| self.env.get(name))
    }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    pub fn config_file(&self) -> PathBuf {
        self.path_setting("AWS_CONFIG_FILE", "~/.aws/config")
    }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    pub fn credentials_file(&self) -> PathBuf {
        self.path_setting("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    }

    /// Both files, parsed on first use.
    pub fn full_config(&self) -> Result<Arc<FullConfig>, CliError> {
        self.full
            .get_or_init(|| {
                FullConfig::load(&self.config_file(), &self.credentials_file())
                    .map(Arc::new)
                    .map_err(|e| CliError::Other(e.to_string()))
            })
            .clone()
    }

    /// The settings of the profile in use (`get_scoped_config`): the named
    /// profile, which must exist, or `[default]` (empty when there is none).
    pub fn scoped_config(&self) -> Result<Section, CliError> {
        let full = self.full_config()?;
        match self.profile_name() {
            None => Ok(full.profiles.get("default").cloned().unwrap_or_default()),
            Some(name) => full.profiles.get(&name).cloned().ok_or_else(|| {
                CliError::Other(format!("The config profile ({name}) could not be found"))
            }),
        }
    }

    /// A setting from the environment, else the profile (botocore's
    /// `get_config_variable` without an instance value).
    fn variable(&self, env_name: &str, config_key: &str) -> Result<Option<String>, CliError> {
        // Every lookup checks the profile exists, as botocore's do when it
        // makes a client (through ca_bundle and the metadata settings).
        let scoped = self.scoped_config()?;
        if let Some(value) = self.env.get(env_name) {
            return Ok(Some(value));
        }
        Ok(scoped
            .get(config_key)
            .and_then(|s| s.as_text())
            .map(str::to_string))
    }

    /// `--region`, `AWS_DEFAULT_REGION`, the profile's `region`.
    pub fn region(&self) -> Result<Option<String>, CliError> {
        let from_files = self.variable("AWS_DEFAULT_REGION", "region")?;
        Ok(self.options.region.clone().or(from_files))
    }

    /// `--output`, `AWS_DEFAULT_OUTPUT`, the profile's `output`, `json`.
    pub fn output(&self, cli_output: Option<&str>) -> Result<String, CliError> {
        // The files are read only when the option does not decide.
        if let Some(output) = cli_output {
            return Ok(output.to_string());
        }
        let from_files = self.variable("AWS_DEFAULT_OUTPUT", "output")?;
        Ok(from_files.unwrap_or_else(|| "json".to_string()))
    }

    /// `--ca-bundle`, `AWS_CA_BUNDLE`, the profile's `ca_bundle`; none with
    /// `--no-verify-ssl`.
    pub fn ca_bundle(&self) -> Result<Option<String>, CliError> {
        let from_files = self.variable("AWS_CA_BUNDLE", "ca_bundle")?;
        if !self.options.verify_ssl {
            return Ok(None);
        }
        Ok(self
            .options
            .ca_bundle
            .clone()
            .filter(|b| !b.is_empty())
            .or(from_files))
    }

    /// The credentials to sign with, resolved once (and refreshed when
    /// they are about to expire, as botocore's refreshable credentials are).
    pub fn credentials(&self) -> Result<Credentials, CliError> {
        let mut slot = self
            .credentials
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_none() {
            let full = self.full_config()?;
            let context = self.context(&full)?;
            let explicit = self.cli_profile().is_some();
            let name = self.profile_name().unwrap_or_default();
            let name = if name.is_empty() { "default" } else { &name };
            match credentials::resolve(&context, name, explicit)? {
                Some(loaded) => *slot = Some(loaded),
                None => return Err(CliError::NoCredentials),
            }
        }
        match slot.as_mut() {
            Some(loaded) => loaded.frozen(credentials::now()),
            None => Err(CliError::NoCredentials),
        }
    }

    /// The profile's `cli_timestamp_format` (`none` or `iso8601`), if set.
    pub fn cli_timestamp_format(&self) -> Result<Option<String>, CliError> {
        let scoped = self.scoped_config()?;
        Ok(scoped
            .get("cli_timestamp_format")
            .and_then(|s| s.as_text())
            .map(str::to_string))
    }

    /// botocore's name for where the credentials came from (`env`,
    /// `shared-credentials-file`, `assume-role`, ...), once resolved.
    pub fn credential_method(&self) -> Option<&'static str> {
        let slot = self
            .credentials
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.as_ref().map(|loaded| loaded.method)
    }

    /// What the credential providers need to know.
    fn context(&self, full: &Arc<FullConfig>) -> Result<Context, CliError> {
        let int_setting = |env_name: &str, key: &str| -> Result<u64, CliError> {
            match self.variable(env_name, key)? {
                None => Ok(1),
                Some(text) => text.trim().parse::<u64>().map_err(|_| {
                    CliError::Other(format!("invalid literal for int() with base 10: '{text}'"))
                }),
            }
        };
        Ok(Context {
            env: self.env.clone(),
            full: Arc::clone(full),
            region: self.region()?,
            connect_timeout: self.options.connect_timeout,
            read_timeout: self.options.read_timeout,
            verify_ssl: self.options.verify_ssl,
            ca_bundle: self.ca_bundle()?,
            metadata_timeout: int_setting(
                "AWS_METADATA_SERVICE_TIMEOUT",
                "metadata_service_timeout",
            )?,
            metadata_attempts: int_setting(
                "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
                "metadata_service_num_attempts",
            )?,
            home: profile::expand_path("~", &|name| self.env.get(name)),
        })
    }
}

/// `--endpoint-url`, else the service's regional endpoint (`.com.cn` in
/// China); an error, as botocore's, when the host is not a valid name.
pub fn endpoint_url(
    cli: Option<&str>,
    endpoint_prefix: &str,
    region: &str,
) -> Result<String, CliError> {
    let url = match cli {
        Some(url) => {
            // awscli's endpoint check (before botocore's), worded as it is.
            if !url.contains("://") {
                return Err(CliError::Other(format!(
                    "Bad value for --endpoint-url \"{url}\": scheme is missing.  \
                     Must be of the form http://<hostname>/ or https://<hostname>/"
                )));
            }
            url.to_string()
        }
        None => super::endpoints::resolve(endpoint_prefix, endpoint_prefix, region).url,
    };
    if is_valid_endpoint_url(&url) {
        Ok(url)
    } else {
        Err(CliError::Other(format!("Invalid endpoint: {url}")))
    }
}

/// botocore's `is_valid_endpoint_url`: the URL's host is a DNS name (or an
/// IPv4 address) of labels of letters, digits and inner hyphens.
pub fn is_valid_endpoint_url(url: &str) -> bool {
    let Some(host) = url_host(url) else {
        return false;
    };
    if host.is_empty() || host.len() > 255 {
        return false;
    }
    let host = host.strip_suffix('.').unwrap_or(&host);
    host.split('.').all(|label| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// The host of a URL as Python's `urlsplit(url).hostname`: lower-cased,
/// without user, port or IPv6 brackets; `None` without a `//` authority.
pub fn url_host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("//")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let host = if let Some(inner) = authority.strip_prefix('[') {
        inner.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> CallOptions {
        CallOptions {
            verify_ssl: true,
            sign_request: true,
            ..CallOptions::default()
        }
    }

    fn home_with(files: &[(&str, &str)]) -> tempfile_lite::Dir {
        let dir = tempfile_lite::Dir::new();
        std::fs::create_dir_all(dir.path().join(".aws")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(".aws").join(name), text).unwrap();
        }
        dir
    }

    /// A temporary folder removed on drop (the crate has no tempfile).
    mod tempfile_lite {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let path = std::env::temp_dir().join(format!(
                    "awsr-config-test-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst)
                ));
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    fn session(options: &CallOptions, home: &tempfile_lite::Dir, env: &[(&str, &str)]) -> Session {
        let home_str = home.path().to_string_lossy().into_owned();
        let mut pairs: Vec<(&str, &str)> =
            vec![("HOME", &home_str), ("AWS_EC2_METADATA_DISABLED", "true")];
        pairs.extend_from_slice(env);
        Session::new(options, Env::from_pairs(pairs))
    }

    #[test]
    fn region_and_output_precedence() {
        let home = home_with(&[(
            "config",
            "[default]\nregion = eu-west-1\noutput = text\n[profile dev]\nregion = ap-south-1\n",
        )]);
        let s = session(&options(), &home, &[]);
        assert_eq!(s.region().unwrap().as_deref(), Some("eu-west-1"));
        assert_eq!(s.output(None).unwrap(), "text");
        assert_eq!(s.output(Some("table")).unwrap(), "table");
        let s = session(
            &options(),
            &home,
            &[
                ("AWS_DEFAULT_REGION", "us-west-2"),
                ("AWS_DEFAULT_OUTPUT", "json"),
            ],
        );
        assert_eq!(s.region().unwrap().as_deref(), Some("us-west-2"));
        assert_eq!(s.output(None).unwrap(), "json");
        let s = session(&options(), &home, &[("AWS_PROFILE", "dev")]);
        assert_eq!(s.region().unwrap().as_deref(), Some("ap-south-1"));
        assert_eq!(s.output(None).unwrap(), "json");
        let mut with_region = options();
        with_region.region = Some("sa-east-1".into());
        with_region.profile = Some("dev".into());
        let s = session(&with_region, &home, &[("AWS_DEFAULT_REGION", "us-west-2")]);
        assert_eq!(s.region().unwrap().as_deref(), Some("sa-east-1"));
    }

    #[test]
    fn a_named_profile_must_exist() {
        let home = home_with(&[("credentials", "[other]\naws_access_key_id = a\n")]);
        let mut opts = options();
        opts.profile = Some("nope".into());
        let s = session(&opts, &home, &[]);
        assert_eq!(
            s.region().unwrap_err(),
            CliError::Other("The config profile (nope) could not be found".into())
        );
        // A profile only in the credentials file exists.
        let s = session(
            &options(),
            &home,
            &[("AWS_DEFAULT_PROFILE", "other"), ("AWS_PROFILE", "nope")],
        );
        assert_eq!(s.region().unwrap(), None);
        // Without a profile, no [default] is fine.
        let s = session(&options(), &home, &[]);
        assert_eq!(s.region().unwrap(), None);
    }

    #[test]
    fn files_from_the_environment() {
        let home = home_with(&[]);
        let dir = home.path().to_string_lossy().into_owned();
        std::fs::write(home.path().join("c"), "[profile p]\nregion = r1\n").unwrap();
        std::fs::write(
            home.path().join("k"),
            "[p]\naws_access_key_id = AK\naws_secret_access_key = SK\n",
        )
        .unwrap();
        let config = format!("{dir}/c");
        let s = session(
            &options(),
            &home,
            &[
                ("AWS_CONFIG_FILE", &config),
                ("AWS_SHARED_CREDENTIALS_FILE", "$HOME/k"),
                ("AWS_PROFILE", "p"),
            ],
        );
        assert_eq!(s.region().unwrap().as_deref(), Some("r1"));
        let creds = s.credentials().unwrap();
        assert_eq!(creds.access_key_id, "AK");
        assert_eq!(creds.secret_access_key, "SK");
    }

    #[test]
    fn ca_bundle_precedence() {
        let home = home_with(&[("config", "[default]\nca_bundle = /from/profile\n")]);
        let s = session(&options(), &home, &[]);
        assert_eq!(s.ca_bundle().unwrap().as_deref(), Some("/from/profile"));
        let s = session(&options(), &home, &[("AWS_CA_BUNDLE", "/from/env")]);
        assert_eq!(s.ca_bundle().unwrap().as_deref(), Some("/from/env"));
        let mut opts = options();
        opts.ca_bundle = Some("/from/cli".into());
        let s = session(&opts, &home, &[("AWS_CA_BUNDLE", "/from/env")]);
        assert_eq!(s.ca_bundle().unwrap().as_deref(), Some("/from/cli"));
        opts.verify_ssl = false;
        let s = session(&opts, &home, &[]);
        assert_eq!(s.ca_bundle().unwrap(), None);
    }

    #[test]
    fn malformed_files_are_named() {
        let home = home_with(&[("config", "[default]\nregion = x\nnot a setting\n")]);
        let s = session(&options(), &home, &[]);
        let CliError::Other(message) = s.region().unwrap_err() else {
            panic!("not an Other error");
        };
        let path = home.path().join(".aws").join("config");
        assert!(
            message.starts_with(&format!(
                "Unable to parse config file: {}: line 3: ",
                path.display()
            )),
            "{message}"
        );
    }

    #[test]
    fn endpoints_are_checked_as_botocore() {
        // the hosts aws-cli 1.14.28 asked its proxy for (differential proxy-host/*)
        for (region, host) in [
            ("eu-west-1", "eu-west-1.elasticmapreduce.amazonaws.com"),
            (
                "ap-southeast-2",
                "ap-southeast-2.elasticmapreduce.amazonaws.com",
            ),
            ("us-east-1", "elasticmapreduce.us-east-1.amazonaws.com"),
            (
                "eu-central-1",
                "elasticmapreduce.eu-central-1.amazonaws.com",
            ),
            (
                "cn-northwest-1",
                "elasticmapreduce.cn-northwest-1.amazonaws.com.cn",
            ),
            (
                "us-gov-west-1",
                "elasticmapreduce.us-gov-west-1.amazonaws.com",
            ),
            ("mars-east-1", "elasticmapreduce.mars-east-1.amazonaws.com"),
            (
                "us-iso-east-1",
                "elasticmapreduce.us-iso-east-1.amazonaws.com",
            ),
        ] {
            assert_eq!(
                endpoint_url(None, "elasticmapreduce", region).unwrap(),
                format!("https://{host}")
            );
        }
        assert_eq!(
            endpoint_url(None, "elasticmapreduce", "cn-north-1").unwrap(),
            "https://elasticmapreduce.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(
            endpoint_url(None, "elasticmapreduce", "").unwrap_err(),
            CliError::Other("Invalid endpoint: https://elasticmapreduce..amazonaws.com".into())
        );
        assert!(endpoint_url(Some("http://127.0.0.1:8080"), "x", "").is_ok());
        assert!(endpoint_url(Some("http://[::1]:8080/"), "x", "").is_err());
        assert!(endpoint_url(Some("http://under_score/"), "x", "").is_err());
        assert_eq!(
            endpoint_url(Some("localhost:8080"), "x", "").unwrap_err(),
            CliError::Other(
                "Bad value for --endpoint-url \"localhost:8080\": scheme is missing.  \
                 Must be of the form http://<hostname>/ or https://<hostname>/"
                    .into()
            )
        );
        assert_eq!(
            url_host("http://user@Example.COM:80/x").as_deref(),
            Some("example.com")
        );
    }
}
