//! One module per operation: its static descriptor (options, help page,
//! skeletons, input and output shapes, paginator). Data only.

use super::idents::ident;
use crate::customizations::{Action, ArgumentEdit, CustomArgument, Customizations};
use crate::extended::Resolved;
use crate::model::{Operation, Paginator, ServiceModel, Shape};
use crate::naming::cli_name;
use proc_macro2::TokenStream;
use quote::quote;

/// What an operation module needs beyond the model: where its files live.
pub struct OperationFiles<'a> {
    /// Path of the help page relative to the operation's `.rs` file.
    pub help_rst: &'a str,
    pub input_skeleton: &'a str,
    pub output_skeleton: &'a str,
    /// botocore's handlers send this operation unsigned.
    pub unsigned_by_handler: bool,
    /// aws-cli's hidden aliases of the command (`hidden_command_aliases`):
    /// `(alias, path of its help page)`.
    pub aliases: &'a [(String, String)],
}

/// The static name of a hidden command alias: `list-hi-ts` → `LIST_HI_TS`.
pub fn alias_static_ident(alias: &str) -> proc_macro2::Ident {
    ident(&alias.replace('-', "_").to_uppercase())
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

/// The `Paginator` descriptor, or `None`.
fn paginator(model: &ServiceModel, op: &Operation, paginator: Option<&Paginator>) -> TokenStream {
    let Some(p) = paginator else {
        return quote!(None);
    };
    let input_tokens = p.input_token.to_vec();
    let output_tokens = p.output_token.to_vec();
    let result_keys = p
        .result_key
        .as_ref()
        .map(|r| r.to_vec())
        .unwrap_or_default();
    let non_aggregate = &p.non_aggregate_keys;
    let opt = |v: &Option<String>| match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    let limit_key = opt(&p.limit_key);
    let more_results = opt(&p.more_results);
    // The limit member's type decides how --page-size / --max-items parse.
    let limit_shape = p.limit_key.as_ref().and_then(|key| {
        let input = op.input.as_ref()?;
        match model.shape(&input.shape)? {
            Shape::Structure(s) => s.members.get(key).map(|m| m.shape.clone()),
            _ => None,
        }
    });
    let limit_type = match limit_shape {
        Some(shape) => super::shapes::reference(model, &shape, &quote!(super::super::shapes::)),
        None => quote!(&crate::runtime::model::ArgType::Integer),
    };
    quote! {
        Some(&crate::runtime::model::Paginator {
            input_tokens: &[#(#input_tokens),*],
            output_tokens: &[#(#output_tokens),*],
            result_keys: &[#(#result_keys),*],
            limit_key: #limit_key,
            limit_type: #limit_type,
            more_results: #more_results,
            non_aggregate_keys: &[#(#non_aggregate),*],
        })
    }
}

/// The `Custom` expression of a declared customisation.
fn custom(argument: &CustomArgument, customizations: &Customizations) -> TokenStream {
    let action = match argument.action {
        Action::Value => quote!(CustomAction::Value),
        Action::Constant => {
            let values = &argument.value;
            quote!(CustomAction::Constant(&[#(#values),*]))
        }
        Action::KeyValueList => quote!(CustomAction::KeyValueList),
    };
    let one_or_more = argument.one_or_more;
    let exclusive_error = match argument
        .exclusive
        .as_ref()
        .and_then(|e| customizations.exclusive_errors.get(e))
    {
        Some(message) => quote!(Some(#message)),
        None => quote!(None),
    };
    quote!(Some(&crate::runtime::model::Custom {
        action: crate::runtime::model::#action,
        one_or_more: #one_or_more,
        exclusive_error: #exclusive_error,
    }))
}

/// An `Arg` for member `member_name` of the input structure.
fn arg(
    model: &ServiceModel,
    input: &crate::model::StructureShape,
    option: &str,
    member_name: &str,
    custom_arg: Option<&CustomArgument>,
    required_override: Option<bool>,
    customizations: &Customizations,
) -> Option<TokenStream> {
    let member = input.members.get(member_name)?;
    let ty = super::shapes::reference(model, &member.shape, &quote!(super::super::shapes::));
    // botocore fills an idempotency token the user leaves out, so aws-cli
    // never requires its option.
    let required = custom_arg.map_or(
        input.required.iter().any(|r| r == member_name) && !member.idempotency_token,
        |c| c.required,
    ) && required_override.unwrap_or(true);
    let custom = match custom_arg {
        Some(c) => custom(c, customizations),
        None => quote!(None),
    };
    Some(quote! {
        Arg { cli_name: #option, member: #member_name, arg_type: #ty, required: #required, custom: #custom },
    })
}

/// The `Arg` of an extended option (`extended_commands`): the value is
/// parsed as its own shape, then placed at its member path, inside its
/// template if it has one.
fn extended_arg(model: &ServiceModel, resolved: &Resolved) -> TokenStream {
    let declared = resolved.declared;
    let option = &declared.name;
    let member = &resolved.member;
    let ty = super::shapes::reference(model, &resolved.shape, &quote!(super::super::shapes::));
    let required = declared.required;
    let path = &resolved.path;
    // Filling only part of a structure (members left to another option):
    // what is already there stays, as aws-cli's `dict.update`.
    let merge = !declared.omit_members.is_empty();
    let template = match (&declared.template, declared.action.as_str()) {
        (Some(template), "template") => {
            let json = template.to_string();
            let fields = declared.fields.iter().map(|f| &f.name);
            let required_fields = declared
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| &f.name);
            let missing_error = declared.missing_error.as_deref().unwrap_or_default();
            quote!(Some(&crate::runtime::model::Template {
                json: #json,
                fields: &[#(#fields),*],
                required: &[#(#required_fields),*],
                missing_error: #missing_error,
            }))
        }
        _ => quote!(None),
    };
    quote! {
        Arg {
            cli_name: #option,
            member: #member,
            arg_type: #ty,
            required: #required,
            custom: Some(&crate::runtime::model::Custom {
                action: crate::runtime::model::CustomAction::Extended(&crate::runtime::model::Extended {
                    path: &[#(#path),*],
                    merge: #merge,
                    template: #template,
                }),
                one_or_more: false,
                exclusive_error: None,
            }),
        },
    }
}

pub fn emit(
    model: &ServiceModel,
    op: &Operation,
    paginator_config: Option<&Paginator>,
    customizations: &Customizations,
    extended: &[Resolved],
    files: &OperationFiles<'_>,
) -> TokenStream {
    let paginator = paginator(model, op, paginator_config);
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
    let declared = customizations
        .commands
        .get(&cli)
        .map(Vec::as_slice)
        .unwrap_or_default();
    // aws-cli's hidden argument aliases parse but are not documented.
    let hidden_options: Vec<&str> = customizations
        .argument_edits(&cli)
        .into_iter()
        .filter_map(|edit| match edit {
            ArgumentEdit::HiddenAlias { alias, .. } => Some(alias),
            ArgumentEdit::Rename { .. } => None,
        })
        .collect();
    let (args, extra_args): (Vec<TokenStream>, Vec<TokenStream>) = match input {
        Some((_, Shape::Structure(s))) => {
            // (option, member) in aws-cli's table order, renames and hidden
            // aliases applied; `None` marks an option that is not required
            // whatever the model says (both sides of a hidden alias).
            let mut options: Vec<(String, &str, Option<bool>)> = s
                .members
                .keys()
                .map(|member_name| (cli_name(member_name), member_name.as_str(), None))
                .collect();
            for edit in customizations.argument_edits(&cli) {
                match edit {
                    ArgumentEdit::Rename { from, to } => {
                        if let Some(index) = options.iter().position(|o| o.0 == from) {
                            let (_, member, required) = options.remove(index);
                            options.push((to.to_string(), member, required));
                        }
                    }
                    ArgumentEdit::HiddenAlias { argument, alias } => {
                        if let Some(original) = options.iter_mut().find(|o| o.0 == argument) {
                            original.2 = Some(false);
                            let member = original.1;
                            options.push((alias.to_string(), member, Some(false)));
                        }
                    }
                }
            }
            let args = options
                .iter()
                .filter_map(|(option, member_name, required)| {
                    // A paging option shadows a member of the same name, as in aws-cli.
                    if paginator_config.is_some()
                        && crate::model::check::PAGING_OPTIONS.contains(&option.as_str())
                    {
                        return None;
                    }
                    if let Some(resolved) = extended.iter().find(|e| &e.declared.name == option) {
                        return Some(extended_arg(model, resolved));
                    }
                    let replaced = declared.iter().find(|c| &c.name == option);
                    // aws-cli makes some model-required options optional
                    // (another option can fill the member).
                    let optional = customizations
                        .optional_arguments
                        .get(&cli)
                        .is_some_and(|names| names.contains(option));
                    let required = if optional { Some(false) } else { *required };
                    arg(
                        model,
                        s,
                        option,
                        member_name,
                        replaced,
                        required,
                        customizations,
                    )
                })
                .collect();
            let extra = declared
                .iter()
                .filter(|c| !options.iter().any(|o| o.0 == c.name))
                .filter_map(|c| arg(model, s, &c.name, &c.member, Some(c), None, customizations))
                .chain(
                    extended
                        .iter()
                        .filter(|e| !options.iter().any(|o| o.0 == e.declared.name))
                        .map(|e| extended_arg(model, e)),
                )
                .collect();
            (args, extra)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let shapes = quote!(super::super::shapes::);
    let shape_ref = |r: &Option<crate::model::ShapeRef>| match r {
        Some(r) if model.shape(&r.shape).is_some() => {
            let stat = super::shapes::static_ident(&r.shape);
            quote!(Some(&#shapes #stat))
        }
        _ => quote!(None),
    };
    let input_shape = shape_ref(&op.input);
    let output_shape = shape_ref(&op.output);
    let doc = format!(" `{name}`: the `{cli}` command.");
    let unsigned = files.unsigned_by_handler || op.authtype.as_deref() == Some("none");
    // botocore's generate_idempotent_uuid fills top-level members only.
    let idempotency_tokens: Vec<&str> = match input {
        Some((_, Shape::Structure(s))) => s
            .members
            .iter()
            .filter(|(_, m)| m.idempotency_token)
            .map(|(name, _)| name.as_str())
            .collect(),
        _ => Vec::new(),
    };
    // aws-cli's make_hidden_command_alias copies the whole command under
    // another name; only the name and its page (titled with it) differ.
    let aliases = files.aliases.iter().map(|(alias, help)| {
        let alias_stat = alias_static_ident(alias);
        let doc = format!(" `{alias}`: aws-cli's hidden alias of `{cli}`.");
        quote! {
            #[doc = #doc]
            pub static #alias_stat: Operation = Operation {
                cli_name: #alias,
                help_rst: include_str!(#help),
                ..#stat
            };
        }
    });
    // Import exactly what the descriptor names, so no import is unused.
    let uses_scalar = args
        .iter()
        .chain(&extra_args)
        .any(|a| a.to_string().contains("ArgType"));
    let model_imports = match (args.is_empty() && extra_args.is_empty(), uses_scalar) {
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
        #model_imports

        pub static #stat: Operation = Operation {
            name: #name,
            cli_name: #cli,
            summary: #summary,
            args: &[#(#args)*],
            extra_args: &[#(#extra_args)*],
            help_rst: include_str!(#help),
            input_skeleton: include_str!(#input_skeleton),
            output_skeleton: include_str!(#output_skeleton),
            input: #input_shape,
            output: #output_shape,
            paginator: #paginator,
            unsigned: #unsigned,
            idempotency_tokens: &[#(#idempotency_tokens),*],
            hidden_options: &[#(#hidden_options),*],
        };

        #(#aliases)*
    }
}
