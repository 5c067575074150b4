//! Requests through a proxy, as aws-cli 1.14.28 (botocore's vendored
//! requests over urllib3 1.22) sends them: a loopback server stands in for
//! the proxy and records the request line and headers it is sent. The
//! expected lines and headers were recorded from aws-cli with a logging
//! proxy (`aws emr list-clusters --endpoint-url ...` with `HTTP_PROXY` or
//! `HTTPS_PROXY` set).

use tests::awsr::{awsr, Output};
use tests::server::{Recorded, Reply, Server};

const CLUSTERS: &str = r#"{"Clusters":[]}"#;
const CLUSTERS_PRINTED: &str = "{\n    \"Clusters\": []\n}\n";

/// `awsr emr list-clusters --endpoint-url <endpoint>` with `variable` set
/// to `proxy_url`, retries without delay.
fn list_clusters(endpoint: &str, variable: &str, proxy_url: &str) -> Output {
    awsr(["emr", "list-clusters", "--endpoint-url", endpoint])
        .env(variable, proxy_url)
        .env("AWSR_DELAY_SCALE", "0")
        .run()
}

/// `http://user:password@127.0.0.1:<port>` of `proxy`.
fn with_credentials(proxy: &Server, credentials: &str) -> String {
    format!("http://{credentials}@{}", proxy.addr)
}

fn only(requests: Vec<Recorded>) -> Recorded {
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.into_iter().next().expect("one request")
}

#[test]
fn plain_http_goes_to_the_proxy_with_the_absolute_url_and_its_credentials() {
    let proxy = Server::start(vec![Reply::json(200, CLUSTERS)]);
    // aws-cli: `POST http://emr.example.test:8080/base HTTP/1.1`,
    // `Host: emr.example.test:8080`, `Proxy-Authorization: Basic
    // dXNlcjpwQHNz` (user:p@ss, percent-decoded as requests does).
    let out = list_clusters(
        "http://emr.example.test:8080/base",
        "HTTP_PROXY",
        &with_credentials(&proxy, "user:p%40ss"),
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, CLUSTERS_PRINTED, "")
    );
    let request = only(proxy.requests());
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "http://emr.example.test:8080/base")
    );
    assert_eq!(request.header("host"), Some("emr.example.test:8080"));
    assert_eq!(
        request.header("proxy-authorization"),
        Some("Basic dXNlcjpwQHNz")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("ElasticMapReduce.ListClusters")
    );
    tests::sigv4::verify(&request, "secret/test/key").expect("signed for the path");
}

#[test]
fn without_a_user_name_and_a_password_no_proxy_credentials_are_sent() {
    for credentials in ["user", "user:", ":pw"] {
        let proxy = Server::start(vec![Reply::json(200, CLUSTERS)]);
        let out = list_clusters(
            "http://emr.example.test/",
            "http_proxy",
            &with_credentials(&proxy, credentials),
        );
        assert_eq!(out.code, 0, "{credentials}: {}", out.stderr);
        let request = only(proxy.requests());
        assert_eq!(request.path, "http://emr.example.test/");
        assert_eq!(request.header("host"), Some("emr.example.test"));
        assert_eq!(request.header("proxy-authorization"), None, "{credentials}");
    }
}

#[test]
fn https_is_tunnelled_with_the_proxy_credentials_on_connect() {
    // Every attempt asks for a tunnel and is refused (aws-cli retries too).
    let proxy = Server::start(vec![Reply::json(403, ""); 5]);
    let out = list_clusters(
        "https://emr.example.test",
        "HTTPS_PROXY",
        &with_credentials(&proxy, "user:pass"),
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nHTTPSConnectionPool(host='emr.example.test', port=443): Max retries exceeded with url: / \
         (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 403 Forbidden',)))\n"
    );
    let requests = proxy.requests();
    assert_eq!(requests.len(), 5);
    for request in requests {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("CONNECT", "emr.example.test:443")
        );
        assert_eq!(
            request.header("proxy-authorization"),
            Some("Basic dXNlcjpwYXNz")
        );
    }
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.local_addr().expect("bound address").port()
}

#[test]
fn a_proxy_that_refuses_the_connection_is_named_as_urllib3_names_it() {
    let port = closed_port();
    let proxy = format!("http://u:p@127.0.0.1:{port}");
    let out = list_clusters(
        "http://emr.example.test:8080/base?q=1",
        "HTTP_PROXY",
        &proxy,
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        format!(
            "\nHTTPConnectionPool(host='127.0.0.1', port={port}): Max retries exceeded with url: \
             http://emr.example.test:8080/base?q=1 (Caused by ProxyError('Cannot connect to proxy.', \
             ConnectionRefusedError(111, 'Connection refused')))\n"
        )
    );
    let out = list_clusters(
        "https://emr.example.test:8443/base?q=1",
        "HTTPS_PROXY",
        &proxy,
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nHTTPSConnectionPool(host='emr.example.test', port=8443): Max retries exceeded with url: \
         /base?q=1 (Caused by ProxyError('Cannot connect to proxy.', \
         ConnectionRefusedError(111, 'Connection refused')))\n"
    );
}
