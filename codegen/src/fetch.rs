//! Reading model sources for `update` without trusting them: every read is
//! bounded (a gzip bomb or a huge file is refused, not decompressed into
//! memory), a wheel's members are checked against its `RECORD`, and a
//! wheel fetched with pip is checked against the sha256 PyPI publishes.

use base64::Engine;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The most one model file (`service-2.json`, paginators, waiters) may
/// hold once decompressed. botocore's largest (ec2) is about 3 MiB today.
pub const MAX_MODEL_BYTES: u64 = 64 << 20;
/// The most a botocore wheel may hold, on disk or while pip downloads it
/// (every file pip writes counts). Recent wheels are about 13 MiB.
pub const MAX_WHEEL_BYTES: u64 = 256 << 20;
/// How long pip may take for one step.
pub const PIP_TIMEOUT: Duration = Duration::from_secs(600);
/// Lowers [`MAX_WHEEL_BYTES`] (never raises it), so that tests can show the
/// bound without writing a quarter of a gigabyte.
pub const DOWNLOAD_LIMIT_ENV: &str = "AWSR_CODEGEN_DOWNLOAD_LIMIT";

fn mib(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The download bound in force.
pub fn wheel_limit() -> u64 {
    std::env::var(DOWNLOAD_LIMIT_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(MAX_WHEEL_BYTES, |v| v.min(MAX_WHEEL_BYTES))
}

/// Reads at most `limit` bytes; more is an error naming `label`.
pub fn read_limited(reader: impl Read, limit: u64, label: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{label}: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "{label} holds more than {} (the limit for a model file); refusing it",
            mib(limit)
        ));
    }
    Ok(out)
}

/// Decompresses a gzip member, refusing output beyond [`MAX_MODEL_BYTES`].
pub fn gunzip(bytes: &[u8], label: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_MODEL_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{label} is not valid gzip: {e}"))?;
    if out.len() as u64 > MAX_MODEL_BYTES {
        return Err(format!(
            "{label} decompresses to more than {} (the limit for a model file); refusing it",
            mib(MAX_MODEL_BYTES)
        ));
    }
    Ok(out)
}

/// Reads a model file from disk, bounded.
pub fn read_model_file(path: &Path) -> Result<Vec<u8>, String> {
    let label = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| format!("{label}: {e}"))?;
    read_limited(file, MAX_MODEL_BYTES, &label)
}

/// A wheel's `RECORD`: member path → sha256 (hex).
#[derive(Debug, Default)]
pub struct Record(std::collections::BTreeMap<String, String>);

impl Record {
    /// Parses `RECORD` (`path,sha256=<urlsafe base64>,size` per line).
    /// Paths holding commas are quoted CSV; botocore has none, and such a
    /// line is simply not matched.
    pub fn parse(text: &str) -> Record {
        let mut entries = std::collections::BTreeMap::new();
        for line in text.lines() {
            let mut fields = line.rsplitn(3, ',');
            let (_size, hash, path) = (fields.next(), fields.next(), fields.next());
            let (Some(hash), Some(path)) = (hash, path) else {
                continue;
            };
            let Some(encoded) = hash.strip_prefix("sha256=") else {
                continue;
            };
            if let Ok(raw) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(encoded) {
                entries.insert(path.to_string(), hex::encode(raw));
            }
        }
        Record(entries)
    }

    /// Checks a member's bytes against the record.
    pub fn verify(&self, member: &str, bytes: &[u8], label: &str) -> Result<(), String> {
        match self.0.get(member) {
            None => Err(format!(
                "{label}: {member} is not listed in the wheel's RECORD, so it cannot be verified; refusing it"
            )),
            Some(expected) if *expected == hex::encode(Sha256::digest(bytes)) => Ok(()),
            Some(_) => Err(format!(
                "{label}: {member} does not match the sha256 in the wheel's RECORD (corrupt or tampered); refusing it"
            )),
        }
    }
}

/// The total size of the files under `dir`.
fn tree_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => tree_size(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// Runs pip with everything it writes (its temporary files included) under
/// `work`, killing it if that grows past `limit` or it runs too long.
fn run_pip(args: &[&std::ffi::OsStr], work: &Path, limit: u64, what: &str) -> Result<(), String> {
    let tmp = work.join("tmp");
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let mut child = Command::new("pip")
        .args(args)
        .env("TMPDIR", &tmp)
        .env("PIP_NO_CACHE_DIR", "1")
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run pip: {e}"))?;
    // pip's messages, kept (bounded) for the error.
    let stderr = child.stderr.take().map(|pipe| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.take(64 << 10).read_to_end(&mut text);
            String::from_utf8_lossy(&text).trim().to_string()
        })
    });
    let start = Instant::now();
    let outcome = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(e) => break Err(format!("waiting for pip: {e}")),
        }
        if tree_size(work) > limit {
            break Err(too_big(what, limit));
        }
        if start.elapsed() > PIP_TIMEOUT {
            break Err(format!(
                "{what}: pip took longer than {} s; stopped it",
                PIP_TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if outcome.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let messages = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    match outcome {
        Ok(status) if status.success() => Ok(()),
        Ok(_) => Err(format!("{what}: pip failed: {messages}")),
        Err(e) => Err(e),
    }
}

fn too_big(what: &str, limit: u64) -> String {
    format!(
        "{what}: the download is larger than {} (the limit for a botocore wheel); refused it",
        mib(limit)
    )
}

/// What pip's resolver reports for `botocore==version`: the wheel's URL and
/// the sha256 the index publishes for it.
fn published_hash(version: &str, work: &Path, limit: u64) -> Result<String, String> {
    let report = work.join("report.json");
    let requirement = format!("botocore=={version}");
    let args: Vec<&std::ffi::OsStr> = vec![
        "install".as_ref(),
        "--dry-run".as_ref(),
        "--ignore-installed".as_ref(),
        "--no-deps".as_ref(),
        "--only-binary=:all:".as_ref(),
        "--quiet".as_ref(),
        "--report".as_ref(),
        report.as_os_str(),
        requirement.as_ref(),
    ];
    run_pip(&args, &work.join("resolve"), limit, &requirement)?;
    let file = std::fs::File::open(&report).map_err(|e| format!("pip wrote no report: {e}"))?;
    let bytes = read_limited(file, 1 << 20, "pip's report")?;
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("pip's report is not JSON: {e}"))?;
    let hash = json
        .pointer("/install/0/download_info/archive_info/hashes/sha256")
        .and_then(serde_json::Value::as_str)
        .filter(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| {
            format!("the package index published no sha256 for {requirement}; refusing an unverified download")
        })?;
    Ok(hash.to_ascii_lowercase())
}

/// Downloads the botocore wheel of `version` into `dir` with pip, bounded
/// in size and time, and verified against the index's sha256.
pub fn fetch_wheel(version: &str, dir: &Path) -> Result<PathBuf, String> {
    if version.is_empty()
        || !version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return Err(format!("\"{version}\" is not a botocore version"));
    }
    let limit = wheel_limit();
    let hash = published_hash(version, &dir.join("resolve-work"), limit)?;
    // Hash-checking mode: pip itself refuses a wheel with another sha256.
    let requirements = dir.join("requirements.txt");
    std::fs::write(
        &requirements,
        format!("botocore=={version} --hash=sha256:{hash}\n"),
    )
    .map_err(|e| format!("{}: {e}", requirements.display()))?;
    let wheels = dir.join("download");
    let args: Vec<&std::ffi::OsStr> = vec![
        "download".as_ref(),
        "--no-deps".as_ref(),
        "--only-binary=:all:".as_ref(),
        "--require-hashes".as_ref(),
        "--quiet".as_ref(),
        "-r".as_ref(),
        requirements.as_os_str(),
        "-d".as_ref(),
        wheels.as_os_str(),
    ];
    let requirement = format!("botocore=={version}");
    run_pip(&args, &wheels, limit, &requirement)?;
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| format!("pip downloaded no wheel for {requirement}"))?;
    // pip may finish between two looks at the folder's size.
    if std::fs::metadata(&wheel).map_or(0, |m| m.len()) > limit {
        return Err(too_big(&requirement, limit));
    }
    // And check it ourselves: the file read later is the file verified.
    let file = std::fs::File::open(&wheel).map_err(|e| format!("{}: {e}", wheel.display()))?;
    let mut hasher = Sha256::new();
    let mut reader = file.take(limit + 1);
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = reader
            .read(&mut buffer)
            .map_err(|e| format!("{}: {e}", wheel.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    let got = hex::encode(hasher.finalize());
    if got != hash {
        return Err(format!(
            "{}: sha256 {got} is not the {hash} the package index published; refusing it",
            wheel.display()
        ));
    }
    Ok(wheel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gzip_bomb_is_refused() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..65 {
            std::io::Write::write_all(&mut encoder, &zeros).unwrap();
        }
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        assert_eq!(
            gunzip(&bomb, "x/service-2.json.gz").unwrap_err(),
            "x/service-2.json.gz decompresses to more than 64 MiB (the limit for a model file); refusing it"
        );
    }

    #[test]
    fn record_entries_verify_members() {
        let digest = Sha256::digest(b"{}");
        let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
        let record = Record::parse(&format!(
            "botocore/data/emr/2009-03-31/service-2.json.gz,sha256={encoded},2\nbotocore-1.dist-info/RECORD,,\n"
        ));
        let member = "botocore/data/emr/2009-03-31/service-2.json.gz";
        assert!(record.verify(member, b"{}", "w").is_ok());
        assert!(record
            .verify(member, b"{ }", "w")
            .unwrap_err()
            .contains("does not match the sha256 in the wheel's RECORD"));
        assert!(record
            .verify("other", b"{}", "w")
            .unwrap_err()
            .contains("is not listed in the wheel's RECORD"));
    }

    #[test]
    fn reads_are_bounded() {
        let err = read_limited(std::io::repeat(b'x'), 10, "/dev/zero").unwrap_err();
        assert_eq!(
            err,
            "/dev/zero holds more than 10 bytes (the limit for a model file); refusing it"
        );
    }
}
