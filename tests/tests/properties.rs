//! Property tests: generated input thrown at every parser and checker, which
//! must never panic and must either succeed or say what is wrong. Case counts
//! follow PROPTEST_CASES (256 by default; README has the long run).

use awsr_runtime::argparse::{self, Nargs, OptSpec};
use awsr_runtime::model::ArgType;
use awsr_runtime::pyjson;
use awsr_runtime::validate::validate;
use proptest::prelude::*;
use serde_json::Value;

/// Arbitrary JSON trees, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[A-Za-z]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The members of an operation's input, to make trees that look like input.
fn member_names() -> Vec<&'static str> {
    let mut names = vec!["Bogus"];
    for service in generated::SERVICES {
        for op in service.operations {
            names.extend(op.args.iter().map(|a| a.member));
        }
    }
    names
}

/// Objects keyed mostly by real member names, valued by arbitrary JSON.
fn input_like() -> impl Strategy<Value = Value> {
    let names = member_names();
    prop::collection::vec((prop::sample::select(names), json_value()), 0..6).prop_map(|pairs| {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    })
}

proptest! {
    /// Any text: Python-compatible JSON parsing answers without panicking.
    #[test]
    fn pyjson_never_panics(text in ".{0,64}") {
        let _ = pyjson::loads(&text);
    }

    /// JSON that serde_json writes, pyjson reads back to the same value.
    #[test]
    fn pyjson_reads_what_serde_writes(value in json_value()) {
        let text = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(pyjson::loads(&text).unwrap(), value);
    }

    /// Every operation's validator on input-like trees: no panic, and every
    /// problem is a line naming a parameter or the input.
    #[test]
    fn validators_never_panic(value in input_like()) {
        for service in generated::SERVICES {
            for op in service.operations {
                let report = validate(op.input, &value);
                for error in report.errors() {
                    prop_assert!(
                        error.contains("parameter") || error.contains("input"),
                        "{}: {}", op.cli_name, error
                    );
                }
            }
        }
    }

    /// Valid input survives the typed round trip: validation passes ⇒ the
    /// body serialises, and reads back as the same JSON.
    #[test]
    fn validated_input_serialises(value in input_like()) {
        for service in generated::SERVICES {
            for op in service.operations {
                let report = validate(op.input, &value);
                if report.is_empty() {
                    let body = service
                        .request(op, "http://127.0.0.1:1", &value)
                        .map(|request| request.body);
                    prop_assert!(body.is_ok(), "{}: {:?}", op.cli_name, body);
                    // Without timestamps or blobs (which botocore converts on
                    // the way out), the body is the input, as JSON.
                    let converted = op.args.iter().any(|a| {
                        matches!(a.arg_type.base(), ArgType::Timestamp | ArgType::Blob) && value.get(a.member).is_some()
                    });
                    if let (Ok(body), false) = (body, converted) {
                        let sent: Value = serde_json::from_slice(&body).unwrap();
                        prop_assert_eq!(&sent, &value, "{}", op.cli_name);
                    }
                }
            }
        }
    }

    /// Random argument vectors against an operation's options.
    #[test]
    fn argparse_never_panics(args in prop::collection::vec(
        prop_oneof![
            Just("--cluster-id".to_string()),
            Just("--step-ids".to_string()),
            Just("--generate-cli-skeleton".to_string()),
            Just("--c".to_string()),
            Just("--".to_string()),
            Just("-1".to_string()),
            "--[a-z-]{0,8}(=[a-z]{0,3})?",
            ".{0,8}",
        ],
        0..10,
    )) {
        let specs = [
            OptSpec::option("cluster-id"),
            OptSpec::option("step-ids").nargs(Nargs::ZeroOrMore),
            OptSpec::option("cli-input-json"),
            OptSpec::option("generate-cli-skeleton").nargs(Nargs::Optional(Some("input"))).choices(&["input", "output"]),
            OptSpec::positional("help").nargs(Nargs::Optional(None)),
        ];
        match argparse::parse_known_args(&specs, &args) {
            Ok(parsed) => prop_assert!(parsed.unknown.len() <= args.len()),
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }
}

/// The real model with one random mutation: loading never panics, and an
/// error names the file and a JSON path.
#[test]
fn mutated_models_load_or_fail_clearly() {
    let root = tests::workspace_root();
    let text = std::fs::read_to_string(root.join("model/emr/2009-03-31/service-2.json")).unwrap();
    let model: Value = serde_json::from_str(&text).unwrap();
    let mut runner = proptest::test_runner::TestRunner::default();
    let mutation = (any::<u32>(), 0u8..6);
    runner
        .run(&mutation, |(seed, kind)| {
            let mut mutated = model.clone();
            mutate(&mut mutated, seed, kind);
            let bytes = serde_json::to_vec(&mutated).unwrap();
            match codegen::model::load_service("model/emr/2009-03-31/service-2.json", &bytes) {
                Ok(_) => {}
                Err(e) => {
                    let shown = e.to_string();
                    prop_assert!(
                        shown.starts_with("model/emr/2009-03-31/service-2.json: at "),
                        "{}",
                        shown
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

/// Deletes a key, changes a type, dangles a reference, inflates a string or
/// nests deeply, at a place the seed picks.
fn mutate(model: &mut Value, seed: u32, kind: u8) {
    let shapes = model["shapes"].as_object_mut().unwrap();
    let names: Vec<String> = shapes.keys().cloned().collect();
    let name = &names[seed as usize % names.len()];
    let shape = shapes.get_mut(name).unwrap();
    match kind {
        0 => {
            shape.as_object_mut().unwrap().remove("type");
        }
        1 => shape["type"] = Value::from(7),
        2 => {
            if let Some(members) = shape.get_mut("members").and_then(Value::as_object_mut) {
                if let Some((_, member)) = members.iter_mut().next() {
                    member["shape"] = Value::from("NoSuchShape");
                }
            } else {
                shape["member"] = serde_json::json!({"shape": "NoSuchShape"});
            }
        }
        3 => shape["documentation"] = Value::from("x".repeat(1 << 16)),
        4 => {
            let mut deep = Value::from(1);
            for _ in 0..100 {
                deep = Value::Array(vec![deep]);
            }
            shape["documentation"] = deep;
        }
        _ => shape["enum"] = Value::from("not a list"),
    }
}

/// Every input skeleton is input that validation accepts, except where
/// byte-compatibility with aws-cli rules its placeholders out: an empty
/// string where the model's `min` is 1 or more, a 0 for a number whose `min`
/// is 1 or more (newer models' MaxResults), and botocore's `None` for a
/// double or a blob (its skeleton generator has no placeholder for either).
#[test]
fn input_skeletons_validate() {
    let mut failing = Vec::new();
    for service in generated::SERVICES {
        for op in service.operations {
            let skeleton: Value = serde_json::from_str(op.input_skeleton).unwrap();
            let report = validate(op.input, &skeleton);
            for error in report.errors() {
                let empty_below_min =
                    error.starts_with("Invalid length for parameter") && error.contains("value: 0");
                let double_none =
                    error.contains("value: None") && error.contains("valid types: <class 'float'>");
                let blob_none =
                    error.contains("value: None") && error.contains("valid types: <class 'bytes'>");
                let zero_below_min =
                    error.starts_with("Invalid range for parameter") && error.contains("value: 0,");
                assert!(
                    empty_below_min || double_none || blob_none || zero_below_min,
                    "{} skeleton fails validation: {error}",
                    op.cli_name
                );
                failing.push(format!("{}: {error}", op.cli_name));
            }
        }
    }
    eprintln!(
        "skeleton placeholders the model's min constraints refuse:\n{}",
        failing.join("\n")
    );
}

/// Tag soup for the HTML → rst renderer: real tags, broken ones, entities.
fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<code>".to_string()),
        Just("</code>".to_string()),
        Just("<a>RunJobFlow</a>".to_string()),
        Just("<a href=\"http://x\">link</a>".to_string()),
        Just("<ul><li>".to_string()),
        Just("</li></ul>".to_string()),
        Just("<note>".to_string()),
        Just("<b>".to_string()),
        Just("<i>".to_string()),
        Just("&amp;&lt;&#39;&bogus;".to_string()),
        Just("<![CDATA[x]]>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("</unopened>".to_string()),
        Just("<".to_string()),
        "[a-zA-Z .,*`_|-]{0,10}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    /// Any tag soup renders without a panic, and the same input renders to
    /// the same bytes (the generator's output is deterministic).
    #[test]
    fn html_to_rst_is_total_and_deterministic(html in tag_soup()) {
        let mut map = codegen::docs::TranslationMap::new();
        map.insert("RunJobFlow".into(), "run-job-flow".into());
        let first = codegen::docs::html_to_rst(&html, &map);
        prop_assert_eq!(first.clone(), codegen::docs::html_to_rst(&html, &map));
    }

    /// Plain text without markup characters survives rendering: its words
    /// all appear in the rst.
    #[test]
    fn html_to_rst_keeps_plain_words(words in prop::collection::vec("[a-z]{1,8}", 1..12)) {
        let html = format!("<p>{}</p>", words.join(" "));
        let rst = codegen::docs::html_to_rst(&html, &codegen::docs::TranslationMap::new());
        for word in &words {
            prop_assert!(rst.contains(word.as_str()), "{} not in {:?}", word, rst);
        }
    }
}

proptest! {
    /// Shorthand syntax: any text parses or fails with aws-cli's message.
    #[test]
    fn shorthand_never_panics(text in "[A-Za-z0-9=,\\[\\]{}'\" \\\\.:-]{0,40}") {
        match awsr_runtime::shorthand::parse(&text) {
            Ok(_) => {}
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

/// Random argument vectors for random commands, through the built binary:
/// every run ends with aws-cli's exit codes (0, 2 or 255) and never a
/// panic. Calls go to a closed loopback port. Runs PROPTEST_CASES / 50 cases
/// (at least 32), each one a process.
#[test]
fn random_command_lines_never_panic() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse::<u32>().ok())
        .unwrap_or(256);
    let config = ProptestConfig {
        cases: (cases / 50).max(32),
        ..ProptestConfig::default()
    };
    let mut commands: Vec<(&str, &str, Vec<String>)> = Vec::new();
    for service in generated::SERVICES {
        for op in service.operations {
            let options = op
                .args
                .iter()
                .chain(op.extra_args)
                .map(|a| format!("--{}", a.cli_name))
                .collect();
            commands.push((service.cli_name, op.cli_name, options));
        }
    }
    let word = prop_oneof![
        Just("--cli-input-json".to_string()),
        Just("--generate-cli-skeleton".to_string()),
        Just("output".to_string()),
        Just("help".to_string()),
        Just("{}".to_string()),
        Just("[1]".to_string()),
        Just("Key=Value,Other=[a,b]".to_string()),
        Just("file:///nonexistent".to_string()),
        "[a-z0-9=,-]{0,10}",
    ];
    let strategy = (
        0..commands.len(),
        prop::collection::vec((any::<prop::sample::Index>(), word), 0..6),
    );
    let mut runner = proptest::test_runner::TestRunner::new(config);
    runner
        .run(&strategy, |(which, words)| {
            let (service, operation, options) = &commands[which];
            let mut args = vec![service.to_string(), operation.to_string()];
            for (index, word) in words {
                if !options.is_empty() {
                    args.push(index.get(options).clone());
                }
                args.push(word);
            }
            args.extend([
                "--endpoint-url".to_string(),
                "http://127.0.0.1:9".to_string(),
            ]);
            let out = tests::awsr::awsr(args.clone())
                .env("AWSR_DELAY_SCALE", "0")
                .run();
            prop_assert!(
                !out.stderr.contains("panicked"),
                "{:?}: {}",
                args,
                out.stderr
            );
            prop_assert!(
                [0, 2, 255].contains(&out.code),
                "{:?}: exit {} {}",
                args,
                out.code,
                out.stderr
            );
            Ok(())
        })
        .unwrap();
}

/// JMESPath expressions made of its own tokens, so that many compile.
fn query_text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "a",
        "b",
        "Steps",
        "@",
        ".",
        "[",
        "]",
        "[*]",
        "[]",
        "[?",
        "==",
        "!=",
        "<",
        ">=",
        "&&",
        "||",
        "!",
        "(",
        ")",
        "{",
        "}",
        ":",
        ",",
        "|",
        "`1`",
        "`\"x\"`",
        "'s'",
        "&",
        "length(",
        "sort_by(",
        "max_by(",
        "to_string(",
        "join(",
        "keys(",
        "values(",
        "-1",
        "0",
        "1:2",
        "::-1",
        " ",
    ]);
    prop::collection::vec(token, 0..24).prop_map(|tokens| tokens.concat())
}

proptest! {
    /// `--query`: any expression compiles or fails with jmespath's message,
    /// and searching never panics, whatever the data.
    #[test]
    fn query_never_panics(expression in query_text(), data in json_value()) {
        use awsr_runtime::format::{jmespath, value::{expanded_size, Var}};
        match jmespath::compile(&expression) {
            Ok(compiled) => {
                let data = Var::from_json(&data);
                if let Ok(result) = compiled.search(&data) {
                    prop_assert!(expanded_size(&result) >= 1);
                }
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }

    /// The shared config and credentials files: any text parses or fails
    /// with a line number and a reason.
    #[test]
    fn config_parser_never_panics(text in "([\\[\\]a-z =:;#\\t]{0,12}\n){0,12}") {
        match awsr_runtime::profile::parse(&text) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.line >= 1 && !e.detail.is_empty()),
        }
    }

    /// Response bodies: the bounded-depth reader agrees with serde_json on
    /// what serde_json can read, and never panics on anything else.
    #[test]
    fn response_json_reader_agrees_with_serde(value in json_value(), noise in ".{0,32}") {
        let text = value.to_string();
        let read: Value = awsr_runtime::limits::parse_json_response(text.as_bytes()).unwrap();
        prop_assert_eq!(read, serde_json::from_str::<Value>(&text).unwrap());
        let _ = awsr_runtime::limits::parse_json_response::<Value>(noise.as_bytes());
    }
}

/// Deep nesting in any parser of user input ends in an error (each stops
/// at aws-cli's recursion depth), never a stack overflow, on the stack awsr
/// runs on (`driver::STACK_SIZE`). The JSON parser does not recurse at all.
#[test]
fn deep_input_does_not_overflow_the_stack() {
    let n = 100_000;
    let deep_json = "[".repeat(n);
    assert!(pyjson::loads(&deep_json).is_err());
    std::thread::Builder::new()
        .stack_size(awsr_runtime::driver::STACK_SIZE)
        .spawn(move || {
            let deep_shorthand = format!("{}a=b{}", "k={".repeat(n), "}".repeat(n));
            assert!(awsr_runtime::shorthand::parse(&deep_shorthand).is_err());
            let deep_query = format!("{}a{}", "(".repeat(n), ")".repeat(n));
            assert!(awsr_runtime::format::jmespath::compile(&deep_query).is_err());
        })
        .unwrap()
        .join()
        .unwrap();
}
