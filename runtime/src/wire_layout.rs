//! The layout botocore gives a JSON request body: `json.dumps(body)` with
//! Python's defaults, i.e. `", "` between items, `": "` after keys, and
//! every character outside printable ASCII escaped as `\uXXXX` (a surrogate
//! pair beyond the BMP). Services read either layout, but the bytes on the
//! wire are part of "the same request as aws-cli" (and of what `--debug`
//! shows), so the serialiser's compact JSON is re-laid here, token by token,
//! which keeps every number exactly as the serialiser wrote it.
//!
//! Hand-written because no crate offers Python's layout; it is a small
//! state machine over already-valid JSON.

/// Re-lays compact (or any valid) JSON text in Python's `json.dumps` layout.
/// Text that is not valid UTF-8 is returned unchanged.
pub fn python_layout(json: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(json) else {
        return json.to_vec();
    };
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
            } else if c == '\\' {
                escaped = true;
                out.push(c);
            } else if c == '"' {
                in_string = false;
                out.push(c);
            } else if (' '..='~').contains(&c) {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ',' => out.push_str(", "),
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::python_layout;

    fn laid(s: &str) -> String {
        String::from_utf8(python_layout(s.as_bytes())).unwrap()
    }

    #[test]
    fn separators_and_escapes_are_pythons() {
        assert_eq!(
            laid(r#"{"a":[1,2.50,1e3],"b":{"c":"x, y: z"}}"#),
            r#"{"a": [1, 2.50, 1e3], "b": {"c": "x, y: z"}}"#
        );
        assert_eq!(
            laid("{\"k\":\"ünï \u{7f} 😀\"}"),
            r#"{"k": "\u00fcn\u00ef \u007f \ud83d\ude00"}"#
        );
        assert_eq!(
            laid(r#"{"q":"a\"b\\","t":"\n\u001f"}"#),
            r#"{"q": "a\"b\\", "t": "\n\u001f"}"#
        );
        assert_eq!(laid("{}"), "{}");
        assert_eq!(laid("{ \"a\" : [ ] }"), r#"{"a": []}"#);
    }
}
