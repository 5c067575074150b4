// Ported from CPython 3.6 (Lib/html/__init__.py): Copyright (c) 2001-2017 Python Software
// Foundation, under the PSF License Agreement. See NOTICE.
//! Python 3.6's `html.unescape`: how `HTMLParser` (with `convert_charrefs`)
//! decodes character references in text and attribute values before bcdoc
//! sees them. Ported rule for rule: numeric references with the HTML5
//! replacement table, named references with the longest-prefix fallback.

use super::entities_table::HTML5;

/// `html.unescape(s)`, on a slice of characters (the parser indexes text by
/// code point, as Python does).
pub fn unescape(s: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut p = 0;
    while let Some(&c) = s.get(p) {
        if c != '&' {
            out.push(c);
            p += 1;
            continue;
        }
        match charref_at(s, p + 1) {
            Some((end, replacement)) => {
                out.push_str(&replacement);
                p = end;
            }
            None => {
                out.push('&');
                p += 1;
            }
        }
    }
    out
}

/// The regular expression
/// `&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)` matched just
/// after an `&`: where the match ends and what replaces it.
fn charref_at(s: &[char], q: usize) -> Option<(usize, String)> {
    let at = |i: usize| s.get(i).copied();
    if at(q) == Some('#') {
        if at(q + 1).is_some_and(|c| c.is_ascii_digit()) {
            let end = scan(s, q + 1, |c| c.is_ascii_digit());
            let value = parse_number(&s[q + 1..end], 10);
            return Some((skip_semicolon(s, end), numeric(value)));
        }
        if matches!(at(q + 1), Some('x' | 'X')) && at(q + 2).is_some_and(|c| c.is_ascii_hexdigit())
        {
            let end = scan(s, q + 2, |c| c.is_ascii_hexdigit());
            let value = parse_number(&s[q + 2..end], 16);
            return Some((skip_semicolon(s, end), numeric(value)));
        }
        // `#` cannot start a name either.
        return None;
    }
    let mut end = q;
    while end - q < 32
        && at(end)
            .is_some_and(|c| !matches!(c, '\t' | '\n' | '\u{0c}' | ' ' | '<' | '&' | '#' | ';'))
    {
        end += 1;
    }
    if end == q {
        return None;
    }
    let end = skip_semicolon(s, end);
    let name: String = s[q..end].iter().collect();
    Some((end, named(&name)))
}

fn scan(s: &[char], from: usize, pred: impl Fn(char) -> bool) -> usize {
    let mut end = from;
    while s.get(end).is_some_and(|&c| pred(c)) {
        end += 1;
    }
    end
}

fn skip_semicolon(s: &[char], end: usize) -> usize {
    if s.get(end) == Some(&';') {
        end + 1
    } else {
        end
    }
}

/// The digits' value, saturating: every value past U+10FFFF is treated the
/// same way, so saturation cannot change the result.
fn parse_number(digits: &[char], radix: u32) -> u32 {
    digits.iter().fold(0u32, |acc, c| {
        let d = c.to_digit(radix).unwrap_or(0);
        acc.saturating_mul(radix).saturating_add(d)
    })
}

fn numeric(num: u32) -> String {
    if let Some(replacement) = invalid_charref(num) {
        return replacement.to_string();
    }
    if (0xd800..=0xdfff).contains(&num) || num > 0x10ffff {
        return '\u{fffd}'.to_string();
    }
    if is_invalid_codepoint(num) {
        return String::new();
    }
    char::from_u32(num).map_or_else(|| '\u{fffd}'.to_string(), String::from)
}

/// `html._invalid_charrefs`: the Windows-1252 reading of C1 controls.
fn invalid_charref(num: u32) -> Option<char> {
    Some(match num {
        0x00 => '\u{fffd}',
        0x0d => '\r',
        0x80 => '\u{20ac}',
        0x81 => '\u{81}',
        0x82 => '\u{201a}',
        0x83 => '\u{0192}',
        0x84 => '\u{201e}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02c6}',
        0x89 => '\u{2030}',
        0x8a => '\u{0160}',
        0x8b => '\u{2039}',
        0x8c => '\u{0152}',
        0x8d => '\u{8d}',
        0x8e => '\u{017d}',
        0x8f => '\u{8f}',
        0x90 => '\u{90}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201c}',
        0x94 => '\u{201d}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02dc}',
        0x99 => '\u{2122}',
        0x9a => '\u{0161}',
        0x9b => '\u{203a}',
        0x9c => '\u{0153}',
        0x9d => '\u{9d}',
        0x9e => '\u{017e}',
        0x9f => '\u{0178}',
        _ => return None,
    })
}

/// `html._invalid_codepoints`: references to these decode to nothing.
fn is_invalid_codepoint(num: u32) -> bool {
    matches!(num, 0x1..=0x8 | 0xb | 0xe..=0x1f | 0x7f..=0x9f | 0xfdd0..=0xfdef)
        || (num & 0xfffe == 0xfffe && num <= 0x10ffff)
}

fn lookup(name: &str) -> Option<&'static str> {
    HTML5
        .binary_search_by(|(k, _)| k.as_bytes().cmp(name.as_bytes()))
        .ok()
        .and_then(|i| HTML5.get(i))
        .map(|(_, v)| *v)
}

/// A named reference (`name` may end in `;`): the whole name if known, else
/// the longest known prefix of at least two characters, else left as is.
fn named(name: &str) -> String {
    if let Some(v) = lookup(name) {
        return v.to_string();
    }
    let boundaries: Vec<usize> = name.char_indices().map(|(i, _)| i).collect();
    // Python: for x in range(len(s)-1, 1, -1): if s[:x] in html5 ...
    for x in (2..boundaries.len()).rev() {
        if let Some(&cut) = boundaries.get(x) {
            if let Some(v) = lookup(&name[..cut]) {
                return format!("{v}{}", &name[cut..]);
            }
        }
    }
    format!("&{name}")
}

#[cfg(test)]
mod tests {
    use super::unescape;

    fn u(s: &str) -> String {
        unescape(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(u("a &lt;b&gt; &amp; &quot;c&quot;"), "a <b> & \"c\"");
        assert_eq!(u("&#39;&#x27;&#X41;&#65"), "''AA");
        assert_eq!(u("&nbsp;"), "\u{a0}");
        assert_eq!(u("&notit;"), "\u{ac}it;");
        assert_eq!(u("&ampx"), "&x");
        assert_eq!(u("&unknown; & &# &#x; &;"), "&unknown; & &# &#x; &;");
        assert_eq!(
            u("&#128;&#0;&#1;&#xD800;&#99999999999999999999;"),
            "\u{20ac}\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(u("&#xFFFF;&#x1FFFE;&#x10FFFF;x"), "x");
    }
}
