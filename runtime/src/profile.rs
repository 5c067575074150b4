// Ported from botocore 1.8.32 (botocore/configloader.py), Apache License 2.0,
// and CPython 3.6 (Lib/configparser.py, Lib/shlex.py), PSF License
// Agreement: Copyright Amazon.com, Inc. or its affiliates; Copyright (c)
// 2001-2017 Python Software Foundation. See NOTICE.
//! The shared config and credentials files (`~/.aws/config`,
//! `~/.aws/credentials`), read as botocore 1.8.32's `configloader` reads
//! them with Python 3.6's `RawConfigParser`.
//!
//! The parser is written here rather than taken from an INI crate because
//! none of them reproduces `RawConfigParser` closely enough for files that
//! aws-cli accepts to mean the same thing here: `=` *and* `:` as delimiters,
//! whole-line `#`/`;` comments only (`key = a # b` keeps `a # b`), option
//! names lower-cased but section names not, indented continuation lines
//! (which botocore turns into nested settings such as `s3 =\n  key = value`),
//! a `[DEFAULT]` section whose keys every section inherits, section headers
//! that may be followed by anything (`[default] junk`), and duplicate sections
//! or options within one file being errors. Section names beginning with
//! `profile` are split with Python's `shlex.split`, also emulated here.

use crate::pycompat::text::{is_space as py_space, strip as py_strip};
use indexmap::IndexMap;
use std::path::{Path, PathBuf};

/// One setting: plain text, or the nested `key = value` lines of an
/// indented block (`s3 =\n  addressing_style = path`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Text(String),
    Nested(IndexMap<String, String>),
}

impl Setting {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Setting::Text(text) => Some(text),
            Setting::Nested(_) => None,
        }
    }
}

/// The settings of one section or profile, in file order.
pub type Section = IndexMap<String, Setting>;

/// Every section of one file, by name as written, in file order.
pub type Sections = IndexMap<String, Section>;

/// Why a file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line of the problem, when there is one.
    pub line: Option<usize>,
    pub detail: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // botocore's ConfigParseError text, then where and why.
        write!(f, "Unable to parse config file: {}", self.path.display())?;
        match self.line {
            Some(line) => write!(f, ": line {line}: {}", self.detail),
            None => write!(f, ": {}", self.detail),
        }
    }
}

/// A parse problem before the file's path is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub detail: String,
}

/// A raw value while parsing: its lines, joined at the end.
struct RawValue {
    line: usize,
    lines: Vec<String>,
}

/// `RawConfigParser.read` followed by `raw_config_parse`'s nested-block
/// parsing: every section (except `DEFAULT`, whose keys each section
/// inherits) with its settings.
pub fn parse(text: &str) -> Result<Sections, ParseError> {
    // Python reads in text mode: universal newlines.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut sections: IndexMap<String, IndexMap<String, RawValue>> = IndexMap::new();
    let mut defaults: IndexMap<String, RawValue> = IndexMap::new();
    // Which section receives options: None before any header.
    enum Current {
        None,
        Default,
        Named(String),
    }
    let mut current = Current::None;
    let mut option: Option<String> = None;
    let mut indent_level = 0usize;
    let mut seen_sections: IndexMap<String, usize> = IndexMap::new();
    let mut seen_options: std::collections::HashSet<(String, String)> = Default::default();
    let mut first_error: Option<ParseError> = None;

    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, raw_line) in lines.iter().enumerate() {
        let lineno = index + 1;
        let line = raw_line.strip_suffix('\n').unwrap_or(raw_line);
        let stripped = py_strip(line);
        let is_comment = stripped.starts_with('#') || stripped.starts_with(';');
        let value = if is_comment { "" } else { stripped };
        let target = match &current {
            Current::None => None,
            Current::Default => Some(&mut defaults),
            Current::Named(name) => sections.get_mut(name),
        };
        if value.is_empty() {
            // Blank lines belong to a value being continued; comment lines don't.
            if !is_comment {
                if let (Some(target), Some(name)) = (target, named(&option)) {
                    if let Some(raw) = target.get_mut(name) {
                        raw.lines.push(String::new());
                    }
                }
            }
            continue;
        }
        let cur_indent = line.chars().take_while(|c| py_space(*c)).count();
        if let (Some(target), Some(name)) = (target, named(&option)) {
            if cur_indent > indent_level {
                if let Some(raw) = target.get_mut(name) {
                    raw.lines.push(value.to_string());
                }
                continue;
            }
        }
        indent_level = cur_indent;
        if let Some(header) = section_header(value) {
            if header == "DEFAULT" {
                current = Current::Default;
            } else {
                if let Some(first) = seen_sections.get(header) {
                    return Err(ParseError {
                        line: lineno,
                        detail: format!("section [{header}] already appeared on line {first}"),
                    });
                }
                seen_sections.insert(header.to_string(), lineno);
                sections.entry(header.to_string()).or_default();
                current = Current::Named(header.to_string());
            }
            option = None;
            continue;
        }
        let (section_name, target) = match &current {
            Current::None => {
                return Err(ParseError {
                    line: lineno,
                    detail: format!(
                        "a setting before the first [section] header: {}",
                        py_quote(line)
                    ),
                })
            }
            Current::Default => ("DEFAULT".to_string(), &mut defaults),
            Current::Named(name) => (name.clone(), sections.entry(name.clone()).or_default()),
        };
        match split_option(value) {
            Some((name, setting)) => {
                if name.is_empty() && first_error.is_none() {
                    first_error = Some(ParseError {
                        line: lineno,
                        detail: format!("a setting without a name: {}", py_quote(line)),
                    });
                }
                let name = name.to_lowercase();
                if !seen_options.insert((section_name.clone(), name.clone())) {
                    return Err(ParseError {
                        line: lineno,
                        detail: format!("'{name}' is set twice in section [{section_name}]"),
                    });
                }
                target.insert(
                    name.clone(),
                    RawValue {
                        line: lineno,
                        lines: vec![setting.to_string()],
                    },
                );
                option = Some(name);
            }
            None => {
                if first_error.is_none() {
                    first_error = Some(ParseError {
                        line: lineno,
                        detail: format!(
                            "expected a [section] header or a \"key = value\" setting: {}",
                            py_quote(line)
                        ),
                    });
                }
            }
        }
    }
    if let Some(error) = first_error {
        return Err(error);
    }

    let mut out = Sections::new();
    for (name, values) in sections {
        let mut section = Section::new();
        for (key, raw) in values.iter().chain(defaults.iter()) {
            if section.contains_key(key) {
                continue;
            }
            section.insert(key.clone(), join_value(key, raw)?);
        }
        out.insert(name, section);
    }
    Ok(out)
}

/// The option being read, when it can take continuation lines (Python's
/// `optname` is falsy when empty).
fn named(option: &Option<String>) -> Option<&str> {
    option.as_deref().filter(|name| !name.is_empty())
}

/// `\[(?P<header>[^]]+)\]` matched at the start of the stripped line.
fn section_header(value: &str) -> Option<&str> {
    let rest = value.strip_prefix('[')?;
    let end = rest.find(']')?;
    (end > 0).then(|| &rest[..end])
}

/// `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the name before the
/// first `=` or `:`, and the rest.
fn split_option(value: &str) -> Option<(&str, &str)> {
    let at = value.find(['=', ':'])?;
    Some((
        value[..at].trim_end_matches(py_space),
        value[at + 1..].trim_start_matches(py_space),
    ))
}

/// Joins continuation lines as configparser does, then parses an indented
/// block into nested settings as botocore's `_parse_nested` does.
fn join_value(key: &str, raw: &RawValue) -> Result<Setting, ParseError> {
    let joined = raw.lines.join("\n");
    let joined = joined.trim_end_matches(py_space);
    if !joined.starts_with('\n') {
        return Ok(Setting::Text(joined.to_string()));
    }
    let mut nested = IndexMap::new();
    for (offset, line) in joined.split('\n').enumerate() {
        let line = py_strip(line);
        if line.is_empty() {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(ParseError {
                line: raw.line,
                detail: format!(
                    "the indented settings of '{key}' must be \"key = value\" lines, not {} (block line {offset})",
                    py_quote(line)
                ),
            });
        };
        nested.insert(py_strip(k).to_string(), py_strip(v).to_string());
    }
    Ok(Setting::Nested(nested))
}

/// A line quoted for an error message, as Python's repr would (near enough).
fn py_quote(line: &str) -> String {
    format!("{:?}", line.trim_end_matches('\n'))
}

/// Python's `shlex.split(s)` (POSIX mode, no comments): the argv botocore
/// builds from `credential_process`, and the words of `[profile name]`.
pub fn shlex_split(s: &str) -> Result<Vec<String>, String> {
    const WHITESPACE: &[char] = &[' ', '\t', '\r', '\n'];
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Space,
        Word,
        Quote(char),
        Escape,
    }
    let mut words = Vec::new();
    let mut token = String::new();
    let mut quoted = false;
    let mut state = State::Space;
    // The state an escape returns to ('a' for a word, or the quote).
    let mut escaped_from = State::Word;
    let mut chars = s.chars();
    loop {
        let next = chars.next();
        match state {
            State::Space | State::Word => match next {
                None => break,
                Some(c) if WHITESPACE.contains(&c) => {
                    if state == State::Word || quoted {
                        if !token.is_empty() || quoted {
                            words.push(std::mem::take(&mut token));
                        }
                        quoted = false;
                    }
                    state = State::Space;
                }
                Some('\\') => {
                    escaped_from = State::Word;
                    state = State::Escape;
                }
                Some(c @ ('\'' | '"')) => state = State::Quote(c),
                Some(c) => {
                    token.push(c);
                    state = State::Word;
                }
            },
            State::Quote(q) => {
                quoted = true;
                match next {
                    None => return Err("No closing quotation".into()),
                    Some(c) if c == q => state = State::Word,
                    Some('\\') if q == '"' => {
                        escaped_from = State::Quote(q);
                        state = State::Escape;
                    }
                    Some(c) => token.push(c),
                }
            }
            State::Escape => {
                let Some(c) = next else {
                    return Err("No escaped character".into());
                };
                // Within quotes only the quote or the escape itself is escaped.
                if let State::Quote(q) = escaped_from {
                    if c != '\\' && c != q {
                        token.push('\\');
                    }
                }
                token.push(c);
                state = escaped_from;
            }
        }
    }
    if state == State::Word && (!token.is_empty() || quoted) {
        words.push(token);
    }
    Ok(words)
}

/// `build_profile_map`: `[default]` and `[profile name]` sections by profile
/// name (a later section wins over an earlier one of the same name).
pub fn profile_map(sections: &Sections) -> IndexMap<String, Section> {
    let mut profiles = IndexMap::new();
    for (name, section) in sections {
        if name.starts_with("profile") {
            if let Ok(parts) = shlex_split(name) {
                if parts.len() == 2 {
                    profiles.insert(parts[1].clone(), section.clone());
                }
            }
        } else if name == "default" {
            profiles.insert(name.clone(), section.clone());
        }
    }
    profiles
}

/// Python's `os.path.expandvars` then `os.path.expanduser`.
pub fn expand_path(path: &str, env: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    let expanded = expand_vars(path, env);
    PathBuf::from(expand_user(&expanded, env))
}

fn expand_vars(path: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
    if !path.contains('$') {
        return path.to_string();
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut rest = path;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, len) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(end) => (&braced[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = after.find(|c: char| !is_name(c)).unwrap_or(after.len());
            (&after[..end], end)
        };
        match (len, env(name)) {
            (len, Some(value)) if len > 0 && !name.is_empty() => {
                out.push_str(&value);
                rest = &after[len..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Python's `os.path.expanduser`.
pub fn expand_user(path: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
    let Some(rest) = path.strip_prefix('~') else {
        return path.to_string();
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        // `~user`: left as it is (Python would ask the password database).
        return path.to_string();
    }
    let home =
        env("HOME").or_else(|| std::env::home_dir().map(|p| p.to_string_lossy().into_owned()));
    match home {
        Some(home) => {
            let home = if home.len() > 1 {
                home.trim_end_matches('/')
            } else {
                &home
            };
            format!("{home}{rest}")
        }
        None => path.to_string(),
    }
}

/// `raw_config_parse(path)`: `Ok(None)` when there is no such file (botocore's
/// ConfigNotFound, which callers skip). A file that exists but cannot be read
/// counts as empty, as `RawConfigParser.read` ignores it.
pub fn read_file(path: &Path) -> Result<Option<Sections>, ConfigError> {
    if !path.is_file() {
        return Ok(None);
    }
    let limit = crate::limits::CONFIG_FILE_LIMIT;
    let bytes = match crate::limits::read_file(path, limit) {
        Ok(bytes) => bytes,
        Err(crate::limits::ReadError::TooLarge { .. }) => {
            return Err(ConfigError {
                path: path.to_path_buf(),
                line: None,
                detail: format!(
                    "the file is larger than the {} limit for config files",
                    crate::limits::describe(limit)
                ),
            })
        }
        Err(crate::limits::ReadError::Io(_)) => return Ok(Some(Sections::new())),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ConfigError {
            path: path.to_path_buf(),
            line: Some(line),
            detail: "the file is not valid UTF-8".into(),
        }
    })?;
    parse(&text).map(Some).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: Some(e.line),
        detail: e.detail,
    })
}

/// botocore's `Session.full_config`: the config file's profiles, with the
/// credentials file's sections merged over them (its keys win), plus each
/// file's raw sections for the providers that read one file only.
#[derive(Debug, Clone, Default)]
pub struct FullConfig {
    /// Every profile by name: config `[default]`/`[profile x]` sections,
    /// updated with the credentials file's sections of the same name.
    pub profiles: IndexMap<String, Section>,
    /// The config file's profiles alone (botocore's ConfigProvider).
    pub config_profiles: IndexMap<String, Section>,
    /// The credentials file's sections alone (SharedCredentialProvider).
    pub credentials_sections: Sections,
}

impl FullConfig {
    pub fn load(config_file: &Path, credentials_file: &Path) -> Result<FullConfig, ConfigError> {
        let config = read_file(config_file)?.unwrap_or_default();
        let credentials = read_file(credentials_file)?.unwrap_or_default();
        Ok(FullConfig::from_sections(&config, credentials))
    }

    pub fn from_sections(config: &Sections, credentials: Sections) -> FullConfig {
        let config_profiles = profile_map(config);
        let mut profiles = config_profiles.clone();
        for (name, values) in &credentials {
            let entry = profiles.entry(name.clone()).or_default();
            for (key, value) in values {
                entry.insert(key.clone(), value.clone());
            }
        }
        FullConfig {
            profiles,
            config_profiles,
            credentials_sections: credentials,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(section: &Section, key: &str) -> Option<String> {
        section.get(key).and_then(|s| s.as_text()).map(String::from)
    }

    #[test]
    fn parses_as_raw_config_parser() {
        let sections = parse(
            "# comment\n; other\n[default]\nRegion = us-east-1\noutput: json\nkey = a # not a comment\n\n[profile dev]  trailing\nregion=eu-west-1\ns3 =\n    addressing_style = path\n  signature_version=s3v4\n\nmulti = one\n  two\n\n  three\n\n# end\n",
        )
        .unwrap();
        let names: Vec<&str> = sections.keys().map(String::as_str).collect();
        assert_eq!(names, ["default", "profile dev"]);
        let default = &sections["default"];
        assert_eq!(text(default, "region").as_deref(), Some("us-east-1"));
        assert_eq!(text(default, "output").as_deref(), Some("json"));
        assert_eq!(text(default, "key").as_deref(), Some("a # not a comment"));
        let dev = &sections["profile dev"];
        assert_eq!(text(dev, "region").as_deref(), Some("eu-west-1"));
        let mut nested = IndexMap::new();
        nested.insert("addressing_style".to_string(), "path".to_string());
        nested.insert("signature_version".to_string(), "s3v4".to_string());
        assert_eq!(dev["s3"], Setting::Nested(nested));
        assert_eq!(text(dev, "multi").as_deref(), Some("one\ntwo\n\nthree"));
    }

    #[test]
    fn default_section_is_inherited() {
        let sections = parse("[DEFAULT]\nregion = x\n[a]\nregion = y\n[b]\n").unwrap();
        assert_eq!(sections.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(text(&sections["a"], "region").as_deref(), Some("y"));
        assert_eq!(text(&sections["b"], "region").as_deref(), Some("x"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("region = x\n[default]\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.detail.contains("before the first [section]"), "{e:?}");
        let e = parse("[default]\nregion = x\nfoo\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.detail.contains("\"foo\""), "{e:?}");
        let e = parse("[a]\nx=1\n[a]\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse("[a]\nx=1\nX=2\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse("[a]\ns3 =\n  nonsense\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("[a]\n= 1\n").unwrap_err();
        assert_eq!(e.line, 2);
        // Python's configparser accepts these.
        assert!(parse("[a]\n[b]\n[a ]\n").is_ok());
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn shlex_as_python() {
        let split = |s: &str| shlex_split(s);
        assert_eq!(split("a b  c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split("'a b' \"c d\"").unwrap(), ["a b", "c d"]);
        assert_eq!(
            split(r#"a\ b "x\"y" 'p\q' "p\q""#).unwrap(),
            ["a b", "x\"y", r"p\q", r"p\q"]
        );
        assert_eq!(split("a '' \"\"").unwrap(), ["a", "", ""]);
        assert_eq!(split("a'b'c #d").unwrap(), ["abc", "#d"]);
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split("'a").unwrap_err(), "No closing quotation");
        assert_eq!(split("a\\").unwrap_err(), "No escaped character");
    }

    #[test]
    fn profile_names_as_botocore() {
        let sections = parse(
            "[default]\na=1\n[profile dev]\na=2\n[profile \"with space\"]\na=3\n[profile]\na=4\n[profiles]\na=5\n[other]\na=6\n[profile default]\na=7\n",
        )
        .unwrap();
        let profiles = profile_map(&sections);
        let names: Vec<&str> = profiles.keys().map(String::as_str).collect();
        assert_eq!(names, ["default", "dev", "with space"]);
        assert_eq!(text(&profiles["default"], "a").as_deref(), Some("7"));
    }

    #[test]
    fn credentials_file_updates_config_profiles() {
        let config =
            parse("[default]\nregion = r\naws_access_key_id = config\n[profile x]\nregion = rx\n")
                .unwrap();
        let credentials =
            parse("[default]\naws_access_key_id = creds\n[y]\naws_access_key_id = y\n").unwrap();
        let full = FullConfig::from_sections(&config, credentials);
        assert_eq!(
            text(&full.profiles["default"], "aws_access_key_id").as_deref(),
            Some("creds")
        );
        assert_eq!(
            text(&full.profiles["default"], "region").as_deref(),
            Some("r")
        );
        assert!(full.profiles.contains_key("x"));
        assert!(full.profiles.contains_key("y"));
        assert_eq!(
            text(&full.config_profiles["default"], "aws_access_key_id").as_deref(),
            Some("config")
        );
    }

    #[test]
    fn paths_expand_as_python() {
        let env = |name: &str| match name {
            "HOME" => Some("/home/u".to_string()),
            "DIR" => Some("d".to_string()),
            _ => None,
        };
        assert_eq!(
            expand_path("~/.aws/config", &env),
            PathBuf::from("/home/u/.aws/config")
        );
        assert_eq!(expand_path("~", &env), PathBuf::from("/home/u"));
        assert_eq!(
            expand_path("/x/$DIR/${DIR}/$NOPE/c", &env),
            PathBuf::from("/x/d/d/$NOPE/c")
        );
        assert_eq!(expand_path("~other/x", &env), PathBuf::from("~other/x"));
    }
}
