//! Printing responses as aws-cli's JSON output does:
//! `json.dump(response, indent=4, ensure_ascii=False)` plus a newline, and
//! nothing at all for an empty response.

use serde_json::Value;

/// `value` as aws-cli prints it with `--output json`, newline included;
/// empty for `{}` (aws-cli prints nothing for an empty response).
pub fn json(value: &Value) -> String {
    if value.as_object().is_some_and(|o| o.is_empty()) {
        return String::new();
    }
    let mut text = crate::pycompat::json::dumps_indent4(value, false);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn python_layout() {
        // Python: json.dumps({"A": [1, 1e16, "é"], "B": {}, "C": []}, indent=4, ensure_ascii=False)
        assert_eq!(
            super::json(&json!({"A": [1, 1e16, "é"], "B": {}, "C": []})),
            "{\n    \"A\": [\n        1,\n        1e+16,\n        \"é\"\n    ],\n    \"B\": {},\n    \"C\": []\n}\n"
        );
        assert_eq!(super::json(&json!({})), "");
    }
}
