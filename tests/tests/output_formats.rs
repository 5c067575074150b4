//! `--output json|text|table`, `--query` and `--color` against what aws-cli
//! 1.14.28 printed for the same responses
//! (tests/fixtures/aws-cli-1.14.28/output-cases.json, recorded by
//! record-output.py with stdout piped: table width 80, `--color auto` off).
//!
//! Every recorded case is checked twice:
//! - the formatter as a library, on the parsed response aws-cli's own
//!   `--output json` printed;
//! - the built awsr end to end against a loopback server answering the
//!   recorded body (which also checks that awsr parses each operation's
//!   response into what botocore hands the formatter).

use awsr_runtime::format::{self, Color, OutputFormat, Query, Terminal};
use serde_json::Value;
use tests::awsr::awsr;
use tests::server::{Reply, Server};

struct Case {
    name: String,
    command: String,
    args: Vec<String>,
    operation: String,
    output: Option<String>,
    query: Option<String>,
    color: Option<String>,
    response: String,
    parsed: Value,
    code: i32,
    stdout: String,
    stderr: String,
}

fn cases() -> Vec<Case> {
    let path = tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/output-cases.json");
    let text = std::fs::read_to_string(&path).expect("output-cases.json is readable");
    let doc: Value = serde_json::from_str(&text).expect("output-cases.json is JSON");
    let s = |v: &Value| v.as_str().map(str::to_string);
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| Case {
            name: s(&c["name"]).expect("name"),
            command: s(&c["command"]).expect("command"),
            args: c["args"]
                .as_array()
                .expect("args")
                .iter()
                .filter_map(s)
                .collect(),
            operation: s(&c["operation"]).expect("operation"),
            output: s(&c["output"]),
            query: s(&c["query"]),
            color: s(&c["color"]),
            response: s(&c["response"]).expect("response"),
            // aws-cli printed nothing: the empty response.
            parsed: match &c["parsed"] {
                Value::Null => Value::Object(Default::default()),
                other => other.clone(),
            },
            code: c["expected"]["code"].as_i64().expect("code") as i32,
            stdout: s(&c["expected"]["stdout"]).expect("stdout"),
            stderr: s(&c["expected"]["stderr"]).expect("stderr"),
        })
        .collect()
}

/// What the library gives for a case: exit code, stdout, stderr.
fn render(case: &Case) -> (i32, String, String) {
    let format = case
        .output
        .as_deref()
        .map(|o| OutputFormat::parse(o).expect("known output"))
        .unwrap_or(OutputFormat::Json);
    let color = case
        .color
        .as_deref()
        .map(|c| Color::parse(c).expect("known color"))
        .unwrap_or_default();
    let result = case
        .query
        .as_deref()
        .map(Query::compile)
        .transpose()
        .and_then(|query| {
            format::render_for(
                &case.parsed,
                format,
                query.as_ref(),
                &case.operation,
                color,
                &Terminal::PIPED,
            )
        });
    match result {
        Ok(stdout) => (0, stdout, String::new()),
        Err(e) => (
            e.exit_code(),
            e.stdout().to_string(),
            e.stderr().to_string(),
        ),
    }
}

#[test]
fn enough_cases_are_recorded() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    for format in [None, Some("text"), Some("table")] {
        assert!(cases.iter().any(|c| c.output.as_deref() == format));
    }
    assert!(cases.iter().any(|c| c.color.as_deref() == Some("on")));
    assert!(cases
        .iter()
        .any(|c| c.code == 255 && c.stderr.contains("Bad value for --query")));
}

#[test]
fn library_output_is_aws_clis() {
    let mut failures = Vec::new();
    for case in cases() {
        let got = render(&case);
        let want = (case.code, case.stdout.clone(), case.stderr.clone());
        if got != want {
            failures.push(format!(
                "{}:\n  want {:?}\n  got  {:?}",
                case.name, want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn awsr_output_is_aws_clis() {
    let mut failures = Vec::new();
    let cases = cases();
    for case in &cases {
        // awsr compiles --query after the call, so a bad one is still
        // answered; aws-cli stops before sending.
        let server = Server::start(vec![Reply::json(200, &case.response)]);
        let mut args = vec!["emr".to_string(), case.command.clone()];
        args.extend(case.args.iter().cloned());
        args.extend(["--endpoint-url".to_string(), server.url()]);
        for (flag, value) in [
            ("--output", &case.output),
            ("--query", &case.query),
            ("--color", &case.color),
        ] {
            if let Some(value) = value {
                args.extend([flag.to_string(), value.clone()]);
            }
        }
        let out = awsr(args).run();
        let got = (out.code, out.stdout, out.stderr);
        let want = (case.code, case.stdout.clone(), case.stderr.clone());
        if got != want {
            failures.push(format!(
                "{}:\n  want {:?}\n  got  {:?}",
                case.name, want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
