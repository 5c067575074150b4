//! Each service's retry policy from botocore 1.8.32's `_retry.json`, carried
//! by the generated service: DynamoDB's 10 attempts, its
//! `ProvisionedThroughputExceededException` and its CRC32 check of response
//! bodies; Kinesis `DescribeStream`'s `LimitExceededException`, for that
//! operation only; the global policies everywhere else. A loopback server
//! scripts the answers; texts and attempt counts are aws-cli 1.14.28's
//! (checked against the reference with the same scripts).

use tests::awsr::{awsr, Output};
use tests::server::{Recorded, Reply, Server};

fn run(script: Vec<Reply>, args: &[&str]) -> (Output, Vec<Recorded>) {
    let server = Server::start(script);
    let mut argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    argv.push("--endpoint-url".into());
    argv.push(server.url());
    let out = awsr(argv).env("AWSR_DELAY_SCALE", "0").run();
    let requests = server.requests();
    for request in &requests {
        tests::sigv4::verify(request, "secret/test/key").expect("every attempt is signed");
    }
    (out, requests)
}

const GET_ITEM: &[&str] = &[
    "dynamodb",
    "get-item",
    "--table-name",
    "tab",
    "--key",
    r#"{"k":{"S":"v"}}"#,
];

/// A DynamoDB answer with an `x-amz-crc32` header.
fn with_crc32(body: &str, crc32: u32) -> Reply {
    Reply::Raw(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amz-crc32: {crc32}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

const ITEM: &str = r#"{"Item":{"k":{"S":"v"}}}"#;
const ITEM_PRINTED: &str =
    "{\n    \"Item\": {\n        \"k\": {\n            \"S\": \"v\"\n        }\n    }\n}\n";

#[test]
fn dynamodb_retries_exceeded_throughput() {
    let exceeded = r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"}"#;
    let (out, requests) = run(
        vec![
            Reply::json(400, exceeded),
            Reply::json(400, exceeded),
            Reply::json(200, ITEM),
        ],
        GET_ITEM,
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, ITEM_PRINTED, "")
    );
    assert_eq!(requests.len(), 3);
}

#[test]
fn other_services_do_not_retry_dynamodbs_codes() {
    let exceeded = r#"{"__type":"ProvisionedThroughputExceededException","message":"slow down"}"#;
    let (out, requests) = run(
        vec![Reply::json(400, exceeded), Reply::json(200, "{}")],
        &[
            "emr",
            "cancel-steps",
            "--cluster-id",
            "j-1",
            "--step-ids",
            "s-1",
        ],
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nAn error occurred (ProvisionedThroughputExceededException) when calling the CancelSteps operation: slow down\n"
    );
    assert_eq!(requests.len(), 1);
}

#[test]
fn dynamodb_gives_up_after_ten_attempts() {
    let script = (0..11)
        .map(|_| Reply::json(500, r#"{"__type":"InternalServerError","message":"down"}"#))
        .collect();
    let (out, requests) = run(script, GET_ITEM);
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nAn error occurred (InternalServerError) when calling the GetItem operation (reached max retries: 9): down\n"
    );
    assert_eq!(requests.len(), 10);
}

#[test]
fn dynamodb_checks_the_crc32_of_every_body() {
    let good = crc32fast::hash(ITEM.as_bytes());
    let (out, requests) = run(
        vec![with_crc32(ITEM, good ^ 1), with_crc32(ITEM, good)],
        GET_ITEM,
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, ITEM_PRINTED, ""),
        "a body that does not match is fetched again"
    );
    assert_eq!(requests.len(), 2);

    let script = (0..11).map(|_| with_crc32(ITEM, 1)).collect();
    let (out, requests) = run(script, GET_ITEM);
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        format!(
            "\nChecksum crc32 failed, expected checksum 1 did not match calculated checksum {good}.\n"
        )
    );
    assert_eq!(requests.len(), 10);
}

#[test]
fn kinesis_retries_describe_stream_limits_only() {
    let limited = r#"{"__type":"LimitExceededException","message":"Rate exceeded"}"#;
    let description = r#"{"StreamDescription":{"StreamName":"s","StreamARN":"arn:aws:kinesis:us-east-1:1:stream/s","StreamStatus":"ACTIVE","Shards":[],"HasMoreShards":false,"RetentionPeriodHours":24,"StreamCreationTimestamp":1,"EnhancedMonitoring":[]}}"#;
    let (out, requests) = run(
        vec![Reply::json(400, limited), Reply::json(200, description)],
        &[
            "kinesis",
            "describe-stream",
            "--stream-name",
            "s",
            "--no-paginate",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(requests.len(), 2);

    let (out, requests) = run(
        vec![Reply::json(400, limited), Reply::json(200, "{}")],
        &["kinesis", "list-streams", "--no-paginate"],
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nAn error occurred (LimitExceededException) when calling the ListStreams operation: Rate exceeded\n"
    );
    assert_eq!(requests.len(), 1);
}
