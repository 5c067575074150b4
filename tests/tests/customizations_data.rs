//! `model/customizations/*.json` (aws-cli's per-service customisations as
//! data) parse with codegen's schema and agree with aws-cli 1.14.28's own
//! command tables and pages, as recorded in
//! `tests/fixtures/aws-cli-1.14.28/services/`: every hand-written or hidden
//! command is declared, and every declared name is where aws-cli puts it.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

fn fixture(cli_name: &str) -> Value {
    let path = tests::workspace_root()
        .join("tests/fixtures/aws-cli-1.14.28/services")
        .join(format!("{cli_name}.json.gz"));
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Recorded command name → (model operation if model-driven, documented, page).
type Table = BTreeMap<String, (Option<String>, bool, String)>;

fn table(fixture: &Value) -> Table {
    fixture["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                (
                    c["operation"].as_str().map(String::from),
                    c["documented"].as_bool().unwrap(),
                    c["help"].as_str().unwrap_or_default().to_string(),
                ),
            )
        })
        .collect()
}

fn json_cli_names() -> Vec<String> {
    let bytes = std::fs::read(tests::workspace_root().join("model/services.json")).unwrap();
    let services: Value = serde_json::from_slice(&bytes).unwrap();
    services["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["protocol"] == "json")
        .map(|s| s["cli_name"].as_str().unwrap().to_string())
        .collect()
}

fn page<'a>(table: &'a Table, cli: &str, command: &str) -> &'a str {
    let (operation, _, help) = table
        .get(command)
        .unwrap_or_else(|| panic!("{cli}: no command {command} in aws-cli's table"));
    assert!(operation.is_some(), "{cli} {command} is not model-driven");
    help
}

#[test]
fn every_customizations_file_parses_and_names_real_commands() {
    let model = tests::workspace_root().join("model");
    let services: BTreeSet<String> = json_cli_names().into_iter().collect();
    let mut files = 0;
    for entry in std::fs::read_dir(model.join("customizations")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let cli = path.file_stem().unwrap().to_str().unwrap().to_string();
        assert!(
            services.contains(&cli),
            "{cli}: not a JSON service's aws-cli name"
        );
        let parsed = codegen::inputs::load_customizations(&model, &cli)
            .unwrap_or_else(|e| panic!("{cli}: {e:?}"));
        let table = table(&fixture(&cli));
        for (command, arguments) in &parsed.commands {
            let help = page(&table, &cli, command);
            for argument in arguments {
                assert!(
                    help.contains(&format!("``--{}``", argument.name)),
                    "{cli} {command} --{}",
                    argument.name
                );
            }
        }
        for (command, arguments) in &parsed.extended_commands {
            let help = page(&table, &cli, command);
            for argument in arguments {
                assert!(
                    help.contains(&format!("``--{}``", argument.name)),
                    "{cli} {command} --{}",
                    argument.name
                );
                if let Some(file) = &argument.help {
                    assert!(model.join("docs").join(file).exists(), "{cli}: {file}");
                }
            }
        }
        for command in &parsed.removed_commands {
            assert!(!table.contains_key(command), "{cli} {command} is removed");
        }
        for command in parsed
            .replaced_commands
            .keys()
            .chain(parsed.custom_commands.keys())
        {
            let (operation, _, _) = table
                .get(command)
                .unwrap_or_else(|| panic!("{cli}: no command {command}"));
            assert!(
                operation.is_none(),
                "{cli} {command} is hand-written in aws-cli"
            );
        }
        for (alias, target) in &parsed.hidden_command_aliases {
            let (alias_op, documented, _) = &table[alias];
            assert!(!documented, "{cli} {alias} is undocumented");
            assert_eq!(alias_op, &table[target].0, "{cli} {alias} copies {target}");
        }
        for rename in &parsed.argument_renames {
            let to = format!("``--{}``", rename.to);
            if rename.command == "*" {
                assert!(
                    table.values().any(|(op, _, help)| op.is_some() && help.contains(&to))
                        // The rename only applies where a command has the
                        // option; emr's are on the commands aws-cli removes.
                        || cli == "emr" || rename.from == "s-3-location",
                    "{cli}: some page shows {to}"
                );
            } else {
                assert!(
                    page(&table, &cli, &rename.command).contains(&to),
                    "{cli} {}: {to}",
                    rename.command
                );
            }
        }
        for alias in &parsed.hidden_argument_aliases {
            let help = page(&table, &cli, &alias.command);
            assert!(
                help.contains(&format!("``--{}``", alias.argument)),
                "{cli} {}",
                alias.command
            );
            assert!(
                !help.contains(&format!("``--{}``", alias.alias)),
                "{cli} {}: --{} is hidden",
                alias.command,
                alias.alias
            );
        }
        for (command, arguments) in &parsed.optional_arguments {
            let help = page(&table, &cli, command);
            for argument in arguments {
                assert!(
                    help.contains(&format!("[--{argument} ")),
                    "{cli} {command}: [--{argument} ...]"
                );
            }
        }
        for command in parsed
            .docs
            .keys()
            .chain(parsed.not_expressible.iter().map(|n| &n.command))
        {
            page(&table, &cli, command);
        }
        files += 1;
    }
    assert!(files >= 20, "{files} customizations files");
}

/// Every hand-written command aws-cli shows for a JSON service (other than
/// `wait`, which comes from the waiters) is declared in that service's file.
#[test]
fn every_hand_written_command_is_declared() {
    let model = tests::workspace_root().join("model");
    for cli in json_cli_names() {
        let parsed = codegen::inputs::load_customizations(&model, &cli).unwrap();
        let declared: BTreeSet<&String> = parsed
            .replaced_commands
            .keys()
            .chain(parsed.custom_commands.keys())
            .collect();
        for (name, (operation, _, _)) in table(&fixture(&cli)) {
            if operation.is_none() && name != "wait" {
                assert!(
                    declared.contains(&name),
                    "{cli} {name}: hand-written in aws-cli, not declared"
                );
            }
        }
    }
}
