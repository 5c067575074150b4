//! generated/ is exactly what codegen writes from model/ now (the same check
//! as `cargo run -p codegen -- check`), and the reference page comes out
//! byte for byte.

use codegen::write::check;

#[test]
fn generated_tree_is_fresh() {
    let root = tests::workspace_root();
    let inputs = codegen::inputs::load(&root).expect("model/ loads");
    let files = codegen::generate(&inputs).expect("codegen succeeds");
    let drift = check(&root, &files).expect("generated/ is readable");
    assert!(
        drift.is_clean(),
        "generated/ is stale; run `cargo run -p codegen -- generate`:\n{}",
        drift.lines().join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let root = tests::workspace_root();
    let inputs = codegen::inputs::load(&root).expect("model/ loads");
    let first = codegen::generate(&inputs).expect("codegen succeeds");
    let again = codegen::generate(&codegen::inputs::load(&root).expect("model/ loads"))
        .expect("codegen succeeds");
    assert_eq!(first, again);
}

#[test]
fn cancel_steps_page_is_the_reference_page_byte_for_byte() {
    let root = tests::workspace_root();
    let generated = std::fs::read(root.join("generated/docs/emr/cancel-steps.rst")).unwrap();
    let reference = std::fs::read(root.join("model/docs/emr/cancel-steps.rst")).unwrap();
    if generated != reference {
        let g = String::from_utf8_lossy(&generated);
        let r = String::from_utf8_lossy(&reference);
        let first = g.lines().zip(r.lines()).position(|(a, b)| a != b);
        panic!("generated page differs from the reference; first differing line: {first:?}\n--- generated\n{g}\n--- reference\n{r}");
    }
}

/// The help page of each of aws-cli 1.14.28's 17 model-driven emr commands
/// is the page aws-cli renders, byte for byte (fixtures made by
/// tests/fixtures/aws-cli-1.14.28/make-docs.py with aws-cli's own help code).
#[test]
fn model_driven_pages_equal_aws_cli_pages() {
    let root = tests::workspace_root();
    let fixtures = root.join("tests/fixtures/aws-cli-1.14.28/docs/emr");
    let mut compared = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let generated = std::fs::read(root.join("generated/docs/emr").join(&name)).unwrap();
        assert!(
            generated == std::fs::read(&path).unwrap(),
            "generated/docs/emr/{name} differs from aws-cli's page"
        );
        compared += 1;
    }
    assert_eq!(compared, 17);
}

/// A doc string changed in the model: the freshness check fails, and
/// regenerating changes that page and the registry's model hash, nothing else.
#[test]
fn a_doc_change_touches_only_its_page() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let here = tests::workspace_root();
    tests::copy_tree(&here.join("model"), &root.join("model"), &|_| false).unwrap();
    tests::copy_tree(&here.join("generated"), &root.join("generated"), &|_| false).unwrap();
    let model_file = root.join("model/emr/2009-03-31/service-2.json");
    let text = std::fs::read_to_string(&model_file).unwrap();
    let old = "The list of <code>StepIDs</code> to cancel.";
    assert_eq!(text.matches(old).count(), 1);
    std::fs::write(
        &model_file,
        text.replace(old, "The <code>StepIDs</code> to cancel."),
    )
    .unwrap();

    let files = codegen::generate(&codegen::inputs::load(root).unwrap()).unwrap();
    let drift = check(root, &files).unwrap();
    assert_eq!(
        drift.changed,
        [
            "generated/docs/emr/cancel-steps.rst",
            "generated/src/services/mod.rs"
        ],
        "{:?}",
        drift.lines()
    );
    assert!(drift.missing.is_empty() && drift.extra.is_empty());
    codegen::write::write(root, &files).unwrap();
    assert!(check(root, &files).unwrap().is_clean());
    let page = std::fs::read_to_string(root.join("generated/docs/emr/cancel-steps.rst")).unwrap();
    assert!(page.contains("The ``StepIDs`` to cancel."), "{page}");
}
