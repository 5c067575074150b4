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
    let generated =
        std::fs::read(root.join("generated/services/emr/docs/cancel-steps.rst")).unwrap();
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
        let generated =
            std::fs::read(root.join("generated/services/emr/docs").join(&name)).unwrap();
        assert!(
            generated == std::fs::read(&path).unwrap(),
            "generated/services/emr/docs/{name} differs from aws-cli's page"
        );
        compared += 1;
    }
    assert_eq!(compared, 17);
}

/// A doc string changed in the model: the freshness check fails, and
/// regenerating changes that page and the model's hash in its service crate's
/// root, nothing else: no other service's crate, and not the `generated`
/// crate that lists them (cargo rebuilds that service's crate only).
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
            "generated/services/emr/docs/cancel-steps.rst",
            "generated/services/emr/src/lib.rs"
        ],
        "{:?}",
        drift.lines()
    );
    assert!(drift.missing.is_empty() && drift.extra.is_empty());
    // cargo rebuilds by modification time: the files that did not change
    // keep theirs through the write, so the other crates stay fresh.
    let modified = |path: &str| {
        std::fs::metadata(root.join(path))
            .unwrap()
            .modified()
            .unwrap()
    };
    let untouched = [
        "generated/src/services.rs",
        "generated/Cargo.toml",
        "generated/services/dynamodb/src/lib.rs",
        "generated/services/emr/src/service.rs",
        "generated/services/emr/docs/list-steps.rst",
    ];
    let before: Vec<_> = untouched.iter().map(|p| modified(p)).collect();
    codegen::write::write(root, &files).unwrap();
    assert!(check(root, &files).unwrap().is_clean());
    let after: Vec<_> = untouched.iter().map(|p| modified(p)).collect();
    assert_eq!(before, after, "{untouched:?}");
    let page =
        std::fs::read_to_string(root.join("generated/services/emr/docs/cancel-steps.rst")).unwrap();
    assert!(page.contains("The ``StepIDs`` to cancel."), "{page}");
}

/// `cli` forwards every service feature of the `generated` crate (which
/// codegen writes) under the same name, so that
/// `cargo build -p cli --no-default-features --features emr` works for every
/// service and a new service cannot be left out of the list.
#[test]
fn cli_forwards_every_service_feature() {
    let root = tests::workspace_root();
    let features = |manifest: &str, value: &dyn Fn(&str) -> String| {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let section = text
            .split("\n[features]\n")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .unwrap_or_else(|| panic!("{manifest} has a [features] table"))
            .to_string();
        let lines: Vec<String> = section
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("default") && l.contains(" = ["))
            .map(str::to_string)
            .collect();
        let names: Vec<String> = lines
            .iter()
            .map(|l| l.split(" = ").next().unwrap().to_string())
            .collect();
        for (line, name) in lines.iter().zip(&names) {
            assert_eq!(
                *line,
                format!("{name} = [\"{}\"]", value(name)),
                "{manifest}"
            );
        }
        names
    };
    let generated = features("generated/Cargo.toml", &|name| {
        format!("dep:awsr-svc-{name}")
    });
    let cli = features("cli/Cargo.toml", &|name| format!("generated/{name}"));
    assert_eq!(generated.len(), 75);
    assert_eq!(
        cli, generated,
        "cli/Cargo.toml [features] must forward each of generated/Cargo.toml's: `<name> = [\"generated/<name>\"]`"
    );
}
