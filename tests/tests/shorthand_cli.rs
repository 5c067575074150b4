//! Shorthand syntax and the scalar types (integers, doubles, booleans,
//! timestamps) of the built awsr against aws-cli 1.14.28, case by case: the
//! request bodies sent to a loopback server (compared as JSON values), the
//! exit code, stdout, and stderr byte for byte. The expected results were
//! recorded from aws-cli itself by
//! `tests/fixtures/aws-cli-1.14.28/record-shorthand.py`; the only rewrite is
//! the program name in usage texts (`aws` → `awsr`).

use serde_json::Value;
use tests::awsr::awsr;
use tests::server::{Reply, Server};

const SECRET: &str = "secret/test/key";

/// aws-cli names itself `aws` in usage texts; awsr says `awsr`.
fn as_awsr(text: &str) -> String {
    text.replace("usage: aws ", "usage: awsr ")
        .replace("\n  aws ", "\n  awsr ")
        .replace("\naws: error: ", "\nawsr: error: ")
}

#[test]
fn every_recorded_case_matches_aws_cli() {
    let fixture =
        tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/shorthand-cases.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert!(cases.len() >= 40, "the table covers at least 40 cases");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let expected = &case["expected"];
        let wanted: Vec<(String, Value)> = expected["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let body = r["body"].as_str().unwrap();
                (
                    r["target"].as_str().unwrap().to_string(),
                    serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}: {body}")),
                )
            })
            .collect();
        // One answer per request aws-cli sent, and one more to catch a
        // request aws-cli did not send.
        let server = Server::start(vec![Reply::json(200, "{}"); wanted.len() + 1]);
        let mut args = vec!["emr".to_string()];
        args.extend(
            case["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string()),
        );
        args.push("--endpoint-url".into());
        args.push(server.url());
        let out = awsr(args).env("TZ", "UTC").run();
        let requests = server.requests();
        let sent: Vec<(String, Value)> = requests
            .iter()
            .map(|r| {
                let body = serde_json::from_slice(&r.body).unwrap_or_else(|_| {
                    Value::String(String::from_utf8_lossy(&r.body).into_owned())
                });
                (r.header("x-amz-target").unwrap_or("").to_string(), body)
            })
            .collect();
        for request in &requests {
            if let Err(e) = tests::sigv4::verify(request, SECRET) {
                failures.push(format!("case {name:?}: {e}"));
            }
        }
        let want = (
            expected["code"].as_i64().unwrap() as i32,
            expected["stdout"].as_str().unwrap().to_string(),
            as_awsr(expected["stderr"].as_str().unwrap()),
        );
        let got = (out.code, out.stdout, out.stderr);
        if got != want || sent != wanted {
            failures.push(format!(
                "case {name:?}\n  got  {got:?}\n       requests {sent:?}\n  want {want:?}\n       requests {wanted:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from aws-cli:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
