//! Paging through the paginator shapes EMR lacks, against a loopback server,
//! case by case against what aws-cli 1.14.28 sent and printed for the same
//! pages (recorded by
//! `tests/fixtures/aws-cli-1.14.28/record-paginator-shapes.py`): Kinesis's
//! nested result key, indexing output token (`Shards[-1].ShardId`) and nested
//! non-aggregate keys, DynamoDB's three result keys and map token, two list
//! result keys (CloudWatch Logs, Rekognition), Athena's nested result key
//! beside a nested non-aggregate key, SWF's top-level non-aggregate keys and
//! Device Farm's map result keys.

use serde_json::Value;
use tests::awsr::awsr;
use tests::server::{Reply, Server};

#[test]
fn paginator_shapes_match_aws_cli() {
    let fixture =
        tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/paginator-shapes-cases.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert!(cases.len() >= 34, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let expected = &case["expected"];
        let wanted_requests = expected["requests"].as_array().unwrap();
        let token = case["token"].as_str().unwrap();
        // The server answers the pages aws-cli asked for, in the same order:
        // each request's token picks its page.
        let script = wanted_requests
            .iter()
            .map(|request| {
                let asked = request.get(token).unwrap_or(&Value::Null);
                let page = case["pages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| &p["when"] == asked)
                    .unwrap_or_else(|| panic!("case {name:?}: no page for {asked}"));
                Reply::json(200, &page["page"].to_string())
            })
            .collect();
        let server = Server::start(script);
        let mut args: Vec<String> = strings(&case["command"]);
        args.push("--endpoint-url".into());
        args.push(server.url());
        args.extend(strings(&case["args"]));
        let out = awsr(args).run();
        let sent: Vec<Value> = server.requests().iter().map(|r| r.json()).collect();
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

fn strings(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}
