//! Which workspace a run works on: the one the current directory is in
//! (found upward, as cargo finds its workspace), or the one `--root` names.
//! Never a path fixed at build time, so a binary built in one copy of the
//! repository and run in another rewrites the copy it runs in.

use std::fmt;
use std::path::{Path, PathBuf};

/// What makes a folder an awsr workspace: a Cargo.toml declaring
/// `[workspace]`, and the generator's configuration.
const CONFIG: &str = "model/awsr.json";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAWorkspace(pub String);

impl fmt::Display for NotAWorkspace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAWorkspace {}

/// Why `dir` is not an awsr workspace, or `None` when it is one.
fn missing_part(dir: &Path) -> Option<String> {
    let manifest = dir.join("Cargo.toml");
    let text = match std::fs::read_to_string(&manifest) {
        Ok(text) => text,
        Err(_) => return Some("it has no Cargo.toml".into()),
    };
    // A line-level look is enough: cargo requires the table header on a line
    // of its own, and pulling in a TOML parser for one header buys nothing.
    if !text.lines().any(|line| line.trim() == "[workspace]") {
        return Some("its Cargo.toml has no [workspace] table".into());
    }
    if !dir.join(CONFIG).is_file() {
        return Some(format!("it has no {CONFIG}"));
    }
    None
}

/// `dir` itself, checked: a workspace root or a clear error.
pub fn check_root(dir: &Path) -> Result<PathBuf, NotAWorkspace> {
    if !dir.is_dir() {
        return Err(NotAWorkspace(format!(
            "{} is not a folder (--root names the awsr workspace: the folder with Cargo.toml and {CONFIG})",
            dir.display()
        )));
    }
    match missing_part(dir) {
        None => Ok(dir.to_path_buf()),
        Some(why) => Err(NotAWorkspace(format!(
            "{} is not an awsr workspace: {why} (the workspace root has a Cargo.toml with [workspace] and {CONFIG})",
            dir.display()
        ))),
    }
}

/// The nearest folder at or above `start` that is an awsr workspace.
pub fn find_root(start: &Path) -> Result<PathBuf, NotAWorkspace> {
    let mut dir = Some(start);
    while let Some(candidate) = dir {
        if missing_part(candidate).is_none() {
            return Ok(candidate.to_path_buf());
        }
        dir = candidate.parent();
    }
    Err(NotAWorkspace(format!(
        "{} is not inside an awsr workspace (no folder above it has a Cargo.toml with [workspace] and {CONFIG}); run codegen in the workspace or pass --root DIR",
        start.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(dir: &Path) {
        std::fs::create_dir_all(dir.join("model")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        std::fs::write(dir.join(CONFIG), "{\"services\": []}").unwrap();
    }

    #[test]
    fn found_from_a_subfolder() {
        let temp = tempfile::tempdir().unwrap();
        workspace(temp.path());
        let deep = temp.path().join("codegen/src");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(temp.path().join("codegen/Cargo.toml"), "[package]\n").unwrap();
        assert_eq!(find_root(&deep).unwrap(), temp.path());
    }

    #[test]
    fn a_member_manifest_is_not_the_root() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        let err = check_root(temp.path()).unwrap_err().to_string();
        assert!(err.ends_with("is not an awsr workspace: its Cargo.toml has no [workspace] table (the workspace root has a Cargo.toml with [workspace] and model/awsr.json)"), "{err}");
    }

    #[test]
    fn a_workspace_without_the_config_is_refused() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("Cargo.toml"), "[workspace]\n").unwrap();
        let err = check_root(temp.path()).unwrap_err().to_string();
        assert!(err.contains("it has no model/awsr.json"), "{err}");
        let err = find_root(temp.path()).unwrap_err().to_string();
        assert!(err.contains("is not inside an awsr workspace"), "{err}");
    }
}
