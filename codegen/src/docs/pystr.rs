// Ported from CPython 3.6 (Objects/unicodeobject.c str rules): Copyright (c) 2001-2017 Python Software
// Foundation, under the PSF License Agreement. See NOTICE.
//! Python 3.6 `str` semantics that bcdoc's output depends on.
//!
//! bcdoc splits, strips and tests text with Python's Unicode-aware string
//! methods, whose notion of white space differs from Rust's (`\x1c`..`\x1f`
//! are white space to Python, not to Rust). Reproducing the pages byte for
//! byte needs Python's definitions, so they live here, in one place.

/// `str.isspace()` for one character (also what `\s` matches in a Python 3
/// `str` regular expression), per Python 3.6's Unicode 9.0 tables.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{0b}'
            | '\u{0c}'
            | '\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `s.isspace()`: true for a non-empty string of white space only.
pub fn is_all_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_space)
}

/// `s.split()`: the words between runs of white space.
pub fn split_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

/// `s.lstrip()`.
pub fn lstrip(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// `s.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `s.splitlines()`: lines split at every line boundary Python knows,
/// without their terminators and without a trailing empty line.
pub fn splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        lines.push(&s[start..i]);
        let mut next = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = chars.peek() {
                chars.next();
                next = j + 1;
            }
        }
        start = next;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `repr()` of a list of `(name, value)` attribute pairs, as bcdoc's
/// `'%s' % attrs` prints them for the `sphinx_py_*` pseudo tags:
/// `[('href', 'x'), ('flag', None)]`.
pub fn repr_attrs(attrs: &[(String, Option<String>)]) -> String {
    let items: Vec<String> = attrs
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Some(v) => repr_str(v),
                None => "None".to_string(),
            };
            format!("({}, {value})", repr_str(name))
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// `repr()` of a `str`. Python escapes characters that are not printable;
/// this knows the control, separator, format and private-use characters
/// (unassigned code points, which Python also escapes, are printed as is).
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let n = u32::from(c);
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let n = u32::from(c);
    let control = n < 0x20 || (0x7f..=0x9f).contains(&n);
    let separator = is_space(c) || matches!(n, 0x2028 | 0x2029);
    let format = matches!(
        n,
        0xad | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x180e
            | 0x200b..=0x200f
            | 0x202a..=0x202e
            | 0x2060..=0x2064
            | 0x2066..=0x206f
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0x110bd
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0001
            | 0xe0020..=0xe007f
    );
    let private = matches!(n, 0xe000..=0xf8ff | 0xf0000..=0xffffd | 0x100000..=0x10fffd);
    !(control || separator || format || private)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_white_space() {
        assert!(is_space('\u{1c}'));
        assert!(is_space('\u{a0}'));
        assert!(!is_space('\u{200b}'));
        assert_eq!(
            split_words(" a\u{1f}b\u{a0} c ").collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert!(is_all_space(" \n"));
        assert!(!is_all_space(""));
    }

    #[test]
    fn python_splitlines() {
        assert_eq!(splitlines("a\r\nb\rc\n"), ["a", "b", "c"]);
        assert_eq!(splitlines("a\n\nb"), ["a", "", "b"]);
        assert!(splitlines("").is_empty());
    }

    #[test]
    fn python_repr() {
        assert_eq!(
            repr_attrs(&[
                ("a".into(), None),
                ("b".into(), Some("it's".into())),
                ("c".into(), Some("x\ty\u{a0}z\u{200b}".into())),
            ]),
            r#"[('a', None), ('b', "it's"), ('c', 'x\ty\xa0z\u200b')]"#
        );
    }
}
