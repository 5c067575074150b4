//! Skeletons of aws-cli's 17 model-driven emr commands, input and output,
//! against what aws-cli 1.14.28 printed (recorded by
//! `tests/fixtures/aws-cli-1.14.28/record-skeletons.py` with aws-cli's random
//! enum pick replaced by "first", awsr's deterministic rule). Where aws-cli's
//! Stubber rejects its own placeholder response (list-instance-fleets' double
//! is None), awsr fails the same way.

use serde_json::Value;
use tests::awsr::awsr;

#[test]
fn skeletons_match_aws_cli() {
    let fixture =
        tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/skeleton-cases.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert_eq!(cases.len(), 34, "input and output for 17 commands");
    let mut failures = Vec::new();
    for case in &cases {
        let args: Vec<String> = case["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        let expected = &case["expected"];
        let out = awsr(args.clone()).run();
        let want = (
            expected["code"].as_i64().unwrap() as i32,
            expected["stdout"].as_str().unwrap(),
            expected["stderr"].as_str().unwrap(),
        );
        if (out.code, out.stdout.as_str(), out.stderr.as_str()) != want {
            failures.push(format!(
                "{}\n  got  {:?}\n  want {:?}",
                args.join(" "),
                (out.code, &out.stdout, &out.stderr),
                want
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
