//! How much awsr reads from anything it does not control. aws-cli reads
//! every file, pipe and response whole, so `file:///dev/zero` or an endless
//! response exhausts its memory; awsr stops at a named limit instead and
//! says which one. Each limit is far above any real use (an AWS request body
//! is at most a few megabytes for the APIs that take files; Lambda's largest
//! direct upload is 50 MB).

use std::io::Read;
use std::path::Path;

/// `file://` and `fileb://` parameter values, `--cli-input-json` files
/// included: 128 MiB.
pub const PARAM_FILE_LIMIT: u64 = 128 << 20;
/// The shared config and credentials files, and the assume-role cache: 16 MiB.
pub const CONFIG_FILE_LIMIT: u64 = 16 << 20;
/// A CA bundle (`--ca-bundle`, `AWS_CA_BUNDLE`, `ca_bundle`): 16 MiB (the
/// whole Mozilla bundle is about 200 KiB).
pub const CA_BUNDLE_LIMIT: u64 = 16 << 20;
/// What a `credential_process` writes to standard output (and to standard
/// error, of which only this much is kept): 1 MiB.
pub const CREDENTIAL_PROCESS_OUTPUT_LIMIT: u64 = 1 << 20;
/// One HTTP response body, after `Content-Encoding: gzip` is decoded: 64 MiB.
pub const RESPONSE_BODY_LIMIT: u64 = 64 << 20;

/// How deep a JSON response may nest (arrays and objects). aws-cli parses
/// up to about 990 levels (Python's recursion limit) and fails beyond with
/// `maximum recursion depth exceeded while decoding a JSON array from a
/// unicode string`; awsr accepts ten times that. The walks over a response
/// (parsing, `--query`, the output formats) recurse once per level, which
/// [`crate::driver::run`]'s large stack holds at this depth.
pub const MAX_JSON_DEPTH: usize = 10_000;

/// The deepest nesting of arrays and objects in JSON text (strings
/// skipped), in one pass without recursion.
pub fn json_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A response body as JSON into `T`, at any depth up to [`MAX_JSON_DEPTH`]
/// (serde_json alone stops at 128, which a valid response can exceed).
pub fn parse_json_response<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let depth = json_depth(body);
    if depth > MAX_JSON_DEPTH {
        return Err(format!(
            "the response nests {depth} levels deep, more than awsr's limit of {MAX_JSON_DEPTH}"
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer).map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// A limit for people: `128 MiB`, `1 MiB`, `512 bytes`.
pub fn describe(limit: u64) -> String {
    if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else if limit >= 1 << 10 && limit.is_multiple_of(1 << 10) {
        format!("{} KiB", limit >> 10)
    } else {
        format!("{limit} bytes")
    }
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// There was more than `limit` bytes.
    TooLarge {
        limit: u64,
    },
}

/// Reads `reader` to its end, or fails as soon as it has given more than
/// `limit` bytes (so an endless source costs at most `limit + 1` bytes).
pub fn read_to_limit(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads the file at `path` with [`read_to_limit`].
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    read_to_limit(file, limit)
}

/// The message for a file over its limit: `the file /x is larger than the
/// 16 MiB limit for config files`.
pub fn too_large(path: &Path, limit: u64, what: &str) -> String {
    format!(
        "the file {} is larger than the {} limit for {what}",
        path.display(),
        describe(limit)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_one_byte_past_the_limit() {
        let endless = std::io::repeat(b'x');
        assert!(matches!(
            read_to_limit(endless, 10),
            Err(ReadError::TooLarge { limit: 10 })
        ));
        assert_eq!(read_to_limit(&b"0123456789"[..], 10).unwrap().len(), 10);
        assert_eq!(describe(PARAM_FILE_LIMIT), "128 MiB");
        assert_eq!(describe(4096), "4 KiB");
        assert_eq!(describe(100), "100 bytes");
    }

    #[test]
    fn json_depth_skips_strings() {
        assert_eq!(json_depth(br#"{"a": [1, {"b": "[[[[\"]]"}]}"#), 3);
        assert_eq!(json_depth(b"1"), 0);
        // Parsing recurses once per level: on a stack as large as awsr's.
        std::thread::Builder::new()
            .stack_size(crate::driver::STACK_SIZE)
            .spawn(|| {
                let deep = format!(
                    "{}{}",
                    "[".repeat(MAX_JSON_DEPTH),
                    "]".repeat(MAX_JSON_DEPTH)
                );
                let parsed: serde_json::Value = parse_json_response(deep.as_bytes()).unwrap();
                assert!(parsed.is_array());
            })
            .unwrap()
            .join()
            .unwrap();
        let too_deep = "[".repeat(MAX_JSON_DEPTH + 1);
        assert!(
            parse_json_response::<serde_json::Value>(too_deep.as_bytes())
                .unwrap_err()
                .contains("10001 levels deep")
        );
    }
}
