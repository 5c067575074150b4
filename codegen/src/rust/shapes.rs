//! Input shapes as static [`ArgType`] trees (`services/<svc>/shapes.rs`):
//! what shorthand syntax, argument processing and documentation walk.
//! Scalars are written inline; every list, structure and map is a static,
//! so recursive shapes are plain references between statics.

use super::types::ident;
use crate::model::{ServiceModel, Shape};
use crate::naming::xform_name;
use proc_macro2::TokenStream;
use quote::quote;

/// The static holding shape `name`: `StepIdsList` → `STEP_IDS_LIST`.
pub fn static_ident(name: &str) -> proc_macro2::Ident {
    let upper = xform_name(name, '_').to_uppercase();
    let cleaned: String = upper
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    ident(&cleaned)
}

/// `&ArgType::String` for a scalar; `&<prefix>NAME` for the rest.
pub fn reference(model: &ServiceModel, name: &str, prefix: &TokenStream) -> TokenStream {
    match model.shape(name) {
        Some(Shape::String(_)) | None => quote!(&ArgType::String),
        Some(Shape::Integer(_)) => quote!(&ArgType::Integer),
        Some(Shape::Long(_)) => quote!(&ArgType::Long),
        Some(Shape::Double(_)) => quote!(&ArgType::Double),
        Some(Shape::Float(_)) => quote!(&ArgType::Float),
        Some(Shape::Boolean(_)) => quote!(&ArgType::Boolean),
        Some(Shape::Timestamp(_)) => quote!(&ArgType::Timestamp),
        Some(Shape::Blob(_)) => quote!(&ArgType::Blob),
        Some(Shape::List(_) | Shape::Structure(_) | Shape::Map(_)) => {
            let stat = static_ident(name);
            quote!(&#prefix #stat)
        }
    }
}

pub fn emit(model: &ServiceModel, shapes: &[&str]) -> TokenStream {
    let here = TokenStream::new();
    let statics = shapes.iter().filter_map(|name| {
        let shape = model.shape(name)?;
        let stat = static_ident(name);
        let value = match shape {
            Shape::List(l) => {
                let member = reference(model, &l.member.shape, &here);
                quote!(ArgType::List(#member))
            }
            Shape::Map(m) => {
                let key = reference(model, &m.key.shape, &here);
                let value = reference(model, &m.value.shape, &here);
                quote!(ArgType::Map(#key, #value))
            }
            Shape::Structure(s) => {
                let members = s.members.iter().map(|(member_name, member)| {
                    let shape = reference(model, &member.shape, &here);
                    let required = s.required.contains(member_name);
                    quote!(MemberType { name: #member_name, shape: #shape, required: #required },)
                });
                quote!(ArgType::Structure(&[#(#members)*]))
            }
            _ => return None,
        };
        let doc = format!(" Model shape `{name}`.");
        Some(quote! {
            #[doc = #doc]
            pub static #stat: ArgType = #value;
        })
    });
    quote! {
        //! The input shapes as argument-processing trees.
        use crate::runtime::model::{ArgType, MemberType};
        #(#statics)*
    }
}
