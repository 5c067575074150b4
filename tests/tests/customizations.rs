//! The declared layer of aws-cli's own customisations on model-driven
//! commands (model/customizations/emr.json): list-clusters' state filters and
//! add-tags' `key=value` tags. Each expected request body is what aws-cli
//! 1.14.28 sent for the same command line to a recording loopback server.

use serde_json::{json, Value};
use tests::awsr::awsr;
use tests::server::{Reply, Server};

fn sent(args: &[&str]) -> (tests::awsr::Output, Option<Value>) {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend(["--endpoint-url".to_string(), server.url()]);
    let out = awsr(all).run();
    let body = server.requests().first().map(|r| r.json());
    (out, body)
}

#[test]
fn list_clusters_state_filters() {
    let cases: [(&[&str], Value); 4] = [
        (
            &["emr", "list-clusters", "--active"],
            json!({"ClusterStates": ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"]}),
        ),
        (
            &["emr", "list-clusters", "--terminated"],
            json!({"ClusterStates": ["TERMINATED"]}),
        ),
        (
            &["emr", "list-clusters", "--failed"],
            json!({"ClusterStates": ["TERMINATED_WITH_ERRORS"]}),
        ),
        (
            &["emr", "list-clusters", "--cluster-states", "RUNNING"],
            json!({"ClusterStates": ["RUNNING"]}),
        ),
    ];
    for (args, expected) in cases {
        let (out, body) = sent(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(body, Some(expected), "{args:?}");
    }
}

#[test]
fn list_clusters_filters_are_exclusive() {
    for args in [
        &["emr", "list-clusters", "--active", "--failed"][..],
        &[
            "emr",
            "list-clusters",
            "--cluster-states",
            "RUNNING",
            "--terminated",
        ][..],
    ] {
        let (out, body) = sent(args);
        assert_eq!(out.code, 255, "{args:?}");
        assert_eq!(
            out.stderr,
            "\nawsr: error: You can specify only one of the cluster state filters: --cluster-states, --active, --terminated, --failed.\n"
        );
        assert_eq!(body, None, "nothing is sent");
    }
}

#[test]
fn add_tags_takes_key_value_words() {
    let (out, body) = sent(&[
        "emr",
        "add-tags",
        "--resource-id",
        "j-1",
        "--tags",
        "a=b",
        "c",
        "d=e=f",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        body,
        Some(
            json!({"ResourceId": "j-1", "Tags": [{"Key": "a", "Value": "b"}, {"Key": "c", "Value": ""}, {"Key": "d", "Value": "e=f"}]})
        )
    );
    let (out, _) = sent(&["emr", "add-tags", "--resource-id", "j-1"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .ends_with("awsr: error: the following arguments are required: --tags\n"),
        "{}",
        out.stderr
    );
}
