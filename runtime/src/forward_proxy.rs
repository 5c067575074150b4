//! Plain-HTTP requests through an HTTP proxy, sent as urllib3 sends them
//! for botocore's vendored requests: the connection goes to the proxy, and
//! the request line carries the absolute URL (`POST http://host:port/path
//! HTTP/1.1`, RFC 9112 section 3.2.2) followed by the proxy's
//! `Proxy-Authorization` when its URL has credentials. HTTPS requests stay
//! in ureq's CONNECT tunnel, as urllib3 tunnels them too.
//!
//! Hand-written because ureq 3 (3.5) speaks only CONNECT to an HTTP proxy,
//! and ureq-proto writes the request target as the URI's path with no
//! option for the absolute form. So the agent for such a request gets a
//! resolver that answers with the proxy's addresses whatever the URL (ureq
//! resolves the request's host when it has no proxy of its own), ureq's
//! TCP connector connects there, and a thin transport puts the scheme and
//! authority in front of the path of the request line ureq wrote, and the
//! proxy header after that line. Pooling is off for such an agent, so a
//! connection carries one request and only its first line needs changing.

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, NextTimeout, TcpConnector, Transport,
};

/// An `http://` proxy that plain-HTTP requests are forwarded through.
#[derive(Debug, Clone)]
pub struct ForwardProxy {
    /// `http://host:port/`, without credentials: where to connect.
    address: Uri,
    /// The `Proxy-Authorization` value requests would send, if any.
    authorization: Option<String>,
}

impl ForwardProxy {
    /// The forward proxy for `proxy_url` (as `proxy::for_url` gives it),
    /// or `None` when it is not an `http://` proxy (ureq handles the rest,
    /// by CONNECT). The error names the URL when it does not parse.
    pub fn new(proxy_url: &str) -> Result<Option<ForwardProxy>, String> {
        let plain = crate::proxy::without_credentials(proxy_url);
        let address: Uri = plain
            .parse()
            .map_err(|e| format!("bad proxy URL {plain}: {e}"))?;
        if !address
            .scheme_str()
            .is_some_and(|s| s.eq_ignore_ascii_case("http"))
            || address.host().is_none()
        {
            return Ok(None);
        }
        Ok(Some(ForwardProxy {
            address,
            authorization: crate::proxy::authorization(proxy_url),
        }))
    }

    /// An agent that sends every request through this proxy in absolute
    /// form. `config` must not pool connections (see the module comment).
    pub fn agent(self, config: ureq::config::Config) -> ureq::Agent {
        let connector =
            ().chain(TcpConnector::default())
                .chain(AbsoluteFormConnector {
                    authorization: self.authorization,
                });
        ureq::Agent::with_parts(
            config,
            connector,
            ProxyResolver {
                proxy: self.address,
                inner: DefaultResolver::default(),
            },
        )
    }
}

/// Resolves the proxy, whatever URL it is asked about.
#[derive(Debug)]
struct ProxyResolver {
    proxy: Uri,
    inner: DefaultResolver,
}

impl Resolver for ProxyResolver {
    fn resolve(
        &self,
        _uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        self.inner.resolve(&self.proxy, config, timeout)
    }
}

/// Wraps the connection to the proxy in an [`AbsoluteFormTransport`].
#[derive(Debug)]
struct AbsoluteFormConnector {
    authorization: Option<String>,
}

impl<In: Transport> Connector<In> for AbsoluteFormConnector {
    type Out = AbsoluteFormTransport<In>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(inner) = chained else {
            return Ok(None);
        };
        Ok(Some(AbsoluteFormTransport {
            inner,
            origin: origin(details.uri),
            authorization: self.authorization.clone(),
            head_sent: false,
        }))
    }
}

/// `http://host:port` of the request URI, as requests' `urldefragauth`
/// leaves it (no credentials).
fn origin(uri: &Uri) -> String {
    let authority = uri.authority().map_or("", |a| a.as_str());
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    format!("{}://{authority}", uri.scheme_str().unwrap_or("http"))
}

/// The transport to the proxy: everything as ureq writes it, except the
/// first request line, which gets the origin in front of its path and the
/// proxy's credentials after it.
#[derive(Debug)]
struct AbsoluteFormTransport<In> {
    inner: In,
    origin: String,
    authorization: Option<String>,
    head_sent: bool,
}

impl<In: Transport> AbsoluteFormTransport<In> {
    /// Sends `bytes` through the inner transport's output buffer, in as
    /// many pieces as that takes (the changed head is longer than what ureq
    /// wrote into it).
    fn transmit_all(&mut self, bytes: &[u8], timeout: NextTimeout) -> Result<(), ureq::Error> {
        let room = self.inner.buffers().output().len().max(1);
        for piece in bytes.chunks(room) {
            self.inner.buffers().output()[..piece.len()].copy_from_slice(piece);
            self.inner.transmit_output(piece.len(), timeout)?;
        }
        Ok(())
    }
}

impl<In: Transport> Transport for AbsoluteFormTransport<In> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        if self.head_sent {
            return self.inner.transmit_output(amount, timeout);
        }
        let written = self.inner.buffers().output()[..amount].to_vec();
        let head = absolute_form(&written, &self.origin, self.authorization.as_deref())
            .ok_or_else(|| {
                ureq::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "the request line to the proxy was not written in one piece",
                ))
            })?;
        self.head_sent = true;
        self.transmit_all(&head, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }
}

/// `written` (starting with `METHOD /path HTTP/1.1\r\n`) with `origin`
/// before the path and a `Proxy-Authorization` line after the request
/// line; `None` when the request line is not complete in `written`.
fn absolute_form(written: &[u8], origin: &str, authorization: Option<&str>) -> Option<Vec<u8>> {
    let line_end = written.windows(2).position(|w| w == b"\r\n")?;
    let target = written[..line_end].iter().position(|&b| b == b' ')? + 1;
    if written.get(target) != Some(&b'/') {
        return None;
    }
    let mut out = Vec::with_capacity(written.len() + origin.len() + 64);
    out.extend_from_slice(&written[..target]);
    out.extend_from_slice(origin.as_bytes());
    out.extend_from_slice(&written[target..line_end + 2]);
    if let Some(value) = authorization {
        out.extend_from_slice(b"Proxy-Authorization: ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(&written[line_end + 2..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_line_gets_the_origin_and_the_header() {
        let written = b"POST /base?x=1 HTTP/1.1\r\nhost: h.test:8080\r\n\r\n{}";
        let out = absolute_form(written, "http://h.test:8080", Some("Basic dTpw")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "POST http://h.test:8080/base?x=1 HTTP/1.1\r\nProxy-Authorization: Basic dTpw\r\n\
             host: h.test:8080\r\n\r\n{}"
        );
        let out = absolute_form(b"GET / HTTP/1.1\r\n", "http://h", None).unwrap();
        assert_eq!(out, b"GET http://h/ HTTP/1.1\r\n");
    }

    #[test]
    fn an_incomplete_request_line_is_refused() {
        assert_eq!(absolute_form(b"POST /base HTT", "http://h", None), None);
        assert_eq!(absolute_form(b"POST\r\n", "http://h", None), None);
    }

    #[test]
    fn origin_drops_credentials() {
        let uri: Uri = "http://u:p@h.test:81/x".parse().unwrap();
        assert_eq!(origin(&uri), "http://h.test:81");
    }
}
