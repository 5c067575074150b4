// Ported from botocore 1.8.32 (botocore/utils.py xform_name): Copyright Amazon.com, Inc. or its affiliates,
// under the Apache License 2.0. See NOTICE.
//! Names: botocore's `xform_name` (CamelCase → kebab-case / snake_case, the
//! way aws-cli names commands and options) and Rust identifiers.

use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    first_cap: Regex,
    number_cap: Regex,
    end_cap: Regex,
    special_case: Regex,
}

// The expressions are constants: failing to compile them is a bug caught by
// the first test, never a user's input.
#[allow(clippy::expect_used)]
fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        // The same expressions as botocore/__init__.py; they are constants,
        // so failing to compile them is impossible at run time.
        first_cap: Regex::new("(.)([A-Z][a-z]+)").expect("constant regex"),
        number_cap: Regex::new("([a-z])([0-9]+)").expect("constant regex"),
        end_cap: Regex::new("([a-z0-9])([A-Z])").expect("constant regex"),
        special_case: Regex::new("[A-Z]{3,}s$").expect("constant regex"),
    })
}

/// botocore's table of names its regular expressions get wrong.
const XFORM_EXCEPTIONS: &[(&str, &str)] = &[
    ("CreateCachediSCSIVolume", "create-cached-iscsi-volume"),
    (
        "DescribeCachediSCSIVolumes",
        "describe-cached-iscsi-volumes",
    ),
    (
        "DescribeStorediSCSIVolumes",
        "describe-stored-iscsi-volumes",
    ),
    ("CreateStorediSCSIVolume", "create-stored-iscsi-volume"),
    (
        "ListHITsForQualificationType",
        "list-hits-for-qualification-type",
    ),
];

/// botocore's `xform_name(name, sep)`: `CancelSteps` → `cancel-steps`.
pub fn xform_name(name: &str, sep: char) -> String {
    if name.contains(sep) {
        return name.to_string();
    }
    if let Some((_, kebab)) = XFORM_EXCEPTIONS.iter().find(|(camel, _)| *camel == name) {
        return kebab.replace('-', &sep.to_string());
    }
    let p = patterns();
    let sep_s = sep.to_string();
    let mut name = name.to_string();
    if let Some(m) = p.special_case.find(&name) {
        // ARNs → _arns: botocore splits a trailing acronym plural off.
        let matched = m.as_str().to_lowercase();
        let start = m.start();
        name = format!("{}{}{}", &name[..start], sep_s, matched);
    }
    let with_sep = format!("${{1}}{sep_s}${{2}}");
    let s1 = p.first_cap.replace_all(&name, with_sep.as_str());
    let s2 = p.number_cap.replace_all(&s1, with_sep.as_str());
    let mut transformed = p.end_cap.replace_all(&s2, with_sep.as_str()).to_lowercase();
    let ipv = format!("ipv{sep_s}6");
    if transformed.contains(&ipv) {
        transformed = transformed.replace(&ipv, "ipv6");
    }
    transformed
}

/// The CLI name of an operation or a member: `CancelSteps` → `cancel-steps`.
pub fn cli_name(name: &str) -> String {
    xform_name(name, '-')
}

/// A Rust field / function name: `ClusterId` → `cluster_id` (raw where a keyword).
pub fn snake_ident(name: &str) -> String {
    let snake = xform_name(name, '_');
    let cleaned: String = snake
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = if cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{cleaned}")
    } else {
        cleaned
    };
    if RUST_KEYWORDS.contains(&cleaned.as_str()) {
        format!("r#{cleaned}")
    } else {
        cleaned
    }
}

/// A Rust type name from a model shape name (already CamelCase; made a valid identifier).
pub fn type_ident(name: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper_next {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper_next = false;
        } else {
            upper_next = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    if matches!(
        out.as_str(),
        "Self" | "String" | "Vec" | "Option" | "Box" | "Result"
    ) {
        out.push_str("Shape");
    }
    out
}

/// An enum variant from an enum value: `SUBMITTED` → `Submitted`, `m1.large` → `M1Large`.
pub fn variant_ident(value: &str) -> String {
    let mut out = String::new();
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(&chars.as_str().to_lowercase());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Unknown" {
        out.push_str("Value");
    }
    out
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
    "try", "typeof", "unsized", "virtual", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xform_matches_botocore() {
        // Expected values computed with botocore 1.8.32's xform_name.
        assert_eq!(cli_name("CancelSteps"), "cancel-steps");
        assert_eq!(cli_name("RunJobFlow"), "run-job-flow");
        assert_eq!(cli_name("ListInstanceFleets"), "list-instance-fleets");
        assert_eq!(cli_name("StepIds"), "step-ids");
        assert_eq!(cli_name("ClusterId"), "cluster-id");
        assert_eq!(cli_name("DescribeDBInstances"), "describe-db-instances");
        assert_eq!(cli_name("ListARNs"), "list-arns");
        assert_eq!(cli_name("Ec2KeyName"), "ec-2-key-name");
        assert_eq!(cli_name("AssignIpv6Addresses"), "assign-ipv6-addresses");
        assert_eq!(
            cli_name("CreateCachediSCSIVolume"),
            "create-cached-iscsi-volume"
        );
        assert_eq!(snake_ident("Type"), "r#type");
    }
}
