//! Snapshots of what reviewers read: every command's help page and
//! skeletons, the terminal help and botocore's validation messages for
//! CancelSteps. A change to the model or the generator shows up here as a
//! reviewed snapshot diff. The generated Rust is not snapshotted (it is
//! committed under generated/ and checked by the freshness test); the
//! generator's rules are unit-tested on small synthetic models in
//! codegen/tests/synthetic_models.rs.

/// The terminal help, as `awsr emr cancel-steps help | cat` prints it.
#[test]
fn cancel_steps_terminal_help() {
    let out = tests::awsr::awsr(["emr", "cancel-steps", "help"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

/// The generated validator's messages for a table of bad inputs, one block
/// per input, in botocore's wording and order.
#[test]
fn cancel_steps_validation_messages() {
    let operation = generated::SERVICES
        .iter()
        .find(|s| s.cli_name == "emr")
        .and_then(|s| s.operation("cancel-steps"))
        .expect("emr cancel-steps is generated");
    let inputs = [
        r#"{}"#,
        r#"{"ClusterId": "j-1", "StepIds": ["s-1"]}"#,
        r#"{"ClusterId": 1}"#,
        r#"{"ClusterId": null, "StepIds": null}"#,
        r#"{"StepIds": "s-1"}"#,
        r#"{"StepIds": [1, true, 2.5, null, {"a": 1}, ["x"], "ok"]}"#,
        r#"{"Bogus": 1, "ClusterId": "j-1", "Other": []}"#,
        r#"{"ClusterId": {"it's": "a \"quote\""}}"#,
        r#"[]"#,
        r#""text""#,
    ];
    let mut out = String::new();
    for input in inputs {
        let value: serde_json::Value = serde_json::from_str(input).unwrap();
        let report = awsr_runtime::validate::validate(operation.input, &value);
        let result = if report.is_empty() {
            "valid".to_string()
        } else {
            report.message()
        };
        out.push_str(&format!("input: {input}\n{result}\n\n"));
    }
    insta::assert_snapshot!(out);
}

/// Every command's help page and both skeletons, one snapshot each, so a
/// model or generator change shows in review as the pages it changes.
#[test]
fn every_command_page_and_skeletons() {
    let root = tests::workspace_root();
    let inputs = codegen::inputs::load(&root).expect("model/ loads");
    let files = codegen::generate(&inputs).expect("codegen succeeds");
    let mut count = 0;
    // EMR's, the service the snapshots started with: the other services'
    // pages and skeletons are compared with aws-cli's own (tests/tests/
    // service_pages.rs), and generated/ itself is the diff reviewers read.
    for file in files.iter().filter(|f| {
        f.path.starts_with("generated/docs/emr/") || f.path.starts_with("generated/skeletons/emr/")
    }) {
        let name = match file.path.strip_prefix("generated/docs/") {
            Some(page) => format!("page__{}", page.replace('/', "__")),
            None => match file.path.strip_prefix("generated/skeletons/") {
                Some(skeleton) => format!("skeleton__{}", skeleton.replace('/', "__")),
                None => continue,
            },
        };
        insta::assert_snapshot!(name, file.contents);
        count += 1;
    }
    // A page and two skeletons per command, plus each service's page
    // (`codegen update` rewrites these snapshots with the generated files).
    let commands: usize = inputs.services.iter().map(|s| s.operations.len()).sum();
    assert_eq!(count, commands * 3 + inputs.services.len());
}
