//! The pinned model files are the ones PROVENANCE.md names, byte for byte.

use sha2::{Digest, Sha256};

#[test]
fn model_files_match_their_recorded_sha256() {
    let root = tests::workspace_root();
    let provenance = std::fs::read_to_string(root.join("model/emr/PROVENANCE.md")).unwrap();
    let mut checked = 0;
    for line in provenance.lines() {
        let cells: Vec<&str> = line
            .split('|')
            .map(|c| c.trim().trim_matches('`'))
            .collect();
        // | `2009-03-31/x.json` | `botocore/...` | `sha256` |
        if cells.len() >= 4 && cells[1].starts_with("2009-03-31/") {
            let bytes = std::fs::read(root.join("model/emr").join(cells[1])).unwrap();
            assert_eq!(
                hex::encode(Sha256::digest(&bytes)),
                cells[3],
                "{}",
                cells[1]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 3, "PROVENANCE.md lists the three model files");
}
