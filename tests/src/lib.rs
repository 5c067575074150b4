//! Support for the workspace-level tests: running the built `awsr`, a
//! loopback HTTP server that records requests, an independent SigV4
//! verifier for what it records, and the moto server (a third-party AWS
//! emulator) as a subprocess.

pub mod awsr;
pub mod fixtures;
pub mod moto;
pub mod parallel;
pub mod probe;
pub mod server;
pub mod sigv4;
pub mod tls;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Copies the workspace's sources (everything but `target/` and `.git/`) to
/// `dest`, with their modification times, so that a cargo build of the copy
/// in the shared target directory finds the crates whose sources did not
/// change fresh instead of rebuilding them.
pub fn copy_workspace(dest: &std::path::Path) -> std::io::Result<()> {
    copy_tree(&workspace_root(), dest, &|name| {
        name == "target" || name == ".git"
    })
}

/// Copies `src` into `dest` (modification times included), skipping entries
/// whose name `skip` accepts.
pub fn copy_tree(
    src: &std::path::Path,
    dest: &std::path::Path,
    skip: &dyn Fn(&str) -> bool,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dest)?;
    for entry in std::fs::read_dir(src)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip(&name) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &dest.join(&name), skip)?;
        } else {
            let target = dest.join(&name);
            std::fs::copy(&path, &target)?;
            let modified = entry.metadata()?.modified()?;
            std::fs::File::options()
                .write(true)
                .open(&target)?
                .set_modified(modified)?;
        }
    }
    Ok(())
}

/// Every file under `dir`, relative path → bytes, for comparing trees.
pub fn read_tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(
        root: &std::path::Path,
        dir: &std::path::Path,
        out: &mut std::collections::BTreeMap<String, Vec<u8>>,
    ) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let (Ok(rel), Ok(bytes)) = (path.strip_prefix(root), std::fs::read(&path)) {
                out.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}
