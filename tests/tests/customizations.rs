//! The declared layer of aws-cli's own customisations on model-driven
//! commands (model/customizations/*.json): emr's list-clusters state filters
//! and add-tags' `key=value` tags (`commands`), deploy's `--s3-location` /
//! `--github-location` and configservice's `--recording-group`
//! (`extended_commands`). Each expected request body and error is what
//! aws-cli 1.14.28 sent or printed for the same command line against a
//! recording loopback server.

use serde_json::{json, Value};
use tests::awsr::awsr;
use tests::server::{Reply, Server};

fn sent(args: &[&str]) -> (tests::awsr::Output, Option<Value>) {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend(["--endpoint-url".to_string(), server.url()]);
    let out = awsr(all).run();
    let body = server.requests().first().map(|r| r.json());
    (out, body)
}

#[test]
fn list_clusters_state_filters() {
    let cases: [(&[&str], Value); 4] = [
        (
            &["emr", "list-clusters", "--active"],
            json!({"ClusterStates": ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"]}),
        ),
        (
            &["emr", "list-clusters", "--terminated"],
            json!({"ClusterStates": ["TERMINATED"]}),
        ),
        (
            &["emr", "list-clusters", "--failed"],
            json!({"ClusterStates": ["TERMINATED_WITH_ERRORS"]}),
        ),
        (
            &["emr", "list-clusters", "--cluster-states", "RUNNING"],
            json!({"ClusterStates": ["RUNNING"]}),
        ),
    ];
    for (args, expected) in cases {
        let (out, body) = sent(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(body, Some(expected), "{args:?}");
    }
}

#[test]
fn list_clusters_filters_are_exclusive() {
    for args in [
        &["emr", "list-clusters", "--active", "--failed"][..],
        &[
            "emr",
            "list-clusters",
            "--cluster-states",
            "RUNNING",
            "--terminated",
        ][..],
    ] {
        let (out, body) = sent(args);
        assert_eq!(out.code, 255, "{args:?}");
        assert_eq!(
            out.stderr,
            "\nawsr: error: You can specify only one of the cluster state filters: --cluster-states, --active, --terminated, --failed.\n"
        );
        assert_eq!(body, None, "nothing is sent");
    }
}

#[test]
fn add_tags_takes_key_value_words() {
    let (out, body) = sent(&[
        "emr",
        "add-tags",
        "--resource-id",
        "j-1",
        "--tags",
        "a=b",
        "c",
        "d=e=f",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        body,
        Some(
            json!({"ResourceId": "j-1", "Tags": [{"Key": "a", "Value": "b"}, {"Key": "c", "Value": ""}, {"Key": "d", "Value": "e=f"}]})
        )
    );
    let (out, _) = sent(&["emr", "add-tags", "--resource-id", "j-1"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .ends_with("awsr: error: the following arguments are required: --tags\n"),
        "{}",
        out.stderr
    );
}

/// The body sent, as its bytes (aws-cli's key order and separators).
fn sent_text(args: &[&str]) -> (tests::awsr::Output, Option<String>) {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend(["--endpoint-url".to_string(), server.url()]);
    let out = awsr(all).run();
    let body = server
        .requests()
        .first()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned());
    (out, body)
}

#[test]
fn deploy_location_options_fill_the_revision() {
    let s3 = r#"{"applicationName": "a", "revision": {"revisionType": "S3", "s3Location": {"bucket": "b", "key": "k", "bundleType": "zip"}}}"#;
    let github = r#"{"applicationName": "a", "revision": {"revisionType": "GitHub", "gitHubLocation": {"repository": "r", "commitId": "c"}}}"#;
    let cases: [(&[&str], &str); 5] = [
        (
            // Fields beyond the declared ones are dropped; order is aws-cli's.
            &[
                "--s3-location",
                "version=v,extra=1,eTag=e,bucket=b,key=k,bundleType=zip",
            ],
            r#"{"applicationName": "a", "revision": {"revisionType": "S3", "s3Location": {"bucket": "b", "key": "k", "bundleType": "zip", "eTag": "e", "version": "v"}}}"#,
        ),
        (
            &[
                "--github-location",
                r#"{"commitId": "c", "repository": "r", "x": 1}"#,
            ],
            github,
        ),
        // The later option in aws-cli's table wins: the model's --revision,
        // then --s3-location, then --github-location.
        (
            &[
                "--revision",
                "revisionType=String",
                "--s3-location",
                "bucket=b,key=k,bundleType=zip",
            ],
            s3,
        ),
        (
            &[
                "--github-location",
                "repository=r,commitId=c",
                "--s3-location",
                "bucket=b,key=k,bundleType=zip",
            ],
            github,
        ),
        // aws-cli checks no enum.
        (
            &["--s3-location", "bucket=b,key=k,bundleType=bad"],
            r#"{"applicationName": "a", "revision": {"revisionType": "S3", "s3Location": {"bucket": "b", "key": "k", "bundleType": "bad"}}}"#,
        ),
    ];
    for (options, expected) in cases {
        let mut args = vec!["deploy", "create-deployment", "--application-name", "a"];
        args.extend(options);
        let (out, body) = sent_text(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(body.as_deref(), Some(expected), "{args:?}");
    }
    // get-application-revision's --revision is optional, as in aws-cli.
    let (out, body) = sent_text(&[
        "deploy",
        "get-application-revision",
        "--application-name",
        "a",
        "--s3-location",
        "bucket=b,key=k,bundleType=tgz",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(body.as_deref(), Some(s3.replace("zip", "tgz").as_str()));
}

#[test]
fn deploy_location_options_refuse_what_aws_cli_refuses() {
    let s3_error = "\n--s3-location must specify bucket, key and bundleType.\n";
    let github_error = "\n--github-location must specify repository and commitId.\n";
    let cases: [(&[&str], i32, &str); 6] = [
        (&["--s3-location", "bucket=b,key=k"], 255, s3_error),
        // An empty or zero field counts as missing (Python truthiness).
        (&["--s3-location", "bucket=b,key=,bundleType=zip"], 255, s3_error),
        (&["--s3-location", r#"{"bucket": "b", "key": "k", "bundleType": 0}"#], 255, s3_error),
        (&["--github-location", "repository=r"], 255, github_error),
        (
            &["--s3-location", "bucket=b,key=k,bundleType=zip", "--github-location", "repository=r"],
            255,
            github_error,
        ),
        (
            &["--s3-location", r#"{"bucket": 1, "key": "k", "bundleType": "zip"}"#],
            255,
            "\nParameter validation failed:\nInvalid type for parameter revision.s3Location.bucket, value: 1, type: <class 'int'>, valid types: <class 'str'>\n",
        ),
    ];
    for (options, code, stderr) in cases {
        let mut args = vec!["deploy", "create-deployment", "--application-name", "a"];
        args.extend(options);
        let (out, body) = sent_text(&args);
        assert_eq!((out.code, out.stderr.as_str()), (code, stderr), "{args:?}");
        assert_eq!(body, None, "{args:?}: nothing is sent");
    }
    let (out, body) = sent_text(&[
        "deploy",
        "get-application-revision",
        "--application-name",
        "a",
    ]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            255,
            "\nParameter validation failed:\nMissing required parameter in input: \"revision\"\n"
        )
    );
    assert_eq!(body, None);
}

#[test]
fn configservice_recording_group_fills_the_recorder() {
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "--configuration-recorder",
                "name=n,roleARN=r",
                "--recording-group",
                "allSupported=true,includeGlobalResourceTypes=false,resourceTypes=a,b",
            ],
            r#"{"ConfigurationRecorder": {"name": "n", "roleARN": "r", "recordingGroup": {"allSupported": true, "includeGlobalResourceTypes": false, "resourceTypes": ["a", "b"]}}}"#,
        ),
        // --recording-group replaces a recordingGroup given in JSON.
        (
            &[
                "--configuration-recorder",
                r#"{"name": "n", "recordingGroup": {"allSupported": false}}"#,
                "--recording-group",
                "resourceTypes=x",
            ],
            r#"{"ConfigurationRecorder": {"name": "n", "recordingGroup": {"resourceTypes": ["x"]}}}"#,
        ),
        // With --cli-input-json the recorder is not required, and the
        // options' ConfigurationRecorder wins whole.
        (
            &[
                "--recording-group",
                "allSupported=true",
                "--cli-input-json",
                r#"{"ConfigurationRecorder": {"roleARN": "r"}}"#,
            ],
            r#"{"ConfigurationRecorder": {"recordingGroup": {"allSupported": true}}}"#,
        ),
    ];
    for (options, expected) in cases {
        let mut args = vec!["configservice", "put-configuration-recorder"];
        args.extend(options);
        let (out, body) = sent_text(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(body.as_deref(), Some(expected), "{args:?}");
    }
    let (out, body) = sent_text(&[
        "configservice",
        "put-configuration-recorder",
        "--recording-group",
        "allSupported=true",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.ends_with(
            "awsr: error: the following arguments are required: --configuration-recorder\n"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(body, None);
    // The recorder's shorthand no longer knows recordingGroup, so its
    // values stay strings, which validation refuses.
    let (out, body) = sent_text(&[
        "configservice",
        "put-configuration-recorder",
        "--configuration-recorder",
        "name=n,recordingGroup={allSupported=true}",
    ]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            255,
            "\nParameter validation failed:\nInvalid type for parameter ConfigurationRecorder.recordingGroup.allSupported, value: true, type: <class 'str'>, valid types: <class 'bool'>\n"
        )
    );
    assert_eq!(body, None);
}

/// aws-cli's `PARAMFILE_DISABLED`
/// (`model/customizations/all-services/paramfile-disabled.json`): these
/// options send a `file://` value as it is; the command's other options
/// still read their files.
#[test]
fn paramfile_disabled_options_send_file_uris_as_they_are() {
    let cases: [(&[&str], &str); 2] = [
        (
            &[
                "translate",
                "translate-text",
                "--text",
                "file:///nonexistent/x",
                "--source-language-code",
                "en",
                "--target-language-code",
                "fr",
            ],
            r#"{"Text": "file:///nonexistent/x", "SourceLanguageCode": "en", "TargetLanguageCode": "fr"}"#,
        ),
        (
            &[
                "comprehend",
                "detect-sentiment",
                "--text",
                "file:///nonexistent/x",
                "--language-code",
                "en",
            ],
            r#"{"Text": "file:///nonexistent/x", "LanguageCode": "en"}"#,
        ),
    ];
    for (args, expected) in cases {
        let (out, body) = sent_text(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(body.as_deref(), Some(expected), "{args:?}");
    }
    let (out, body) = sent_text(&[
        "comprehend",
        "detect-sentiment",
        "--text",
        "en",
        "--language-code",
        "file:///nonexistent/x",
    ]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            255,
            "\nError parsing parameter '--language-code': Unable to load paramfile file:///nonexistent/x: [Errno 2] No such file or directory: '/nonexistent/x'\n"
        )
    );
    assert_eq!(body, None);
}
