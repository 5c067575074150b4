//! Temporary copies of the workspace for the codegen binary to work on.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The real workspace (read only: tests work on copies).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ sits in the workspace")
        .to_path_buf()
}

pub fn copy_tree(src: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let to = dest.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&path, &to);
        } else {
            std::fs::copy(&path, &to).unwrap();
        }
    }
}

/// What codegen reads and writes: the root manifest, `model/`, `generated/`.
pub fn copy_workspace(dest: &Path) {
    let here = workspace_root();
    std::fs::create_dir_all(dest).unwrap();
    std::fs::copy(here.join("Cargo.toml"), dest.join("Cargo.toml")).unwrap();
    copy_tree(&here.join("model"), &dest.join("model"));
    copy_tree(&here.join("generated"), &dest.join("generated"));
}

/// Every file under `dir` (relative path → bytes); empty when `dir` is missing.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                out.insert(
                    relative.to_string_lossy().replace('\\', "/"),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Replaces `dir` with the files of `tree`.
pub fn write_tree(dir: &Path, tree: &BTreeMap<String, Vec<u8>>) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    for (path, bytes) in tree {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

pub fn codegen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
}

pub fn run(args: &[&str], cwd: &Path) -> Output {
    codegen().args(args).current_dir(cwd).output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
