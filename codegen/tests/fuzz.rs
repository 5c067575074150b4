//! The generator fuzzed: the pinned EMR model mutated (names, shapes,
//! traits, sizes, metadata) must either be refused by the loader or the
//! model checks with a JSON path, or generate Rust that parses; never a
//! panic, never Rust that fails to parse. A few accepted mutants are then
//! compiled for real with `cargo check` in a copy of the workspace.

mod common;

use codegen::inputs::{self, Inputs, ModelFiles};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use std::process::Command;

/// Names as hostile as a model can make them.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Self".to_string()),
        Just("self".to_string()),
        Just("Type".to_string()),
        Just("Mod".to_string()),
        Just("Crate".to_string()),
        Just("Region".to_string()),
        Just("Output".to_string()),
        Just("Wait".to_string()),
        Just("CliInputJson".to_string()),
        Just("String".to_string()),
        Just("Option".to_string()),
        Just("Value".to_string()),
        Just("ClusterID".to_string()),
        Just("CancelSTEPS".to_string()),
        Just("../Up".to_string()),
        Just("Ünïcode".to_string()),
        Just("a".repeat(300)),
        "[A-Z][a-zA-Z0-9_]{0,12}",
        "[a-z0-9_ .-]{0,8}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    RenameOperation(usize, String),
    RenameShape(usize, String),
    RenameMember(usize, String),
    AddMember(usize, String, usize),
    Retarget(usize, usize),
    SelfList(usize),
    Chain(usize, bool),
    EnumValues(usize, Vec<String>),
    Bounds(usize, Value, Value),
    Traits(usize, u8),
    Documentation(usize, String),
    Protocol(String),
    ManyMembers(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<usize>();
    let number = prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(Value::from("7")),
    ];
    prop_oneof![
        (index, name()).prop_map(|(i, n)| Mutation::RenameOperation(i, n)),
        (index, name()).prop_map(|(i, n)| Mutation::RenameShape(i, n)),
        (index, name()).prop_map(|(i, n)| Mutation::RenameMember(i, n)),
        (index, name(), index).prop_map(|(i, n, t)| Mutation::AddMember(i, n, t)),
        (index, index).prop_map(|(i, t)| Mutation::Retarget(i, t)),
        index.prop_map(Mutation::SelfList),
        (1usize..120, any::<bool>()).prop_map(|(n, wide)| Mutation::Chain(n, wide)),
        (index, prop::collection::vec(name(), 0..5)).prop_map(|(i, v)| Mutation::EnumValues(i, v)),
        (index, number.clone(), number).prop_map(|(i, a, b)| Mutation::Bounds(i, a, b)),
        (index, any::<u8>()).prop_map(|(i, t)| Mutation::Traits(i, t)),
        (index, "(<[a-z/]{0,4}>|[ -~]{0,6}|&[a-z#0-9]{0,5};){0,40}")
            .prop_map(|(i, d)| Mutation::Documentation(i, d)),
        prop_oneof![
            Just("rest-xml"),
            Just("rest-json"),
            Just("query"),
            Just("ec2"),
            Just("json"),
            Just("")
        ]
        .prop_map(|p| Mutation::Protocol(p.to_string())),
        (index, 1usize..600).prop_map(|(i, n)| Mutation::ManyMembers(i, n)),
    ]
}

fn pick(keys: &[String], i: usize) -> &str {
    &keys[i % keys.len()]
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// Every structure's member list, as (shape, member) pairs.
fn members(model: &Value) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (shape, body) in model["shapes"].as_object().unwrap() {
        for member in keys(&body["members"]) {
            all.push((shape.clone(), member));
        }
    }
    all
}

/// Renames shape `from` to `to` everywhere it is referenced.
fn rename_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == "shape" && v.as_str() == Some(from) {
                    *v = Value::from(to);
                } else {
                    rename_refs(v, from, to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_refs(v, from, to)),
        _ => {}
    }
}

fn apply(model: &mut Value, mutation: &Mutation) {
    let shape_names = keys(&model["shapes"]);
    let op_names = keys(&model["operations"]);
    match mutation {
        Mutation::RenameOperation(i, to) => {
            let from = pick(&op_names, *i).to_string();
            let ops = model["operations"].as_object_mut().unwrap();
            let mut op = ops.remove(&from).unwrap();
            op["name"] = Value::from(to.clone());
            ops.insert(to.clone(), op);
        }
        Mutation::RenameShape(i, to) => {
            let from = pick(&shape_names, *i).to_string();
            let shapes = model["shapes"].as_object_mut().unwrap();
            let shape = shapes.remove(&from).unwrap();
            shapes.insert(to.clone(), shape);
            rename_refs(&mut model["operations"], &from, to);
            rename_refs(&mut model["shapes"], &from, to);
        }
        Mutation::RenameMember(i, to) => {
            let all = members(model);
            let (shape, member) = &all[i % all.len()];
            let members = model["shapes"][shape]["members"].as_object_mut().unwrap();
            let body = members.remove(member).unwrap();
            members.insert(to.clone(), body);
            if let Some(required) = model["shapes"][shape]["required"].as_array_mut() {
                for r in required.iter_mut() {
                    if r.as_str() == Some(member) {
                        *r = Value::from(to.clone());
                    }
                }
            }
        }
        Mutation::AddMember(i, name, target) => {
            let inputs: Vec<String> = op_names
                .iter()
                .filter_map(|o| model["operations"][o]["input"]["shape"].as_str())
                .map(str::to_string)
                .collect();
            let shape = pick(&inputs, *i).to_string();
            let target = pick(&shape_names, *target).to_string();
            model["shapes"][shape]["members"][name] = json!({ "shape": target });
        }
        Mutation::Retarget(i, target) => {
            let all = members(model);
            let (shape, member) = &all[i % all.len()];
            let target = pick(&shape_names, *target).to_string();
            model["shapes"][shape]["members"][member]["shape"] = Value::from(target);
        }
        Mutation::SelfList(i) => {
            let all = members(model);
            let (shape, member) = all[i % all.len()].clone();
            model["shapes"]["Looped"] = json!({"type": "list", "member": {"shape": "Looped"}});
            model["shapes"][shape]["members"][member]["shape"] = Value::from("Looped");
        }
        Mutation::Chain(depth, wide) => {
            for level in 0..*depth {
                let next = format!("Level{}", level + 1);
                let members = if *wide {
                    json!({"A": {"shape": next}, "B": {"shape": next}})
                } else {
                    json!({"Next": {"shape": next}})
                };
                model["shapes"][format!("Level{level}")] =
                    json!({"type": "structure", "members": members});
            }
            model["shapes"][format!("Level{depth}")] = json!({"type": "string"});
            model["shapes"]["CancelStepsInput"]["members"]["Nested"] = json!({"shape": "Level0"});
        }
        Mutation::EnumValues(i, values) => {
            let strings: Vec<String> = shape_names
                .iter()
                .filter(|s| model["shapes"][s.as_str()]["type"] == "string")
                .cloned()
                .collect();
            let shape = pick(&strings, *i).to_string();
            model["shapes"][shape]["enum"] = json!(values);
        }
        Mutation::Bounds(i, min, max) => {
            let shape = pick(&shape_names, *i).to_string();
            model["shapes"][&shape]["min"] = min.clone();
            model["shapes"][&shape]["max"] = max.clone();
        }
        Mutation::Traits(i, bits) => {
            let all = members(model);
            let (shape, member) = &all[i % all.len()];
            let m = &mut model["shapes"][shape]["members"][member];
            for (bit, name) in [
                "box",
                "jsonvalue",
                "idempotencyToken",
                "deprecated",
                "streaming",
            ]
            .iter()
            .enumerate()
            {
                if bits & (1 << bit) != 0 {
                    m[*name] = Value::from(true);
                }
            }
            if bits & 0x80 != 0 {
                model["shapes"][shape]["sensitive"] = Value::from(true);
            }
        }
        Mutation::Documentation(i, doc) => {
            let op = pick(&op_names, *i).to_string();
            model["operations"][op]["documentation"] = Value::from(doc.clone());
        }
        Mutation::Protocol(p) => model["metadata"]["protocol"] = Value::from(p.clone()),
        Mutation::ManyMembers(i, n) => {
            let inputs: Vec<String> = op_names
                .iter()
                .filter_map(|o| model["operations"][o]["input"]["shape"].as_str())
                .map(str::to_string)
                .collect();
            let shape = pick(&inputs, *i).to_string();
            for k in 0..*n {
                model["shapes"][&shape]["members"][format!("Extra{k}")] =
                    json!({"shape": "String"});
            }
        }
    }
}

struct Pinned {
    model: Value,
    paginators: Vec<u8>,
    waiters: Vec<u8>,
    inputs: Inputs,
}

fn pinned() -> Pinned {
    let root = common::workspace_root();
    let dir = root.join("model/emr/2009-03-31");
    Pinned {
        model: serde_json::from_slice(&std::fs::read(dir.join("service-2.json")).unwrap()).unwrap(),
        paginators: std::fs::read(dir.join("paginators-1.json")).unwrap(),
        waiters: std::fs::read(dir.join("waiters-2.json")).unwrap(),
        inputs: inputs::load(&root).unwrap(),
    }
}

/// Loads and generates `model` with the pinned paginators, waiters and
/// documentation; `operations` limits the work per case.
fn generate(
    pinned: &Pinned,
    model: &Value,
    operations: Option<Vec<String>>,
) -> Result<Vec<codegen::GeneratedFile>, String> {
    let root = common::workspace_root();
    let mut config = inputs::load_config(&root.join("model"))
        .unwrap()
        .services
        .into_iter()
        .find(|s| s.cli_name == "emr")
        .expect("model/awsr.json lists emr");
    config.operations = operations;
    let files = ModelFiles {
        service: serde_json::to_vec(model).unwrap(),
        paginators: Some(pinned.paginators.clone()),
        waiters: Some(pinned.waiters.clone()),
        origin: "model/emr/2009-03-31".into(),
    };
    let mut service = inputs::parse_service(&config, &files).map_err(|e| e.to_string())?;
    service.customizations = pinned
        .inputs
        .services
        .iter()
        .find(|s| s.cli_name == "emr")
        .expect("emr loads")
        .customizations
        .clone();
    codegen::generate(&Inputs {
        services: vec![service],
        docs: pinned.inputs.docs.clone(),
        unsupported: Vec::new(),
        hand_written: Vec::new(),
    })
    .map_err(|e| e.to_string())
}

/// The operations generated in one case: the one a mutation most likely
/// touched (CancelSteps carries the chains) and a few the seed picks.
fn some_operations(model: &Value, seed: usize) -> Vec<String> {
    let ops = keys(&model["operations"]);
    let mut chosen: Vec<String> = (0..3)
        .map(|k| pick(&ops, seed / (k + 1) + k).to_string())
        .collect();
    if ops.iter().any(|o| o == "CancelSteps") {
        chosen.push("CancelSteps".into());
    }
    chosen.sort();
    chosen.dedup();
    chosen
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

#[test]
fn mutated_models_are_refused_with_a_path_or_generate_rust_that_parses() {
    let pinned = pinned();
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (prop::collection::vec(mutation(), 1..4), any::<usize>());
    let (accepted, refused) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    runner
        .run(&strategy, |(mutations, seed)| {
            let mut model = pinned.model.clone();
            for m in &mutations {
                apply(&mut model, m);
            }
            let ops = some_operations(&model, seed);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                generate(&pinned, &model, Some(ops.clone()))
            }));
            let Ok(result) = outcome else {
                return Err(TestCaseError::fail(format!(
                    "the generator panicked on {mutations:?}"
                )));
            };
            match result {
                Ok(files) => {
                    accepted.set(accepted.get() + 1);
                    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
                        prop_assert!(
                            syn::parse_file(&file.contents).is_ok(),
                            "{} does not parse after {:?}",
                            file.path,
                            mutations
                        );
                    }
                }
                Err(message) => {
                    refused.set(refused.get() + 1);
                    // Refused by the loader or the checks, with a path; the
                    // emitter's own parse check must never be what stops it.
                    prop_assert!(
                        message.contains(": at ") && !message.contains("does not parse as Rust"),
                        "{} after {:?}",
                        message,
                        mutations
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "{} mutants generated, {} refused",
        accepted.get(),
        refused.get()
    );
}

/// Mutants the generator accepts, compiled for real: the generated crate
/// must build, not just parse.
#[test]
fn accepted_mutants_compile() {
    let pinned = pinned();
    let mut mutants = Vec::new();
    // Recursion through a structure and a list, keyword and global-option
    // members, odd enum values, deep-but-allowed nesting.
    let mut model = pinned.model.clone();
    model["shapes"]["Tree"] = json!({"type": "structure", "members": {
        "Children": {"shape": "TreeList"}, "Parent": {"shape": "Tree"},
        "Type": {"shape": "String"}, "Match": {"shape": "Integer"}}});
    model["shapes"]["TreeList"] = json!({"type": "list", "member": {"shape": "Tree"}});
    model["shapes"]["CancelStepsInput"]["members"]["Tree"] = json!({"shape": "Tree"});
    model["shapes"]["CancelStepsInput"]["members"]["Region"] = json!({"shape": "String"});
    model["shapes"]["CancelStepsInput"]["members"]["Output"] = json!({"shape": "String"});
    model["shapes"]["CancelStepsInput"]["members"]["Self"] = json!({"shape": "String"});

    model["shapes"]["StepState"]["enum"] =
        json!(["PENDING", "pending", "m1.large", "", "1st", "é"]);
    apply(&mut model, &Mutation::Chain(40, false));
    mutants.push(model);
    // The first two accepted mutants of a fixed random run.
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(mutation(), 2..4);
    while mutants.len() < 3 {
        let tree = strategy.new_tree(&mut runner).unwrap();
        let mut model = pinned.model.clone();
        for m in &tree.current() {
            apply(&mut model, m);
        }
        if generate(&pinned, &model, None).is_ok() {
            mutants.push(model);
        }
    }

    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    copy_all(&common::workspace_root(), &root);
    let target = common::workspace_root().join("target/fuzz-check");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for (i, model) in mutants.iter().enumerate() {
        std::fs::write(
            root.join("model/emr/2009-03-31/service-2.json"),
            serde_json::to_vec_pretty(model).unwrap(),
        )
        .unwrap();
        let out = common::run(&["generate"], &root);
        assert!(
            out.status.success(),
            "mutant {i}: {}",
            common::text(&out.stderr)
        );
        let status = Command::new(&cargo)
            .args(["check", "-q", "-p", "generated"])
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "mutant {i} was generated but does not compile"
        );
    }
}

/// The workspace's sources, without `target/` and `.git`.
fn copy_all(src: &std::path::Path, dest: &std::path::Path) {
    std::fs::create_dir_all(dest).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" || name == ".codegen" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_all(&entry.path(), &dest.join(&name));
        } else {
            std::fs::copy(entry.path(), dest.join(&name)).unwrap();
        }
    }
}
