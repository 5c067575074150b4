//! `codegen update` on a real change: botocore 1.44.8's EMR model (a test
//! fixture) applied to a temporary copy of the workspace, then reverted.

use codegen::update::{run, UpdateRequest};
use std::path::{Path, PathBuf};
use std::process::Command;
use tests::server::{Reply, Server};

fn fixture_1_44_8() -> PathBuf {
    tests::workspace_root().join("tests/fixtures/botocore-1.44.8/emr/2009-03-31")
}

fn update(
    root: &Path,
    source: &Path,
    version: &str,
) -> Result<codegen::update::UpdateOutcome, String> {
    run(&UpdateRequest {
        root: root.to_path_buf(),
        source: Some(source.to_path_buf()),
        botocore_version: Some(version.to_string()),
        service: Some("emr".into()),
    })
    .map_err(|e| e.to_string())
}

fn model_and_generated(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for dir in ["model", "generated"] {
        for (path, bytes) in tests::read_tree(&root.join(dir)) {
            all.push((format!("{dir}/{path}"), bytes));
        }
    }
    all
}

/// The build directory of the enclosing `cargo test`, where its
/// dependencies are compiled: the one holding this test executable
/// (`<build dir>/<profile>/deps/model_update-…`). This is `target/` by
/// default and follows `CARGO_TARGET_DIR`, `--target-dir` and
/// `build.build-dir` wherever they put it.
fn shared_build_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    exe.ancestors()
        .nth(3)
        .expect("test executables live in <build dir>/<profile>/deps")
        .to_path_buf()
}

/// Variables cargo sets for the crates it compiles and runs (besides
/// `CARGO_PKG_*` and `CARGO_BIN_EXE_*`), not for itself.
const CARGO_SET_FOR_CRATES: &[&str] = &[
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_MANIFEST_LINKS",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_TMPDIR",
    "CARGO_RUSTC_CURRENT_DIR",
    "OUT_DIR",
];

/// Builds the updated copy's awsr, reusing what the enclosing `cargo test`
/// compiled: the copy builds in the same build directory, so cargo finds
/// every registry crate by its hash and `awsr-runtime` (same path relative
/// to the workspace, same version, sources copied with their modification
/// times) fresh; only `awsr-svc-emr`, `generated` and `cli` are compiled.
///
/// Four things keep the copy and the workspace from rebuilding each other:
/// - cargo names a workspace crate's artifacts by its path relative to the
///   workspace root, name and version, so the copy's `generated`, `cli`
///   and updated `awsr-svc-emr` get another version (otherwise they would
///   overwrite the workspace's); the other services' crates are the
///   workspace's, fresh;
/// - the finished binary goes to a target directory of its own
///   (`<build dir>/model-update`), not over `target/debug/awsr`, which the
///   other tests run;
/// - the build is `cargo test --workspace` of one integration test the copy
///   adds to `cli` (which needs the awsr binary), so that features are
///   unified as in `cargo test --workspace`, the way CI runs: a plain
///   `cargo build -p cli` resolves some dependencies' features differently
///   and would recompile the runtime and most of its dependencies;
/// - the inner cargo runs without the variables the outer one set for this
///   test (see below).
fn build_updated_awsr(root: &Path) -> PathBuf {
    for manifest in [
        "generated/Cargo.toml",
        "generated/services/emr/Cargo.toml",
        "cli/Cargo.toml",
    ] {
        let path = root.join(manifest);
        let text = std::fs::read_to_string(&path).unwrap();
        let renamed = text.replacen(
            "version.workspace = true",
            "version = \"0.0.0-model-update\"",
            1,
        );
        assert_ne!(text, renamed, "{manifest} takes the workspace version");
        std::fs::write(&path, renamed).unwrap();
    }
    std::fs::create_dir_all(root.join("cli/tests")).unwrap();
    std::fs::write(
        root.join("cli/tests/model_update_build.rs"),
        "#[test]\nfn awsr_is_built() {\n    assert!(std::path::Path::new(env!(\"CARGO_BIN_EXE_awsr\")).exists());\n}\n",
    )
    .unwrap();
    let build_dir = shared_build_dir();
    let target_dir = build_dir.join("model-update");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(&cargo);
    // cargo gives this test process the variables it gives every crate it
    // runs (CARGO_MANIFEST_DIR, CARGO_PKG_NAME, ...). Build scripts that
    // watch them (ring's does) would see them changed and rebuild, and the
    // workspace's next build would rebuild them back: the inner cargo runs
    // without them, in the environment the outer one had.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if CARGO_SET_FOR_CRATES.contains(&name.as_ref())
            || name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_BIN_EXE_")
        {
            command.env_remove(name.as_ref());
        }
    }
    let out = command
        .args([
            "test",
            "-q",
            "--workspace",
            "--no-run",
            "--test",
            "model_update_build",
        ])
        .current_dir(root)
        .env("CARGO_BUILD_BUILD_DIR", &build_dir)
        .env("CARGO_TARGET_DIR", &target_dir)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo failed to build the updated workspace:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    target_dir.join(format!("debug/awsr{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn update_to_1_44_8_and_back() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    tests::copy_workspace(&root).unwrap();
    let original = model_and_generated(&root);
    let pinned = temp.path().join("pinned-1.8.32");
    tests::copy_tree(&root.join("model/emr/2009-03-31"), &pinned, &|_| false).unwrap();

    let outcome = update(&root, &fixture_1_44_8(), "1.44.8").expect("update succeeds");
    assert!(!outcome.reverted);
    assert!(
        outcome.report("emr").unwrap().operations_added.len() >= 38,
        "{:?}",
        outcome.report("emr").unwrap().operations_added
    );
    let changes = std::fs::read_to_string(root.join("model/emr/CHANGES.md")).unwrap();
    insta::assert_snapshot!("changes_1_8_32_to_1_44_8", changes);
    insta::assert_snapshot!(
        "cancel_steps_page_1_44_8",
        std::fs::read_to_string(root.join("generated/services/emr/docs/cancel-steps.rst")).unwrap()
    );
    insta::assert_snapshot!(
        "cancel_steps_skeleton_1_44_8",
        std::fs::read_to_string(
            root.join("generated/services/emr/skeletons/cancel-steps.input.json")
        )
        .unwrap()
    );
    // The updated tree is fresh by codegen's own check.
    let inputs = codegen::inputs::load(&root).unwrap();
    let files = codegen::generate(&inputs).unwrap();
    assert!(codegen::write::check(&root, &files).unwrap().is_clean());

    // It builds, and the new awsr knows the new member.
    let awsr = build_updated_awsr(&root);
    let run = |args: &[&str]| {
        let out = Command::new(&awsr)
            .args(args)
            .env_clear()
            .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
            .env("AWS_SECRET_ACCESS_KEY", "secret/test/key")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .output()
            .unwrap();
        format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let mut messages = String::new();
    for args in [
        vec!["emr", "cancel-steps", "--step-ids", "s-1"],
        vec![
            "emr",
            "cancel-steps",
            "--step-ids",
            "s-1",
            "--generate-cli-skeleton",
            "output",
        ],
        vec![
            "emr",
            "cancel-steps",
            "--cli-input-json",
            r#"{"StepIds": ["s-1"]}"#,
        ],
        vec![
            "emr",
            "cancel-steps",
            "--cli-input-json",
            r#"{"ClusterId": "j-1"}"#,
            "--step-cancellation-option",
            "NOPE",
        ],
    ] {
        messages.push_str(&format!("$ awsr {}\n{}\n", args.join(" "), run(&args)));
    }
    insta::assert_snapshot!("cancel_steps_validation_1_44_8", messages);

    let server = Server::start(vec![Reply::json(200, r#"{"CancelStepsInfoList":[]}"#)]);
    let url = server.url();
    let out = run(&[
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--step-cancellation-option",
        "TERMINATE_PROCESS",
        "--endpoint-url",
        &url,
    ]);
    assert!(out.starts_with("exit 0"), "{out}");
    let body = server.requests()[0].json();
    assert_eq!(body["StepCancellationOption"], "TERMINATE_PROCESS");
    tests::sigv4::verify(&server.requests()[0], "secret/test/key").expect("signature verifies");

    // Back to the pinned model: the original tree, byte for byte.
    let back = update(&root, &pinned, "1.8.32").expect("update back succeeds");
    assert!(back.reverted);
    let after = model_and_generated(&root);
    let differing: Vec<&String> = original
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(
        original.len(),
        after.len(),
        "same files after the round trip"
    );
    assert!(
        differing.is_empty(),
        "files differ after the round trip: {differing:?}"
    );
}

#[test]
fn bad_models_leave_the_tree_untouched() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    tests::copy_tree(
        &tests::workspace_root().join("model"),
        &root.join("model"),
        &|_| false,
    )
    .unwrap();
    tests::copy_tree(
        &tests::workspace_root().join("generated"),
        &root.join("generated"),
        &|_| false,
    )
    .unwrap();
    let before = model_and_generated(&root);
    let service =
        std::fs::read_to_string(root.join("model/emr/2009-03-31/service-2.json")).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        ("not-json.json", "{ not json".into(), "not a usable model"),
        (
            "not-a-model.json",
            r#"{"hello": 1}"#.into(),
            "unknown field `hello`",
        ),
        (
            "no-metadata.json",
            r#"{"operations": {}, "shapes": {}}"#.into(),
            "missing field `metadata`",
        ),
        (
            "other-service.json",
            service.replace(
                "\"endpointPrefix\":\"elasticmapreduce\"",
                "\"endpointPrefix\":\"sqs\"",
            ),
            "not of elasticmapreduce",
        ),
        (
            "dangling.json",
            service.replacen(
                "\"shape\":\"XmlStringMaxLen256\"",
                "\"shape\":\"NoSuchShape\"",
                1,
            ),
            "NoSuchShape",
        ),
        (
            "unknown-type.json",
            service.replacen("\"type\":\"boolean\"", "\"type\":\"bigdecimal\"", 1),
            "bigdecimal",
        ),
    ];
    for (name, contents, expected) in cases {
        let path = temp.path().join(name);
        std::fs::write(&path, &contents).unwrap();
        let error = update(&root, &path, "9.9.9").expect_err(name);
        assert!(error.contains(expected), "{name}: {error}");
        assert_eq!(
            model_and_generated(&root),
            before,
            "{name} changed the tree"
        );
    }
    let missing = update(&root, &temp.path().join("nowhere"), "9.9.9").expect_err("missing path");
    assert!(missing.contains("does not exist"), "{missing}");
    assert_eq!(model_and_generated(&root), before);
}
