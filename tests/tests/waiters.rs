//! `awsr emr wait ...` against a loopback server that plays a cluster's
//! states. Texts are botocore 1.8.32's (`Waiter {name} failed: {reason}`);
//! AWSR_DELAY_SCALE=0 keeps the model's 30-second polls out of the test.

use tests::awsr::awsr;
use tests::server::{Reply, Server};

fn cluster(state: &str) -> Reply {
    Reply::json(
        200,
        &format!(r#"{{"Cluster": {{"Id": "j-1", "Status": {{"State": "{state}"}}}}}}"#),
    )
}

fn wait(waiter: &str, script: Vec<Reply>) -> (tests::awsr::Output, Vec<tests::server::Recorded>) {
    let server = Server::start(script);
    let out = awsr([
        "emr",
        "wait",
        waiter,
        "--cluster-id",
        "j-1",
        "--endpoint-url",
        &server.url(),
    ])
    .env("AWSR_DELAY_SCALE", "0")
    .run();
    (out, server.requests())
}

#[test]
fn polls_until_success() {
    let (out, requests) = wait(
        "cluster-running",
        vec![
            cluster("STARTING"),
            cluster("BOOTSTRAPPING"),
            cluster("WAITING"),
        ],
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(
            request.header("x-amz-target"),
            Some("ElasticMapReduce.DescribeCluster")
        );
        assert_eq!(request.json(), serde_json::json!({"ClusterId": "j-1"}));
        tests::sigv4::verify(request, "secret/test/key").expect("signature verifies");
    }
}

#[test]
fn a_failure_state_stops_the_wait() {
    let (out, requests) = wait(
        "cluster-running",
        vec![cluster("STARTING"), cluster("TERMINATED_WITH_ERRORS")],
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nWaiter ClusterRunning failed: Waiter encountered a terminal failure state\n"
    );
    assert_eq!(requests.len(), 2);
}

#[test]
fn a_service_error_no_acceptor_matches_fails_with_its_message() {
    let (out, _) = wait(
        "cluster-terminated",
        vec![Reply::json(
            400,
            r#"{"__type":"InvalidRequestException","Message":"Cluster j-1 not found"}"#,
        )],
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nWaiter ClusterTerminated failed: Cluster j-1 not found\n"
    );
}

#[test]
fn gives_up_after_max_attempts() {
    let (out, requests) = wait(
        "cluster-terminated",
        (0..60).map(|_| cluster("RUNNING")).collect(),
    );
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nWaiter ClusterTerminated failed: Max attempts exceeded\n"
    );
    assert_eq!(requests.len(), 60, "the model's maxAttempts");
}

#[test]
fn wait_without_a_waiter_is_a_usage_error() {
    let out = awsr(["emr", "wait"]).run();
    assert_eq!(out.code, 255);
    // aws-cli 1.14.28 raises this usage as an error: blank line, exit 255
    // (recorded: differential wait/wait/0).
    assert_eq!(out.stderr, "\nusage: awsr [options] <command> <subcommand> [parameters]\nawsr: error: too few arguments\n");
}
