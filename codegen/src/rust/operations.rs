//! One module per operation: its static descriptor (options, help page,
//! skeletons) and the functions that tie it to the generated types.

use super::types::{ident, type_path};
use super::validators::fn_ident;
use crate::model::{Operation, ServiceModel, Shape};
use crate::naming::cli_name;
use proc_macro2::TokenStream;
use quote::quote;

/// What an operation module needs beyond the model: where its files live.
pub struct OperationFiles<'a> {
    /// Path of the help page relative to the operation's `.rs` file.
    pub help_rst: &'a str,
    pub input_skeleton: &'a str,
    pub output_skeleton: &'a str,
}

/// The descriptor's static name: `CancelSteps` → `CANCEL_STEPS`.
pub fn static_ident(op: &Operation) -> proc_macro2::Ident {
    ident(&crate::naming::xform_name(&op.name, '_').to_uppercase())
}

/// The first sentence of an operation's documentation, tags removed.
pub fn summary(documentation: Option<&str>) -> String {
    let text = crate::docs_text::plain_text(documentation.unwrap_or(""));
    match text.find(". ") {
        Some(end) => text[..=end].trim().to_string(),
        None => text.trim().to_string(),
    }
}

pub fn emit(model: &ServiceModel, op: &Operation, files: &OperationFiles<'_>) -> TokenStream {
    let stat = static_ident(op);
    let name = &op.name;
    let cli = cli_name(&op.name);
    let summary = summary(op.documentation.as_deref());
    let help = files.help_rst;
    let input_skeleton = files.input_skeleton;
    let output_skeleton = files.output_skeleton;

    let input = op
        .input
        .as_ref()
        .and_then(|r| Some((r.shape.as_str(), model.shape(&r.shape)?)));
    let args: Vec<TokenStream> = match input {
        Some((_, Shape::Structure(s))) => s
            .members
            .iter()
            .map(|(member_name, member)| {
                let option = cli_name(member_name);
                let ty = super::shapes::reference(model, &member.shape, &quote!(super::super::shapes::));
                let required = s.required.contains(member_name);
                quote! {
                    Arg { cli_name: #option, member: #member_name, arg_type: #ty, required: #required },
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let validate = match input {
        Some((shape_name, _)) => {
            let f = fn_ident(shape_name);
            quote!(validators::#f(value, "", report))
        }
        None => quote!(crate::runtime::validate::no_input(value, report)),
    };
    let serialize = match input {
        Some((shape_name, _)) => {
            let ty = type_path(shape_name);
            quote!(crate::runtime::types::serialize_input::<types::#ty>(value))
        }
        None => quote!(crate::runtime::types::serialize_input::<
            crate::runtime::types::Empty,
        >(value)),
    };
    let parse = match &op.output {
        Some(r) => {
            let ty = type_path(&r.shape);
            quote!(crate::runtime::types::parse_output::<types::#ty>(body))
        }
        None => quote!(crate::runtime::types::parse_output::<
            crate::runtime::types::Empty,
        >(body)),
    };
    let doc = format!(" `{name}`: the `{cli}` command.");
    // Import exactly what the descriptor names, so no import is unused.
    let uses_scalar = args.iter().any(|a| a.to_string().contains("ArgType"));
    let model_imports = match (args.is_empty(), uses_scalar) {
        (true, _) => quote!(
            use crate::runtime::model::Operation;
        ),
        (false, false) => quote!(
            use crate::runtime::model::{Arg, Operation};
        ),
        (false, true) => quote!(
            use crate::runtime::model::{Arg, ArgType, Operation};
        ),
    };
    quote! {
        #![doc = #doc]
        use super::super::{types, validators};
        #model_imports
        use crate::runtime::validate::Report;
        use serde_json::Value;

        pub static #stat: Operation = Operation {
            name: #name,
            cli_name: #cli,
            summary: #summary,
            args: &[#(#args)*],
            help_rst: include_str!(#help),
            input_skeleton: include_str!(#input_skeleton),
            output_skeleton: include_str!(#output_skeleton),
            validate,
            serialize,
            parse_output,
        };

        fn validate(value: &Value, report: &mut Report) {
            #validate
        }

        fn serialize(value: Value) -> Result<Vec<u8>, String> {
            #serialize
        }

        fn parse_output(body: &[u8]) -> Result<Value, String> {
            #parse
        }
    }
}
