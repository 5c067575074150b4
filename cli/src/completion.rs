//! `awsr completion bash|zsh|fish|elvish|powershell`: a completion script
//! built with clap_complete from the runtime's option table
//! (`awsr_runtime::options`), the same table the driver builds its parsers
//! from, so every command and option the parser accepts completes: services,
//! operations, `wait` and its waiters, `help`, the global options (with
//! their value choices), paging options, `--no-` twins and customisations'
//! options.

use awsr_runtime::argparse::Nargs;
use awsr_runtime::model::{Operation, Service};
use awsr_runtime::options::{self, CliOption};
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, Command};
use clap_complete::Shell;
use std::io::Write;

/// A subcommand that takes no clap-made `--help`/`-h` (aws-cli has none).
fn command(name: impl Into<clap::builder::Str>) -> Command {
    Command::new(name)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
}

/// One table entry as a clap argument: how many values, which ones.
fn clap_arg(option: &CliOption<'_>) -> Arg {
    let name = option.name.to_string();
    let arg = Arg::new(name.clone())
        .long(name)
        .help(option.summary.to_string())
        .global(option.is_global());
    let arg = match option.nargs {
        Nargs::Flag | Nargs::Version => arg.action(ArgAction::SetTrue),
        Nargs::One => arg.action(ArgAction::Set),
        Nargs::Optional(_) => arg.action(ArgAction::Set).num_args(0..=1),
        Nargs::ZeroOrMore => arg.action(ArgAction::Append).num_args(0..),
        Nargs::OneOrMore => arg.action(ArgAction::Append).num_args(1..),
    };
    if option.choices.is_empty() {
        arg
    } else {
        arg.value_parser(PossibleValuesParser::new(
            option.choices.iter().map(|choice| choice.to_string()),
        ))
    }
}

/// `<operation>` or `wait <waiter>`: the operation's options and `help`.
fn operation_command(
    name: &'static str,
    about: impl Into<String>,
    operation: &Operation,
) -> Command {
    options::operation_options(operation)
        .iter()
        // A member named like a global option (`--query` in some services)
        // completes through the global one; clap refuses the name twice.
        .filter(|option| {
            !options::GLOBAL_OPTIONS
                .iter()
                .any(|global| global.name == option.name)
        })
        .fold(command(name).about(about.into()), |cmd, option| {
            cmd.arg(clap_arg(option))
        })
        .subcommand(command("help").about("Show this command's page"))
}

/// The command tree: `awsr <service> <operation>|wait <waiter> --<option>`,
/// the levels' `help`, and the global options everywhere.
pub fn command_tree(services: &[&'static Service]) -> Command {
    let mut root = command("awsr");
    for option in &options::GLOBAL_OPTIONS {
        root = root.arg(clap_arg(option));
    }
    for name in options::top_level_commands(services) {
        let Some(service) = services.iter().find(|s| s.cli_name == name) else {
            root = root.subcommand(command(name).about("Show the services"));
            continue;
        };
        let mut service_cmd = command(name).about(service.full_name);
        for name in options::service_commands(service) {
            service_cmd = service_cmd.subcommand(match name {
                "help" => command(name).about("Show this service's page"),
                "wait" => waiters_command(service),
                _ => match service.operation(name) {
                    Some(operation) => operation_command(name, operation.summary, operation),
                    None => command(name),
                },
            });
        }
        root = root.subcommand(service_cmd);
    }
    root.subcommand(
        command("completion")
            .about("Print a shell completion script")
            .arg(Arg::new("shell").value_parser(clap::value_parser!(Shell))),
    )
}

/// `wait`: one subcommand per waiter, with its operation's options.
fn waiters_command(service: &Service) -> Command {
    let mut wait = command("wait").about("Wait until a condition is met");
    for name in options::waiter_commands(service) {
        if let Some(waiter) = service.waiters.iter().find(|w| w.cli_name == name) {
            let about = format!(
                "Wait for {}: polls {}",
                name.replace('-', " "),
                waiter.operation.cli_name
            );
            wait = wait.subcommand(operation_command(name, about, waiter.operation));
        }
    }
    wait
}

/// The fish script with the waiter level completed: clap_complete's fish
/// generator stops at two levels of subcommands (a documented HACK in its
/// `gen_fish_inner`), so the lines for `awsr <service> wait <waiter>` are
/// written here in the form it uses, and its `wait`-level lines are limited
/// to before a waiter is named (else they would offer the waiters again).
fn fish_with_waiters(script: &str, services: &[&'static Service]) -> String {
    let mut script = script.to_string();
    for service in services.iter().filter(|s| !s.waiters.is_empty()) {
        let wait_level = format!(
            "-n \"__fish_awsr_using_subcommand {}; and __fish_seen_subcommand_from wait",
            service.cli_name
        );
        let before_a_waiter = format!(
            "{wait_level}; and not __fish_seen_subcommand_from {}",
            options::waiter_commands(service).join(" ")
        );
        script = script.replace(&format!("{wait_level}\""), &format!("{before_a_waiter}\""));
    }
    script + &fish_waiter_lines(services)
}

fn fish_waiter_lines(services: &[&'static Service]) -> String {
    let quote = |text: &str| format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"));
    let mut lines = String::new();
    for service in services {
        for waiter in service.waiters {
            let condition = format!(
                "__fish_awsr_using_subcommand {}; and __fish_seen_subcommand_from wait; and __fish_seen_subcommand_from {}",
                service.cli_name, waiter.cli_name
            );
            let table = options::operation_options(waiter.operation);
            for option in options::GLOBAL_OPTIONS.iter().chain(&table) {
                let mut line = format!(
                    "complete -c awsr -n \"{condition}\" -l {} -d {}",
                    option.name,
                    quote(&option.summary)
                );
                if !option.is_flag() {
                    line.push_str(" -r");
                }
                if !option.choices.is_empty() {
                    line.push_str(&format!(" -f -a \"{}\"", option.choices.join(" ")));
                }
                lines.push_str(&line);
                lines.push('\n');
            }
            lines.push_str(&format!(
                "complete -c awsr -n \"{condition}\" -f -a \"help\" -d {}\n",
                quote("Show this command's page")
            ));
        }
    }
    lines
}

/// Writes the script for `shell` to stdout, or explains the choices.
pub fn run(args: &[String], services: &[&'static Service]) -> i32 {
    let shells = "bash, zsh, fish, elvish, powershell";
    let Some(name) = args.first() else {
        eprintln!("usage: awsr completion <{}>", shells.replace(", ", "|"));
        return 2;
    };
    let Ok(shell) = name.parse::<Shell>() else {
        eprintln!("awsr completion: unknown shell '{name}'; choose one of: {shells}");
        return 2;
    };
    let mut command = command_tree(services);
    // Generate into memory, then write: a reader that closes the pipe early
    // (`| head`) is not an error, and clap_complete would panic on it.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "awsr", &mut script);
    if shell == Shell::Fish {
        script = fish_with_waiters(&String::from_utf8_lossy(&script), services).into_bytes();
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&script).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("awsr completion: {e}");
            255
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tree_is_valid_for_clap() {
        // clap asserts its invariants (unique names, global args) on build.
        super::command_tree(generated::SERVICES).debug_assert();
    }
}
