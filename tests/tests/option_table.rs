//! The option table (`awsr_runtime::options`) against what reads it: the
//! parser (probed by running the binary, `tests::probe`) accepts exactly the
//! table's options and requires exactly its required ones, and each help
//! page's synopsis lists exactly the options the table documents (all but
//! the paginator's own token members, which aws-cli hides but still parses).

use awsr_runtime::model::ArgType;
use awsr_runtime::options::{self, CliOption};
use std::collections::BTreeSet;
use tests::awsr::awsr;
use tests::probe::{parser_options, parser_required, Names};

fn names<'a>(options: impl IntoIterator<Item = &'a CliOption<'a>>) -> Names {
    options.into_iter().map(|o| o.name.to_string()).collect()
}

/// The options a help page's SYNOPSIS lists, and those it shows required
/// (not in brackets).
fn synopsis(page: &str) -> (Names, Names) {
    let section = page
        .split_once("SYNOPSIS\n")
        .and_then(|(_, rest)| rest.split_once("\nOPTIONS\n"))
        .map(|(synopsis, _)| synopsis)
        .unwrap_or_else(|| panic!("no SYNOPSIS in {page}"));
    let mut listed = Names::new();
    let mut required = Names::new();
    for line in section.lines().map(str::trim) {
        let words: Vec<String> = line
            .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
            .filter_map(|w| w.strip_prefix("--"))
            .map(str::to_string)
            .collect();
        if let (Some(first), false) = (words.first(), line.starts_with('[')) {
            required.insert(first.clone());
        }
        listed.extend(words);
    }
    (listed, required)
}

#[test]
fn parser_help_and_table_agree_for_every_command() {
    assert_eq!(
        parser_options(&[]),
        names(&options::GLOBAL_OPTIONS),
        "global options"
    );
    let mut all = Vec::new();
    for service in generated::SERVICES {
        let operations = service.operations.iter().map(|op| (vec![op.cli_name], *op));
        let waiters = service
            .waiters
            .iter()
            .map(|w| (vec!["wait", w.cli_name], w.operation));
        for (words, operation) in operations.chain(waiters) {
            let path: Vec<&str> = [service.cli_name].into_iter().chain(words).collect();
            all.push((path, operation));
        }
    }
    let commands = all.len();
    let checked_options: usize = all
        .iter()
        .map(|(_, operation)| options::operation_options(operation).len())
        .sum();
    tests::parallel::for_each(&all, tests::parallel::threads(), |(path, operation)| {
        let path = path.clone();
        let table = options::operation_options(operation);
        let mut behind_dashdash = vec!["--"];
        behind_dashdash.extend(&path);
        assert_eq!(
            parser_options(&behind_dashdash),
            names(&table),
            "awsr {path:?}"
        );
        let required: Names = names(table.iter().filter(|o| o.required));
        assert_eq!(
            parser_required(&path),
            required,
            "required by awsr {path:?}"
        );

        let mut help_args = path.clone();
        help_args.push("help");
        let page = awsr(help_args).run();
        assert_eq!(page.code, 0, "awsr {path:?} help: {}", page.stderr);
        let (listed, shown_required) = synopsis(&page.stdout);
        assert_eq!(
            listed,
            names(table.iter().filter(|o| o.documented)),
            "help synopsis of awsr {path:?}"
        );
        // aws-cli's make_hidden_alias: an option with a hidden alias is no
        // longer required, but its page still shows it as the model does.
        let model_required = |member: &str| {
            matches!(
                operation.input.map(|i| i.base()),
                Some(ArgType::Structure(members))
                    if members.iter().any(|m| m.name == member && m.required)
            )
        };
        let aliased: Names = operation
            .args
            .iter()
            .filter(|arg| {
                !operation.hidden_options.contains(&arg.cli_name)
                    && model_required(arg.member)
                    && operation.args.iter().any(|alias| {
                        alias.member == arg.member
                            && operation.hidden_options.contains(&alias.cli_name)
                    })
            })
            .map(|arg| arg.cli_name.to_string())
            .collect();
        assert_eq!(
            shown_required,
            required.union(&aliased).cloned().collect::<Names>(),
            "help synopsis of awsr {path:?}"
        );
    });
    let hidden: BTreeSet<String> = generated::SERVICES
        .iter()
        .flat_map(|s| s.operations.iter())
        .flat_map(|op| options::operation_options(op))
        .filter(|o| !o.documented)
        .map(|o| o.name.to_string())
        .collect();
    assert!(hidden.contains("marker"), "{hidden:?}");
    assert!(
        commands >= 29 && checked_options >= 150,
        "{commands} commands, {checked_options} options"
    );
    eprintln!("{commands} commands, {checked_options} options: parser, help and table agree");
}
