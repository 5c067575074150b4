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
use crate::http::{self, Request, Target};
use crate::retry;
use std::time::Duration;

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

/// STS's API version, sent as `Version`.
const API_VERSION: &str = "2011-06-15";

/// A `query`-protocol request: a form-encoded POST of `Action`, `Version`
/// and `params` (botocore's `QuerySerializer` for flat string parameters,
/// all AssumeRole takes), to be signed and sent like any service call.
pub fn query_request(url: &str, action: &str, params: &[(String, String)]) -> Request {
    let mut pairs = vec![
        format!("Action={}", quote_plus(action)),
        format!("Version={API_VERSION}"),
    ];
    for (key, value) in params {
        pairs.push(format!("{}={}", quote_plus(key), quote_plus(value)));
    }
    Request {
        method: "POST".into(),
        url: url.to_string(),
        headers: vec![
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded; charset=utf-8".into(),
            ),
            ("User-Agent".into(), http::USER_AGENT.into()),
        ],
        body: pairs.join("&").into_bytes(),
    }
}

/// Calls AssumeRole with `params` (RoleArn, RoleSessionName, ...), signed
/// with `source`, through the same sign/send/retry path as service calls.
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
    // STS answers errors in the query protocol's XML.
    let error_code = |_status: u16, body: &[u8]| {
        find_texts(body, &[ERROR_CODE])
            .and_then(|[code]| code)
            .unwrap_or_default()
    };
    let retried = retry::send_signed(
        &retry::Call {
            policy: &retry::DEFAULT_POLICY,
            operation: "AssumeRole",
            error_code: &error_code,
        },
        || query_request(&url, "AssumeRole", params),
        Some(retry::Signer {
            credentials: source,
            region: &target.signing_region,
            signing_name: "sts",
        }),
        &http_target,
        target.verify_ssl,
        crate::call::debug_log(false),
        retry::LogAs {
            operation: "AssumeRole",
            response_body: false,
        },
    );
    let response = retried.outcome.map_err(|e| e.into_cli_error(&url))?;
    if !(200..300).contains(&response.status) {
        let found = find_texts(&response.body, &[ERROR_CODE, ERROR_MESSAGE]);
        let (code, message) = match found {
            Some([Some(code), message]) => (code, message.unwrap_or_default()),
            _ => (
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
    let wanted = [
        &CREDENTIALS[..],
        &[
            "AssumeRoleResponse",
            "AssumeRoleResult",
            "Credentials",
            "SecretAccessKey",
        ],
        &[
            "AssumeRoleResponse",
            "AssumeRoleResult",
            "Credentials",
            "SessionToken",
        ],
        &[
            "AssumeRoleResponse",
            "AssumeRoleResult",
            "Credentials",
            "Expiration",
        ],
        &[
            "AssumeRoleResponse",
            "AssumeRoleResult",
            "AssumedRoleUser",
            "AssumedRoleId",
        ],
        &[
            "AssumeRoleResponse",
            "AssumeRoleResult",
            "AssumedRoleUser",
            "Arn",
        ],
    ];
    let [access_key_id, secret_access_key, session_token, expiration, assumed_role_id, arn] =
        find_texts(&response.body, &wanted).ok_or_else(|| invalid("it is not XML"))?;
    let required = |value: Option<String>, name: &str| {
        value.ok_or_else(|| invalid(&format!("no Credentials/{name}")))
    };
    let expiration = required(expiration, "Expiration")?;
    let expiry = parse_expiry(&expiration)
        .ok_or_else(|| invalid(&format!("Expiration '{expiration}' is not a time")))?;
    Ok(AssumedRole {
        fetched: Fetched {
            credentials: Credentials {
                access_key_id: required(access_key_id, "AccessKeyId")?,
                secret_access_key: required(secret_access_key, "SecretAccessKey")?,
                session_token: Some(required(session_token, "SessionToken")?),
            },
            expiry: Some(expiry),
        },
        expiration,
        assumed_role_id,
        arn,
    })
}

const CREDENTIALS: [&str; 4] = [
    "AssumeRoleResponse",
    "AssumeRoleResult",
    "Credentials",
    "AccessKeyId",
];
const ERROR_CODE: &[&str] = &["ErrorResponse", "Error", "Code"];
const ERROR_MESSAGE: &[&str] = &["ErrorResponse", "Error", "Message"];

/// The trimmed text of the first element at each of `wanted` (paths of
/// local names from the root, namespaces dropped), or `None` when `body` is
/// not one well-formed XML element. One pass with quick-xml: time linear in
/// the body, memory in its depth plus the texts kept (only text at the
/// depth of a wanted path is kept), whatever the nesting or size.
fn find_texts<const N: usize>(body: &[u8], wanted: &[&[&str]; N]) -> Option<[Option<String>; N]> {
    use quick_xml::events::Event;
    let max_depth = wanted.iter().map(|w| w.len()).max().unwrap_or(0);
    let body = String::from_utf8_lossy(body);
    let mut reader = quick_xml::Reader::from_str(&body);
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut found: [Option<String>; N] = std::array::from_fn(|_| None);
    let mut seen_root = false;
    let matches = |path: &[String], want: &[&str]| {
        path.len() == want.len() && path.iter().zip(want).all(|(a, b)| a == b)
    };
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                if path.is_empty() && seen_root {
                    return None; // a second root element
                }
                seen_root = true;
                path.push(start.local_name().as_ref().to_string());
                text.clear();
            }
            Event::Empty(empty) => {
                if path.is_empty() && seen_root {
                    return None;
                }
                seen_root = true;
                path.push(empty.local_name().as_ref().to_string());
                for (slot, want) in found.iter_mut().zip(wanted) {
                    if slot.is_none() && matches(&path, want) {
                        *slot = Some(String::new());
                    }
                }
                path.pop();
            }
            Event::Text(t) if path.len() <= max_depth => text.push_str(&t.xml10_content()),
            Event::CData(c) if path.len() <= max_depth => text.push_str(&c.into_inner()),
            Event::GeneralRef(r) if path.len() <= max_depth => {
                // Entities and character references inside text.
                let resolved = match &*r {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "apos" => '\'',
                    "quot" => '"',
                    _ => r.resolve_char_ref().ok()??,
                };
                text.push(resolved);
            }
            Event::End(_) => {
                for (slot, want) in found.iter_mut().zip(wanted) {
                    if slot.is_none() && matches(&path, want) {
                        *slot = Some(text.trim().to_string());
                    }
                }
                text.clear();
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (seen_root && path.is_empty()).then_some(found)
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
        let request = query_request(
            "https://sts.amazonaws.com/",
            "AssumeRole",
            &[
                ("RoleSessionName".into(), "my session~".into()),
                ("ExternalId".into(), "ext/id:é".into()),
                ("RoleArn".into(), "arn:aws:iam::123:role/r".into()),
            ],
        );
        assert_eq!(
            String::from_utf8(request.body).unwrap(),
            "Action=AssumeRole&Version=2011-06-15&RoleSessionName=my+session%7E&ExternalId=ext%2Fid%3A%C3%A9&RoleArn=arn%3Aaws%3Aiam%3A%3A123%3Arole%2Fr"
        );
    }

    #[test]
    fn xml_texts() {
        let body = br#"<?xml version="1.0"?><AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult><Credentials><AccessKeyId>AK</AccessKeyId><SessionToken>a&amp;b&#x41;</SessionToken><Expiration/></Credentials></AssumeRoleResult>
</AssumeRoleResponse>"#;
        let want: [&[&str]; 4] = [
            &CREDENTIALS,
            &[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "Credentials",
                "SessionToken",
            ],
            &[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "Credentials",
                "Expiration",
            ],
            &[
                "AssumeRoleResponse",
                "AssumeRoleResult",
                "Credentials",
                "Nope",
            ],
        ];
        assert_eq!(
            find_texts(body, &want).unwrap(),
            [
                Some("AK".into()),
                Some("a&bA".into()),
                Some(String::new()),
                None
            ]
        );
        assert!(find_texts(b"<html><p>oops</html>", &want).is_none());
        assert!(find_texts(b"not xml", &want).is_none());
        assert!(find_texts(b"<a/><b/>", &want).is_none());
    }

    #[test]
    fn xml_scan_is_linear_in_deep_and_wide_documents() {
        // The old parser copied the element path for every leaf: quadratic.
        let depth = 200_000;
        let mut deep = "<a>".repeat(depth);
        deep.push_str(&"</a>".repeat(depth));
        let wide = format!("<r>{}</r>", "<x>t</x>".repeat(500_000));
        let start = std::time::Instant::now();
        let want: [&[&str]; 1] = [&CREDENTIALS];
        assert_eq!(find_texts(deep.as_bytes(), &want).unwrap(), [None]);
        assert_eq!(find_texts(wide.as_bytes(), &want).unwrap(), [None]);
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }
}
