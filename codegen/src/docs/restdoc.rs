// Ported from botocore 1.8.32 (botocore/docs/bcdoc/restdoc.py, style.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! bcdoc's `ReSTDocument` (restdoc.py) with its `ReSTStyle` (style.py):
//! the document is a stack of written strings that the style appends to,
//! and sometimes pops from to trim a trailing space before closing inline
//! markup. The stack matters: `pop_write` sees the last *write*, not the
//! last character, so the port keeps the writes as Python does.
//!
//! Documentation strings go through one long-lived parser per document
//! ([`ReSTDocument::include_doc_string`]), so parser state (buffered text,
//! `<script>` mode, a broken tree after an exception) carries over from one
//! documentation string to the next, exactly as in aws-cli.

use super::htmlparser::{Attrs, HtmlParser, Raised};
use super::tree::{HtmlTree, TreeWriter};
use awsr_runtime::pycompat::text::repr_attrs;
use std::collections::BTreeMap;

/// Words of documentation text that are replaced (whole word, exact match)
/// when written: operation names → command names, argument shape names →
/// option names. See `args::translation_map`.
pub type TranslationMap = BTreeMap<String, String>;

/// bcdoc's document target: `man` for terminal help, `html` for the
/// documentation site. Only breadcrumbs, cross links and Sphinx labels
/// depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Man,
    Html,
}

#[derive(Debug)]
pub struct ReSTDocument {
    target: Target,
    writes: Vec<String>,
    keep_data: bool,
    translation_map: TranslationMap,
    /// Link targets to define at the end, in insertion order (a dict).
    hrefs: Vec<String>,
    // ReSTStyle's state.
    indent: usize,
    do_p: bool,
    a_href: Option<String>,
    list_depth: i64,
    // DocStringParser's state.
    parser: HtmlParser,
    tree: HtmlTree,
}

impl ReSTDocument {
    pub fn new(target: Target, translation_map: TranslationMap) -> ReSTDocument {
        ReSTDocument {
            target,
            writes: Vec::new(),
            keep_data: true,
            translation_map,
            hrefs: Vec::new(),
            indent: 0,
            do_p: true,
            a_href: None,
            list_depth: 0,
            parser: HtmlParser::new(),
            tree: HtmlTree::default(),
        }
    }

    // ---- ReSTDocument ------------------------------------------------

    pub fn write(&mut self, content: &str) {
        if self.keep_data {
            self.writes.push(content.to_string());
        }
    }

    pub fn writeln(&mut self, content: &str) {
        let line = format!("{}{content}\n", self.spaces());
        self.write(&line);
    }

    /// Python's `list.pop()` on the write stack: raises when empty.
    fn pop_write(&mut self) -> Result<String, Raised> {
        self.writes.pop().ok_or(Raised)
    }

    fn push_write(&mut self, s: String) {
        self.writes.push(s);
    }

    /// The finished document: link targets collected from `<a href>`
    /// without text are defined at the end.
    pub fn getvalue(mut self) -> String {
        if !self.hrefs.is_empty() {
            self.new_paragraph();
            for link in std::mem::take(&mut self.hrefs) {
                self.link_target_definition(&link, &link);
            }
        }
        self.writes.concat()
    }

    /// Model documentation (HTML) into the document. Any exception is
    /// swallowed, as bcdoc does, leaving whatever was written before it.
    pub fn include_doc_string(&mut self, doc_string: &str) {
        if doc_string.is_empty() {
            return;
        }
        let _ = self.feed_and_close(doc_string);
    }

    /// `DocStringParser.feed` then `.close()`: parse, write the tree,
    /// start a fresh tree. A tree whose parse or write raised is kept.
    fn feed_and_close(&mut self, doc_string: &str) -> Result<(), Raised> {
        self.parser.feed(doc_string, &mut self.tree)?;
        self.write_tree()?;
        self.parser.close(&mut self.tree)?;
        self.write_tree()
    }

    fn write_tree(&mut self) -> Result<(), Raised> {
        let mut tree = std::mem::take(&mut self.tree);
        let result = tree.write(self);
        self.tree = if result.is_ok() {
            HtmlTree::default()
        } else {
            tree
        };
        result
    }

    // ---- ReSTStyle ---------------------------------------------------

    pub fn spaces(&self) -> String {
        " ".repeat(self.indent * 2)
    }

    pub fn indent(&mut self) {
        self.indent += 1;
    }

    pub fn dedent(&mut self) {
        if self.indent > 0 {
            self.indent -= 1;
        }
    }

    pub fn new_paragraph(&mut self) {
        let s = format!("\n\n{}", self.spaces());
        self.write(&s);
    }

    pub fn new_line(&mut self) {
        let s = format!("\n{}", self.spaces());
        self.write(&s);
    }

    /// Closing inline markup: trim trailing spaces off the last write
    /// (rST forbids `**foo **`), then close and add a space.
    fn end_inline(&mut self, markup: &str) -> Result<(), Raised> {
        let last = self.pop_write()?;
        self.push_write(last.trim_end_matches(' ').to_string());
        self.write(&format!("{markup} "));
        Ok(())
    }

    fn heading(&mut self, s: &str, border_char: char) {
        let border: String = std::iter::repeat_n(border_char, s.chars().count()).collect();
        self.new_paragraph();
        self.write(&format!("{border}\n{s}\n{border}"));
        self.new_paragraph();
    }

    pub fn h1(&mut self, s: &str) {
        self.heading(s, '*');
    }

    pub fn h2(&mut self, s: &str) {
        self.heading(s, '=');
    }

    pub fn start_codeblock(&mut self) {
        self.write("::");
        self.indent();
        self.new_paragraph();
    }

    pub fn end_codeblock(&mut self) {
        self.dedent();
        self.new_paragraph();
    }

    pub fn start_ul(&mut self) {
        if self.list_depth != 0 {
            self.indent();
        }
        self.list_depth += 1;
        self.new_paragraph();
    }

    pub fn end_ul(&mut self) {
        self.list_depth -= 1;
        if self.list_depth != 0 {
            self.dedent();
        }
        self.new_paragraph();
    }

    fn start_li(&mut self) {
        self.new_line();
        self.do_p = false;
        self.write("* ");
    }

    fn end_li(&mut self) {
        self.do_p = true;
        self.new_line();
    }

    /// A whole list item.
    pub fn li(&mut self, s: &str) {
        if !s.is_empty() {
            self.start_li();
            self.writeln(s);
            self.end_li();
        }
    }

    fn start_directive(&mut self, directive: &str) {
        self.new_paragraph();
        self.write(directive);
        self.indent();
        self.new_paragraph();
    }

    fn end_directive(&mut self) {
        self.dedent();
        self.new_paragraph();
    }

    fn start_a(&mut self, attrs: &Attrs) {
        if attrs.is_empty() {
            // `<a>OperationName</a>`: just a space before the name.
            self.write(" ");
        } else {
            for (key, value) in attrs {
                if key == "href" {
                    self.a_href = value.clone();
                    self.write("`");
                }
            }
        }
    }

    fn end_a(&mut self) -> Result<(), Raised> {
        if let Some(href) = self.a_href.clone().filter(|h| !h.is_empty()) {
            let last = self.pop_write()?;
            let last = last.trim_end_matches(' ');
            if !last.is_empty() && last != "`" {
                self.push_write(last.replace(':', "\\:"));
                self.push_write(format!(" <{href}>`__"));
            } else if last == "`" {
                // No link text: an inline link.
                self.push_write(format!("`<{href}>`__"));
            } else {
                self.push_write(href.clone());
                if !self.hrefs.contains(&href) {
                    self.hrefs.push(href);
                }
                self.write("`__");
            }
            self.a_href = None;
        }
        self.write(" ");
        Ok(())
    }

    pub fn link_target_definition(&mut self, refname: &str, link: &str) {
        self.writeln(&format!(".. _{refname}: {link}"));
    }

    pub fn external_link(&mut self, title: &str, link: &str) {
        match self.target {
            Target::Html => self.write(&format!("`{title} <{link}>`_")),
            Target::Man => self.write(title),
        }
    }

    pub fn target(&self) -> Target {
        self.target
    }
}

impl TreeWriter for ReSTDocument {
    /// `ReSTStyle.start_<tag>(attrs)`.
    fn start_tag(&mut self, tag: &str, attrs: &Attrs) -> Result<(), Raised> {
        match tag {
            "bold" | "b" => self.write("**"),
            "italics" | "i" => self.write("*"),
            "code" => self.write("``"),
            "p" if self.do_p => self.new_paragraph(),
            "note" => self.start_directive(".. note::"),
            "important" => self.start_directive(".. warning::"),
            "danger" => self.start_directive(".. danger::"),
            "a" => self.start_a(attrs),
            "li" => self.start_li(),
            "ul" | "ol" => self.start_ul(),
            "examples" | "fullname" => self.keep_data = false,
            "codeblock" => self.start_codeblock(),
            // These take a name, and bcdoc passes them the attribute list.
            "sphinx_py_class" => {
                self.start_directive(&format!(".. py:class:: {}", repr_attrs(attrs)))
            }
            "sphinx_py_method" => {
                self.start_directive(&format!(".. py:method:: {}", repr_attrs(attrs)))
            }
            "sphinx_py_attr" => {
                self.start_directive(&format!(".. py:attribute:: {}", repr_attrs(attrs)))
            }
            _ => {}
        }
        Ok(())
    }

    /// `ReSTStyle.end_<tag>()`.
    fn end_tag(&mut self, tag: &str) -> Result<(), Raised> {
        match tag {
            "bold" | "b" => self.end_inline("**")?,
            "italics" | "i" => self.end_inline("*")?,
            "code" => self.end_inline("``")?,
            "p" if self.do_p => self.new_paragraph(),
            "note" | "important" | "danger" | "sphinx_py_class" | "sphinx_py_method"
            | "sphinx_py_attr" => self.end_directive(),
            "a" => self.end_a()?,
            "li" => self.end_li(),
            "ul" | "ol" => self.end_ul(),
            "examples" | "fullname" => self.keep_data = true,
            "codeblock" => self.end_codeblock(),
            _ => {}
        }
        Ok(())
    }

    fn translate_word<'a>(&'a self, word: &'a str) -> &'a str {
        self.translation_map.get(word).map_or(word, String::as_str)
    }

    fn handle_data(&mut self, data: &str) {
        if !data.is_empty() && self.keep_data {
            self.write(data);
        }
    }
}
