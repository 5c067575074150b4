//! Writing `generated/` and checking it: the only I/O on the way out.
//!
//! Writing happens only after every file has been generated, so an error in
//! the model or the generator leaves the old tree untouched; the write itself
//! swaps in the whole new tree at once ([`crate::transaction`]).

use crate::transaction::{self, Transaction, WorkspaceLock};
use crate::{GeneratedFile, OWNED_DIRS};
use std::collections::BTreeSet;
use std::path::Path;

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

/// Makes codegen's folders hold exactly `files`, as one all-or-nothing
/// step (see [`crate::transaction`]), under the workspace lock. Returns the
/// drift that was repaired; nothing is written when there is none.
pub fn write(root: &Path, files: &[GeneratedFile]) -> std::io::Result<Drift> {
    let lock = transaction::lock(root, &mut |_| {})?;
    write_locked(&lock, files)
}

/// [`write`] for a caller that already holds the workspace lock.
pub fn write_locked(lock: &WorkspaceLock, files: &[GeneratedFile]) -> std::io::Result<Drift> {
    transaction::recover(lock)?;
    let drift = check(lock.root(), files)?;
    if !drift.is_clean() {
        transaction::commit(lock, &tree_transaction(files)?)?;
    }
    Ok(drift)
}

/// The transaction that replaces `generated/` with `files`.
pub fn tree_transaction(files: &[GeneratedFile]) -> std::io::Result<Transaction> {
    let [dir] = OWNED_DIRS else {
        return Err(std::io::Error::other("codegen owns exactly one folder"));
    };
    Ok(Transaction {
        tree: Some((dir.to_string(), files.to_vec())),
        ..Default::default()
    })
}
