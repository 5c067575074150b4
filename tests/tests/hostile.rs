//! Hostile input and faults, with the built `awsr`: endless and oversized
//! files, pipes and responses end at a named limit with a clear error;
//! redirects are refused rather than followed with credentials; TLS works
//! with a self-signed CA bundle and fails at once as aws-cli words it;
//! deep data and long profile chains do not overflow the stack; a query
//! cannot blow up; a closed stdout ends as in aws-cli.

use std::io::Write;
use std::time::{Duration, Instant};
use tests::awsr::{awsr, binary, Output};
use tests::server::{Reply, Server};
use tests::tls::TlsServer;

const CANCELLED: &str =
    r#"{"CancelStepsInfoList":[{"StepId":"s-1","Status":"SUBMITTED","Reason":"ok"}]}"#;

fn cancel(url: &str) -> Vec<String> {
    [
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        url,
    ]
    .map(String::from)
    .to_vec()
}

fn assert_error(out: &Output, stderr: &str) {
    assert_eq!(
        (out.code, out.stderr.as_str(), out.stdout.as_str()),
        (255, stderr, ""),
        "{out:?}"
    );
}

fn assert_cancelled(out: &Output) {
    assert_eq!(out.code, 0, "{out:?}");
    let printed: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON output");
    assert_eq!(
        printed["CancelStepsInfoList"][0]["StepId"], "s-1",
        "{out:?}"
    );
}

/// Runs `run` and checks it ended within `limit`.
fn quickly(limit: Duration, run: impl FnOnce() -> Output) -> Output {
    let start = Instant::now();
    let out = run();
    assert!(
        start.elapsed() < limit,
        "took {:?}: {out:?}",
        start.elapsed()
    );
    out
}

// ---- bounded reads -------------------------------------------------------

#[test]
fn parameter_files_from_dev_zero_end_at_the_limit() {
    for (option, value) in [
        ("--cluster-id", "file:///dev/zero"),
        ("--cluster-id", "fileb:///dev/zero"),
        ("--cli-input-json", "file:///dev/zero"),
    ] {
        let out = quickly(Duration::from_secs(30), || {
            awsr(["emr", "cancel-steps", "--step-ids", "s-1", option, value]).run()
        });
        assert_error(
            &out,
            &format!("\nError parsing parameter '{option}': Unable to load paramfile {value}: the file /dev/zero is larger than the 128 MiB limit for parameter files\n"),
        );
    }
}

/// A sparse file of `size` bytes (costs no disk).
fn sparse(dir: &std::path::Path, name: &str, size: u64) -> String {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(size))
        .expect("sparse file");
    path.to_string_lossy().into_owned()
}

#[test]
fn config_credentials_and_ca_bundle_files_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let big = sparse(dir.path(), "big", (16 << 20) + 1);
    let out = awsr(["emr", "list-clusters"])
        .env("AWS_CONFIG_FILE", &big)
        .env_remove("AWS_DEFAULT_REGION")
        .run();
    assert_error(
        &out,
        &format!("\nUnable to parse config file: {big}: the file is larger than the 16 MiB limit for config files\n"),
    );
    let out = awsr(["emr", "list-clusters"])
        .env("AWS_SHARED_CREDENTIALS_FILE", &big)
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .run();
    assert_error(
        &out,
        &format!("\nUnable to parse config file: {big}: the file is larger than the 16 MiB limit for config files\n"),
    );
    let out = quickly(Duration::from_secs(30), || {
        awsr(cancel("https://127.0.0.1:9"))
            .env("AWS_CA_BUNDLE", "/dev/zero")
            .run()
    });
    assert_error(
        &out,
        "\nthe file /dev/zero is larger than the 16 MiB limit for CA bundles\n",
    );
}

#[test]
fn credential_process_output_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    // `yes` writes "y\n" for ever.
    std::fs::write(&config, "[default]\ncredential_process = yes\n").unwrap();
    let out = quickly(Duration::from_secs(30), || {
        awsr(cancel("http://127.0.0.1:9"))
            .env("AWS_CONFIG_FILE", &config.to_string_lossy())
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .run()
    });
    assert_error(
        &out,
        "\nError when retrieving credentials from custom-process: the output of credential_process is larger than the 1 MiB limit\n",
    );
}

#[test]
fn an_endless_response_body_is_reported_as_too_large_once() {
    let server = Server::start(vec![Reply::Flood(1 << 40)]);
    let out = quickly(Duration::from_secs(60), || {
        awsr(cancel(&server.url()))
            .env("AWSR_DELAY_SCALE", "0")
            .run()
    });
    assert_error(
        &out,
        &format!(
            "\nThe response from {}/ is larger than the 64 MiB limit for response bodies.\n",
            server.url()
        ),
    );
    assert_eq!(server.requests().len(), 1, "not retried");
}

// ---- responses -----------------------------------------------------------

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn raw_response(extra_headers: &str, body: &[u8]) -> Reply {
    let mut bytes = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n{extra_headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    Reply::Raw(bytes)
}

#[test]
fn gzip_responses_are_decoded_and_bombs_refused() {
    let server = Server::start(vec![raw_response(
        "Content-Encoding: gzip\r\n",
        &gzip(CANCELLED.as_bytes()),
    )]);
    let out = awsr(cancel(&server.url())).run();
    assert_cancelled(&out);
    assert!(server.requests()[0]
        .header("accept-encoding")
        .is_some_and(|v| v.contains("gzip")));

    // 80 MiB of spaces: about 80 KiB compressed.
    let bomb = gzip(&vec![b' '; 80 << 20]);
    let server = Server::start(vec![raw_response("Content-Encoding: gzip\r\n", &bomb)]);
    let out = quickly(Duration::from_secs(60), || {
        awsr(cancel(&server.url())).run()
    });
    assert_error(
        &out,
        &format!(
            "\nThe response from {}/ is larger than the 64 MiB limit for response bodies.\n",
            server.url()
        ),
    );
}

/// A DescribeCluster answer whose recursive `Configurations` nest `levels` deep.
fn nested_configurations(levels: usize) -> String {
    let mut body = String::from(r#"{"Cluster":{"Id":"j-1","Configurations":"#);
    for i in 0..levels {
        body.push_str(&format!(r#"[{{"Classification":"c{i}","Configurations":"#));
    }
    body.push_str("[]");
    body.push_str(&"}]".repeat(levels));
    body.push_str("}}");
    body
}

#[test]
fn deeply_nested_responses_are_accepted_without_overflowing_the_stack() {
    // 4990 configurations are 9983 levels of JSON, just under awsr's limit
    // of 10000: aws-cli stops near 990.
    let levels = 4990;
    let body = nested_configurations(levels);
    for extra in [
        &[][..],
        &["--output", "text"][..],
        &[
            "--query",
            "Cluster.Configurations[0].Configurations[0].Classification",
        ][..],
    ] {
        let server = Server::start(vec![Reply::json(200, &body)]);
        let mut args = vec![
            "emr",
            "describe-cluster",
            "--cluster-id",
            "j-1",
            "--endpoint-url",
        ];
        let url = server.url();
        args.push(&url);
        args.extend_from_slice(extra);
        let out = awsr(args).run();
        assert_eq!(out.code, 0, "{extra:?}: {}", out.stderr);
        if extra.is_empty() {
            // serde_json stops at 128 levels, so count instead of parsing.
            assert_eq!(
                out.stdout.matches("\"Classification\": \"c").count(),
                levels
            );
            assert!(out
                .stdout
                .contains(&format!("\"Classification\": \"c{}\"", levels - 1)));
            assert_eq!(
                out.stdout.matches('[').count(),
                out.stdout.matches(']').count()
            );
        } else if extra[0] == "--query" {
            assert_eq!(out.stdout, "\"c1\"\n");
        } else {
            assert_eq!(out.stdout.matches("CONFIGURATIONS\tc").count(), levels);
        }
    }
    // Beyond awsr's limit (10000 levels), a clear error.
    let server = Server::start(vec![Reply::json(200, &nested_configurations(6000))]);
    let out = awsr([
        "emr",
        "describe-cluster",
        "--cluster-id",
        "j-1",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(out.code, 255, "{out:?}");
    assert!(
        out.stderr
            .contains("the response nests 12003 levels deep, more than awsr's limit of 10000"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_query_cannot_blow_up_exponentially() {
    let server = Server::start(vec![Reply::json(200, CANCELLED)]);
    let query = vec!["[@,@]"; 64].join("|");
    let mut args = cancel(&server.url());
    args.extend(["--query".to_string(), query]);
    let out = quickly(Duration::from_secs(30), || awsr(args).run());
    assert_eq!(out.code, 255, "{out:?}");
    assert!(
        out.stderr.contains(
            "The --query result would hold 18446744073709551615 values, more than awsr's limit of"
        ),
        "{}",
        out.stderr
    );
    // Inside the query too: writing the value out, and comparing two such
    // values built apart (equal pairs are remembered, so this is linear).
    let chain = vec!["[@,@]"; 40].join("|");
    for (tail, code, stdout) in [
        ("length(to_string(@))", 255, ""),
        ("sort_by(@, &to_string(@))", 255, ""),
    ] {
        let server = Server::start(vec![Reply::json(200, CANCELLED)]);
        let mut args = cancel(&server.url());
        args.extend(["--query".to_string(), format!("{chain}|{tail}")]);
        let out = quickly(Duration::from_secs(30), || awsr(args).run());
        assert_eq!((out.code, out.stdout.as_str()), (code, stdout), "{out:?}");
        assert!(
            out.stderr
                .contains("to_string() of a value holding more than 100000000 values"),
            "{}",
            out.stderr
        );
    }
    let server = Server::start(vec![Reply::json(200, CANCELLED)]);
    let mut args = cancel(&server.url());
    args.extend([
        "--query".to_string(),
        format!("[({chain}), ({chain})] | [0] == [1]"),
    ]);
    let out = quickly(Duration::from_secs(30), || awsr(args).run());
    assert_eq!((out.code, out.stdout.as_str()), (0, "true\n"), "{out:?}");
    // A modest duplication is fine.
    let server = Server::start(vec![Reply::json(200, CANCELLED)]);
    let mut args = cancel(&server.url());
    args.extend(
        [
            "--query",
            "[@,@]|[@,@]|[0][0].CancelStepsInfoList[0].StepId",
            "--output",
            "text",
        ]
        .map(String::from),
    );
    let out = awsr(args).run();
    assert_eq!((out.code, out.stdout.as_str()), (0, "s-1\n"), "{out:?}");
}

// ---- redirects -----------------------------------------------------------

#[test]
fn redirects_are_refused_and_credentials_stay_home() {
    for status in [301, 302, 303, 307, 308] {
        let elsewhere = Server::start(vec![Reply::json(200, CANCELLED)]);
        let location = format!("{}/stolen", elsewhere.url());
        let redirect = format!(
            "HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let server = Server::start(vec![Reply::Raw(redirect.into_bytes())]);
        let out = awsr(cancel(&server.url()))
            .env("AWS_SESSION_TOKEN", "session-token")
            .env("AWSR_DELAY_SCALE", "0")
            .run();
        assert_error(
            &out,
            &format!(
                "\nThe endpoint {}/ answered HTTP {status} with a redirect to {location}. awsr does not follow redirects: the request is signed for this endpoint and its credentials must not go anywhere else. Check --endpoint-url and the region.\n",
                server.url()
            ),
        );
        assert_eq!(server.requests().len(), 1, "{status}: not retried");
        assert!(server.requests()[0]
            .header("x-amz-security-token")
            .is_some());
        assert!(
            elsewhere.requests().is_empty(),
            "{status}: the other host was asked"
        );
    }
}

// ---- TLS -----------------------------------------------------------------

#[test]
fn a_self_signed_certificate_in_the_ca_bundle_is_trusted() {
    // A plain leaf, and one marked CA:TRUE as `openssl req -x509` makes
    // them (which OpenSSL, so aws-cli, accepts and webpki alone refuses).
    for marked_as_ca in [false, true] {
        let server = TlsServer::start_with(CANCELLED, marked_as_ca, &["127.0.0.1"]);
        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("ca.pem");
        std::fs::write(&bundle, &server.cert_pem).unwrap();
        let out = awsr(cancel(&server.url()))
            .env("AWS_CA_BUNDLE", &bundle.to_string_lossy())
            .run();
        assert_cancelled(&out);
        let mut args = cancel(&server.url());
        args.extend([
            "--ca-bundle".to_string(),
            bundle.to_string_lossy().into_owned(),
        ]);
        assert_cancelled(&awsr(args).run());
        // Trusted, but for another name than the one asked for.
        let misnamed = TlsServer::start_with(CANCELLED, marked_as_ca, &["example.com"]);
        std::fs::write(&bundle, &misnamed.cert_pem).unwrap();
        let out = awsr(cancel(&misnamed.url()))
            .env("AWS_CA_BUNDLE", &bundle.to_string_lossy())
            .run();
        assert_error(
            &out,
            "\n[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:852)\n",
        );
    }
    // Another certificate in the bundle does not vouch for this one.
    let server = TlsServer::start_with(CANCELLED, true, &["127.0.0.1"]);
    let stranger = TlsServer::start_with(CANCELLED, true, &["127.0.0.1"]);
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("ca.pem");
    std::fs::write(&bundle, &stranger.cert_pem).unwrap();
    let out = awsr(cancel(&server.url()))
        .env("AWS_CA_BUNDLE", &bundle.to_string_lossy())
        .run();
    assert_error(
        &out,
        "\n[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:852)\n",
    );
}

#[test]
fn certificate_failures_are_reported_as_aws_cli_does_at_once() {
    let server = TlsServer::start(CANCELLED);
    // Delays as in real use: a retry would show in the time and the count.
    let out = quickly(Duration::from_secs(10), || {
        awsr(cancel(&server.url()))
            .env("AWSR_DELAY_SCALE", "1")
            .run()
    });
    assert_error(
        &out,
        "\n[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:852)\n",
    );
    assert_eq!(server.connections(), 1, "not retried");
    // --no-verify-ssl still connects.
    let mut args = cancel(&server.url());
    args.push("--no-verify-ssl".into());
    assert_cancelled(&awsr(args).run());
}

// ---- timeouts ------------------------------------------------------------

#[test]
fn timeouts_of_zero_mean_no_timeout() {
    let server = Server::start(vec![Reply::Delayed(
        Duration::from_millis(1500),
        200,
        CANCELLED.as_bytes().to_vec(),
    )]);
    let mut args = cancel(&server.url());
    args.extend(["--cli-read-timeout", "0", "--cli-connect-timeout", "0"].map(String::from));
    assert_cancelled(&awsr(args).run());
}

// ---- stdout --------------------------------------------------------------

#[test]
fn a_closed_stdout_ends_as_aws_cli_ends() {
    // A pipe whose reader is gone: `[Errno 32] Broken pipe`, status 255.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(binary())
        .args(["emr", "cancel-steps", "--generate-cli-skeleton"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned()
        ),
        (Some(255), "\n[Errno 32] Broken pipe\n".to_string())
    );
    // No standard output at all (`>&-`): Rust's start-up opens /dev/null
    // in its place, so the output goes nowhere and awsr succeeds (aws-cli
    // fails with `'NoneType' object has no attribute 'write'`, status 255).
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "exec \"$0\" emr cancel-steps --generate-cli-skeleton >&-",
        ])
        .arg(binary())
        .output()
        .unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned()
        ),
        (Some(0), String::new())
    );
    // help into a closed pipe ends quietly, as aws-cli's does.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(binary())
        .args(["emr", "cancel-steps", "help"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!((out.status.code(), out.stderr.len()), (Some(0), 0));
}

// ---- profiles and STS ----------------------------------------------------

const STS_XML: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>temp/secret</SecretAccessKey><SessionToken>temp-token</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>"#;

/// `[profile p0]` → p1 → ... → p{n-1}, whose source is `last`.
fn chain(n: usize, last: &str) -> String {
    let mut config = String::new();
    for i in 0..n {
        let source = if i + 1 == n {
            last.to_string()
        } else {
            format!("p{}", i + 1)
        };
        config.push_str(&format!(
            "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = {source}\n"
        ));
    }
    config
}

fn with_config(config: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    std::fs::write(&path, config).unwrap();
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}

#[test]
fn a_source_profile_chain_of_thousands_ends_in_the_cycle_error() {
    let n = 5000;
    let (_dir, config) = with_config(&chain(n, "p0"));
    let out = quickly(Duration::from_secs(60), || {
        awsr(cancel("http://127.0.0.1:9"))
            .env("AWS_CONFIG_FILE", &config)
            .env("AWS_PROFILE", "p0")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .run()
    });
    let visited: Vec<String> = (0..n).map(|i| format!("'p{i}'")).collect();
    assert_error(
        &out,
        &format!(
            "\nInfinite loop in credential configuration detected. Attempting to load from profile p0 which has already been visited. Visited profiles: [{}]\n",
            visited.join(", ")
        ),
    );
}

#[test]
fn a_long_source_profile_chain_assumes_each_role_in_turn() {
    let n = 300;
    let mut config = chain(n, "base");
    config.push_str(
        "[profile base]\naws_access_key_id = AKBASE\naws_secret_access_key = base/secret\n",
    );
    let (_dir, config) = with_config(&config);
    let mut script: Vec<Reply> = (0..n)
        .map(|_| Reply::Respond(200, "text/xml", STS_XML.as_bytes().to_vec()))
        .collect();
    script.push(Reply::json(200, CANCELLED));
    let server = Server::start(script);
    let out = awsr(cancel(&server.url()))
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_PROFILE", "p0")
        .env("AWSR_STS_ENDPOINT_URL", &server.url())
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .run();
    assert_cancelled(&out);
    let requests = server.requests();
    assert_eq!(requests.len(), n + 1);
    // The innermost role first, signed with the base keys; the outermost last.
    let body = |i: usize| String::from_utf8_lossy(&requests[i].body).into_owned();
    assert!(
        body(0).contains(&format!("role%2Fr{}", n - 1)),
        "{}",
        body(0)
    );
    assert!(requests[0]
        .header("authorization")
        .unwrap()
        .contains("AKBASE/"));
    assert!(body(n - 1).contains("role%2Fr0&") || body(n - 1).ends_with("role%2Fr0"));
    assert!(requests[n]
        .header("authorization")
        .unwrap()
        .contains("ASIATEMP/"));
}

#[test]
fn hostile_sts_answers_are_rejected_quickly() {
    // 4 MiB of nesting, and 4 MiB of siblings: linear work either way.
    let deep = format!("{}{}", "<a>".repeat(1 << 20), "</a>".repeat(1 << 20));
    let wide = format!(
        "<AssumeRoleResponse>{}</AssumeRoleResponse>",
        "<x>y</x>".repeat(1 << 19)
    );
    for body in [deep, wide] {
        let (_dir, config) = with_config(&format!(
            "{}[profile base]\naws_access_key_id = AKBASE\naws_secret_access_key = base/secret\n",
            chain(1, "base")
        ));
        let server = Server::start(vec![Reply::Respond(200, "text/xml", body.into_bytes())]);
        let out = quickly(Duration::from_secs(30), || {
            awsr(cancel("http://127.0.0.1:9"))
                .env("AWS_CONFIG_FILE", &config)
                .env("AWS_PROFILE", "p0")
                .env("AWSR_STS_ENDPOINT_URL", &server.url())
                .env_remove("AWS_ACCESS_KEY_ID")
                .env_remove("AWS_SECRET_ACCESS_KEY")
                .run()
        });
        assert_error(
            &out,
            &format!(
                "\nUnable to parse the AssumeRole response from {}/: no Credentials/Expiration\n",
                server.url()
            ),
        );
    }
}
