//! A loopback server scripts faults; awsr must answer each as aws-cli 1.14.28
//! does (botocore's legacy retries: 5 attempts on throttling, 500/502/503/504
//! and connection errors, never on other 4xx), with the right exit code, and
//! every request it sends must carry a valid signature.

use std::time::Duration;
use tests::awsr::{awsr, Output};
use tests::server::{Recorded, Reply, Server};

fn cancel_steps(script: Vec<Reply>, extra: &[&str]) -> (Output, Vec<Recorded>) {
    let server = Server::start(script);
    let mut args: Vec<String> = [
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(server.url());
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = awsr(args).env("AWSR_DELAY_SCALE", "0").run();
    let requests = server.requests();
    for request in &requests {
        tests::sigv4::verify(request, "secret/test/key").expect("every attempt is signed");
    }
    (out, requests)
}

const OK: &str = r#"{"CancelStepsInfoList":[{"StepId":"s-1","Status":"SUBMITTED"}]}"#;
const OK_PRINTED: &str = "{\n    \"CancelStepsInfoList\": [\n        {\n            \"StepId\": \"s-1\",\n            \"Status\": \"SUBMITTED\"\n        }\n    ]\n}\n";

#[test]
fn success() {
    let (out, requests) = cancel_steps(vec![Reply::json(200, OK)], &[]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, OK_PRINTED, "")
    );
    assert_eq!(requests.len(), 1);
}

#[test]
fn a_service_error_is_not_retried() {
    let body = r#"{"__type":"InvalidRequestException","Message":"bad"}"#;
    let (out, requests) = cancel_steps(vec![Reply::json(400, body), Reply::json(200, OK)], &[]);
    assert_eq!(out.code, 255);
    assert_eq!(out.stderr, "\nAn error occurred (InvalidRequestException) when calling the CancelSteps operation: bad\n");
    assert_eq!(requests.len(), 1, "4xx is never retried");
}

#[test]
fn a_500_then_200_is_retried_and_succeeds() {
    let (out, requests) = cancel_steps(vec![Reply::json(500, "{}"), Reply::json(200, OK)], &[]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, OK_PRINTED, "")
    );
    assert_eq!(requests.len(), 2);
    assert_ne!(requests[0].header("x-amz-date"), None);
}

#[test]
fn five_503s_give_up_after_five_attempts() {
    let script = (0..6)
        .map(|_| Reply::json(503, r#"{"__type":"ServiceUnavailable","message":"busy"}"#))
        .collect();
    let (out, requests) = cancel_steps(script, &[]);
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nAn error occurred (ServiceUnavailable) when calling the CancelSteps operation (reached max retries: 4): busy\n"
    );
    assert_eq!(requests.len(), 5);
}

#[test]
fn throttling_is_retried() {
    let throttled = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
    let (out, requests) = cancel_steps(
        vec![
            Reply::json(400, throttled),
            Reply::json(400, throttled),
            Reply::json(200, OK),
        ],
        &[],
    );
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, OK_PRINTED),
        "{}",
        out.stderr
    );
    assert_eq!(requests.len(), 3);
}

#[test]
fn a_slow_response_times_out_and_is_retried() {
    let slow = || Reply::Delayed(Duration::from_millis(1500), 200, OK.as_bytes().to_vec());
    let (out, requests) = cancel_steps(
        (0..5).map(|_| slow()).collect(),
        &["--cli-read-timeout", "1"],
    );
    assert_eq!(out.code, 255);
    // urllib3's text, as aws-cli 1.14.28 prints it (checked with the reference).
    assert!(
        out.stderr
            .starts_with("\nHTTPConnectionPool(host='127.0.0.1', port=")
            && out
                .stderr
                .ends_with("): Read timed out. (read timeout=1)\n"),
        "{}",
        out.stderr
    );
    assert!(
        requests.len() >= 2,
        "timeouts are retried: {} attempts",
        requests.len()
    );
}

#[test]
fn a_reset_connection_is_retried() {
    let (out, requests) = cancel_steps(vec![Reply::Reset, Reply::json(200, OK)], &[]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, OK_PRINTED),
        "{}",
        out.stderr
    );
    assert_eq!(requests.len(), 2);
}

#[test]
fn an_html_error_page_on_a_5xx_becomes_the_reason_phrase() {
    // botocore's generic error: aws-cli 1.14.28 prints "Bad Gateway", not the
    // page (recorded: differential/cases.json.gz, error/*).
    let page = b"<html><body>Bad gateway</body></html>".to_vec();
    let script = (0..5)
        .map(|_| Reply::Respond(502, "text/html", page.clone()))
        .collect();
    let (out, requests) = cancel_steps(script, &[]);
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nAn error occurred (502) when calling the CancelSteps operation (reached max retries: 4): Bad Gateway\n"
    );
    assert_eq!(requests.len(), 5);
}

#[test]
fn invalid_json_and_empty_bodies() {
    let (out, _) = cancel_steps(vec![Reply::json(200, "{not json")], &[]);
    assert_eq!(out.code, 255);
    assert!(out.stderr.contains("not valid JSON"), "{}", out.stderr);
    let (out, _) = cancel_steps(
        vec![Reply::Respond(
            200,
            "application/x-amz-json-1.1",
            Vec::new(),
        )],
        &[],
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn debug_logs_the_exchange_without_secrets() {
    let server = Server::start(vec![Reply::json(500, "{}"), Reply::json(200, OK)]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--debug",
        "--endpoint-url",
        &server.url(),
    ])
    .env("AWS_SESSION_TOKEN", "session-token-value-123")
    .env("AWSR_DELAY_SCALE", "0")
    .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    for needle in [
        "region: us-east-1",
        "credentials: env",
        "X-Amz-Target: ElasticMapReduce.CancelSteps",
        "status 500",
        "status 200",
        "canonical_request",
        "Signature=<redacted>",
    ] {
        assert!(
            out.stderr.contains(needle),
            "{needle:?} missing from --debug output:\n{}",
            out.stderr
        );
    }
    for secret in ["secret/test/key", "session-token-value-123"] {
        assert!(!out.stderr.contains(secret), "--debug printed a secret");
        assert!(!out.stdout.contains(secret), "stdout holds a secret");
    }
    let signature = server.requests()[1]
        .header("authorization")
        .unwrap()
        .rsplit("Signature=")
        .next()
        .unwrap()
        .to_string();
    assert!(
        !out.stderr.contains(&signature),
        "--debug printed the signature"
    );
}

/// A bad --query is reported before anything else, as aws-cli does (its
/// stderr, recorded from aws-cli 1.14.28 for the same command line).
#[test]
fn a_bad_query_is_reported_first() {
    let out = awsr(["emr", "cancel-steps", "--query", "foo[", "--bogus"]).run();
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nBad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^\n"
    );
}
