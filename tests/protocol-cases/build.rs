//! Turns every case of botocore's json protocol tests into Rust statics
//! with codegen's own emitters, so the test exercises the generator and the
//! runtime together, as a real service does.
//!
//! A case's model is botocore's: the suite's `metadata` and `shapes`, and
//! the case's `given` as the one operation (as botocore's test_protocols.py
//! builds it). awsr's typed model requires a few fields botocore's
//! `ServiceModel` does not (an `apiVersion`, an `endpointPrefix`, ...; the
//! output suites have no `jsonVersion`/`targetPrefix`); they are filled in
//! with placeholders no case looks at. A model codegen refuses is recorded
//! with codegen's error in `REFUSED`, and the test requires it to be listed
//! in docs/differences.md.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let fixtures = manifest.join("../fixtures/botocore-protocol-tests");
    let mut modules = Vec::new();
    let mut cases = Vec::new();
    let mut refused = Vec::new();
    for kind in ["input", "output"] {
        let path = fixtures.join(kind).join("json.json");
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let suites: Vec<Value> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not a list of suites: {e}", path.display()));
        for suite in &suites {
            let description = suite["description"].as_str().unwrap_or("?");
            let suite_cases = suite["cases"].as_array().cloned().unwrap_or_default();
            for (index, case) in suite_cases.iter().enumerate() {
                let name = format!("{kind}: {description} #{index}");
                let module = format_ident!("case_{}", cases.len() + refused.len());
                match case_module(&name, &module, suite, case) {
                    Ok(tokens) => {
                        modules.push(tokens);
                        let case_json = case.to_string();
                        cases.push(quote! {
                            Case {
                                name: #name,
                                protocol: &#module::PROTOCOL,
                                operation: &#module::OPERATION,
                                case_json: #case_json,
                            },
                        });
                    }
                    Err(reason) => refused.push(quote!((#name, #reason),)),
                }
            }
        }
    }
    let file = quote! {
        #(#modules)*
        /// Every case codegen accepted, in fixture order.
        pub static CASES: &[Case] = &[#(#cases)*];
        /// `(case, codegen's error)` for every case whose model codegen refused.
        pub static REFUSED: &[(&str, &str)] = &[#(#refused)*];
    };
    let text = codegen::rust::format::rust_file("cases.rs", "", file).expect("cases.rs parses");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("cases.rs");
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The case's model, loaded and emitted by codegen, as `pub mod <module>`.
fn case_module(
    name: &str,
    module: &proc_macro2::Ident,
    suite: &Value,
    case: &Value,
) -> Result<TokenStream, String> {
    let model_json = service_model(suite, case);
    let model = codegen::model::load_service(name, model_json.to_string().as_bytes())
        .map_err(|e| e.to_string())?;
    let operation = model
        .operations
        .values()
        .next()
        .ok_or("the case has no operation")?;
    let roots: Vec<&str> = [&operation.input, &operation.output]
        .into_iter()
        .flatten()
        .map(|r| r.shape.as_str())
        .collect();
    let shapes = codegen::rust::reachable_shapes(&model, &roots);
    let table = codegen::rust::shapes::emit(&model, &shapes);
    let protocol = codegen::rust::service::protocol(&model)?;
    let here = TokenStream::new();
    let shape_ref = |r: &Option<codegen::model::ShapeRef>| match r {
        Some(r) => {
            let reference = codegen::rust::shapes::reference(&model, &r.shape, &here);
            quote!(Some(#reference))
        }
        None => quote!(None),
    };
    let input = shape_ref(&operation.input);
    let output = shape_ref(&operation.output);
    let op_name = &operation.name;
    let cli_name = codegen::naming::cli_name(op_name);
    Ok(quote! {
        #[allow(unused_imports, dead_code)]
        pub mod #module {
            #table
            pub static PROTOCOL: crate::runtime::protocol::Protocol = #protocol;
            pub static OPERATION: crate::runtime::model::Operation = crate::runtime::model::Operation {
                name: #op_name,
                cli_name: #cli_name,
                summary: "",
                args: &[],
                extra_args: &[],
                help_rst: "",
                input_skeleton: "",
                output_skeleton: "",
                input: #input,
                output: #output,
                paginator: None,
                unsigned: false,
                idempotency_tokens: &[],
                hidden_options: &[],
            };
        }
    })
}

/// botocore's test model for a case: the suite's metadata and shapes, the
/// case's `given` as the only operation; placeholders for what awsr's
/// typed model requires and botocore's does not.
fn service_model(suite: &Value, case: &Value) -> Value {
    let mut metadata = suite["metadata"].as_object().cloned().unwrap_or_default();
    for (key, placeholder) in [
        ("apiVersion", "2014-01-01"),
        ("endpointPrefix", "protocoltests"),
        ("serviceFullName", "botocore protocol tests"),
        ("signatureVersion", "v4"),
        // Only the output suites lack these; parsing a response uses neither.
        ("jsonVersion", "1.0"),
        ("targetPrefix", "OutputOnly"),
    ] {
        metadata
            .entry(key)
            .or_insert_with(|| Value::from(placeholder));
    }
    let mut operation = case["given"].as_object().cloned().unwrap_or_default();
    let op_name = operation
        .entry("name")
        .or_insert_with(|| Value::from("OperationName"))
        .as_str()
        .unwrap_or("OperationName")
        .to_string();
    let http = operation
        .entry("http")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(http) = http.as_object_mut() {
        http.entry("method").or_insert_with(|| Value::from("POST"));
        http.entry("requestUri").or_insert_with(|| Value::from("/"));
    }
    json!({
        "metadata": metadata,
        "operations": { op_name: operation },
        "shapes": suite["shapes"],
    })
}
