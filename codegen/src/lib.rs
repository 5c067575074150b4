//! awsr's generator: a pure function from the botocore model and the vendored
//! documentation fragments to the files of the `generated` crate.
//!
//! I/O lives at the edges: [`inputs::load`] reads `model/`, [`write`] writes
//! and checks `generated/`; [`generate`] in between takes values and returns
//! values, the same bytes for the same inputs.
// Panic policy: no unwrap/expect/panic on user, model or network data outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod config;
pub mod crates;
pub mod customizations;
pub mod docs;
pub mod docs_text;
pub mod extended;
pub mod fetch;
pub mod fixtures;
pub mod inputs;
pub mod model;
pub mod naming;
pub mod old_list;
pub mod paramfile_disabled;
pub mod rust;
pub mod skeleton;
pub mod transaction;
pub mod workspace;
pub mod write;

use inputs::{Inputs, ServiceInputs};
use naming::{cli_name, xform_name};
use rust::format::{header, rust_file};
use skeleton::{skeleton, to_python_json, SkeletonKind};
use std::fmt;

/// The folders of the workspace that codegen owns entirely: anything in them
/// that [`generate`] does not produce is stale.
pub const OWNED_DIRS: &[&str] = &["generated"];

/// One output file: its path relative to the workspace root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError(pub String);

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GenerateError {}

/// Every generated file, sorted by path.
pub fn generate(inputs: &Inputs) -> Result<Vec<GeneratedFile>, GenerateError> {
    let mut service_names: Vec<&str> = inputs
        .services
        .iter()
        .map(|s| s.cli_name.as_str())
        .collect();
    service_names.sort();
    let mut files = crates::aggregator_files(&service_names);
    files.push(GeneratedFile {
        path: "generated/src/services.rs".into(),
        contents: rust_file(
            "generated/src/services.rs",
            crates::AGGREGATOR_HEADER,
            rust::service::emit_services(&service_names, &inputs.unsupported, &inputs.hand_written),
        )
        .map_err(GenerateError)?,
    });
    for service in &inputs.services {
        generate_service(service, inputs, &mut files)?;
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn generate_service(
    service: &ServiceInputs,
    inputs: &Inputs,
    files: &mut Vec<GeneratedFile>,
) -> Result<(), GenerateError> {
    let model = &service.model;
    let svc = &service.cli_name;
    // Refuse here, with the JSON path, whatever would not compile or behave.
    model::check::check_service(
        &service.model_file,
        &format!("model/customizations/{svc}.json"),
        model,
        &service.operations,
        &service.paginators,
        &service.waiters,
        &service.customizations,
    )
    .map_err(|e| GenerateError(e.to_string()))?;
    // The options of `extended_commands` and the shapes they need, added
    // to a copy of the model that everything below reads.
    let extended = extended::resolve_all(model, &service.customizations)
        .map_err(|e| GenerateError(format!("model/customizations/{svc}.json: {e}")))?;
    let extended_model = extended::extend_model(model, &extended)
        .map_err(|e| GenerateError(format!("model/customizations/{svc}.json: {e}")))?;
    let model = &extended_model;
    // The service's own crate (see [`crates`]): its descriptors, pages and
    // skeletons, so that a change to one model rebuilds that crate alone.
    let dir = crates::service_dir(svc);
    let src = format!("{dir}/src");
    let head = header(&service.model_file, &format!("{src}/lib.rs"));
    files.extend(crates::service_crate_files(service));
    let ops: Vec<&str> = service.operations.iter().map(String::as_str).collect();

    let mut shape_roots = Vec::new();
    for name in &ops {
        let op = model.operations.get(*name).ok_or_else(|| {
            GenerateError(format!("{}: no operation \"{name}\"", service.model_file))
        })?;
        if let Some(input) = &op.input {
            shape_roots.push(input.shape.as_str());
        }
        if let Some(output) = &op.output {
            shape_roots.push(output.shape.as_str());
        }
    }
    shape_roots.extend(
        extended
            .iter()
            .flat_map(|(_, resolved)| resolved.iter().map(|r| r.shape.as_str())),
    );
    // Waiters of the operations generated here, sorted by command name.
    let mut waiters = service.waiters.clone();
    waiters
        .waiters
        .retain(|_, w| ops.contains(&w.operation.as_str()));
    let waiter_names = rust::waiters::sorted(&waiters);
    let table_shapes = rust::reachable_shapes(model, &shape_roots);

    let rust_out = |path: String, tokens| -> Result<GeneratedFile, GenerateError> {
        let contents = rust_file(&path, &head, tokens).map_err(GenerateError)?;
        Ok(GeneratedFile { path, contents })
    };
    // (alias, operation name) of aws-cli's hidden command aliases.
    let command_aliases: Vec<(String, String)> = ops
        .iter()
        .filter_map(|name| model.operations.get(*name))
        .flat_map(|op| {
            let command = cli_name(&op.name);
            service
                .customizations
                .command_aliases_of(&command)
                .map(|alias| (alias.to_string(), op.name.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    files.push(rust_out(
        format!("{src}/service.rs"),
        rust::service::emit_service(
            model,
            &ops,
            &waiter_names,
            &rust::service::ServiceFiles {
                cli_name: svc,
                // Relative to src/service.rs.
                help_rst: "../docs/index.rst",
                old_list_options: &service.old_list_options,
                paramfile_disabled: &service.paramfile_disabled,
                retry: &service.retry,
                command_aliases: &command_aliases,
            },
        )
        .map_err(|e| GenerateError(format!("{}: {e}", service.model_file)))?,
    )?);
    files.push(rust_out(
        format!("{src}/waiters.rs"),
        rust::waiters::emit(model, &waiters),
    )?);
    files.push(rust_out(
        format!("{src}/shapes.rs"),
        rust::shapes::emit(model, &table_shapes),
    )?);
    files.push(rust_out(
        format!("{src}/operations/mod.rs"),
        rust::service::emit_operations_mod(model, &ops),
    )?);
    files.push(GeneratedFile {
        path: format!("{dir}/docs/index.rst"),
        contents: service_page(service),
    });

    for name in &ops {
        let Some(op) = model.operations.get(*name) else {
            continue;
        };
        let command = cli_name(&op.name);
        let op_module = xform_name(&op.name, '_');
        // include_str! paths are relative to the crate's src/operations/.
        let up = "../..";
        let help_path = format!("{dir}/docs/{command}.rst");
        let input_path = format!("{dir}/skeletons/{command}.input.json");
        let output_path = format!("{dir}/skeletons/{command}.output.json");
        let alias_pages: Vec<(String, String)> = service
            .customizations
            .command_aliases_of(&command)
            .map(|alias| (alias.to_string(), format!("{dir}/docs/{alias}.rst")))
            .collect();
        let alias_includes: Vec<(String, String)> = alias_pages
            .iter()
            .map(|(alias, path)| {
                (
                    alias.clone(),
                    format!("{up}/{}", crate_relative(&dir, path)),
                )
            })
            .collect();
        let operation_files = rust::operations::OperationFiles {
            aliases: &alias_includes,
            help_rst: &format!("{up}/{}", crate_relative(&dir, &help_path)),
            input_skeleton: &format!("{up}/{}", crate_relative(&dir, &input_path)),
            output_skeleton: &format!("{up}/{}", crate_relative(&dir, &output_path)),
            unsigned_by_handler: service.handler_unsigned.contains(&op.name),
        };
        files.push(rust_out(
            format!("{src}/operations/{op_module}.rs"),
            rust::operations::emit(
                model,
                op,
                service.paginators.pagination.get(&op.name),
                &service.customizations,
                extended::of_command(&extended, &command),
                &operation_files,
            ),
        )?);
        let argument_edits = service.customizations.argument_edits(&command);
        let options = docs::PageOptions {
            argument_edits: &argument_edits,
            keep_operation_names: service
                .customizations
                .docs
                .get(&command)
                .and_then(|d| d.translate_operation_names)
                == Some(false),
            command_name: None,
            paginator: service.paginators.pagination.get(&op.name),
            custom_arguments: service
                .customizations
                .commands
                .get(&command)
                .map_or(&[], Vec::as_slice),
            extended_arguments: extended::of_command(&extended, &command),
            optional_arguments: service
                .customizations
                .optional_arguments
                .get(&command)
                .map_or(&[], Vec::as_slice),
            old_list_options: &service.old_list_options,
        };
        let page =
            docs::operation_page_with(model, &service.page_name, &op.name, &options, &inputs.docs)
                .map_err(|e| GenerateError(format!("help page for {svc} {command}: {e}")))?;
        files.push(GeneratedFile {
            path: help_path,
            contents: page,
        });
        for (alias, path) in alias_pages {
            let options = docs::PageOptions {
                command_name: Some(&alias),
                ..options
            };
            let page = docs::operation_page_with(
                model,
                &service.page_name,
                &op.name,
                &options,
                &inputs.docs,
            )
            .map_err(|e| GenerateError(format!("help page for {svc} {alias}: {e}")))?;
            files.push(GeneratedFile {
                path,
                contents: page,
            });
        }
        let input = match &op.input {
            Some(r) => skeleton(model, &r.shape, SkeletonKind::Input),
            None => serde_json::Value::Object(Default::default()),
        };
        files.push(GeneratedFile {
            path: input_path,
            contents: to_python_json(&input),
        });
        let output = match &op.output {
            Some(r) => skeleton(model, &r.shape, SkeletonKind::Output),
            None => serde_json::Value::Object(Default::default()),
        };
        files.push(GeneratedFile {
            path: output_path,
            contents: to_python_json(&output),
        });
    }
    Ok(())
}

/// A workspace path inside the crate at `dir`, relative to the crate root.
fn crate_relative<'p>(dir: &str, path: &'p str) -> &'p str {
    path.strip_prefix(dir)
        .and_then(|p| p.strip_prefix('/'))
        .unwrap_or(path)
}

/// The service's own help page: its description, then every command with
/// the first sentence of its documentation, and the waiters.
fn service_page(service: &ServiceInputs) -> String {
    let name = &service.cli_name;
    let bar = "*".repeat(name.len());
    let mut page =
        format!("{bar}\n{name}\n{bar}\n\n\n\n===========\nDescription\n===========\n\n\n\n");
    let description = docs_text::plain_text(service.model.documentation.as_deref().unwrap_or(""));
    page.push_str(&description);
    page.push_str("\n\n\n\n==================\nAvailable Commands\n==================\n\n\n");
    let mut commands: Vec<(String, String)> = service
        .operations
        .iter()
        .filter_map(|o| service.model.operations.get(o))
        // aws-cli leaves deprecated operations out of the list; they still run.
        .filter(|op| !op.deprecated)
        .map(|op| {
            (
                cli_name(&op.name),
                rust::operations::summary(op.documentation.as_deref()),
            )
        })
        .collect();
    let generated_waiters: Vec<&String> = service
        .waiters
        .waiters
        .iter()
        .filter(|(_, w)| service.operations.contains(&w.operation))
        .map(|(name, _)| name)
        .collect();
    if !generated_waiters.is_empty() {
        commands.push((
            "wait".into(),
            "Wait until a resource reaches a state (see below).".into(),
        ));
    }
    commands.sort();
    for (command, summary) in commands {
        page.push_str(&format!("* ``{command}``: {summary}\n\n"));
    }
    if !generated_waiters.is_empty() {
        page.push_str("\n\n=======\nWaiters\n=======\n\n\n");
        let mut waiters: Vec<String> = generated_waiters.iter().map(|w| cli_name(w)).collect();
        waiters.sort();
        for waiter in waiters {
            page.push_str(&format!("* ``{name} wait {waiter}``\n\n"));
        }
    }
    page
}
pub mod changes;
pub mod provenance;
pub mod update;
