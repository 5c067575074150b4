//! The values aws-cli's formatters and JMESPath see: Python's `dict`/`list`/
//! `str`/`int`/`float`/`bool`/`None` as `json.loads` and botocore build
//! them, plus JMESPath's expression references (`&expr`), which an
//! expression can return. Objects keep their insertion order, as Python
//! 3.6 dicts do; integers are `i128` (see [`Var::Int`]).
//!
//! Also here: Python's `str()`, `==`, `<` and truthiness of such values, and
//! `json.dumps` in the two spellings aws-cli uses (the indented
//! `--output json`, and the compact ASCII one of JMESPath's `to_string`).

use super::jmespath::Node;
use crate::pycompat::json::{self as pyjson_out, newline_indent, write_str as write_json_str};
use crate::pycompat::number::{as_float, float_repr};
use crate::pycompat::text::repr_str;
use indexmap::IndexMap;
use serde_json::Value;
use std::cmp::Ordering;
use std::rc::Rc;

/// A shared value: JMESPath hands sub-values around without copying them.
pub type Rcvar = Rc<Var>;

#[derive(Debug, Clone)]
pub enum Var {
    Null,
    Bool(bool),
    /// Python's `int` within `i128`. Arithmetic that would leave it (only
    /// `ceil`/`floor` of huge floats or `to_number` of 40-digit strings can)
    /// falls back to a float.
    Int(i128),
    /// Python's `int` beyond `i128` (a response's 40-digit integer): its
    /// decimal digits, printed and compared for equality exactly; in
    /// arithmetic and ordering it counts as the nearest float (why: no
    /// response holds such numbers for arithmetic, and a bignum crate in
    /// every JMESPath operation would cost more than it buys).
    BigInt(Rc<str>),
    Float(f64),
    Str(String),
    Array(Vec<Rcvar>),
    Object(IndexMap<String, Rcvar>),
    /// A JMESPath `&expression` value (Python's `_Expression`).
    Expref(Rc<Node>),
}

/// What Python prints for `str()` of an `_Expression`; the real text holds a
/// memory address (`... object at 0x7f...>`), which no one can reproduce.
pub const EXPREF_STR: &str = "<jmespath.visitor._Expression object>";

/// How many values `value` stands for once written out: JMESPath shares
/// sub-values (`[@, @]` holds the same value twice), so a short query can
/// describe an exponentially large result. Counted over the shared graph
/// (each distinct value once, without recursion), saturating at `u64::MAX`.
pub fn expanded_size(value: &Rcvar) -> u64 {
    use std::collections::HashMap;
    let mut sizes: HashMap<*const Var, u64> = HashMap::new();
    let mut stack: Vec<(&Rcvar, bool)> = vec![(value, false)];
    while let Some((node, children_done)) = stack.pop() {
        let key = Rc::as_ptr(node);
        if sizes.contains_key(&key) {
            continue;
        }
        let children: Vec<&Rcvar> = match &**node {
            Var::Array(items) => items.iter().collect(),
            Var::Object(map) => map.values().collect(),
            _ => Vec::new(),
        };
        if children_done {
            let total = children.iter().fold(1u64, |sum, child| {
                sum.saturating_add(sizes.get(&Rc::as_ptr(child)).copied().unwrap_or(1))
            });
            sizes.insert(key, total);
        } else {
            stack.push((node, true));
            stack.extend(children.into_iter().map(|child| (child, false)));
        }
    }
    sizes.get(&Rc::as_ptr(value)).copied().unwrap_or(1)
}

impl Var {
    pub fn from_json(value: &Value) -> Rcvar {
        Rc::new(match value {
            Value::Null => Var::Null,
            Value::Bool(b) => Var::Bool(*b),
            Value::Number(n) => match (as_float(n), n.as_i128()) {
                (Some(f), _) => Var::Float(f),
                (None, Some(i)) => Var::Int(i),
                (None, None) => Var::BigInt(Rc::from(n.as_str())),
            },
            Value::String(s) => Var::Str(s.clone()),
            Value::Array(items) => Var::Array(items.iter().map(Var::from_json).collect()),
            Value::Object(map) => Var::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Var::from_json(v)))
                    .collect(),
            ),
        })
    }

    pub fn null() -> Rcvar {
        Rc::new(Var::Null)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Var::Null)
    }

    /// Python's `type(x).__name__`.
    pub fn py_type_name(&self) -> &'static str {
        match self {
            Var::Null => "NoneType",
            Var::Bool(_) => "bool",
            Var::Int(_) | Var::BigInt(_) => "int",
            Var::Float(_) => "float",
            Var::Str(_) => "str",
            Var::Array(_) => "list",
            Var::Object(_) => "dict",
            Var::Expref(_) => "_Expression",
        }
    }

    /// JMESPath's name for the type (jmespath/functions.py TYPES_MAP).
    pub fn jmespath_type(&self) -> &'static str {
        match self {
            Var::Null => "null",
            Var::Bool(_) => "boolean",
            Var::Int(_) | Var::BigInt(_) | Var::Float(_) => "number",
            Var::Str(_) => "string",
            Var::Array(_) => "array",
            Var::Object(_) => "object",
            Var::Expref(_) => "expref",
        }
    }

    /// A number that is not a bool (`_is_actual_number`).
    pub fn is_number(&self) -> bool {
        matches!(self, Var::Int(_) | Var::BigInt(_) | Var::Float(_))
    }

    /// Not a list or dict: what the formatters call a scalar.
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Var::Array(_) | Var::Object(_))
    }

    /// Python's `bool(x)`.
    pub fn py_truthy(&self) -> bool {
        match self {
            Var::Null => false,
            Var::Bool(b) => *b,
            Var::Int(i) => *i != 0,
            Var::BigInt(_) => true,
            Var::Float(f) => *f != 0.0,
            Var::Str(s) => !s.is_empty(),
            Var::Array(a) => !a.is_empty(),
            Var::Object(o) => !o.is_empty(),
            Var::Expref(_) => true,
        }
    }

    /// JMESPath's falsiness: `''`, `[]`, `{}`, `None`, `False` (numbers,
    /// zero included, are true).
    pub fn jmespath_false(&self) -> bool {
        match self {
            Var::Null | Var::Bool(false) => true,
            Var::Str(s) => s.is_empty(),
            Var::Array(a) => a.is_empty(),
            Var::Object(o) => o.is_empty(),
            _ => false,
        }
    }

    /// The value as a number, for arithmetic (bools excluded).
    pub fn as_num(&self) -> Option<Num> {
        match self {
            Var::Int(i) => Some(Num::Int(*i)),
            Var::BigInt(digits) => Some(Num::Float(digits.parse().unwrap_or(f64::NAN))),
            Var::Float(f) => Some(Num::Float(*f)),
            _ => None,
        }
    }
}

/// A Python number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    pub fn to_var(self) -> Var {
        match self {
            Num::Int(i) => Var::Int(i),
            Num::Float(f) => Var::Float(f),
        }
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    /// `a + b` as Python adds an int or a float.
    pub fn plus(self, other: Num) -> Num {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => match a.checked_add(b) {
                Some(sum) => Num::Int(sum),
                None => Num::Float(a as f64 + b as f64),
            },
            (a, b) => Num::Float(a.to_f64() + b.to_f64()),
        }
    }

    /// Exact comparison, as Python compares an int with a float; `None`
    /// when a NaN is involved.
    pub fn partial_cmp(self, other: Num) -> Option<Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
            (Num::Int(a), Num::Float(b)) => int_float_cmp(a, b),
            (Num::Float(a), Num::Int(b)) => int_float_cmp(b, a).map(Ordering::reverse),
        }
    }
}

/// `i` compared with `f`, exactly.
fn int_float_cmp(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // 2^127 as f64 is exact; every f64 at or above it exceeds any i128.
    const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    if f >= LIMIT {
        return Some(Ordering::Less);
    }
    if f < -LIMIT {
        return Some(Ordering::Greater);
    }
    let whole = f.trunc();
    // |whole| < 2^127, so the cast is exact.
    let w = whole as i128;
    match i.cmp(&w) {
        Ordering::Equal => {
            let frac = f - whole;
            Some(if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            })
        }
        other => Some(other),
    }
}

/// Python's `a == b` (bools are the integers 0 and 1 there).
pub fn py_eq(a: &Var, b: &Var) -> bool {
    py_eq_seen(a, b, &mut std::collections::HashSet::new())
}

/// `py_eq`, remembering which pairs of containers were found equal: JMESPath
/// shares sub-values (`[@,@]|[@,@]|...` is a chain of n values standing for
/// 2^n), so comparing two such results pair by pair would take exponential
/// time; with the pairs remembered it is linear in the values compared.
fn py_eq_seen(a: &Var, b: &Var, equal: &mut std::collections::HashSet<(usize, usize)>) -> bool {
    // A value is equal to itself (Python's containers compare identity first).
    if std::ptr::eq(a, b) && !matches!(a, Var::Float(f) if f.is_nan()) {
        return true;
    }
    let num = |v: &Var| match v {
        Var::Bool(b) => Some(Num::Int(i128::from(*b))),
        other => other.as_num(),
    };
    let pair = (a as *const Var as usize, b as *const Var as usize);
    let same = match (a, b) {
        (Var::Null, Var::Null) => return true,
        (Var::Str(x), Var::Str(y)) => return x == y,
        (Var::BigInt(x), Var::BigInt(y)) => return x == y,
        (Var::BigInt(_), Var::Int(_) | Var::Bool(_))
        | (Var::Int(_) | Var::Bool(_), Var::BigInt(_)) => return false,
        _ if equal.contains(&pair) => return true,
        (Var::Array(x), Var::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq_seen(p, q, equal))
        }
        (Var::Object(x), Var::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| py_eq_seen(v, w, equal)))
        }
        (Var::Expref(x), Var::Expref(y)) => return Rc::ptr_eq(x, y),
        _ => {
            return match (num(a), num(b)) {
                (Some(x), Some(y)) => x.partial_cmp(y) == Some(Ordering::Equal),
                _ => false,
            }
        }
    };
    if same {
        equal.insert(pair);
    }
    same
}

/// A comparison operator, as Python spells it in its `TypeError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// Python's `a OP b` for numbers and strings (and bools, which are ints);
/// a `TypeError` text for anything else.
pub fn py_compare(a: &Var, op: CmpOp, b: &Var) -> Result<bool, String> {
    let num = |v: &Var| match v {
        Var::Bool(b) => Some(Num::Int(i128::from(*b))),
        other => other.as_num(),
    };
    let ordering = match (a, b) {
        (Var::Str(x), Var::Str(y)) => Some(x.as_str().cmp(y.as_str())),
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => x.partial_cmp(y),
            _ => {
                return Err(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    a.py_type_name(),
                    b.py_type_name()
                ))
            }
        },
    };
    Ok(match ordering {
        None => false,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        },
    })
}

/// Python's `str(x)`.
pub fn py_str(value: &Var) -> String {
    match value {
        Var::Str(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr(x)`.
pub fn py_repr(value: &Var) -> String {
    let mut out = String::new();
    write_repr(value, &mut out);
    out
}

fn write_repr(value: &Var, out: &mut String) {
    match value {
        Var::Null => out.push_str("None"),
        Var::Bool(true) => out.push_str("True"),
        Var::Bool(false) => out.push_str("False"),
        Var::Int(i) => out.push_str(&i.to_string()),
        Var::BigInt(digits) => out.push_str(digits),
        Var::Float(f) => out.push_str(&float_repr(*f)),
        Var::Str(s) => out.push_str(&repr_str(s)),
        Var::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            out.push(']');
        }
        Var::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr_str(k));
                out.push_str(": ");
                write_repr(v, out);
            }
            out.push('}');
        }
        Var::Expref(_) => out.push_str(EXPREF_STR),
    }
}

/// `json.dump(value, indent=4, ensure_ascii=False)`: the text written, or
/// the text written before Python stopped at an expression reference
/// (`ValueError: Circular reference detected`, aws-cli's `json_encoder`
/// returns such an object unchanged).
pub fn dumps_pretty(value: &Var) -> Result<String, String> {
    let mut out = String::new();
    match write_pretty(value, 0, &mut out) {
        Ok(()) => Ok(out),
        Err(()) => Err(out),
    }
}

fn write_pretty(value: &Var, level: usize, out: &mut String) -> Result<(), ()> {
    match value {
        Var::Array(items) if items.is_empty() => out.push_str("[]"),
        Var::Object(map) if map.is_empty() => out.push_str("{}"),
        Var::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline_indent(level + 1, out);
                write_pretty(item, level + 1, out)?;
            }
            newline_indent(level, out);
            out.push(']');
        }
        Var::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline_indent(level + 1, out);
                write_json_str(k, false, out);
                out.push_str(": ");
                write_pretty(v, level + 1, out)?;
            }
            newline_indent(level, out);
            out.push('}');
        }
        Var::Expref(_) => return Err(()),
        scalar => write_scalar(scalar, false, out),
    }
    Ok(())
}

/// `json.dumps(value, separators=(',', ':'), default=str)` (ASCII-only):
/// JMESPath's `to_string`.
pub fn dumps_compact(value: &Var) -> String {
    let mut out = String::new();
    write_compact(value, &mut out);
    out
}

fn write_compact(value: &Var, out: &mut String) {
    match value {
        Var::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Var::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(k, true, out);
                out.push(':');
                write_compact(v, out);
            }
            out.push('}');
        }
        // `default=str`: the object's str(), as a JSON string.
        Var::Expref(_) => write_json_str(EXPREF_STR, true, out),
        scalar => write_scalar(scalar, true, out),
    }
}

fn write_scalar(value: &Var, ascii: bool, out: &mut String) {
    match value {
        Var::Null => out.push_str("null"),
        Var::Bool(true) => out.push_str("true"),
        Var::Bool(false) => out.push_str("false"),
        Var::Int(i) => out.push_str(&i.to_string()),
        Var::BigInt(digits) => out.push_str(digits),
        Var::Float(f) => out.push_str(&pyjson_out::float(*f)),
        Var::Str(s) => write_json_str(s, ascii, out),
        Var::Array(_) | Var::Object(_) | Var::Expref(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn var(v: Value) -> Rcvar {
        Var::from_json(&v)
    }

    #[test]
    fn str_and_repr_as_python() {
        let v = var(json!({"a": [1, 2.5, "x", null, true], "b'": {}}));
        assert_eq!(py_str(&v), r#"{'a': [1, 2.5, 'x', None, True], "b'": {}}"#);
        assert_eq!(py_str(&var(json!("plain"))), "plain");
        assert_eq!(py_str(&var(json!(1e20))), "1e+20");
    }

    #[test]
    fn equality_as_python() {
        assert!(py_eq(&Var::Bool(true), &Var::Int(1)));
        assert!(py_eq(&Var::Int(1), &Var::Float(1.0)));
        assert!(!py_eq(&Var::Int(1), &Var::Str("1".into())));
        assert!(py_eq(
            &var(json!({"a": 1, "b": 2})),
            &var(json!({"b": 2, "a": 1.0}))
        ));
        assert!(!py_eq(&Var::Float(f64::NAN), &Var::Float(f64::NAN)));
    }

    #[test]
    fn comparisons_as_python() {
        assert_eq!(
            py_compare(&Var::Int(1), CmpOp::Lt, &Var::Float(1.5)),
            Ok(true)
        );
        assert_eq!(
            py_compare(
                &Var::Int(i128::from(i64::MAX)),
                CmpOp::Lt,
                &Var::Float(9_223_372_036_854_775_808.0)
            ),
            Ok(true)
        );
        assert_eq!(
            py_compare(&Var::Str("a".into()), CmpOp::Gt, &Var::Int(1)),
            Err("'>' not supported between instances of 'str' and 'int'".into())
        );
    }

    #[test]
    fn json_as_python_dumps_it() {
        // Python: json.dumps(v, indent=4, ensure_ascii=False)
        let v = var(json!({"a": [1, 1e16, "é\u{7f}\u{1}"], "b": {}, "c": []}));
        assert_eq!(
            dumps_pretty(&v).unwrap(),
            "{\n    \"a\": [\n        1,\n        1e+16,\n        \"é\u{7f}\\u0001\"\n    ],\n    \"b\": {},\n    \"c\": []\n}"
        );
        // Python: json.dumps(['\x7f', 'é', '😀', 1.0], separators=(',', ':'))
        assert_eq!(
            dumps_compact(&var(json!(["\u{7f}", "é", "😀", 1.0]))),
            r#"["\u007f","\u00e9","\ud83d\ude00",1.0]"#
        );
        assert_eq!(dumps_compact(&Var::Float(f64::INFINITY)), "Infinity");
    }
}
