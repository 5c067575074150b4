//! One validator per input shape, in botocore's order of checks: the
//! structure's required and unknown members first, then each member the user
//! gave, in the order given.

use super::types::ident;
use crate::model::{Bound, ServiceModel, Shape};
use crate::naming::snake_ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The validator function of shape `name`.
pub fn fn_ident(name: &str) -> proc_macro2::Ident {
    ident(snake_ident(name).trim_start_matches("r#"))
}

fn bound(min: &Option<Bound>) -> TokenStream {
    match min {
        None => quote!(None),
        Some(n) => match n.as_i64() {
            Some(i) => {
                let i = proc_macro2::Literal::i64_unsuffixed(i);
                quote!(Some(rt::Bound::Int(#i)))
            }
            None => {
                let f = proc_macro2::Literal::f64_unsuffixed(n.as_f64().unwrap_or(0.0));
                quote!(Some(rt::Bound::Float(#f)))
            }
        },
    }
}

pub fn emit(model: &ServiceModel, shapes: &[&str]) -> TokenStream {
    let fns = shapes.iter().filter_map(|name| {
        let shape = model.shape(name)?;
        Some(emit_shape(name, shape))
    });
    quote! {
        //! botocore parameter validation for each input shape.
        // One match arm per member keeps every structure's validator the same
        // shape, even where a structure has a single member.
        #![allow(clippy::single_match)]
        use crate::runtime::validate::{self as rt, Report};
        use serde_json::Value;
        #(#fns)*
    }
}

fn emit_shape(name: &str, shape: &Shape) -> TokenStream {
    let f = fn_ident(name);
    let body = match shape {
        Shape::Structure(s) => {
            let required = &s.required;
            let members: Vec<&String> = s.members.keys().collect();
            let arms = s.members.iter().map(|(member_name, member)| {
                let check = fn_ident(&member.shape);
                quote!(#member_name => #check(value, &rt::member_path(name, key), report),)
            });
            let loop_body = if s.members.is_empty() {
                quote!(let _ = object;)
            } else {
                quote! {
                    for (key, value) in object {
                        match key.as_str() {
                            #(#arms)*
                            _ => {}
                        }
                    }
                }
            };
            quote! {
                let Some(object) = rt::structure(value, name, &[#(#required),*], &[#(#members),*], report) else {
                    return;
                };
                #loop_body
            }
        }
        Shape::List(l) => {
            let min = bound(&l.min);
            let check = fn_ident(&l.member.shape);
            quote! {
                let Some(items) = rt::list(value, name, #min, report) else {
                    return;
                };
                for (index, item) in items.iter().enumerate() {
                    #check(item, &rt::index_path(name, index), report);
                }
            }
        }
        Shape::Map(m) => {
            let key_check = fn_ident(&m.key.shape);
            let value_check = fn_ident(&m.value.shape);
            quote! {
                let Some(object) = rt::map(value, name, report) else {
                    return;
                };
                for (key, item) in object {
                    #key_check(&Value::String(key.clone()), &rt::key_path(name, key), report);
                    #value_check(item, &rt::member_path(name, key), report);
                }
            }
        }
        Shape::String(s) => {
            let min = bound(&s.min);
            quote!(rt::string(value, name, #min, report);)
        }
        Shape::Integer(n) => {
            let min = bound(&n.min);
            quote!(rt::integer(value, name, #min, report);)
        }
        Shape::Long(n) => {
            let min = bound(&n.min);
            quote!(rt::long(value, name, #min, report);)
        }
        Shape::Double(n) => {
            let min = bound(&n.min);
            quote!(rt::double(value, name, #min, report);)
        }
        Shape::Float(n) => {
            let min = bound(&n.min);
            quote!(rt::float(value, name, #min, report);)
        }
        Shape::Boolean(_) => quote!(rt::boolean(value, name, report);),
        Shape::Timestamp(_) => quote!(rt::timestamp(value, name, report);),
        Shape::Blob(_) => quote!(rt::blob(value, name, report);),
    };
    let doc = format!(" Validates a value of shape `{name}` found at `name`.");
    quote! {
        #[doc = #doc]
        pub fn #f(value: &Value, name: &str, report: &mut Report) {
            #body
        }
    }
}
