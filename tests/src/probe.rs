//! Learning what awsr's parser accepts by running the built binary, never by
//! reading the option table: argparse names every option a parser knows when
//! given `--=x` (a prefix of all of them, so "ambiguous option: --=x could
//! match ..."), every choice a position takes when given a value outside
//! them ("Invalid choice, valid choices are: ..."), and the required options
//! when they are missing ("the following arguments are required: ...").
//! `awsr -- <service> <operation> --=x` reaches the operation's parser: after
//! `--` the main parser leaves the rest to the command.

use crate::awsr::{awsr, Output};
use std::collections::BTreeSet;

pub type Names = BTreeSet<String>;

/// A value no choice list holds.
const NOT_A_CHOICE: &str = "not-a-choice-zz";

/// `awsr args...`, with a closed loopback endpoint so that a probe that got
/// as far as a call could never leave the machine.
pub fn run(args: &[&str]) -> Output {
    let mut argv = vec!["--endpoint-url", "http://127.0.0.1:9"];
    argv.extend_from_slice(args);
    awsr(argv).env("AWSR_DELAY_SCALE", "0").run()
}

/// The options the parser reached by `args` knows, from its ambiguity error.
pub fn parser_options(args: &[&str]) -> Names {
    let mut argv = args.to_vec();
    argv.push("--=x");
    let out = run(&argv);
    let marker = "ambiguous option: --=x could match ";
    let list = out
        .stderr
        .lines()
        .find_map(|line| line.split_once(marker).map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("{args:?}: no ambiguity error: {}", out.stderr));
    assert_eq!(out.code, 2, "{args:?}");
    list.split(", ")
        .map(|name| name.trim_start_matches("--").to_string())
        .collect()
}

/// The invalid-choice error for a value outside the choices of the
/// position after `args`: which argument it names, and its choices.
pub fn invalid_choice(args: &[&str]) -> Option<(String, Names)> {
    let mut argv = args.to_vec();
    argv.push(NOT_A_CHOICE);
    // Stop a command that parses before it could do anything else.
    if args.len() > 2 {
        argv.push("--generate-cli-skeleton");
    }
    let out = run(&argv);
    let (before, table) = out
        .stderr
        .split_once(": Invalid choice, valid choices are:\n")?;
    let (_, argument) = before.rsplit_once("error: argument ")?;
    assert_eq!(out.code, 2, "{argv:?}");
    let choices = table
        .lines()
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty())
        .flat_map(|line| line.split(" | "))
        .map(|choice| choice.trim().to_string())
        .filter(|choice| !choice.is_empty())
        .collect();
    Some((argument.to_string(), choices))
}

/// The commands the parser takes after `args`.
pub fn command_choices(args: &[&str]) -> Names {
    match invalid_choice(args) {
        Some((argument, choices)) if !argument.starts_with('-') => choices,
        other => panic!("awsr {args:?}: no command choices: {other:?}"),
    }
}

/// The values option `--name` (the last of `args`) takes, when they are a
/// fixed list; `None` when it takes any value, or none.
pub fn option_choices(args: &[&str]) -> Option<Names> {
    let flag = args.last().copied().unwrap_or_default();
    invalid_choice(args)
        .filter(|(argument, _)| argument == flag)
        .map(|(_, choices)| choices)
}

/// Every command of every service, as the parser names them: `[service,
/// operation]` and `[service, "wait", waiter]`.
pub fn parser_commands() -> Vec<Vec<String>> {
    let top = command_choices(&[]);
    let mut commands = Vec::new();
    for service in top.iter().filter(|c| *c != "help") {
        let operations = command_choices(&[service]);
        for operation in &operations {
            match operation.as_str() {
                "help" => {}
                "wait" => {
                    let waiters = command_choices(&[service, "wait"]);
                    for waiter in waiters {
                        commands.push(vec![service.clone(), "wait".into(), waiter]);
                    }
                }
                _ => commands.push(vec![service.clone(), operation.clone()]),
            }
        }
    }
    commands
}

/// The options the command at `path` requires: the parser's error when
/// none is given (`--generate-cli-skeleton output` keeps them required and
/// stops before any call).
pub fn parser_required(path: &[&str]) -> Names {
    let mut argv = path.to_vec();
    argv.extend(["--generate-cli-skeleton", "output"]);
    let out = run(&argv);
    let marker = "the following arguments are required: ";
    match out.stderr.split_once(marker) {
        Some((_, list)) => {
            assert_eq!(out.code, 2, "{argv:?}");
            list.trim_end()
                .split(", ")
                .map(|name| name.trim_start_matches("--").to_string())
                .collect()
        }
        None => {
            // Parsed: the skeleton, or aws-cli's Stubber refusing its own
            // placeholder response (`min` lengths, blobs), as awsr does too.
            assert!(
                out.code == 0 || out.stderr.starts_with("\nParameter validation failed:"),
                "{argv:?}: {}",
                out.stderr
            );
            Names::new()
        }
    }
}
