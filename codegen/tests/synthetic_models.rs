//! The generator on small synthetic models: a made-up "widgets" service of
//! a dozen shapes, written inline, so that each test shows the model it
//! starts from next to what it expects. What the real EMR model produces is
//! committed under `generated/` (and checked by the freshness test); these
//! tests pin the rules, not a copy of that output.
//!
//! They go through codegen's public functions (pages, skeletons, the change
//! report, `generate`) and look at the generated Rust only coarsely (which
//! files exist, that they parse), so that the way services are emitted can
//! change without rewriting them.

use codegen::changes::{self, Versions};
use codegen::config::ServiceConfig;
use codegen::docs::{self, DocError, DocInputs, PageOptions};
use codegen::inputs::{self, Inputs, ModelFiles, ServiceInputs};
use codegen::skeleton::{skeleton, to_python_json, SkeletonKind};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// Two operations, a paginator, a waiter; strings with and without an
/// enum, a map, a list of structures, a recursive structure, scalars.
fn widgets_model() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "widgets",
            "jsonVersion": "1.1",
            "protocol": "json",
            "serviceFullName": "Amazon Widgets",
            "signatureVersion": "v4",
            "targetPrefix": "Widgets_20200101"
        },
        "documentation": "<p>Makes widgets.</p>",
        "operations": {
            "CreateWidget": {
                "name": "CreateWidget",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "CreateWidgetInput"},
                "output": {"shape": "CreateWidgetOutput"},
                "documentation": "<p>Creates a widget. It is blue unless told otherwise.</p>"
            },
            "ListWidgets": {
                "name": "ListWidgets",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "ListWidgetsInput"},
                "output": {"shape": "ListWidgetsOutput"},
                "documentation": "<p>Lists widgets.</p>"
            }
        },
        "shapes": {
            "CreateWidgetInput": {
                "type": "structure",
                "required": ["Name"],
                "members": {
                    "Name": {"shape": "WidgetName", "documentation": "<p>The widget's name.</p>"},
                    "Color": {"shape": "Color", "documentation": "<p>Its color.</p>"},
                    "Tags": {"shape": "TagMap"},
                    "Size": {"shape": "Integer"},
                    "Parts": {"shape": "PartList"}
                }
            },
            "CreateWidgetOutput": {
                "type": "structure",
                "members": {
                    "WidgetId": {"shape": "WidgetName"},
                    "CreatedAt": {"shape": "Timestamp"}
                }
            },
            "ListWidgetsInput": {
                "type": "structure",
                "members": {"Marker": {"shape": "WidgetName"}}
            },
            "ListWidgetsOutput": {
                "type": "structure",
                "members": {
                    "Widgets": {"shape": "WidgetList"},
                    "Marker": {"shape": "WidgetName"}
                }
            },
            "Widget": {
                "type": "structure",
                "members": {
                    "Name": {"shape": "WidgetName"},
                    "Enabled": {"shape": "Boolean"}
                }
            },
            "WidgetList": {"type": "list", "member": {"shape": "Widget"}},
            "Part": {
                "type": "structure",
                "members": {
                    "Name": {"shape": "WidgetName"},
                    "Parts": {"shape": "PartList"}
                }
            },
            "PartList": {"type": "list", "member": {"shape": "Part"}},
            "WidgetName": {"type": "string", "max": 64, "min": 1},
            "Color": {"type": "string", "enum": ["RED", "BLUE"]},
            "TagMap": {
                "type": "map",
                "key": {"shape": "WidgetName"},
                "value": {"shape": "WidgetName"}
            },
            "Integer": {"type": "integer"},
            "Boolean": {"type": "boolean"},
            "Timestamp": {"type": "timestamp"}
        }
    })
}

fn widgets_paginators() -> Value {
    json!({"pagination": {"ListWidgets": {
        "input_token": "Marker", "output_token": "Marker", "result_key": "Widgets"
    }}})
}

fn widgets_waiters() -> Value {
    json!({"version": 2, "waiters": {"WidgetExists": {
        "operation": "ListWidgets", "delay": 5, "maxAttempts": 3,
        "acceptors": [{"state": "success", "matcher": "path",
                       "argument": "length(Widgets[]) > `0`", "expected": true}]
    }}})
}

fn config() -> ServiceConfig {
    ServiceConfig {
        cli_name: "widgets".into(),
        model_dir: "widgets/2020-01-01".into(),
        operations: None,
    }
}

fn service(model: &Value, paginators: Option<&Value>, waiters: Option<&Value>) -> ServiceInputs {
    let bytes = |v: &Value| serde_json::to_vec(v).unwrap();
    inputs::parse_service(
        &config(),
        &ModelFiles {
            service: bytes(model),
            paginators: paginators.map(bytes),
            waiters: waiters.map(bytes),
            origin: "synthetic".into(),
        },
    )
    .expect("the synthetic model loads")
}

fn widgets() -> ServiceInputs {
    service(
        &widgets_model(),
        Some(&widgets_paginators()),
        Some(&widgets_waiters()),
    )
}

/// The text aws-cli adds to every page (`model/docs/`): an input of the
/// generator, not something derived from a model.
fn doc_fragments() -> DocInputs {
    inputs::load_docs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../model"))
        .expect("model/docs loads")
}

fn generate(service: ServiceInputs) -> Vec<codegen::GeneratedFile> {
    codegen::generate(&Inputs {
        services: vec![service],
        docs: doc_fragments(),
        unsupported: Vec::new(),
        hand_written: Vec::new(),
    })
    .expect("codegen succeeds on the synthetic model")
}

#[test]
fn input_skeleton_uses_empty_values_first_enum_and_cuts_recursion() {
    let model = widgets().model;
    let input = skeleton(&model, "CreateWidgetInput", SkeletonKind::Input);
    assert_eq!(
        input,
        json!({
            "Name": "",
            "Color": "RED",
            "Tags": {"KeyName": ""},
            "Size": 0,
            "Parts": [{"Name": "", "Parts": [{}]}]
        })
    );
    // Members keep the model's order, printed as Python's json.dumps(indent=4).
    assert!(to_python_json(&input).starts_with("{\n    \"Name\": \"\",\n    \"Color\": \"RED\","));
    assert!(to_python_json(&input).ends_with("}\n"));
}

#[test]
fn output_skeleton_names_strings_after_their_members() {
    let model = widgets().model;
    assert_eq!(
        skeleton(&model, "CreateWidgetOutput", SkeletonKind::Output),
        json!({"WidgetId": "WidgetId", "CreatedAt": "1970-01-01T00:00:00"})
    );
    assert_eq!(
        skeleton(&model, "ListWidgetsOutput", SkeletonKind::Output),
        json!({"Widgets": [{"Name": "Name", "Enabled": true}], "Marker": "Marker"})
    );
}

/// The lines of a page between a section's title and the next section.
fn section<'a>(page: &'a str, title: &str) -> &'a str {
    let bar = "=".repeat(title.len());
    let head = format!("{bar}\n{title}\n{bar}\n");
    let start = page
        .find(&head)
        .unwrap_or_else(|| panic!("no {title} section in:\n{page}"))
        + head.len();
    let rest = &page[start..];
    let end = rest.find("\n=====").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn page_lists_required_options_bare_and_optional_ones_bracketed() {
    let service = widgets();
    let page = docs::operation_page(&service.model, "widgets", "CreateWidget", &doc_fragments())
        .expect("the page renders");
    assert!(page.contains("\ncreate-widget\n"), "{page}");
    assert!(
        section(&page, "Description")
            .contains("Creates a widget. It is blue unless told otherwise."),
        "{page}"
    );
    let synopsis: Vec<&str> = section(&page, "Synopsis")
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('[') || l.starts_with("--"))
        .collect();
    assert_eq!(
        synopsis,
        [
            "--name <value>",
            "[--color <value>]",
            "[--tags <value>]",
            "[--size <value>]",
            "[--parts <value>]",
            "[--cli-input-json <value>]",
            "[--generate-cli-skeleton <value>]",
        ],
        "{page}"
    );
    let options = section(&page, "Options");
    for option in [
        "``--name`` (string)",
        "``--color`` (string)",
        "``--tags`` (map)",
        "``--size`` (integer)",
        "``--parts`` (list)",
    ] {
        assert!(options.contains(option), "{option} in:\n{options}");
    }
    // An enum's values are listed under its option.
    let color = &options[options.find("``--color``").unwrap()..options.find("``--tags``").unwrap()];
    assert!(color.contains("Its color."), "{color}");
    assert!(color.contains("RED") && color.contains("BLUE"), "{color}");
    assert!(
        section(&page, "Output").contains("WidgetId -> (string)"),
        "{page}"
    );
}

#[test]
fn paginated_page_hides_the_token_member_and_adds_paging_options() {
    let service = widgets();
    let plain = docs::operation_page(&service.model, "widgets", "ListWidgets", &doc_fragments())
        .expect("the page renders");
    assert!(plain.contains("[--marker <value>]"), "{plain}");
    let options = PageOptions {
        paginator: service.paginators.pagination.get("ListWidgets"),
        ..Default::default()
    };
    let paged = docs::operation_page_with(
        &service.model,
        "widgets",
        "ListWidgets",
        &options,
        &doc_fragments(),
    )
    .expect("the paginated page renders");
    assert!(!paged.contains("--marker"), "{paged}");
    for option in ["--starting-token", "--max-items"] {
        assert!(
            section(&paged, "Synopsis").contains(&format!("[{option} <value>]")),
            "{option} in:\n{paged}"
        );
    }
    // --page-size only where the paginator names a limit_key.
    assert!(!paged.contains("--page-size"), "{paged}");
    assert!(
        section(&paged, "Description").contains("is a paginated operation"),
        "{paged}"
    );
}

#[test]
fn page_of_an_unknown_operation_is_an_error_naming_it() {
    let service = widgets();
    let error = docs::operation_page(&service.model, "widgets", "MeltWidget", &doc_fragments())
        .unwrap_err();
    assert_eq!(
        error,
        DocError::UnknownOperation {
            operation: "MeltWidget".into()
        }
    );
}

#[test]
fn generate_writes_a_page_and_two_skeletons_per_command_and_rust_that_parses() {
    let files = generate(widgets());
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let not_rust: BTreeSet<&str> = paths
        .iter()
        .copied()
        .filter(|p| !p.ends_with(".rs"))
        .collect();
    assert_eq!(
        not_rust,
        BTreeSet::from([
            "generated/Cargo.toml",
            "generated/services/widgets/Cargo.toml",
            "generated/services/widgets/docs/create-widget.rst",
            "generated/services/widgets/docs/index.rst",
            "generated/services/widgets/docs/list-widgets.rst",
            "generated/services/widgets/skeletons/create-widget.input.json",
            "generated/services/widgets/skeletons/create-widget.output.json",
            "generated/services/widgets/skeletons/list-widgets.input.json",
            "generated/services/widgets/skeletons/list-widgets.output.json",
        ])
    );
    assert!(paths.contains("generated/src/lib.rs"));
    assert!(paths.contains("generated/src/services.rs"));
    assert!(paths.contains("generated/services/widgets/src/lib.rs"));
    let mut service_rust = String::new();
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        assert!(
            file.path.starts_with("generated/src/")
                || file.path.starts_with("generated/services/widgets/src/"),
            "{} is outside the crates' sources",
            file.path
        );
        assert!(
            file.contents.starts_with("// @generated"),
            "{} lacks the do-not-edit header",
            file.path
        );
        if let Err(e) = syn::parse_file(&file.contents) {
            panic!("{} is not Rust: {e}", file.path);
        }
        if file.path.starts_with("generated/services/widgets/src/") {
            service_rust.push_str(&file.contents);
        }
    }
    for command in ["create-widget", "list-widgets", "widget-exists"] {
        assert!(
            service_rust.contains(&format!("\"{command}\"")),
            "the widgets service's Rust never names {command}"
        );
    }
    // The skeleton files are the skeletons, as aws-cli prints them.
    let model = widgets().model;
    let input = files
        .iter()
        .find(|f| f.path == "generated/services/widgets/skeletons/create-widget.input.json")
        .unwrap();
    assert_eq!(
        input.contents,
        to_python_json(&skeleton(&model, "CreateWidgetInput", SkeletonKind::Input))
    );
}

#[test]
fn generate_is_deterministic() {
    assert_eq!(generate(widgets()), generate(widgets()));
}

#[test]
fn service_page_lists_commands_with_summaries_and_waiters() {
    let files = generate(widgets());
    let index = &files
        .iter()
        .find(|f| f.path == "generated/services/widgets/docs/index.rst")
        .unwrap()
        .contents;
    assert!(index.starts_with("*******\nwidgets\n*******\n"), "{index}");
    assert!(index.contains("Makes widgets."), "{index}");
    let commands: Vec<&str> = index.lines().filter(|l| l.starts_with("* ``")).collect();
    assert_eq!(
        commands,
        [
            "* ``create-widget``: Creates a widget.",
            "* ``list-widgets``: Lists widgets.",
            "* ``wait``: Wait until a resource reaches a state (see below).",
            "* ``widgets wait widget-exists``",
        ],
        "{index}"
    );
}

#[test]
fn configured_operations_limit_what_is_generated() {
    let mut config = config();
    config.operations = Some(vec!["ListWidgets".into()]);
    let only = inputs::parse_service(
        &config,
        &ModelFiles {
            service: serde_json::to_vec(&widgets_model()).unwrap(),
            paginators: None,
            waiters: None,
            origin: "synthetic".into(),
        },
    )
    .unwrap();
    let files = generate(only);
    assert!(files
        .iter()
        .any(|f| f.path == "generated/services/widgets/docs/list-widgets.rst"));
    assert!(!files.iter().any(|f| f.path.contains("create-widget")));

    config.operations = Some(vec!["MeltWidget".into()]);
    let error = inputs::parse_service(
        &config,
        &ModelFiles {
            service: serde_json::to_vec(&widgets_model()).unwrap(),
            paginators: None,
            waiters: None,
            origin: "synthetic".into(),
        },
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("\"MeltWidget\""), "{error}");
}

/// The widgets model one release later: a new operation, a new option, an
/// option made mandatory, an enum value added, a paginator removed.
fn widgets_next() -> ServiceInputs {
    let mut model = widgets_model();
    model["operations"]["DeleteWidget"] = json!({
        "name": "DeleteWidget",
        "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "ListWidgetsInput"}
    });
    let create = &mut model["shapes"]["CreateWidgetInput"];
    create["members"]["Weight"] = json!({"shape": "Integer"});
    create["required"] = json!(["Name", "Color"]);
    model["shapes"]["Color"]["enum"] = json!(["RED", "BLUE", "GREEN"]);
    model["shapes"]["WidgetName"]["max"] = json!(128);
    service(&model, None, Some(&widgets_waiters()))
}

#[test]
fn change_report_lists_what_changed_and_what_it_means_at_the_command_line() {
    let (old, new) = (widgets(), widgets_next());
    let report = changes::diff(&old, &new);
    assert_eq!(report.operations_added, ["DeleteWidget"]);
    assert!(report.operations_removed.is_empty());
    assert_eq!(report.paginators_removed, ["ListWidgets"]);
    assert!(report.waiters_added.is_empty() && report.waiters_removed.is_empty());
    let changed: Vec<&str> = report
        .operations_changed
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert!(changed.contains(&"CreateWidget"), "{changed:?}");

    let entry = changes::render_entry(
        &report,
        &Versions {
            from_label: "1.0",
            to_label: "2.0",
            from_sha: &old.model_sha256,
            to_sha: &new.model_sha256,
        },
    );
    assert!(entry.starts_with("## widgets: 1.0 → 2.0\n"), "{entry}");
    for line in [
        "### Operations added (1)",
        "- DeleteWidget (`awsr widgets delete-widget`)",
        "### Paginators removed (1)",
        "- ListWidgets",
        "- `--color` is now mandatory for `awsr widgets create-widget`",
        "- input: `Color` enum values added: GREEN",
    ] {
        assert!(entry.lines().any(|l| l == line), "{line:?} in:\n{entry}");
    }
    assert!(
        entry
            .lines()
            .any(|l| l.starts_with("- `awsr widgets create-widget` gains option `--weight`")),
        "{entry}"
    );
    assert!(
        entry.contains("`Name` max: 64 → 128"),
        "a constraint change is reported: {entry}"
    );
}

#[test]
fn change_report_of_the_same_model_is_empty_and_a_revert_drops_the_entry() {
    let (old, new) = (widgets(), widgets_next());
    assert!(changes::diff(&old, &old).is_empty());
    let entry = changes::render_entry(
        &changes::diff(&old, &new),
        &Versions {
            from_label: "1.0",
            to_label: "2.0",
            from_sha: &old.model_sha256,
            to_sha: &new.model_sha256,
        },
    );
    let forward = changes::next_changes_md(None, &entry, &old.model_sha256, &new.model_sha256)
        .expect("an update writes CHANGES.md");
    assert!(forward.starts_with(changes::CHANGES_HEADER));
    assert_eq!(
        changes::newest_entry(&forward),
        Some((old.model_sha256.clone(), new.model_sha256.clone()))
    );
    // Updating back to the first model removes the entry, and the file with it.
    assert_eq!(
        changes::next_changes_md(
            Some(&forward),
            "unused",
            &new.model_sha256,
            &old.model_sha256
        ),
        None
    );
}
