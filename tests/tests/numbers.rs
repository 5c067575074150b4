//! Numbers as aws-cli 1.14.28 holds them (Python's `int` and `float`):
//! integers of any size in input and in responses, floats spelled as
//! `repr()` whatever the member's type, and request bodies that keep the
//! input's member order and number spellings. The built awsr against a
//! loopback server; every expected text was printed, and every expected
//! body sent, by `/work/shared/tools/aws-cli-reference` (aws-cli 1.14.28,
//! botocore 1.8.32) for the same command line against the same answer.

use tests::awsr::{awsr, Output};
use tests::server::{Reply, Server};

/// A ListInstanceFleets answer with every number form: integers beyond 64
/// bits (and beyond 96), an exponent in an integer member, `-0`, `-0.0`,
/// `100` in a double member, `1E-7`, and a double that overflows (`1e400`,
/// Python's `inf`).
const FLEETS: &str = r#"{"InstanceFleets":[{"Id":"if-1","Name":"n","TargetOnDemandCapacity":18446744073709551616,"TargetSpotCapacity":1E+22,"ProvisionedOnDemandCapacity":-0,"ProvisionedSpotCapacity":-123456789012345678901234567890,"InstanceTypeSpecifications":[{"InstanceType":"m","WeightedCapacity":-0.0,"BidPriceAsPercentageOfOnDemandPrice":100},{"InstanceType":"k","WeightedCapacity":2,"BidPriceAsPercentageOfOnDemandPrice":1E-7},{"InstanceType":"z","BidPriceAsPercentageOfOnDemandPrice":1e400}]}]}"#;

fn list_fleets(output: &str) -> Output {
    let server = Server::start(vec![Reply::json(200, FLEETS)]);
    awsr([
        "emr",
        "list-instance-fleets",
        "--cluster-id",
        "j-1",
        "--output",
        output,
        "--endpoint-url",
        &server.url(),
    ])
    .run()
}

#[test]
fn response_numbers_print_as_python_parsed_them_in_json() {
    let out = list_fleets("json");
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(out.stdout, JSON);
}

#[test]
fn response_numbers_print_as_python_parsed_them_in_text() {
    let out = list_fleets("text");
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(out.stdout, TEXT);
}

#[test]
fn response_numbers_print_as_python_parsed_them_in_a_table() {
    let out = list_fleets("table");
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(out.stdout, TABLE);
}

/// An integer beyond `i128` (40 digits) through `--query`: printed,
/// compared with a JMESPath literal and passed through `abs()` exactly.
#[test]
fn integers_beyond_128_bits_survive_a_query() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"InstanceFleets":[{"Id":"if-1","TargetOnDemandCapacity":1234567890123456789012345678901234567890},{"Id":"if-2","TargetOnDemandCapacity":5}]}"#,
    )]);
    let out = awsr([
        "emr",
        "list-instance-fleets",
        "--cluster-id",
        "j-1",
        "--output",
        "text",
        "--query",
        "InstanceFleets[?TargetOnDemandCapacity==`1234567890123456789012345678901234567890`].[Id,TargetOnDemandCapacity,abs(`-1234567890123456789012345678901234567890`)]",
        "--endpoint-url",
        &server.url(),
    ])
    .run();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(
        out.stdout,
        "if-1\t1234567890123456789012345678901234567890\t1234567890123456789012345678901234567890\n"
    );
}

/// Runs `awsr ARGS --endpoint-url URL` against a server answering one
/// AddInstanceFleet/ModifyInstanceGroups call; the output and the bodies
/// the server received.
fn call(args: &[&str]) -> (Output, Vec<String>) {
    let server = Server::start(vec![Reply::json(200, r#"{"InstanceFleetId":"if-1"}"#)]);
    let mut argv: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    argv.extend(["--endpoint-url".to_string(), server.url()]);
    let out = awsr(argv).run();
    let bodies = server
        .requests()
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).expect("UTF-8 body"))
        .collect();
    (out, bodies)
}

#[test]
fn json_input_is_sent_in_its_own_order_with_python_number_spellings() {
    // Members out of the model's order; a 65-bit integer; `1e3`, `100`,
    // `1E-7` and `-0` in a double member.
    let (out, bodies) = call(&[
        "emr",
        "add-instance-fleet",
        "--instance-fleet",
        r#"{"TargetSpotCapacity": 18446744073709551616, "InstanceFleetType": "TASK", "InstanceTypeConfigs": [{"BidPriceAsPercentageOfOnDemandPrice": 1e3, "InstanceType": "m5.xlarge", "WeightedCapacity": 3}, {"InstanceType": "x", "BidPriceAsPercentageOfOnDemandPrice": 100}, {"InstanceType": "y", "BidPriceAsPercentageOfOnDemandPrice": 1E-7}, {"InstanceType": "z", "BidPriceAsPercentageOfOnDemandPrice": -0}]}"#,
        "--cluster-id",
        "j-1",
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(out.stdout, "{\n    \"InstanceFleetId\": \"if-1\"\n}\n");
    assert_eq!(
        bodies,
        [
            r#"{"ClusterId": "j-1", "InstanceFleet": {"TargetSpotCapacity": 18446744073709551616, "InstanceFleetType": "TASK", "InstanceTypeConfigs": [{"BidPriceAsPercentageOfOnDemandPrice": 1000.0, "InstanceType": "m5.xlarge", "WeightedCapacity": 3}, {"InstanceType": "x", "BidPriceAsPercentageOfOnDemandPrice": 100}, {"InstanceType": "y", "BidPriceAsPercentageOfOnDemandPrice": 1e-07}, {"InstanceType": "z", "BidPriceAsPercentageOfOnDemandPrice": 0}]}}"#
        ]
    );
}

#[test]
fn cli_input_json_keeps_its_order_and_integers_of_any_size() {
    let (out, bodies) = call(&[
        "emr",
        "add-instance-fleet",
        "--cli-input-json",
        r#"{"InstanceFleet": {"TargetOnDemandCapacity": 123456789012345678901234567890123456789012, "InstanceFleetType": "CORE"}, "ClusterId": "j-2"}"#,
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(
        bodies,
        [
            r#"{"InstanceFleet": {"TargetOnDemandCapacity": 123456789012345678901234567890123456789012, "InstanceFleetType": "CORE"}, "ClusterId": "j-2"}"#
        ]
    );
}

#[test]
fn shorthand_integers_of_any_size_are_sent_as_written() {
    let (out, bodies) = call(&[
        "emr",
        "modify-instance-groups",
        "--instance-groups",
        "InstanceGroupId=ig-1,InstanceCount=18446744073709551616",
        "--cluster-id",
        "j-1",
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(
        bodies,
        [
            r#"{"ClusterId": "j-1", "InstanceGroups": [{"InstanceGroupId": "ig-1", "InstanceCount": 18446744073709551616}]}"#
        ]
    );
}

#[test]
fn integers_beyond_64_bits_are_validated() {
    // Shorthand: `-0018446744073709551616` is Python's int(), so the range
    // check names it canonically; nothing is sent.
    let (out, bodies) = call(&[
        "emr",
        "add-instance-fleet",
        "--cluster-id",
        "j-1",
        "--instance-fleet",
        "TargetSpotCapacity=-0018446744073709551616,InstanceFleetType=TASK,InstanceTypeConfigs=[{BidPriceAsPercentageOfOnDemandPrice=1e3,InstanceType=m}]",
    ]);
    assert_eq!(out.code, 255);
    assert_eq!(
        out.stderr,
        "\nParameter validation failed:\nInvalid range for parameter InstanceFleet.TargetSpotCapacity, value: -18446744073709551616, valid range: 0-inf\n"
    );
    assert!(bodies.is_empty());
}

const JSON: &str = r#"{
    "InstanceFleets": [
        {
            "Id": "if-1",
            "Name": "n",
            "TargetOnDemandCapacity": 18446744073709551616,
            "TargetSpotCapacity": 1e+22,
            "ProvisionedOnDemandCapacity": 0,
            "ProvisionedSpotCapacity": -123456789012345678901234567890,
            "InstanceTypeSpecifications": [
                {
                    "InstanceType": "m",
                    "WeightedCapacity": -0.0,
                    "BidPriceAsPercentageOfOnDemandPrice": 100
                },
                {
                    "InstanceType": "k",
                    "WeightedCapacity": 2,
                    "BidPriceAsPercentageOfOnDemandPrice": 1e-07
                },
                {
                    "InstanceType": "z",
                    "BidPriceAsPercentageOfOnDemandPrice": Infinity
                }
            ]
        }
    ]
}
"#;

const TEXT: &str = "INSTANCEFLEETS\tif-1\tn\t0\t-123456789012345678901234567890\t18446744073709551616\t1e+22\nINSTANCETYPESPECIFICATIONS\t100\tm\t-0.0\nINSTANCETYPESPECIFICATIONS\t1e-07\tk\t2\nINSTANCETYPESPECIFICATIONS\tinf\tz\t\n";

const TABLE: &str = r#"---------------------------------------------------------------------------------
|                              ListInstanceFleets                               |
+-------------------------------------------------------------------------------+
||                               InstanceFleets                                ||
|+-----------------------------------+-----------------------------------------+|
||  Id                               |  if-1                                   ||
||  Name                             |  n                                      ||
||  ProvisionedOnDemandCapacity      |  0                                      ||
||  ProvisionedSpotCapacity          |  -123456789012345678901234567890        ||
||  TargetOnDemandCapacity           |  18446744073709551616                   ||
||  TargetSpotCapacity               |  1e+22                                  ||
|+-----------------------------------+-----------------------------------------+|
|||                        InstanceTypeSpecifications                         |||
||+--------------------------------------+---------------+--------------------+||
|||  BidPriceAsPercentageOfOnDemandPrice | InstanceType  | WeightedCapacity   |||
||+--------------------------------------+---------------+--------------------+||
|||  100                                 |  m            |  -0.0              |||
|||  1e-07                               |  k            |  2                 |||
|||  inf                                 |  z            |                    |||
||+--------------------------------------+---------------+--------------------+||
"#;
