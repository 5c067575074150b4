//! An independent SigV4 verifier: recomputes the signature of a recorded
//! request from the secret key, following the published algorithm step by
//! step, so the test does not trust the code under test.

use crate::server::Recorded;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access_key: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(header: &str) -> Result<Authorization, String> {
    let rest = header
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or_else(|| format!("not a SigV4 header: {header}"))?;
    let mut credential = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (key, value) = part
            .trim()
            .split_once('=')
            .ok_or("malformed Authorization")?;
        match key {
            "Credential" => credential = Some(value.to_string()),
            "SignedHeaders" => signed = Some(value.to_string()),
            "Signature" => signature = Some(value.to_string()),
            _ => return Err(format!("unexpected Authorization part {key}")),
        }
    }
    let credential = credential.ok_or("no Credential")?;
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 || scope[4] != "aws4_request" {
        return Err(format!("bad credential scope {credential}"));
    }
    Ok(Authorization {
        access_key: scope[0].into(),
        date: scope[1].into(),
        region: scope[2].into(),
        service: scope[3].into(),
        signed_headers: signed
            .ok_or("no SignedHeaders")?
            .split(';')
            .map(String::from)
            .collect(),
        signature: signature.ok_or("no Signature")?,
    })
}

/// Checks the request's signature with `secret`; returns the parsed header.
pub fn verify(request: &Recorded, secret: &str) -> Result<Authorization, String> {
    let auth = parse_authorization(
        request
            .header("authorization")
            .ok_or("no Authorization header")?,
    )?;
    let amz_date = request.header("x-amz-date").ok_or("no X-Amz-Date")?;
    for required in ["host", "x-amz-date"] {
        if !auth.signed_headers.iter().any(|h| h == required) {
            return Err(format!("{required} is not signed"));
        }
    }
    let mut canonical_headers = String::new();
    for name in &auth.signed_headers {
        let value = request
            .header(name)
            .ok_or_else(|| format!("signed header {name} missing"))?;
        let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
        canonical_headers.push_str(&format!("{name}:{folded}\n"));
    }
    let target = origin_form(&request.path);
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        canonical_path(path),
        canonical_query(query),
        canonical_headers,
        auth.signed_headers.join(";"),
        hex::encode(Sha256::digest(&request.body))
    );
    let scope = format!(
        "{}/{}/{}/aws4_request",
        auth.date, auth.region, auth.service
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), &auth.date);
    let k_region = hmac(&k_date, &auth.region);
    let k_service = hmac(&k_region, &auth.service);
    let k_signing = hmac(&k_service, "aws4_request");
    let expected = hex::encode(hmac(&k_signing, &string_to_sign));
    if expected == auth.signature {
        Ok(auth)
    } else {
        Err(format!(
            "signature mismatch: expected {expected}, got {}\ncanonical request:\n{canonical_request}",
            auth.signature
        ))
    }
}

/// The canonical query string: each name and value percent-decoded, then
/// encoded with only the unreserved characters left as they are, and sorted.
fn canonical_query(query: &str) -> String {
    fn decode(s: &str) -> Vec<u8> {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'%', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        out
    }
    fn encode(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (encode(&decode(k)), encode(&decode(v)))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The path and query of a request target: an absolute-form target
/// (`http://host:port/path`, what a client sends a proxy) is signed for its
/// path, as the server it reaches sees it.
fn origin_form(target: &str) -> std::borrow::Cow<'_, str> {
    match target.split_once("://") {
        Some((scheme, rest)) if !scheme.contains('/') => match rest.find(['/', '?']) {
            Some(i) if rest[i..].starts_with('?') => format!("/{}", &rest[i..]).into(),
            Some(i) => rest[i..].into(),
            None => "/".into(),
        },
        _ => target.into(),
    }
}

/// The canonical URI of every service but S3: the path with `.`/`..` and
/// empty segments removed (RFC 3986 normalisation; botocore and the
/// `aws-sigv4` crate both sign `//` as `/`), a trailing `/` kept.
fn canonical_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    if path.ends_with('/') && !segments.is_empty() {
        out.push('/');
    }
    out
}
