//! The moto server (Apache-2.0), a third-party AWS emulator, as a separate
//! process for end-to-end tests: bound to 127.0.0.1 on a free port, checked
//! to answer before use, killed when dropped.
//!
//! moto lives in the virtualenv `target/moto-venv`, pinned by
//! `tests/moto-requirements.txt`. `.ci/run` installs it before the tests;
//! when it is missing or was made from another version of that file,
//! [`ensure_installed`] installs it (once, under a lock), so that
//! `cargo test --workspace` works on a new machine too. A failed install is a
//! test failure that says how to install by hand, never a skipped test.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long moto may take to start answering.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long creating the virtualenv and installing moto into it may take.
const INSTALL_TIMEOUT: Duration = Duration::from_secs(900);
/// Written into the virtualenv once the install finished: a copy of the
/// requirements it was made from.
const MARKER: &str = ".awsr-requirements";

/// `target/moto-venv`.
pub fn venv_dir() -> PathBuf {
    crate::workspace_root().join("target").join("moto-venv")
}

/// `tests/moto-requirements.txt`, the pinned moto and its dependencies.
pub fn requirements_file() -> PathBuf {
    crate::workspace_root()
        .join("tests")
        .join("moto-requirements.txt")
}

/// How to install moto by hand, for error messages.
pub fn install_hint() -> String {
    format!(
        "install it with `bash .ci/run`, or by hand from the workspace root:\n  \
         rm -rf target/moto-venv && python3 -m venv target/moto-venv && \
         target/moto-venv/bin/pip install -r tests/moto-requirements.txt && \
         cp tests/moto-requirements.txt target/moto-venv/{MARKER}"
    )
}

/// The `moto_server` script of a complete, up-to-date virtualenv, installing
/// it first when needed. Installs at most once per process; other processes
/// (another test binary, `.ci/run`) are kept out by `target/moto-venv.lock`.
pub fn ensure_installed() -> Result<PathBuf, String> {
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            install().map_err(|e| {
                format!(
                    "moto is not installed in {} and installing it failed: {e}\n{}",
                    venv_dir().display(),
                    install_hint()
                )
            })
        })
        .clone()
}

fn install() -> Result<PathBuf, String> {
    let wanted = fs::read(requirements_file())
        .map_err(|e| format!("reading {}: {e}", requirements_file().display()))?;
    let venv = venv_dir();
    let server = venv.join("bin").join("moto_server");
    let ready =
        || server.exists() && fs::read(venv.join(MARKER)).ok().as_deref() == Some(&wanted[..]);
    if ready() {
        return Ok(server);
    }
    let target = venv.parent().map(Path::to_path_buf).unwrap_or_default();
    fs::create_dir_all(&target).map_err(|e| format!("creating {}: {e}", target.display()))?;
    let lock_path = target.join("moto-venv.lock");
    let lock =
        File::create(&lock_path).map_err(|e| format!("creating {}: {e}", lock_path.display()))?;
    lock.lock()
        .map_err(|e| format!("locking {}: {e}", lock_path.display()))?;
    if ready() {
        // Another process installed it while this one waited for the lock.
        return Ok(server);
    }
    let started = Instant::now();
    eprintln!(
        "installing moto into {} (once; about a minute)",
        venv.display()
    );
    if venv.exists() {
        fs::remove_dir_all(&venv).map_err(|e| format!("removing {}: {e}", venv.display()))?;
    }
    let python = std::env::var("AWSR_MOTO_PYTHON").unwrap_or_else(|_| "python3".into());
    run_bounded(
        Command::new(&python).arg("-m").arg("venv").arg(&venv),
        Duration::from_secs(120),
    )?;
    run_bounded(
        Command::new(venv.join("bin").join("pip"))
            .args([
                "install",
                "-q",
                "--disable-pip-version-check",
                "--no-input",
                "-r",
            ])
            .arg(requirements_file()),
        INSTALL_TIMEOUT,
    )?;
    if !server.exists() {
        return Err(format!("pip finished but {} is missing", server.display()));
    }
    fs::write(venv.join(MARKER), &wanted).map_err(|e| format!("writing the marker: {e}"))?;
    eprintln!("installed moto in {:.0?}", started.elapsed());
    drop(lock);
    Ok(server)
}

/// Runs `command` to completion within `limit`, killing it after that;
/// its output goes to a temporary file that is quoted on failure.
fn run_bounded(command: &mut Command, limit: Duration) -> Result<(), String> {
    let what = format!("{command:?}");
    let out = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let log = |f: &tempfile::NamedTempFile| f.reopen().map(Stdio::from).map_err(|e| e.to_string());
    let mut child = command
        .stdin(Stdio::null())
        .stdout(log(&out)?)
        .stderr(log(&out)?)
        .spawn()
        .map_err(|e| format!("{what} did not start: {e}"))?;
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(format!(
                    "{what} failed ({status}):\n{}",
                    tail(&fs::read_to_string(out.path()).unwrap_or_default(), 40)
                ))
            }
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{what} did not finish within {limit:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("{what}: {e}")),
        }
    }
}

/// The last `lines` lines of `text`.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// A request line of moto's log: what was asked and the status answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// `POST / HTTP/1.1`
    pub request: String,
    pub status: u16,
}

/// A running moto server. Dropping it kills the process.
pub struct Moto {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Moto {
    /// Starts moto on a free loopback port and waits until it answers;
    /// panics with moto's output if it does not within [`START_TIMEOUT`].
    pub fn start() -> Moto {
        match Moto::try_start() {
            Ok(moto) => moto,
            Err(e) => panic!("{e}"),
        }
    }

    pub fn try_start() -> Result<Moto, String> {
        let server = ensure_installed()?;
        let mut last_error = String::new();
        // A port found free can be taken before moto binds it: try again.
        for _ in 0..3 {
            let port = free_port()?;
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let log = dir.path().join("moto.log");
            let file = File::create(&log).map_err(|e| e.to_string())?;
            let file2 = file.try_clone().map_err(|e| e.to_string())?;
            let child = Command::new(&server)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("HOME", dir.path())
                .env("LANG", "C.UTF-8")
                .env("PYTHONUNBUFFERED", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::from(file))
                .stderr(Stdio::from(file2))
                .spawn()
                .map_err(|e| format!("{} did not start: {e}", server.display()))?;
            let mut moto = Moto {
                child,
                port,
                log,
                _dir: dir,
            };
            match moto.wait_until_answering(START_TIMEOUT) {
                Ok(()) => return Ok(moto),
                Err(e) => {
                    let log = moto.log();
                    drop(moto);
                    last_error = format!("{e}\nmoto's output:\n{}", tail(&log, 40));
                    if !log.contains("Address already in use") {
                        break;
                    }
                }
            }
        }
        Err(last_error)
    }

    fn wait_until_answering(&mut self, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("moto_server exited ({status}) before answering"));
            }
            if self.answers() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "moto_server did not answer on {} within {limit:?}",
                    self.url()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether an HTTP request to moto's own API gets an HTTP answer.
    fn answers(&self) -> bool {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], self.port));
        let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
        let request = format!(
            "GET /moto-api/data.json HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return false;
        }
        let mut head = [0u8; 5];
        stream.read_exact(&mut head).is_ok() && &head == b"HTTP/"
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything moto printed so far, colour escapes removed.
    pub fn log(&self) -> String {
        strip_ansi(&fs::read_to_string(&self.log).unwrap_or_default())
    }

    /// The requests moto logged so far (its own readiness checks included),
    /// oldest first.
    pub fn requests(&self) -> Vec<Logged> {
        self.log().lines().filter_map(parse_request_line).collect()
    }

    /// Waits up to 5 s for moto's log to hold `count` requests that `keep`
    /// accepts (a request is logged as it is answered), and returns them all.
    pub fn requests_settled(&self, count: usize, keep: impl Fn(&Logged) -> bool) -> Vec<Logged> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let seen: Vec<Logged> = self.requests().into_iter().filter(|r| keep(r)).collect();
            if seen.len() >= count || Instant::now() >= deadline {
                return seen;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("finding a free port: {e}"))
}

/// Removes ANSI escape sequences (werkzeug colours its request lines).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ ... final byte in @..~
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `127.0.0.1 - - [28/Nov/2026 13:42:11] "POST / HTTP/1.1" 500 -`
fn parse_request_line(line: &str) -> Option<Logged> {
    let start = line.find("] \"")? + 3;
    let rest = &line[start..];
    let end = rest.find("\" ")?;
    let status = rest[end + 2..].split_whitespace().next()?.parse().ok()?;
    Some(Logged {
        request: rest[..end].to_string(),
        status,
    })
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn request_lines_are_parsed_with_or_without_colour() {
        let line = "127.0.0.1 - - [28/Nov/2026 13:42:11] \"\u{1b}[31m\u{1b}[1mPOST / HTTP/1.1\u{1b}[0m\" 400 -";
        assert_eq!(
            parse_request_line(&strip_ansi(line)),
            Some(Logged {
                request: "POST / HTTP/1.1".into(),
                status: 400
            })
        );
        assert_eq!(
            parse_request_line("Traceback (most recent call last):"),
            None
        );
    }
}
