//! The built `awsr emr cancel-steps` against aws-cli 1.14.28, case by case:
//! exit code, stdout and stderr. The expected outputs were recorded from
//! aws-cli itself by `tests/fixtures/aws-cli-1.14.28/record-cases.py`; the
//! only rewrite is the program name in usage texts (`aws` → `awsr`).

use serde_json::Value;
use tests::awsr::awsr;

fn expand(arg: &str) -> String {
    match arg.strip_prefix('@').and_then(|n| n.parse::<usize>().ok()) {
        Some(n) => "j".repeat(n),
        None => arg.to_string(),
    }
}

/// aws-cli names itself `aws` in usage texts; awsr says `awsr`.
fn as_awsr(text: &str) -> String {
    text.replace("usage: aws ", "usage: awsr ")
        .replace("\n  aws ", "\n  awsr ")
        .replace("\naws: error: ", "\nawsr: error: ")
}

#[test]
fn every_recorded_case_matches_aws_cli() {
    let fixture =
        tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/cancel-steps-cases.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert!(cases.len() >= 40, "the table covers at least 40 cases");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let cwd = tempfile::tempdir().unwrap();
        if let Some(files) = case.get("files").and_then(Value::as_object) {
            for (file, content) in files {
                std::fs::write(cwd.path().join(file), content.as_str().unwrap()).unwrap();
            }
        }
        let mut args = vec!["emr".to_string(), "cancel-steps".to_string()];
        args.extend(
            case["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| expand(a.as_str().unwrap())),
        );
        let mut run = awsr(args).cwd(cwd.path());
        for var in case
            .get("unset")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            run = run.env_remove(var.as_str().unwrap());
        }
        let out = run.run();
        let expected = &case["expected"];
        let want_code = expected["code"].as_i64().unwrap() as i32;
        let want_stdout = expected["stdout"].as_str().unwrap();
        let want_stderr = as_awsr(expected["stderr"].as_str().unwrap());
        if out.code != want_code || out.stdout != want_stdout || out.stderr != want_stderr {
            failures.push(format!(
                "case {name:?}\n  code: got {} want {want_code}\n  stdout: got {:?}\n          want {:?}\n  stderr: got {:?}\n          want {:?}",
                out.code, out.stdout, want_stdout, out.stderr, want_stderr
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
