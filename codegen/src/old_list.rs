//! `model/customizations/all-services/old-list-case.json`: aws-cli's "old list case"
//! options (`ParamShorthand._uses_old_list_case`), whose lists of
//! one-member structures take bare words. Read once for every service:
//! the help pages document them as `--opt Member1 Member2 Member3`, and each
//! service's descriptor carries its own (see [`emit_field`]) so the runtime
//! parses them the same way.

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;

/// The file, relative to `model/`.
/// (In a folder of its own: every `*.json` directly under
/// `model/customizations/` is one service's.)
pub const PATH: &str = "customizations/all-services/old-list-case.json";

/// A list of options of services, with where it comes from and why (also
/// the schema of `paramfile-disabled.json`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OldListCases {
    pub source: String,
    pub why: String,
    pub options: Vec<OldListOption>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OldListOption {
    pub service: String,
    pub command: String,
    /// The option without dashes.
    pub option: String,
}

impl OldListCases {
    /// `(command, option)` of `service`'s old-list options, in file order.
    pub fn for_service(&self, service: &str) -> Vec<(String, String)> {
        self.options
            .iter()
            .filter(|o| o.service == service)
            .map(|o| (o.command.clone(), o.option.clone()))
            .collect()
    }
}

/// The value of a service descriptor's `old_list_options` field:
/// `&[("command", "option"), ...]`.
pub fn emit_field(options: &[(String, String)]) -> TokenStream {
    let pairs = options.iter().map(|(c, o)| quote!((#c, #o)));
    quote!(&[#(#pairs),*])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_table_loads_and_splits_by_service() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model");
        let cases = crate::inputs::load_old_list_cases(&root).unwrap();
        assert_eq!(cases.options.len(), 8);
        let elb = cases.for_service("elb");
        assert_eq!(elb.len(), 4);
        assert!(elb.contains(&("remove-tags".into(), "tags".into())));
        assert!(cases.for_service("emr").is_empty());
        assert_eq!(
            emit_field(&[("a".into(), "b".into())]).to_string(),
            quote!(&[("a", "b")]).to_string()
        );
    }
}
