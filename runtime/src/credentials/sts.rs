//! STS `AssumeRole` over the query protocol, as botocore's `sts` client
//! sends it: a form-encoded POST of `Action=AssumeRole&Version=2011-06-15`
//! and the parameters, signed with SigV4 for `sts`, answered in XML; with
//! botocore's retries on throttling, 5xx and connection errors.
//!
//! The endpoint is botocore 1.8.32's for the session's region
//! (`https://sts.amazonaws.com`, signed for us-east-1, in the `aws`
//! partition and without a region), unless `AWSR_STS_ENDPOINT_URL` is set:
//! then every STS call goes there, signed for the session's region (else
//! us-east-1). Tests use it to answer from a loopback server.

use super::{parse_expiry, Credentials, Fetched};
use crate::error::CliError;
use crate::http::{self, Request, SendError, Target};
use crate::retry;
use std::time::{Duration, SystemTime};

/// Overrides the STS endpoint (an awsr setting; aws-cli 1.14.28 has none).
pub const ENDPOINT_VARIABLE: &str = "AWSR_STS_ENDPOINT_URL";

/// Where STS calls go and how they are sent.
#[derive(Debug, Clone)]
pub struct StsTarget {
    pub endpoint_url: String,
    pub signing_region: String,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub verify_ssl: bool,
    pub ca_bundle: Option<String>,
}

/// botocore's endpoint for `sts` in `region` (endpoints.json of 1.8.32),
/// and the region to sign for.
pub fn endpoint(region: Option<&str>) -> (String, String) {
    let global = || {
        (
            "https://sts.amazonaws.com".to_string(),
            "us-east-1".to_string(),
        )
    };
    let Some(region) = region else {
        return global();
    };
    let aws_partition = |r: &str| {
        ["us-", "eu-", "ap-", "sa-", "ca-"]
            .iter()
            .any(|p| r.starts_with(p))
            && !r.starts_with("us-gov-")
            && is_region_like(r)
    };
    match region {
        "ap-northeast-2" => (
            "https://sts.ap-northeast-2.amazonaws.com".into(),
            region.into(),
        ),
        "aws-global" => global(),
        "us-east-1-fips" | "us-east-2-fips" | "us-west-1-fips" | "us-west-2-fips" => {
            let base = region.trim_end_matches("-fips");
            (
                format!("https://sts-fips.{base}.amazonaws.com"),
                base.to_string(),
            )
        }
        r if aws_partition(r) => global(),
        r if r.starts_with("cn-") => (format!("https://sts.{r}.amazonaws.com.cn"), r.into()),
        r => (format!("https://sts.{r}.amazonaws.com"), r.into()),
    }
}

/// `^\w+-\w+-\d+$`-ish: a region name rather than a pseudo region.
fn is_region_like(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

/// What AssumeRole answered.
#[derive(Debug, Clone)]
pub struct AssumedRole {
    pub fetched: Fetched,
    /// `Expiration` as STS wrote it.
    pub expiration: String,
    /// `AssumedRoleUser`'s `AssumedRoleId` and `Arn`, when present.
    pub assumed_role_id: Option<String>,
    pub arn: Option<String>,
}

/// Python 3.6's `urllib.parse.quote_plus`: letters, digits and `_.-` stay,
/// spaces become `+`, every other byte is `%XX`.
pub fn quote_plus(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' => out.push(byte as char),
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The form body: the action and version first, then `params` in order.
pub fn form_body(params: &[(String, String)]) -> String {
    let mut pairs = vec![
        "Action=AssumeRole".to_string(),
        "Version=2011-06-15".to_string(),
    ];
    for (key, value) in params {
        pairs.push(format!("{}={}", quote_plus(key), quote_plus(value)));
    }
    pairs.join("&")
}

/// Calls AssumeRole with `params` (RoleArn, RoleSessionName, ...), signed
/// with `source`.
pub fn assume_role(
    target: &StsTarget,
    source: &Credentials,
    params: &[(String, String)],
) -> Result<AssumedRole, CliError> {
    let url = if target.endpoint_url.ends_with('/') {
        target.endpoint_url.clone()
    } else {
        format!("{}/", target.endpoint_url)
    };
    let body = form_body(params).into_bytes();
    let root_certs = match &target.ca_bundle {
        Some(path) if target.verify_ssl && http::is_https(&url) => {
            Some(http::load_ca_bundle(path).map_err(CliError::Other)?)
        }
        _ => None,
    };
    let http_target = Target {
        endpoint_url: target.endpoint_url.clone(),
        region: target.signing_region.clone(),
        connect_timeout: target.connect_timeout,
        read_timeout: target.read_timeout,
        root_certs,
    };
    let retried = retry::with_retries(
        |_| {
            let mut request = Request {
                method: "POST".into(),
                url: url.clone(),
                headers: vec![
                    (
                        "Content-Type".into(),
                        "application/x-www-form-urlencoded; charset=utf-8".into(),
                    ),
                    ("User-Agent".into(), http::USER_AGENT.into()),
                ],
                body: body.clone(),
            };
            http::sign(
                &mut request,
                source,
                &target.signing_region,
                "sts",
                SystemTime::now(),
            )?;
            http::send(&request, &http_target, target.verify_ssl)
        },
        |_, _, _| {},
    );
    let response = retried.outcome.map_err(|e| match e {
        SendError::Connect(detail) | SendError::Refused(detail, _) => CliError::Connect {
            url: url.clone(),
            detail,
        },
        SendError::ReadTimeout(_) => CliError::ReadTimeout { url: url.clone() },
        SendError::Signing(detail) => CliError::Other(detail),
    })?;
    let document = Xml::parse(&response.body);
    if !(200..300).contains(&response.status) {
        let (code, message) = match document
            .as_ref()
            .and_then(|d| d.find(&["ErrorResponse", "Error", "Code"]).map(|c| (d, c)))
        {
            Some((d, code)) => (
                code.to_string(),
                d.find(&["ErrorResponse", "Error", "Message"])
                    .unwrap_or_default()
                    .to_string(),
            ),
            None => (
                response.status.to_string(),
                String::from_utf8_lossy(&response.body).into_owned(),
            ),
        };
        return Err(CliError::Service {
            code,
            message,
            operation: "AssumeRole".into(),
            max_retries_reached: retried
                .max_attempts_reached
                .then(|| retried.attempts.saturating_sub(1)),
        });
    }
    let invalid = |what: &str| {
        CliError::Other(format!(
            "Unable to parse the AssumeRole response from {url}: {what}"
        ))
    };
    let document = document.ok_or_else(|| invalid("it is not XML"))?;
    let credential = |name: &str| -> Result<String, CliError> {
        document
            .find(&[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "Credentials",
                name,
            ])
            .map(str::to_string)
            .ok_or_else(|| invalid(&format!("no Credentials/{name}")))
    };
    let expiration = credential("Expiration")?;
    let expiry = parse_expiry(&expiration)
        .ok_or_else(|| invalid(&format!("Expiration '{expiration}' is not a time")))?;
    let user = |name: &str| {
        document
            .find(&[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "AssumedRoleUser",
                name,
            ])
            .map(str::to_string)
    };
    Ok(AssumedRole {
        fetched: Fetched {
            credentials: Credentials {
                access_key_id: credential("AccessKeyId")?,
                secret_access_key: credential("SecretAccessKey")?,
                session_token: Some(credential("SessionToken")?),
            },
            expiry: Some(expiry),
        },
        expiration,
        assumed_role_id: user("AssumedRoleId"),
        arn: user("Arn"),
    })
}

/// The text of each leaf element by its path of local names (namespaces
/// dropped), in document order: all a query-protocol answer needs.
struct Xml(Vec<(Vec<String>, String)>);

impl Xml {
    fn parse(body: &[u8]) -> Option<Xml> {
        use quick_xml::events::Event;
        let text_body = String::from_utf8_lossy(body);
        let mut reader = quick_xml::Reader::from_str(&text_body);
        let mut path: Vec<String> = Vec::new();
        let mut text = String::new();
        let mut leaves = Vec::new();
        let mut seen_root = false;
        loop {
            match reader.read_event().ok()? {
                Event::Start(start) => {
                    path.push(start.local_name().as_ref().to_string());
                    seen_root = true;
                    text.clear();
                }
                Event::Empty(empty) => {
                    let mut leaf = path.clone();
                    leaf.push(empty.local_name().as_ref().to_string());
                    leaves.push((leaf, String::new()));
                    seen_root = true;
                }
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::CData(c) => text.push_str(&c.into_inner()),
                Event::GeneralRef(r) => {
                    // Entities and character references inside text.
                    let resolved = match &*r {
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "amp" => "&".to_string(),
                        "apos" => "'".to_string(),
                        "quot" => "\"".to_string(),
                        _ => r.resolve_char_ref().ok()??.to_string(),
                    };
                    text.push_str(&resolved);
                }
                Event::End(_) => {
                    leaves.push((path.clone(), std::mem::take(&mut text)));
                    path.pop();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        (seen_root && path.is_empty()).then_some(Xml(leaves))
    }

    fn find(&self, path: &[&str]) -> Option<&str> {
        self.0
            .iter()
            .find(|(p, _)| p.len() == path.len() && p.iter().zip(path).all(|(a, b)| a == b))
            .map(|(_, text)| text.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_as_botocore_1_8_32() {
        let e = |r: Option<&str>| endpoint(r);
        let global = (
            "https://sts.amazonaws.com".to_string(),
            "us-east-1".to_string(),
        );
        assert_eq!(e(None), global);
        assert_eq!(e(Some("eu-west-1")), global);
        assert_eq!(e(Some("us-west-9")), global);
        assert_eq!(
            e(Some("ap-northeast-2")),
            (
                "https://sts.ap-northeast-2.amazonaws.com".into(),
                "ap-northeast-2".into()
            )
        );
        assert_eq!(
            e(Some("cn-north-1")),
            (
                "https://sts.cn-north-1.amazonaws.com.cn".into(),
                "cn-north-1".into()
            )
        );
        assert_eq!(
            e(Some("us-gov-west-1")),
            (
                "https://sts.us-gov-west-1.amazonaws.com".into(),
                "us-gov-west-1".into()
            )
        );
        assert_eq!(
            e(Some("us-east-1-fips")),
            (
                "https://sts-fips.us-east-1.amazonaws.com".into(),
                "us-east-1".into()
            )
        );
        assert_eq!(
            e(Some("xx-foo-1")),
            (
                "https://sts.xx-foo-1.amazonaws.com".into(),
                "xx-foo-1".into()
            )
        );
    }

    #[test]
    fn form_encoding_as_python_3_6() {
        // What botocore 1.8.32 sent for these parameters.
        assert_eq!(
            form_body(&[
                ("RoleSessionName".into(), "my session~".into()),
                ("ExternalId".into(), "ext/id:é".into()),
                ("RoleArn".into(), "arn:aws:iam::123:role/r".into()),
            ]),
            "Action=AssumeRole&Version=2011-06-15&RoleSessionName=my+session%7E&ExternalId=ext%2Fid%3A%C3%A9&RoleArn=arn%3Aaws%3Aiam%3A%3A123%3Arole%2Fr"
        );
    }

    #[test]
    fn xml_leaves() {
        let xml = Xml::parse(
            br#"<?xml version="1.0"?><AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult><Credentials><AccessKeyId>AK</AccessKeyId><SessionToken>a&amp;b&#x41;</SessionToken></Credentials></AssumeRoleResult>
</AssumeRoleResponse>"#,
        )
        .unwrap();
        assert_eq!(
            xml.find(&[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "Credentials",
                "AccessKeyId"
            ]),
            Some("AK")
        );
        assert_eq!(
            xml.find(&[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "Credentials",
                "SessionToken"
            ]),
            Some("a&bA")
        );
        assert!(Xml::parse(b"<html><p>oops</html>").is_none());
        assert!(Xml::parse(b"not xml").is_none());
    }
}
