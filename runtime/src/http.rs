//! Sending one request: JSON-protocol headers, SigV4 signing with the
//! `aws-sigv4` crate, and a blocking HTTP call with `ureq` (TLS by rustls,
//! with Mozilla's roots or the PEM roots of a CA bundle, see `tls`). No retries or
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
    /// Zero means no timeout (aws-cli's `--cli-connect-timeout 0`).
    pub connect_timeout: Duration,
    /// Zero means no timeout (aws-cli's `--cli-read-timeout 0`).
    pub read_timeout: Duration,
    /// The roots to trust instead of the built-in ones: a CA bundle read
    /// with [`load_ca_bundle`] (`--ca-bundle`, `AWS_CA_BUNDLE`, the
    /// profile's `ca_bundle`).
    pub root_certs: Option<crate::tls::CaBundle>,
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
    /// The connection could not be made (DNS, TLS, connect timeout).
    Connect(String),
    /// The host refused the connection: Python's `strerror` and `errno`.
    Refused(String, i32),
    /// The connection was made but reading the response timed out.
    ReadTimeout(String),
    /// The request could not be signed.
    Signing(String),
    /// The server's certificate did not verify (rustls' reason). Not
    /// retried: it will not verify on the next attempt either.
    Certificate(String),
    /// A 3xx answer with a `Location`. Never followed: the request carries
    /// a signature and maybe a session token meant for this endpoint only.
    Redirect { status: u16, location: String },
    /// The response body was larger than [`RESPONSE_BODY_LIMIT`].
    TooLarge,
    /// The proxy answered `CONNECT` with this status (`403 Forbidden`).
    ProxyTunnel(String),
    /// The proxy (its URL) refused the connection: Python's `strerror`
    /// and `errno`.
    ProxyRefused {
        proxy: String,
        strerror: String,
        errno: i32,
    },
    /// A URL scheme requests has no adapter for (`ftp://`): the URL.
    NoAdapter(String),
    /// The body's CRC32 is not the one its header gave (botocore's
    /// `ChecksumError`).
    Checksum { expected: u32, actual: u32 },
}

/// What an HTTP response body may hold, decoded (see [`crate::limits`]).
pub const RESPONSE_BODY_LIMIT: u64 = crate::limits::RESPONSE_BODY_LIMIT;

/// aws-cli's text for any certificate failure (Python 3.6's `ssl` module
/// via requests: botocore prints the exception as it is).
pub const CERTIFICATE_VERIFY_FAILED: &str =
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:852)";

impl SendError {
    /// The error for the user, for a request to `url`.
    pub fn into_cli_error(self, url: &str) -> crate::error::CliError {
        use crate::error::CliError;
        match self {
            SendError::Connect(detail) => CliError::Connect {
                url: url.to_string(),
                detail,
            },
            // botocore 1.8.32's vendored requests lets a refused connection
            // out as urllib3's ProtocolError, which aws-cli prints as is
            // (recorded: differential endpoint/*); "Could not connect" is
            // for names that do not resolve.
            SendError::Refused(strerror, errno) => CliError::Other(format!(
                "('Connection aborted.', ConnectionRefusedError({errno}, '{strerror}'))"
            )),
            SendError::ReadTimeout(_) => CliError::ReadTimeout {
                url: url.to_string(),
            },
            SendError::Signing(detail) => CliError::Other(detail),
            SendError::Certificate(_) => CliError::Other(CERTIFICATE_VERIFY_FAILED.to_string()),
            SendError::Redirect { status, location } => CliError::Other(format!(
                "The endpoint {url} answered HTTP {status} with a redirect to {location}. \
                 awsr does not follow redirects: the request is signed for this endpoint \
                 and its credentials must not go anywhere else. Check --endpoint-url and \
                 the region."
            )),
            SendError::NoAdapter(url) => {
                CliError::Other(format!("No connection adapters were found for '{url}'"))
            }
            SendError::ProxyTunnel(status) => CliError::Other(crate::proxy::proxy_error_text(
                url,
                "",
                &format!("OSError('Tunnel connection failed: {status}',)"),
            )),
            SendError::ProxyRefused {
                proxy,
                strerror,
                errno,
            } => CliError::Other(crate::proxy::proxy_error_text(
                url,
                &proxy,
                &format!("ConnectionRefusedError({errno}, '{strerror}')"),
            )),
            SendError::Checksum { expected, actual } => CliError::Other(format!(
                "Checksum crc32 failed, expected checksum {expected} did not match calculated checksum {actual}."
            )),
            SendError::TooLarge => CliError::Other(format!(
                "The response from {url} is larger than the {} limit for response bodies.",
                crate::limits::describe(RESPONSE_BODY_LIMIT)
            )),
        }
    }
}

pub const USER_AGENT: &str = concat!("awsr/", env!("CARGO_PKG_VERSION"));

/// The URL a request goes to: the endpoint as given when it has a path
/// (`http://h/some/path` stays, as botocore's `_urljoin` keeps it), else
/// with `/` appended (recorded: differential endpoint/*).
pub fn request_url(endpoint_url: &str) -> String {
    let after_scheme = endpoint_url
        .split_once("://")
        .map_or(endpoint_url, |(_, rest)| rest);
    let has_path = after_scheme
        .find(['/', '?', '#'])
        .is_some_and(|at| after_scheme[at..].starts_with('/'));
    if has_path {
        endpoint_url.to_string()
    } else {
        format!("{endpoint_url}/")
    }
}

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
    // requests' Session.get_adapter: only `http://` and `https://` (any case).
    let lower = request.url.to_ascii_lowercase();
    if !lower.starts_with("http://") && !lower.starts_with("https://") {
        return Err(SendError::NoAdapter(request.url.clone()));
    }
    let agent = agent(
        &request.url,
        target.connect_timeout,
        target.read_timeout,
        verify_ssl,
        target.root_certs.as_ref(),
    )?;
    // A refused connection with a proxy in use is the proxy's refusal
    // (urllib3's ProxyError), as ureq connects to nothing else then.
    let proxy_refused = |error: SendError| match (error, crate::proxy::for_url(&request.url)) {
        (SendError::Refused(strerror, errno), Some(proxy)) => SendError::ProxyRefused {
            proxy,
            strerror,
            errno,
        },
        (error, _) => error,
    };
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
    .map_err(|e| proxy_refused(classify(e)))?;
    refuse_redirect(read_response(response)?)
}

/// A 3xx with a `Location` becomes [`SendError::Redirect`]; anything else
/// is passed on (a 3xx without one is an error answer like any other).
fn refuse_redirect(response: Response) -> Result<Response, SendError> {
    if !(300..400).contains(&response.status) {
        return Ok(response);
    }
    match response
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("location"))
    {
        Some((_, location)) => Err(SendError::Redirect {
            status: response.status,
            location: location.clone(),
        }),
        None => Ok(response),
    }
}

/// A plain `GET` with `headers` and one timeout for connecting and for
/// reading, as the credential endpoints of containers and instances are
/// asked (botocore uses requests' single `timeout` there).
pub fn get(url: &str, headers: &[(&str, &str)], timeout: Duration) -> Result<Response, SendError> {
    let agent = agent(url, timeout, timeout, true, None)?;
    let mut builder = agent.get(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    refuse_redirect(read_response(builder.call().map_err(classify)?)?)
}

/// Whether `url` is one a CA bundle applies to (requests reads the bundle
/// for `https` URLs only, so a bad path does not matter for `http`).
pub fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// An agent for one request to `url`, through the proxy `requests` would
/// pick for it (see `proxy`).
fn agent(
    url: &str,
    connect_timeout: Duration,
    read_timeout: Duration,
    verify_ssl: bool,
    ca_bundle: Option<&crate::tls::CaBundle>,
) -> Result<ureq::Agent, SendError> {
    // aws-cli turns a timeout of 0 into None: wait for ever.
    let some = |t: Duration| (!t.is_zero()).then_some(t);
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        // Redirects are refused, never followed (see SendError::Redirect).
        .max_redirects(0)
        .timeout_connect(some(connect_timeout))
        .timeout_recv_response(some(read_timeout))
        .timeout_recv_body(some(read_timeout))
        .user_agent(USER_AGENT);
    let proxy = crate::proxy::for_url(url);
    // Plain HTTP through an http:// proxy goes in absolute form, as urllib3
    // sends it (see forward_proxy); HTTPS and other proxies by CONNECT.
    if let Some(proxy) = proxy.as_deref().filter(|_| !is_https(url)) {
        if let Some(forward) =
            crate::forward_proxy::ForwardProxy::new(proxy).map_err(SendError::Connect)?
        {
            // No ureq proxy: its default would read the environment and tunnel.
            let config = config
                .proxy(None)
                .max_idle_connections(0)
                .max_idle_connections_per_host(0);
            return Ok(forward.agent(config.build()));
        }
    }
    let mut config = config.proxy(proxy_for(proxy.as_deref())?);
    if !verify_ssl {
        config = config.tls_config(
            ureq::tls::TlsConfig::builder()
                .disable_verification(true)
                .build(),
        );
    } else if let Some(bundle) = ca_bundle {
        let connector = bundle.connector().map_err(SendError::Connect)?;
        return Ok(ureq::Agent::with_parts(
            config.build(),
            connector,
            ureq::unversioned::resolver::DefaultResolver::default(),
        ));
    }
    Ok(config.build().into())
}

/// The certificates of a PEM file, as the only roots to trust; the error
/// is worded for the user (Python's OSError text, with the file named).
pub fn load_ca_bundle(path: &str) -> Result<crate::tls::CaBundle, String> {
    let limit = crate::limits::CA_BUNDLE_LIMIT;
    let pem = crate::limits::read_file(std::path::Path::new(path), limit).map_err(|e| match e {
        crate::limits::ReadError::Io(e) => {
            let text = e.to_string();
            let reason = text.split(" (os error").next().unwrap_or(&text);
            match e.raw_os_error() {
                Some(code) => format!("[Errno {code}] {reason}: '{path}'"),
                None => format!("{reason}: '{path}'"),
            }
        }
        crate::limits::ReadError::TooLarge { .. } => {
            crate::limits::too_large(std::path::Path::new(path), limit, "CA bundles")
        }
    })?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => {
                certs.push(rustls::pki_types::CertificateDer::from(cert.der().to_vec()))
            }
            Ok(_) => {}
            Err(e) => return Err(format!("the CA bundle {path} is not valid PEM: {e}")),
        }
    }
    if certs.is_empty() {
        return Err(format!("no certificate found in the CA bundle {path}"));
    }
    Ok(crate::tls::CaBundle::new(certs))
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
        .limit(RESPONSE_BODY_LIMIT)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => SendError::TooLarge,
            other => classify(other),
        })?;
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// The proxy (from `proxy::for_url`) as ureq takes it for a CONNECT tunnel
/// (never ureq's own reading of the environment, which differs from
/// requests').
fn proxy_for(proxy: Option<&str>) -> Result<Option<ureq::Proxy>, SendError> {
    proxy
        .map(|proxy| {
            ureq::Proxy::new(&crate::proxy::for_tunnel(proxy)).map_err(|e| {
                SendError::Connect(format!(
                    "bad proxy URL {}: {e}",
                    crate::proxy::without_credentials(proxy)
                ))
            })
        })
        .transpose()
}

/// `403 Forbidden` from ureq's `proxy server responded 403/403`: the
/// status and its standard reason (ureq does not keep the proxy's phrase).
fn tunnel_status(reason: &str) -> Option<String> {
    let code: u16 = reason
        .strip_prefix("proxy server responded ")?
        .split('/')
        .next()?
        .parse()
        .ok()?;
    let status = ureq::http::StatusCode::from_u16(code).ok()?;
    Some(format!(
        "{code} {}",
        status.canonical_reason().unwrap_or_default()
    ))
}

fn classify(error: ureq::Error) -> SendError {
    if let Some(reason) = certificate_error(&error) {
        return SendError::Certificate(reason);
    }
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect)
        | ureq::Error::Timeout(ureq::Timeout::Resolve) => SendError::Connect(error.to_string()),
        ureq::Error::Timeout(_) => SendError::ReadTimeout(error.to_string()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            // Linux's ECONNREFUSED when the OS does not say.
            SendError::Refused(
                "Connection refused".into(),
                io.raw_os_error().unwrap_or(111),
            )
        }
        ureq::Error::BodyExceedsLimit(_) => SendError::TooLarge,
        ureq::Error::ConnectProxyFailed(reason) => match tunnel_status(&reason) {
            Some(status) => SendError::ProxyTunnel(status),
            None => SendError::Connect(format!("CONNECT proxy failed: {reason}")),
        },
        other => SendError::Connect(other.to_string()),
    }
}

/// rustls' reason when `error` is a certificate that did not verify; ureq
/// hands it over directly or inside an I/O error, depending on when the
/// handshake failed.
fn certificate_error(error: &ureq::Error) -> Option<String> {
    let is_certificate = |e: &rustls::Error| {
        matches!(
            e,
            rustls::Error::InvalidCertificate(_)
                | rustls::Error::NoCertificatesPresented
                | rustls::Error::InvalidCertRevocationList(_)
        )
    };
    match error {
        ureq::Error::Rustls(e) => return is_certificate(e).then(|| e.to_string()),
        ureq::Error::Io(io) => {
            if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
                return is_certificate(tls).then(|| tls.to_string());
            }
        }
        _ => {}
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return is_certificate(tls).then(|| tls.to_string());
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if let Some(inner) = io.get_ref() {
                if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                    return is_certificate(tls).then(|| tls.to_string());
                }
            }
        }
        source = e.source();
    }
    None
}
