//! `codegen update` against hostile sources: wheels that bomb, lie or are
//! too large, fetched with the real pip from a local package folder
//! (`PIP_NO_INDEX` and `PIP_FIND_LINKS`, pip's own settings). Each is
//! refused with a clear error and the workspace is left as it was.

mod common;

use base64::Engine;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

const DATA: &str = "botocore/data/emr/2009-03-31";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn record_line(path: &str, bytes: &[u8]) -> String {
    let hash = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(bytes));
    format!("{path},sha256={hash},{}\n", bytes.len())
}

/// Writes the RECORD line of one member.
type RecordLine<'a> = &'a dyn Fn(&str, &[u8]) -> String;

/// A botocore wheel holding `members`; `record` decides each RECORD line
/// (None: no RECORD at all).
fn wheel(
    dir: &Path,
    version: &str,
    members: &[(String, Vec<u8>)],
    record: Option<RecordLine<'_>>,
) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("botocore-{version}-py2.py3-none-any.whl"));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let info = format!("botocore-{version}.dist-info");
    let mut all: Vec<(String, Vec<u8>)> = members.to_vec();
    all.push((
        format!("{info}/METADATA"),
        format!("Metadata-Version: 2.1\nName: botocore\nVersion: {version}\n").into_bytes(),
    ));
    all.push((format!("{info}/WHEEL"), b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n".to_vec()));
    let mut lines = String::new();
    for (name, bytes) in &all {
        zip.start_file(name.as_str(), stored).unwrap();
        zip.write_all(bytes).unwrap();
        if let Some(record) = record {
            lines.push_str(&record(name, bytes));
        }
    }
    if record.is_some() {
        lines.push_str(&format!("{info}/RECORD,,\n"));
        zip.start_file(format!("{info}/RECORD"), stored).unwrap();
        zip.write_all(lines.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// The pinned model's files, the service model gzipped as botocore ships it.
fn pinned_members() -> Vec<(String, Vec<u8>)> {
    let dir = common::workspace_root().join("model/emr/2009-03-31");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    vec![
        (
            format!("{DATA}/service-2.json.gz"),
            gzip(&read("service-2.json")),
        ),
        (
            format!("{DATA}/paginators-1.json"),
            read("paginators-1.json"),
        ),
        (format!("{DATA}/waiters-2.json"), read("waiters-2.json")),
    ]
}

struct Workspace {
    _temp: tempfile::TempDir,
    root: PathBuf,
    packages: PathBuf,
}

fn workspace() -> Workspace {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    common::copy_workspace(&root);
    let packages = temp.path().join("packages");
    Workspace {
        _temp: temp,
        root,
        packages,
    }
}

impl Workspace {
    fn tree(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut tree = common::read_tree(&self.root);
        tree.remove(".codegen/lock");
        tree
    }

    fn update(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = common::codegen();
        // model/awsr.json configures every JSON service: name the one updated.
        command
            .arg("update")
            .args(["--service", "emr"])
            .args(args)
            .current_dir(&self.root);
        command.env("PIP_NO_INDEX", "1");
        command.env("PIP_FIND_LINKS", &self.packages);
        for (k, v) in env {
            command.env(k, v);
        }
        command.output().unwrap()
    }

    /// Runs an update that must fail, and checks it changed nothing.
    fn refused(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let before = self.tree();
        let out = self.update(args, env);
        assert_eq!(out.status.code(), Some(1), "{}", common::text(&out.stdout));
        assert_eq!(
            self.tree(),
            before,
            "a refused update changed the workspace"
        );
        common::text(&out.stderr)
    }
}

fn valid_record(name: &str, bytes: &[u8]) -> String {
    record_line(name, bytes)
}

#[test]
fn a_fetched_wheel_is_verified_and_taken() {
    let ws = workspace();
    wheel(
        &ws.packages,
        "9.9.9",
        &pinned_members(),
        Some(&valid_record),
    );
    let out = ws.update(&["--botocore-version", "9.9.9"], &[]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let provenance = std::fs::read_to_string(ws.root.join("model/emr/PROVENANCE.md")).unwrap();
    assert!(provenance.contains("9.9.9"), "{provenance}");
    let check = common::run(&["check"], &ws.root);
    assert!(check.status.success(), "{}", common::text(&check.stderr));
}

#[test]
fn a_download_over_the_limit_is_stopped() {
    let ws = workspace();
    let mut members = pinned_members();
    // Incompressible filler, so the wheel itself is large.
    let mut filler = Vec::with_capacity(3 << 20);
    let mut x: u32 = 1;
    while filler.len() < 3 << 20 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        filler.extend_from_slice(&x.to_le_bytes());
    }
    members.push(("botocore/filler.bin".into(), filler));
    wheel(&ws.packages, "9.9.9", &members, Some(&valid_record));
    let stderr = ws.refused(
        &["--botocore-version", "9.9.9"],
        &[("AWSR_CODEGEN_DOWNLOAD_LIMIT", "1048576")],
    );
    assert_eq!(
        stderr,
        "codegen: update failed, nothing was changed: botocore==9.9.9: the download is larger than 1 MiB (the limit for a botocore wheel); refused it\n"
    );
}

#[test]
fn a_gzip_bomb_is_refused() {
    let ws = workspace();
    let bomb = gzip(&vec![b' '; 65 << 20]);
    let mut members = pinned_members();
    members[0].1 = bomb;
    let path = wheel(&ws.packages, "9.9.9", &members, Some(&valid_record));
    let stderr = ws.refused(&[path.to_str().unwrap()], &[]);
    assert_eq!(
        stderr,
        format!(
            "codegen: update failed, nothing was changed: {}!{DATA}/service-2.json.gz decompresses to more than 64 MiB (the limit for a model file); refusing it\n",
            path.display()
        )
    );
    // The same bomb as a lone file.
    let lone = ws.packages.join("service-2.json.gz");
    std::fs::write(&lone, &members[0].1).unwrap();
    let stderr = ws.refused(&[lone.to_str().unwrap()], &[]);
    assert!(
        stderr.contains("decompresses to more than 64 MiB"),
        "{stderr}"
    );
}

#[test]
fn a_wheel_that_does_not_match_its_record_is_refused() {
    let ws = workspace();
    let lie = |name: &str, bytes: &[u8]| {
        if name.ends_with("service-2.json.gz") {
            record_line(name, b"something else")
        } else {
            record_line(name, bytes)
        }
    };
    let path = wheel(&ws.packages, "9.9.9", &pinned_members(), Some(&lie));
    let stderr = ws.refused(&[path.to_str().unwrap()], &[]);
    assert_eq!(
        stderr,
        format!(
            "codegen: update failed, nothing was changed: {}: {DATA}/service-2.json.gz does not match the sha256 in the wheel's RECORD (corrupt or tampered); refusing it\n",
            path.display()
        )
    );
    std::fs::remove_file(&path).unwrap();
    let path = wheel(&ws.packages, "9.9.9", &pinned_members(), None);
    let stderr = ws.refused(&[path.to_str().unwrap()], &[]);
    assert!(
        stderr.contains("has no .dist-info/RECORD, so its files cannot be verified; refusing it"),
        "{stderr}"
    );
}

#[test]
fn a_version_that_is_not_one_never_reaches_pip() {
    let ws = workspace();
    let stderr = ws.refused(&["--botocore-version", "1.0; rm -rf /"], &[]);
    assert_eq!(
        stderr,
        "codegen: update failed, nothing was changed: \"1.0; rm -rf /\" is not a botocore version\n"
    );
}

/// Every configured service's pinned model, as a botocore wheel holds them;
/// `edit` may change one service's model (by model folder).
fn every_service_members(edit: &dyn Fn(&str, &mut serde_json::Value)) -> Vec<(String, Vec<u8>)> {
    let root = common::workspace_root();
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("model/awsr.json")).unwrap()).unwrap();
    let mut members = Vec::new();
    for service in config["services"].as_array().unwrap() {
        let model_dir = service["model_dir"].as_str().unwrap();
        let dir = root.join("model").join(model_dir);
        let data = format!("botocore/data/{model_dir}");
        let mut model: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("service-2.json")).unwrap()).unwrap();
        edit(model_dir, &mut model);
        let service_json = if model_dir.starts_with("dynamodb/") {
            serde_json::to_vec_pretty(&model).unwrap()
        } else {
            std::fs::read(dir.join("service-2.json")).unwrap()
        };
        members.push((format!("{data}/service-2.json"), service_json));
        for name in ["paginators-1.json", "waiters-2.json"] {
            if let Ok(bytes) = std::fs::read(dir.join(name)) {
                members.push((format!("{data}/{name}"), bytes));
            }
        }
    }
    members
}

#[test]
fn a_whole_botocore_updates_every_service_with_one_report() {
    let ws = workspace();
    // DynamoDB gains an operation (a copy of DescribeLimits); the others
    // are as pinned.
    let members = every_service_members(&|model_dir, model| {
        if model_dir.starts_with("dynamodb/") {
            let mut operation = model["operations"]["DescribeLimits"].clone();
            operation["name"] = "DescribeLimitsAgain".into();
            model["operations"]["DescribeLimitsAgain"] = operation;
        }
    });
    let path = wheel(&ws.packages, "9.9.9", &members, Some(&valid_record));
    let out = common::codegen()
        .args(["update", path.to_str().unwrap()])
        .current_dir(&ws.root)
        .output()
        .unwrap();
    let stdout = common::text(&out.stdout);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    // One report for the whole update.
    assert!(
        stdout.starts_with(
            "dynamodb: 1 operations added, 0 removed, 0 changed; 0 paginators added, 0 removed; 0 waiters added, 0 removed\n74 of 75 services: no API change\n"
        ),
        "{stdout}"
    );
    // Every service was taken from the wheel: each records its version.
    for service in ["dynamodb", "emr", "kinesis"] {
        let provenance =
            std::fs::read_to_string(ws.root.join(format!("model/{service}/PROVENANCE.md")))
                .unwrap();
        assert!(provenance.contains("9.9.9"), "{service}: {provenance}");
    }
    let changes = std::fs::read_to_string(ws.root.join("model/dynamodb/CHANGES.md")).unwrap();
    assert!(changes.contains("DescribeLimitsAgain"), "{changes}");
    assert!(ws
        .root
        .join("generated/services/dynamodb/docs/describe-limits-again.rst")
        .is_file());
    let check = common::run(&["check"], &ws.root);
    assert!(check.status.success(), "{}", common::text(&check.stderr));
}

#[test]
fn one_lone_model_needs_its_service_named() {
    let ws = workspace();
    let lone = ws.packages.join("service-2.json");
    std::fs::create_dir_all(&ws.packages).unwrap();
    std::fs::copy(ws.root.join("model/emr/2009-03-31/service-2.json"), &lone).unwrap();
    let before = ws.tree();
    let out = common::codegen()
        .args(["update", lone.to_str().unwrap()])
        .current_dir(&ws.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        common::text(&out.stderr),
        "codegen: update failed, nothing was changed: model/awsr.json configures several services and this source holds one model: name its service with --service\n"
    );
    assert_eq!(ws.tree(), before);
}
