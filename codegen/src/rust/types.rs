//! One Rust type per model shape: structures become structs with the model's
//! member names on the wire, string enums keep unknown values, and the other
//! shapes become aliases named after the model so the types read like it.

use super::needs_box;
use crate::model::{ServiceModel, Shape};
use crate::naming::{snake_ident, type_ident, variant_ident};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type of shape `name`.
pub fn type_path(name: &str) -> TokenStream {
    let ident = ident(&type_ident(name));
    quote!(#ident)
}

/// The items of `types.rs` for `shapes`.
pub fn emit(model: &ServiceModel, shapes: &[&str]) -> TokenStream {
    let items = shapes.iter().filter_map(|name| {
        let shape = model.shape(name)?;
        Some(emit_shape(model, name, shape))
    });
    quote! {
        //! Types for the shapes of the model that the generated operations use.
        #![allow(clippy::large_enum_variant)]
        #(#items)*
    }
}

fn emit_shape(model: &ServiceModel, name: &str, shape: &Shape) -> TokenStream {
    let ty = ident(&type_ident(name));
    let doc = format!(" Model shape `{name}` ({}).", shape.type_name());
    match shape {
        Shape::Structure(s) => {
            let fields = s.members.iter().map(|(member_name, member)| {
                let field = ident(&snake_ident(member_name));
                let target = type_path(&member.shape);
                let target = if needs_box(model, name, &member.shape) {
                    quote!(Box<#target>)
                } else {
                    target
                };
                quote! {
                    #[serde(rename = #member_name, default, skip_serializing_if = "Option::is_none")]
                    pub #field: Option<#target>,
                }
            });
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #ty {
                    #(#fields)*
                }
            }
        }
        Shape::String(s) if !s.enum_values.is_empty() => {
            let variants = s.enum_values.iter().map(|value| {
                let variant = format_ident!("{}", variant_ident(value));
                quote!(#variant = #value)
            });
            quote! {
                crate::runtime::types::string_enum! {
                    #[doc = #doc]
                    #ty { #(#variants),* }
                }
            }
        }
        Shape::String(_) => quote!(#[doc = #doc] pub type #ty = String;),
        Shape::List(l) => {
            let member = type_path(&l.member.shape);
            quote!(#[doc = #doc] pub type #ty = Vec<#member>;)
        }
        Shape::Map(m) => {
            let key = type_path(&m.key.shape);
            let value = type_path(&m.value.shape);
            quote!(#[doc = #doc] pub type #ty = crate::runtime::types::Map<#key, #value>;)
        }
        Shape::Integer(_) | Shape::Long(_) => quote!(#[doc = #doc] pub type #ty = i64;),
        Shape::Double(_) | Shape::Float(_) => quote!(#[doc = #doc] pub type #ty = f64;),
        Shape::Boolean(_) => quote!(#[doc = #doc] pub type #ty = bool;),
        Shape::Timestamp(_) => {
            quote!(#[doc = #doc] pub type #ty = crate::runtime::types::Timestamp;)
        }
        Shape::Blob(_) => quote!(#[doc = #doc] pub type #ty = crate::runtime::types::Blob;),
    }
}
