//! Sending one request: JSON-protocol headers, SigV4 signing with the
//! `aws-sigv4` crate, and a blocking HTTP call with `ureq` (TLS by rustls,
//! with Mozilla's roots or the PEM roots of a CA bundle). No retries or
//! response interpretation here; see `call`.

use std::time::{Duration, SystemTime};

/// Credentials used to sign a request.
#[derive(Clone)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    // Never print secrets, even in debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct Target {
    pub endpoint_url: String,
    pub region: String,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// The roots to trust instead of the built-in ones: a CA bundle read
    /// with [`load_ca_bundle`] (`--ca-bundle`, `AWS_CA_BUNDLE`, the
    /// profile's `ca_bundle`).
    pub root_certs: Option<ureq::tls::RootCerts>,
}

/// A prepared request: method, URL, headers and body, ready to sign.
#[derive(Debug, Clone)]
pub struct Request {
    /// `POST` for every protocol awsr speaks so far.
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why nothing came back.
#[derive(Debug)]
pub enum SendError {
    /// The connection could not be made (refused, DNS, TLS, connect timeout).
    Connect(String),
    /// The connection was made but reading the response timed out.
    ReadTimeout(String),
    /// The request could not be signed.
    Signing(String),
}

pub const USER_AGENT: &str = concat!("awsr/", env!("CARGO_PKG_VERSION"));

/// Adds `X-Amz-Date`, the session token and `Authorization` to `request`.
pub fn sign(
    request: &mut Request,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), SendError> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;

    let identity = aws_credential_types::Credentials::new(
        &credentials.access_key_id,
        &credentials.secret_access_key,
        credentials.session_token.clone(),
        None,
        "awsr",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| SendError::Signing(e.to_string()))?
        .into();
    let signable = SignableRequest::new(
        &request.method,
        &request.url,
        request
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(&request.body),
    )
    .map_err(|e| SendError::Signing(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| SendError::Signing(e.to_string()))?
        .into_parts();
    for (name, value) in instructions.headers() {
        request.headers.push((name.to_string(), value.to_string()));
    }
    Ok(())
}

/// Sends `request` once.
pub fn send(request: &Request, target: &Target, verify_ssl: bool) -> Result<Response, SendError> {
    let agent = agent(
        target.connect_timeout,
        target.read_timeout,
        verify_ssl,
        target.root_certs.clone(),
    );
    let response = if request.method.eq_ignore_ascii_case("GET") {
        let mut builder = agent.get(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        builder.call()
    } else {
        let mut builder = agent.post(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        builder.send(&request.body[..])
    }
    .map_err(classify)?;
    read_response(response)
}

/// A plain `GET` with `headers` and one timeout for connecting and for
/// reading, as the credential endpoints of containers and instances are
/// asked (botocore uses requests' single `timeout` there).
pub fn get(url: &str, headers: &[(&str, &str)], timeout: Duration) -> Result<Response, SendError> {
    let agent = agent(timeout, timeout, true, None);
    let mut builder = agent.get(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    read_response(builder.call().map_err(classify)?)
}

/// Whether `url` is one a CA bundle applies to (requests reads the bundle
/// for `https` URLs only, so a bad path does not matter for `http`).
pub fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

fn agent(
    connect_timeout: Duration,
    read_timeout: Duration,
    verify_ssl: bool,
    root_certs: Option<ureq::tls::RootCerts>,
) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(connect_timeout))
        .timeout_recv_response(Some(read_timeout))
        .timeout_recv_body(Some(read_timeout))
        .user_agent(USER_AGENT);
    if !verify_ssl {
        config = config.tls_config(
            ureq::tls::TlsConfig::builder()
                .disable_verification(true)
                .build(),
        );
    } else if let Some(roots) = root_certs {
        config = config.tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build());
    }
    config.build().into()
}

/// The certificates of a PEM file, as the only roots to trust; the error
/// is worded for the user (Python's OSError text, with the file named).
pub fn load_ca_bundle(path: &str) -> Result<ureq::tls::RootCerts, String> {
    let pem = std::fs::read(path).map_err(|e| {
        let text = e.to_string();
        let reason = text.split(" (os error").next().unwrap_or(&text);
        match e.raw_os_error() {
            Some(code) => format!("[Errno {code}] {reason}: '{path}'"),
            None => format!("{reason}: '{path}'"),
        }
    })?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(e) => return Err(format!("the CA bundle {path} is not valid PEM: {e}")),
        }
    }
    if certs.is_empty() {
        return Err(format!("no certificate found in the CA bundle {path}"));
    }
    Ok(ureq::tls::RootCerts::new_with_certs(&certs))
}

fn read_response(mut response: ureq::http::Response<ureq::Body>) -> Result<Response, SendError> {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .map_err(classify)?;
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn classify(error: ureq::Error) -> SendError {
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect)
        | ureq::Error::Timeout(ureq::Timeout::Resolve) => SendError::Connect(error.to_string()),
        ureq::Error::Timeout(_) => SendError::ReadTimeout(error.to_string()),
        other => SendError::Connect(other.to_string()),
    }
}
