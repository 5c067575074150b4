//! A service crate's `SERVICE` descriptor (`src/service.rs`) and the
//! `generated` crate's list of the services of a build (`src/services.rs`).

use super::idents::ident;
use super::operations::static_ident;
use crate::model::ServiceModel;
use crate::naming::xform_name;
use proc_macro2::TokenStream;
use quote::quote;

pub struct ServiceFiles<'a> {
    pub cli_name: &'a str,
    /// Path of the service help page relative to `src/service.rs`.
    pub help_rst: &'a str,
    /// `(command, option)` pairs taking aws-cli's old list case.
    pub old_list_options: &'a [(String, String)],
    /// `(command, option)` pairs whose parameter files aws-cli leaves unread.
    pub paramfile_disabled: &'a [(String, String)],
    /// The retry policy from `_retry.json`.
    pub retry: &'a crate::inputs::RetryPolicy,
    /// aws-cli's hidden command aliases: `(alias, operation it copies)`.
    pub command_aliases: &'a [(String, String)],
}

/// `src/service.rs` of a service crate: the `SERVICE` descriptor (the
/// crate root, written by [`crate::crates`], declares the modules).
pub fn emit_service(
    model: &ServiceModel,
    operations: &[&str],
    waiters: &[&str],
    files: &ServiceFiles<'_>,
) -> Result<TokenStream, String> {
    let meta = &model.metadata;
    let cli_name = files.cli_name;
    let full_name = &meta.service_full_name;
    let api_version = &meta.api_version;
    let endpoint_prefix = &meta.endpoint_prefix;
    let signing_name = meta
        .signing_name
        .as_deref()
        .unwrap_or(&meta.endpoint_prefix);
    let protocol = protocol(model)?;
    let help = files.help_rst;
    let max_attempts = files.retry.max_attempts;
    let base = match files.retry.base {
        Some(base) => quote!(Some(#base)),
        None => quote!(None),
    };
    let retry_on = files.retry.retry_on.iter().map(|when| {
        let status = when.status;
        let code = option_str(when.code.as_deref());
        let operation = option_str(when.operation.as_deref());
        quote!(crate::runtime::model::RetryWhen { status: #status, code: #code, operation: #operation })
    });
    let crc32_header = option_str(files.retry.crc32_header.as_deref());
    let old_list_options = crate::old_list::emit_field(files.old_list_options);
    let paramfile_disabled = crate::old_list::emit_field(files.paramfile_disabled);
    // Sorted by CLI name, the order commands are listed and looked up in.
    let mut ops: Vec<_> = operations
        .iter()
        .filter_map(|name| model.operations.get(*name))
        .collect();
    ops.sort_by_key(|op| crate::naming::cli_name(&op.name));
    let refs = ops.iter().map(|op| {
        let module = ident(&xform_name(&op.name, '_'));
        let stat = static_ident(op);
        quote!(&crate::operations::#module::#stat)
    });
    // Hidden aliases follow the operations, as aws-cli adds them to the
    // command table after the model's commands.
    let alias_refs = files
        .command_aliases
        .iter()
        .filter_map(|(alias, operation)| {
            let op = model.operations.get(operation)?;
            let module = ident(&xform_name(&op.name, '_'));
            let stat = super::operations::alias_static_ident(alias);
            Some(quote!(&crate::operations::#module::#stat))
        });
    let waiter_refs = waiters.iter().map(|name| {
        let stat = super::waiters::waiter_ident(name);
        quote!(&crate::waiters::#stat)
    });
    let doc = format!(" The `{cli_name}` service: `{full_name}` ({api_version}).");
    Ok(quote! {
        #![doc = #doc]
        use crate::runtime::model::{RetryPolicy, Service};

        pub static SERVICE: Service = Service {
            cli_name: #cli_name,
            full_name: #full_name,
            api_version: #api_version,
            endpoint_prefix: #endpoint_prefix,
            signing_name: #signing_name,
            protocol: #protocol,
            retry: RetryPolicy {
                max_attempts: #max_attempts,
                base: #base,
                retry_on: &[#(#retry_on),*],
                crc32_header: #crc32_header,
            },
            help_rst: include_str!(#help),
            operations: &[#(#refs,)* #(#alias_refs,)*],
            waiters: &[#(#waiter_refs),*],
            old_list_options: #old_list_options,
            paramfile_disabled: #paramfile_disabled,
        };
    })
}

/// `Some("text")` or `None` as tokens.
fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

/// The runtime's `Protocol` for the model's `metadata`, or why the runtime
/// cannot speak it (naming the JSON path): a model must never become a
/// client of another protocol silently.
pub fn protocol(model: &ServiceModel) -> Result<TokenStream, String> {
    let meta = &model.metadata;
    match meta.protocol.as_str() {
        "json" => {
            let version = meta.json_version.as_deref().ok_or(
                "metadata.jsonVersion: missing; the json protocol needs it for Content-Type",
            )?;
            if !matches!(version, "1.0" | "1.1") {
                return Err(format!(
                    "metadata.jsonVersion: \"{version}\" is not a JSON protocol version awsr speaks (1.0, 1.1)"
                ));
            }
            let target_prefix = meta.target_prefix.as_deref().ok_or(
                "metadata.targetPrefix: missing; the json protocol needs it for X-Amz-Target",
            )?;
            Ok(quote!(crate::runtime::protocol::Protocol::Json {
                version: #version,
                target_prefix: #target_prefix,
            }))
        }
        other => Err(format!(
            "metadata.protocol: \"{other}\" is not supported yet; the runtime speaks \"json\" only \
             (rest-json, query, rest-xml and ec2 are not implemented)"
        )),
    }
}

/// `services/<name>/operations/mod.rs`.
pub fn emit_operations_mod(model: &ServiceModel, operations: &[&str]) -> TokenStream {
    let mods = operations.iter().filter_map(|name| {
        let op = model.operations.get(*name)?;
        let module = ident(&xform_name(&op.name, '_'));
        Some(quote!(pub mod #module;))
    });
    quote! {
        //! One module per operation.
        #(#mods)*
    }
}

/// `generated/src/services.rs`: the services of the build (each behind the
/// cargo feature of its name), sorted by CLI name, and the ones left out.
pub fn emit_services(
    cli_names: &[&str],
    unsupported: &[(String, String)],
    hand_written: &[String],
) -> TokenStream {
    let unsupported = unsupported
        .iter()
        .map(|(name, protocol)| quote!((#name, #protocol)));
    let refs = cli_names.iter().map(|name| {
        let krate = ident(&crate::crates::crate_ident(name));
        quote!(#[cfg(feature = #name)] &#krate::SERVICE)
    });
    let not_built = cli_names
        .iter()
        .map(|name| quote!(#[cfg(not(feature = #name))] #name));
    quote! {
        //! The services of this build.

        /// The services `awsr` offers, sorted by command name.
        pub static SERVICES: &[&crate::runtime::model::Service] = &[#(#refs),*];

        /// The services generated from the model but left out of this build
        /// (their cargo features off), by command name.
        pub static NOT_BUILT: &[&str] = &[#(#not_built),*];

        /// The services of the model whose protocol the runtime does not
        /// speak yet, as `(command name, protocol)`: named, not offered.
        pub static UNSUPPORTED: &[(&str, &str)] = &[#(#unsupported),*];

        /// aws-cli's hand-written top-level commands (`s3`, `configure`):
        /// named, not offered.
        pub static HAND_WRITTEN: &[&str] = &[#(#hand_written),*];
    }
}
