//! `awsr completion <shell>`: scripts that complete exactly what the parser
//! accepts. The parser's side is learnt by running the built binary
//! (`tests::probe`: its own error messages list its options and choices),
//! never by reading the option table; the completion side by running the
//! bash script in a real bash, and by reading the zsh and fish scripts'
//! per-command blocks.

use std::collections::BTreeMap;
use tests::awsr::awsr;
use tests::probe::{command_choices, option_choices, parser_commands, parser_options, run, Names};

/// The bash script loaded into a real bash, asked many completions at once.
struct Bash {
    script: tempfile::NamedTempFile,
    /// An empty working folder: bash's file-name completion offers nothing.
    empty: tempfile::TempDir,
}

impl Bash {
    fn new() -> Bash {
        let out = awsr(["completion", "bash"]).run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        let script = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(script.path(), &out.stdout).unwrap();
        Bash {
            script,
            empty: tempfile::tempdir().unwrap(),
        }
    }

    /// What bash offers for each line (the words after `awsr`, the last
    /// being the one under the cursor).
    fn complete(&self, lines: &[Vec<&str>]) -> Vec<Names> {
        let quote = |word: &str| format!("'{}'", word.replace('\'', "'\\''"));
        let mut program = format!(
            "source {}\ncd {}\n{}\n",
            quote(&self.script.path().display().to_string()),
            quote(&self.empty.path().display().to_string()),
            r#"c() { COMP_WORDS=(awsr "$@"); COMP_CWORD=$#; COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _awsr awsr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\n' "${COMPREPLY[@]}"; echo @@; }"#
        );
        for line in lines {
            let words: Vec<String> = line.iter().map(|w| quote(w)).collect();
            program.push_str(&format!("c {}\n", words.join(" ")));
        }
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(program)
            .output()
            .expect("bash runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let answers: Vec<Names> = stdout
            .split("@@\n")
            .take(lines.len())
            .map(|answer| {
                answer
                    .lines()
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        assert_eq!(
            answers.len(),
            lines.len(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        answers
    }
}

fn options_of(words: &Names) -> Names {
    words
        .iter()
        .filter_map(|w| w.strip_prefix("--"))
        .map(str::to_string)
        .collect()
}

fn words_of(words: &Names) -> Names {
    words
        .iter()
        .filter(|w| !w.starts_with('-'))
        .cloned()
        .collect()
}

/// The commands whose completion is checked option by option: every EMR
/// command and waiter, and the first and last command and first waiter of
/// every other service. Completion renders the same option table the parser
/// reads, and tests/tests/option_table.rs checks parser and table for every
/// command of every service; a static script for all ~2,000 commands is
/// too slow for bash to answer thousands of times in a test.
fn sampled_commands() -> Vec<Vec<String>> {
    let all = parser_commands();
    let mut sample: Vec<Vec<String>> = Vec::new();
    let mut services: Vec<&String> = all.iter().map(|c| &c[0]).collect();
    services.dedup();
    for service in services {
        let of: Vec<&Vec<String>> = all.iter().filter(|c| &c[0] == service).collect();
        if service == "emr" {
            sample.extend(of.into_iter().cloned());
            continue;
        }
        let operations: Vec<&&Vec<String>> = of.iter().filter(|c| c.len() == 2).collect();
        let waiters: Vec<&&Vec<String>> = of.iter().filter(|c| c.len() == 3).collect();
        for picked in [operations.first(), operations.last(), waiters.first()]
            .into_iter()
            .flatten()
        {
            if !sample.contains(picked) {
                sample.push((**picked).clone());
            }
        }
    }
    sample
}

#[test]
fn bash_completes_every_command_and_option_the_parser_accepts() {
    let bash = Bash::new();
    let globals = parser_options(&[]);
    assert!(globals.contains("output") && globals.contains("no-paginate"));

    // The command levels: `awsr`, `awsr <service>`, `awsr <service> wait`.
    let top = command_choices(&[]);
    let mut levels: Vec<(Vec<&str>, Names)> = vec![(vec![], top.clone())];
    for service in top.iter().filter(|c| *c != "help") {
        let operations = command_choices(&[service]);
        if operations.contains("wait") {
            levels.push((vec![service, "wait"], command_choices(&[service, "wait"])));
        }
        levels.push((vec![service], operations));
    }
    let lines: Vec<Vec<&str>> = levels
        .iter()
        .map(|(path, _)| path.iter().copied().chain([""]).collect())
        .collect();
    for ((path, expected), offered) in levels.iter().zip(bash.complete(&lines)) {
        let mut expected = expected.clone();
        if path.is_empty() {
            // Handled by the binary before the parser.
            expected.insert("completion".into());
        }
        assert_eq!(words_of(&offered), expected, "commands after awsr {path:?}");
        assert_eq!(options_of(&offered), globals, "options after awsr {path:?}");
    }

    // Every command: its options (with the globals), its `help`, and the
    // choices of every option that has them.
    let commands = sampled_commands();
    let mut option_count = 0;
    let mut choice_count = 0;
    for command in &commands {
        let path: Vec<&str> = command.iter().map(String::as_str).collect();
        let mut behind_dashdash = vec!["--"];
        behind_dashdash.extend(&path);
        let own = parser_options(&behind_dashdash);
        let accepted: Names = own.union(&globals).cloned().collect();
        let choices: BTreeMap<&String, Option<Names>> = own
            .iter()
            .map(|option| {
                let flag = format!("--{option}");
                let probe: Vec<&str> = path.iter().copied().chain([flag.as_str()]).collect();
                (option, option_choices(&probe))
            })
            .collect();

        let mut lines: Vec<Vec<&str>> = vec![
            path.iter().copied().chain(["--"]).collect(),
            path.iter().copied().chain([""]).collect(),
        ];
        let flags: Vec<String> = own.iter().map(|o| format!("--{o}")).collect();
        for flag in &flags {
            lines.push(path.iter().copied().chain([flag.as_str(), ""]).collect());
        }
        let offered = bash.complete(&lines);
        assert_eq!(
            options_of(&offered[0]),
            accepted,
            "options of awsr {path:?}"
        );
        assert_eq!(
            words_of(&offered[1]),
            Names::from(["help".to_string()]),
            "subcommands of awsr {path:?}"
        );
        let help = run(&path.iter().copied().chain(["help"]).collect::<Vec<_>>());
        assert_eq!(help.code, 0, "awsr {path:?} help: {}", help.stderr);

        for ((option, parser), offered) in choices.iter().zip(&offered[2..]) {
            match parser {
                Some(values) => {
                    assert_eq!(offered, values, "values of --{option} in awsr {path:?}");
                    choice_count += 1;
                }
                // Any value (or none): no fixed words beyond the command's
                // own options and subcommand.
                None => {
                    let extra: Names = words_of(offered)
                        .into_iter()
                        .filter(|w| w != "help")
                        .collect();
                    assert!(
                        extra.is_empty(),
                        "--{option} of awsr {path:?} offers {extra:?}"
                    );
                }
            }
        }
        option_count += accepted.len();
    }
    // The global options' choices, at the top.
    let global_flags: Vec<String> = globals.iter().map(|g| format!("--{g}")).collect();
    let lines: Vec<Vec<&str>> = global_flags.iter().map(|f| vec![f.as_str(), ""]).collect();
    for ((flag, option), offered) in global_flags.iter().zip(&globals).zip(bash.complete(&lines)) {
        if let Some(values) = option_choices(&[flag]) {
            assert_eq!(offered, values, "values of --{option}");
            choice_count += 1;
        }
    }
    assert!(commands.len() >= 29, "{} commands", commands.len());
    assert!(
        choice_count >= 2 + commands.len(),
        "{choice_count} option choices"
    );
    eprintln!(
        "{} commands, {option_count} (command, option) pairs, {choice_count} choice lists agree",
        commands.len()
    );
}

/// The option names in each fish `complete` line, by its condition.
fn fish_options(script: &str) -> BTreeMap<String, Names> {
    let mut by_condition: BTreeMap<String, Names> = BTreeMap::new();
    for line in script
        .lines()
        .filter(|l| l.starts_with("complete -c awsr "))
    {
        let condition = line
            .split_once("-n \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(condition, _)| condition.to_string())
            .unwrap_or_default();
        if let Some((_, rest)) = line.split_once(" -l ") {
            let name = rest.split(' ').next().unwrap_or_default();
            by_condition
                .entry(condition)
                .or_default()
                .insert(name.to_string());
        }
    }
    by_condition
}

/// The option names of each zsh `_arguments` block, by the command path its
/// enclosing `case` statements name (`awsr-emr-list-clusters`).
fn zsh_options(script: &str) -> BTreeMap<String, Names> {
    let mut by_path: BTreeMap<String, Names> = BTreeMap::new();
    // The stack of open `case` statements: the command path of a
    // `case $line[1]` (from the curcontext line before it), or none.
    let mut cases: Vec<Option<String>> = Vec::new();
    let mut context = String::new();
    let mut label = String::new();
    let mut current: Option<String> = None;
    for line in script.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("curcontext=\"${curcontext%:*:*}:") {
            context = rest
                .split_once("-command-")
                .map(|(path, _)| path.to_string())
                .unwrap_or_default();
        } else if trimmed.starts_with("case $line[1] in") {
            cases.push(Some(std::mem::take(&mut context)));
        } else if trimmed.starts_with("case ") {
            cases.push(None);
        } else if trimmed == "esac" {
            cases.pop();
        } else if trimmed.starts_with('(') && trimmed.ends_with(')') {
            label = trimmed.trim_matches(&['(', ')'][..]).to_string();
        } else if trimmed.starts_with("_arguments ") {
            let parent = cases.iter().rev().find_map(|c| c.clone());
            current = Some(match parent {
                Some(parent) => format!("{parent}-{label}"),
                None => "awsr".to_string(),
            });
        } else if trimmed.starts_with("&& ret=0") {
            current = None;
        } else if let Some(path) = &current {
            // '--name=[help]: :...' \ or '*--name=...' or '--name[help]'
            if let Some(rest) = trimmed.trim_start_matches(['\'', '*']).strip_prefix("--") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                by_path.entry(path.clone()).or_default().insert(name);
            }
        }
    }
    by_path
}

#[test]
fn zsh_and_fish_scripts_hold_every_option_of_every_command() {
    let globals = parser_options(&[]);
    let fish = awsr(["completion", "fish"]).run();
    let zsh = awsr(["completion", "zsh"]).run();
    assert_eq!(
        (fish.code, zsh.code),
        (0, 0),
        "{}{}",
        fish.stderr,
        zsh.stderr
    );
    let fish = fish_options(&fish.stdout);
    let zsh = zsh_options(&zsh.stdout);
    let commands = sampled_commands();
    for command in &commands {
        let path: Vec<&str> = command.iter().map(String::as_str).collect();
        let mut behind_dashdash = vec!["--"];
        behind_dashdash.extend(&path);
        let accepted: Names = parser_options(&behind_dashdash)
            .union(&globals)
            .cloned()
            .collect();
        let zsh_path = format!("awsr-{}", path.join("-"));
        assert_eq!(zsh.get(&zsh_path), Some(&accepted), "zsh {zsh_path}");
        let condition = match path.as_slice() {
            [service, operation] => format!(
                "__fish_awsr_using_subcommand {service}; and __fish_seen_subcommand_from {operation}"
            ),
            [service, "wait", waiter] => format!(
                "__fish_awsr_using_subcommand {service}; and __fish_seen_subcommand_from wait; and __fish_seen_subcommand_from {waiter}"
            ),
            other => panic!("unexpected command {other:?}"),
        };
        assert_eq!(fish.get(&condition), Some(&accepted), "fish {condition}");
    }
    assert_eq!(zsh.get("awsr"), Some(&globals), "zsh top level");
}

#[test]
fn every_shell_and_a_bad_one() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = awsr(["completion", shell]).run();
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for word in ["cancel-steps", "cluster-running", "no-paginate", "active"] {
            assert!(out.stdout.contains(word), "{shell}: {word}");
        }
    }
    let out = awsr(["completion", "tcsh"]).run();
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "awsr completion: unknown shell 'tcsh'; choose one of: bash, zsh, fish, elvish, powershell\n");
}

#[test]
fn the_parser_probes_see_what_aws_cli_documents() {
    // The probes themselves, on commands whose options are known.
    let options = parser_options(&["--", "emr", "list-clusters"]);
    for option in [
        "active",
        "marker",
        "starting-token",
        "max-items",
        "cli-input-json",
    ] {
        assert!(options.contains(option), "{option} in {options:?}");
    }
    let options = parser_options(&["--", "emr", "set-visible-to-all-users"]);
    assert!(options.contains("no-visible-to-all-users"), "{options:?}");
    assert_eq!(
        option_choices(&["--output"]),
        Some(Names::from(["json", "table", "text"].map(String::from)))
    );
}
