//! Hostile models: each class the generator cannot take is refused with the
//! file and JSON path of the part at fault; each it can take generates Rust
//! that parses (and, in `fuzz.rs`, compiles).

mod common;

use codegen::inputs::{self, Inputs, ModelFiles};
use serde_json::{json, Value};

const FILE: &str = "model/emr/2009-03-31/service-2.json";

fn pinned() -> (Value, Value) {
    let dir = common::workspace_root().join("model/emr/2009-03-31");
    let read = |name: &str| -> Value {
        serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap()
    };
    (read("service-2.json"), read("paginators-1.json"))
}

/// Generates from the pinned workspace with the EMR model and paginators
/// replaced: the generated files, or the error as shown to the user.
fn generate_with(model: &Value, paginators: &Value) -> Result<Vec<codegen::GeneratedFile>, String> {
    let root = common::workspace_root();
    let current = inputs::load(&root).unwrap();
    let config = inputs::load_config(&root.join("model")).unwrap();
    let waiters = std::fs::read(root.join("model/emr/2009-03-31/waiters-2.json")).unwrap();
    let files = ModelFiles {
        service: serde_json::to_vec(model).unwrap(),
        paginators: Some(serde_json::to_vec(paginators).unwrap()),
        waiters: Some(waiters),
        origin: "model/emr/2009-03-31".into(),
    };
    let emr_config = config
        .services
        .iter()
        .find(|s| s.cli_name == "emr")
        .expect("model/awsr.json lists emr");
    let emr = current
        .services
        .iter()
        .find(|s| s.cli_name == "emr")
        .expect("emr loads");
    let mut service = inputs::parse_service(emr_config, &files).map_err(|e| e.to_string())?;
    service.customizations = emr.customizations.clone();
    codegen::generate(&Inputs {
        services: vec![service],
        docs: current.docs,
        unsupported: Vec::new(),
        hand_written: Vec::new(),
    })
    .map_err(|e| e.to_string())
}

fn refused(model: &Value) -> String {
    let (_, paginators) = pinned();
    generate_with(model, &paginators).expect_err("the model is refused")
}

fn accepted(model: &Value) -> Vec<codegen::GeneratedFile> {
    let (_, paginators) = pinned();
    let files = generate_with(model, &paginators).expect("the model is generated");
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
    }
    files
}

fn add_operation(model: &mut Value, name: &str) {
    let mut op = model["operations"]["CancelSteps"].clone();
    op["name"] = Value::from(name);
    model["operations"][name] = op;
}

fn add_member(model: &mut Value, shape: &str, member: &str, target: &str) {
    model["shapes"][shape]["members"][member] = json!({ "shape": target });
}

#[test]
fn protocols_the_runtime_does_not_speak_are_refused() {
    for protocol in ["rest-xml", "rest-json", "query", "ec2"] {
        let (mut model, _) = pinned();
        model["metadata"]["protocol"] = Value::from(protocol);
        assert_eq!(
            refused(&model),
            format!("{FILE}: at metadata.protocol: protocol \"{protocol}\" is not one awsr's runtime speaks (it speaks json); refusing rather than generating a client that would send the wrong requests")
        );
    }
    let (mut model, _) = pinned();
    model["metadata"]["jsonVersion"] = Value::from("2.0");
    assert_eq!(
        refused(&model),
        format!("{FILE}: at metadata.jsonVersion: jsonVersion \"2.0\" is not one the runtime sends as Content-Type (it sends 1.0, 1.1)")
    );
    let (mut model, _) = pinned();
    model["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("jsonVersion");
    assert!(refused(&model).starts_with(&format!(
        "{FILE}: at metadata.jsonVersion: jsonVersion missing"
    )));
    let (mut model, _) = pinned();
    model["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("targetPrefix");
    assert!(refused(&model).starts_with(&format!("{FILE}: at metadata.targetPrefix: ")));
    let (mut model, _) = pinned();
    model["metadata"]["signatureVersion"] = Value::from("v2");
    assert!(refused(&model).starts_with(&format!("{FILE}: at metadata.signatureVersion: ")));
}

#[test]
fn operations_whose_commands_collide_or_are_taken_are_refused() {
    let cases = [
        // Operations are checked in name order: "ListCLUSTERS" sorts first.
        ("ListCLUSTERS", "operations.ListClusters: its command name \"list-clusters\" is also that of operation \"ListCLUSTERS\""),
        ("Wait", "operations.Wait: its command name \"wait\" is one the service already has"),
        ("Help", "operations.Help: its command name \"help\" is one the service already has"),
        ("Type", "operations.Type: its module name `type` is a Rust keyword"),
        ("Mod", "operations.Mod: its module name `mod` is a Rust keyword"),
        ("Self", "operations.Self: its module name `self` is a Rust keyword"),
        ("", "operations[\"\"]: an operation name must be ASCII letters and digits, starting with a letter"),
        ("Cancel-Steps", "operations.Cancel-Steps: an operation name must be ASCII letters and digits, starting with a letter"),
        ("../Evil", "operations[\"../Evil\"]: an operation name must be ASCII letters and digits, starting with a letter"),
    ];
    for (name, expected) in cases {
        let (mut model, _) = pinned();
        add_operation(&mut model, name);
        assert_eq!(refused(&model), format!("{FILE}: at {expected}"), "{name}");
    }
}

#[test]
fn members_whose_options_collide_are_refused() {
    let cases: &[(&str, &str, &str)] = &[
        ("ClusterID", "XmlStringMaxLen256", "shapes.CancelStepsInput.members.ClusterID: its option --cluster-id is also that of member \"ClusterId\""),
        ("CliInputJson", "XmlStringMaxLen256", "shapes.CancelStepsInput.members.CliInputJson: its option --cli-input-json is one awsr adds to cancel-steps itself (aws-cli lets its own option shadow the member's); awsr does not generate such a member"),
        ("", "XmlStringMaxLen256", "shapes.CancelStepsInput.members[\"\"]: a member name must be ASCII letters, digits and '_', starting with a letter"),
    ];
    for (member, target, expected) in cases {
        let (mut model, _) = pinned();
        add_member(&mut model, "CancelStepsInput", member, target);
        assert_eq!(
            refused(&model),
            format!("{FILE}: at {expected}"),
            "{member}"
        );
    }
    // A boolean's --no-x against a member named NoX.
    let (mut model, _) = pinned();
    model["shapes"]["Flag"] = json!({"type": "boolean"});
    add_member(&mut model, "CancelStepsInput", "Dry", "Flag");
    add_member(
        &mut model,
        "CancelStepsInput",
        "NoDry",
        "XmlStringMaxLen256",
    );
    assert_eq!(
        refused(&model),
        format!("{FILE}: at shapes.CancelStepsInput.members.NoDry: its option --no-dry is also that of member \"Dry\"")
    );
    // A paging option on a paginated operation shadows the member, as in
    // aws-cli (acm's ListCertificates `MaxItems`): generated, not an option.
    let (mut model, paginators) = pinned();
    add_member(&mut model, "ListClustersInput", "MaxItems", "Integer");
    let files = generate_with(&model, &paginators).expect("a shadowed member is generated");
    let list_clusters = files
        .iter()
        .find(|f| f.path.ends_with("operations/list_clusters.rs"))
        .expect("list_clusters.rs");
    assert!(!list_clusters.contents.contains("member: \"MaxItems\""));
}

#[test]
fn shapes_that_collide_or_cannot_be_named_are_refused() {
    let (mut model, _) = pinned();
    model["shapes"]["Step_Ids_List"] = model["shapes"]["StepIdsList"].clone();
    add_member(&mut model, "CancelStepsInput", "Other", "Step_Ids_List");
    // Statics carry the shapes' own (unique) names, so names that collide
    // after case conversion are generated side by side (AWS Health has them).
    let (_, paginators) = pinned();
    let files = generate_with(&model, &paginators).expect("case-colliding shapes are generated");
    let shapes = files
        .iter()
        .find(|f| f.path == "generated/services/emr/src/shapes.rs")
        .expect("shapes.rs");
    assert!(shapes
        .contents
        .contains("pub static Step_Ids_List: ArgType"));
    assert!(shapes.contents.contains("pub static StepIdsList: ArgType"));
    for bad in ["", "1Shape", "Has Space", "Dash-ed"] {
        let (mut model, _) = pinned();
        model["shapes"][bad] = json!({"type": "string"});
        let error = refused(&model);
        assert!(
            error.ends_with(
                ": a shape name must be ASCII letters, digits and '_', starting with a letter"
            ),
            "{bad}: {error}"
        );
    }
    let (mut model, _) = pinned();
    model["shapes"]["StringMap"]["key"]["shape"] = Value::from("Integer");
    assert_eq!(
        refused(&model),
        format!("{FILE}: at shapes.StringMap.key.shape: map key shape \"Integer\" is not a string; JSON object keys are strings")
    );
}

#[test]
fn recursion_nesting_and_expansion_are_bounded() {
    // A list holding itself has no finite skeleton.
    let (mut model, _) = pinned();
    model["shapes"]["Cycle"] = json!({"type": "list", "member": {"shape": "Cycle"}});
    add_member(&mut model, "CancelStepsInput", "Cycle", "Cycle");
    assert!(refused(&model).starts_with(&format!(
        "{FILE}: at shapes.Cycle.member.shape: list \"Cycle\" contains itself with no structure in between"
    )));

    // A chain deeper than the limit.
    let (mut model, _) = pinned();
    for i in 0..100 {
        model["shapes"][format!("Deep{i}")] =
            json!({"type": "structure", "members": {"Next": {"shape": format!("Deep{}", i + 1)}}});
    }
    model["shapes"]["Deep100"] = json!({"type": "string"});
    add_member(&mut model, "CancelStepsInput", "Deep", "Deep0");
    let error = refused(&model);
    assert!(
        error.contains(
            ".members.Next: the input of CancelSteps nests more than 64 shapes deep here"
        ),
        "{error}"
    );

    // A diamond doubling at each level: 2^30 values in a skeleton.
    let (mut model, _) = pinned();
    for i in 0..30 {
        let next = format!("Wide{}", i + 1);
        model["shapes"][format!("Wide{i}")] = json!({"type": "structure", "members": {
            "Left": {"shape": next}, "Right": {"shape": next}}});
    }
    model["shapes"]["Wide30"] = json!({"type": "string"});
    add_member(&mut model, "CancelStepsInput", "Wide", "Wide0");
    assert_eq!(
        refused(&model),
        format!("{FILE}: at operations.CancelSteps.input: the input of CancelSteps expands to more than 50000 values in its skeleton and help page")
    );
}

#[test]
fn paginators_must_name_input_members() {
    let (model, mut paginators) = pinned();
    paginators["pagination"]["ListClusters"]["limit_key"] = Value::from("NoSuchMember");
    assert_eq!(
        generate_with(&model, &paginators).unwrap_err(),
        "model/emr/2009-03-31/paginators-1.json: at pagination.ListClusters: limit_key \"NoSuchMember\" is not a member of the input ListClustersInput"
    );
}

#[test]
fn what_can_be_generated_is_generated() {
    // A self-recursive structure, keyword members, members named like
    // global options, odd and colliding enum values (data now, never
    // identifiers): all generate, and parse as Rust.
    let (mut model, _) = pinned();
    model["shapes"]["Tree"] = json!({"type": "structure", "members": {
        "Children": {"shape": "TreeList"}, "Parent": {"shape": "Tree"}, "Type": {"shape": "String"}}});
    model["shapes"]["TreeList"] = json!({"type": "list", "member": {"shape": "Tree"}});
    add_member(&mut model, "CancelStepsInput", "Tree", "Tree");
    add_member(&mut model, "CancelStepsInput", "Region", "String");
    add_member(&mut model, "CancelStepsInput", "Output", "String");
    add_member(&mut model, "CancelStepsInput", "Self", "String");
    add_member(&mut model, "CancelStepsInput", "Type", "String");
    model["shapes"]["StepState"]["enum"] =
        json!(["PENDING", "pending", "m1.large", "", "1st", "Unknown", "é"]);
    let files = accepted(&model);
    let page = files
        .iter()
        .find(|f| f.path == "generated/services/emr/docs/cancel-steps.rst")
        .unwrap();
    // As in aws-cli, the member's option is listed; the global parser takes
    // --region first, so the member is set through --cli-input-json.
    assert!(
        page.contents.contains("[--region <value>]"),
        "{}",
        page.contents
    );
    assert!(
        page.contents.contains("recursive ... "),
        "{}",
        page.contents
    );
}

#[test]
fn the_configuration_cannot_point_outside_the_workspace() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    common::copy_workspace(&root);
    let before = common::read_tree(&root.join("generated"));
    for (config, expected) in [
        (
            json!({"services": [{"cli_name": "emr", "model_dir": "../../etc"}]}),
            "model/awsr.json: at services[0].model_dir: \"../../etc\" is not a folder inside model/ (a relative path without '..')",
        ),
        (
            json!({"services": [{"cli_name": "../emr", "model_dir": "emr/2009-03-31"}]}),
            "model/awsr.json: at services[0].cli_name: \"../emr\" is not a command name (lowercase ASCII letters, digits and '-', starting with a letter)",
        ),
        (
            json!({"services": [{"cli_name": "type", "model_dir": "emr/2009-03-31"}]}),
            "model/awsr.json: at services[0].cli_name: \"type\" is reserved (a Rust keyword or awsr's own command)",
        ),
    ] {
        std::fs::write(root.join("model/awsr.json"), config.to_string()).unwrap();
        let out = common::run(&["generate"], &root);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            common::text(&out.stderr),
            format!("codegen: cannot read the model: {expected}\n")
        );
        assert_eq!(common::read_tree(&root.join("generated")), before);
    }
}

#[test]
fn a_refused_model_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("ws");
    common::copy_workspace(&root);
    let before = common::read_tree(&root);
    let (mut model, _) = pinned();
    model["metadata"]["protocol"] = Value::from("rest-xml");
    let source = temp.path().join("service-2.json");
    std::fs::write(&source, serde_json::to_vec(&model).unwrap()).unwrap();
    let out = common::run(
        &["update", source.to_str().unwrap(), "--service", "emr"],
        &root,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::text(&out.stderr);
    assert!(
        stderr.contains(
            "at metadata.protocol: protocol \"rest-xml\" is not one awsr's runtime speaks"
        ),
        "{stderr}"
    );
    let mut after = common::read_tree(&root);
    after.remove(".codegen/lock");
    assert_eq!(after, before);
}
