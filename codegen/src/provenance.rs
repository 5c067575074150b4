//! `model/<service>/PROVENANCE.md`: where the model files came from. Written
//! by `codegen update`; `tests/tests/provenance.rs` checks its hashes.

use std::fmt::Write;

/// One model file as stored in `model/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvenanceFile {
    /// Relative to the service folder, e.g. `2009-03-31/service-2.json`.
    pub stored_as: String,
    /// Where it is in the botocore package, e.g. `botocore/data/emr/2009-03-31/service-2.json.gz`.
    pub package_path: String,
    /// sha256 of the stored (decompressed) bytes.
    pub sha256: String,
}

/// The Markdown page for a model taken from botocore `version`.
pub fn render(service: &str, version: &str, files: &[ProvenanceFile]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Provenance of the {service} model\n");
    let _ = writeln!(
        md,
        "Written by `cargo run -p codegen -- update`. The model files are taken unchanged from the\nbotocore package; a compressed file (`.gz`) is stored decompressed.\n"
    );
    let _ = writeln!(md, "| field | value |\n| --- | --- |");
    let _ = writeln!(md, "| package | botocore (PyPI) |");
    let _ = writeln!(md, "| version | {version} |");
    let _ = writeln!(
        md,
        "| obtained with | `pip download botocore=={version} --no-deps` |\n"
    );
    let _ = writeln!(
        md,
        "| file | path inside the package | sha256 |\n| --- | --- | --- |"
    );
    for file in files {
        let _ = writeln!(
            md,
            "| `{}` | `{}` | `{}` |",
            file.stored_as, file.package_path, file.sha256
        );
    }
    let _ = writeln!(
        md,
        "\n`tests/tests/provenance.rs` checks these hashes against the files."
    );
    md
}

/// The botocore version a PROVENANCE.md names.
pub fn version_of(provenance_md: &str) -> Option<String> {
    provenance_md
        .lines()
        .find_map(|l| l.strip_prefix("| version | "))
        .map(|rest| rest.trim_end_matches(" |").trim().to_string())
}
