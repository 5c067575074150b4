//! Real calls: the built awsr sends CancelSteps to a loopback server started
//! by the test, which records the request; the test checks the JSON 1.1
//! request, verifies the SigV4 signature independently, and checks what
//! awsr prints for the canned answers.

use serde_json::json;
use tests::awsr::awsr;
use tests::server::{Reply, Server};
use tests::sigv4;

const SECRET: &str = "secret/test/key";

#[test]
fn sends_a_signed_json_request_and_prints_the_response() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"CancelStepsInfoList":[{"StepId":"s-1","Status":"SUBMITTED","Reason":"é","Extra":1}],"Other":2}"#,
    )]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "s-2",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
    // Members the model does not know ("Extra", "Other") are dropped, as botocore does.
    assert_eq!(
        out.stdout,
        "{\n    \"CancelStepsInfoList\": [\n        {\n            \"StepId\": \"s-1\",\n            \"Status\": \"SUBMITTED\",\n            \"Reason\": \"é\"\n        }\n    ]\n}\n"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(
        request.header("x-amz-target"),
        Some("ElasticMapReduce.CancelSteps")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        request.json(),
        json!({"ClusterId": "j-1", "StepIds": ["s-1", "s-2"]})
    );
    let auth = sigv4::verify(request, SECRET).expect("signature verifies");
    assert_eq!(auth.access_key, "AKIDTEST");
    assert_eq!(auth.region, "us-east-1");
    assert_eq!(auth.service, "elasticmapreduce");
    for header in ["content-type", "host", "x-amz-date", "x-amz-target"] {
        assert!(
            auth.signed_headers.iter().any(|h| h == header),
            "{header} is signed"
        );
    }
}

#[test]
fn region_option_and_session_token_are_used() {
    let server = Server::start(vec![Reply::json(200, r#"{"CancelStepsInfoList":[]}"#)]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--region",
        "eu-west-1",
        "--endpoint-url",
        &server.url(),
    ])
    .env("AWS_SESSION_TOKEN", "token/123")
    .run();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "{\n    \"CancelStepsInfoList\": []\n}\n", "")
    );
    let request = &server.requests()[0];
    assert_eq!(request.header("x-amz-security-token"), Some("token/123"));
    let auth = sigv4::verify(request, SECRET).expect("signature verifies");
    assert_eq!(auth.region, "eu-west-1");
    assert!(auth
        .signed_headers
        .iter()
        .any(|h| h == "x-amz-security-token"));
}

#[test]
fn cli_input_json_and_options_are_merged_into_the_body() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cli-input-json",
        r#"{"ClusterId": "from-json", "StepIds": ["a"]}"#,
        "--cluster-id",
        "from-option",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    assert_eq!(
        server.requests()[0].json(),
        json!({"ClusterId": "from-option", "StepIds": ["a"]})
    );
}

#[test]
fn a_service_error_prints_aws_cli_s_line() {
    let server = Server::start(vec![Reply::json(
        400,
        r#"{"__type":"com.amazon.emr#InvalidRequestException","message":"Cluster j-1 not found"}"#,
    )]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(out.code, 255);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "\nAn error occurred (InvalidRequestException) when calling the CancelSteps operation: Cluster j-1 not found\n"
    );
    sigv4::verify(&server.requests()[0], SECRET).expect("signature verifies");
}

#[test]
fn an_empty_success_body_prints_nothing() {
    let server = Server::start(vec![Reply::Respond(
        200,
        "application/x-amz-json-1.1",
        Vec::new(),
    )]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn an_invalid_json_success_body_is_a_clear_error() {
    let server = Server::start(vec![Reply::json(200, r#"{"CancelStepsInfoList": ["#)]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(out.code, 255);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("not valid JSON"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn a_refused_connection_is_reported_as_aws_cli_1_14_28_reports_it() {
    // botocore 1.8.32 does not turn a refused connection into "Could not
    // connect to the endpoint URL" (that is for names that do not resolve);
    // aws-cli prints urllib3's error (recorded: differential endpoint/*).
    // Bind and drop a listener: the port is then (almost certainly) closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        &url,
    ])
    .run();
    assert_eq!(out.code, 255);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "\n('Connection aborted.', ConnectionRefusedError(111, 'Connection refused'))\n"
    );
}

#[test]
fn validation_errors_stop_the_call() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let out = awsr([
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "[1]",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nParameter validation failed:\nInvalid type for parameter StepIds[0], value: 1, type: <class 'int'>, valid types: <class 'str'>\n"
    );
    assert!(
        server.requests().is_empty(),
        "nothing is sent when validation fails"
    );
}
