//! The text aws-cli writes that is not in the botocore model (help texts of
//! the options aws-cli adds, the pagination paragraph, authored examples)
//! lives in files under `model/docs/` (see `model/docs/README.md`); this is
//! the one place that knows their paths.

use super::{DocError, DocInputs};

pub const CLI_INPUT_JSON: &str = "arguments/cli-input-json.rst";
pub const GENERATE_CLI_SKELETON: &str = "arguments/generate-cli-skeleton.rst";
pub const STARTING_TOKEN: &str = "arguments/starting-token.html";
pub const PAGE_SIZE: &str = "arguments/page-size.html";
pub const MAX_ITEMS: &str = "arguments/max-items.html";
/// Has a `{command}` placeholder.
pub const PAGINATED: &str = "pagination/paginated.rst";
/// Has a `{result_keys}` placeholder.
pub const RESULT_KEYS: &str = "pagination/result-keys.rst";

/// A required fragment. The fragment is the file's text without its final
/// newline (files end in one; the texts in aws-cli's sources mostly don't).
pub fn fragment<'a>(docs: &'a DocInputs, path: &str) -> Result<&'a str, DocError> {
    let text = docs
        .files
        .get(path)
        .ok_or_else(|| DocError::MissingFragment {
            path: path.to_string(),
        })?;
    Ok(text.strip_suffix('\n').unwrap_or(text))
}

/// The authored examples of a command, if any: `examples/<service>/<command>.rst`,
/// used unchanged (its lines are copied into the page).
pub fn examples<'a>(docs: &'a DocInputs, service: &str, command: &str) -> Option<&'a str> {
    docs.files
        .get(&format!("examples/{service}/{command}.rst"))
        .map(String::as_str)
}
