//! The pinned model files are the ones each `model/<folder>/PROVENANCE.md`
//! names, byte for byte, and every vendored file is named by one.

use sha2::{Digest, Sha256};
use std::path::Path;

/// The `(stored path, sha256)` rows of one PROVENANCE.md:
/// `` | `2009-03-31/x.json` | `botocore/data/...` | `<sha256>` | ``.
fn rows(provenance: &str) -> Vec<(String, String)> {
    provenance
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .split('|')
                .map(|c| c.trim().trim_matches('`'))
                .collect();
            let is_row = cells.len() >= 5
                && cells[2].starts_with("botocore/")
                && cells[3].len() == 64
                && cells[3].bytes().all(|b| b.is_ascii_hexdigit());
            is_row.then(|| (cells[1].to_string(), cells[3].to_string()))
        })
        .collect()
}

/// Every file below `dir` except PROVENANCE.md and the notes codegen keeps
/// beside the model (CHANGES.md), relative to `dir`.
fn vendored_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type().unwrap().is_dir() {
            vendored_files(&entry.path(), &rel, out);
        } else if name.ends_with(".json") {
            out.push(rel);
        }
    }
}

#[test]
fn model_files_match_their_recorded_sha256() {
    let model = tests::workspace_root().join("model");
    let mut folders = 0;
    for entry in std::fs::read_dir(&model).unwrap() {
        let dir = entry.unwrap().path();
        let provenance_path = dir.join("PROVENANCE.md");
        if !provenance_path.exists() {
            continue;
        }
        let provenance = std::fs::read_to_string(&provenance_path).unwrap();
        let listed = rows(&provenance);
        assert!(
            !listed.is_empty(),
            "{} lists no file",
            provenance_path.display()
        );
        for (stored, sha256) in &listed {
            let bytes = std::fs::read(dir.join(stored))
                .unwrap_or_else(|e| panic!("{}: {stored}: {e}", dir.display()));
            assert_eq!(
                &hex::encode(Sha256::digest(&bytes)),
                sha256,
                "{}/{stored}",
                dir.display()
            );
        }
        let mut present = Vec::new();
        vendored_files(&dir, "", &mut present);
        present.sort();
        let mut named: Vec<String> = listed.into_iter().map(|(stored, _)| stored).collect();
        named.sort();
        assert_eq!(
            present,
            named,
            "{}: files without provenance",
            dir.display()
        );
        folders += 1;
    }
    // 75 JSON-protocol services of botocore 1.8.32 plus model/botocore
    // (endpoints.json, _retry.json).
    assert_eq!(folders, 76, "model folders with a PROVENANCE.md");
}

#[test]
fn emr_provenance_lists_its_three_model_files() {
    let text =
        std::fs::read_to_string(tests::workspace_root().join("model/emr/PROVENANCE.md")).unwrap();
    assert_eq!(rows(&text).len(), 3);
}
