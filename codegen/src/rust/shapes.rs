//! The service's shape table (`services/<svc>/shapes.rs`): every shape an
//! operation's input or output reaches, as static [`ArgType`] data that the
//! runtime walks to parse arguments, validate, serialise and parse
//! responses. Data, not code: a shape costs the compiler a static, so the
//! table scales to every service.
//!
//! Scalars are written inline; every list, structure and map is a static,
//! so recursive shapes are plain references between statics. A `min` that
//! botocore 1.8.32 checks (strings, lists, numbers) wraps the shape in
//! `ArgType::Bounded`.

use super::idents::ident;
use crate::model::{Bound, ServiceModel, Shape};
use proc_macro2::TokenStream;
use quote::quote;

/// The static holding shape `name`: the shape's own name, which the model
/// keeps unique (`StepIdsList`; case conversion would make
/// `eventTypeList` and `EventTypeList` collide, as in AWS Health's model).
/// Keywords become raw identifiers; the four that cannot be raw get a
/// suffix.
pub fn static_ident(name: &str) -> proc_macro2::Ident {
    let mut cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if cleaned.is_empty() || cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        cleaned.insert(0, '_');
    }
    if matches!(cleaned.as_str(), "self" | "Self" | "super" | "crate" | "_") {
        cleaned.push_str("_shape");
    }
    if syn::parse_str::<syn::Ident>(&cleaned).is_err() {
        return ident(&format!("r#{cleaned}"));
    }
    ident(&cleaned)
}

/// `&ArgType::Bounded(inner, Bound::Int(1))` when `min` is set, else `inner`.
fn bounded(inner: TokenStream, min: &Option<Bound>) -> TokenStream {
    match min {
        Some(n) => {
            let bound = bound(n);
            quote!(&ArgType::Bounded(#inner, #bound))
        }
        None => inner,
    }
}

/// A length bound that can fail: no length is below 0, so `min: 0` checks
/// nothing and is left out of the table.
fn length_min(min: &Option<Bound>) -> Option<Bound> {
    min.clone().filter(|n| n.as_f64().is_some_and(|f| f > 0.0))
}

/// A model bound as the runtime's `Bound`, integer or float as written.
fn bound(n: &Bound) -> TokenStream {
    match n.as_i64() {
        Some(i) => {
            let i = proc_macro2::Literal::i64_unsuffixed(i);
            quote!(crate::runtime::model::Bound::Int(#i))
        }
        None => {
            let f = proc_macro2::Literal::f64_unsuffixed(n.as_f64().unwrap_or(0.0));
            quote!(crate::runtime::model::Bound::Float(#f))
        }
    }
}

/// A reference to shape `name`: `&ArgType::String` for a scalar (bounded
/// inline when it has a `min`), `&<prefix>NAME` for the rest.
pub fn reference(model: &ServiceModel, name: &str, prefix: &TokenStream) -> TokenStream {
    match model.shape(name) {
        Some(Shape::String(s)) => bounded(quote!(&ArgType::String), &length_min(&s.min)),
        None => quote!(&ArgType::String),
        Some(Shape::Integer(n)) => bounded(quote!(&ArgType::Integer), &n.min),
        Some(Shape::Long(n)) => bounded(quote!(&ArgType::Long), &n.min),
        Some(Shape::Double(n)) => bounded(quote!(&ArgType::Double), &n.min),
        Some(Shape::Float(n)) => bounded(quote!(&ArgType::Float), &n.min),
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
                match &length_min(&l.min) {
                    Some(n) => {
                        let bound = bound(n);
                        quote!(ArgType::Bounded(&ArgType::List(#member), #bound))
                    }
                    None => quote!(ArgType::List(#member)),
                }
            }
            Shape::Map(m) => {
                let key = reference(model, &m.key.shape, &here);
                let value = reference(model, &m.value.shape, &here);
                quote!(ArgType::Map(#key, #value))
            }
            Shape::Structure(s) => {
                let members = s.members.iter().map(|(member_name, member)| {
                    let shape = reference(model, &member.shape, &here);
                    // botocore fills a missing idempotency token before it
                    // validates, so it is never reported missing.
                    let required = s.required.contains(member_name) && !member.idempotency_token;
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
        //! The shape table: every shape the operations' inputs and outputs reach.
        // Statics are named as the model names its shapes.
        #![allow(non_upper_case_globals)]
        use crate::runtime::model::{ArgType, MemberType};
        #(#statics)*
    }
}
