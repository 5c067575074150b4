//! End to end against a real third-party server: the built awsr drives a
//! whole EMR cluster's life on the moto server (tests/src/moto.rs, pinned in
//! tests/moto-requirements.txt), and every step checks what came back: ids,
//! names, states, tags, pagination tokens, and aws-cli's error lines.
//!
//! moto is installed into target/moto-venv by .ci/run, or by the first test
//! that finds it missing; a failed install fails these tests.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use tests::awsr::{awsr, Output};
use tests::moto::{Logged, Moto};

const INSTANCES: &str = r#"{"MasterInstanceType": "m4.large", "SlaveInstanceType": "m4.large", "InstanceCount": 3, "KeepJobFlowAliveWhenNoSteps": true}"#;

/// `awsr emr ARGS --endpoint-url <moto>`, region us-east-1, test credentials,
/// no backoff delays.
fn emr(moto: &Moto, args: &[&str]) -> Output {
    let mut all = vec!["emr"];
    all.extend_from_slice(args);
    let url = moto.url();
    all.extend_from_slice(&["--endpoint-url", &url]);
    awsr(all)
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWSR_DELAY_SCALE", "0")
        .run()
}

/// The JSON a successful command printed.
fn ok_json(args: &[&str], out: &Output) -> Value {
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (0, ""),
        "awsr emr {args:?} failed; stdout: {}",
        out.stdout
    );
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("awsr emr {args:?} printed no JSON ({e}): {}", out.stdout))
}

fn call(moto: &Moto, args: &[&str]) -> Value {
    ok_json(args, &emr(moto, args))
}

/// A command whose output shape is empty: aws-cli prints nothing.
fn call_silent(moto: &Moto, args: &[&str]) {
    let out = emr(moto, args);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", ""),
        "awsr emr {args:?}"
    );
}

fn string(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {v:#}"))
        .to_string()
}

fn strings(v: &Value, pointer: &str) -> Vec<String> {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no list at {pointer} in {v:#}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// `Key` → `Value` of a cluster's `Tags`.
fn tags(cluster: &Value) -> BTreeMap<String, String> {
    cluster["Cluster"]["Tags"]
        .as_array()
        .unwrap_or_else(|| panic!("no Tags in {cluster:#}"))
        .iter()
        .map(|t| (string(t, "/Key"), string(t, "/Value")))
        .collect()
}

/// Each step's `Id` from a ListSteps output, in order.
fn step_ids(listed: &Value) -> Vec<String> {
    listed["Steps"]
        .as_array()
        .unwrap_or_else(|| panic!("no Steps in {listed:#}"))
        .iter()
        .map(|s| string(s, "/Id"))
        .collect()
}

/// Cluster id → (name, state) from a ListClusters output.
fn clusters(listed: &Value) -> BTreeMap<String, (String, String)> {
    listed["Clusters"]
        .as_array()
        .unwrap_or_else(|| panic!("no Clusters in {listed:#}"))
        .iter()
        .map(|c| {
            (
                string(c, "/Id"),
                (string(c, "/Name"), string(c, "/Status/State")),
            )
        })
        .collect()
}

fn is_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    })
}

fn run_job_flow(moto: &Moto, name: &str, instances: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "run-job-flow",
        "--name",
        name,
        "--release-label",
        "emr-5.8.0",
        "--instances",
        instances,
    ];
    args.extend_from_slice(extra);
    let created = call(moto, &args);
    let id = string(&created, "/JobFlowId");
    assert!(is_id(&id, "j-"), "a cluster id: {id}");
    // Nothing but members of the model's RunJobFlowOutput (JobFlowId, and
    // ClusterArn in newer models).
    let output: Value = serde_json::from_str(
        generated::SERVICES
            .iter()
            .find(|s| s.cli_name == "emr")
            .and_then(|s| s.operation("run-job-flow"))
            .expect("emr run-job-flow is generated")
            .output_skeleton,
    )
    .unwrap();
    let members = output.as_object().expect("an object skeleton");
    for key in created.as_object().expect("an object").keys() {
        assert!(members.contains_key(key), "{key} in {created:#}");
    }
    id
}

/// The step definitions `add-job-flow-steps --steps` takes, named `prefix-N`.
fn steps_json(prefix: &str, count: usize) -> String {
    let steps: Vec<Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "Name": format!("{prefix}-{i}"),
                "ActionOnFailure": if i % 2 == 0 { "CONTINUE" } else { "CANCEL_AND_WAIT" },
                "HadoopJarStep": {
                    "Jar": "command-runner.jar",
                    "Args": ["spark-submit", format!("job-{i}.py"), "--n", i.to_string()],
                    "Properties": [{"Key": "step", "Value": i.to_string()}]
                }
            })
        })
        .collect();
    Value::Array(steps).to_string()
}

/// What aws-cli 1.14.28 printed for CancelSteps against this moto.
fn cancel_steps_fixture() -> Value {
    let path =
        tests::workspace_root().join("tests/fixtures/aws-cli-1.14.28/moto-cancel-steps.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("the fixture reads"))
        .expect("the fixture is JSON")
}

fn answered_500(r: &Logged) -> bool {
    r.request.starts_with("POST ") && r.status == 500
}

#[test]
fn a_cluster_s_whole_life_through_awsr_against_moto() {
    let moto = Moto::start();

    // run-job-flow: one cluster kept alive, one that ends when it has no steps.
    let cluster = run_job_flow(
        &moto,
        "awsr-moto-flow",
        INSTANCES,
        &[
            "--service-role",
            "EMR_DefaultRole",
            "--job-flow-role",
            "EMR_EC2_DefaultRole",
            "--visible-to-all-users",
            "--applications",
            r#"[{"Name": "Hadoop"}, {"Name": "Spark"}]"#,
            "--tags",
            r#"[{"Key": "project", "Value": "awsr"}, {"Key": "stage", "Value": "test"}]"#,
        ],
    );
    let other = run_job_flow(
        &moto,
        "awsr-moto-other",
        r#"{"MasterInstanceType": "m4.large", "InstanceCount": 1, "KeepJobFlowAliveWhenNoSteps": false}"#,
        &[],
    );
    assert_ne!(cluster, other);

    // add-job-flow-steps: five steps in one call.
    let added = call(
        &moto,
        &[
            "add-job-flow-steps",
            "--cluster-id",
            &cluster,
            "--steps",
            &steps_json("step", 5),
        ],
    );
    let added = strings(&added, "/StepIds");
    assert_eq!(added.len(), 5, "{added:?}");
    assert!(added.iter().all(|id| is_id(id, "s-")), "{added:?}");
    assert_eq!(added.iter().collect::<BTreeSet<_>>().len(), 5, "{added:?}");
    let name_of: BTreeMap<&str, String> = added
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), format!("step-{i}")))
        .collect();

    // list-steps, whole: every step once, with its name, arguments and state
    // (moto runs the first step added to an idle cluster, the rest wait).
    let listed = call(&moto, &["list-steps", "--cluster-id", &cluster]);
    assert!(listed.get("NextToken").is_none(), "{listed:#}");
    let all = step_ids(&listed);
    assert_eq!(
        all.iter().collect::<BTreeSet<_>>(),
        added.iter().collect::<BTreeSet<_>>()
    );
    assert_eq!(all.len(), 5);
    for step in listed["Steps"].as_array().unwrap() {
        let id = string(step, "/Id");
        let name = &name_of[id.as_str()];
        assert_eq!(&string(step, "/Name"), name);
        let i = name.trim_start_matches("step-");
        assert_eq!(string(step, "/Config/Jar"), "command-runner.jar");
        assert_eq!(
            strings(step, "/Config/Args"),
            ["spark-submit", &format!("job-{i}.py"), "--n", i]
        );
        assert_eq!(step["Config"]["Properties"]["step"], i, "{step:#}");
        let state = if id == added[0] { "RUNNING" } else { "PENDING" };
        assert_eq!(string(step, "/Status/State"), state, "{step:#}");
    }

    // list-steps in pages of two: --max-items, then --starting-token with the
    // NextToken printed; the pages hold every step exactly once, in order.
    let mut paged = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut args = vec!["list-steps", "--cluster-id", &cluster, "--max-items", "2"];
        if let Some(t) = &token {
            args.extend_from_slice(&["--starting-token", t]);
        }
        let page = call(&moto, &args);
        pages += 1;
        let ids = step_ids(&page);
        paged.extend(ids.clone());
        match page.get("NextToken") {
            Some(next) => {
                assert_eq!(ids.len(), 2, "a full page before a token: {page:#}");
                token = Some(next.as_str().expect("NextToken is a string").to_string());
            }
            None => break,
        }
        assert!(
            pages < 5,
            "list-steps keeps printing a NextToken: {paged:?}"
        );
    }
    assert_eq!(pages, 3);
    assert_eq!(paged, all, "pages of two = the whole listing");

    // list-steps filtered by state.
    let running = call(
        &moto,
        &[
            "list-steps",
            "--cluster-id",
            &cluster,
            "--step-states",
            "RUNNING",
        ],
    );
    assert_eq!(step_ids(&running), [added[0].clone()]);

    // describe-step.
    let step = call(
        &moto,
        &[
            "describe-step",
            "--cluster-id",
            &cluster,
            "--step-id",
            &added[3],
        ],
    );
    assert_eq!(string(&step, "/Step/Id"), added[3]);
    assert_eq!(string(&step, "/Step/Name"), "step-3");
    assert_eq!(string(&step, "/Step/ActionOnFailure"), "CANCEL_AND_WAIT");
    assert_eq!(
        strings(&step, "/Step/Config/Args"),
        ["spark-submit", "job-3.py", "--n", "3"]
    );
    assert_eq!(string(&step, "/Step/Status/State"), "PENDING");

    // describe-cluster.
    let described = call(&moto, &["describe-cluster", "--cluster-id", &cluster]);
    let c = &described["Cluster"];
    assert_eq!(string(c, "/Id"), cluster);
    assert_eq!(string(c, "/Name"), "awsr-moto-flow");
    assert_eq!(string(c, "/ReleaseLabel"), "emr-5.8.0");
    assert_eq!(string(c, "/Status/State"), "RUNNING");
    assert_eq!(string(c, "/ServiceRole"), "EMR_DefaultRole");
    assert_eq!(
        string(c, "/Ec2InstanceAttributes/IamInstanceProfile"),
        "EMR_EC2_DefaultRole"
    );
    assert_eq!(c["VisibleToAllUsers"], true);
    assert_eq!(c["AutoTerminate"], false);
    let apps: Vec<String> = c["Applications"]
        .as_array()
        .expect("Applications")
        .iter()
        .map(|a| string(a, "/Name"))
        .collect();
    assert_eq!(apps, ["Hadoop", "Spark"]);
    assert_eq!(
        tags(&described),
        BTreeMap::from([
            ("project".into(), "awsr".into()),
            ("stage".into(), "test".into())
        ])
    );

    // list-clusters: both, with their states; then filtered by state, by the
    // model's option and by aws-cli's `--active`.
    let listed = clusters(&call(&moto, &["list-clusters"]));
    assert_eq!(
        listed,
        BTreeMap::from([
            (cluster.clone(), ("awsr-moto-flow".into(), "RUNNING".into())),
            (
                other.clone(),
                ("awsr-moto-other".into(), "TERMINATED".into())
            ),
        ])
    );
    let active = clusters(&call(
        &moto,
        &["list-clusters", "--cluster-states", "RUNNING", "WAITING"],
    ));
    assert_eq!(active.keys().collect::<Vec<_>>(), [&cluster]);
    let active = clusters(&call(&moto, &["list-clusters", "--active"]));
    assert_eq!(active.keys().collect::<Vec<_>>(), [&cluster]);

    // add-tags takes aws-cli's `key=value` words (split at the first `=`; a
    // bare key gets an empty value): new keys and a changed value. Then
    // remove-tags.
    call_silent(
        &moto,
        &[
            "add-tags",
            "--resource-id",
            &cluster,
            "--tags",
            "owner=data-team",
            "stage=prod",
            "query=a=b",
            "flag",
        ],
    );
    let described = call(&moto, &["describe-cluster", "--cluster-id", &cluster]);
    assert_eq!(
        tags(&described),
        BTreeMap::from([
            ("flag".into(), "".into()),
            ("owner".into(), "data-team".into()),
            ("project".into(), "awsr".into()),
            ("query".into(), "a=b".into()),
            ("stage".into(), "prod".into())
        ])
    );
    call_silent(
        &moto,
        &[
            "remove-tags",
            "--resource-id",
            &cluster,
            "--tag-keys",
            "stage",
            "project",
            "flag",
            "query",
        ],
    );
    let described = call(&moto, &["describe-cluster", "--cluster-id", &cluster]);
    assert_eq!(
        tags(&described),
        BTreeMap::from([("owner".into(), "data-team".into())])
    );

    // cancel-steps: moto does not implement CancelSteps and answers HTTP 500
    // with Flask's HTML page; awsr must print what aws-cli 1.14.28 printed
    // against the same moto (tests/fixtures/aws-cli-1.14.28/moto-cancel-steps.json).
    let fixture = cancel_steps_fixture();
    let before = moto.requests().into_iter().filter(answered_500).count();
    let out = emr(
        &moto,
        &[
            "cancel-steps",
            "--cluster-id",
            &cluster,
            "--step-ids",
            &added[3],
            &added[4],
        ],
    );
    assert_eq!(out.code, fixture["code"], "{out:?}");
    assert_eq!(out.stdout, fixture["stdout"]);
    let with_retries = fixture["stderr"].as_str().expect("stderr").to_string();
    let suffix = " (reached max retries: 4)";
    assert!(with_retries.contains(suffix), "{with_retries}");
    let attempts_by_aws_cli = fixture["moto_requests_answered_500"].as_u64().unwrap() as usize;
    // botocore retries a 500 (5 attempts in all) and, having run out, adds
    // the suffix; awsr does the same.
    assert_eq!(out.stderr, with_retries, "aws-cli printed:\n{with_retries}");
    let expected_attempts = attempts_by_aws_cli;
    let seen = moto.requests_settled(before + expected_attempts, answered_500);
    assert_eq!(
        seen.len() - before,
        expected_attempts,
        "CancelSteps attempts moto answered; awsr printed:\n{}",
        out.stderr
    );
    // Nothing was cancelled.
    let step = call(
        &moto,
        &[
            "describe-step",
            "--cluster-id",
            &cluster,
            "--step-id",
            &added[4],
        ],
    );
    assert_eq!(string(&step, "/Step/Status/State"), "PENDING");

    // terminate-job-flows.
    call_silent(&moto, &["terminate-job-flows", "--cluster-ids", &cluster]);
    let described = call(&moto, &["describe-cluster", "--cluster-id", &cluster]);
    assert_eq!(string(&described, "/Cluster/Status/State"), "TERMINATED");
    let active = call(
        &moto,
        &["list-clusters", "--cluster-states", "RUNNING", "WAITING"],
    );
    assert_eq!(active, serde_json::json!({"Clusters": []}));
    let ended = clusters(&call(
        &moto,
        &["list-clusters", "--cluster-states", "TERMINATED"],
    ));
    assert_eq!(
        ended.keys().collect::<BTreeSet<_>>(),
        BTreeSet::from([&cluster, &other])
    );
}

/// moto answers ListSteps 50 steps a page with a `Marker`: awsr follows it
/// across pages, and `--max-items` tokens that stop inside a page resume there.
#[test]
fn list_steps_follows_moto_s_markers_and_resumes_inside_a_page() {
    let moto = Moto::start();
    let cluster = run_job_flow(&moto, "awsr-moto-many-steps", INSTANCES, &[]);
    let added = call(
        &moto,
        &[
            "add-job-flow-steps",
            "--cluster-id",
            &cluster,
            "--steps",
            &steps_json("many", 130),
        ],
    );
    let added = strings(&added, "/StepIds");
    assert_eq!(added.len(), 130);
    let added_set: BTreeSet<&String> = added.iter().collect();
    assert_eq!(added_set.len(), 130);

    let answered_ok = |r: &Logged| r.request.starts_with("POST ") && r.status == 200;
    let before = moto.requests().into_iter().filter(answered_ok).count();
    let whole = call(&moto, &["list-steps", "--cluster-id", &cluster]);
    assert!(whole.get("NextToken").is_none(), "{whole:#}");
    let all = step_ids(&whole);
    assert_eq!(all.len(), 130);
    assert_eq!(all.iter().collect::<BTreeSet<_>>(), added_set);
    let after = moto.requests_settled(before + 3, answered_ok).len();
    assert_eq!(after - before, 3, "three ListSteps pages of at most 50");

    // 70 items: the token stops 20 steps into moto's second page.
    let first = call(
        &moto,
        &["list-steps", "--cluster-id", &cluster, "--max-items", "70"],
    );
    let token = string(&first, "/NextToken");
    let second = call(
        &moto,
        &[
            "list-steps",
            "--cluster-id",
            &cluster,
            "--starting-token",
            &token,
            "--max-items",
            "40",
        ],
    );
    let token = string(&second, "/NextToken");
    let third = call(
        &moto,
        &[
            "list-steps",
            "--cluster-id",
            &cluster,
            "--starting-token",
            &token,
        ],
    );
    assert!(third.get("NextToken").is_none(), "{third:#}");
    let (first, second, third) = (step_ids(&first), step_ids(&second), step_ids(&third));
    assert_eq!((first.len(), second.len(), third.len()), (70, 40, 20));
    let paged: Vec<String> = [first, second, third].concat();
    assert_eq!(paged, all, "the pages hold every step once, in order");
}

/// A service error moto answers as JSON (HTTP 400): aws-cli 1.14.28 prints
/// this same line against the same moto (checked by hand with
/// shared/tools/aws-cli-reference).
#[test]
fn a_service_error_from_moto_prints_aws_cli_s_line() {
    let moto = Moto::start();
    let out = emr(
        &moto,
        &["describe-cluster", "--cluster-id", "j-NOSUCHCLUSTER"],
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            255,
            "",
            "\nAn error occurred (InvalidRequestException) when calling the DescribeCluster operation: Cluster id 'j-NOSUCHCLUSTER' is not valid.\n"
        )
    );
}
