// Ported from CPython 3.6 (Lib/html/parser.py, Lib/_markupbase.py): Copyright (c) 2001-2017 Python Software
// Foundation, under the PSF License Agreement. See NOTICE.
//! A port of Python 3.6's `html.parser.HTMLParser` (with
//! `convert_charrefs=True`, as bcdoc's `DocStringParser` uses it), plus the
//! parts of `_markupbase` it reaches.
//!
//! bcdoc's output on odd HTML is whatever this tokenizer makes of it: where a
//! stray `<` becomes its own chunk of text, when text is held back because
//! it might end in half an entity, which declarations raise an exception. So
//! the tokenizer is ported rule for rule instead of using an HTML5 parser.
//! The regular expressions (which use look-around the `regex` crate lacks)
//! are hand-written matchers that follow Python's backtracking order.
//!
//! Text is indexed by code point, as Python indexes `str`.
//!
//! The parser keeps state between calls, like the Python object does: text
//! it could not finish stays buffered, and `<script>`/`<style>` switch it
//! into a mode that swallows everything up to the closing tag, across
//! documentation strings. When a handler raises, Python's `goahead` never
//! stores its progress, so the whole buffer is parsed again on the next feed;
//! [`HtmlParser::goahead`] reproduces that by leaving the buffer untouched.

use super::unescape::unescape;
use awsr_runtime::pycompat::text::{is_space, strip};

/// An exception escaping the parser or a handler, as Python would raise it.
/// bcdoc's `include_doc_string` catches and logs every exception, so the
/// only thing that matters is *that* one was raised, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raised;

/// Start-tag attributes: lower-cased names, decoded values (`None` for an
/// attribute written without `=`).
pub type Attrs = Vec<(String, Option<String>)>;

/// Receives what the parser finds (`DocStringParser`'s handlers).
pub trait Sink {
    fn start_tag(&mut self, tag: &str, attrs: Attrs) -> Result<(), Raised>;
    fn end_tag(&mut self, tag: &str) -> Result<(), Raised>;
    fn data(&mut self, data: String) -> Result<(), Raised>;
}

#[derive(Debug, Clone, Default)]
pub struct HtmlParser {
    /// Text fed but not yet consumed.
    rawdata: Vec<char>,
    /// `script` or `style` while inside one.
    cdata_elem: Option<String>,
}

fn find(r: &[char], c: char, from: usize) -> Option<usize> {
    r.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|p| p + from)
}

fn starts_with(r: &[char], at: usize, prefix: &str) -> bool {
    (at..)
        .zip(prefix.chars())
        .all(|(i, c)| r.get(i) == Some(&c))
}

/// `rawdata[a:b]` with Python's clamping (never panics).
fn slice(r: &[char], a: usize, b: usize) -> &[char] {
    let b = b.min(r.len());
    if a >= b {
        &[]
    } else {
        &r[a..b]
    }
}

fn text(r: &[char]) -> String {
    r.iter().collect()
}

fn skip_space(r: &[char], mut p: usize) -> usize {
    while r.get(p).is_some_and(|&c| is_space(c)) {
        p += 1;
    }
    p
}

/// `(?:\s|/(?!>))*`
fn skip_space_or_slash(r: &[char], mut p: usize) -> usize {
    loop {
        match r.get(p) {
            Some(&c) if is_space(c) => p += 1,
            Some('/') if r.get(p + 1) != Some(&'>') => p += 1,
            _ => return p,
        }
    }
}

/// A tag name character: `[^\t\n\r\f />\x00]`.
fn is_tag_name_char(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | '\u{0c}' | ' ' | '/' | '>' | '\0')
}

/// `tagfind_tolerant = ([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*`, matched at `p`.
fn tagfind(r: &[char], p: usize) -> Option<(String, usize)> {
    if !r.get(p)?.is_ascii_alphabetic() {
        return None;
    }
    let mut end = p + 1;
    while r.get(end).is_some_and(|&c| is_tag_name_char(c)) {
        end += 1;
    }
    Some((text(slice(r, p, end)), skip_space_or_slash(r, end)))
}

/// One attribute value alternative at `p`:
/// `'[^']*'|"[^"]*"|(?!['"])[^>\s]*`. Returns where it ends.
fn attr_value_at(r: &[char], p: usize) -> Option<usize> {
    match r.get(p) {
        Some(&q @ ('\'' | '"')) => find(r, q, p + 1).map(|e| e + 1),
        _ => {
            let mut e = p;
            while r.get(e).is_some_and(|&c| c != '>' && !is_space(c)) {
                e += 1;
            }
            Some(e)
        }
    }
}

/// The optional `\s*=+\s*(value)` group after an attribute name at `q`,
/// with the backtracking Python's engine does when a quote is unclosed.
/// Returns the value's span and where the group ends.
fn attr_value_group(r: &[char], q: usize, trailing_commas: bool) -> Option<(usize, usize, usize)> {
    let s1 = skip_space(r, q);
    if r.get(s1) != Some(&'=') {
        return None;
    }
    let mut e = s1;
    while r.get(e) == Some(&'=') {
        e += 1;
    }
    let s2 = skip_space(r, e);
    let (vstart, vend) = if let Some(v) = attr_value_at(r, s2) {
        (s2, v)
    } else if s2 > e {
        // Give back one white space character: an empty bare value there.
        (s2 - 1, s2 - 1)
    } else if e - s1 >= 2 {
        // Give back one '=': a bare value starting with it.
        (e - 1, attr_value_at(r, e - 1)?)
    } else {
        return None;
    };
    let mut end = vend;
    if trailing_commas {
        // (?:\s*,)*
        loop {
            let t = skip_space(r, end);
            if r.get(t) == Some(&',') {
                end = t + 1;
            } else {
                break;
            }
        }
    }
    Some((vstart, vend, end))
}

/// `(?<=['"\s/])`: may an attribute name start at `p`?
fn attr_may_start(r: &[char], p: usize) -> bool {
    p.checked_sub(1)
        .and_then(|b| r.get(b))
        .is_some_and(|&c| c == '\'' || c == '"' || c == '/' || is_space(c))
}

/// An attribute name at `p`: `[^\s/>][^\s/=>]*`. Returns its end.
fn attr_name(r: &[char], p: usize) -> Option<usize> {
    let first = *r.get(p)?;
    if is_space(first) || first == '/' || first == '>' {
        return None;
    }
    let mut end = p + 1;
    while r
        .get(end)
        .is_some_and(|&c| !is_space(c) && !matches!(c, '/' | '=' | '>'))
    {
        end += 1;
    }
    Some(end)
}

struct AttrMatch {
    name: (usize, usize),
    value: Option<(usize, usize)>,
    end: usize,
}

/// `attrfind_tolerant`, matched at `k`.
fn attrfind(r: &[char], k: usize) -> Option<AttrMatch> {
    if !attr_may_start(r, k) {
        return None;
    }
    let name_end = attr_name(r, k)?;
    let (value, after) = match attr_value_group(r, name_end, false) {
        Some((vs, ve, end)) => (Some((vs, ve)), end),
        None => (None, name_end),
    };
    Some(AttrMatch {
        name: (k, name_end),
        value,
        end: skip_space_or_slash(r, after),
    })
}

/// `locatestarttagend_tolerant`, matched at `i` (which holds `<` + letter).
fn locate_starttag_end(r: &[char], i: usize) -> usize {
    let mut p = i + 2;
    while r.get(p).is_some_and(|&c| is_tag_name_char(c)) {
        p += 1;
    }
    // [\s/]*
    while r.get(p).is_some_and(|&c| is_space(c) || c == '/') {
        p += 1;
    }
    // (?: attribute (?:value (?:\s*,)*)? (?:\s|/(?!>))* )*
    while attr_may_start(r, p) {
        let Some(name_end) = attr_name(r, p) else {
            break;
        };
        let after = attr_value_group(r, name_end, true).map_or(name_end, |(_, _, e)| e);
        p = skip_space_or_slash(r, after);
    }
    skip_space(r, p)
}

/// `endtagfind = </\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>`, matched at `i`.
fn endtagfind(r: &[char], i: usize) -> Option<(String, usize)> {
    let start = skip_space(r, i + 2);
    if !r.get(start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut end = start + 1;
    while r
        .get(end)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '_'))
    {
        end += 1;
    }
    let gt = skip_space(r, end);
    (r.get(gt) == Some(&'>')).then(|| (text(slice(r, start, end)), gt + 1))
}

/// How Python 3.6's `re.IGNORECASE` compares a text character with a
/// lower-case ASCII pattern letter (simple case mapping, plus the four
/// non-ASCII letters its engine folds onto ASCII ones).
fn ignorecase_eq(c: char, pattern: char) -> bool {
    let folded = match c {
        '\u{130}' | '\u{131}' => 'i',
        '\u{17f}' => 's',
        '\u{212a}' => 'k',
        c => c.to_ascii_lowercase(),
    };
    folded == pattern
}

/// `re.compile(r'</\s*%s\s*>' % elem, re.I).search(rawdata, i)`: where the
/// closing tag of a `<script>`/`<style>` element starts.
fn search_cdata_end(r: &[char], i: usize, elem: &str) -> Option<usize> {
    let mut p = i;
    while let Some(start) = find(r, '<', p) {
        if r.get(start + 1) == Some(&'/') {
            let mut q = skip_space(r, start + 2);
            let mut ok = true;
            for pc in elem.chars() {
                if r.get(q).is_some_and(|&c| ignorecase_eq(c, pc)) {
                    q += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok && r.get(skip_space(r, q)) == Some(&'>') {
                return Some(start);
            }
        }
        p = start + 1;
    }
    None
}

/// `--\s*>` searched from `from`: the end of the comment close.
fn search_comment_close(r: &[char], from: usize) -> Option<usize> {
    let mut p = from;
    while let Some(dash) = find(r, '-', p) {
        if r.get(dash + 1) == Some(&'-') {
            let q = skip_space(r, dash + 2);
            if r.get(q) == Some(&'>') {
                return Some(q + 1);
            }
        }
        p = dash + 1;
    }
    None
}

/// `]\s*]\s*>` (two brackets) or `]\s*>` (one) searched from `from`.
fn search_marked_section_close(r: &[char], from: usize, brackets: usize) -> Option<usize> {
    let mut p = from;
    while let Some(b) = find(r, ']', p) {
        let mut q = b;
        let mut ok = true;
        for n in 0..brackets {
            if n > 0 {
                q = skip_space(r, q);
                if r.get(q) != Some(&']') {
                    ok = false;
                    break;
                }
            }
            q += 1;
        }
        if ok {
            let gt = skip_space(r, q);
            if r.get(gt) == Some(&'>') {
                return Some(gt + 1);
            }
        }
        p = b + 1;
    }
    None
}

/// A parse step's result: where parsing continues, or `None` for Python's
/// `-1` (incomplete: wait for more text, or at the end treat it as text).
type Step = Result<Option<usize>, Raised>;

impl HtmlParser {
    pub fn new() -> HtmlParser {
        HtmlParser::default()
    }

    /// `HTMLParser.feed`.
    pub fn feed(&mut self, data: &str, sink: &mut impl Sink) -> Result<(), Raised> {
        self.rawdata.extend(data.chars());
        self.goahead(false, sink)
    }

    /// `HTMLParser.close`: handle whatever text is still buffered.
    pub fn close(&mut self, sink: &mut impl Sink) -> Result<(), Raised> {
        self.goahead(true, sink)
    }

    /// `HTMLParser.goahead`. On an exception the buffer is left as it was,
    /// because Python only stores its progress at the very end.
    fn goahead(&mut self, end: bool, sink: &mut impl Sink) -> Result<(), Raised> {
        let r = std::mem::take(&mut self.rawdata);
        let result = self.goahead_in(&r, end, sink);
        match result {
            Ok(i) => {
                self.rawdata = slice(&r, i, r.len()).to_vec();
                Ok(())
            }
            Err(raised) => {
                self.rawdata = r;
                Err(raised)
            }
        }
    }

    fn goahead_in(&mut self, r: &[char], end: bool, sink: &mut impl Sink) -> Result<usize, Raised> {
        let n = r.len();
        let mut i = 0;
        while i < n {
            let j = match &self.cdata_elem {
                None => match find(r, '<', i) {
                    Some(j) => j,
                    None => {
                        // More text may follow: hold back a trailing '&'
                        // that could be half of a character reference.
                        let from = i.max(n.saturating_sub(34));
                        let amp = slice(r, from, n).iter().rposition(|&c| c == '&');
                        if let Some(a) = amp {
                            let after = slice(r, from + a, n);
                            if !after.iter().any(|&c| is_space(c) || c == ';') {
                                break;
                            }
                        }
                        n
                    }
                },
                Some(elem) => match search_cdata_end(r, i, elem) {
                    Some(j) => j,
                    None => break,
                },
            };
            if i < j {
                let chunk = slice(r, i, j);
                let data = if self.cdata_elem.is_none() {
                    unescape(chunk)
                } else {
                    text(chunk)
                };
                sink.data(data)?;
            }
            i = j;
            if i == n {
                break;
            }
            let next = if starts_with(r, i, "<")
                && r.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
            {
                self.parse_starttag(r, i, sink)?
            } else if starts_with(r, i, "</") {
                self.parse_endtag(r, i, sink)?
            } else if starts_with(r, i, "<!--") {
                parse_comment(r, i)
            } else if starts_with(r, i, "<?") {
                find(r, '>', i + 2).map(|j| j + 1)
            } else if starts_with(r, i, "<!") {
                parse_html_declaration(r, i)?
            } else if i + 1 < n {
                sink.data("<".to_string())?;
                Some(i + 1)
            } else {
                break;
            };
            let k = match next {
                Some(k) => k,
                None => {
                    if !end {
                        break;
                    }
                    let k = match find(r, '>', i + 1) {
                        Some(gt) => gt + 1,
                        None => find(r, '<', i + 1).unwrap_or(i + 1),
                    };
                    let chunk = slice(r, i, k);
                    let data = if self.cdata_elem.is_none() {
                        unescape(chunk)
                    } else {
                        text(chunk)
                    };
                    sink.data(data)?;
                    k
                }
            };
            i = k;
        }
        if end && i < n && self.cdata_elem.is_none() {
            sink.data(unescape(slice(r, i, n)))?;
            i = n;
        }
        Ok(i)
    }

    /// `parse_starttag`.
    fn parse_starttag(&mut self, r: &[char], i: usize, sink: &mut impl Sink) -> Step {
        let Some(endpos) = check_for_whole_start_tag(r, i) else {
            return Ok(None);
        };
        let Some((name, mut k)) = tagfind(r, i + 1) else {
            // Unreachable: the caller saw '<' and a letter.
            return Ok(Some(endpos));
        };
        let tag = name.to_lowercase();
        let mut attrs = Attrs::new();
        while k < endpos {
            let Some(m) = attrfind(r, k) else {
                break;
            };
            let value = m.value.map(|(vs, ve)| {
                let v = slice(r, vs, ve);
                let quoted = !v.is_empty()
                    && (v.first() == Some(&'\'') && v.last() == Some(&'\'')
                        || v.first() == Some(&'"') && v.last() == Some(&'"'));
                let v = if quoted { slice(v, 1, v.len() - 1) } else { v };
                if v.is_empty() {
                    String::new()
                } else {
                    unescape(v)
                }
            });
            let attr_name: String = text(slice(r, m.name.0, m.name.1)).to_lowercase();
            attrs.push((attr_name, value));
            k = m.end;
        }
        let end = text(slice(r, k, endpos));
        let end = strip(&end);
        if end != ">" && end != "/>" {
            sink.data(text(slice(r, i, endpos)))?;
            return Ok(Some(endpos));
        }
        if end == "/>" {
            // XHTML-style empty tag: handle_startendtag.
            sink.start_tag(&tag, attrs)?;
            sink.end_tag(&tag)?;
        } else {
            sink.start_tag(&tag, attrs)?;
            if tag == "script" || tag == "style" {
                self.cdata_elem = Some(tag);
            }
        }
        Ok(Some(endpos))
    }

    /// `parse_endtag`.
    fn parse_endtag(&mut self, r: &[char], i: usize, sink: &mut impl Sink) -> Step {
        let Some(gt) = find(r, '>', i + 1) else {
            return Ok(None);
        };
        let gtpos = gt + 1;
        match endtagfind(r, i) {
            Some((elem, _)) => {
                let elem = elem.to_ascii_lowercase();
                if let Some(cdata) = &self.cdata_elem {
                    if elem != *cdata {
                        sink.data(text(slice(r, i, gtpos)))?;
                        return Ok(Some(gtpos));
                    }
                }
                sink.end_tag(&elem)?;
                self.cdata_elem = None;
                Ok(Some(gtpos))
            }
            None => {
                if self.cdata_elem.is_some() {
                    sink.data(text(slice(r, i, gtpos)))?;
                    return Ok(Some(gtpos));
                }
                match tagfind(r, i + 2) {
                    None => {
                        if starts_with(r, i, "</>") {
                            Ok(Some(i + 3))
                        } else {
                            // parse_bogus_comment
                            Ok(find(r, '>', i + 2).map(|p| p + 1))
                        }
                    }
                    Some((name, name_end)) => {
                        let tagname = name.to_lowercase();
                        let gt = find(r, '>', name_end).unwrap_or(gt);
                        sink.end_tag(&tagname)?;
                        Ok(Some(gt + 1))
                    }
                }
            }
        }
    }
}

/// `check_for_whole_start_tag`: the end of a complete start tag, or `None`
/// when it might continue beyond the text seen so far.
fn check_for_whole_start_tag(r: &[char], i: usize) -> Option<usize> {
    let j = locate_starttag_end(r, i);
    match r.get(j) {
        Some('>') => Some(j + 1),
        Some('/') => {
            if starts_with(r, j, "/>") {
                Some(j + 2)
            } else {
                // "buffer boundary"
                None
            }
        }
        None => None,
        Some(&c) if c.is_ascii_alphabetic() || c == '=' || c == '/' => None,
        Some(_) => Some(if j > i { j } else { i + 1 }),
    }
}

/// `_markupbase.parse_comment`.
fn parse_comment(r: &[char], i: usize) -> Option<usize> {
    search_comment_close(r, i + 4)
}

/// `parse_html_declaration`: `<!...>` other than a comment.
fn parse_html_declaration(r: &[char], i: usize) -> Result<Option<usize>, Raised> {
    if starts_with(r, i, "<!--") {
        return Ok(parse_comment(r, i));
    }
    if starts_with(r, i, "<![") {
        return parse_marked_section(r, i);
    }
    let head = slice(r, i, i + 9);
    let doctype = head.len() == 9
        && head
            .iter()
            .zip("<!doctype".chars())
            .all(|(&c, d)| c.to_ascii_lowercase() == d);
    if doctype {
        return Ok(find(r, '>', i + 9).map(|p| p + 1));
    }
    // parse_bogus_comment
    Ok(find(r, '>', i + 2).map(|p| p + 1))
}

/// `_markupbase.parse_marked_section`: `<![CDATA[...]]>` and friends. An
/// unknown keyword (or none) makes Python call `self.error()`, which
/// `HTMLParser` 3.6 no longer overrides: it raises `NotImplementedError`.
fn parse_marked_section(r: &[char], i: usize) -> Result<Option<usize>, Raised> {
    let Some((name, _)) = scan_name(r, i + 3)? else {
        return Ok(None);
    };
    let brackets = match name.as_str() {
        "temp" | "cdata" | "ignore" | "include" | "rcdata" => 2,
        "if" | "else" | "endif" => 1,
        _ => return Err(Raised),
    };
    Ok(search_marked_section_close(r, i + 3, brackets))
}

/// `_markupbase._scan_name`: a declaration name at `i`, lower-cased, or
/// `None` at the end of the text; anything else is an error (raises).
fn scan_name(r: &[char], i: usize) -> Result<Option<(String, usize)>, Raised> {
    let n = r.len();
    if i == n {
        return Ok(None);
    }
    if !r.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return Err(Raised);
    }
    let mut end = i + 1;
    while r
        .get(end)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        end += 1;
    }
    let name = text(slice(r, i, end)).to_ascii_lowercase();
    let end = skip_space(r, end);
    if end == n {
        return Ok(None);
    }
    Ok(Some((name, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Events(Vec<String>);

    impl Sink for Events {
        fn start_tag(&mut self, tag: &str, attrs: Attrs) -> Result<(), Raised> {
            self.0.push(format!("start {tag} {attrs:?}"));
            Ok(())
        }
        fn end_tag(&mut self, tag: &str) -> Result<(), Raised> {
            self.0.push(format!("end {tag}"));
            Ok(())
        }
        fn data(&mut self, data: String) -> Result<(), Raised> {
            self.0.push(format!("data {data:?}"));
            Ok(())
        }
    }

    fn events(html: &str) -> (Vec<String>, Result<(), Raised>) {
        let mut parser = HtmlParser::new();
        let mut sink = Events::default();
        let result = parser
            .feed(html, &mut sink)
            .and_then(|_| parser.close(&mut sink));
        (sink.0, result)
    }

    #[test]
    fn tags_attributes_and_text() {
        let (ev, res) = events("<P class=x>a &amp; b<br/><a href='u&amp;v' flag>l</a></P>");
        assert_eq!(res, Ok(()));
        assert_eq!(
            ev,
            [
                r#"start p [("class", Some("x"))]"#,
                r#"data "a & b""#,
                "start br []",
                "end br",
                r#"start a [("href", Some("u&v")), ("flag", None)]"#,
                r#"data "l""#,
                "end a",
                "end p",
            ]
        );
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        let (ev, _) = events("a < b <3 </ > c<");
        assert_eq!(
            ev,
            [
                r#"data "a ""#,
                r#"data "<""#,
                r#"data " b ""#,
                r#"data "<""#,
                r#"data "3 ""#,
                r#"data " c""#,
                r#"data "<""#,
            ]
        );
    }

    #[test]
    fn unknown_marked_section_raises() {
        assert_eq!(events("x <![foo[ y ]]>").1, Err(Raised));
        assert_eq!(events("<![CDATA[ y ]]>z").1, Ok(()));
    }

    #[test]
    fn script_swallows_markup() {
        let (ev, _) = events("<script>a<b>c</SCRİPT>d");
        assert_eq!(
            ev,
            ["start script []", r#"data "a<b>c""#, r#"data "</SCRİPT>""#,]
        );
    }
}
