//! Which proxy a request goes through, as botocore's vendored `requests`
//! decides it: Python's `urllib.request.getproxies_environment` (any
//! `<scheme>_proxy` variable, the lowercase spelling winning), the proxy
//! for the URL's own scheme or else `all_proxy`, and `no_proxy` hosts
//! bypassed by suffix (`requests.utils.should_bypass_proxies`). Hand-written
//! because ureq's own environment proxy uses one proxy for every scheme and
//! matches `NO_PROXY` differently.

/// `get_proxy(key)` of urllib: `<key>_proxy` in lowercase, else in
/// uppercase; an empty lowercase value unsets it.
fn env_proxy(key: &str) -> Option<String> {
    let lower = format!("{key}_proxy");
    if let Some(value) = std::env::var_os(&lower) {
        let value = value.to_string_lossy().into_owned();
        return (!value.is_empty()).then_some(value);
    }
    std::env::var(lower.to_ascii_uppercase())
        .ok()
        .filter(|v| !v.is_empty())
}

/// The proxy URL for `url`, or `None` to connect directly.
pub fn for_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => authority.split(':').next().unwrap_or(authority),
    };
    if bypassed(host, authority) {
        return None;
    }
    let proxy = env_proxy(&scheme).or_else(|| env_proxy("all"))?;
    // requests' prepend_scheme_if_needed: a bare `host:port` is http.
    Some(if proxy.contains("://") {
        proxy
    } else {
        format!("http://{proxy}")
    })
}

/// `should_bypass_proxies` + `proxy_bypass_environment`: `*`, or an entry
/// the host (or `host:port`) ends with.
fn bypassed(host: &str, authority: &str) -> bool {
    let Some(no_proxy) = env_proxy("no") else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    let authority = authority.to_ascii_lowercase();
    no_proxy
        .replace(' ', "")
        .split(',')
        .filter(|entry| !entry.is_empty())
        .map(str::to_ascii_lowercase)
        .any(|entry| entry == "*" || host.ends_with(&entry) || authority.ends_with(&entry))
}

/// The user name and password of a proxy URL as Python's `urlparse` splits
/// them (`user:password@` before the last `@`, at the first `:`), still
/// percent-encoded; `None` without an `@`.
fn userinfo(proxy_url: &str) -> Option<(&str, Option<&str>)> {
    let rest = proxy_url.split_once("://").map_or(proxy_url, |(_, r)| r);
    let netloc = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let (userinfo, _host) = netloc.rsplit_once('@')?;
    Some(match userinfo.split_once(':') {
        Some((user, password)) => (user, Some(password)),
        None => (userinfo, None),
    })
}

/// `proxy_url` without its `user:password@`.
pub fn without_credentials(proxy_url: &str) -> String {
    match userinfo(proxy_url) {
        None => proxy_url.to_string(),
        Some(_) => {
            let (scheme, rest) = proxy_url.split_once("://").unwrap_or(("", proxy_url));
            let netloc_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let host = rest[..netloc_end]
                .rsplit_once('@')
                .map_or(&rest[..netloc_end], |(_, h)| h);
            let prefix = if scheme.is_empty() {
                String::new()
            } else {
                format!("{scheme}://")
            };
            format!("{prefix}{host}{}", &rest[netloc_end..])
        }
    }
}

/// The `Proxy-Authorization` requests sends to the proxy of `proxy_url`
/// (`HTTPAdapter.proxy_headers`): only when the URL has both a user name
/// and a password, percent-decoded (`unquote`), as `Basic` of
/// `user:password` in Latin-1. A character beyond Latin-1, where Python
/// fails, is sent in UTF-8.
pub fn authorization(proxy_url: &str) -> Option<String> {
    use base64::Engine;
    let (user, password) = userinfo(proxy_url)?;
    let unquote = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let (user, password) = (unquote(user), unquote(password?));
    if user.is_empty() || password.is_empty() {
        return None;
    }
    let text = format!("{user}:{password}");
    let bytes: Vec<u8> = if text.chars().all(|c| u32::from(c) <= 0xFF) {
        text.chars().map(|c| u32::from(c) as u8).collect()
    } else {
        text.into_bytes()
    };
    Some(format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// The proxy URL to hand to ureq for a CONNECT tunnel: without
/// credentials when requests would send none (ureq sends them as soon as
/// either part is there).
pub fn for_tunnel(proxy_url: &str) -> String {
    match authorization(proxy_url) {
        Some(_) => proxy_url.to_string(),
        None => without_credentials(proxy_url),
    }
}

/// urllib3's text for a request a proxy failed (`ProxyError`), as aws-cli
/// prints it; `cause` is Python's repr of what went wrong. An `https://`
/// URL goes by CONNECT, so the pool named is the URL's own host and the URL
/// its path; an `http://` URL is sent to the proxy's pool (`proxy_url`,
/// port 80 by default) with the absolute URL (requests' `urldefragauth`).
pub fn proxy_error_text(url: &str, proxy_url: &str, cause: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let path = path.split('#').next().unwrap_or(path);
    let (pool, host, port, url) = if scheme.eq_ignore_ascii_case("https") {
        let path = match path {
            "" => "/".to_string(),
            p if p.starts_with('?') => format!("/{p}"),
            p => p.to_string(),
        };
        let (host, port) = host_and_port(authority, "443");
        ("HTTPSConnectionPool", host, port, path)
    } else {
        let proxy = without_credentials(proxy_url);
        let proxy_rest = proxy.split_once("://").map_or(proxy.as_str(), |(_, r)| r);
        let proxy_authority = proxy_rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(proxy_rest);
        let (host, port) = host_and_port(proxy_authority, "80");
        let path = if path.is_empty() { "/" } else { path };
        (
            "HTTPConnectionPool",
            host,
            port,
            format!("{scheme}://{authority}{path}"),
        )
    };
    format!(
        "{pool}(host='{host}', port={port}): Max retries exceeded with url: {url} \
         (Caused by ProxyError('Cannot connect to proxy.', {cause}))"
    )
}

/// The host and port of `host[:port]` (`[v6]:port`), with `default` when
/// no port is given.
fn host_and_port(authority: &str, default: &str) -> (String, String) {
    if let Some(v6) = authority.strip_prefix('[') {
        if let Some((host, after)) = v6.split_once(']') {
            let port = after.strip_prefix(':').filter(|p| !p.is_empty());
            return (host.to_string(), port.unwrap_or(default).to_string());
        }
    }
    match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => {
            (h.to_string(), p.to_string())
        }
        _ => (authority.to_string(), default.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_as_requests_reads_them() {
        let url = "http://user:p%40ss@127.0.0.1:3128/";
        assert_eq!(authorization(url).as_deref(), Some("Basic dXNlcjpwQHNz"));
        assert_eq!(without_credentials(url), "http://127.0.0.1:3128/");
        // a colon in the password stays in it; é is one Latin-1 byte
        assert_eq!(
            authorization("http://u:a:b@h").as_deref(),
            Some("Basic dTphOmI=")
        );
        assert_eq!(
            authorization("http://u:%C3%A9@h").as_deref(),
            Some("Basic dTrp")
        );
        // no header without both parts
        for url in [
            "http://user@h:1",
            "http://user:@h:1",
            "http://:pw@h:1",
            "http://h:1",
        ] {
            assert_eq!(authorization(url), None, "{url}");
            assert_eq!(for_tunnel(url), "http://h:1", "{url}");
        }
        assert_eq!(for_tunnel("http://u:p@h:1"), "http://u:p@h:1");
    }

    #[test]
    fn proxy_error_texts() {
        let tunnel = "OSError('Tunnel connection failed: 403 Forbidden',)";
        assert_eq!(
            proxy_error_text("https://h.example.com/", "http://p:1", tunnel),
            "HTTPSConnectionPool(host='h.example.com', port=443): Max retries exceeded with url: / \
             (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 403 Forbidden',)))"
        );
        // recorded from aws-cli 1.14.28 with nothing listening on the proxy's port
        let refused = "ConnectionRefusedError(111, 'Connection refused')";
        assert_eq!(
            proxy_error_text("https://emr.example.test:8443/base?q=1", "http://127.0.0.1:1", refused),
            "HTTPSConnectionPool(host='emr.example.test', port=8443): Max retries exceeded with url: \
             /base?q=1 (Caused by ProxyError('Cannot connect to proxy.', \
             ConnectionRefusedError(111, 'Connection refused')))"
        );
        assert_eq!(
            proxy_error_text("http://emr.example.test:8080/base?q=1", "http://u:p@127.0.0.1:1", refused),
            "HTTPConnectionPool(host='127.0.0.1', port=1): Max retries exceeded with url: \
             http://emr.example.test:8080/base?q=1 (Caused by ProxyError('Cannot connect to proxy.', \
             ConnectionRefusedError(111, 'Connection refused')))"
        );
        assert_eq!(
            proxy_error_text("http://emr.example.test/", "http://127.0.0.1", refused),
            "HTTPConnectionPool(host='127.0.0.1', port=80): Max retries exceeded with url: \
             http://emr.example.test/ (Caused by ProxyError('Cannot connect to proxy.', \
             ConnectionRefusedError(111, 'Connection refused')))"
        );
    }
}
