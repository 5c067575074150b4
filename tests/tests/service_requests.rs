//! Every request aws-cli 1.14.28 recorded for the JSON-protocol services
//! (`tests/fixtures/aws-cli-1.14.28/services/`, record-services.py) is sent
//! by the built awsr identically: the same command line against a loopback
//! echo server must give the same exit code, method, path, `X-Amz-Target`,
//! `Content-Type`, signing scope (region and service of the credential
//! scope; none for unsigned operations), a valid SigV4 signature, and the
//! same body bytes (botocore's `json.dumps`; idempotency tokens compared as
//! UUID4s). Endpoint resolution is compared for the four recorded regions of
//! every service. Differences are allowed only where docs/differences.md
//! declares them, in its ```` ```json requests ```` blocks.

use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Mutex;
use tests::server::{Recorded, Reply, Server};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGIONS: [&str; 4] = ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"];
const THREADS: usize = 4;

/// One declared difference: `cases` are `"<service> <command>"` patterns
/// (`*` matches anything), `fields` what may differ there.
#[derive(Debug)]
struct Declared {
    id: String,
    cases: Vec<String>,
    fields: Vec<String>,
}

fn declared() -> Vec<Declared> {
    let path = tests::workspace_root().join("docs/differences.md");
    let text = std::fs::read_to_string(&path).expect("docs/differences.md exists");
    let mut blocks = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("```json requests\n") {
        let body = &rest[start + "```json requests\n".len()..];
        let end = body.find("\n```").expect("closed requests block");
        let block: Value = serde_json::from_str(&body[..end])
            .unwrap_or_else(|e| panic!("bad requests block: {e}\n{}", &body[..end]));
        let strings = |key: &str| -> Vec<String> {
            block[key]
                .as_array()
                .unwrap_or_else(|| panic!("requests block without {key}: {block}"))
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        blocks.push(Declared {
            id: block["id"].as_str().expect("requests block id").to_string(),
            cases: strings("cases"),
            fields: strings("fields"),
        });
        rest = &body[end..];
    }
    blocks
}

fn matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            text.starts_with(head)
                && (head.len()..=text.len())
                    .any(|i| text.is_char_boundary(i) && matches(tail, &text[i..]))
        }
    }
}

fn is_uuid4(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    let hex = |s: &str| s.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'));
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| hex(g))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

/// The body with each idempotency token's UUID4 replaced by `<uuid4>` (and
/// left alone, so that it differs, when it is not a UUID4).
fn normalise_tokens(body: &str, tokens: &[String]) -> String {
    let mut body = body.to_string();
    let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    for token in tokens {
        if let Some(value) = parsed[token].as_str().filter(|v| is_uuid4(v)) {
            body = body.replace(&format!("\"{value}\""), "\"<uuid4>\"");
        }
    }
    body
}

/// What is compared of one exchange, field by field.
fn fields(
    code: i64,
    request: Option<&Recorded>,
    tokens: &[String],
) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    out.insert("code", code.to_string());
    let Some(request) = request else {
        out.insert("request", "none sent".into());
        return out;
    };
    out.insert("method", request.method.clone());
    out.insert("path", request.path.clone());
    for (field, header) in [("target", "x-amz-target"), ("content-type", "content-type")] {
        out.insert(field, request.header(header).unwrap_or("-").to_string());
    }
    let scope = match request.header("authorization") {
        None => "unsigned".to_string(),
        Some(_) => match tests::sigv4::verify(request, SECRET) {
            Ok(auth) => format!("{}/{}", auth.region, auth.service),
            Err(e) => format!("bad signature: {e}"),
        },
    };
    out.insert("scope", scope);
    let body = String::from_utf8_lossy(&request.body);
    out.insert("body", normalise_tokens(&body, tokens));
    out
}

struct Case {
    id: String,
    args: Vec<String>,
    recorded_port: String,
    expected: BTreeMap<&'static str, String>,
    tokens: Vec<String>,
}

fn cases(services: &[&str]) -> Vec<Case> {
    let mut cases = Vec::new();
    for cli_name in services {
        let fixture = tests::fixtures::service_fixture(&format!("{cli_name}.json.gz"));
        for command in fixture["commands"].as_array().unwrap() {
            let request = &command["request"];
            if request.is_null() {
                continue;
            }
            let args: Vec<String> = request["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
            let endpoint = args.last().unwrap().clone();
            let recorded_port = endpoint.rsplit(':').next().unwrap().to_string();
            let tokens: Vec<String> = request["idempotency_tokens"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            let sent = request["requests"]
                .as_array()
                .unwrap()
                .first()
                .map(tests::fixtures::recorded_request);
            let mut expected = fields(request["code"].as_i64().unwrap(), sent.as_ref(), &tokens);
            // The recorded signature was made at botocore's fixed clock and
            // is checked here too; its scope is what is compared.
            if let Some(scope) = expected.get_mut("scope") {
                *scope = scope.replace("bad signature: ", "recorded signature bad: ");
            }
            cases.push(Case {
                id: format!("{cli_name} {}", command["name"].as_str().unwrap()),
                args,
                recorded_port,
                expected,
                tokens,
            });
        }
    }
    cases
}

fn run_case(case: &Case) -> BTreeMap<&'static str, String> {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let port = server.addr.port().to_string();
    let from = format!("127.0.0.1:{}", case.recorded_port);
    let to = format!("127.0.0.1:{port}");
    let args: Vec<String> = case.args.iter().map(|a| a.replace(&from, &to)).collect();
    let out = tests::awsr::awsr(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .run();
    let requests = server.requests();
    // The server's port reaches the body when an argument names the
    // endpoint (machinelearning predict's PredictEndpoint); compare it as
    // recorded.
    let mut got: BTreeMap<&'static str, String> =
        fields(out.code as i64, requests.first(), &case.tokens)
            .into_iter()
            .map(|(field, value)| (field, value.replace(&to, &from)))
            .collect();
    // A request that never came: say what awsr said instead.
    if let Some(request) = got.get_mut("request") {
        request.push_str(&format!(" (stderr: {})", out.stderr.trim()));
    }
    got
}

fn json_services() -> Vec<String> {
    let services: Value = serde_json::from_slice(
        &std::fs::read(tests::workspace_root().join("model/services.json")).unwrap(),
    )
    .unwrap();
    services["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["protocol"] == "json")
        .map(|s| s["cli_name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_recorded_request_is_sent_identically() {
    let names = json_services();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let cases = cases(&names);
    assert!(cases.len() > 2000, "{} recorded requests", cases.len());
    let declared = declared();
    let next = Mutex::new(0usize);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| loop {
                let index = {
                    let mut next = next.lock().unwrap();
                    *next += 1;
                    *next - 1
                };
                let Some(case) = cases.get(index) else { break };
                let actual = run_case(case);
                results.lock().unwrap().push((index, actual));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(index, _)| *index);
    let (mut identical, mut excused) = (0, 0);
    let mut undeclared = Vec::new();
    let mut by_field: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, actual) in &results {
        let case = &cases[*index];
        let differing: Vec<&str> = case
            .expected
            .keys()
            .chain(actual.keys())
            .copied()
            .filter(|k| case.expected.get(k) != actual.get(k))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if differing.is_empty() {
            identical += 1;
            continue;
        }
        let excuse = declared.iter().find(|d| {
            d.cases.iter().any(|p| matches(p, &case.id))
                && differing.iter().all(|f| d.fields.iter().any(|g| g == f))
        });
        if excuse.is_some() {
            excused += 1;
            continue;
        }
        for field in &differing {
            *by_field.entry(field).or_default() += 1;
        }
        let detail: Vec<String> = differing
            .iter()
            .map(|f| {
                format!(
                    "  {f}: aws-cli {:?}\n  {f}: awsr    {:?}",
                    case.expected.get(f).map(String::as_str).unwrap_or("-"),
                    actual.get(f).map(String::as_str).unwrap_or("-")
                )
            })
            .collect();
        undeclared.push(format!("{}\n{}", case.id, detail.join("\n")));
    }
    let total = results.len();
    eprintln!(
        "{identical}/{total} recorded requests identical; {excused} differ as docs/differences.md declares"
    );
    for d in &declared {
        let used = results
            .iter()
            .any(|(i, _)| d.cases.iter().any(|p| matches(p, &cases[*i].id)));
        assert!(used, "requests block {} matches no recorded request", d.id);
    }
    assert!(
        undeclared.is_empty(),
        "{} of {total} recorded requests differ from aws-cli 1.14.28 and are not declared (by field: {by_field:?}):\n{}",
        undeclared.len(),
        undeclared.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// The endpoint (URL, signing region and name) botocore resolved for each
/// service in each recorded region is the one awsr resolves.
#[test]
fn endpoints_resolve_as_botocore_for_every_service_and_region() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for service in generated::SERVICES {
        let fixture = tests::fixtures::service_fixture(&format!("{}.json.gz", service.cli_name));
        for region in REGIONS {
            let expected = &fixture["endpoints"][region];
            let resolved = awsr_runtime::endpoints::resolve(
                service.endpoint_prefix,
                service.signing_name,
                region,
            );
            let actual = serde_json::json!({
                "url": resolved.url,
                "signing_region": resolved.signing_region,
                "signing_name": resolved.signing_name,
            });
            if &actual != expected {
                wrong.push(format!(
                    "{} {region}: aws-cli {expected}, awsr {actual}",
                    service.cli_name
                ));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 75 * 4, "every service in every recorded region");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
