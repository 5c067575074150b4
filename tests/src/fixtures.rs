//! The recorded aws-cli 1.14.28 fixtures of the JSON-protocol services
//! (`tests/fixtures/aws-cli-1.14.28/services/*.json.gz`, written by
//! record-services.py), read the same way by every test that compares with
//! them.

use crate::server::Recorded;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The folder of the per-service fixtures.
pub fn services_dir() -> PathBuf {
    crate::workspace_root().join("tests/fixtures/aws-cli-1.14.28/services")
}

/// A gzip'd JSON file; a test fixture, so an unreadable one is a panic
/// naming it.
pub fn read_gzip_json(path: &Path) -> Value {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One file of the services folder, e.g. `dynamodb.json.gz`.
pub fn service_fixture(file_name: &str) -> Value {
    read_gzip_json(&services_dir().join(file_name))
}

/// A request as the fixture recorded it (`method`, `path`, `headers` as
/// `[name, value]` pairs, `body`), in the loopback server's form.
pub fn recorded_request(request: &Value) -> Recorded {
    Recorded {
        method: request["method"].as_str().unwrap_or_default().into(),
        path: request["path"].as_str().unwrap_or_default().into(),
        headers: request["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| {
                (
                    h[0].as_str().unwrap_or_default().to_ascii_lowercase(),
                    h[1].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect(),
        body: request["body"]
            .as_str()
            .unwrap_or_default()
            .as_bytes()
            .to_vec(),
    }
}
