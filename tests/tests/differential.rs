//! The differential suite: every case aws-cli 1.14.28 answered in
//! `tests/fixtures/aws-cli-1.14.28/differential/cases.json.gz` (recorded by
//! `record.py` next to it) is replayed against the built `awsr`, with a
//! loopback server serving the same canned responses. Exit code, stdout,
//! stderr and every request that reached the server (method, path, target,
//! content type, signing scope, session token, body) must be identical,
//! unless `docs/differences.md` declares the difference; the SigV4
//! signature of every request is verified independently.
//!
//! Knobs: `DIFFERENTIAL_ONLY=<id prefix>` replays a subset;
//! `DIFFERENTIAL_REPORT=<file>` writes every difference found as JSON.

use serde_json::{json, Value};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tests::server::{Canned, Recorded, ReplayServer};
use tests::{awsr, sigv4, workspace_root};

/// How long one case may run before it counts as hung.
const CASE_LIMIT: Duration = Duration::from_secs(60);

fn load_recording() -> Value {
    let path = workspace_root().join("tests/fixtures/aws-cli-1.14.28/differential/cases.json.gz");
    let file = std::fs::File::open(&path).expect("the recording exists");
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .expect("the recording is gzip'd UTF-8");
    serde_json::from_str(&text).expect("the recording is JSON")
}

// ------------------------------------------------------------ declarations

/// One entry of docs/differences.md's machine-readable blocks.
#[derive(Debug)]
struct Declared {
    id: String,
    /// Text replacements applied to aws-cli's stdout and stderr before
    /// comparing (a difference that is the same everywhere, like the name
    /// of the program).
    rewrite: Vec<(String, String)>,
    /// Case id patterns (`*` matches any run of characters) this entry excuses.
    cases: Vec<String>,
    /// If set, only cases with an argument matching one of these patterns.
    argv: Vec<String>,
    /// If set, only cases whose environment sets a `NAME=value` matching
    /// one of these patterns.
    env: Vec<String>,
    /// If set, only cases whose differences (aws-cli's and awsr's lines of
    /// the readable diff) contain a line matching one of these patterns: a
    /// difference named by its symptom.
    text: Vec<String>,
    /// The fields excused (all when empty).
    fields: Vec<String>,
    /// A difference not yet fixed (listed so the suite stays green while it
    /// is worked on), as opposed to a deliberate one; reported apart.
    known: bool,
}

fn load_declarations() -> Vec<Declared> {
    let path = workspace_root().join("docs/differences.md");
    let text = std::fs::read_to_string(&path).expect("docs/differences.md exists");
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        match &mut block {
            None if line.trim() == "```json differential" => block = Some(String::new()),
            None => {}
            Some(body) if line.trim() == "```" => {
                let value: Value = serde_json::from_str(body).unwrap_or_else(|e| {
                    panic!("bad differential block in differences.md: {e}\n{body}")
                });
                out.push(declared_from(&value));
                block = None;
            }
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    assert!(
        block.is_none(),
        "unclosed differential block in differences.md"
    );
    out
}

fn declared_from(value: &Value) -> Declared {
    let strings = |key: &str| -> Vec<String> {
        value[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let rewrite = value["rewrite"]
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().expect("rewrite pair").to_string(),
                        p[1].as_str().expect("rewrite pair").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Declared {
        id: value["id"]
            .as_str()
            .expect("every block has an id")
            .to_string(),
        rewrite,
        cases: strings("cases"),
        argv: strings("argv"),
        env: strings("env"),
        text: strings("text"),
        fields: strings("fields"),
        known: value["known"].as_bool().unwrap_or(false),
    }
}

/// `*`-only glob matching.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let Some(rest) = text.strip_prefix(parts[0]) else {
        return false;
    };
    let mut rest = rest;
    for (i, part) in parts[1..].iter().enumerate() {
        if i == parts.len() - 2 {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

impl Declared {
    fn excuses(&self, case: &Value, field: &str, diff_text: &str) -> bool {
        if !self.text.is_empty()
            && !diff_text
                .lines()
                .any(|line| self.text.iter().any(|p| glob(p, line)))
        {
            return false;
        }
        let id = case["id"].as_str().unwrap_or_default();
        if self.cases.is_empty() || !self.cases.iter().any(|p| glob(p, id)) {
            return false;
        }
        if !self.argv.is_empty() {
            let argv = case["argv"].as_array().cloned().unwrap_or_default();
            let hit = argv
                .iter()
                .filter_map(|a| a.as_str())
                .any(|a| self.argv.iter().any(|p| glob(p, a)));
            if !hit {
                return false;
            }
        }
        if !self.env.is_empty() {
            let hit = case["env"].as_object().into_iter().flatten().any(|(k, v)| {
                let set = format!("{k}={}", v.as_str().unwrap_or_default());
                self.env.iter().any(|p| glob(p, &set))
            });
            if !hit {
                return false;
            }
        }
        self.fields.is_empty() || self.fields.iter().any(|f| f == field)
    }
}

// ------------------------------------------------------------ replaying

struct Outcome {
    rc: i64,
    stdout: String,
    stderr: String,
    requests: Vec<Value>,
    sigv4_errors: Vec<String>,
}

fn subst(text: &str, port: u16) -> String {
    text.replace("@URL@", &format!("http://127.0.0.1:{port}"))
        .replace("@PORT@", &port.to_string())
}

fn normalise(text: &str, port: u16, dir: &Path) -> String {
    text.replace(&format!(":{port}"), ":@PORT@")
        .replace(&dir.to_string_lossy().into_owned(), "@DIR@")
}

fn canned(responses: &Value) -> Vec<Canned> {
    responses
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| Canned {
            status: r["status"].as_u64().expect("status") as u16,
            reason: r["reason"].as_str().unwrap_or("Status").to_string(),
            headers: r["headers"]
                .as_array()
                .map(|hs| {
                    hs.iter()
                        .map(|h| {
                            (
                                h[0].as_str().unwrap_or_default().to_string(),
                                h[1].as_str().unwrap_or_default().to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            body: r["body"].as_str().unwrap_or_default().as_bytes().to_vec(),
        })
        .collect()
}

fn write_files(dir: &Path, files: &Value) {
    use base64::Engine;
    for (rel, content) in files.as_object().into_iter().flatten() {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("case folder");
        let bytes = match content.get("base64").and_then(Value::as_str) {
            Some(b64) => base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("base64 file"),
            None => content["text"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        };
        std::fs::write(&path, bytes).expect("write case file");
    }
}

/// The signing region/service of an Authorization header, as record.py keeps it.
fn scope(authorization: Option<&str>) -> Value {
    let Some(header) = authorization else {
        return Value::Null;
    };
    let Some(credential) = header.split("Credential=").nth(1) else {
        return Value::Null;
    };
    let credential = credential.split(',').next().unwrap_or_default();
    let parts: Vec<&str> = credential.split('/').collect();
    if parts.len() == 5 {
        json!(format!("{}/{}", parts[2], parts[3]))
    } else {
        json!(credential)
    }
}

fn request_json(r: &Recorded, port: u16, dir: &Path) -> Value {
    json!({
        "method": r.method,
        "path": normalise(&r.path, port, dir),
        "target": r.header("x-amz-target"),
        "content_type": r.header("content-type"),
        "authorization_scope": scope(r.header("authorization")),
        "security_token": r.header("x-amz-security-token"),
        "body": String::from_utf8_lossy(&r.body),
    })
}

fn replay(case: &Value, base_env: &Value) -> Outcome {
    let dir = tempfile::tempdir().expect("case folder");
    let dir_path = dir.path().canonicalize().expect("case folder path");
    write_files(&dir_path, &case["files"]);
    let home = dir_path.join("home");
    std::fs::create_dir_all(&home).expect("HOME");
    let server = ReplayServer::start(canned(&case["responses"]));
    let port = server.port();

    let mut env: Vec<(String, String)> = vec![
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ("HOME".into(), home.to_string_lossy().into_owned()),
        // awsr's knob for retry backoff and waiter delays (record.py makes
        // aws-cli's time.sleep a no-op for the same reason)
        ("AWSR_DELAY_SCALE".into(), "0".into()),
    ];
    for (k, v) in base_env.as_object().into_iter().flatten() {
        env.push((k.clone(), v.as_str().unwrap_or_default().to_string()));
    }
    for (k, v) in case["env"].as_object().into_iter().flatten() {
        env.retain(|(name, _)| name != k);
        if let Some(v) = v.as_str() {
            env.push((k.clone(), subst(v, port)));
        }
    }
    let secret = env
        .iter()
        .find(|(k, _)| k == "AWS_SECRET_ACCESS_KEY")
        .map(|(_, v)| v.clone());
    let args: Vec<String> = case["argv"]
        .as_array()
        .expect("argv")
        .iter()
        .map(|a| subst(a.as_str().unwrap_or_default(), port))
        .collect();

    let stdin_path = dir_path.join(".stdin");
    let stdout_path = dir_path.join(".stdout");
    let stderr_path = dir_path.join(".stderr");
    std::fs::write(&stdin_path, case["stdin"].as_str().unwrap_or_default()).expect("stdin file");
    let mut command = Command::new(awsr::binary());
    command
        .args(&args)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .current_dir(&dir_path)
        .stdin(Stdio::from(
            std::fs::File::open(&stdin_path).expect("stdin"),
        ))
        .stdout(Stdio::from(
            std::fs::File::create(&stdout_path).expect("stdout"),
        ))
        .stderr(Stdio::from(
            std::fs::File::create(&stderr_path).expect("stderr"),
        ));
    let mut child = command.spawn().expect("awsr starts");
    let started = Instant::now();
    let rc = loop {
        if let Some(status) = child.try_wait().expect("wait for awsr") {
            break status.code().map(i64::from).unwrap_or(-1);
        }
        if started.elapsed() > CASE_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break -2;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let read =
        |p: &PathBuf| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let stdout = normalise(&read(&stdout_path), port, &dir_path);
    let stderr = normalise(&read(&stderr_path), port, &dir_path);
    let recorded = server.requests();
    drop(server);
    let mut sigv4_errors = Vec::new();
    for (i, r) in recorded.iter().enumerate() {
        if r.header("authorization").is_none() {
            continue;
        }
        match &secret {
            Some(secret) => {
                if let Err(e) = sigv4::verify(r, secret) {
                    sigv4_errors.push(format!("request {i}: {e}"));
                }
            }
            None => sigv4_errors.push(format!("request {i} signed without a secret key")),
        }
    }
    Outcome {
        rc,
        stdout,
        stderr,
        requests: recorded
            .iter()
            .map(|r| request_json(r, port, &dir_path))
            .collect(),
        sigv4_errors,
    }
}

// ------------------------------------------------------------ comparing

fn rewrite(text: &str, declared: &[Declared]) -> String {
    let mut text = text.to_string();
    for d in declared {
        for (from, to) in &d.rewrite {
            text = text.replace(from, to);
        }
    }
    text
}

fn diff_text(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(2)
        .header("aws-cli", "awsr")
        .to_string()
}

fn pretty_requests(requests: &Value) -> String {
    let mut out = String::new();
    for r in requests.as_array().into_iter().flatten() {
        for key in [
            "method",
            "path",
            "target",
            "content_type",
            "authorization_scope",
            "security_token",
            "body",
        ] {
            out.push_str(&format!("{key}: {}\n", r[key]));
        }
        out.push_str("--\n");
    }
    out
}

/// The differing fields of a case: (field, readable diff).
fn compare(expected: &Value, actual: &Outcome, declared: &[Declared]) -> Vec<(String, String)> {
    let mut diffs = Vec::new();
    let rc = expected["rc"].as_i64().unwrap_or(-1);
    if rc != actual.rc {
        diffs.push((
            "rc".to_string(),
            format!("aws-cli {rc}, awsr {}\n", actual.rc),
        ));
    }
    for (field, got) in [("stdout", &actual.stdout), ("stderr", &actual.stderr)] {
        let want = rewrite(expected[field].as_str().unwrap_or_default(), declared);
        if &want != got {
            diffs.push((field.to_string(), diff_text(&want, got)));
        }
    }
    let got = Value::Array(actual.requests.clone());
    if expected["requests"] != got {
        diffs.push((
            "requests".to_string(),
            diff_text(
                &pretty_requests(&expected["requests"]),
                &pretty_requests(&got),
            ),
        ));
    }
    diffs
}

#[test]
fn every_case_is_answered_as_aws_cli_answers_it() {
    let recording = load_recording();
    let declared = load_declarations();
    let only = std::env::var("DIFFERENTIAL_ONLY").unwrap_or_default();
    let cases: Vec<&Value> = recording["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["id"].as_str().unwrap_or_default().starts_with(&only))
        .collect();
    assert!(
        only.is_empty() || !cases.is_empty(),
        "DIFFERENTIAL_ONLY={only} matches no case"
    );
    let base_env = &recording["base_env"];
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let outcome = replay(case, base_env);
                results.lock().expect("results").push((i, outcome));
            });
        }
    });
    let mut results = results.into_inner().expect("results");
    results.sort_by_key(|(i, _)| *i);

    let mut identical = 0;
    let mut excused = 0;
    let mut known = 0;
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut by_kind: std::collections::BTreeMap<String, usize> = Default::default();
    let mut used: std::collections::BTreeSet<&str> = Default::default();
    for (i, outcome) in &results {
        let case = cases[*i];
        let id = case["id"].as_str().unwrap_or_default();
        let mut diffs = compare(&case["expected"], outcome, &declared);
        for e in &outcome.sigv4_errors {
            diffs.push(("sigv4".to_string(), format!("{e}\n")));
        }
        if diffs.is_empty() {
            identical += 1;
            continue;
        }
        let all_text: String = diffs.iter().map(|(_, d)| d.as_str()).collect();
        let open: Vec<&(String, String)> = diffs
            .iter()
            .filter(|(field, _)| {
                let by = declared.iter().find(|d| d.excuses(case, field, &all_text));
                if let Some(d) = by {
                    used.insert(d.id.as_str());
                }
                by.is_none()
            })
            .collect();
        if open.is_empty() {
            let by_known = diffs.iter().any(|(field, _)| {
                declared
                    .iter()
                    .find(|d| d.excuses(case, field, &all_text))
                    .is_some_and(|d| d.known)
            });
            if by_known {
                known += 1;
            } else {
                excused += 1;
            }
            continue;
        }
        let kind = id.split('/').next().unwrap_or_default();
        let fields: Vec<&str> = open.iter().map(|(f, _)| f.as_str()).collect();
        *by_kind
            .entry(format!("{kind} [{}]", fields.join(",")))
            .or_default() += 1;
        let argv: Vec<&str> = case["argv"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str())
            .collect();
        let mut text = format!("=== {id}\n$ awsr {}\n", shell_words(&argv));
        if case["env"].as_object().is_some_and(|e| !e.is_empty()) {
            text.push_str(&format!("env: {}\n", case["env"]));
        }
        for (field, diff) in &open {
            text.push_str(&format!("--- {field}\n{diff}"));
        }
        failures.push(json!({"id": id, "argv": argv, "fields": fields, "report": text}));
        report.push_str(&text);
    }
    if let Ok(path) = std::env::var("DIFFERENTIAL_REPORT") {
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&failures).unwrap_or_default(),
        )
        .expect("write the report");
    }
    let total = results.len();
    println!(
        "{identical}/{total} cases identical ({excused} differ only as docs/differences.md declares deliberately, \
         {known} only as it lists not yet fixed, {} differ otherwise)",
        failures.len()
    );
    for d in &declared {
        if !d.cases.is_empty() && !used.contains(d.id.as_str()) && only.is_empty() {
            println!("note: declared difference {} matched no case", d.id);
        }
    }
    if !failures.is_empty() {
        let mut summary = String::new();
        for (kind, n) in &by_kind {
            summary.push_str(&format!("  {n:5}  {kind}\n"));
        }
        // Keep the failure message readable: every difference is in the
        // report file when DIFFERENTIAL_REPORT is set.
        let shown: String = report.chars().take(60_000).collect();
        panic!(
            "{identical}/{total} cases identical; {} differ from aws-cli 1.14.28 and are not declared in docs/differences.md:\n{summary}\n{shown}",
            failures.len()
        );
    }
}

fn shell_words(argv: &[&str]) -> String {
    argv.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,".contains(c))
            {
                a.to_string()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
