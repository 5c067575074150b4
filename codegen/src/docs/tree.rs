// Ported from botocore 1.8.32 (botocore/docs/bcdoc/docstringparser.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! bcdoc's `HTMLTree` (docstringparser.py): the parser's events build a tree
//! of tag and text nodes, which is then written to the document in one go.
//!
//! Only tags the style has handlers for become nodes; every other tag is
//! dropped, its text kept. The tree does not check that end tags match: an
//! end tag just moves up one level, and a stray end tag at the top moves
//! to "no node", where the next event raises (Python's `None.add_child`).
//! A node left open is closed when the tree is written.
//!
//! Nodes live in an arena and are written without recursion, so deeply
//! nested tag soup cannot overflow the stack. (Python would raise
//! `RecursionError` somewhere past ~500 levels; that is not reproduced.)

use super::htmlparser::{Attrs, Raised, Sink};
use awsr_runtime::pycompat::text::{is_all_space, is_space, lstrip, split_words};

#[derive(Debug, Clone)]
enum Kind {
    /// The root.
    Stem,
    /// A handled tag (`li` is `LineItemNode`: it strips leading space).
    Tag {
        tag: String,
        attrs: Attrs,
    },
    Data(String),
}

#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    parent: Option<usize>,
    children: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct HtmlTree {
    nodes: Vec<Node>,
    /// `None` after a stray end tag at the top level.
    current: Option<usize>,
}

/// What writing a tree does to the document: the style's handlers and the
/// document's data handling, implemented by `ReSTDocument`.
pub trait TreeWriter {
    fn start_tag(&mut self, tag: &str, attrs: &Attrs) -> Result<(), Raised>;
    fn end_tag(&mut self, tag: &str) -> Result<(), Raised>;
    fn translate_word<'a>(&'a self, word: &'a str) -> &'a str;
    fn handle_data(&mut self, data: &str);
}

/// The tags `ReSTStyle` has both `start_<tag>` and `end_<tag>` for.
pub fn has_handler(tag: &str) -> bool {
    matches!(
        tag,
        "bold"
            | "b"
            | "italics"
            | "i"
            | "p"
            | "code"
            | "note"
            | "important"
            | "danger"
            | "a"
            | "li"
            | "ul"
            | "ol"
            | "examples"
            | "fullname"
            | "codeblock"
            | "sphinx_py_class"
            | "sphinx_py_method"
            | "sphinx_py_attr"
    )
}

impl Default for HtmlTree {
    fn default() -> Self {
        HtmlTree {
            nodes: vec![Node {
                kind: Kind::Stem,
                parent: None,
                children: Vec::new(),
            }],
            current: Some(0),
        }
    }
}

impl HtmlTree {
    fn add_child(&mut self, kind: Kind) -> Result<usize, Raised> {
        let parent = self.current.ok_or(Raised)?;
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent: Some(parent),
            children: Vec::new(),
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(id);
        }
        Ok(id)
    }

    /// Writes the tree to the document (`HTMLTree.write`).
    pub fn write(&mut self, doc: &mut impl TreeWriter) -> Result<(), Raised> {
        enum Step {
            Enter(usize),
            Exit(usize),
        }
        let mut stack = vec![Step::Enter(0)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(id) => {
                    let is_li = matches!(
                        self.nodes.get(id),
                        Some(Node { kind: Kind::Tag { tag, .. }, .. }) if tag == "li"
                    );
                    if is_li {
                        self.lstrip(id);
                    }
                    let Some(node) = self.nodes.get(id) else {
                        continue;
                    };
                    match &node.kind {
                        Kind::Stem => {}
                        Kind::Tag { tag, attrs } => {
                            doc.start_tag(tag, attrs)?;
                            stack.push(Step::Exit(id));
                        }
                        Kind::Data(data) => {
                            write_data(doc, data);
                            continue;
                        }
                    }
                    stack.extend(node.children.iter().rev().map(|&c| Step::Enter(c)));
                }
                Step::Exit(id) => {
                    if let Some(Node {
                        kind: Kind::Tag { tag, .. },
                        ..
                    }) = self.nodes.get(id)
                    {
                        doc.end_tag(tag)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `LineItemNode._lstrip`: strip leading white space from the item's
    /// text, depth first, up to the first text that is not all space.
    fn lstrip(&mut self, li: usize) {
        let mut stack: Vec<usize> = match self.nodes.get(li) {
            Some(node) => node.children.iter().rev().copied().collect(),
            None => return,
        };
        while let Some(id) = stack.pop() {
            let Some(node) = self.nodes.get_mut(id) else {
                continue;
            };
            match &mut node.kind {
                Kind::Data(data) => {
                    let stripped = lstrip(data).to_string();
                    *data = stripped;
                    if !data.is_empty() {
                        return;
                    }
                }
                _ => stack.extend(node.children.iter().rev().copied()),
            }
        }
    }
}

/// `DataNode.write`: all-space text becomes one space; other text has its
/// white space runs collapsed (and leading space dropped), each word passed
/// through the translation map, and keeps one trailing space if it had any.
fn write_data(doc: &mut impl TreeWriter, data: &str) {
    if data.is_empty() {
        return;
    }
    let out = if is_all_space(data) {
        " ".to_string()
    } else {
        let end_space = data.chars().last().is_some_and(is_space);
        let words: Vec<&str> = split_words(data).map(|w| doc.translate_word(w)).collect();
        let mut s = words.join(" ");
        if end_space {
            s.push(' ');
        }
        s
    };
    doc.handle_data(&out);
}

impl Sink for HtmlTree {
    fn start_tag(&mut self, tag: &str, attrs: Attrs) -> Result<(), Raised> {
        if !has_handler(tag) {
            return Ok(());
        }
        let id = self.add_child(Kind::Tag {
            tag: tag.to_string(),
            attrs,
        })?;
        self.current = Some(id);
        Ok(())
    }

    fn end_tag(&mut self, tag: &str) -> Result<(), Raised> {
        if !has_handler(tag) {
            return Ok(());
        }
        let current = self.current.ok_or(Raised)?;
        self.current = self.nodes.get(current).and_then(|n| n.parent);
        Ok(())
    }

    fn data(&mut self, data: String) -> Result<(), Raised> {
        self.add_child(Kind::Data(data)).map(|_| ())
    }
}
