//! All-or-nothing changes to the workspace: a run that is killed at any
//! moment (kill -9 included) leaves the old files or the new ones, never a
//! mixture, and two runs never interleave.
//!
//! How:
//! - **One run at a time.** Every run holds an exclusive lock on
//!   `.codegen/lock` (std's `File::lock`: `flock` on Unix) while it reads
//!   and writes; the lock dies with the process, so a killed run never
//!   leaves a stale lock behind.
//! - **Build aside, commit by rename.** Everything new is first written
//!   under `.codegen/staging/incoming/`: the new `generated/` tree whole,
//!   the other files one by one (synced: they are `model/` inputs), and
//!   `plan.json` saying where each goes. Renaming `incoming` to `ready` is
//!   the commit point.
//! - **Swap, don't rewrite.** The new tree takes the place of `generated/`
//!   in one `renameat2(RENAME_EXCHANGE)` on Linux, so `generated/` is the
//!   old tree or the new one at every instant (elsewhere, two renames and
//!   the recovery below). Other files are renamed over their targets.
//! - **Unchanged files keep their modification time.** A file of the new
//!   tree with the same bytes as the current one is staged as a hard link
//!   to it (or a copy given its time), because cargo decides what to
//!   recompile by modification times: regenerating after a change to one
//!   service must leave the other services' crates fresh.
//! - **Recovery.** Each run first looks at `.codegen/staging/`: a `ready`
//!   plan is rolled forward (each step is idempotent, and whether the tree
//!   was already swapped is read from the plan's sha256 manifest); anything
//!   else there is an unfinished build and is deleted.

use crate::GeneratedFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The folder, under the workspace root, that holds the lock and staging.
pub const STATE_DIR: &str = ".codegen";
const LOCK: &str = "lock";
const STAGING: &str = "staging";
const INCOMING: &str = "incoming";
const READY: &str = "ready";
const TRASH: &str = "trash";
const PLAN: &str = "plan.json";
/// Under a staged transaction: the files to put, by workspace path.
const FILES: &str = "files";
/// Under a staged transaction: the new tree.
const TREE: &str = "tree";

/// The exclusive right to change one workspace; released on drop (and by
/// the kernel when the process dies, however it dies).
#[derive(Debug)]
pub struct WorkspaceLock {
    root: PathBuf,
    _file: File,
}

impl WorkspaceLock {
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Takes the workspace's lock, calling `waiting` once if another run holds
/// it, then waiting for that run to finish.
pub fn lock(root: &Path, waiting: &mut dyn FnMut(&Path)) -> io::Result<WorkspaceLock> {
    let dir = root.join(STATE_DIR);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting(&path);
            file.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(WorkspaceLock {
        root: root.to_path_buf(),
        _file: file,
    })
}

/// A change to the workspace, applied whole or not at all by [`commit`].
#[derive(Debug, Default, Clone)]
pub struct Transaction {
    /// Files to write, by workspace path.
    pub puts: Vec<GeneratedFile>,
    /// Files to remove, by workspace path.
    pub removes: Vec<String>,
    /// A whole folder to replace: its workspace path and every file in it
    /// (paths relative to the workspace, all under that folder).
    pub tree: Option<(String, Vec<GeneratedFile>)>,
}

impl Transaction {
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.removes.is_empty() && self.tree.is_none()
    }
}

/// What `plan.json` records: enough to finish the transaction from the
/// staged files alone.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Plan {
    puts: Vec<String>,
    removes: Vec<String>,
    tree: Option<TreePlan>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TreePlan {
    /// The folder replaced, relative to the workspace (`generated`).
    dir: String,
    /// Every file of the new tree, relative to `dir`, with its sha256.
    files: BTreeMap<String, String>,
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// A workspace path must stay inside the workspace: relative, no `..`.
fn checked(path: &str) -> io::Result<&Path> {
    let p = Path::new(path);
    if path.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(invalid(format!(
            "refusing to write {path:?}: not a plain path inside the workspace"
        )));
    }
    Ok(p)
}

/// Finishes an interrupted run, if there was one, and clears what it left.
/// Returns whether a committed transaction was rolled forward.
pub fn recover(lock: &WorkspaceLock) -> io::Result<bool> {
    let staging = lock.root.join(STATE_DIR).join(STAGING);
    if !staging.exists() {
        return Ok(false);
    }
    let ready = staging.join(READY);
    let rolled = if ready.is_dir() {
        roll_forward(&lock.root, &ready)?;
        true
    } else {
        false
    };
    clear(&staging)?;
    Ok(rolled)
}

/// Removes the staging folder. It is first renamed aside (one atomic step)
/// so that a kill during the removal never leaves a partial `ready` plan
/// that a later run would mistake for a committed one.
fn clear(staging: &Path) -> io::Result<()> {
    let ready = staging.join(READY);
    if ready.exists() {
        let trash = staging.join(TRASH);
        if trash.exists() {
            std::fs::remove_dir_all(&trash)?;
        }
        std::fs::rename(&ready, &trash)?;
    }
    std::fs::remove_dir_all(staging)
}

/// Applies `tx` to the workspace all or nothing (see the module docs).
pub fn commit(lock: &WorkspaceLock, tx: &Transaction) -> io::Result<()> {
    recover(lock)?;
    if tx.is_empty() {
        return Ok(());
    }
    let root = &lock.root;
    let staging = root.join(STATE_DIR).join(STAGING);
    let incoming = staging.join(INCOMING);
    std::fs::create_dir_all(&incoming)?;
    if let Err(e) = stage(root, &incoming, tx) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let ready = staging.join(READY);
    std::fs::rename(&incoming, &ready)?;
    sync_dir(&staging);
    // Committed: from here on, a failure is finished by the next run.
    roll_forward(root, &ready).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("{e} (the change is staged in {STATE_DIR}/{STAGING}; the next codegen run finishes it)"),
        )
    })?;
    clear(&staging)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = File::create(path)?;
    io::Write::write_all(&mut file, bytes)?;
    file.sync_all()
}

/// A file of the new tree: not synced. Syncing each of a hundred files
/// costs more than generating them, and buys nothing against a kill (the
/// kernel has the data); after a power cut the tree, which is derived
/// from `model/`, is repaired by the next `generate` (`check` shows it).
///
/// When `current` (the file's place in the tree being replaced) already
/// holds these bytes, the staged file is that file, linked, so that it
/// keeps its modification time (see the module docs).
fn write_tree_file(path: &Path, bytes: &[u8], current: &Path) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::read(current) {
        Ok(old) if old == bytes => {
            if std::fs::hard_link(current, path).is_ok() {
                return Ok(());
            }
            // No hard links here (another file system, say): a copy with
            // the old file's time does the same for cargo.
            let modified = std::fs::metadata(current)?.modified()?;
            std::fs::write(path, bytes)?;
            File::options()
                .write(true)
                .open(path)?
                .set_modified(modified)
        }
        _ => std::fs::write(path, bytes),
    }
}

/// Best effort: make renames in `dir` durable. Not every platform can open
/// a folder, and losing this only matters on power loss, not on a kill.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn stage(root: &Path, incoming: &Path, tx: &Transaction) -> io::Result<()> {
    let mut plan = Plan {
        puts: Vec::new(),
        removes: Vec::new(),
        tree: None,
    };
    for file in &tx.puts {
        write_synced(
            &incoming.join(FILES).join(checked(&file.path)?),
            file.contents.as_bytes(),
        )?;
        plan.puts.push(file.path.clone());
    }
    for path in &tx.removes {
        checked(path)?;
        plan.removes.push(path.clone());
    }
    if let Some((dir, files)) = &tx.tree {
        checked(dir)?;
        let tree = incoming.join(TREE);
        std::fs::create_dir_all(&tree)?;
        let mut manifest = BTreeMap::new();
        for file in files {
            let relative = file
                .path
                .strip_prefix(&format!("{dir}/"))
                .ok_or_else(|| invalid(format!("{} is not under {dir}/", file.path)))?;
            write_tree_file(
                &tree.join(checked(relative)?),
                file.contents.as_bytes(),
                &root.join(checked(&file.path)?),
            )?;
            manifest.insert(
                relative.to_string(),
                crate::inputs::sha256_hex(file.contents.as_bytes()),
            );
        }
        plan.tree = Some(TreePlan {
            dir: dir.clone(),
            files: manifest,
        });
    }
    let json = serde_json::to_vec_pretty(&plan).map_err(io::Error::other)?;
    write_synced(&incoming.join(PLAN), &json)
}

fn read_plan(ready: &Path) -> io::Result<Plan> {
    let bytes = std::fs::read(ready.join(PLAN))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {e}", ready.join(PLAN).display()),
        )
    })
}

/// Every step checks whether it was already done, so rolling forward twice
/// (a kill during recovery) is the same as once.
fn roll_forward(root: &Path, ready: &Path) -> io::Result<()> {
    let plan = read_plan(ready)?;
    for path in &plan.puts {
        let staged = ready.join(FILES).join(checked(path)?);
        if staged.exists() {
            let target = root.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&staged, &target)?;
        }
    }
    for path in &plan.removes {
        match std::fs::remove_file(root.join(checked(path)?)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    if let Some(tree) = &plan.tree {
        let target = root.join(checked(&tree.dir)?);
        let staged = ready.join(TREE);
        if staged.exists() && !matches(&target, &tree.files)? {
            swap(&staged, &target)?;
        }
    }
    sync_dir(root);
    Ok(())
}

/// Whether `dir` holds exactly `files` (relative path → sha256).
fn matches(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    let mut found = Vec::new();
    list_files(dir, dir, &mut found)?;
    if found.len() != files.len() {
        return Ok(false);
    }
    for relative in found {
        let Some(expected) = files.get(&relative) else {
            return Ok(false);
        };
        if crate::inputs::sha256_hex(&std::fs::read(dir.join(&relative))?) != *expected {
            return Ok(false);
        }
    }
    Ok(true)
}

fn list_files(root: &Path, dir: &Path, found: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            list_files(root, &path, found)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Puts the tree at `staged` in place of `target`; `staged` then holds the
/// old tree (or nothing) and is deleted with the staging folder.
fn swap(staged: &Path, target: &Path) -> io::Result<()> {
    if !target.exists() {
        return std::fs::rename(staged, target);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // Old kernels and some file systems cannot exchange: fall back.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Two renames: a kill between them leaves no `target`, which the next
    // run's recovery fills from `staged` (the plan is committed).
    let old = staged.with_file_name("old-tree");
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    std::fs::rename(target, &old)?;
    std::fs::rename(staged, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    fn tree_of(root: &Path) -> BTreeMap<String, String> {
        let mut found = Vec::new();
        list_files(root, root, &mut found).unwrap();
        found
            .into_iter()
            .filter(|p| p != ".codegen/lock")
            .map(|p| {
                let text = std::fs::read_to_string(root.join(&p)).unwrap();
                (p, text)
            })
            .collect()
    }

    #[test]
    fn a_commit_replaces_the_tree_and_the_files_and_leaves_nothing_behind() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("generated/sub")).unwrap();
        std::fs::write(root.join("generated/sub/stale.rs"), "old").unwrap();
        std::fs::write(root.join("generated/keep.rs"), "old").unwrap();
        std::fs::create_dir_all(root.join("model")).unwrap();
        std::fs::write(root.join("model/gone.json"), "x").unwrap();
        let lock = lock(root, &mut |_| {}).unwrap();
        let tx = Transaction {
            puts: vec![file("model/new/a.json", "a")],
            removes: vec!["model/gone.json".into()],
            tree: Some((
                "generated".into(),
                vec![
                    file("generated/keep.rs", "new"),
                    file("generated/x/y.rs", "y"),
                ],
            )),
        };
        commit(&lock, &tx).unwrap();
        let expected: BTreeMap<String, String> = [
            ("generated/keep.rs", "new"),
            ("generated/x/y.rs", "y"),
            ("model/new/a.json", "a"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(tree_of(root), expected);
    }

    #[test]
    fn unchanged_files_keep_their_modification_time() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("generated")).unwrap();
        let old_time = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
        for name in ["same.rs", "changed.rs"] {
            let path = root.join("generated").join(name);
            std::fs::write(&path, "old").unwrap();
            File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(old_time)
                .unwrap();
        }
        let lock = lock(root, &mut |_| {}).unwrap();
        let tx = Transaction {
            tree: Some((
                "generated".into(),
                vec![
                    file("generated/same.rs", "old"),
                    file("generated/changed.rs", "new"),
                ],
            )),
            ..Default::default()
        };
        commit(&lock, &tx).unwrap();
        let modified = |name: &str| {
            std::fs::metadata(root.join("generated").join(name))
                .unwrap()
                .modified()
                .unwrap()
        };
        assert_eq!(modified("same.rs"), old_time);
        assert_ne!(modified("changed.rs"), old_time);
        assert_eq!(
            std::fs::read_to_string(root.join("generated/changed.rs")).unwrap(),
            "new"
        );
        assert!(!root.join(STATE_DIR).join(STAGING).exists());
    }

    #[test]
    fn a_committed_plan_is_rolled_forward_at_every_step() {
        // Simulate kills after each roll-forward step by applying the plan
        // by hand up to a point, then recovering.
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        for stop_after_puts in [false, true] {
            let _ = std::fs::remove_dir_all(root.join("generated"));
            std::fs::create_dir_all(root.join("generated")).unwrap();
            std::fs::write(root.join("generated/a.rs"), "old").unwrap();
            let lock = lock(root, &mut |_| {}).unwrap();
            let staging = root.join(STATE_DIR).join(STAGING);
            let incoming = staging.join(INCOMING);
            let tx = Transaction {
                puts: vec![file("model/m.json", "new model")],
                removes: vec![],
                tree: Some(("generated".into(), vec![file("generated/a.rs", "new")])),
            };
            stage(root, &incoming, &tx).unwrap();
            std::fs::rename(&incoming, staging.join(READY)).unwrap();
            if stop_after_puts {
                let ready = staging.join(READY);
                std::fs::create_dir_all(root.join("model")).unwrap();
                std::fs::rename(
                    ready.join(FILES).join("model/m.json"),
                    root.join("model/m.json"),
                )
                .unwrap();
                swap(&ready.join(TREE), &root.join("generated")).unwrap();
            }
            assert!(recover(&lock).unwrap());
            assert!(!staging.exists());
            assert_eq!(
                std::fs::read_to_string(root.join("generated/a.rs")).unwrap(),
                "new"
            );
            assert_eq!(
                std::fs::read_to_string(root.join("model/m.json")).unwrap(),
                "new model"
            );
            std::fs::remove_file(root.join("model/m.json")).unwrap();
        }
    }

    #[test]
    fn an_unfinished_build_is_discarded() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("generated")).unwrap();
        std::fs::write(root.join("generated/a.rs"), "old").unwrap();
        let incoming = root.join(STATE_DIR).join(STAGING).join(INCOMING);
        std::fs::create_dir_all(incoming.join(TREE)).unwrap();
        std::fs::write(incoming.join(TREE).join("a.rs"), "half").unwrap();
        let lock = lock(root, &mut |_| {}).unwrap();
        assert!(!recover(&lock).unwrap());
        assert!(!root.join(STATE_DIR).join(STAGING).exists());
        assert_eq!(
            std::fs::read_to_string(root.join("generated/a.rs")).unwrap(),
            "old"
        );
    }

    #[test]
    fn paths_outside_the_workspace_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let lock = lock(temp.path(), &mut |_| {}).unwrap();
        for bad in ["../x", "/etc/passwd", "", "a/../../b"] {
            let tx = Transaction {
                puts: vec![file(bad, "x")],
                ..Default::default()
            };
            let err = commit(&lock, &tx).unwrap_err().to_string();
            assert!(
                err.contains("not a plain path inside the workspace"),
                "{err}"
            );
        }
        assert!(!temp.path().join(STATE_DIR).join(STAGING).exists());
    }
}
