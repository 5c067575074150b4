//! `awsr completion bash|zsh|fish|elvish|powershell`: a completion script
//! built with clap_complete from the same generated descriptors the driver
//! dispatches on, so every service, command and option completes.

use awsr_runtime::model::Service;
use clap::{Arg, ArgAction, Command};
use clap_complete::Shell;
use std::io::Write;

/// The global options, as completion offers them.
const GLOBAL_OPTIONS: &[&str] = &[
    "debug",
    "endpoint-url",
    "no-verify-ssl",
    "no-paginate",
    "output",
    "query",
    "profile",
    "region",
    "version",
    "color",
    "no-sign-request",
    "ca-bundle",
    "cli-read-timeout",
    "cli-connect-timeout",
];

/// The command tree: `awsr <service> <operation> --<option>`.
pub fn command_tree(services: &[&Service]) -> Command {
    let mut root = Command::new("awsr")
        .disable_help_subcommand(true)
        .disable_version_flag(true);
    for name in GLOBAL_OPTIONS {
        root = root.arg(
            Arg::new(*name)
                .long(*name)
                .global(true)
                .action(ArgAction::Set),
        );
    }
    for service in services {
        let mut service_cmd = Command::new(service.cli_name).subcommand(Command::new("help"));
        for operation in service.operations {
            let mut op_cmd = Command::new(operation.cli_name)
                .about(operation.summary)
                .subcommand(Command::new("help"));
            for arg in operation.args {
                op_cmd = op_cmd.arg(
                    Arg::new(arg.cli_name)
                        .long(arg.cli_name)
                        .action(ArgAction::Set),
                );
            }
            op_cmd = op_cmd
                .arg(
                    Arg::new("cli-input-json")
                        .long("cli-input-json")
                        .action(ArgAction::Set),
                )
                .arg(
                    Arg::new("generate-cli-skeleton")
                        .long("generate-cli-skeleton")
                        .value_parser(["input", "output"])
                        .num_args(0..=1),
                );
            service_cmd = service_cmd.subcommand(op_cmd);
        }
        root = root.subcommand(service_cmd);
    }
    root.subcommand(Command::new("help")).subcommand(
        Command::new("completion").arg(Arg::new("shell").value_parser(clap::value_parser!(Shell))),
    )
}

/// Writes the script for `shell` to stdout, or explains the choices.
pub fn run(args: &[String], services: &[&Service]) -> i32 {
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
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&script).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("awsr completion: {e}");
            255
        }
        _ => 0,
    }
}
