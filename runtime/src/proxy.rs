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

/// urllib3's text for a tunnel the proxy refused (`ProxyError`), as
/// aws-cli prints it; `status` is the proxy's answer to `CONNECT`.
pub fn tunnel_refused_text(url: &str, status: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = if path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_string()
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() => {
            (h.to_string(), p.to_string())
        }
        _ => (authority.to_string(), "443".to_string()),
    };
    format!(
        "HTTPSConnectionPool(host='{host}', port={port}): Max retries exceeded with url: {path} \
         (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: {status}',)))"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_tunnel_text() {
        assert_eq!(
            tunnel_refused_text("https://h.example.com/", "403 Forbidden"),
            "HTTPSConnectionPool(host='h.example.com', port=443): Max retries exceeded with url: / \
             (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 403 Forbidden',)))"
        );
    }
}
