//! Parameter files (awscli/paramfile.py, 1.14.28): a value starting with
//! `file://` is replaced by the text of that file, one starting with
//! `fileb://` by its bytes. The path goes through `os.path.expanduser` then
//! `os.path.expandvars` (`~`, `~user`, `$VAR`, `${VAR}`).
//!
//! aws-cli does this for every option of an operation (the `load-cli-arg`
//! handler `uri_param`) except the ones in [`PARAMFILE_DISABLED`]; for a
//! list option only when exactly one string was given. Failures are
//! `ParamError`s, printed as `"\n{error}\n"` with exit status 255
//! ([`ParamFileError::EXIT_CODE`]):
//!
//! ```text
//! Error parsing parameter '--cli-input-json': Unable to load paramfile file:///nonexist: [Errno 2] No such file or directory: '/nonexist'
//! ```
//!
//! `file://` text is decoded as UTF-8 (aws-cli uses the locale's encoding;
//! UTF-8 is what it is under any UTF-8 locale) with Python's universal
//! newlines (`\r\n` and `\r` read as `\n`). Undecodable text gives aws-cli's
//! own message, which names the file and suggests `fileb://`.
//!
//! Not emulated: aws-cli 1.14.28 also treats `http://` and `https://`
//! values as parameter files and *downloads* them (`requests.get`, the
//! response text becomes the value; failures read `Unable to retrieve
//! <url>: <reason>`). awsr never fetches URLs: such values are refused with
//! [`ParamFileReason::UrlNotSupported`], worded like aws-cli's download
//! failure. `~user` is looked up in `/etc/passwd` only (no NSS).

use super::argvalue::py_repr;
use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

/// The options aws-cli never loads parameter files for, as
/// `<endpoint prefix>.<operation>.<option>` (`custom.*` are aws-cli's own
/// commands), verbatim from paramfile.py.
pub const PARAMFILE_DISABLED: &[&str] = &[
    "apigateway.put-integration.uri",
    "cloudformation.create-stack.template-url",
    "cloudformation.update-stack.template-url",
    "cloudformation.create-stack-set.template-url",
    "cloudformation.update-stack-set.template-url",
    "cloudformation.create-change-set.template-url",
    "cloudformation.validate-template.template-url",
    "cloudformation.estimate-template-cost.template-url",
    "cloudformation.get-template-summary.template-url",
    "cloudformation.create-stack.stack-policy-url",
    "cloudformation.update-stack.stack-policy-url",
    "cloudformation.set-stack-policy.stack-policy-url",
    "custom.package.template-file",
    "custom.deploy.template-file",
    "cloudformation.update-stack.stack-policy-during-update-url",
    "custom.cp.website-redirect",
    "custom.mv.website-redirect",
    "custom.sync.website-redirect",
    "guardduty.create-ip-set.location",
    "guardduty.update-ip-set.location",
    "guardduty.create-threat-intel-set.location",
    "guardduty.update-threat-intel-set.location",
    "comprehend.detect-dominant-language.text",
    "comprehend.batch-detect-dominant-language.text-list",
    "comprehend.detect-entities.text",
    "comprehend.batch-detect-entities.text-list",
    "comprehend.detect-key-phrases.text",
    "comprehend.batch-detect-key-phrases.text-list",
    "comprehend.detect-sentiment.text",
    "comprehend.batch-detect-sentiment.text-list",
    "iam.create-open-id-connect-provider.url",
    "machinelearning.predict.predict-endpoint",
    "rds.copy-db-cluster-snapshot.pre-signed-url",
    "rds.create-db-cluster.pre-signed-url",
    "rds.copy-db-snapshot.pre-signed-url",
    "rds.create-db-instance-read-replica.pre-signed-url",
    "sqs.add-permission.queue-url",
    "sqs.change-message-visibility.queue-url",
    "sqs.change-message-visibility-batch.queue-url",
    "sqs.delete-message.queue-url",
    "sqs.delete-message-batch.queue-url",
    "sqs.delete-queue.queue-url",
    "sqs.get-queue-attributes.queue-url",
    "sqs.list-dead-letter-source-queues.queue-url",
    "sqs.receive-message.queue-url",
    "sqs.remove-permission.queue-url",
    "sqs.send-message.queue-url",
    "sqs.send-message-batch.queue-url",
    "sqs.set-queue-attributes.queue-url",
    "sqs.purge-queue.queue-url",
    "sqs.list-queue-tags.queue-url",
    "sqs.tag-queue.queue-url",
    "sqs.untag-queue.queue-url",
    "s3.copy-object.website-redirect-location",
    "s3.create-multipart-upload.website-redirect-location",
    "s3.put-object.website-redirect-location",
    "sns.subscribe.notification-endpoint",
    "iot.create-job.document-source",
    "translate.translate-text.text",
];

/// Whether aws-cli skips parameter files for this option. The service is
/// the model's *endpoint prefix* (`elasticmapreduce`, not `emr`), the
/// operation and option are CLI names without dashes in front
/// (`cancel-steps`, `step-ids`), as in aws-cli's `load-cli-arg` event name.
pub fn is_paramfile_disabled(endpoint_prefix: &str, operation: &str, option: &str) -> bool {
    PARAMFILE_DISABLED.iter().any(|entry| {
        let mut parts = entry.splitn(3, '.');
        parts.next() == Some(endpoint_prefix)
            && parts.next() == Some(operation)
            && parts.next() == Some(option)
    })
}

/// A loaded parameter file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamFileValue {
    /// `file://`: the text (universal newlines applied).
    Text(String),
    /// `fileb://`: the bytes as they are. aws-cli passes them on as Python
    /// `bytes`, which only blob parameters take as such.
    Bytes(Vec<u8>),
}

/// Why loading failed (`ResourceLoadingError`'s text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamFileReason {
    /// `Unable to load paramfile <value>: [Errno N] <strerror>: '<path>'`.
    Io(String),
    /// `Unable to load paramfile (<path>), text contents could not be
    /// decoded. ...`.
    NotText(String),
    /// An `http://`/`https://` value, which awsr refuses to download.
    UrlNotSupported(String),
    /// Python's `ValueError: embedded null byte` from `open()`, which
    /// aws-cli does not wrap (cannot come from a command line).
    EmbeddedNul,
}

impl fmt::Display for ParamFileReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamFileReason::Io(m)
            | ParamFileReason::NotText(m)
            | ParamFileReason::UrlNotSupported(m) => f.write_str(m),
            ParamFileReason::EmbeddedNul => f.write_str("embedded null byte"),
        }
    }
}

/// A parameter file that could not be loaded. `Display` is what aws-cli
/// prints: `Error parsing parameter '<option>': <reason>` when an option is
/// known ([`uri_param`]), the bare reason otherwise ([`get_paramfile`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamFileError {
    /// The option as typed, with dashes (`--cli-input-json`).
    pub cli_name: Option<String>,
    pub reason: ParamFileReason,
}

impl ParamFileError {
    /// aws-cli exits 255 (`clidriver.main`'s generic handler).
    pub const EXIT_CODE: i32 = 255;
}

impl fmt::Display for ParamFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.cli_name, &self.reason) {
            (_, ParamFileReason::EmbeddedNul) | (None, _) => write!(f, "{}", self.reason),
            (Some(name), reason) => write!(f, "Error parsing parameter '{name}': {reason}"),
        }
    }
}

impl std::error::Error for ParamFileError {}

/// `argprocess._check_for_uri_param` for one option value: `Ok(None)` if
/// the value is not a parameter file reference (use it as typed).
pub fn uri_param(cli_name: &str, value: &str) -> Result<Option<ParamFileValue>, ParamFileError> {
    get_paramfile(value).map_err(|mut e| {
        e.cli_name = Some(cli_name.to_string());
        e
    })
}

/// `paramfile.get_paramfile(path)`: `Ok(None)` unless `path` starts with
/// `file://`, `fileb://`, `http://` or `https://` (case-sensitive).
pub fn get_paramfile(path: &str) -> Result<Option<ParamFileValue>, ParamFileError> {
    let err = |reason| ParamFileError {
        cli_name: None,
        reason,
    };
    if let Some(rest) = path.strip_prefix("file://") {
        let (file_path, bytes) = read(path, rest).map_err(err)?;
        return match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(ParamFileValue::Text(universal_newlines(text)))),
            Err(_) => Err(err(ParamFileReason::NotText(format!(
                "Unable to load paramfile ({}), text contents could not be decoded.  If this is a \
                 binary file, please use the fileb:// prefix instead of the file:// prefix.",
                String::from_utf8_lossy(file_path.as_bytes())
            )))),
        };
    }
    if let Some(rest) = path.strip_prefix("fileb://") {
        let (_, bytes) = read(path, rest).map_err(err)?;
        return Ok(Some(ParamFileValue::Bytes(bytes)));
    }
    if path.starts_with("http://") || path.starts_with("https://") {
        return Err(err(ParamFileReason::UrlNotSupported(format!(
            "Unable to retrieve {path}: awsr does not download parameter values; \
             save the content to a file and pass file://<path> instead"
        ))));
    }
    Ok(None)
}

/// `get_file`: expand, open, read. Returns the expanded path and the bytes.
fn read(value: &str, rest: &str) -> Result<(OsString, Vec<u8>), ParamFileReason> {
    let file_path = expandvars(&expanduser(rest.as_bytes()));
    let shown = String::from_utf8_lossy(&file_path).into_owned();
    if file_path.contains(&0) {
        return Err(ParamFileReason::EmbeddedNul);
    }
    let os_path = OsString::from_vec(file_path);
    let os_error = |code: Option<i32>, with_name: bool| {
        let code = code.unwrap_or(0);
        let name = if with_name {
            format!(": {}", py_repr(&shown))
        } else {
            String::new()
        };
        ParamFileReason::Io(format!(
            "Unable to load paramfile {value}: [Errno {code}] {}{name}",
            strerror(code)
        ))
    };
    let mut file = std::fs::File::open(&os_path).map_err(|e| os_error(e.raw_os_error(), true))?;
    // Python's open() refuses directories (EISDIR) after opening them.
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(os_error(Some(21), true));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| os_error(e.raw_os_error(), false))?;
    Ok((os_path, bytes))
}

/// The C library's text for an errno, as Python's `OSError` shows it.
fn strerror(code: i32) -> String {
    let text = std::io::Error::from_raw_os_error(code).to_string();
    match text.rfind(" (os error ") {
        Some(i) => text.get(..i).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// Python's text-mode reading with `newline=None`.
fn universal_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// `posixpath.expanduser`.
fn expanduser(path: &[u8]) -> Vec<u8> {
    if path.first() != Some(&b'~') {
        return path.to_vec();
    }
    let i = path
        .iter()
        .skip(1)
        .position(|&b| b == b'/')
        .map_or(path.len(), |p| p + 1);
    let (head, tail) = path.split_at(i);
    let userhome: Vec<u8> = if i == 1 {
        match std::env::var_os("HOME") {
            Some(home) => home.as_bytes().to_vec(),
            None => match own_uid().and_then(|uid| passwd_home(|_, u| u == uid)) {
                Some(home) => home,
                None => return path.to_vec(),
            },
        }
    } else {
        let name = head.get(1..).unwrap_or(&[]);
        match passwd_home(|n, _| n == name) {
            Some(home) => home,
            None => return path.to_vec(),
        }
    };
    let mut home = userhome;
    while home.last() == Some(&b'/') {
        home.pop();
    }
    home.extend_from_slice(tail);
    if home.is_empty() {
        b"/".to_vec()
    } else {
        home
    }
}

/// This process's user id (the owner of `/proc/self`).
fn own_uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// The home directory of the first `/etc/passwd` entry matching `pred(name, uid)`.
fn passwd_home(pred: impl Fn(&[u8], u32) -> bool) -> Option<Vec<u8>> {
    let passwd = std::fs::read("/etc/passwd").ok()?;
    passwd.split(|&b| b == b'\n').find_map(|line| {
        let fields: Vec<&[u8]> = line.split(|&b| b == b':').collect();
        let name = fields.first()?;
        let uid: u32 = std::str::from_utf8(fields.get(2)?).ok()?.parse().ok()?;
        let home = fields.get(5)?;
        pred(name, uid).then(|| home.to_vec())
    })
}

/// `posixpath.expandvars`: `$name` / `${name}` (`name` of ASCII word
/// characters, or anything but `}` inside braces) replaced when set in the
/// environment, left alone otherwise.
fn expandvars(path: &[u8]) -> Vec<u8> {
    if !path.contains(&b'$') {
        return path.to_vec();
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::with_capacity(path.len());
    let mut i = 0;
    while i < path.len() {
        let Some(&b) = path.get(i) else { break };
        if b != b'$' {
            out.push(b);
            i += 1;
            continue;
        }
        // Match \$(\w+|\{[^}]*\}) at i.
        let rest = path.get(i + 1..).unwrap_or(&[]);
        let (name, len) = if rest.first() == Some(&b'{') {
            match rest.iter().position(|&c| c == b'}') {
                Some(close) => (rest.get(1..close).unwrap_or(&[]), close + 1),
                None => (&[][..], 0),
            }
        } else {
            let n = rest.iter().take_while(|&&c| word(c)).count();
            (rest.get(..n).unwrap_or(&[]), n)
        };
        if len == 0 {
            out.push(b);
            i += 1;
            continue;
        }
        let value = (!name.is_empty())
            .then(|| std::env::var_os(std::ffi::OsStr::from_bytes(name)))
            .flatten();
        match value {
            Some(v) => out.extend_from_slice(v.as_bytes()),
            None => out.extend_from_slice(path.get(i..i + 1 + len).unwrap_or(&[])),
        }
        i += 1 + len;
    }
    out
}
