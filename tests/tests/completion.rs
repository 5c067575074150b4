//! Shell completion: `awsr completion <shell>` prints a small script that
//! asks `awsr __complete` for the candidates; these tests check that the
//! candidates agree with what the parser accepts, for every command of
//! every service. The parser's side is learnt by running the built binary
//! (`tests::probe`: its own error messages list its options and choices),
//! never by reading the option table; the completion side by asking
//! `awsr __complete` (thousands of queries in one `--batch` process), and
//! the bash script end to end in a real bash.

use std::sync::Mutex;
use tests::awsr::{awsr, binary};
use tests::probe::{command_choices, option_choices, parser_commands, parser_options, Names};

/// The candidates `awsr __complete plain --batch` offers for each query
/// (the words after `awsr`, the last being the one under the cursor).
fn complete(queries: &[Vec<&str>]) -> Vec<Names> {
    let input: String = queries.iter().map(|q| q.join("\t") + "\n").collect();
    let out = awsr(["__complete", "plain", "--batch"])
        .stdin(input.as_bytes())
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Each answer is its lines, then an empty line.
    let mut answers = Vec::new();
    let mut answer = Names::new();
    for line in out.stdout.lines() {
        if line.is_empty() {
            answers.push(std::mem::take(&mut answer));
        } else {
            answer.insert(line.to_string());
        }
    }
    assert_eq!(answers.len(), queries.len(), "{}", out.stdout);
    answers
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

/// `probe` over `items` in a few threads (each probe is a process).
fn in_parallel<T: Sync, R: Send>(items: &[T], probe: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = {
                    let mut next = next.lock().unwrap();
                    *next += 1;
                    *next - 1
                };
                let Some(item) = items.get(index) else { break };
                let result = probe(item);
                results.lock().unwrap()[index] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item probed"))
        .collect()
}

#[test]
fn completion_offers_exactly_what_the_parser_accepts_for_every_command() {
    let globals = parser_options(&[]);
    assert!(globals.contains("output") && globals.contains("no-paginate"));

    // The command levels: `awsr`, `awsr <service>`, `awsr <service> wait`.
    let top = command_choices(&[]);
    let services: Vec<&String> = top.iter().filter(|c| *c != "help").collect();
    let service_commands = in_parallel(&services, |s| command_choices(&[s]));
    let mut levels: Vec<(Vec<&str>, Names)> = vec![(vec![], top.clone())];
    for (service, operations) in services.iter().zip(service_commands) {
        if operations.contains("wait") {
            levels.push((vec![service, "wait"], command_choices(&[service, "wait"])));
        }
        levels.push((vec![service], operations));
    }
    let queries: Vec<Vec<&str>> = levels
        .iter()
        .map(|(path, _)| path.iter().copied().chain([""]).collect())
        .collect();
    for ((path, expected), offered) in levels.iter().zip(complete(&queries)) {
        let mut expected = expected.clone();
        if path.is_empty() {
            // Handled by the binary before the parser.
            expected.insert("completion".into());
        }
        assert_eq!(words_of(&offered), expected, "commands after awsr {path:?}");
        assert_eq!(options_of(&offered), globals, "options after awsr {path:?}");
    }

    // Every command: the parser's options and the choices of each.
    let commands = parser_commands();
    let parser_side: Vec<(Names, Vec<Option<Names>>)> = in_parallel(&commands, |command| {
        let path: Vec<&str> = command.iter().map(String::as_str).collect();
        let behind_dashdash: Vec<&str> = ["--"].into_iter().chain(path.clone()).collect();
        let own = parser_options(&behind_dashdash);
        let choices = own
            .iter()
            .map(|option| {
                let flag = format!("--{option}");
                option_choices(
                    &path
                        .iter()
                        .copied()
                        .chain([flag.as_str()])
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        (own, choices)
    });

    // The completion side, in one batch: per command its options (`--`),
    // its words (``), and the values after each of its options.
    let flags: Vec<Vec<String>> = parser_side
        .iter()
        .map(|(own, _)| own.iter().map(|o| format!("--{o}")).collect())
        .collect();
    let mut queries: Vec<Vec<&str>> = Vec::new();
    for (command, flags) in commands.iter().zip(&flags) {
        let path = command.iter().map(String::as_str);
        queries.push(path.clone().chain(["--"]).collect());
        queries.push(path.clone().chain([""]).collect());
        for flag in flags {
            queries.push(path.clone().chain([flag.as_str(), ""]).collect());
        }
    }
    let mut offered = complete(&queries).into_iter();
    let (mut option_count, mut choice_count) = (0, 0);
    for (command, (own, choices)) in commands.iter().zip(&parser_side) {
        let accepted: Names = own.union(&globals).cloned().collect();
        let options = offered.next().unwrap();
        assert_eq!(
            options_of(&options),
            accepted,
            "options of awsr {command:?}"
        );
        assert_eq!(
            offered.next().unwrap(),
            accepted
                .iter()
                .map(|o| format!("--{o}"))
                .chain(["help".to_string()])
                .collect::<Names>(),
            "words after awsr {command:?}"
        );
        for (option, parser) in own.iter().zip(choices) {
            let values = offered.next().unwrap();
            match parser {
                Some(expected) => {
                    assert_eq!(
                        &values, expected,
                        "values of --{option} in awsr {command:?}"
                    );
                    choice_count += 1;
                }
                // Any value, or none (a flag: then the command's options
                // and `help` come next): no fixed words.
                None => {
                    let words: Names = words_of(&values)
                        .into_iter()
                        .filter(|w| w != "help")
                        .collect();
                    assert!(
                        words.is_empty(),
                        "--{option} of awsr {command:?} offers {words:?}"
                    );
                }
            }
        }
        option_count += accepted.len();
    }
    assert!(offered.next().is_none());

    // The global options' choices, at the top.
    let global_flags: Vec<String> = globals.iter().map(|g| format!("--{g}")).collect();
    let queries: Vec<Vec<&str>> = global_flags.iter().map(|f| vec![f.as_str(), ""]).collect();
    for (flag, offered) in global_flags.iter().zip(complete(&queries)) {
        match option_choices(&[flag]) {
            Some(expected) => {
                assert_eq!(offered, expected, "values of {flag}");
                choice_count += 1;
            }
            // Any value, or none (a flag: then the commands come next).
            None => assert!(
                words_of(&offered)
                    .iter()
                    .all(|w| top.contains(w) || w == "completion"),
                "{flag} offers {offered:?}"
            ),
        }
    }
    assert!(commands.len() >= 1500, "{} commands", commands.len());
    assert!(
        choice_count >= 2 + commands.len(),
        "{choice_count} option choices"
    );
    eprintln!(
        "{} commands, {option_count} (command, option) pairs, {choice_count} choice lists agree",
        commands.len()
    );
}

/// What a real bash offers: the script sourced, `_awsr` called with the
/// variables bash sets for a completion (COMP_WORDS split at bash's word
/// breaks, which include `=`), `awsr` found on PATH.
fn bash_offers(lines: &[&str]) -> Vec<Names> {
    let script = awsr(["completion", "bash"]).run();
    assert_eq!(script.code, 0, "{}", script.stderr);
    let quote = |word: &str| format!("'{}'", word.replace('\'', "'\\''"));
    let empty = tempfile::tempdir().unwrap();
    let mut program = format!(
        "{}\ncd {}\n{}\n",
        script.stdout,
        quote(&empty.path().display().to_string()),
        r#"c() { COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(); local w; local rest=$1
  # bash's split: blanks separate words, `=` is a word of its own.
  rest=${rest//=/ = }; read -ra COMP_WORDS <<<"$rest"
  [[ $1 == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
  _awsr awsr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\n' "${COMPREPLY[@]}"; echo @@; }"#
    );
    for line in lines {
        program.push_str(&format!("c {}\n", quote(line)));
    }
    let bin_dir = binary().parent().unwrap().display().to_string();
    let path = format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default());
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(program)
        .env("PATH", path)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let answers: Vec<Names> = stdout
        .split("@@\n")
        .take(lines.len())
        .map(|a| {
            a.lines()
                .filter(|w| !w.is_empty())
                .map(String::from)
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

fn names<const N: usize>(words: [&str; N]) -> Names {
    words.map(String::from).into()
}

#[test]
fn bash_completes_through_the_binary() {
    let lines = [
        "awsr emr list-cl",
        "awsr emr wait cluster-r",
        "awsr emr list-clusters --act",
        "awsr emr list-clusters --output ",
        "awsr --output=t",
        "awsr emr list-clusters --generate-cli-skeleton=",
        "awsr emr describe-cluster --cluster-id ",
        "awsr compl",
        "awsr completion ",
        "awsr ",
    ];
    let offered = bash_offers(&lines);
    assert_eq!(offered[0], names(["list-clusters"]));
    assert_eq!(offered[1], names(["cluster-running"]));
    assert_eq!(offered[2], names(["--active"]));
    assert_eq!(offered[3], names(["json", "text", "table"]));
    // bash replaces the part after `=`: the candidates are the values.
    assert_eq!(offered[4], names(["text", "table"]));
    assert_eq!(offered[5], names(["=input", "=output"]));
    assert_eq!(offered[6], Names::new(), "any value: nothing to offer");
    assert_eq!(offered[7], names(["completion"]));
    assert_eq!(
        offered[8],
        names(["bash", "zsh", "fish", "powershell", "elvish"])
    );
    // The top level, as the protocol answers it.
    assert_eq!(offered[9], complete(&[vec![""]])[0]);
    assert!(offered[9].contains("emr") && offered[9].contains("--region"));
}

#[test]
fn every_shell_gets_a_small_script_and_a_bad_one_an_error() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = awsr(["completion", shell]).run();
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("awsr __complete"), "{shell}");
        assert!(
            out.stdout.len() < 4096,
            "{shell}: {} bytes",
            out.stdout.len()
        );
    }
    let out = awsr(["completion", "tcsh"]).run();
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "awsr completion: unknown shell 'tcsh'; choose one of: bash, zsh, fish, powershell, elvish\n");
    let out = awsr(["__complete", "csh", "--", ""]).run();
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("usage: awsr __complete"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_protocol_describes_candidates_for_zsh_and_fish() {
    let fish = awsr(["__complete", "fish", "--", "emr", "wait", "cluster-r"]).run();
    assert_eq!(fish.stdout, "cluster-running\tpolls describe-cluster\n");
    let zsh = awsr([
        "__complete",
        "zsh",
        "--",
        "emr",
        "describe-cluster",
        "--clu",
    ])
    .run();
    assert_eq!(zsh.stdout, "--cluster-id:(string), required\n");
    // The line form (PowerShell), split at blanks like aws_completer.
    let line = awsr([
        "__complete",
        "plain",
        "--line",
        "awsr emr list-clusters --output t",
    ])
    .run();
    assert_eq!(line.stdout, "text\ntable\n");
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
        Some(names(["json", "table", "text"]))
    );
}
