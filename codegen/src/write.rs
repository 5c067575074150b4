//! Writing `generated/` and checking it: the only I/O on the way out.
//!
//! Writes are atomic per file (temp file + rename) and happen only after every
//! file has been generated, so an error in the model or the generator leaves
//! the old tree untouched.

use crate::{GeneratedFile, OWNED_DIRS};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How `generated/` differs from what the generator would write now.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drift {
    /// Files whose bytes differ.
    pub changed: Vec<String>,
    /// Files the generator writes that are not there.
    pub missing: Vec<String>,
    /// Files in codegen's folders that the generator no longer writes.
    pub extra: Vec<String>,
}

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    /// One line per stale file: `changed: path`, `missing: path`, `extra: path`.
    pub fn lines(&self) -> Vec<String> {
        let tagged = |tag: &str, files: &[String]| {
            files
                .iter()
                .map(|f| format!("{tag}: {f}"))
                .collect::<Vec<_>>()
        };
        [
            tagged("changed", &self.changed),
            tagged("missing", &self.missing),
            tagged("extra", &self.extra),
        ]
        .concat()
    }
}

fn existing_files(root: &Path) -> std::io::Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    for dir in OWNED_DIRS {
        walk(root, &root.join(dir), &mut found)?;
    }
    Ok(found)
}

fn walk(root: &Path, dir: &Path, found: &mut BTreeSet<String>) -> std::io::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, found)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            found.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Compares `files` with the tree under `root`.
pub fn check(root: &Path, files: &[GeneratedFile]) -> std::io::Result<Drift> {
    let mut drift = Drift::default();
    let mut expected = BTreeSet::new();
    for file in files {
        expected.insert(file.path.clone());
        match std::fs::read(root.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => drift.changed.push(file.path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                drift.missing.push(file.path.clone())
            }
            Err(e) => return Err(e),
        }
    }
    drift.extra = existing_files(root)?
        .into_iter()
        .filter(|f| !expected.contains(f))
        .collect();
    Ok(drift)
}

/// Writes `files` under `root` and removes stale files from codegen's folders.
/// Returns the drift that was repaired.
pub fn write(root: &Path, files: &[GeneratedFile]) -> std::io::Result<Drift> {
    let drift = check(root, files)?;
    let stale: BTreeSet<&String> = drift.changed.iter().chain(&drift.missing).collect();
    let writes: Vec<&GeneratedFile> = files.iter().filter(|f| stale.contains(&f.path)).collect();
    apply(root, &writes, &drift.extra)?;
    Ok(drift)
}

/// Writes `writes` and removes `removes` (paths relative to `root`) as one
/// step as far as a file system allows: every new file is first written next
/// to its target under a temporary name; only when all are written are they
/// renamed into place and the removals done. A failure while staging removes
/// the temporary files and leaves the tree as it was.
pub fn apply(root: &Path, writes: &[&GeneratedFile], removes: &[String]) -> std::io::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for file in writes {
            let target = root.join(&file.path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let temp = temp_path(&target);
            std::fs::write(&temp, file.contents.as_bytes())?;
            staged.push((temp, target));
        }
        Ok::<(), std::io::Error>(())
    })();
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = std::fs::remove_file(temp);
        }
        return Err(e);
    }
    for (temp, target) in &staged {
        std::fs::rename(temp, target)?;
    }
    for path in removes {
        match std::fs::remove_file(root.join(path)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.codegen-{}.tmp", std::process::id()))
}
