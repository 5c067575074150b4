//! Where credentials, region and TLS settings come from, as botocore 1.8.32
//! resolves them: the built awsr runs with a temporary HOME holding real
//! `~/.aws/config` and `~/.aws/credentials` files, calls a loopback server
//! (which also plays STS and the container credential endpoint), and the
//! test checks what was printed, the exit code, and who signed each request
//! (verified independently with the secret the test expects).
//!
//! No test lets awsr ask the instance metadata service: the runner sets
//! `AWS_EC2_METADATA_DISABLED=true` and container credentials come from
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI` on 127.0.0.1.

use std::path::Path;
use tests::awsr::{awsr, Output, Run};
use tests::server::{Recorded, Reply, Server};
use tests::sigv4;

const OK_BODY: &str = r#"{"CancelStepsInfoList":[]}"#;
const OK_STDOUT: &str = "{\n    \"CancelStepsInfoList\": []\n}\n";

/// A temporary home folder with the files a test writes into it.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().expect("temp HOME"))
    }

    /// Writes `text` to `relative` (under the home folder), making folders.
    fn with(self, relative: &str, text: &str) -> Home {
        let path = self.0.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(&path, text).expect("file written");
        self
    }

    fn config(self, text: &str) -> Home {
        self.with(".aws/config", text)
    }

    fn credentials(self, text: &str) -> Home {
        self.with(".aws/credentials", text)
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn path_str(&self) -> String {
        self.path().to_string_lossy().into_owned()
    }

    /// An executable script in the home folder; returns its path.
    fn script(&self, name: &str, body: &str) -> String {
        let path = self.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .expect("script made executable");
        }
        path.to_string_lossy().into_owned()
    }
}

/// `awsr args...` with HOME at `home` and none of the runner's default
/// credentials or region: only what the test sets.
fn run_in(home: &Home, args: &[&str]) -> Run {
    awsr(args.iter().copied())
        .env("HOME", &home.path_str())
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_DEFAULT_REGION")
}

fn cancel_steps(url: &str) -> Vec<&str> {
    vec![
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        url,
    ]
}

/// `cancel-steps` against a server that answers once with success.
fn call_ok(home: &Home, extra: &[&str], env: &[(&str, &str)]) -> (Output, Recorded) {
    let server = Server::start(vec![Reply::json(200, OK_BODY)]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend_from_slice(extra);
    let mut run = run_in(home, &args);
    for (k, v) in env {
        run = run.env(k, v);
    }
    let out = run.run();
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "one request: {out:?}");
    (out, requests.remove(0))
}

fn assert_ok(out: &Output) {
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, OK_STDOUT);
    assert_eq!(out.code, 0);
}

/// Checks the request was signed with `secret`, by `access_key`, for `region`.
fn assert_signed(request: &Recorded, access_key: &str, secret: &str, region: &str, service: &str) {
    let auth = sigv4::verify(request, secret).expect("signature verifies");
    assert_eq!(auth.access_key, access_key);
    assert_eq!(auth.region, region);
    assert_eq!(auth.service, service);
}

fn assert_fails(out: &Output, stderr: &str) {
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, stderr);
    assert_eq!(out.code, 255);
}

const DEV_FILES: (&str, &str) = (
    "[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\noutput = json\n",
    "[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = default/secret\n\n[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = dev/secret\n",
);

fn dev_home() -> Home {
    Home::new().config(DEV_FILES.0).credentials(DEV_FILES.1)
}

#[test]
fn default_profile_from_the_shared_files() {
    let home = dev_home();
    let (out, request) = call_ok(&home, &[], &[]);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEFAULT",
        "default/secret",
        "us-west-2",
        "elasticmapreduce",
    );
    assert_eq!(request.header("x-amz-security-token"), None);
}

#[test]
fn profile_option_picks_a_profile() {
    let home = dev_home();
    let (out, request) = call_ok(&home, &["--profile", "dev"], &[]);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEV",
        "dev/secret",
        "eu-west-1",
        "elasticmapreduce",
    );
}

#[test]
fn profile_from_the_environment() {
    let home = dev_home();
    let (out, request) = call_ok(&home, &[], &[("AWS_PROFILE", "dev")]);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEV",
        "dev/secret",
        "eu-west-1",
        "elasticmapreduce",
    );
    // AWS_DEFAULT_PROFILE comes first in this era.
    let (out, request) = call_ok(
        &home,
        &[],
        &[("AWS_DEFAULT_PROFILE", "default"), ("AWS_PROFILE", "dev")],
    );
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEFAULT",
        "default/secret",
        "us-west-2",
        "elasticmapreduce",
    );
}

#[test]
fn environment_credentials_win_unless_a_profile_is_given_on_the_command_line() {
    let home = dev_home();
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKENV"),
        ("AWS_SECRET_ACCESS_KEY", "env/secret"),
        ("AWS_SESSION_TOKEN", "env-token"),
    ];
    let (out, request) = call_ok(&home, &[], &env);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKENV",
        "env/secret",
        "us-west-2",
        "elasticmapreduce",
    );
    assert_eq!(request.header("x-amz-security-token"), Some("env-token"));
    // AWS_PROFILE selects the profile's settings, not its keys.
    let mut with_profile = env.to_vec();
    with_profile.push(("AWS_PROFILE", "dev"));
    let (out, request) = call_ok(&home, &[], &with_profile);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKENV",
        "env/secret",
        "eu-west-1",
        "elasticmapreduce",
    );
    // --profile means the profile's credentials.
    let (out, request) = call_ok(&home, &["--profile", "dev"], &env);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEV",
        "dev/secret",
        "eu-west-1",
        "elasticmapreduce",
    );
}

#[test]
fn command_line_and_environment_regions_win_over_the_profile() {
    let home = dev_home();
    let (out, request) = call_ok(
        &home,
        &["--region", "sa-east-1"],
        &[("AWS_DEFAULT_REGION", "ca-central-1")],
    );
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEFAULT",
        "default/secret",
        "sa-east-1",
        "elasticmapreduce",
    );
    let (out, request) = call_ok(&home, &[], &[("AWS_DEFAULT_REGION", "ca-central-1")]);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKDEFAULT",
        "default/secret",
        "ca-central-1",
        "elasticmapreduce",
    );
}

#[test]
fn files_named_by_the_environment_and_config_file_keys() {
    // Keys in the config file, in a [profile] section; files elsewhere.
    let home = Home::new()
        .with("elsewhere/conf", "[profile ops]\nregion = ap-south-1\naws_access_key_id = AKCONF\naws_secret_access_key = conf/secret\naws_session_token = conf-token\n")
        .with("elsewhere/creds", "[other]\naws_access_key_id = AKOTHER\naws_secret_access_key = other/secret\n");
    let conf = home
        .path()
        .join("elsewhere/conf")
        .to_string_lossy()
        .into_owned();
    let env = [
        ("AWS_CONFIG_FILE", conf.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds"),
    ];
    let (out, request) = call_ok(&home, &["--profile", "ops"], &env);
    assert_ok(&out);
    assert_signed(
        &request,
        "AKCONF",
        "conf/secret",
        "ap-south-1",
        "elasticmapreduce",
    );
    assert_eq!(request.header("x-amz-security-token"), Some("conf-token"));
    // A profile that exists only in the credentials file is a profile too.
    let (out, request) = call_ok(
        &home,
        &["--profile", "other", "--region", "us-east-2"],
        &env,
    );
    assert_ok(&out);
    assert_signed(
        &request,
        "AKOTHER",
        "other/secret",
        "us-east-2",
        "elasticmapreduce",
    );
}

#[test]
fn credential_process_runs_without_a_shell() {
    let home = Home::new();
    let script = home.script(
        "creds.sh",
        r#"echo "this is not shown" >&2
printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "proc/secret", "SessionToken": "proc-token", "Expiration": "2999-01-01T00:00:00Z"}' "$1""#,
    );
    let home = home.config(&format!(
        "[profile proc]\nregion = eu-central-1\ncredential_process = {script} 'AK PROC'\n"
    ));
    let (out, request) = call_ok(&home, &["--profile", "proc"], &[]);
    assert_ok(&out);
    assert_signed(
        &request,
        "AK PROC",
        "proc/secret",
        "eu-central-1",
        "elasticmapreduce",
    );
    assert_eq!(request.header("x-amz-security-token"), Some("proc-token"));
}

#[test]
fn credential_process_failures_are_explained() {
    let home = Home::new();
    let failing = home.script("fail.sh", "echo 'no token for you' >&2\nexit 3");
    let old = home.script("old.sh", r#"echo '{"Version": 2}'"#);
    let garbage = home.script("garbage.sh", "echo 'not json'");
    let home = home.config(&format!(
        "[default]\nregion = us-east-1\n[profile fail]\ncredential_process = {failing}\n[profile old]\ncredential_process = {old}\n[profile garbage]\ncredential_process = {garbage}\n[profile missing]\ncredential_process = /nonexistent/awsr-creds --flag\n[profile quote]\ncredential_process = {failing} 'unclosed\n"
    ));
    let server = Server::start(vec![]);
    let url = server.url();
    let run = |profile: &str| {
        let mut args = cancel_steps(&url);
        args.extend(["--profile", profile, "--region", "us-east-1"]);
        run_in(&home, &args).run()
    };
    assert_fails(
        &run("fail"),
        "\nError when retrieving credentials from custom-process: no token for you\n\n",
    );
    assert_fails(
        &run("old"),
        "\nError when retrieving credentials from custom-process: Unsupported version '2' for credential process provider, supported versions: 1\n",
    );
    assert_fails(
        &run("garbage"),
        "\nExpecting value: line 1 column 1 (char 0)\n",
    );
    assert_fails(
        &run("missing"),
        "\n[Errno 2] No such file or directory: '/nonexistent/awsr-creds'\n",
    );
    assert_fails(&run("quote"), "\nNo closing quotation\n");
    assert!(server.requests().is_empty());
}

const STS_XML: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIATEMP</AccessKeyId>
      <SecretAccessKey>temp/secret</SecretAccessKey>
      <SessionToken>temp-session-token</SessionToken>
      <Expiration>2999-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROATEST:awsr-test</AssumedRoleId>
      <Arn>arn:aws:sts::123456789012:assumed-role/deploy/awsr-test</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>sts-request</RequestId></ResponseMetadata>
</AssumeRoleResponse>"#;

fn role_home() -> Home {
    Home::new()
        .config("[profile deploy]\nregion = eu-west-2\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nrole_session_name = awsr-test\nexternal_id = ext-1\n\n[profile base]\nregion = us-east-1\n")
        .credentials("[base]\naws_access_key_id = AKBASE\naws_secret_access_key = base/secret\n")
}

fn form(request: &Recorded) -> Vec<(String, String)> {
    String::from_utf8_lossy(&request.body)
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn assume_role_calls_sts_then_signs_with_the_temporary_keys() {
    let home = role_home();
    let server = Server::start(vec![
        Reply::Respond(200, "text/xml", STS_XML.as_bytes().to_vec()),
        Reply::json(200, OK_BODY),
    ]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend(["--profile", "deploy"]);
    let out = run_in(&home, &args)
        .env("AWSR_STS_ENDPOINT_URL", &url)
        .run();
    assert_ok(&out);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let (sts, emr) = (&requests[0], &requests[1]);
    assert_eq!(sts.method, "POST");
    assert_eq!(sts.path, "/");
    assert_eq!(
        sts.header("content-type"),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    // botocore's parameter order: the profile's extras, then the role.
    let expected: Vec<(String, String)> = [
        ("Action", "AssumeRole"),
        ("Version", "2011-06-15"),
        ("RoleSessionName", "awsr-test"),
        ("ExternalId", "ext-1"),
        (
            "RoleArn",
            "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy",
        ),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(form(sts), expected);
    // Signed by the source profile, for the session's region (the endpoint was overridden).
    assert_signed(sts, "AKBASE", "base/secret", "eu-west-2", "sts");
    assert_signed(
        emr,
        "ASIATEMP",
        "temp/secret",
        "eu-west-2",
        "elasticmapreduce",
    );
    assert_eq!(
        emr.header("x-amz-security-token"),
        Some("temp-session-token")
    );

    // aws-cli's cache: the next run reuses the temporary keys without STS.
    let cache = home.path().join(".aws/cli/cache");
    let files: Vec<_> = std::fs::read_dir(&cache).expect("cache folder").collect();
    assert_eq!(files.len(), 1);
    let server = Server::start(vec![Reply::json(200, OK_BODY)]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend(["--profile", "deploy"]);
    let out = run_in(&home, &args)
        .env("AWSR_STS_ENDPOINT_URL", &url)
        .run();
    assert_ok(&out);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_signed(
        &requests[0],
        "ASIATEMP",
        "temp/secret",
        "eu-west-2",
        "elasticmapreduce",
    );
}

#[test]
fn chained_roles_and_a_generated_session_name() {
    // deploy assumes its role with credentials from the role of "middle".
    let home = Home::new()
        .config("[default]\nregion = us-east-1\n[profile deploy]\nrole_arn = arn:aws:iam::1:role/deploy\nsource_profile = middle\n[profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n[profile base]\naws_access_key_id = AKBASE\naws_secret_access_key = base/secret\n");
    let middle_xml = STS_XML
        .replace("ASIATEMP", "ASIAMIDDLE")
        .replace("temp/secret", "middle/secret");
    let server = Server::start(vec![
        Reply::Respond(200, "text/xml", middle_xml.into_bytes()),
        Reply::Respond(200, "text/xml", STS_XML.as_bytes().to_vec()),
        Reply::json(200, OK_BODY),
    ]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend(["--profile", "deploy", "--region", "us-east-1"]);
    let out = run_in(&home, &args)
        .env("AWSR_STS_ENDPOINT_URL", &url)
        .run();
    assert_ok(&out);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_signed(&requests[0], "AKBASE", "base/secret", "us-east-1", "sts");
    assert_signed(
        &requests[1],
        "ASIAMIDDLE",
        "middle/secret",
        "us-east-1",
        "sts",
    );
    assert_signed(
        &requests[2],
        "ASIATEMP",
        "temp/secret",
        "us-east-1",
        "elasticmapreduce",
    );
    let first = form(&requests[0]);
    assert_eq!(
        first[2],
        (
            "RoleArn".into(),
            "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fmiddle".into()
        )
    );
    assert_eq!(first[3].0, "RoleSessionName");
    assert!(first[3].1.starts_with("botocore-session-"), "{first:?}");
}

#[test]
fn assume_role_errors() {
    let home = role_home();
    let error = r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: base is not authorized to perform: sts:AssumeRole</Message></Error>
  <RequestId>r-1</RequestId>
</ErrorResponse>"#;
    let server = Server::start(vec![Reply::Respond(
        403,
        "text/xml",
        error.as_bytes().to_vec(),
    )]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend(["--profile", "deploy"]);
    let out = run_in(&home, &args)
        .env("AWSR_STS_ENDPOINT_URL", &url)
        .run();
    assert_fails(
        &out,
        "\nAn error occurred (AccessDenied) when calling the AssumeRole operation: User: base is not authorized to perform: sts:AssumeRole\n",
    );
    assert_eq!(server.requests().len(), 1);

    // Configuration mistakes are found before anything is sent.
    let home = Home::new().config("[default]\nregion = us-east-1\n[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n[profile lost]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = nowhere\n[profile mfa]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = keys\nmfa_serial = arn:aws:iam::1:mfa/me\n[profile keys]\naws_access_key_id = AK\naws_secret_access_key = SK\n");
    let server = Server::start(vec![]);
    let url = server.url();
    let run = |profile: &str| {
        let mut args = cancel_steps(&url);
        args.extend(["--profile", profile, "--region", "us-east-1"]);
        run_in(&home, &args)
            .env("AWSR_STS_ENDPOINT_URL", &url)
            .run()
    };
    assert_fails(
        &run("a"),
        "\nInfinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a', 'b']\n",
    );
    assert_fails(
        &run("lost"),
        "\nThe source_profile \"nowhere\" referenced in the profile \"lost\" does not exist.\n",
    );
    // No terminal to ask for the MFA code on: a clear error, not a hang.
    assert_fails(
        &run("mfa"),
        "\nThe profile \"mfa\" needs an MFA code for arn:aws:iam::1:mfa/me (mfa_serial), which awsr asks for only on a terminal: standard input is not a TTY\n",
    );
    assert!(server.requests().is_empty());
}

#[test]
fn container_credentials_from_a_full_uri() {
    let home = Home::new();
    let body = r#"{"AccessKeyId":"AKCONTAINER","SecretAccessKey":"container/secret","Token":"container-token","Expiration":"2999-01-01T00:00:00Z"}"#;
    let server = Server::start(vec![
        Reply::Respond(200, "application/json", body.as_bytes().to_vec()),
        Reply::json(200, OK_BODY),
    ]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend(["--region", "us-east-1"]);
    let full_uri = format!("{url}/v2/credentials/abc");
    let out = run_in(&home, &args)
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer container-auth")
        .run();
    assert_ok(&out);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/v2/credentials/abc");
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer container-auth")
    );
    assert_eq!(requests[0].header("accept"), Some("application/json"));
    assert_signed(
        &requests[1],
        "AKCONTAINER",
        "container/secret",
        "us-east-1",
        "elasticmapreduce",
    );
    assert_eq!(
        requests[1].header("x-amz-security-token"),
        Some("container-token")
    );

    // Only the container addresses and loopback are asked.
    let out = run_in(&home, &args)
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://example.com/creds",
        )
        .run();
    assert_fails(
        &out,
        "\nUnsupported host 'example.com'.  Can only retrieve metadata from these hosts: 169.254.170.2, localhost, 127.0.0.1\n",
    );
}

#[test]
fn a_missing_profile_is_named() {
    let home = dev_home();
    let server = Server::start(vec![]);
    let url = server.url();
    let mut args = cancel_steps(&url);
    args.extend(["--profile", "nope", "--region", "us-east-1"]);
    assert_fails(
        &run_in(&home, &args).run(),
        "\nThe config profile (nope) could not be found\n",
    );
    // From the environment too (aws-cli shows a traceback there).
    assert_fails(
        &run_in(&home, &cancel_steps(&url))
            .env("AWS_PROFILE", "nope")
            .run(),
        "\nThe config profile (nope) could not be found\n",
    );
    // Even when the environment has keys: botocore checks the profile first.
    assert_fails(
        &run_in(&home, &args)
            .env("AWS_ACCESS_KEY_ID", "AK")
            .env("AWS_SECRET_ACCESS_KEY", "SK")
            .run(),
        "\nThe config profile (nope) could not be found\n",
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_malformed_config_file_is_named_with_its_line() {
    let home = Home::new().config("[default]\nregion = us-east-1\nthis line is not a setting\n");
    let path = home.path().join(".aws/config");
    let server = Server::start(vec![]);
    let url = server.url();
    let out = run_in(&home, &cancel_steps(&url)).run();
    assert_fails(
        &out,
        &format!(
            "\nUnable to parse config file: {}: line 3: expected a [section] header or a \"key = value\" setting: \"this line is not a setting\"\n",
            path.display()
        ),
    );
    let home = Home::new().credentials("aws_access_key_id = AK\n[default]\n");
    let path = home.path().join(".aws/credentials");
    let out = run_in(&home, &cancel_steps(&url))
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .run();
    assert_fails(
        &out,
        &format!(
            "\nUnable to parse config file: {}: line 1: a setting before the first [section] header: \"aws_access_key_id = AK\"\n",
            path.display()
        ),
    );
    assert!(server.requests().is_empty());
}

#[test]
fn commands_that_need_no_credentials_read_no_files() {
    // A broken config and a missing profile do not matter to a skeleton or help.
    let home = Home::new().config("not even a section\n");
    let out = run_in(
        &home,
        &[
            "emr",
            "cancel-steps",
            "--generate-cli-skeleton",
            "--profile",
            "nope",
        ],
    )
    .run();
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("\"ClusterId\""), "{out:?}");
}

#[test]
fn no_credentials_at_all() {
    let home = Home::new().config("[default]\nregion = us-east-1\n");
    let server = Server::start(vec![]);
    let url = server.url();
    assert_fails(
        &run_in(&home, &cancel_steps(&url)).run(),
        "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n",
    );
    assert!(server.requests().is_empty());
    // Half a pair in the environment is an error of its own.
    assert_fails(
        &run_in(&home, &cancel_steps(&url))
            .env("AWS_ACCESS_KEY_ID", "AK")
            .run(),
        "\nPartial credentials found in env, missing: AWS_SECRET_ACCESS_KEY\n",
    );
    // And no region anywhere.
    let home = Home::new();
    assert_fails(
        &run_in(&home, &cancel_steps(&url)).run(),
        "You must specify a region. You can also configure your region by running \"aws configure\".\n",
    );
}

#[test]
fn no_sign_request_sends_no_signature() {
    let home = Home::new();
    let (out, request) = call_ok(&home, &["--no-sign-request", "--region", "us-east-1"], &[]);
    assert_ok(&out);
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.header("x-amz-date"), None);
}

#[test]
fn ca_bundles_are_read_for_https_only() {
    let home =
        Home::new().config("[default]\nregion = us-east-1\nca_bundle = /nonexistent/awsr-ca.pem\n");
    let env = [("AWS_ACCESS_KEY_ID", "AK"), ("AWS_SECRET_ACCESS_KEY", "SK")];
    // Plain http: requests never opens the bundle.
    let (out, _) = call_ok(&home, &[], &env);
    assert_ok(&out);
    // https: the profile's bundle, then AWS_CA_BUNDLE, then --ca-bundle.
    let https = [
        "emr",
        "cancel-steps",
        "--cluster-id",
        "j-1",
        "--step-ids",
        "s-1",
        "--endpoint-url",
        "https://127.0.0.1:9",
    ];
    let run = || {
        let mut run = run_in(&home, &https);
        for (k, v) in env {
            run = run.env(k, v);
        }
        run
    };
    assert_fails(
        &run().run(),
        "\n[Errno 2] No such file or directory: '/nonexistent/awsr-ca.pem'\n",
    );
    let junk = home.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate\n").expect("junk written");
    let junk = junk.to_string_lossy().into_owned();
    assert_fails(
        &run().env("AWS_CA_BUNDLE", &junk).run(),
        &format!("\nno certificate found in the CA bundle {junk}\n"),
    );
    let mut args = https.to_vec();
    args.extend(["--ca-bundle", "/nonexistent/cli.pem"]);
    let mut with_option = run_in(&home, &args);
    for (k, v) in env {
        with_option = with_option.env(k, v);
    }
    assert_fails(
        &with_option.env("AWS_CA_BUNDLE", &junk).run(),
        "\n[Errno 2] No such file or directory: '/nonexistent/cli.pem'\n",
    );
}

/// The profile's `output` is the default format; `--output` overrides it.
#[test]
fn profile_output_is_the_default_format() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".aws")).unwrap();
    std::fs::write(
        home.path().join(".aws/config"),
        "[default]\noutput = text\nregion = us-east-1\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        // Both ids, which newer models require.
        let mut args = vec![
            "emr",
            "cancel-steps",
            "--cluster-id",
            "j-1",
            "--step-ids",
            "s-1",
            "--generate-cli-skeleton",
            "output",
        ];
        args.extend_from_slice(extra);
        tests::awsr::awsr(args)
            .env("HOME", home.path().to_str().unwrap())
            .run()
    };
    let text = run(&[]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert_eq!(text.stdout, "CANCELSTEPSINFOLIST\tReason\tStatus\tStepId\n");
    let json = run(&["--output", "json"]);
    assert!(
        json.stdout.starts_with("{\n    \"CancelStepsInfoList\""),
        "{}",
        json.stdout
    );
}

/// The profile's `cli_timestamp_format = iso8601` prints response timestamps
/// as aws-cli does with it (`2017-07-14T02:40:00+00:00` for 1.5e9 under
/// TZ=UTC, recorded from aws-cli 1.14.28); without it, the wire value.
#[test]
fn profile_timestamp_format() {
    let body = r#"{"Steps":[{"Id":"s-1","Status":{"Timeline":{"CreationDateTime":1.5e9}}}]}"#;
    let run = |config: &str| {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join(".aws")).unwrap();
        std::fs::write(home.path().join(".aws/config"), config).unwrap();
        let server = tests::server::Server::start(vec![tests::server::Reply::json(200, body)]);
        let out = tests::awsr::awsr([
            "emr",
            "list-steps",
            "--cluster-id",
            "j-1",
            "--endpoint-url",
            &server.url(),
            "--query",
            "Steps[0].Status.Timeline.CreationDateTime",
        ])
        .env("HOME", home.path().to_str().unwrap())
        .env("TZ", "UTC")
        .run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    assert_eq!(
        run("[default]\ncli_timestamp_format = iso8601\n"),
        "\"2017-07-14T02:40:00+00:00\"\n"
    );
    assert_eq!(run("[default]\n"), "1500000000.0\n");
}
