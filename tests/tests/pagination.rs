//! Paginated `list-steps` against a loopback server, case by case against
//! what aws-cli 1.14.28 sent and printed for the same pages (recorded by
//! `tests/fixtures/aws-cli-1.14.28/record-pagination.py`).

use serde_json::Value;
use tests::awsr::awsr;
use tests::server::{Reply, Server};

#[test]
fn paginated_list_steps_matches_aws_cli() {
    let fixture =
        tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/pagination-cases.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let expected = &case["expected"];
        let wanted_requests = expected["requests"].as_array().unwrap();
        // The server answers the pages aws-cli asked for, in the same order.
        let script = wanted_requests
            .iter()
            .map(|request| {
                let marker = request.get("Marker").and_then(Value::as_str).unwrap_or("");
                Reply::json(200, &case["pages"][marker].to_string())
            })
            .collect();
        let server = Server::start(script);
        let mut args = vec![
            "emr".to_string(),
            "list-steps".into(),
            "--cluster-id".into(),
            "j-1".into(),
        ];
        args.push("--endpoint-url".into());
        args.push(server.url());
        args.extend(
            case["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string()),
        );
        let out = awsr(args).run();
        let sent: Vec<Value> = server.requests().iter().map(|r| r.json()).collect();
        for request in server.requests() {
            if let Err(e) = tests::sigv4::verify(&request, "secret/test/key") {
                failures.push(format!("case {name:?}: {e}"));
            }
        }
        let want = (
            expected["code"].as_i64().unwrap() as i32,
            expected["stdout"].as_str().unwrap(),
            expected["stderr"].as_str().unwrap(),
        );
        if (out.code, out.stdout.as_str(), out.stderr.as_str()) != want || &sent != wanted_requests
        {
            failures.push(format!(
                "case {name:?}\n  got  ({}, {:?}, {:?}) requests {sent:?}\n  want {want:?} requests {wanted_requests:?}",
                out.code, out.stdout, out.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
