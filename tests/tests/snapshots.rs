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
    // The snapshot services' only (codegen::fixtures::SNAPSHOT_SERVICES):
    // the other services' pages and skeletons are compared with aws-cli's
    // own, and generated/ itself is the diff reviewers read.
    for file in &files {
        let Some(snap) = codegen::fixtures::snapshot_name(&file.path) else {
            continue;
        };
        let name = snap
            .trim_start_matches("snapshots__")
            .trim_end_matches(".snap")
            .to_string();
        insta::assert_snapshot!(name, file.contents);
        count += 1;
    }
    // A page and two skeletons per command, plus each service's page
    // (`codegen update` rewrites these snapshots with the generated files).
    let snapshotted = inputs
        .services
        .iter()
        .filter(|s| codegen::fixtures::SNAPSHOT_SERVICES.contains(&s.cli_name.as_str()));
    let commands: usize = snapshotted.clone().map(|s| s.operations.len()).sum();
    assert_eq!(count, commands * 3 + snapshotted.count());
}
