//! Every model-driven command of every JSON-protocol service against aws-cli
//! 1.14.28's recording (`tests/fixtures/aws-cli-1.14.28/services/`): its help
//! page (the generated rst), its input skeleton (the generated file) and its
//! output skeleton (the built binary run with the recorded arguments), each
//! identical; every service's help lists aws-cli's documented commands and
//! `awsr help` every service. What differs must be declared once, in a
//! ```` ```json service-pages ```` block of `docs/differences.md`; a
//! declaration that excuses nothing fails too, so the list stays true.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// `(kind, "service command")` patterns declared in docs/differences.md,
/// with the id of the entry declaring them.
fn declared_differences() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(tests::workspace_root().join("docs/differences.md"))
        .expect("docs/differences.md");
    let mut declared = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        match &mut block {
            None if line.trim() == "```json service-pages" => block = Some(String::new()),
            None => {}
            Some(body) if line.trim() == "```" => {
                let entry: Value = serde_json::from_str(body)
                    .unwrap_or_else(|e| panic!("service-pages block {body}: {e}"));
                let id = entry["id"].as_str().expect("id").to_string();
                for kind in entry["kinds"].as_array().expect("kinds") {
                    for command in entry["commands"].as_array().expect("commands") {
                        declared.push((
                            id.clone(),
                            kind.as_str().expect("kind").to_string(),
                            command.as_str().expect("command").to_string(),
                        ));
                    }
                }
                block = None;
            }
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    declared
}

/// `pattern` is `service command`, either part may be `*`.
fn matches(pattern: &str, what: &str) -> bool {
    let (ps, pc) = pattern.split_once(' ').unwrap_or((pattern, "*"));
    let (s, c) = what.split_once(' ').unwrap_or((what, ""));
    (ps == "*" || ps == s) && (pc == "*" || pc == c)
}

fn read(path: &std::path::Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

#[test]
fn pages_and_skeletons_of_every_service_match_aws_cli() {
    let root = tests::workspace_root();
    let fixtures = root.join("tests/fixtures/aws-cli-1.14.28/services");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json.gz") && n != "aws-help.json.gz")
        .collect();
    names.sort();
    assert_eq!(names.len(), 75, "one fixture per JSON-protocol service");

    // kind → (compared, identical); differences as (kind, "svc cmd").
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut differences: Vec<(&str, String)> = Vec::new();
    let mut output_runs = Vec::new();
    let mut services = Vec::new();
    for name in &names {
        let fixture = tests::fixtures::read_gzip_json(&fixtures.join(name));
        let svc = fixture["cli_name"].as_str().unwrap().to_string();
        services.push(svc.clone());
        // aws-cli's hidden command aliases share their command's skeleton.
        let aliases = std::fs::read(root.join(format!("model/customizations/{svc}.json")))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .map(|c| c["hidden_command_aliases"].clone())
            .unwrap_or(Value::Null);
        let mut documented = Vec::new();
        for command in fixture["commands"].as_array().unwrap() {
            let cmd = command["name"].as_str().unwrap();
            if command["documented"] == true {
                documented.push(cmd.to_string());
            }
            let Some(help) = command
                .get("help")
                .filter(|_| command.get("operation").is_some())
            else {
                continue;
            };
            let what = format!("{svc} {cmd}");
            let page = read(&root.join(format!("generated/services/{svc}/docs/{cmd}.rst")));
            let entry = counts.entry("page").or_default();
            entry.0 += 1;
            if page.as_deref() == help.as_str() {
                entry.1 += 1;
            } else {
                differences.push(("page", what.clone()));
            }
            let input = &command["skeleton_input"];
            let skeleton_of = aliases[cmd].as_str().unwrap_or(cmd);
            let skeleton = read(&root.join(format!(
                "generated/services/{svc}/skeletons/{skeleton_of}.input.json"
            )));
            let entry = counts.entry("input-skeleton").or_default();
            entry.0 += 1;
            if input["code"] == 0 && skeleton.as_deref() == input["stdout"].as_str() {
                entry.1 += 1;
            } else {
                differences.push(("input-skeleton", what.clone()));
            }
            output_runs.push((what, command["skeleton_output"].clone()));
        }
        // The service's page lists what aws-cli documents (its toctree).
        let index = read(&root.join(format!("generated/services/{svc}/docs/index.rst"))).unwrap();
        let listed: BTreeSet<String> = index
            .lines()
            .filter_map(|l| l.strip_prefix("* ``"))
            .filter_map(|l| l.split("``").next())
            .filter(|l| !l.contains(' '))
            .map(str::to_string)
            .collect();
        let documented: BTreeSet<String> = documented.into_iter().collect();
        let entry = counts.entry("service-commands").or_default();
        entry.0 += 1;
        if listed == documented {
            entry.1 += 1;
        } else {
            differences.push(("service-commands", format!("{svc} *")));
        }
        let shown = tests::awsr::awsr([svc.as_str(), "help"]).run();
        assert_eq!(shown.code, 0, "awsr {svc} help: {}", shown.stderr);
        for command in &listed {
            assert!(
                shown.stdout.contains(command.as_str()),
                "awsr {svc} help lists {command}"
            );
        }
    }

    // Output skeletons: the binary with the recorded arguments, a few at a time.
    let queue = Mutex::new(output_runs.into_iter());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| loop {
                let Some((what, recorded)) = queue.lock().unwrap().next() else {
                    break;
                };
                let args: Vec<String> = recorded["args"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect();
                // The recording's environment (record-services.py `ENV`).
                let out = tests::awsr::awsr(args)
                    .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                    .env(
                        "AWS_SECRET_ACCESS_KEY",
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                    )
                    .env("AWS_DEFAULT_REGION", "us-east-1")
                    .run();
                let same = recorded["code"] == out.code
                    && recorded["stdout"] == out.stdout.as_str()
                    && recorded["stderr"] == out.stderr.as_str();
                results.lock().unwrap().push((what, same));
            });
        }
    });
    for (what, same) in results.into_inner().unwrap() {
        let entry = counts.entry("output-skeleton").or_default();
        entry.0 += 1;
        if same {
            entry.1 += 1;
        } else {
            differences.push(("output-skeleton", what));
        }
    }

    // `awsr help` lists every service.
    let top = tests::awsr::awsr(["help"]).run();
    assert_eq!(top.code, 0, "awsr help: {}", top.stderr);
    for svc in &services {
        assert!(
            top.stdout.contains(&format!("{svc}:")),
            "awsr help lists {svc}"
        );
    }

    let declared = declared_differences();
    let mut used = BTreeSet::new();
    let mut undeclared = Vec::new();
    for (kind, what) in &differences {
        match declared
            .iter()
            .position(|(_, k, pattern)| k == kind && matches(pattern, what))
        {
            Some(index) => {
                used.insert(index);
            }
            None => undeclared.push(format!("{kind}: {what}")),
        }
    }
    let stale: Vec<_> = declared
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, d)| format!("{d:?}"))
        .collect();
    eprintln!("compared (total, identical): {counts:?}");
    assert!(
        undeclared.is_empty(),
        "differences from aws-cli not declared in docs/differences.md:\n{}",
        undeclared.join("\n")
    );
    assert!(
        stale.is_empty(),
        "declared in docs/differences.md but identical now:\n{}",
        stale.join("\n")
    );
}
