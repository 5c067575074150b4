//! Byte-for-byte checks against aws-cli 1.14.28's own pages, and the HTML
//! conversion on its own.
//!
//! Expected pages: `model/docs/emr/cancel-steps.rst` (the reference), and
//! `tests/fixtures/aws-cli-1.14.28/docs/emr/*.rst`, produced by
//! `tests/fixtures/aws-cli-1.14.28/make-docs.py` from aws-cli itself.

use super::*;
use crate::customizations::Customizations;
use crate::inputs::{load_customizations, load_docs};
use crate::model::{load_paginators, load_service, Paginators};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Emr {
    model: ServiceModel,
    paginators: Paginators,
    customizations: Customizations,
    docs: DocInputs,
}

fn emr() -> Emr {
    let dir = root().join("model/emr/2009-03-31");
    let bytes = std::fs::read(dir.join("service-2.json")).expect("pinned model");
    let model = load_service("service-2.json", &bytes).expect("pinned model loads");
    let bytes = std::fs::read(dir.join("paginators-1.json")).expect("pinned paginators");
    let paginators = load_paginators("paginators-1.json", &bytes, &model).expect("paginators load");
    let docs = load_docs(&root().join("model")).expect("model/docs loads");
    let customizations =
        load_customizations(&root().join("model"), "emr").expect("customizations load");
    Emr {
        model,
        paginators,
        customizations,
        docs,
    }
}

fn page(emr: &Emr, operation: &str) -> String {
    let command = crate::naming::cli_name(operation);
    let options = PageOptions {
        paginator: emr.paginators.pagination.get(operation),
        custom_arguments: emr
            .customizations
            .commands
            .get(&command)
            .map_or(&[], Vec::as_slice),
        // EMR has none of aws-cli's old-list options.
        old_list_options: &[],
        ..PageOptions::default()
    };
    operation_page_with(&emr.model, "emr", operation, &options, &emr.docs)
        .unwrap_or_else(|e| panic!("{operation}: {e}"))
}

/// The first differing line, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected {e:?}\n  actual   {a:?}", i + 1);
        }
    }
    format!(
        "lengths differ: expected {} bytes, actual {}",
        expected.len(),
        actual.len()
    )
}

#[test]
fn cancel_steps_is_byte_identical_to_the_reference() {
    let emr = emr();
    let expected = std::fs::read_to_string(root().join("model/docs/emr/cancel-steps.rst"))
        .expect("reference page");
    let actual = operation_page(&emr.model, "emr", "CancelSteps", &emr.docs).expect("page renders");
    assert!(
        expected == actual,
        "{}",
        first_difference(&expected, &actual)
    );
}

/// The model-driven emr commands of aws-cli (every one whose command is not
/// replaced by a customization), rendered from the model, paginators,
/// declared customizations, fragments and examples.
const MATCHING: &[&str] = &[
    "AddInstanceFleet",
    "AddTags",
    "CancelSteps",
    "CreateSecurityConfiguration",
    "DeleteSecurityConfiguration",
    "DescribeSecurityConfiguration",
    "DescribeStep",
    "ListClusters",
    "ListInstanceFleets",
    "ListInstances",
    "ListSecurityConfigurations",
    "ListSteps",
    "ModifyInstanceFleet",
    "ModifyInstanceGroups",
    "PutAutoScalingPolicy",
    "RemoveAutoScalingPolicy",
    "RemoveTags",
];

#[test]
fn model_driven_emr_pages_are_byte_identical_to_aws_cli() {
    let emr = emr();
    let mut failures = Vec::new();
    for operation in MATCHING {
        let command = crate::naming::cli_name(operation);
        let path = root().join(format!(
            "tests/fixtures/aws-cli-1.14.28/docs/emr/{command}.rst"
        ));
        let expected = std::fs::read_to_string(&path).expect("fixture page");
        let actual = page(&emr, operation);
        if expected != actual {
            failures.push(format!(
                "{command}: {}",
                first_difference(&expected, &actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn missing_fragment_is_named() {
    let mut emr = emr();
    emr.docs.files.remove(fragments::CLI_INPUT_JSON);
    let err = operation_page(&emr.model, "emr", "CancelSteps", &emr.docs).unwrap_err();
    assert_eq!(
        err,
        DocError::MissingFragment {
            path: "arguments/cli-input-json.rst".into()
        }
    );
    assert!(err
        .to_string()
        .contains("model/docs/arguments/cli-input-json.rst"));
    let err = operation_page(&emr.model, "emr", "NoSuchOperation", &emr.docs).unwrap_err();
    assert!(err.to_string().contains("NoSuchOperation"));
}

#[test]
fn every_emr_operation_renders() {
    let emr = emr();
    for name in emr.model.operations.keys() {
        let page = page(&emr, name);
        assert!(page.contains("======\nOutput\n======"), "{name}");
    }
}

// ---- html_to_rst ----------------------------------------------------------

fn rst(html: &str) -> String {
    html_to_rst(html, &TranslationMap::new())
}

fn rst_with(html: &str, pairs: &[(&str, &str)]) -> String {
    let map = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    html_to_rst(html, &map)
}

#[test]
fn paragraphs_and_code() {
    assert_eq!(
        rst("<p>Use <code>PENDING</code> steps.</p>"),
        "\n\nUse ``PENDING`` steps.\n\n"
    );
    // Trailing space inside inline markup moves outside it.
    assert_eq!(rst("<b>bold </b>text"), "**bold** text");
    assert_eq!(rst("<i>AWS CLI</i>."), "*AWS CLI* .");
}

#[test]
fn links() {
    // <a> without href: a space, the (translated) name, a space.
    assert_eq!(
        rst_with(
            "Use <a>RunJobFlow</a> and <a>ListClusters</a> now",
            &[
                ("RunJobFlow", "run-job-flow"),
                ("ListClusters", "list-clusters")
            ]
        ),
        "Use  run-job-flow and  list-clusters now"
    );
    // Plain text words are translated too, whole words only.
    assert_eq!(
        rst_with(
            "CancelSteps is async. CancelSteps.",
            &[("CancelSteps", "cancel-steps")]
        ),
        "cancel-steps is async. CancelSteps."
    );
    assert_eq!(
        rst("see <a href=\"https://x.example/a\">the: guide</a>."),
        "see `the\\: guide <https://x.example/a>`__ ."
    );
    assert_eq!(rst("<a href=\"u\"></a>"), "`<u>`__ ");
    // A link whose text is only space: the target is defined at the end.
    assert_eq!(rst("<a href=\"u\"> </a>"), "`u`__ \n\n.. _u: u\n");
}

#[test]
fn lists_and_notes() {
    assert_eq!(
        rst("<ul><li> one</li><li><p>two</p></li></ul>"),
        "\n\n\n* one\n\n* two\n\n\n"
    );
    assert_eq!(
        rst("<ul><li>a<ul><li>b</li></ul></li></ul>"),
        "\n\n\n* a\n\n  \n  * b\n  \n\n\n\n\n"
    );
    assert_eq!(
        rst("<note><p>Careful.</p></note>"),
        "\n\n.. note::\n\n  \n\n  Careful.\n\n  \n\n"
    );
}

#[test]
fn entities_and_white_space() {
    assert_eq!(rst("a &lt;b&gt; &amp;&nbsp;c"), "a <b> & c");
    assert_eq!(rst("  \n "), " ");
    assert_eq!(rst("x\n  y \n"), "x y ");
}

#[test]
fn unhandled_tags_keep_their_text() {
    // Text after a tag loses its leading space, as in bcdoc.
    assert_eq!(rst("<div><span>a</span> b</div>"), "ab");
    assert_eq!(rst("<fullname>Hidden</fullname>shown"), "shown");
}

#[test]
fn stray_end_tag_drops_the_rest() {
    // Python: the tree has no current node after </p> at the top, so the
    // next event raises and nothing of this documentation string is kept.
    assert_eq!(rst("</p>text"), "");
    assert_eq!(rst("text</p>"), "text");
}

#[test]
fn tag_soup_never_panics() {
    let pieces = [
        "<",
        ">",
        "</",
        "<p>",
        "</p>",
        "<a href='x'>",
        "</a>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<code>",
        "</code>",
        "&",
        "&amp",
        "&#",
        "&#x1F;",
        "<!--",
        "-->",
        "<![",
        "<![CDATA[",
        "]]>",
        "<!doctype",
        "<?",
        "<script>",
        "</script>",
        "<b",
        "=",
        "\"",
        "'",
        "text",
        " ",
        "\n",
        "<note>",
        "</i>",
        "<i>",
        "<fullname>",
        "</examples>",
        "\u{1c}",
        "é",
        "<sphinx_py_class a>",
    ];
    // A deterministic pseudo-random walk over the pieces.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut html = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            html.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        seed = seed.wrapping_add(1);
        let _ = rst(&html);
    }
    let deep = "<p>".repeat(100_000) + "x" + &"</p>".repeat(100_000);
    assert!(rst(&deep).contains('x'));
}
