//! Test fixtures derived from the model, for `codegen update`: the ones it
//! can rewrite itself (the insta snapshots of every page and skeleton, which
//! are the generated files under review), and the ones only the reference
//! aws-cli can re-record, which it lists with the commands to run.

use crate::GeneratedFile;
use std::path::Path;

/// aws-cli's own page for `emr cancel-steps`, under `model/docs/`, which the
/// freshness test compares with the generated one byte for byte.
const REFERENCE_PAGE: &str = "emr/cancel-steps.rst";

/// Where `tests/tests/snapshots.rs` keeps its snapshots.
pub const SNAPSHOT_DIR: &str = "tests/tests/snapshots";

/// The services whose pages and skeletons are insta snapshots (EMR's, where
/// the snapshots started); every other service's are compared with aws-cli's
/// own pages, and `generated/` itself is the diff reviewers read.
pub const SNAPSHOT_SERVICES: &[&str] = &["emr"];

/// The snapshot file names `every_command_page_and_skeletons` in
/// `tests/tests/snapshots.rs` uses for a generated page or skeleton.
pub fn snapshot_name(generated_path: &str) -> Option<String> {
    // generated/services/<service>/{docs,skeletons}/<file>
    let in_crate = generated_path.strip_prefix("generated/services/")?;
    let (service, rest) = in_crate.split_once('/')?;
    if !SNAPSHOT_SERVICES.contains(&service) {
        return None;
    }
    if let Some(page) = rest.strip_prefix("docs/") {
        return Some(format!("snapshots__page__{service}__{page}.snap"));
    }
    let skeleton = rest.strip_prefix("skeletons/")?;
    Some(format!("snapshots__skeleton__{service}__{skeleton}.snap"))
}

/// Whether a file in [`SNAPSHOT_DIR`] is one of the page and skeleton
/// snapshots [`page_and_skeleton_snapshots`] writes.
pub fn is_page_or_skeleton_snapshot(file_name: &str) -> bool {
    (file_name.starts_with("snapshots__page__") || file_name.starts_with("snapshots__skeleton__"))
        && file_name.ends_with(".snap")
}

/// The insta snapshot of every generated page and skeleton, as
/// `cargo insta accept` would write it after `tests/tests/snapshots.rs`
/// saw them: insta's header, then the contents without trailing blank
/// lines (insta compares them trimmed).
pub fn page_and_skeleton_snapshots(generated: &[GeneratedFile]) -> Vec<GeneratedFile> {
    generated
        .iter()
        .filter_map(|file| {
            let name = snapshot_name(&file.path)?;
            Some(GeneratedFile {
                path: format!("{SNAPSHOT_DIR}/{name}"),
                contents: format!(
                    "---\nsource: tests/tests/snapshots.rs\nexpression: file.contents\n---\n{}\n",
                    file.contents.trim_end()
                ),
            })
        })
        .collect()
}

/// The page and skeleton snapshots now in the workspace (paths relative to
/// the root), to find those of removed commands.
pub fn existing_page_and_skeleton_snapshots(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(SNAPSHOT_DIR)) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| is_page_or_skeleton_snapshot(name))
        .map(|name| format!("{SNAPSHOT_DIR}/{name}"))
        .collect();
    found.sort();
    found
}

/// The scripts that record aws-cli fixtures (`tests/fixtures/aws-cli-*/`,
/// `record-*.py` and `make-*.py`), relative to the root and sorted: they
/// run the reference aws-cli, so after a model change only a person with
/// the reference installed can re-record what they wrote.
pub fn recording_scripts(root: &Path) -> Vec<String> {
    let mut scripts = Vec::new();
    let Ok(dirs) = std::fs::read_dir(root.join("tests/fixtures")) else {
        return scripts;
    };
    for dir in dirs.filter_map(Result::ok) {
        let dir_name = dir.file_name().to_string_lossy().into_owned();
        if !dir_name.starts_with("aws-cli-") {
            continue;
        }
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for file in files.filter_map(Result::ok) {
            let name = file.file_name().to_string_lossy().into_owned();
            if (name.starts_with("record-") || name.starts_with("make-")) && name.ends_with(".py") {
                scripts.push(format!("tests/fixtures/{dir_name}/{name}"));
            }
        }
    }
    scripts.sort();
    scripts
}

/// What a person has to do after an update that changed the model: the
/// recorded aws-cli fixtures still hold what aws-cli printed for the old
/// model. The reference reads the new one from `model/` through botocore's
/// `AWS_DATA_PATH` (its loader looks there before its own data).
pub fn human_steps(root: &Path, service_model_dir: &str) -> Option<String> {
    let scripts = recording_scripts(root);
    if scripts.is_empty() {
        return None;
    }
    let mut text = format!(
        "The aws-cli fixtures under tests/fixtures/ were recorded by the reference aws-cli from the previous model; \
         the tests that compare awsr with them fail until they are re-recorded from model/{service_model_dir}. \
         With the reference installed (../shared/tools/aws-cli-reference), run from the workspace root:\n"
    );
    for script in &scripts {
        text.push_str(&format!(
            "  AWS_DATA_PATH=\"$PWD/model\" python3 {script}\n"
        ));
    }
    let reference_page = format!("model/docs/{}", REFERENCE_PAGE);
    if root.join(&reference_page).is_file() {
        let fixtures_page = scripts
            .iter()
            .find(|s| s.ends_with("/make-docs.py"))
            .and_then(|s| s.rsplit_once('/'))
            .map(|(dir, _)| format!("{dir}/docs/{REFERENCE_PAGE}"));
        if let Some(page) = fixtures_page {
            text.push_str(&format!(
                "the reference page {reference_page} is aws-cli's page for the pinned model: take the re-rendered one:\n  cp {page} {reference_page}\n"
            ));
        }
    }
    text.push_str(
        "refresh the snapshots awsr renders at run time (terminal help, validation messages), then review every diff:\n  \
         INSTA_UPDATE=always cargo test -p tests --test snapshots\n  git diff tests/ model/docs\n\
         Where the reference cannot read the new model (botocore 1.8.32 predates some of it), a script fails: \
         the tests reading its fixture stay red until the fixture is written by hand \
         or the difference is listed in docs/differences.md.",
    );
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_are_named_as_the_snapshot_test_names_them() {
        let files = [
            GeneratedFile {
                path: "generated/services/emr/docs/cancel-steps.rst".into(),
                contents: "page\n\n  \n".into(),
            },
            GeneratedFile {
                path: "generated/services/emr/skeletons/cancel-steps.input.json".into(),
                contents: "{}\n".into(),
            },
            GeneratedFile {
                path: "generated/services/emr/src/lib.rs".into(),
                contents: "//".into(),
            },
            GeneratedFile {
                path: "generated/services/dynamodb/docs/get-item.rst".into(),
                contents: "page\n".into(),
            },
        ];
        let snapshots = page_and_skeleton_snapshots(&files);
        let paths: Vec<&str> = snapshots.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "tests/tests/snapshots/snapshots__page__emr__cancel-steps.rst.snap",
                "tests/tests/snapshots/snapshots__skeleton__emr__cancel-steps.input.json.snap",
            ]
        );
        assert_eq!(
            snapshots[0].contents,
            "---\nsource: tests/tests/snapshots.rs\nexpression: file.contents\n---\npage\n"
        );
        assert!(is_page_or_skeleton_snapshot(
            "snapshots__page__emr__index.rst.snap"
        ));
        assert!(!is_page_or_skeleton_snapshot(
            "snapshots__cancel_steps_terminal_help.snap"
        ));
    }

    #[test]
    fn committed_snapshots_match_what_update_would_write() {
        // The snapshot test writes the same bytes insta would, so an update
        // never leaves a snapshot diff that `cargo insta` would undo.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let inputs = crate::inputs::load(&root).expect("model/ loads");
        let files = crate::generate(&inputs).expect("codegen succeeds");
        let snapshots = page_and_skeleton_snapshots(&files);
        assert!(!snapshots.is_empty());
        let mut expected: Vec<&str> = snapshots.iter().map(|f| f.path.as_str()).collect();
        expected.sort();
        assert_eq!(existing_page_and_skeleton_snapshots(&root), expected);
        for snapshot in &snapshots {
            let committed = std::fs::read_to_string(root.join(&snapshot.path)).unwrap();
            assert_eq!(committed, snapshot.contents, "{}", snapshot.path);
        }
    }
}
