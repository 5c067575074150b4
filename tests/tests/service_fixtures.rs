//! The recorded aws-cli 1.14.28 fixtures of the JSON-protocol services
//! (`tests/fixtures/aws-cli-1.14.28/services/`, written by record-services.py)
//! agree with the vendored models: one recorded command per operation, each
//! request aimed at its operation with the protocol's headers and a valid
//! SigV4 signature, and endpoints for the four recorded regions.

use serde_json::Value;
use std::collections::BTreeSet;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn read_json(path: &std::path::Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_services() -> Vec<Value> {
    let services = read_json(&tests::workspace_root().join("model/services.json"));
    services["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["protocol"] == "json")
        .cloned()
        .collect()
}

fn header<'a>(request: &'a Value, name: &str) -> Option<&'a str> {
    request["headers"]
        .as_array()?
        .iter()
        .find(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|h| h[1].as_str())
}

#[test]
fn every_operation_of_every_json_service_has_a_recorded_command_and_request() {
    let root = tests::workspace_root();
    let services = json_services();
    assert_eq!(
        services.len(),
        75,
        "JSON-protocol services of botocore 1.8.32"
    );
    let handlers = read_json(&root.join("model/botocore-handlers.json"));
    let (mut operations, mut requests, mut unsigned_requests) = (0, 0, 0);
    for service in &services {
        let cli_name = service["cli_name"].as_str().unwrap();
        let model = read_json(
            &root
                .join("model")
                .join(service["model_dir"].as_str().unwrap())
                .join("service-2.json"),
        );
        let fixture = tests::fixtures::service_fixture(&format!("{cli_name}.json.gz"));
        assert_eq!(fixture["service"], service["service"], "{cli_name}");
        let model_operations: BTreeSet<&str> = model["operations"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        operations += model_operations.len();
        let commands = fixture["commands"].as_array().unwrap();
        let mut covered = BTreeSet::new();
        for command in commands.iter().filter(|c| c.get("operation").is_some()) {
            let name = command["name"].as_str().unwrap();
            let operation = command["operation"].as_str().unwrap();
            let what = format!("{cli_name} {name}");
            assert!(model_operations.contains(operation), "{what}: {operation}");
            covered.insert(operation);
            assert!(
                command["help"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("{name}\n{}", "*".repeat(name.len()))),
                "{what}: page title"
            );
            assert_eq!(command["skeleton_input"]["code"], 0, "{what}");
            serde_json::from_str::<Value>(command["skeleton_input"]["stdout"].as_str().unwrap())
                .unwrap_or_else(|e| panic!("{what}: input skeleton: {e}"));
            let request = &command["request"];
            assert_eq!(request["code"], 0, "{what}: {}", request["stderr"]);
            let sent = request["requests"].as_array().unwrap();
            assert_eq!(sent.len(), 1, "{what}: one request");
            let sent = &sent[0];
            let target = format!("{}.{operation}", service["target_prefix"].as_str().unwrap());
            assert_eq!(
                header(sent, "X-Amz-Target"),
                Some(target.as_str()),
                "{what}"
            );
            let content_type = format!(
                "application/x-amz-json-{}",
                service["json_version"].as_str().unwrap()
            );
            assert_eq!(
                header(sent, "Content-Type"),
                Some(content_type.as_str()),
                "{what}"
            );
            let unsigned = model["operations"][operation]["authtype"] == "none"
                || handlers["unsigned_operations"][service["service"].as_str().unwrap()]
                    .as_array()
                    .is_some_and(|ops| ops.iter().any(|o| o == operation));
            if unsigned {
                assert_eq!(header(sent, "Authorization"), None, "{what}: unsigned");
                unsigned_requests += 1;
            } else {
                assert_eq!(
                    header(sent, "X-Amz-Date"),
                    Some("20180123T120000Z"),
                    "{what}"
                );
                let auth = tests::sigv4::verify(&tests::fixtures::recorded_request(sent), SECRET)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                let signing_name = service
                    .get("signing_name")
                    .unwrap_or(&service["endpoint_prefix"])
                    .as_str()
                    .unwrap();
                assert_eq!(auth.service, signing_name, "{what}");
                assert_eq!(auth.region, "us-east-1", "{what}");
            }
            let body: Value = serde_json::from_str(sent["body"].as_str().unwrap())
                .unwrap_or_else(|e| panic!("{what}: body: {e}"));
            // What aws-cli sent holds every member of the input, plus the
            // idempotency tokens botocore filled in.
            let input = request["input"].as_object().unwrap();
            for key in input.keys() {
                assert!(body.get(key).is_some(), "{what}: {key} not sent");
            }
            for token in request["idempotency_tokens"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let value = body[token.as_str().unwrap()].as_str().unwrap_or_default();
                assert_eq!(
                    value.len(),
                    36,
                    "{what}: idempotency token {token}: {value}"
                );
            }
            requests += 1;
        }
        let customizations = read_customizations(cli_name);
        let hidden = customizations
            .get("removed_commands")
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
            + customizations
                .get("replaced_commands")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len());
        assert_eq!(
            covered.len() + hidden,
            model_operations.len(),
            "{cli_name}: operations without a recorded command are the removed and replaced ones"
        );
        check_waiters(&root, service, commands);
        for region in ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"] {
            let url = fixture["endpoints"][region]["url"]
                .as_str()
                .unwrap_or_default();
            assert!(url.starts_with("https://"), "{cli_name} {region}: {url}");
        }
    }
    assert_eq!(operations, 2018, "operations of the 75 models");
    assert_eq!(
        requests, 2009,
        "recorded requests (mturk's hidden alias included)"
    );
    assert_eq!(
        unsigned_requests, 17,
        "cognito-identity's 4 and cognito-idp's 13"
    );
}

/// `wait` holds one recorded waiter per waiter of waiters-2.json, each on
/// the waiter's operation, with its page and input skeleton.
fn check_waiters(root: &std::path::Path, service: &Value, commands: &[Value]) {
    let cli_name = service["cli_name"].as_str().unwrap();
    let path = root
        .join("model")
        .join(service["model_dir"].as_str().unwrap())
        .join("waiters-2.json");
    let wait = commands.iter().find(|c| c["name"] == "wait");
    if !path.exists() {
        assert!(wait.is_none(), "{cli_name}: wait without waiters");
        return;
    }
    let model = read_json(&path);
    let model_waiters = model["waiters"].as_object().unwrap();
    let recorded = wait.unwrap_or_else(|| panic!("{cli_name}: no wait"))["waiters"]["commands"]
        .as_array()
        .unwrap();
    assert_eq!(recorded.len(), model_waiters.len(), "{cli_name} waiters");
    let operations: BTreeSet<&str> = model_waiters
        .values()
        .map(|w| w["operation"].as_str().unwrap())
        .collect();
    for waiter in recorded {
        let what = format!("{cli_name} wait {}", waiter["name"]);
        assert!(
            operations.contains(waiter["operation"].as_str().unwrap()),
            "{what}"
        );
        assert_eq!(waiter["skeleton_input"]["code"], 0, "{what}");
        assert!(
            waiter["help"].as_str().unwrap().contains("Wait until"),
            "{what}"
        );
    }
}

fn read_customizations(cli_name: &str) -> Value {
    let path = tests::workspace_root().join(format!("model/customizations/{cli_name}.json"));
    if path.exists() {
        read_json(&path)
    } else {
        Value::Null
    }
}

#[test]
fn aws_help_lists_every_json_service() {
    let help = tests::fixtures::service_fixture("aws-help.json.gz");
    let listed: BTreeSet<&str> = help["commands"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for service in json_services() {
        let cli_name = service["cli_name"].as_str().unwrap();
        assert!(listed.contains(cli_name), "{cli_name}");
        assert!(
            help["help"]
                .as_str()
                .unwrap()
                .contains(&format!("  {cli_name}/index\n")),
            "{cli_name} in the page"
        );
    }
}
