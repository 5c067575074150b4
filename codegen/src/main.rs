//! `codegen`: regenerate `generated/` from `model/`, or check that it is fresh.
//!
//! ```text
//! cargo run -p codegen -- generate [--root DIR]
//! cargo run -p codegen -- check [--root DIR]
//! cargo run -p codegen -- update <model path> [--botocore-version X] [--service NAME] [--root DIR]
//! cargo run -p codegen -- update --botocore-version X [--service NAME] [--root DIR]
//! ```
// Panic policy: no unwrap/expect/panic on user, model or network data outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: codegen <generate|check> [--root DIR]\n       codegen update [<model path>] [--botocore-version X] [--service NAME] [--root DIR]\n\n  generate  regenerate generated/ from model/\n  check     exit 1 and list the stale files when generated/ is not what generate would write\n  update    take a new botocore model (service-2.json[.gz], a folder, a wheel, or --botocore-version\n            to fetch one with pip), regenerate, and write model/<service>/CHANGES.md; from a wheel or\n            --botocore-version without --service, every service in model/awsr.json\n\n  --root DIR  the workspace to work on; by default the one the current folder is in";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut command = None;
    let mut root_arg: Option<PathBuf> = None;
    let mut source = None;
    let mut botocore_version = None;
    let mut service = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--root" => match iter.next() {
                Some(dir) => root_arg = Some(PathBuf::from(dir)),
                None => return usage("--root needs a folder"),
            },
            "--botocore-version" => match iter.next() {
                Some(v) => botocore_version = Some(v.clone()),
                None => return usage("--botocore-version needs a version"),
            },
            "--service" => match iter.next() {
                Some(v) => service = Some(v.clone()),
                None => return usage("--service needs a name"),
            },
            "update" if command.is_none() => command = Some(arg.clone()),
            path if command.as_deref() == Some("update")
                && source.is_none()
                && !path.starts_with("--") =>
            {
                source = Some(PathBuf::from(path))
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "generate" | "check" if command.is_none() => command = Some(arg.clone()),
            other => return usage(&format!("unexpected argument '{other}'")),
        }
    }
    let Some(command) = command else {
        return usage("missing command");
    };
    // The workspace this run works on: --root, or the one the current
    // folder is in; never the one this binary was built in.
    let found = match &root_arg {
        Some(dir) => codegen::workspace::check_root(dir),
        None => match std::env::current_dir() {
            Ok(cwd) => codegen::workspace::find_root(&cwd),
            Err(e) => return fail(&format!("cannot read the current folder: {e}")),
        },
    };
    let root = match found {
        Ok(root) => root,
        Err(e) => return fail(&e.to_string()),
    };
    if command == "update" {
        let request = codegen::update::UpdateRequest {
            root,
            source,
            botocore_version,
            service,
        };
        return match codegen::update::run(&request) {
            Ok(outcome) => {
                print!("{}", outcome.summary());
                for path in &outcome.written {
                    println!("wrote: {path}");
                }
                for path in &outcome.removed {
                    println!("removed: {path}");
                }
                if outcome.reverted {
                    println!(
                        "this update reverts the newest entry of CHANGES.md, which was removed"
                    );
                } else if outcome.written.is_empty() && outcome.removed.is_empty() {
                    println!("the model is unchanged");
                }
                if let Some(steps) = &outcome.human_steps {
                    println!("\nstill to do by hand:\n{steps}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("update failed, nothing was changed: {e}")),
        };
    }
    // One run at a time per workspace; a run killed earlier is finished
    // (or undone) before anything is read.
    let lock = match codegen::transaction::lock(&root, &mut codegen::update::waiting_for) {
        Ok(lock) => lock,
        Err(e) => return fail(&format!("cannot lock the workspace: {e}")),
    };
    match codegen::transaction::recover(&lock) {
        Ok(true) => eprintln!("codegen: finished an interrupted run first"),
        Ok(false) => {}
        Err(e) => return fail(&format!("cannot finish an interrupted run: {e}")),
    }
    let inputs = match codegen::inputs::load(&root) {
        Ok(inputs) => inputs,
        Err(e) => return fail(&format!("cannot read the model: {e}")),
    };
    let files = match codegen::generate(&inputs) {
        Ok(files) => files,
        Err(e) => return fail(&format!("cannot generate: {e}")),
    };
    if command == "check" {
        match codegen::write::check(&root, &files) {
            Ok(drift) if drift.is_clean() => {
                println!("generated/ is up to date ({} files)", files.len());
                ExitCode::SUCCESS
            }
            Ok(drift) => {
                eprintln!("generated/ is stale; these files differ from what codegen writes now:");
                for line in drift.lines() {
                    eprintln!("  {line}");
                }
                eprintln!("Fix: cargo run -p codegen -- generate  (then commit generated/)");
                ExitCode::FAILURE
            }
            Err(e) => fail(&format!("cannot read generated/: {e}")),
        }
    } else {
        match codegen::write::write_locked(&lock, &files) {
            Ok(drift) => {
                for line in drift.lines() {
                    println!("{line}");
                }
                println!(
                    "generated {} files ({} updated, {} removed)",
                    files.len(),
                    drift.changed.len() + drift.missing.len(),
                    drift.extra.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot write generated/: {e}")),
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("codegen: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("codegen: {message}");
    ExitCode::FAILURE
}
