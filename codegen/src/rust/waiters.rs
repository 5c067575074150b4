//! `services/<svc>/waiters.rs`: one static per waiter of `waiters-2.json`.

use super::idents::ident;
use super::operations::static_ident;
use crate::model::{ServiceModel, Waiters};
use crate::naming::{cli_name, xform_name};
use proc_macro2::TokenStream;
use quote::quote;

/// The waiter's static: `ClusterRunning` → `CLUSTER_RUNNING`.
pub fn waiter_ident(name: &str) -> proc_macro2::Ident {
    ident(&xform_name(name, '_').to_uppercase())
}

/// Waiters sorted by CLI name, as the service lists them.
pub fn sorted(waiters: &Waiters) -> Vec<&str> {
    let mut names: Vec<&str> = waiters.waiters.keys().map(String::as_str).collect();
    names.sort_by_key(|n| cli_name(n));
    names
}

pub fn emit(model: &ServiceModel, waiters: &Waiters) -> TokenStream {
    let statics = waiters.waiters.iter().filter_map(|(name, waiter)| {
        let op = model.operations.get(&waiter.operation)?;
        let stat = waiter_ident(name);
        let cli = cli_name(name);
        let op_module = ident(&xform_name(&op.name, '_'));
        let op_static = static_ident(op);
        let (delay, max_attempts) = (waiter.delay, waiter.max_attempts);
        let acceptors = waiter.acceptors.iter().map(|a| {
            let (state, matcher) = (&a.state, &a.matcher);
            let argument = match &a.argument {
                Some(arg) => quote!(Some(#arg)),
                None => quote!(None),
            };
            let expected = a.expected.to_string();
            quote!(Acceptor { state: #state, matcher: #matcher, argument: #argument, expected: #expected },)
        });
        let doc = format!(" `awsr ... wait {cli}`: polls {} until an acceptor decides.", op.name);
        Some(quote! {
            #[doc = #doc]
            pub static #stat: Waiter = Waiter {
                name: #name,
                cli_name: #cli,
                operation: &super::operations::#op_module::#op_static,
                delay: #delay,
                max_attempts: #max_attempts,
                acceptors: &[#(#acceptors)*],
            };
        })
    });
    quote! {
        //! The service's waiters.
        #[allow(unused_imports)]
        use crate::runtime::model::{Acceptor, Waiter};
        #(#statics)*
    }
}
