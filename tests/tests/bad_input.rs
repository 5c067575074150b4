//! The bad-input matrix, for every generated command: each bad input gets a
//! clear error naming what is wrong, aws-cli's exit code, and never a panic.
//! The texts follow botocore's and aws-cli's wording (see cancel_steps_cli.rs
//! for the byte-for-byte comparison with aws-cli itself).

use awsr_runtime::model::ArgType;
use tests::awsr::awsr;

/// Where commands with bad input are sent: validation comes before any
/// connection, and a closed port stops anything that would pass. (Not
/// `--generate-cli-skeleton output`: as aws-cli's Stubber, it first
/// validates the placeholder response, which fails for some commands.)
const UNREACHABLE: &str = "http://127.0.0.1:1";

fn assert_clean(label: &str, out: &tests::awsr::Output, code: i32, needle: &str) {
    assert!(
        !out.stderr.contains("panicked"),
        "{label}: panic\n{}",
        out.stderr
    );
    assert_eq!(out.code, code, "{label}: exit code\n{}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "{label}: expected {needle:?} in\n{}",
        out.stderr
    );
}

/// A JSON value of the wrong type for an argument of type `ty`.
fn wrong_type(ty: &ArgType) -> &'static str {
    match ty.base() {
        ArgType::String | ArgType::Timestamp | ArgType::Blob => "[1]",
        _ => "\"text\"",
    }
}

#[test]
fn every_command_reports_bad_input_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let not_utf8 = dir.path().join("latin1.json");
    std::fs::write(&not_utf8, b"{\"x\": \"caf\xe9\"}").unwrap();
    let missing = dir.path().join("missing.json");
    let commands: Vec<_> = generated::SERVICES
        .iter()
        .flat_map(|service| service.operations.iter().map(move |op| (*service, *op)))
        .collect();
    tests::parallel::for_each(&commands, tests::parallel::threads(), |&(service, op)| {
        {
            let cmd = |extra: &[&str]| {
                let mut args = vec![service.cli_name.to_string(), op.cli_name.to_string()];
                args.extend(extra.iter().map(|s| s.to_string()));
                awsr(args).env("AWSR_DELAY_SCALE", "0").run()
            };
            let label = |what: &str| format!("{} {}: {what}", service.cli_name, op.cli_name);
            // Unknown member, via --cli-input-json.
            let out = cmd(&[
                "--cli-input-json",
                r#"{"NoSuchMember": 1}"#,
                "--endpoint-url",
                UNREACHABLE,
            ]);
            assert_clean(
                &label("unknown member"),
                &out,
                255,
                "Unknown parameter in input: \"NoSuchMember\"",
            );
            // Invalid JSON names the parameter.
            let out = cmd(&["--cli-input-json", "{oops", "--endpoint-url", UNREACHABLE]);
            assert_clean(
                &label("invalid JSON"),
                &out,
                255,
                "Error parsing parameter 'cli-input-json': Invalid JSON",
            );
            // Unreadable file:// paths name the file.
            let url = format!("file://{}", missing.display());
            let out = cmd(&["--cli-input-json", &url]);
            assert_clean(
                &label("missing file"),
                &out,
                255,
                "No such file or directory",
            );
            // Non-UTF-8 file content names the file.
            let url = format!("file://{}", not_utf8.display());
            let out = cmd(&["--cli-input-json", &url]);
            assert_clean(&label("non-UTF-8 file"), &out, 255, "latin1.json");
            // An unknown option.
            // (--cli-input-json makes required options optional, as in aws-cli.)
            let out = cmd(&["--cli-input-json", "{}", "--no-such-option"]);
            assert_clean(
                &label("unknown option"),
                &out,
                255,
                "Unknown options: --no-such-option",
            );
            // Missing required members, at the top level.
            if let Some(required) = op.args.iter().find(|a| a.required) {
                let out = cmd(&["--cli-input-json", "{}", "--endpoint-url", UNREACHABLE]);
                let needle = format!(
                    "Missing required parameter in input: \"{}\"",
                    required.member
                );
                assert_clean(&label("missing required"), &out, 255, &needle);
            }
            // Wrong types at the top level and an empty or oversized value,
            // for each member.
            for arg in op.args {
                let json = format!(r#"{{"{}": {}}}"#, arg.member, wrong_type(arg.arg_type));
                let out = cmd(&["--cli-input-json", &json, "--endpoint-url", UNREACHABLE]);
                let needle = format!("Invalid type for parameter {}", arg.member);
                assert_clean(
                    &label(&format!("wrong type for {}", arg.member)),
                    &out,
                    255,
                    &needle,
                );
                if *arg.arg_type.base() == ArgType::String {
                    let big = format!(r#"{{"{}": "{}"}}"#, arg.member, "x".repeat(100_000));
                    let out = cmd(&["--cli-input-json", &big, "--endpoint-url", UNREACHABLE]);
                    assert!(
                        !out.stderr.contains("panicked"),
                        "{}",
                        label("oversized value")
                    );
                }
            }
            // Wrong types one level down, for structure members.
            for arg in op.args {
                if let ArgType::Structure(members) = arg.arg_type.base() {
                    if let Some(member) = members.first() {
                        let json = format!(
                            r#"{{"{}": {{"{}": {}}}}}"#,
                            arg.member,
                            member.name,
                            wrong_type(member.shape)
                        );
                        let out = cmd(&["--cli-input-json", &json, "--endpoint-url", UNREACHABLE]);
                        let needle =
                            format!("Invalid type for parameter {}.{}", arg.member, member.name);
                        assert_clean(&label("nested wrong type"), &out, 255, &needle);
                    }
                }
            }
        }
    });
}

#[test]
fn deep_nesting_is_refused_clearly() {
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let json = format!(r#"{{"StepIds": {deep}}}"#);
    let out = awsr(["emr", "cancel-steps", "--cli-input-json", &json]).run();
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("overflow"),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 255);
    assert!(
        out.stderr.contains("maximum recursion depth exceeded"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_are_named() {
    use std::os::unix::ffi::OsStrExt;
    let out = std::process::Command::new(tests::awsr::binary())
        .args(["emr", "cancel-steps", "--cluster-id"])
        .arg(std::ffi::OsStr::from_bytes(b"j-\xff"))
        .env_clear()
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(255));
    assert!(stderr.contains("argument 4 is not valid UTF-8"), "{stderr}");
}
