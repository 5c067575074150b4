//! Shell completion as aws-cli does it (`complete -C aws_completer aws`):
//! `awsr completion bash|zsh|fish|powershell|elvish` prints a small script
//! that asks the binary for the candidates of each word, through the hidden
//! `awsr __complete`. The candidates are computed from the runtime's option
//! table (see [`candidates`]), the one the parsers are built from, so a
//! new shell sources a few lines, not a script listing ~2000 commands.
//!
//! The protocol (`awsr __complete FORMAT ...`):
//! - `-- WORD...`: the words after `awsr`, the last being the one under the
//!   cursor (empty after a space);
//! - `--line TEXT`: the command line up to the cursor, split at blanks (for
//!   shells that cannot pass an empty argument);
//! - `--batch`: many queries, one per stdin line, words separated by tabs;
//!   each answer ends with an empty line (for the tests).
//!
//! FORMAT is `plain` (one word a line), `fish` (`word<TAB>summary`) or
//! `zsh` (`word:summary`, `:` in the word escaped, for `_describe`).

mod candidates;

use awsr_runtime::model::Service;
use candidates::{complete, Candidate, SHELLS};
use std::io::{BufRead, Write};

fn script(shell: &str) -> Option<&'static str> {
    Some(match shell {
        "bash" => include_str!("completion/awsr.bash"),
        "zsh" => include_str!("completion/awsr.zsh"),
        "fish" => include_str!("completion/awsr.fish"),
        "powershell" => include_str!("completion/awsr.ps1"),
        "elvish" => include_str!("completion/awsr.elv"),
        _ => return None,
    })
}

/// Writes `text` to stdout; a reader that closed the pipe early (`| head`)
/// is not an error.
fn print(text: &str, context: &str) -> i32 {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("awsr {context}: {e}");
            255
        }
        _ => 0,
    }
}

/// `awsr completion <shell>`: writes the script, or explains the choices.
pub fn run(args: &[String]) -> i32 {
    let shells = SHELLS.join(", ");
    let Some(name) = args.first() else {
        eprintln!("usage: awsr completion <{}>", SHELLS.join("|"));
        return 2;
    };
    match script(name) {
        Some(text) => print(text, "completion"),
        None => {
            eprintln!("awsr completion: unknown shell '{name}'; choose one of: {shells}");
            2
        }
    }
}

#[derive(Clone, Copy)]
enum Format {
    Plain,
    Fish,
    Zsh,
}

fn render(candidates: &[Candidate], format: Format, out: &mut String) {
    for candidate in candidates {
        match format {
            Format::Plain => out.push_str(&candidate.word),
            Format::Fish => {
                out.push_str(&candidate.word);
                if !candidate.summary.is_empty() {
                    out.push('\t');
                    out.push_str(&candidate.summary);
                }
            }
            Format::Zsh => {
                out.push_str(&candidate.word.replace('\\', "\\\\").replace(':', "\\:"));
                if !candidate.summary.is_empty() {
                    out.push(':');
                    out.push_str(&candidate.summary);
                }
            }
        }
        out.push('\n');
    }
}

/// `awsr __complete FORMAT (-- WORD... | --line TEXT | --batch)`.
pub fn run_protocol(args: &[String], services: &[&'static Service]) -> i32 {
    let usage = "usage: awsr __complete plain|fish|zsh (-- WORD... | --line TEXT | --batch)";
    let format = match args.first().map(String::as_str) {
        Some("plain") => Format::Plain,
        Some("fish") => Format::Fish,
        Some("zsh") => Format::Zsh,
        _ => {
            eprintln!("{usage}");
            return 2;
        }
    };
    let mut out = String::new();
    match args.get(1).map(String::as_str) {
        Some("--") => render(&complete(&args[2..], services), format, &mut out),
        Some("--line") if args.len() == 3 => {
            let line = &args[2];
            // The first word is the program; a trailing blank starts a new word.
            let mut words: Vec<String> =
                line.split_whitespace().skip(1).map(String::from).collect();
            if line.is_empty() || line.ends_with(char::is_whitespace) {
                words.push(String::new());
            }
            render(&complete(&words, services), format, &mut out);
        }
        Some("--batch") if args.len() == 2 => {
            for line in std::io::stdin().lock().lines() {
                let line = match line {
                    Ok(line) => line,
                    Err(e) => {
                        eprintln!("awsr __complete: stdin: {e}");
                        return 255;
                    }
                };
                let words: Vec<String> = line.split('\t').map(String::from).collect();
                render(&complete(&words, services), format, &mut out);
                out.push('\n');
            }
        }
        _ => {
            eprintln!("{usage}");
            return 2;
        }
    }
    print(&out, "__complete")
}
