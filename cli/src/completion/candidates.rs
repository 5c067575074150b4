//! What completes the word under the cursor, given the words before it:
//! walked over the runtime's option table (`awsr_runtime::options`), the
//! table the driver builds its parsers from, so completion offers exactly
//! the commands, options and choices the parser accepts.

use awsr_runtime::argparse::Nargs;
use awsr_runtime::model::{Operation, Service};
use awsr_runtime::options::{self, CliOption};

/// The shells `awsr completion` writes scripts for.
pub const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

/// One offered word and its one-line description (for zsh and fish menus).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub word: String,
    pub summary: String,
}

/// Where the words so far have led.
enum Level {
    Top,
    /// After `awsr completion`: the shells.
    Completion,
    Service(&'static Service),
    Wait(&'static Service),
    Command(&'static Operation),
    /// After a `help` or a stray word: nothing more to name.
    Done,
}

/// An option still taking values from the next words.
struct Pending<'a> {
    option: CliOption<'a>,
    /// Values it has taken so far.
    taken: usize,
}

impl Pending<'_> {
    /// Whether the next non-option word is one of its values.
    fn wants_value(&self) -> bool {
        match self.option.nargs {
            Nargs::One | Nargs::OneOrMore if self.taken == 0 => true,
            Nargs::Optional(_) => self.taken == 0,
            Nargs::ZeroOrMore | Nargs::OneOrMore => true,
            _ => false,
        }
    }

    /// Whether it must have a value here (so commands and options are not
    /// offered in its place).
    fn needs_value(&self) -> bool {
        matches!(self.option.nargs, Nargs::One | Nargs::OneOrMore) && self.taken == 0
    }
}

/// The options at `level`: the global ones, then the command's own (a
/// member named like a global option parses as the global one).
fn options_at(level: &Level) -> Vec<CliOption<'static>> {
    let mut all: Vec<CliOption<'static>> = options::GLOBAL_OPTIONS.to_vec();
    if let Level::Command(operation) = level {
        for option in options::operation_options(operation) {
            if !all.iter().any(|o| o.name == option.name) {
                all.push(option);
            }
        }
    }
    all
}

/// argparse's option lookup: the exact name, else the one it starts.
fn find_option<'a>(table: &'a [CliOption<'static>], name: &str) -> Option<&'a CliOption<'static>> {
    if let Some(exact) = table.iter().find(|o| o.name == name) {
        return Some(exact);
    }
    let mut prefixed = table.iter().filter(|o| o.name.starts_with(name));
    match (prefixed.next(), prefixed.next()) {
        (Some(only), None) if !name.is_empty() => Some(only),
        _ => None,
    }
}

/// The next level after the command word `word` at `level`.
fn descend(level: &Level, word: &str, services: &[&'static Service]) -> Level {
    match level {
        Level::Top if word == "completion" => Level::Completion,
        Level::Top => services
            .iter()
            .find(|s| s.cli_name == word)
            .map_or(Level::Done, |s| Level::Service(s)),
        Level::Service(service) if word == "wait" && !service.waiters.is_empty() => {
            Level::Wait(service)
        }
        Level::Service(service) => service.operation(word).map_or(Level::Done, Level::Command),
        Level::Wait(service) => service
            .waiters
            .iter()
            .find(|w| w.cli_name == word)
            .map_or(Level::Done, |w| Level::Command(w.operation)),
        _ => Level::Done,
    }
}

/// The commands at `level`, with their descriptions.
fn commands_at(level: &Level, services: &[&'static Service]) -> Vec<Candidate> {
    let candidate = |word: &str, summary: &str| Candidate {
        word: word.to_string(),
        summary: summary.to_string(),
    };
    match level {
        Level::Top => {
            let mut commands: Vec<Candidate> = options::top_level_commands(services)
                .into_iter()
                .map(|name| {
                    let service = services.iter().find(|s| s.cli_name == name);
                    candidate(name, service.map_or("Show the services", |s| s.full_name))
                })
                .collect();
            commands.push(candidate("completion", "Print a shell completion script"));
            commands
        }
        Level::Completion => SHELLS.iter().map(|s| candidate(s, "")).collect(),
        Level::Service(service) => options::service_commands(service)
            .into_iter()
            .map(|name| match name {
                "help" => candidate(name, "Show this service's page"),
                "wait" => candidate(name, "Wait until a condition is met"),
                _ => candidate(name, service.operation(name).map_or("", |o| o.summary)),
            })
            .collect(),
        Level::Wait(service) => service
            .waiters
            .iter()
            .map(|w| candidate(w.cli_name, &format!("polls {}", w.operation.cli_name)))
            .collect(),
        Level::Command(_) => vec![candidate("help", "Show this command's page")],
        Level::Done => Vec::new(),
    }
}

fn option_candidates(table: &[CliOption<'_>], prefix: &str) -> Vec<Candidate> {
    table
        .iter()
        .map(|o| Candidate {
            word: format!("--{}", o.name),
            summary: o.summary.to_string(),
        })
        .filter(|c| c.word.starts_with(prefix))
        .collect()
}

fn choice_candidates(option: &CliOption<'_>, lead: &str, prefix: &str) -> Vec<Candidate> {
    option
        .choices
        .iter()
        .filter(|choice| choice.starts_with(prefix))
        .map(|choice| Candidate {
            word: format!("{lead}{choice}"),
            summary: String::new(),
        })
        .collect()
}

/// The candidates for the last of `words` (the words after `awsr`; the
/// last is the one under the cursor, empty after a space).
pub fn complete(words: &[String], services: &[&'static Service]) -> Vec<Candidate> {
    let (current, before) = match words.split_last() {
        Some((current, before)) => (current.as_str(), before),
        None => ("", &[][..]),
    };
    let mut level = Level::Top;
    let mut table = options_at(&level);
    let mut pending: Option<Pending<'static>> = None;
    for word in before {
        if word == "--" {
            pending = None;
        } else if let Some(name) = word.strip_prefix("--") {
            let (name, inline_value) = match name.split_once('=') {
                Some((name, _)) => (name, true),
                None => (name, false),
            };
            pending = find_option(&table, name)
                .filter(|o| !o.is_flag() && !inline_value)
                .map(|o| Pending {
                    option: o.clone(),
                    taken: 0,
                });
        } else if let Some(taking) = pending.as_mut().filter(|p| p.wants_value()) {
            taking.taken += 1;
        } else {
            pending = None;
            level = descend(&level, word, services);
            table = options_at(&level);
        }
    }
    // `--name=value`: the choices of `--name`, written whole.
    if let Some((name, value)) = current
        .strip_prefix("--")
        .and_then(|rest| rest.split_once('='))
    {
        return find_option(&table, name)
            .map(|o| choice_candidates(o, &current[..current.len() - value.len()], value))
            .unwrap_or_default();
    }
    if let Some(taking) = pending.as_ref().filter(|p| p.wants_value()) {
        if !current.starts_with('-') || taking.needs_value() {
            // A value: its choices, or (any value) nothing.
            return choice_candidates(&taking.option, "", current);
        }
    }
    let mut candidates = Vec::new();
    if !current.starts_with('-') {
        candidates.extend(
            commands_at(&level, services)
                .into_iter()
                .filter(|c| c.word.starts_with(current)),
        );
    }
    if current.is_empty() || current.starts_with('-') {
        if matches!(level, Level::Done | Level::Completion) {
            return candidates;
        }
        candidates.extend(option_candidates(&table, current));
    }
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_string).collect()
    }

    fn offered(line: &str) -> Vec<String> {
        complete(&words(line), generated::SERVICES)
            .into_iter()
            .map(|c| c.word)
            .collect()
    }

    #[test]
    fn values_options_and_commands() {
        assert_eq!(offered("--output "), ["json", "text", "table"]);
        assert_eq!(
            offered("emr --output=t"),
            ["--output=text", "--output=table"]
        );
        assert_eq!(
            offered("emr list-clusters --generate-cli-skeleton o"),
            ["output"]
        );
        assert_eq!(offered("emr wait cluster-r"), ["cluster-running"]);
        assert_eq!(
            offered("emr list-clusters --cluster-states "),
            Vec::<String>::new()
        );
        assert!(offered("emr list-clusters --cluster-states A --no-")
            .contains(&"--no-paginate".to_string()));
        assert_eq!(offered("emr list-clusters --act"), ["--active"]);
        assert_eq!(offered("emr list-clusters h"), ["help"]);
        assert_eq!(offered("completion f"), ["fish"]);
    }
}
