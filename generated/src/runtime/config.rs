//! Resolving where a call goes and who signs it: region, endpoint and
//! credentials, from the command line and the environment.

use super::error::CliError;
use super::http::Credentials;

/// Reads an environment variable, treating empty as unset (as botocore does).
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `--region`, else `AWS_DEFAULT_REGION`.
pub fn region(cli: Option<&str>) -> Result<String, CliError> {
    cli.map(str::to_string)
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .ok_or(CliError::NoRegion)
}

/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`.
pub fn credentials() -> Result<Credentials, CliError> {
    match (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        (Some(access_key_id), Some(secret_access_key)) => Ok(Credentials {
            access_key_id,
            secret_access_key,
            session_token: env("AWS_SESSION_TOKEN").or_else(|| env("AWS_SECURITY_TOKEN")),
        }),
        _ => Err(CliError::NoCredentials),
    }
}

/// `--endpoint-url`, else the service's regional endpoint (`.com.cn` in China).
pub fn endpoint_url(cli: Option<&str>, endpoint_prefix: &str, region: &str) -> String {
    match cli {
        Some(url) => url.to_string(),
        None => {
            let suffix = if region.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            };
            format!("https://{endpoint_prefix}.{region}.{suffix}")
        }
    }
}
