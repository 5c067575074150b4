//! `awsr completion <shell>`: scripts that complete services, commands and
//! options, built from the same descriptors the driver uses.

use tests::awsr::awsr;

#[test]
fn bash_completion_completes_commands_and_options() {
    let out = awsr(["completion", "bash"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), &out.stdout).unwrap();
    // Load the script into a real bash and ask it to complete.
    let complete = |line: &str| -> String {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _awsr awsr '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.path().display(),
            words.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(program)
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(complete("awsr em").lines().any(|l| l == "emr"));
    let commands = complete("awsr emr list-");
    for command in ["list-clusters", "list-steps", "list-instances"] {
        assert!(
            commands.lines().any(|l| l == command),
            "{command} in {commands}"
        );
    }
    let options = complete("awsr emr cancel-steps --");
    for option in [
        "--cluster-id",
        "--step-ids",
        "--cli-input-json",
        "--generate-cli-skeleton",
    ] {
        assert!(
            options.lines().any(|l| l == option),
            "{option} in {options}"
        );
    }
}

#[test]
fn every_shell_and_a_bad_one() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = awsr(["completion", shell]).run();
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("cancel-steps"), "{shell}");
    }
    let out = awsr(["completion", "tcsh"]).run();
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "awsr completion: unknown shell 'tcsh'; choose one of: bash, zsh, fish, elvish, powershell\n");
}
