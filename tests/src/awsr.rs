//! Running the built `awsr` binary as a subprocess, with a clean environment
//! so that the machine's own AWS settings never leak into a test.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The `awsr` binary cargo built for this test run. `cargo test --workspace`
/// builds it because the `cli` package has integration tests of its own; it
/// sits next to the `deps/` folder holding this test executable.
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test executables live in target/<profile>/deps");
    let binary = profile_dir.join(format!("awsr{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run the tests with `cargo test --workspace`",
        binary.display()
    );
    binary
}

/// What a run printed and returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A command line to run, with its environment.
#[derive(Debug, Clone)]
pub struct Run {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    cwd: Option<PathBuf>,
}

/// `awsr args...` with test credentials and region, and HOME pointing at an
/// empty folder so no real profile is read.
pub fn awsr<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    Run {
        args: args.into_iter().map(Into::into).collect(),
        env: vec![
            ("AWS_ACCESS_KEY_ID".into(), "AKIDTEST".into()),
            ("AWS_SECRET_ACCESS_KEY".into(), "secret/test/key".into()),
            ("AWS_DEFAULT_REGION".into(), "us-east-1".into()),
            // Never ask an instance-metadata address from a test.
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ],
        stdin: None,
        cwd: None,
    }
}

impl Run {
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.retain(|(k, _)| k != key);
        self
    }

    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }

    pub fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = Some(bytes.to_vec());
        self
    }

    pub fn run(&self) -> Output {
        let home = tempfile::tempdir().expect("temp HOME");
        let mut command = Command::new(binary());
        command
            .args(&self.args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            command.env(k, v);
        }
        if let Some(dir) = &self.cwd {
            command.current_dir(dir);
        }
        let mut child = command.spawn().expect("awsr starts");
        if let (Some(bytes), Some(mut stdin)) = (&self.stdin, child.stdin.take()) {
            let _ = stdin.write_all(bytes);
        }
        let out = child.wait_with_output().expect("awsr finishes");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}
