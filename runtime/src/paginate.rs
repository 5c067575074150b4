// Ported from botocore 1.8.32 (botocore/paginate.py): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! botocore 1.8.32's paginator as aws-cli uses it (`PageIterator` plus
//! `build_full_result`): follow the output token from page to page, merge the
//! result keys, honour `--starting-token`, `--page-size` and `--max-items`,
//! and hand back a `NextToken` that resumes exactly where the output stopped.
//!
//! Tokens are botocore's: base64 of Python's `json.dumps` of the input tokens
//! (plus `boto_truncate_amount` when a page was cut short); the older
//! `token___index` form is accepted too.

use super::expression;
use super::model::Paginator;
use base64::Engine;
use serde_json::{Map, Value};

/// `--starting-token`, `--page-size`, `--max-items`.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    pub starting_token: Option<String>,
    pub page_size: Option<Value>,
    pub max_items: Option<i64>,
}

/// An error while paging, worded as aws-cli prints it (botocore's
/// PaginationError reads `Error during pagination: ...`; a bad token is a
/// plain ValueError).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationError(pub String);

const TRUNCATE: &str = "boto_truncate_amount";

/// Follows a dotted path of member names (`StreamDescription.Shards`).
/// botocore can only set values at such paths (`set_value_from_jmespath`),
/// so every result key and non-aggregate key is one.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// [`lookup`], for changing the value in place.
fn lookup_mut<'v>(value: &'v mut Map<String, Value>, path: &str) -> Option<&'v mut Value> {
    let mut parts = path.split('.');
    let mut current = value.get_mut(parts.next()?)?;
    for key in parts {
        current = current.get_mut(key)?;
    }
    Some(current)
}

/// Python's `len(x)` of a primary result key: list items, map entries or
/// characters (what has no length counts as none).
fn py_len(value: &Value) -> usize {
    match value {
        Value::Array(items) => items.len(),
        Value::Object(map) => map.len(),
        Value::String(text) => text.chars().count(),
        _ => 0,
    }
}

/// Python's `bool(x)`: botocore tests `more_results` and each output token
/// with `if`.
fn py_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

/// Python's `+` of two numbers: exact for integers (up to 128 bits),
/// else a float.
fn python_sum(old: &serde_json::Number, new: &serde_json::Number) -> Value {
    use crate::pycompat::number::{as_float, float_number, int_number};
    let exact = match (old.as_i128(), new.as_i128()) {
        (Some(a), Some(b)) => a
            .checked_add(b)
            .and_then(|sum| int_number(&sum.to_string())),
        _ => None,
    };
    let value = |n: &serde_json::Number| as_float(n).or_else(|| n.as_f64()).unwrap_or(0.0);
    exact
        .or_else(|| float_number(value(old) + value(new)))
        .map_or(Value::Null, Value::Number)
}

/// Sets a dotted path, creating the objects on the way.
fn set_path(target: &mut Map<String, Value>, path: &str, value: Value) {
    let mut parts = path.split('.').peekable();
    let mut current = target;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            current.insert(part.to_string(), value);
            return;
        }
        let entry = current
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(next) = entry else { return };
        current = next;
    }
}

/// botocore's `merge_dicts`: objects merge key by key at any depth, anything
/// else in `from` replaces what `into` holds. (Where `into` holds a
/// non-object under a key `from` has an object for, Python fails; no model
/// has such keys, and replacing is the sensible reading.)
fn merge_dicts(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(existing)), Value::Object(nested)) => merge_dicts(existing, nested),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

pub fn encode_token(token: &Map<String, Value>) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(crate::pycompat::json::dumps(&Value::Object(token.clone())))
}

/// The input tokens and the truncation index a starting token carries.
pub fn decode_token(
    token: &str,
    input_tokens: &[&str],
) -> Result<(Map<String, Value>, usize), PaginationError> {
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(token.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    if let Some(Value::Object(mut map)) = decoded {
        let index = map.remove(TRUNCATE).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
        return Ok((map, index));
    }
    // The deprecated form: token___token___index.
    let mut parts: Vec<&str> = token.split("___").collect();
    let mut index = 0;
    if parts.len() == input_tokens.len() + 1 {
        index = parts
            .pop()
            .and_then(|p| p.parse::<usize>().ok())
            .ok_or_else(|| PaginationError(format!("Bad starting token: {token}")))?;
    }
    if parts.len() > input_tokens.len() {
        return Err(PaginationError(format!("Bad starting token: {token}")));
    }
    let mut map = Map::new();
    for (i, name) in input_tokens.iter().enumerate() {
        let value = match parts.get(i) {
            Some(&"None") | None => Value::Null,
            Some(part) => Value::String((*part).to_string()),
        };
        map.insert((*name).to_string(), value);
    }
    Ok((map, index))
}

fn inject(kwargs: &mut Map<String, Value>, token: &Map<String, Value>) {
    for (name, value) in token {
        match value {
            Value::Null => {
                kwargs.remove(name);
            }
            Value::String(s) if s == "None" => {
                kwargs.remove(name);
            }
            v => {
                kwargs.insert(name.clone(), v.clone());
            }
        }
    }
}

fn next_token(paginator: &Paginator, page: &Value) -> Map<String, Value> {
    let mut token = Map::new();
    if let Some(more) = paginator.more_results {
        if !py_truthy(&expression::search(page, more)) {
            return token;
        }
    }
    for (output, input) in paginator.output_tokens.iter().zip(paginator.input_tokens) {
        // botocore keeps only true values: an empty string ends paging.
        let value = Some(expression::search(page, output))
            .filter(py_truthy)
            .unwrap_or(Value::Null);
        token.insert((*input).to_string(), value);
    }
    token
}

/// Adds one page's result keys to the merged result, as botocore's
/// `build_full_result`: lists are extended, strings concatenated, numbers
/// added (DynamoDB's `Count`); anything else keeps the first page's value.
fn merge_page(paginator: &Paginator, complete: &mut Map<String, Value>, page: &Value) {
    for key in paginator.result_keys {
        let Some(value) = lookup(page, key).filter(|v| !v.is_null()) else {
            continue;
        };
        let Some(existing) = lookup_mut(complete, key) else {
            set_path(complete, key, value.clone());
            continue;
        };
        if let (Value::Array(old), Value::Array(new)) = (&mut *existing, value) {
            // In place: the merged list grows with every page.
            old.extend(new.iter().cloned());
            continue;
        }
        let merged = match (&*existing, value) {
            (Value::Null, _) => value.clone(),
            (Value::String(old), Value::String(new)) => Value::String(format!("{old}{new}")),
            (Value::Number(old), Value::Number(new)) => python_sum(old, new),
            _ => continue,
        };
        *existing = merged;
    }
}

/// Pages through an operation with `fetch` (one call per page) and returns
/// the merged result, as `paginator.paginate(...).build_full_result()`.
pub fn paginate<E: From<PaginationError>>(
    paginator: &Paginator,
    params: &Map<String, Value>,
    options: &PageOptions,
    fetch: impl FnMut(&Map<String, Value>) -> Result<Value, E>,
) -> Result<Value, E> {
    paginate_pages(paginator, params, options, fetch, |_| Ok(()))
}

/// The result keys of one page as aws-cli's text formatter sees them: each
/// result key's value (null when the page lacks it) at its path.
pub fn page_result(paginator: &Paginator, page: &Value) -> Value {
    let mut current = Map::new();
    for key in paginator.result_keys {
        set_path(
            &mut current,
            key,
            lookup(page, key).cloned().unwrap_or(Value::Null),
        );
    }
    Value::Object(current)
}

/// [`paginate`], also handing each page (cut by `--starting-token` and
/// `--max-items` as the merged result is) to `on_page` as it arrives: aws-cli's
/// text output prints page by page, so what a later page's error interrupts
/// has already been printed.
pub fn paginate_pages<E: From<PaginationError>>(
    paginator: &Paginator,
    params: &Map<String, Value>,
    options: &PageOptions,
    mut fetch: impl FnMut(&Map<String, Value>) -> Result<Value, E>,
    mut on_page: impl FnMut(&Value) -> Result<(), E>,
) -> Result<Value, E> {
    let mut kwargs = params.clone();
    let empty_token: Map<String, Value> = paginator
        .input_tokens
        .iter()
        .map(|t| ((*t).to_string(), Value::Null))
        .collect();
    let (mut token, start_index) = match &options.starting_token {
        Some(t) => decode_token(t, paginator.input_tokens)?,
        None => (empty_token, 0),
    };
    if options.starting_token.is_some() {
        inject(&mut kwargs, &token);
    }
    if let (Some(size), Some(limit_key)) = (&options.page_size, paginator.limit_key) {
        kwargs.insert(limit_key.to_string(), size.clone());
    }
    let primary = paginator.result_keys.first().copied();
    let mut complete = Map::new();
    let mut non_aggregate = Map::new();
    let mut resume: Option<String> = None;
    let mut previous: Option<Map<String, Value>> = None;
    let mut total: i64 = 0;
    let mut first = true;
    loop {
        let mut page = fetch(&kwargs)?;
        let mut starting_truncation = 0;
        if first {
            if options.starting_token.is_some() {
                starting_truncation = start_index;
                skip_into_first_page(paginator, &mut page, start_index);
            }
            // botocore records each non-aggregate key of the first page,
            // null when the page lacks it (aws-cli prints `"KeyId": null`).
            for key in paginator.non_aggregate_keys {
                let value = lookup(&page, key).cloned().unwrap_or(Value::Null);
                set_path(&mut non_aggregate, key, value);
            }
            first = false;
        }
        let count = primary.and_then(|p| lookup(&page, p)).map_or(0, py_len) as i64;
        let truncate = options.max_items.map_or(0, |max| total + count - max);
        if truncate > 0 {
            // botocore slices with `[:count - truncate]`: a negative
            // --max-items gives a negative amount, which Python counts from
            // the end (and which the resume token keeps).
            let keep_signed = count - truncate;
            let keep = if keep_signed >= 0 {
                keep_signed as usize
            } else {
                (count + keep_signed).max(0) as usize
            };
            let kept = match primary.and_then(|p| lookup(&page, p)) {
                Some(Value::Array(items)) => Some(Value::Array(items[..keep].to_vec())),
                Some(Value::String(text)) => Some(Value::String(text.chars().take(keep).collect())),
                // Device Farm's result keys are maps, which Python cannot
                // slice: aws-cli fails with the TypeError's text.
                Some(Value::Object(_)) => {
                    return Err(PaginationError("unhashable type: 'slice'".into()).into())
                }
                _ => None,
            };
            if let (Value::Object(map), Some(p), Some(kept)) = (&mut page, primary, kept) {
                set_path(map, p, kept);
            }
            token.insert(
                TRUNCATE.to_string(),
                Value::from(keep_signed + starting_truncation as i64),
            );
            resume = Some(encode_token(&token));
            on_page(&page)?;
            merge_page(paginator, &mut complete, &page);
            break;
        }
        on_page(&page)?;
        merge_page(paginator, &mut complete, &page);
        total += count;
        token = next_token(paginator, &page);
        if token.values().all(Value::is_null) {
            break;
        }
        if options.max_items == Some(total) {
            resume = Some(encode_token(&token));
            break;
        }
        if previous.as_ref() == Some(&token) {
            return Err(PaginationError(format!(
                "Error during pagination: The same next token was received twice: {}",
                super::pycompat::repr::repr(&Value::Object(token))
            ))
            .into());
        }
        inject(&mut kwargs, &token);
        previous = Some(token.clone());
    }
    // Nested ones (`StreamDescription.StreamName`) join the merged result
    // key's object (`StreamDescription.Shards`), as botocore's merge_dicts.
    merge_dicts(&mut complete, non_aggregate);
    if let Some(resume) = resume {
        complete.insert("NextToken".to_string(), Value::String(resume));
    }
    Ok(Value::Object(complete))
}

/// A resumed first page starts `index` items in; the other result keys were
/// already returned in full, so they are emptied.
fn skip_into_first_page(paginator: &Paginator, page: &mut Value, index: usize) {
    let Value::Object(map) = page else { return };
    for (i, key) in paginator.result_keys.iter().enumerate() {
        let current = lookup_mut(map, key).map(Value::take);
        let replaced = match (i, current) {
            (0, Some(Value::Array(items))) => Value::Array(items.into_iter().skip(index).collect()),
            (0, Some(Value::String(s))) => Value::String(s.chars().skip(index).collect()),
            (0, _) => Value::Null,
            (_, Some(Value::Array(_))) => Value::Array(Vec::new()),
            (_, Some(Value::String(_))) => Value::String(String::new()),
            (_, Some(Value::Number(_))) => Value::from(0),
            (_, _) => Value::Null,
        };
        set_path(map, key, replaced);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static STEPS: Paginator = Paginator {
        input_tokens: &["Marker"],
        output_tokens: &["Marker"],
        result_keys: &["Steps"],
        limit_key: None,
        limit_type: &super::super::model::ArgType::Integer,
        more_results: None,
        non_aggregate_keys: &[],
    };

    fn pages() -> Vec<Value> {
        vec![
            json!({"Steps": [1, 2], "Marker": "m1"}),
            json!({"Steps": [3, 4], "Marker": "m2"}),
            json!({"Steps": [5]}),
        ]
    }

    fn run(options: &PageOptions) -> (Value, Vec<Map<String, Value>>) {
        let pages = pages();
        let mut calls = Vec::new();
        let result = paginate::<PaginationError>(&STEPS, &Map::new(), options, |kwargs| {
            calls.push(kwargs.clone());
            let index = match kwargs.get("Marker").and_then(Value::as_str) {
                None => 0,
                Some("m1") => 1,
                Some(_) => 2,
            };
            Ok(pages[index].clone())
        })
        .unwrap();
        (result, calls)
    }

    #[test]
    fn merges_every_page() {
        let (result, calls) = run(&PageOptions::default());
        assert_eq!(result, json!({"Steps": [1, 2, 3, 4, 5]}));
        assert_eq!(calls.len(), 3);
        assert_eq!(calls[1].get("Marker"), Some(&json!("m1")));
    }

    #[test]
    fn max_items_truncates_and_resumes() {
        let (result, _) = run(&PageOptions {
            max_items: Some(3),
            ..Default::default()
        });
        // botocore 1.8.32: base64 of {"Marker": "m1", "boto_truncate_amount": 1}
        let token = encode_token(
            &serde_json::from_value(json!({"Marker": "m1", "boto_truncate_amount": 1})).unwrap(),
        );
        assert_eq!(result, json!({"Steps": [1, 2, 3], "NextToken": token}));
        assert_eq!(
            token,
            "eyJNYXJrZXIiOiAibTEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="
        );
        let (rest, _) = run(&PageOptions {
            starting_token: Some(token),
            ..Default::default()
        });
        assert_eq!(rest, json!({"Steps": [4, 5]}));
    }

    #[test]
    fn max_items_on_a_page_boundary() {
        let (result, _) = run(&PageOptions {
            max_items: Some(2),
            ..Default::default()
        });
        let token = result["NextToken"].as_str().unwrap().to_string();
        assert_eq!(result["Steps"], json!([1, 2]));
        let (rest, _) = run(&PageOptions {
            starting_token: Some(token),
            max_items: Some(2),
            ..Default::default()
        });
        assert_eq!(rest["Steps"], json!([3, 4]));
    }

    #[test]
    fn old_style_tokens_and_bad_tokens() {
        assert_eq!(decode_token("m1___2", &["Marker"]).unwrap().1, 2);
        assert!(decode_token("a___b___c", &["Marker"]).is_err());
    }

    static SHARDS: Paginator = Paginator {
        input_tokens: &["ExclusiveStartShardId"],
        output_tokens: &["StreamDescription.Shards[-1].ShardId"],
        result_keys: &["StreamDescription.Shards"],
        limit_key: Some("Limit"),
        limit_type: &super::super::model::ArgType::Integer,
        more_results: Some("StreamDescription.HasMoreShards"),
        non_aggregate_keys: &["StreamDescription.StreamName", "StreamDescription.KeyId"],
    };

    #[test]
    fn nested_result_key_keeps_the_first_pages_non_aggregate_keys() {
        let mut asked = Vec::new();
        let result =
            paginate::<PaginationError>(&SHARDS, &Map::new(), &PageOptions::default(), |kwargs| {
                asked.push(kwargs.get("ExclusiveStartShardId").cloned());
                Ok(match kwargs.get("ExclusiveStartShardId") {
                    None => json!({"StreamDescription": {
                        "StreamName": "s1", "HasMoreShards": true,
                        "Shards": [{"ShardId": "a"}, {"ShardId": "b"}]}}),
                    Some(_) => json!({"StreamDescription": {
                        "StreamName": "later", "HasMoreShards": false,
                        "Shards": [{"ShardId": "c"}]}}),
                })
            })
            .unwrap();
        assert_eq!(asked, [None, Some(json!("b"))]);
        // botocore 1.8.32: result keys, then the non-aggregate keys merged
        // in (null when absent); HasMoreShards is neither.
        assert_eq!(
            result,
            json!({"StreamDescription": {
                "Shards": [{"ShardId": "a"}, {"ShardId": "b"}, {"ShardId": "c"}],
                "StreamName": "s1",
                "KeyId": null
            }})
        );
    }

    #[test]
    fn merge_dicts_merges_objects_at_any_depth() {
        let mut into = json!({"a": {"list": [1], "x": 1}, "b": 2})
            .as_object()
            .cloned()
            .unwrap();
        let from = json!({"a": {"x": null, "y": {"z": 3}}, "c": [4]})
            .as_object()
            .cloned()
            .unwrap();
        merge_dicts(&mut into, from);
        assert_eq!(
            Value::Object(into),
            json!({"a": {"list": [1], "x": null, "y": {"z": 3}}, "b": 2, "c": [4]})
        );
    }
}
