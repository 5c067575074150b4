// Ported from aws-cli 1.14.28 (awscli/paramfile.py), Apache License 2.0,
// and CPython 3.6 (Lib/posixpath.py expanduser/expandvars), PSF License
// Agreement: Copyright Amazon.com, Inc. or its affiliates; Copyright (c)
// 2001-2017 Python Software Foundation. See NOTICE.
//! Parameter files (awscli/paramfile.py, 1.14.28): a value starting with
//! `file://` is replaced by the text of that file, one starting with
//! `fileb://` by its bytes. The path goes through `os.path.expanduser` then
//! `os.path.expandvars` (`~`, `~user`, `$VAR`, `${VAR}`).
//!
//! aws-cli does this for every option of an operation (the `load-cli-arg`
//! handler `uri_param`) except the ones of `Service::paramfile_disabled`
//! (`model/customizations/all-services/paramfile-disabled.json`); for a
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

use super::pycompat::text::repr_str as py_repr;
use std::ffi::OsString;
use std::fmt;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

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
    /// More than [`super::limits::PARAM_FILE_LIMIT`] bytes (aws-cli has no limit).
    TooLarge(String),
    /// Python's `ValueError: embedded null byte` from `open()`, which
    /// aws-cli does not wrap (cannot come from a command line).
    EmbeddedNul,
}

impl fmt::Display for ParamFileReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamFileReason::Io(m)
            | ParamFileReason::NotText(m)
            | ParamFileReason::UrlNotSupported(m)
            | ParamFileReason::TooLarge(m) => f.write_str(m),
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
    let file = std::fs::File::open(&os_path).map_err(|e| os_error(e.raw_os_error(), true))?;
    // Python's open() refuses directories (EISDIR) after opening them.
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(os_error(Some(21), true));
    }
    // aws-cli reads the whole file, so `file:///dev/zero` fills its memory;
    // awsr stops past PARAM_FILE_LIMIT.
    let bytes = match super::limits::read_to_limit(file, super::limits::PARAM_FILE_LIMIT) {
        Ok(bytes) => bytes,
        Err(super::limits::ReadError::Io(e)) => return Err(os_error(e.raw_os_error(), false)),
        Err(super::limits::ReadError::TooLarge { limit }) => {
            return Err(ParamFileReason::TooLarge(format!(
                "Unable to load paramfile {value}: {}",
                super::limits::too_large(std::path::Path::new(&os_path), limit, "parameter files")
            )))
        }
    };
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
    expanduser_with_home(path, std::env::var_os("HOME"))
}

/// `expanduser` with `$HOME` given (`None`: unset).
fn expanduser_with_home(path: &[u8], home_env: Option<OsString>) -> Vec<u8> {
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
        match home_env {
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

#[cfg(test)]
mod tests {
    use super::*;

    // Expected texts: the reference aws-cli, e.g. `aws emr describe-step
    // --cluster-id j --step-id s --cli-input-json file:///nonexist
    // --generate-cli-skeleton output` (stderr `"\n" + text + "\n"`, exit 255).

    /// A fresh directory for one test.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("awsr-paramfile-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn text(value: &str) -> String {
        match get_paramfile(value) {
            Ok(Some(ParamFileValue::Text(t))) => t,
            other => panic!("{value}: {other:?}"),
        }
    }

    fn error(value: &str) -> String {
        uri_param("--cli-input-json", value)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn plain_values_are_not_files() {
        for v in [
            "",
            "abc",
            "FILE:///etc/passwd",
            " file:///x",
            "file:/x",
            "s3://b/k",
            "fileb:/x",
        ] {
            assert_eq!(get_paramfile(v), Ok(None), "{v}");
        }
    }

    #[test]
    fn text_and_bytes() {
        let dir = scratch("read");
        let path = dir.join("in.json");
        std::fs::write(&path, b"{\r\n\"a\": \"\xc3\xa9\"\r}\n").unwrap();
        let p = path.to_str().unwrap();
        // Universal newlines (`{\r\n` from a file gives `line 2 column 1
        // (char 2)` in the reference's JSON errors).
        assert_eq!(text(&format!("file://{p}")), "{\n\"a\": \"é\"\n}\n");
        assert_eq!(
            get_paramfile(&format!("fileb://{p}")),
            Ok(Some(ParamFileValue::Bytes(
                b"{\r\n\"a\": \"\xc3\xa9\"\r}\n".to_vec()
            )))
        );
        // A BOM is kept (the reference then reports `Unexpected UTF-8 BOM`).
        std::fs::write(&path, b"\xef\xbb\xbf{}").unwrap();
        assert_eq!(text(&format!("file://{p}")), "\u{feff}{}");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(text(&format!("file://{p}")), "");
        assert_eq!(
            uri_param("--x", &format!("fileb://{p}")),
            Ok(Some(ParamFileValue::Bytes(Vec::new())))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn unreadable_files() {
        assert_eq!(
            error("file:///nonexist"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file:///nonexist: [Errno 2] No such file or directory: '/nonexist'"
        );
        assert_eq!(
            error("fileb:///nonexist"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile fileb:///nonexist: [Errno 2] No such file or directory: '/nonexist'"
        );
        assert_eq!(
            error("file:///tmp"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file:///tmp: [Errno 21] Is a directory: '/tmp'"
        );
        assert_eq!(
            error("file:///etc/passwd/x"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file:///etc/passwd/x: [Errno 20] Not a directory: '/etc/passwd/x'"
        );
        assert_eq!(
            error("file://"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file://: [Errno 2] No such file or directory: ''"
        );
        // Without an option name: the bare ResourceLoadingError text.
        assert_eq!(
            get_paramfile("file:///nonexist").unwrap_err().to_string(),
            "Unable to load paramfile file:///nonexist: [Errno 2] No such file or directory: '/nonexist'"
        );
        assert_eq!(ParamFileError::EXIT_CODE, 255);
        // Python's message for EACCES (not reproducible as root).
        assert_eq!(strerror(13), "Permission denied");
    }

    #[test]
    fn undecodable_text_names_the_file() {
        let dir = scratch("binary");
        let path = dir.join("bad.txt");
        std::fs::write(&path, b"\xff\xfe").unwrap();
        let p = path.to_str().unwrap();
        assert_eq!(
            error(&format!("file://{p}")),
            format!("Error parsing parameter '--cli-input-json': Unable to load paramfile ({p}), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.")
        );
        assert_eq!(
            get_paramfile(&format!("fileb://{p}")),
            Ok(Some(ParamFileValue::Bytes(vec![0xff, 0xfe])))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn home_and_variables_are_expanded() {
        let home = |h: &str| Some(OsString::from(h));
        assert_eq!(expanduser_with_home(b"~/x", home("/home/u")), b"/home/u/x");
        assert_eq!(expanduser_with_home(b"~", home("/home/u/")), b"/home/u");
        assert_eq!(expanduser_with_home(b"~/x", home("")), b"/x");
        assert_eq!(expanduser_with_home(b"~", home("/")), b"/");
        assert_eq!(expanduser_with_home(b"a/~/x", home("/h")), b"a/~/x");
        // `file://~root/x` → '/root/x'; an unknown user stays as typed:
        // `[Errno 2] No such file or directory: '~nosuchuser/x'`.
        assert_eq!(expanduser_with_home(b"~root/x", None), b"/root/x");
        assert_eq!(expanduser(b"~nosuchuser/x"), b"~nosuchuser/x");
        assert_eq!(
            error("file://~nosuchuser/x"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file://~nosuchuser/x: [Errno 2] No such file or directory: '~nosuchuser/x'"
        );

        // MYD=/tmp/aw/home aws ... --cli-input-json 'file://${MYD}/nope$UNSET_X/$'
        // → ... No such file or directory: '/tmp/aw/home/nope$UNSET_X/$'
        std::env::set_var("AWSR_PARAMFILE_TEST_DIR", "/tmp/aw/home");
        assert_eq!(
            error("file://${AWSR_PARAMFILE_TEST_DIR}/nope$AWSR_PARAMFILE_UNSET/$"),
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file://${AWSR_PARAMFILE_TEST_DIR}/nope$AWSR_PARAMFILE_UNSET/$: [Errno 2] No such file or directory: '/tmp/aw/home/nope$AWSR_PARAMFILE_UNSET/$'"
        );
        assert_eq!(expandvars(b"$AWSR_PARAMFILE_TEST_DIR.x"), b"/tmp/aw/home.x");
        assert_eq!(
            expandvars(b"${}${AWSR_PARAMFILE_TEST_DIR$"),
            b"${}${AWSR_PARAMFILE_TEST_DIR$"
        );
        assert_eq!(expandvars(b"$$AWSR_PARAMFILE_TEST_DIR"), b"$/tmp/aw/home");
        assert_eq!(expandvars(b"no dollars"), b"no dollars");
    }

    /// aws-cli 1.14.28 downloads these (a refused connection reads `Unable
    /// to retrieve http://localhost:1/x: ('Connection aborted.', ...)`);
    /// awsr refuses them.
    #[test]
    fn urls_are_refused() {
        for url in ["http://example.com/x", "https://example.com/x"] {
            let e = uri_param("--cli-input-json", url).unwrap_err();
            assert!(matches!(e.reason, ParamFileReason::UrlNotSupported(_)));
            assert_eq!(
                e.to_string(),
                format!("Error parsing parameter '--cli-input-json': Unable to retrieve {url}: awsr does not download parameter values; save the content to a file and pass file://<path> instead")
            );
        }
    }
}
