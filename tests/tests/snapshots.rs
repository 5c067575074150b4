//! Snapshots of what codegen writes for CancelSteps: the Rust a reviewer
//! reads in a pull request, the help page and the skeletons. A change to the
//! model or the generator shows up here as a reviewed snapshot diff.

fn generated(path: &str) -> String {
    let root = tests::workspace_root();
    let inputs = codegen::inputs::load(&root).expect("model/ loads");
    let files = codegen::generate(&inputs).expect("codegen succeeds");
    files
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("codegen does not write {path}"))
        .contents
}

#[test]
fn cancel_steps_operation_module() {
    insta::assert_snapshot!(generated(
        "generated/src/services/emr/operations/cancel_steps.rs"
    ));
}

#[test]
fn emr_service_module() {
    insta::assert_snapshot!(generated("generated/src/services/emr/mod.rs"));
}

#[test]
fn cancel_steps_help_page() {
    insta::assert_snapshot!(generated("generated/docs/emr/cancel-steps.rst"));
}

#[test]
fn cancel_steps_input_skeleton() {
    insta::assert_snapshot!(generated("generated/skeletons/emr/cancel-steps.input.json"));
}

#[test]
fn cancel_steps_output_skeleton() {
    insta::assert_snapshot!(generated(
        "generated/skeletons/emr/cancel-steps.output.json"
    ));
}

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
    for file in &files {
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
    // 27 pages and 54 skeletons, plus the service page.
    assert_eq!(count, 27 * 3 + 1);
}
