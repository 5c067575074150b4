// Ported from aws-cli 1.14.28 (awscli/clidocs.py) and botocore 1.8.32 (botocore/docs/bcdoc): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! Help pages: a port of how aws-cli 1.14.28 renders an operation's help as
//! reStructuredText, so that awsr's pages are byte-identical to aws-cli's.
//!
//! The pipeline mirrors the Python one, one concern per module:
//!
//! * [`htmlparser`] — Python 3.6's `html.parser` tokenizer (quirks included),
//!   with [`unescape`] / [`entities_table`] for character references;
//! * [`tree`] — bcdoc's `HTMLTree`, which buffers a documentation string
//!   as nodes and writes them through the style;
//! * [`restdoc`] — bcdoc's `ReSTDocument` + `ReSTStyle` (the write stack,
//!   indentation, inline markup, links, lists);
//! * [`args`] — the argument table and the word translation map;
//! * [`shorthand`], [`syntax`] — the Shorthand/JSON syntax examples and the
//!   Output section;
//! * [`operation`] — the page itself, section by section (awscli's
//!   `OperationDocumentEventHandler` and the handlers that join it);
//! * [`fragments`] — the text that is not in the model, read from
//!   `model/docs/` through [`DocInputs`];
//! * `awsr_runtime::pycompat::text` — Python string semantics the output
//!   depends on (shared with the runtime).
//!
//! Everything here is a pure function of its inputs and never panics on
//! model data: malformed HTML is handled as Python handles it, and what
//! cannot be rendered is a [`DocError`] naming the missing piece.

pub mod args;
mod entities_table;
pub mod fragments;
pub mod htmlparser;
pub mod operation;
pub mod restdoc;
pub mod shapes;
pub mod shorthand;
pub mod syntax;
pub mod tree;
pub mod unescape;

#[cfg(test)]
mod tests;

use crate::customizations::{ArgumentEdit, CustomArgument};
use crate::extended::Resolved;
use crate::model::{Paginator, ServiceModel};
use std::collections::BTreeMap;
use std::fmt;

pub use restdoc::{Target, TranslationMap};

/// Every file under `model/docs/`, keyed by its path relative to
/// `model/docs/` with `/` separators (e.g. `arguments/cli-input-json.rst`).
/// Loaded by the caller, so that I/O stays at the edge.
#[derive(Debug, Clone, Default)]
pub struct DocInputs {
    pub files: BTreeMap<String, String>,
}

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// A fragment file under `model/docs/` is missing (path relative to it).
    MissingFragment { path: String },
    /// The operation is not in the service model.
    UnknownOperation { operation: String },
    /// A shape the model refers to is not defined.
    UnknownShape { shape: String },
    /// aws-cli would render this operation through machinery not ported
    /// here (or would itself fail); says what.
    Unsupported { operation: String, reason: String },
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::MissingFragment { path } => {
                write!(f, "model/docs/{path}: documentation fragment is missing")
            }
            DocError::UnknownOperation { operation } => {
                write!(f, "operation \"{operation}\" is not in the service model")
            }
            DocError::UnknownShape { shape } => {
                write!(f, "shape \"{shape}\" is not in the service model")
            }
            DocError::Unsupported { operation, reason } => {
                write!(f, "operation \"{operation}\": cannot document {reason}")
            }
        }
    }
}

impl std::error::Error for DocError {}

/// What aws-cli adds to an operation's page beyond the service model.
/// `'m` is the (extended) model's lifetime.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageOptions<'a, 'm> {
    /// The operation's entry in `paginators-1.json`: adds the pagination
    /// paragraph and the `--starting-token`, `--page-size` and
    /// `--max-items` options, hiding the service's own paging members.
    pub paginator: Option<&'a Paginator>,
    /// The command's arguments in the declared customization layer
    /// (`model/customizations/<service>.json`), in aws-cli's order.
    pub custom_arguments: &'a [CustomArgument],
    /// The command's `extended_commands`, resolved against the model
    /// (`crate::extended`), whose shapes the model passed in holds.
    pub extended_arguments: &'m [Resolved<'m>],
    /// The command's `optional_arguments`.
    pub optional_arguments: &'a [String],
    /// `(command, option)` pairs of the service documented in aws-cli's old
    /// list case (`model/customizations/all-services/old-list-case.json`).
    pub old_list_options: &'a [(String, String)],
    /// aws-cli's renames and hidden aliases of the command's options
    /// (`Customizations::argument_edits`), applied in order.
    pub argument_edits: &'a [ArgumentEdit<'a>],
    /// The page keeps operation names as they are (a command's declared
    /// `docs.translate_operation_names: false`).
    pub keep_operation_names: bool,
    /// The command's name when it is not the operation's (a hidden command
    /// alias renders its page under its own name).
    pub command_name: Option<&'a str>,
}

/// The rst help page of one operation, exactly as aws-cli 1.14.28 renders
/// it for its HTML documentation (`doc.target = 'html'`).
pub fn operation_page_with<'m>(
    model: &'m ServiceModel,
    service_cli_name: &str,
    operation_name: &str,
    options: &PageOptions<'_, 'm>,
    docs: &DocInputs,
) -> Result<String, DocError> {
    operation::render(
        model,
        service_cli_name,
        operation_name,
        options,
        docs,
        Target::Html,
    )
}

/// [`operation_page_with`] for an operation without paginator or
/// customizations.
pub fn operation_page(
    model: &ServiceModel,
    service_cli_name: &str,
    operation_name: &str,
    docs: &DocInputs,
) -> Result<String, DocError> {
    operation_page_with(
        model,
        service_cli_name,
        operation_name,
        &PageOptions::default(),
        docs,
    )
}

/// Model documentation (HTML) → rst, as bcdoc writes one documentation
/// string into a fresh document: words found in `translation_map` are
/// replaced, and `<a href>` links without text get their targets defined
/// at the end. Never fails: like bcdoc, an exception while parsing keeps
/// what was written before it.
pub fn html_to_rst(html: &str, translation_map: &TranslationMap) -> String {
    let mut doc = restdoc::ReSTDocument::new(Target::Man, translation_map.clone());
    doc.include_doc_string(html);
    doc.getvalue()
}
