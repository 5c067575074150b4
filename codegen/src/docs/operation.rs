// Ported from aws-cli 1.14.28 (awscli/clidocs.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! An operation's help page: aws-cli's `OperationDocumentEventHandler`
//! (clidocs.py) answering the doc events `docevents.generate_events` emits,
//! in that order, plus the handlers other modules hook onto those events
//! (pagination's paragraph after the description, `add_examples`).

use super::args::{arg_table, translation_map, ArgModel, ArgTable, CliArg, Declared};
use super::fragments::{self, fragment};
use super::restdoc::{ReSTDocument, Target};
use super::shapes::ShapeView;
use super::shorthand::{shorthand_example, ArgumentRef};
use super::syntax::{json_example, json_value_name, output_member};
use super::{DocError, DocInputs, PageOptions};
use crate::model::paginators::OneOrMany;
use crate::model::{Operation, Paginator, ServiceModel};
use crate::naming::cli_name;

/// `OperationDocumentEventHandler.AWS_DOC_BASE`.
const AWS_DOC_BASE: &str = "https://docs.aws.amazon.com/goto/WebAPI";

struct Page<'m, 'd> {
    model: &'m ServiceModel,
    op: &'m Operation,
    service: &'d str,
    /// The command name, `help_command.name`: `cancel-steps`.
    command: String,
    paginator: Option<&'d Paginator>,
    /// The service's old-list options, `(command, option)`.
    old_list_options: &'d [(String, String)],
    docs: &'d DocInputs,
    args: ArgTable<'m>,
    doc: ReSTDocument,
    /// Argument groups already documented in the current section.
    documented_groups: Vec<String>,
}

pub fn render<'m>(
    model: &'m ServiceModel,
    service: &str,
    operation_name: &str,
    options: &PageOptions<'_, 'm>,
    docs: &DocInputs,
    target: Target,
) -> Result<String, DocError> {
    let paginator = options.paginator;
    let op = model
        .operations
        .get(operation_name)
        .ok_or_else(|| DocError::UnknownOperation {
            operation: operation_name.to_string(),
        })?;
    let declared = Declared {
        custom: options.custom_arguments,
        extended: options.extended_arguments,
        optional: options.optional_arguments,
        edits: options.argument_edits,
    };
    let args = arg_table(model, op, paginator, &declared, docs)?;
    let doc = ReSTDocument::new(
        target,
        translation_map(model, &args, !options.keep_operation_names),
    );
    let mut page = Page {
        model,
        op,
        service,
        command: options
            .command_name
            .map_or_else(|| cli_name(&op.name), str::to_string),
        paginator,
        old_list_options: options.old_list_options,
        docs,
        args,
        doc,
        documented_groups: Vec::new(),
    };
    page.breadcrumbs();
    page.title();
    page.description()?;
    page.synopsis();
    page.options()?;
    page.examples();
    page.output()?;
    Ok(page.doc.getvalue())
}

impl<'m, 'd> Page<'m, 'd> {
    fn documented_args(&self) -> Vec<CliArg<'m>> {
        self.args
            .args
            .iter()
            .filter(|a| !a.undocumented)
            .cloned()
            .collect()
    }

    /// `doc_breadcrumbs`: links up to `aws` and the service (not in man pages).
    fn breadcrumbs(&mut self) {
        if self.doc.target() == Target::Man {
            return;
        }
        self.doc.write("[ ");
        self.doc.write(":ref:`aws <cli:aws>`");
        self.doc.write(" . ");
        let service = self.service;
        self.doc
            .write(&format!(":ref:`{service} <cli:aws {service}>`"));
        self.doc.write(" ]");
    }

    /// `doc_title`: the Sphinx label and the command name.
    fn title(&mut self) {
        self.doc.new_paragraph();
        let label = format!(".. _cli:aws {} {}:", self.service, self.command);
        self.doc.writeln(&label);
        let command = self.command.clone();
        self.doc.h1(&command);
    }

    /// `doc_description`, its API reference link, then (registered last on
    /// the same event) pagination's `add_paging_description`.
    fn description(&mut self) -> Result<(), DocError> {
        self.doc.h2("Description");
        self.doc
            .include_doc_string(self.op.documentation.as_deref().unwrap_or(""));
        if let Some(uid) = &self.model.metadata.uid {
            self.doc.new_paragraph();
            self.doc.write("See also: ");
            let link = format!("{AWS_DOC_BASE}/{uid}/{}", self.op.name);
            self.doc.external_link("AWS API Documentation", &link);
            self.doc.writeln("");
        }
        if let Some(paginator) = self.paginator {
            self.doc.new_paragraph();
            let text =
                fragment(self.docs, fragments::PAGINATED)?.replace("{command}", &self.command);
            self.doc.writeln(&text);
            // Python tests the raw value's truth: "" and [] add nothing.
            let keys = match &paginator.result_key {
                Some(OneOrMany::One(key)) if !key.is_empty() => vec![key.clone()],
                Some(OneOrMany::Many(keys)) => keys.clone(),
                _ => Vec::new(),
            };
            if !keys.is_empty() {
                let queries = keys
                    .iter()
                    .map(|k| format!("``{k}``"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let text =
                    fragment(self.docs, fragments::RESULT_KEYS)?.replace("{result_keys}", &queries);
                self.doc.writeln(&text);
            }
        }
        Ok(())
    }

    /// The options of `arg`'s group, if it has one and the group is not yet
    /// documented in this section (`None`: skip the argument).
    fn group_names(&mut self, arg: &CliArg, format: impl Fn(&CliArg) -> String) -> Option<String> {
        let Some(group) = &arg.group else {
            return Some(format(arg));
        };
        if self.documented_groups.contains(group) {
            return None;
        }
        let names = self
            .args
            .group_members(group)
            .into_iter()
            .map(format)
            .collect::<Vec<_>>()
            .join(" | ");
        self.documented_groups.push(group.clone());
        Some(names)
    }

    /// `doc_synopsis_start`, `doc_synopsis_option`s, `doc_synopsis_end`.
    fn synopsis(&mut self) {
        self.documented_groups.clear();
        self.doc.h2("Synopsis");
        self.doc.start_codeblock();
        let command = self.command.clone();
        self.doc.writeln(&command);
        for arg in self.documented_args() {
            let grouped = arg.group.is_some();
            let Some(mut option) = self.group_names(&arg, |a| a.cli_name()) else {
                continue;
            };
            if !grouped {
                option = format!("{option} <value>");
            }
            if !arg.required {
                option = format!("[{option}]");
            }
            self.doc.writeln(&option);
        }
        self.doc.end_codeblock();
        self.documented_groups.clear();
    }

    /// `doc_options_start`, then `doc_option` and `doc_option_example` per argument.
    fn options(&mut self) -> Result<(), DocError> {
        self.doc.h2("Options");
        if self.args.args.is_empty() {
            self.doc.write("*None*\n");
        }
        for arg in self.documented_args() {
            let Some(names) = self.group_names(&arg, |a| format!("``{}``", a.cli_name())) else {
                // Already documented with its group; so is its example.
                continue;
            };
            let type_name = match arg.model {
                ArgModel::Shape(view) if view.is_json_value_header() => "JSON",
                _ => arg.cli_type_name.as_str(),
            };
            self.doc.write(&format!("{names} ({type_name})\n"));
            self.doc.indent();
            self.doc.include_doc_string(&arg.documentation);
            self.enums(&arg);
            self.doc.dedent();
            self.doc.new_paragraph();
            if arg.group.is_none() {
                self.option_example(&arg)?;
            }
        }
        Ok(())
    }

    /// `_document_enums`: a top-level string argument's allowed values.
    fn enums(&mut self, arg: &CliArg) {
        let ArgModel::Shape(view) = arg.model else {
            return;
        };
        let values = view.enum_values();
        if values.is_empty() {
            return;
        }
        self.doc.new_paragraph();
        self.doc.write("Possible values:");
        self.doc.start_ul();
        for value in values {
            self.doc.li(&format!("``{value}``"));
        }
        self.doc.end_ul();
    }

    /// `doc_option_example`: shorthand syntax, then the plain syntax of a
    /// list of scalars or the JSON syntax of anything else non-scalar.
    fn option_example(&mut self, arg: &CliArg<'m>) -> Result<(), DocError> {
        let ArgModel::Shape(view) = arg.model else {
            // Customization arguments are scalar strings: no example.
            return Ok(());
        };
        let model = self.model;
        if view.is_complex(model)? {
            let argument = ArgumentRef {
                old_list_options: self.old_list_options,
                command: &self.command,
                name: &arg.name,
            };
            let example = shorthand_example(model, view, &argument).map_err(|e| match e {
                DocError::Unsupported { operation, reason } if operation.is_empty() => {
                    DocError::Unsupported {
                        operation: self.op.name.clone(),
                        reason,
                    }
                }
                e => e,
            })?;
            let Some(example) = example else {
                return Ok(());
            };
            if !example.is_empty() {
                self.doc.new_paragraph();
                self.doc.write("Shorthand Syntax");
                self.doc.start_codeblock();
                for line in awsr_runtime::pycompat::text::splitlines(&example) {
                    self.doc.writeln(line);
                }
                self.doc.end_codeblock();
            }
        }
        let scalar_list_member = match view.list_member(model)? {
            Some(member) if member.is_scalar() => Some(member),
            _ => None,
        };
        if let Some(member) = scalar_list_member {
            // A list of scalars is written space separated, not as JSON.
            self.doc.new_paragraph();
            self.doc.write("Syntax");
            self.doc.start_codeblock();
            let example_type = json_value_name(&member, false);
            self.doc
                .write(&format!("{example_type} {example_type} ..."));
            let values = member.enum_values();
            if member.is_string() && !values.is_empty() {
                self.doc.new_paragraph();
                self.doc.write("Where valid values are:\n");
                for value in values {
                    self.doc.write(&format!("    {value}\n"));
                }
                self.doc.write("\n");
            }
            self.doc.end_codeblock();
            self.doc.new_paragraph();
        } else if !view.is_scalar() {
            self.doc.new_paragraph();
            self.doc.write("JSON Syntax");
            self.doc.start_codeblock();
            json_example(&mut self.doc, model, view, &mut Vec::new())?;
            self.doc.end_codeblock();
            self.doc.new_paragraph();
        }
        Ok(())
    }

    /// awscli's `add_examples` on `doc-examples`: the authored examples file,
    /// line by line, if there is one.
    fn examples(&mut self) {
        let Some(text) = fragments::examples(self.docs, self.service, &self.command) else {
            return;
        };
        self.doc.h2("Examples");
        // Python reads the file in text mode: universal newlines.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for line in text.split_inclusive('\n') {
            self.doc.write(line);
        }
    }

    /// `doc_output`: every member of the output shape, recursively.
    fn output(&mut self) -> Result<(), DocError> {
        self.doc.h2("Output");
        let Some(output) = &self.op.output else {
            self.doc.write("None");
            return Ok(());
        };
        let model = self.model;
        let output = ShapeView::named(model, &output.shape)?;
        for (name, member) in output.members(model)? {
            output_member(&mut self.doc, model, name, member, &mut Vec::new())?;
        }
        Ok(())
    }
}
