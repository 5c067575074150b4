//! botocore 1.8.32's json protocol tests, run the way botocore's own
//! `tests/unit/test_protocols.py` runs them, against awsr's codegen (the
//! shape tables, built by this crate's build script) and runtime
//! (`validate`, `Protocol::request`, `Protocol::parse_output`).
//!
//! Every case either passes or is listed in [`LISTED`] with its reason, and
//! that list is exactly the set of cases not run, and is the one in
//! docs/differences.md (`## botocore protocol tests`): it cannot grow
//! silently.

use awsr_runtime::model::ArgType;
use awsr_runtime::validate::validate;
use base64::Engine as _;
use protocol_cases::{Case, CASES, REFUSED};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;

/// The cases awsr does not run, and why. Keep in step with
/// docs/differences.md (checked below).
const LISTED: &[(&str, &str)] = &[
    (
        "input: Idempotency token auto fill #0",
        "botocore 1.8.32 skips this suite itself (PROTOCOL_TEST_BLACKLIST): \
         token filling is a handler, not the serializer, and the expected \
         headers ({}) are not what the json serializer sends",
    ),
    (
        "input: Idempotency token auto fill #1",
        "as #0 (awsr fills a missing token in its call step, as botocore's handler \
         does, outside the serializer this harness runs)",
    ),
    (
        "output: Scalar members #0",
        "the model has a `character` shape, a type no botocore service \
         model uses; codegen refuses a shape type it does not know",
    ),
    (
        "output: Lists #0",
        "the suite's `MapType` is a `string` with `key`/`value` members; \
         codegen refuses fields a shape type does not have",
    ),
    ("output: Lists #1", "the same model as output: Lists #0"),
];

/// Where the request goes; botocore's test compares only the path.
const ENDPOINT: &str = "https://protocoltests.example.com";

fn fixture(case: &Case) -> Value {
    serde_json::from_str(case.case_json).expect("the build script wrote valid JSON")
}

/// An input case: validate the params, build the request, and compare as
/// botocore's `_assert_requests_equal` does: the body byte for byte,
/// headers exactly, the path, and the method when the case gives one.
fn run_input(case: &Case, fixture: &Value) -> Result<(), String> {
    let params = &fixture["params"];
    let expected = &fixture["serialized"];
    let report = validate(case.operation.input, params);
    if !report.is_empty() {
        return Err(report.message());
    }
    let request = case.protocol.request(case.operation, ENDPOINT, params)?;
    let body = String::from_utf8(request.body).map_err(|e| e.to_string())?;
    if body != expected["body"].as_str().unwrap_or_default() {
        return Err(format!("body {body:?} != {}", expected["body"]));
    }
    // botocore adds User-Agent after serialising (the endpoint's
    // prepare_request), so its test never sees it; everything else the
    // protocol sets must match exactly.
    let headers: Map<String, Value> = request
        .headers
        .into_iter()
        .filter(|(name, _)| name != "User-Agent")
        .map(|(name, value)| (name, Value::String(value)))
        .collect();
    if Value::Object(headers.clone()) != expected["headers"] {
        return Err(format!(
            "headers {} != {}",
            Value::Object(headers),
            expected["headers"]
        ));
    }
    let path = request.url.strip_prefix(ENDPOINT).unwrap_or(&request.url);
    if path != expected["uri"].as_str().unwrap_or_default() {
        return Err(format!("uri {path:?} != {}", expected["uri"]));
    }
    if let Some(method) = expected.get("method") {
        if request.method != method.as_str().unwrap_or_default() {
            return Err(format!("method {} != {method}", request.method));
        }
    }
    Ok(())
}

/// An output case: parse the response and compare with the result as JSON
/// values (botocore compares the parsed dicts).
fn run_output(case: &Case, fixture: &Value) -> Result<(), String> {
    let response = &fixture["response"];
    let status = response["status_code"].as_u64().unwrap_or(200) as u16;
    let body = response["body"].as_str().unwrap_or_default().as_bytes();
    if !(200..300).contains(&status) {
        return Err(format!(
            "status {status}: error responses are not in this suite"
        ));
    }
    let parsed = case.protocol.parse_output(case.operation, body)?;
    let parsed = match case.operation.output {
        Some(shape) => decode_blobs(shape, parsed)?,
        None => parsed,
    };
    if parsed != fixture["result"] {
        return Err(format!("parsed {parsed} != {}", fixture["result"]));
    }
    Ok(())
}

/// aws-cli prints blobs as the wire's base64 (awscli/customizations/
/// scalarparse.py sets `blob_parser=identity`); botocore's parser, which
/// the fixture's results describe, decodes them. Decode here, as botocore's
/// runner decodes its bytes (`_fixup_parsed_result`), so the comparison
/// checks that awsr kept exactly the bytes botocore would decode.
fn decode_blobs(shape: &ArgType, value: Value) -> Result<Value, String> {
    Ok(match (shape.base(), value) {
        (ArgType::Blob, Value::String(text)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&text)
                .map_err(|e| format!("blob {text:?} is not base64: {e}"))?;
            Value::String(String::from_utf8(bytes).map_err(|e| e.to_string())?)
        }
        (ArgType::Structure(members), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, item) in object {
                let item = match members.iter().find(|m| m.name == key) {
                    Some(member) => decode_blobs(member.shape, item)?,
                    None => item,
                };
                out.insert(key, item);
            }
            Value::Object(out)
        }
        (ArgType::List(member), Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .map(|item| decode_blobs(member, item))
                .collect::<Result<_, _>>()?,
        ),
        (ArgType::Map(_, value_shape), Value::Object(object)) => {
            let mut out = Map::new();
            for (key, item) in object {
                out.insert(key, decode_blobs(value_shape, item)?);
            }
            Value::Object(out)
        }
        (_, value) => value,
    })
}

#[test]
fn every_case_passes_or_is_listed_with_its_reason() {
    let listed: BTreeSet<&str> = LISTED.iter().map(|(name, _)| *name).collect();
    let mut not_run: BTreeSet<&str> = REFUSED.iter().map(|(name, _)| *name).collect();
    let mut passed = 0;
    let mut failures = Vec::new();
    for case in CASES {
        if listed.contains(case.name) {
            not_run.insert(case.name);
            continue;
        }
        let fixture = fixture(case);
        let result = if fixture.get("params").is_some() {
            run_input(case, &fixture)
        } else {
            run_output(case, &fixture)
        };
        match result {
            Ok(()) => passed += 1,
            Err(e) => failures.push(format!("{}: {e}", case.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
    for (name, error) in REFUSED {
        assert!(
            listed.contains(name),
            "codegen refused {name} and it is not listed: {error}"
        );
    }
    assert_eq!(
        not_run, listed,
        "the cases not run must be exactly the listed ones"
    );
    // 14 input and 7 output cases in botocore 1.8.32's json suites.
    assert_eq!(CASES.len() + REFUSED.len(), 21);
    assert_eq!(passed + listed.len(), 21);
}

#[test]
fn listed_cases_are_the_ones_docs_differences_lists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("docs/differences.md")).unwrap();
    let section = text
        .split("\n## botocore protocol tests\n")
        .nth(1)
        .expect("docs/differences.md has a `## botocore protocol tests` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    // Each listed case is one bullet: "- `<case name>`: <reason>".
    let documented: BTreeSet<&str> = section
        .lines()
        .filter_map(|line| line.strip_prefix("- `"))
        .filter_map(|rest| rest.split('`').next())
        .collect();
    let listed: BTreeSet<&str> = LISTED.iter().map(|(name, _)| *name).collect();
    assert_eq!(documented, listed);
}

/// The fixtures are botocore's files unchanged (sha256 from the README,
/// which records where they come from).
#[test]
fn fixtures_are_botocores_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/botocore-protocol-tests");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for file in ["input/json.json", "output/json.json"] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let sha = hex::encode(Sha256::digest(&bytes));
        assert!(
            readme.contains(&format!("| `{file}` | `{sha}` |")),
            "{file} has sha256 {sha}, not the one README.md records"
        );
    }
}
