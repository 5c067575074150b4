//! End to end against a real third-party server, for the JSON-protocol
//! services people use most: the built awsr drives DynamoDB, Kinesis, ECS,
//! CloudWatch Logs and SSM on one moto server (tests/src/moto.rs, pinned in
//! tests/moto-requirements.txt), and every step checks the values that came
//! back: names, keys, item attributes, record payloads, revisions, versions,
//! pagination tokens, waiters, and aws-cli's error line for a deleted thing.
//!
//! One moto serves the whole binary: the flows are independent (each owns
//! its tables, streams, clusters, groups and parameter paths), so they run
//! side by side on threads of one test, and moto stops when it ends.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use tests::awsr::{awsr, Output};
use tests::moto::Moto;

/// One service's commands against moto: `awsr SERVICE ARGS --endpoint-url`,
/// region us-east-1, test credentials, no backoff delays.
struct Cli<'a> {
    moto: &'a Moto,
    service: &'static str,
}

impl Cli<'_> {
    fn run(&self, args: &[&str]) -> Output {
        let url = self.moto.url();
        let mut all = vec![self.service];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--endpoint-url", &url]);
        awsr(all)
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWSR_DELAY_SCALE", "0")
            .run()
    }

    /// The JSON a successful command printed.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (0, ""),
            "awsr {} {args:?} failed; stdout: {}",
            self.service,
            out.stdout
        );
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "awsr {} {args:?} printed no JSON ({e}): {}",
                self.service, out.stdout
            )
        })
    }

    /// A command with an empty output shape (or a waiter): prints nothing.
    fn silent(&self, args: &[&str]) {
        let out = self.run(args);
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "", ""),
            "awsr {} {args:?}",
            self.service
        );
    }

    /// A command the service refuses with `code`: aws-cli's exit status 255
    /// and its `An error occurred (CODE) when calling the OP operation` line.
    fn fails(&self, args: &[&str], code: &str, operation: &str) {
        let out = self.run(args);
        let wanted = format!("An error occurred ({code}) when calling the {operation} operation");
        assert!(
            out.code == 255 && out.stdout.is_empty() && out.stderr.contains(&wanted),
            "awsr {} {args:?}: wanted {wanted:?}, got {out:?}",
            self.service
        );
    }

    /// Every page of a paginated command driven by hand: `--max-items`
    /// pages chained through `--starting-token` until no `NextToken` is left.
    fn pages(&self, args: &[&str], max_items: usize) -> Vec<Value> {
        let max = max_items.to_string();
        let mut pages = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut all = args.to_vec();
            all.extend_from_slice(&["--max-items", &max]);
            if let Some(token) = &token {
                all.extend_from_slice(&["--starting-token", token]);
            }
            let page = self.json(&all);
            token = page
                .get("NextToken")
                .map(|t| t.as_str().expect("NextToken is a string").to_string());
            pages.push(page);
            if token.is_none() {
                return pages;
            }
            assert!(pages.len() < 50, "pagination does not end: {pages:#?}");
        }
    }
}

fn text<'v>(v: &'v Value, pointer: &str) -> &'v str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {v:#}"))
}

fn list<'v>(v: &'v Value, pointer: &str) -> &'v Vec<Value> {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no list at {pointer} in {v:#}"))
}

fn number(v: &Value, pointer: &str) -> i64 {
    v.pointer(pointer)
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("no integer at {pointer} in {v:#}"))
}

/// Milliseconds since the epoch: CloudWatch Logs refuses events far from now.
fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_millis() as i64
}

/// One service's steps, given the shared moto.
type Flow = fn(&Moto);

#[test]
fn dynamodb_kinesis_ecs_logs_and_ssm_flows_through_awsr_against_moto() {
    let moto = Moto::start();
    let flows: [(&str, Flow); 5] = [
        ("dynamodb", dynamodb_flow),
        ("kinesis", kinesis_flow),
        ("ecs", ecs_flow),
        ("logs", logs_flow),
        ("ssm", ssm_flow),
    ];
    let failed: Vec<&str> = std::thread::scope(|scope| {
        let running: Vec<_> = flows
            .iter()
            .map(|(name, flow)| (*name, scope.spawn(|| flow(&moto))))
            .collect();
        running
            .into_iter()
            .filter_map(|(name, handle)| handle.join().is_err().then_some(name))
            .collect()
    });
    assert!(
        failed.is_empty(),
        "these flows failed (their panics are printed above): {failed:?}\nmoto's log:\n{}",
        moto.log()
    );
}

/// The sort keys (`sk`, numbers) of a Query or Scan output's items.
fn sort_keys(output: &Value) -> Vec<i64> {
    list(output, "/Items")
        .iter()
        .map(|item| text(item, "/sk/N").parse().expect("sk is a number"))
        .collect()
}

fn dynamodb_flow(moto: &Moto) {
    let ddb = Cli {
        moto,
        service: "dynamodb",
    };
    let table = "awsr-items";
    let created = ddb.json(&[
        "create-table",
        "--table-name",
        table,
        "--attribute-definitions",
        "AttributeName=pk,AttributeType=S",
        "AttributeName=sk,AttributeType=N",
        "--key-schema",
        "AttributeName=pk,KeyType=HASH",
        "AttributeName=sk,KeyType=RANGE",
        "--provisioned-throughput",
        "ReadCapacityUnits=5,WriteCapacityUnits=5",
    ]);
    assert_eq!(text(&created, "/TableDescription/TableName"), table);
    assert_eq!(
        created["TableDescription"]["KeySchema"],
        json!([
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"}
        ])
    );
    assert_eq!(
        number(
            &created,
            "/TableDescription/ProvisionedThroughput/ReadCapacityUnits"
        ),
        5
    );
    ddb.silent(&["wait", "table-exists", "--table-name", table]);
    let described = ddb.json(&["describe-table", "--table-name", table]);
    assert_eq!(text(&described, "/Table/TableStatus"), "ACTIVE");

    // Seven items under one partition key, and one under another.
    const ITEMS: i64 = 7;
    for sk in 1..=ITEMS {
        let item = json!({
            "pk": {"S": "user#1"},
            "sk": {"N": sk.to_string()},
            "note": {"S": format!("note {sk}")},
            "tags": {"SS": ["a", format!("t{sk}")]},
        });
        ddb.silent(&[
            "put-item",
            "--table-name",
            table,
            "--item",
            &item.to_string(),
        ]);
    }
    let other = json!({"pk": {"S": "user#2"}, "sk": {"N": "1"}, "flag": {"BOOL": true}});
    ddb.silent(&[
        "put-item",
        "--table-name",
        table,
        "--item",
        &other.to_string(),
    ]);

    let got = ddb.json(&[
        "get-item",
        "--table-name",
        table,
        "--key",
        r#"{"pk": {"S": "user#1"}, "sk": {"N": "3"}}"#,
        "--consistent-read",
    ]);
    assert_eq!(text(&got, "/Item/note/S"), "note 3");
    let tags: BTreeSet<&str> = list(&got, "/Item/tags/SS")
        .iter()
        .map(|t| t.as_str().expect("a string"))
        .collect();
    assert_eq!(tags, BTreeSet::from(["a", "t3"]));
    let flag = ddb.json(&[
        "get-item",
        "--table-name",
        table,
        "--key",
        r#"{"pk": {"S": "user#2"}, "sk": {"N": "1"}}"#,
    ]);
    assert_eq!(flag["Item"]["flag"], json!({"BOOL": true}));

    // Query, 3 items a page by --max-items: 3 + 3 + 1, in key order.
    let query = [
        "query",
        "--table-name",
        table,
        "--key-condition-expression",
        "pk = :p",
        "--expression-attribute-values",
        r#"{":p": {"S": "user#1"}}"#,
    ];
    let pages = ddb.pages(&query, 3);
    let per_page: Vec<Vec<i64>> = pages.iter().map(sort_keys).collect();
    assert_eq!(per_page, vec![vec![1, 2, 3], vec![4, 5, 6], vec![7]]);
    // Query with --page-size 2: four requests behind one merged output.
    let mut small_pages = query.to_vec();
    small_pages.extend_from_slice(&["--page-size", "2"]);
    let merged = ddb.json(&small_pages);
    assert_eq!(sort_keys(&merged), (1..=ITEMS).collect::<Vec<_>>());
    assert_eq!(number(&merged, "/Count"), ITEMS);
    assert!(merged.get("NextToken").is_none(), "{merged:#}");
    // A non-aggregate key of the paginator, absent from the pages: aws-cli
    // prints it as null.
    assert_eq!(merged.get("ConsumedCapacity"), Some(&Value::Null));
    // A key condition on the sort key, newest first.
    let newest = ddb.json(&[
        "query",
        "--table-name",
        table,
        "--key-condition-expression",
        "pk = :p AND sk > :s",
        "--expression-attribute-values",
        r#"{":p": {"S": "user#1"}, ":s": {"N": "4"}}"#,
        "--no-scan-index-forward",
    ]);
    assert_eq!(sort_keys(&newest), vec![7, 6, 5]);

    // Scan with both: pages of 2 asked of the server, 3 items a page shown.
    let scan_pages = ddb.pages(&["scan", "--table-name", table, "--page-size", "2"], 3);
    let sizes: Vec<usize> = scan_pages.iter().map(|p| list(p, "/Items").len()).collect();
    assert_eq!(sizes, vec![3, 3, 2], "{scan_pages:#?}");
    let scanned: BTreeSet<(String, i64)> = scan_pages
        .iter()
        .flat_map(|p| list(p, "/Items").clone())
        .map(|item| {
            (
                text(&item, "/pk/S").to_string(),
                text(&item, "/sk/N").parse().expect("a number"),
            )
        })
        .collect();
    let mut wanted: BTreeSet<(String, i64)> =
        (1..=ITEMS).map(|sk| ("user#1".to_string(), sk)).collect();
    wanted.insert(("user#2".to_string(), 1));
    assert_eq!(scanned, wanted);

    let updated = ddb.json(&[
        "update-item",
        "--table-name",
        table,
        "--key",
        r#"{"pk": {"S": "user#1"}, "sk": {"N": "2"}}"#,
        "--update-expression",
        "SET note = :n, hits = :h",
        "--expression-attribute-values",
        r#"{":n": {"S": "changed"}, ":h": {"N": "42"}}"#,
        "--return-values",
        "ALL_NEW",
    ]);
    assert_eq!(text(&updated, "/Attributes/note/S"), "changed");
    assert_eq!(text(&updated, "/Attributes/hits/N"), "42");
    let reread = ddb.json(&[
        "get-item",
        "--table-name",
        table,
        "--key",
        r#"{"pk": {"S": "user#1"}, "sk": {"N": "2"}}"#,
        "--projection-expression",
        "note, hits",
    ]);
    assert_eq!(
        reread["Item"],
        json!({"note": {"S": "changed"}, "hits": {"N": "42"}})
    );

    let deleted = ddb.json(&["delete-table", "--table-name", table]);
    assert_eq!(text(&deleted, "/TableDescription/TableName"), table);
    ddb.silent(&["wait", "table-not-exists", "--table-name", table]);
    ddb.fails(
        &["describe-table", "--table-name", table],
        "ResourceNotFoundException",
        "DescribeTable",
    );
}

/// base64 of `bytes`: how Kinesis carries record data in JSON.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn kinesis_flow(moto: &Moto) {
    let kinesis = Cli {
        moto,
        service: "kinesis",
    };
    let stream = "awsr-stream";
    kinesis.silent(&[
        "create-stream",
        "--stream-name",
        stream,
        "--shard-count",
        "2",
    ]);
    kinesis.silent(&["wait", "stream-exists", "--stream-name", stream]);

    let one = kinesis.json(&[
        "put-record",
        "--stream-name",
        stream,
        "--partition-key",
        "key-0",
        "--data",
        "first record",
    ]);
    assert!(
        text(&one, "/ShardId").starts_with("shardId-"),
        "a shard id: {one:#}"
    );
    assert!(!text(&one, "/SequenceNumber").is_empty(), "{one:#}");
    let records: Vec<Value> = (1..=5)
        .map(|i| json!({"Data": format!("record {i}"), "PartitionKey": format!("key-{i}")}))
        .collect();
    let many = kinesis.json(&[
        "put-records",
        "--stream-name",
        stream,
        "--records",
        &Value::Array(records).to_string(),
    ]);
    assert_eq!(number(&many, "/FailedRecordCount"), 0, "{many:#}");
    assert_eq!(list(&many, "/Records").len(), 5);

    // DescribeStream is paginated with a nested result key
    // (StreamDescription.Shards): the stream's own fields are botocore's
    // non-aggregate keys, kept from the first page beside the merged shards.
    let described = kinesis.json(&["describe-stream", "--stream-name", stream]);
    let description = &described["StreamDescription"];
    assert_eq!(text(description, "/StreamStatus"), "ACTIVE");
    assert_eq!(text(description, "/StreamName"), stream);
    assert!(
        text(description, "/StreamARN").ends_with(&format!(":stream/{stream}")),
        "{described:#}"
    );
    assert_eq!(number(description, "/RetentionPeriodHours"), 24);
    assert_eq!(text(description, "/EncryptionType"), "NONE");
    // Absent from the response, so null, as aws-cli prints it.
    assert_eq!(description["KeyId"], Value::Null, "{described:#}");
    assert!(description.get("HasMoreShards").is_none(), "{described:#}");
    let shards: Vec<String> = list(&described, "/StreamDescription/Shards")
        .iter()
        .map(|s| text(s, "/ShardId").to_string())
        .collect();
    assert_eq!(shards.len(), 2, "{described:#}");
    // One shard a page by --max-items: each page has the stream's fields.
    let pages = kinesis.pages(&["describe-stream", "--stream-name", stream], 1);
    let paged: Vec<String> = pages
        .iter()
        .flat_map(|p| list(p, "/StreamDescription/Shards").clone())
        .map(|s| text(&s, "/ShardId").to_string())
        .collect();
    assert_eq!(paged, shards, "{pages:#?}");
    assert!(
        pages
            .iter()
            .all(|p| text(p, "/StreamDescription/StreamName") == stream),
        "{pages:#?}"
    );
    // ListStreams' output token is `StreamNames[-1]`: one name a request,
    // merged.
    let second = "awsr-stream-2";
    kinesis.silent(&[
        "create-stream",
        "--stream-name",
        second,
        "--shard-count",
        "1",
    ]);
    let streams = kinesis.json(&["list-streams", "--page-size", "1"]);
    assert_eq!(streams, json!({"StreamNames": [stream, second]}));
    let first = kinesis.json(&["list-streams", "--max-items", "1"]);
    assert_eq!(first["StreamNames"], json!([stream]), "{first:#}");
    assert!(first.get("NextToken").is_some(), "{first:#}");
    kinesis.silent(&["delete-stream", "--stream-name", second]);

    // Every record comes back from one shard or the other, its bytes intact
    // (sent raw on the command line, base64 on the wire and in the output).
    let mut read = BTreeSet::new();
    for shard in &shards {
        let iterator = kinesis.json(&[
            "get-shard-iterator",
            "--stream-name",
            stream,
            "--shard-id",
            shard,
            "--shard-iterator-type",
            "TRIM_HORIZON",
        ]);
        let got = kinesis.json(&[
            "get-records",
            "--shard-iterator",
            text(&iterator, "/ShardIterator"),
            "--limit",
            "100",
        ]);
        for record in list(&got, "/Records") {
            read.insert(text(record, "/Data").to_string());
        }
    }
    let mut wanted: BTreeSet<String> = (1..=5)
        .map(|i| base64(format!("record {i}").as_bytes()))
        .collect();
    wanted.insert(base64(b"first record"));
    assert_eq!(read, wanted);

    kinesis.silent(&["delete-stream", "--stream-name", stream]);
    kinesis.fails(
        &["describe-stream", "--stream-name", stream],
        "ResourceNotFoundException",
        "DescribeStream",
    );
}

fn ecs_flow(moto: &Moto) {
    let ecs = Cli {
        moto,
        service: "ecs",
    };
    let cluster = "awsr-cluster";
    let created = ecs.json(&["create-cluster", "--cluster-name", cluster]);
    assert_eq!(text(&created, "/cluster/clusterName"), cluster);
    assert_eq!(text(&created, "/cluster/status"), "ACTIVE");
    let arn = text(&created, "/cluster/clusterArn").to_string();
    assert!(
        arn.starts_with("arn:aws:ecs:us-east-1:") && arn.ends_with(&format!("cluster/{cluster}")),
        "{arn}"
    );

    let containers = |image: &str| {
        json!([{
            "name": "web",
            "image": image,
            "memory": 128,
            "cpu": 64,
            "essential": true,
            "portMappings": [{"containerPort": 80, "hostPort": 8080, "protocol": "tcp"}],
            "environment": [{"name": "STAGE", "value": "test"}]
        }])
        .to_string()
    };
    for (revision, image) in [(1, "nginx:1.25"), (2, "nginx:1.27")] {
        let registered = ecs.json(&[
            "register-task-definition",
            "--family",
            "awsr-task",
            "--container-definitions",
            &containers(image),
        ]);
        assert_eq!(text(&registered, "/taskDefinition/family"), "awsr-task");
        assert_eq!(number(&registered, "/taskDefinition/revision"), revision);
        assert_eq!(
            text(&registered, "/taskDefinition/containerDefinitions/0/image"),
            image
        );
    }

    let listed = ecs.json(&["list-clusters"]);
    assert!(
        list(&listed, "/clusterArns").contains(&json!(arn)),
        "{listed:#}"
    );
    let described = ecs.json(&["describe-clusters", "--clusters", cluster]);
    assert_eq!(text(&described, "/clusters/0/clusterName"), cluster);
    assert_eq!(text(&described, "/clusters/0/clusterArn"), arn);

    // One definition a page, chained by --starting-token.
    let pages = ecs.pages(
        &["list-task-definitions", "--family-prefix", "awsr-task"],
        1,
    );
    let revisions: Vec<String> = pages
        .iter()
        .flat_map(|p| list(p, "/taskDefinitionArns").clone())
        .map(|a| {
            a.as_str()
                .expect("an arn")
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(revisions, ["awsr-task:1", "awsr-task:2"], "{pages:#?}");

    let first = ecs.json(&[
        "describe-task-definition",
        "--task-definition",
        "awsr-task:1",
    ]);
    let container = &first["taskDefinition"]["containerDefinitions"][0];
    assert_eq!(text(container, "/image"), "nginx:1.25");
    assert_eq!(number(container, "/memory"), 128);
    assert_eq!(number(container, "/portMappings/0/hostPort"), 8080);
    assert_eq!(
        container["environment"],
        json!([{"name": "STAGE", "value": "test"}])
    );

    // A service of no tasks is stable at once: the services-stable waiter's
    // acceptor is a JMESPath pipe of filters and length(), not a path.
    let service = ecs.json(&[
        "create-service",
        "--cluster",
        cluster,
        "--service-name",
        "awsr-service",
        "--task-definition",
        "awsr-task:2",
        "--desired-count",
        "0",
    ]);
    assert_eq!(text(&service, "/service/serviceName"), "awsr-service");
    assert_eq!(text(&service, "/service/status"), "ACTIVE");
    let waiting = ["--cluster", cluster, "--services", "awsr-service"];
    let stable = [&["wait", "services-stable"][..], &waiting[..]].concat();
    ecs.silent(&stable);
    let services = ecs.json(&[&["describe-services"][..], &waiting[..]].concat());
    let described_service = &services["services"][0];
    assert!(
        text(described_service, "/taskDefinition").ends_with("task-definition/awsr-task:2"),
        "{services:#}"
    );
    assert_eq!(list(described_service, "/deployments").len(), 1);
    let removed = ecs.json(
        &[
            &["delete-service", "--service", "awsr-service"][..],
            &waiting[..2],
        ]
        .concat(),
    );
    assert_eq!(text(&removed, "/service/serviceName"), "awsr-service");
    ecs.silent(&[&["wait", "services-inactive"][..], &waiting[..]].concat());

    let gone = ecs.json(&[
        "deregister-task-definition",
        "--task-definition",
        "awsr-task:1",
    ]);
    assert_eq!(text(&gone, "/taskDefinition/status"), "INACTIVE");
    let deleted = ecs.json(&["delete-cluster", "--cluster", cluster]);
    assert_eq!(text(&deleted, "/cluster/clusterName"), cluster);
    assert_eq!(text(&deleted, "/cluster/status"), "INACTIVE");
    // A deleted cluster is still described, as INACTIVE (as ECS does).
    let after = ecs.json(&["describe-clusters", "--clusters", cluster]);
    assert_eq!(text(&after, "/clusters/0/clusterArn"), arn, "{after:#}");
    assert_eq!(text(&after, "/clusters/0/status"), "INACTIVE", "{after:#}");
    assert_eq!(after["failures"], json!([]), "{after:#}");
}

fn logs_flow(moto: &Moto) {
    let logs = Cli {
        moto,
        service: "logs",
    };
    let groups: Vec<String> = (1..=5).map(|i| format!("/awsr/group-{i}")).collect();
    for group in &groups {
        logs.silent(&["create-log-group", "--log-group-name", group]);
    }
    let group = groups[0].as_str();
    logs.silent(&[
        "create-log-stream",
        "--log-group-name",
        group,
        "--log-stream-name",
        "web-1",
    ]);

    let start = now_millis() - 10_000;
    let messages = [
        "INFO started",
        "ERROR disk full",
        "INFO retrying",
        "ERROR gave up",
    ];
    let events: Vec<Value> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"timestamp": start + i as i64 * 1000, "message": m}))
        .collect();
    let put = logs.json(&[
        "put-log-events",
        "--log-group-name",
        group,
        "--log-stream-name",
        "web-1",
        "--log-events",
        &Value::Array(events).to_string(),
    ]);
    assert!(!text(&put, "/nextSequenceToken").is_empty(), "{put:#}");

    let got = logs.json(&[
        "get-log-events",
        "--log-group-name",
        group,
        "--log-stream-name",
        "web-1",
        "--start-from-head",
    ]);
    let read: Vec<(&str, i64)> = list(&got, "/events")
        .iter()
        .map(|e| (text(e, "/message"), number(e, "/timestamp")))
        .collect();
    let wanted: Vec<(&str, i64)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| (*m, start + i as i64 * 1000))
        .collect();
    assert_eq!(read, wanted);

    let filtered = logs.json(&[
        "filter-log-events",
        "--log-group-name",
        group,
        "--filter-pattern",
        "ERROR",
    ]);
    let errors: Vec<&str> = list(&filtered, "/events")
        .iter()
        .map(|e| text(e, "/message"))
        .collect();
    assert_eq!(errors, ["ERROR disk full", "ERROR gave up"]);
    assert!(list(&filtered, "/events")
        .iter()
        .all(|e| text(e, "/logStreamName") == "web-1"));

    // Two groups a page by --max-items, then all of them by --page-size.
    let describe = ["describe-log-groups", "--log-group-name-prefix", "/awsr/"];
    let pages = logs.pages(&describe, 2);
    let per_page: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| {
            list(p, "/logGroups")
                .iter()
                .map(|g| text(g, "/logGroupName"))
                .collect()
        })
        .collect();
    assert_eq!(
        per_page,
        vec![
            vec!["/awsr/group-1", "/awsr/group-2"],
            vec!["/awsr/group-3", "/awsr/group-4"],
            vec!["/awsr/group-5"],
        ]
    );
    let mut small_pages = describe.to_vec();
    small_pages.extend_from_slice(&["--page-size", "2"]);
    let all = logs.json(&small_pages);
    let names: Vec<&str> = list(&all, "/logGroups")
        .iter()
        .map(|g| text(g, "/logGroupName"))
        .collect();
    assert_eq!(names, groups.iter().map(String::as_str).collect::<Vec<_>>());

    logs.silent(&[
        "delete-log-stream",
        "--log-group-name",
        group,
        "--log-stream-name",
        "web-1",
    ]);
    for group in &groups {
        logs.silent(&["delete-log-group", "--log-group-name", group]);
    }
    let after = logs.json(&describe);
    assert_eq!(after["logGroups"], json!([]), "{after:#}");
    logs.fails(
        &[
            "get-log-events",
            "--log-group-name",
            group,
            "--log-stream-name",
            "web-1",
        ],
        "ResourceNotFoundException",
        "GetLogEvents",
    );
}

fn ssm_flow(moto: &Moto) {
    let ssm = Cli {
        moto,
        service: "ssm",
    };
    let put = |name: &str, value: &str, kind: &str| {
        ssm.json(&[
            "put-parameter",
            "--name",
            name,
            "--value",
            value,
            "--type",
            kind,
        ])
    };
    for i in 1..=5 {
        let v = put(&format!("/flow/app/p{i}"), &format!("value-{i}"), "String");
        assert_eq!(number(&v, "/Version"), 1, "{v:#}");
    }
    put("/flow/app/db/password", "s3cret", "SecureString");
    put("/flow/app/list", "a,b,c", "StringList");

    let again = ssm.json(&[
        "put-parameter",
        "--name",
        "/flow/app/p1",
        "--value",
        "value-1b",
        "--type",
        "String",
        "--overwrite",
    ]);
    assert_eq!(number(&again, "/Version"), 2);
    ssm.fails(
        &[
            "put-parameter",
            "--name",
            "/flow/app/p1",
            "--value",
            "x",
            "--type",
            "String",
        ],
        "ParameterAlreadyExists",
        "PutParameter",
    );

    let one = ssm.json(&["get-parameter", "--name", "/flow/app/p1"]);
    assert_eq!(text(&one, "/Parameter/Value"), "value-1b");
    assert_eq!(text(&one, "/Parameter/Type"), "String");
    assert_eq!(number(&one, "/Parameter/Version"), 2);
    let secret = ssm.json(&[
        "get-parameter",
        "--name",
        "/flow/app/db/password",
        "--with-decryption",
    ]);
    assert_eq!(text(&secret, "/Parameter/Value"), "s3cret");
    assert_eq!(text(&secret, "/Parameter/Type"), "SecureString");

    let some = ssm.json(&[
        "get-parameters",
        "--names",
        "/flow/app/p2",
        "/flow/app/list",
        "/flow/app/missing",
    ]);
    let mut found: Vec<(&str, &str)> = list(&some, "/Parameters")
        .iter()
        .map(|p| (text(p, "/Name"), text(p, "/Value")))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [("/flow/app/list", "a,b,c"), ("/flow/app/p2", "value-2")]
    );
    assert_eq!(some["InvalidParameters"], json!(["/flow/app/missing"]));

    // GetParametersByPath has no paginator in botocore 1.8.32, so aws-cli
    // shows its own --max-results/--next-token: two a page, chained by hand.
    let mut pages: Vec<Value> = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut args = vec![
            "get-parameters-by-path",
            "--path",
            "/flow/app",
            "--max-results",
            "2",
        ];
        if let Some(token) = &token {
            args.extend_from_slice(&["--next-token", token]);
        }
        let page = ssm.json(&args);
        token = page
            .get("NextToken")
            .and_then(Value::as_str)
            .map(str::to_string);
        pages.push(page);
        if token.is_none() {
            break;
        }
        assert!(pages.len() < 20, "pagination does not end: {pages:#?}");
    }
    let mut names: Vec<&str> = pages
        .iter()
        .flat_map(|p| list(p, "/Parameters"))
        .map(|p| text(p, "/Name"))
        .collect();
    assert!(
        pages.iter().all(|p| list(p, "/Parameters").len() <= 2) && pages.len() >= 3,
        "{pages:#?}"
    );
    names.sort();
    assert_eq!(
        names,
        [
            "/flow/app/list",
            "/flow/app/p1",
            "/flow/app/p2",
            "/flow/app/p3",
            "/flow/app/p4",
            "/flow/app/p5"
        ]
    );
    let recursive = ssm.json(&[
        "get-parameters-by-path",
        "--path",
        "/flow",
        "--recursive",
        "--with-decryption",
        "--max-results",
        "10",
    ]);
    let mut all: Vec<(&str, &str)> = list(&recursive, "/Parameters")
        .iter()
        .map(|p| (text(p, "/Name"), text(p, "/Value")))
        .collect();
    all.sort();
    assert_eq!(all.len(), 7, "{recursive:#}");
    assert!(
        all.contains(&("/flow/app/db/password", "s3cret")),
        "{all:?}"
    );
    assert!(all.contains(&("/flow/app/p1", "value-1b")), "{all:?}");
    // DescribeParameters does have a paginator: --max-items over it.
    let described = ssm.pages(
        &[
            "describe-parameters",
            "--parameter-filters",
            "Key=Name,Option=BeginsWith,Values=/flow/app/p",
        ],
        2,
    );
    let mut described_names: Vec<&str> = described
        .iter()
        .flat_map(|p| list(p, "/Parameters"))
        .map(|p| text(p, "/Name"))
        .collect();
    described_names.sort();
    assert_eq!(
        described_names,
        [
            "/flow/app/p1",
            "/flow/app/p2",
            "/flow/app/p3",
            "/flow/app/p4",
            "/flow/app/p5"
        ],
        "{described:#?}"
    );

    ssm.silent(&["delete-parameter", "--name", "/flow/app/p1"]);
    ssm.fails(
        &["get-parameter", "--name", "/flow/app/p1"],
        "ParameterNotFound",
        "GetParameter",
    );
    let left = ssm.json(&[
        "get-parameters-by-path",
        "--path",
        "/flow/app",
        "--max-results",
        "10",
    ]);
    assert_eq!(list(&left, "/Parameters").len(), 5, "{left:#}");
}
