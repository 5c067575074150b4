// Ported from jmespath.py 0.10.0 (jmespath/functions.py): Copyright (c) 2013 Amazon.com,
// Inc. or its affiliates, under the MIT licence. See NOTICE.
//! jmespath/functions.py: the built-in functions, their signatures, and
//! the argument checks with jmespath.py's error texts.

use super::super::value::{dumps_compact, py_compare, py_eq, py_str, CmpOp, Num, Rcvar, Var};
use super::interpreter::{visit, Searched};
use crate::pycompat::text::is_space as py_isspace;
use indexmap::IndexMap;
use std::rc::Rc;

/// One argument of a signature: the allowed JMESPath types (empty: any).
struct Arg {
    types: &'static [&'static str],
    variadic: bool,
}

/// `Arg` values, as constants (so the signatures below are `'static`).
macro_rules! arg {
    ($types:expr) => {
        Arg {
            types: $types,
            variadic: false,
        }
    };
}

macro_rules! variadic {
    ($types:expr) => {
        Arg {
            types: $types,
            variadic: true,
        }
    };
}

const ANY: &[&str] = &[];

fn signature(name: &str) -> Option<&'static [Arg]> {
    Some(match name {
        "abs" | "ceil" | "floor" => &[arg!(&["number"])],
        "avg" | "sum" => &[arg!(&["array-number"])],
        "not_null" => &[variadic!(ANY)],
        "to_array" | "to_string" | "to_number" | "type" => &[arg!(ANY)],
        "contains" => &[arg!(&["array", "string"]), arg!(ANY)],
        "length" => &[arg!(&["string", "array", "object"])],
        "ends_with" | "starts_with" => &[arg!(&["string"]), arg!(&["string"])],
        "reverse" => &[arg!(&["array", "string"])],
        "join" => &[arg!(&["string"]), arg!(&["array-string"])],
        "map" => &[arg!(&["expref"]), arg!(&["array"])],
        "max" | "min" => &[arg!(&["array-number", "array-string"])],
        "merge" => &[variadic!(&["object"])],
        "sort" => &[arg!(&["array-string", "array-number"])],
        "keys" | "values" => &[arg!(&["object"])],
        "sort_by" | "min_by" | "max_by" => &[arg!(&["array"]), arg!(&["expref"])],
        _ => return None,
    })
}

/// Python's `repr()` of a list of strings, as error texts show `types`.
fn list_repr(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|t| format!("'{t}'")).collect();
    format!("[{}]", quoted.join(", "))
}

fn type_error(function: &str, value: &Var, actual: &str, expected: &[&str]) -> String {
    format!(
        "In function {function}(), invalid type for value: {}, expected one of: {}, received: \"{actual}\"",
        py_str(value),
        list_repr(expected)
    )
}

/// The Python type names of a JMESPath type (REVERSE_TYPES_MAP), as the
/// JMESPath type our values carry.
fn matches_type(value: &Var, jmespath_type: &str) -> bool {
    value.jmespath_type() == jmespath_type
}

fn check_arguments(name: &str, args: &[Rcvar], sig: &[Arg]) -> Result<(), String> {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    if sig.last().is_some_and(|a| a.variadic) {
        if args.len() < sig.len() {
            return Err(format!(
                "Expected at least {} {} for function {name}(), received {}",
                sig.len(),
                plural(sig.len()),
                args.len()
            ));
        }
    } else if args.len() != sig.len() {
        return Err(format!(
            "Expected {} {} for function {name}(), received {}",
            sig.len(),
            plural(sig.len()),
            args.len()
        ));
    }
    for (spec, value) in sig.iter().zip(args) {
        if !spec.types.is_empty() {
            check_single(name, value, spec.types)?;
        }
    }
    Ok(())
}

fn check_single(name: &str, value: &Var, types: &[&str]) -> Result<(), String> {
    let mut allowed = Vec::new();
    let mut subtypes = Vec::new();
    for t in types {
        match t.split_once('-') {
            Some((outer, inner)) => {
                allowed.push(outer);
                subtypes.push(inner);
            }
            None => allowed.push(*t),
        }
    }
    if !allowed.iter().any(|t| matches_type(value, t)) {
        return Err(type_error(name, value, value.jmespath_type(), types));
    }
    let Var::Array(items) = value else {
        return Ok(());
    };
    match subtypes.as_slice() {
        [] => Ok(()),
        [only] => {
            for element in items {
                if !matches_type(element, only) {
                    return Err(type_error(name, element, element.py_type_name(), types));
                }
            }
            Ok(())
        }
        several => {
            let Some(first) = items.first() else {
                return Ok(());
            };
            let Some(chosen) = several.iter().find(|t| matches_type(first, t)) else {
                return Err(type_error(name, first, first.py_type_name(), types));
            };
            for element in items {
                if !matches_type(element, chosen) {
                    return Err(type_error(name, element, element.py_type_name(), types));
                }
            }
            Ok(())
        }
    }
}

fn rc(v: Var) -> Searched {
    Ok(Rc::new(v))
}

/// `Functions.call_function(name, args)`.
/// The most values `to_string` writes out: more than a response within
/// `limits::RESPONSE_BODY_LIMIT` can hold.
const TO_STRING_LIMIT: u64 = 100_000_000;

pub fn call(name: &str, args: Vec<Rcvar>) -> Searched {
    let Some(sig) = signature(name) else {
        return Err(format!("Unknown function: {name}()"));
    };
    check_arguments(name, &args, sig)?;
    let a = |i: usize| -> &Var { &args[i] };
    match name {
        "abs" => rc(match a(0) {
            Var::Int(i) => i
                .checked_abs()
                .map_or(Var::Float((*i as f64).abs()), Var::Int),
            Var::BigInt(digits) => Var::BigInt(digits.trim_start_matches('-').into()),
            Var::Float(f) => Var::Float(f.abs()),
            other => other.clone(),
        }),
        "avg" => {
            let Var::Array(items) = a(0) else {
                return Ok(Var::null());
            };
            if items.is_empty() {
                return Ok(Var::null());
            }
            let total = py_sum(items);
            rc(Var::Float(total.to_f64() / items.len() as f64))
        }
        "not_null" => Ok(args
            .iter()
            .find(|v| !v.is_null())
            .cloned()
            .unwrap_or_else(Var::null)),
        "to_array" => match a(0) {
            Var::Array(_) => Ok(args[0].clone()),
            _ => rc(Var::Array(vec![args[0].clone()])),
        },
        "to_string" => match a(0) {
            Var::Str(_) => Ok(args[0].clone()),
            // Shared sub-values (`[@,@]|[@,@]|...`) can describe a text
            // of 2^n values; refuse before writing it out.
            _ if super::super::value::expanded_size(&args[0]) > TO_STRING_LIMIT => Err(format!(
                "to_string() of a value holding more than {TO_STRING_LIMIT} values"
            )),
            other => rc(Var::Str(dumps_compact(other))),
        },
        "to_number" => to_number(a(0)),
        "contains" => match (a(0), a(1)) {
            (Var::Array(items), search) => rc(Var::Bool(items.iter().any(|i| py_eq(i, search)))),
            (Var::Str(subject), Var::Str(search)) => {
                rc(Var::Bool(subject.contains(search.as_str())))
            }
            (_, search) => Err(format!(
                "'in <string>' requires string as left operand, not {}",
                search.py_type_name()
            )),
        },
        "length" => rc(Var::Int(match a(0) {
            Var::Str(s) => s.chars().count() as i128,
            Var::Array(items) => items.len() as i128,
            Var::Object(map) => map.len() as i128,
            _ => 0,
        })),
        "ends_with" | "starts_with" => {
            let (Var::Str(s), Var::Str(affix)) = (a(0), a(1)) else {
                return Ok(Var::null());
            };
            rc(Var::Bool(if name == "ends_with" {
                s.ends_with(affix.as_str())
            } else {
                s.starts_with(affix.as_str())
            }))
        }
        "reverse" => rc(match a(0) {
            Var::Str(s) => Var::Str(s.chars().rev().collect()),
            Var::Array(items) => Var::Array(items.iter().rev().cloned().collect()),
            other => other.clone(),
        }),
        "ceil" | "floor" => match a(0) {
            Var::Float(f) => {
                if f.is_nan() {
                    return Err("cannot convert float NaN to integer".into());
                }
                if f.is_infinite() {
                    return Err("cannot convert float infinity to integer".into());
                }
                let r = if name == "ceil" { f.ceil() } else { f.floor() };
                rc(float_to_int(r))
            }
            _ => Ok(args[0].clone()),
        },
        "join" => {
            let (Var::Str(sep), Var::Array(items)) = (a(0), a(1)) else {
                return Ok(Var::null());
            };
            let parts: Vec<String> = items.iter().map(|i| py_str(i)).collect();
            rc(Var::Str(parts.join(sep)))
        }
        "map" => {
            let (Var::Expref(expression), Var::Array(items)) = (a(0), a(1)) else {
                return Ok(Var::null());
            };
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(visit(expression, item)?);
            }
            rc(Var::Array(out))
        }
        "max" | "min" => {
            let Var::Array(items) = a(0) else {
                return Ok(Var::null());
            };
            let op = if name == "max" { CmpOp::Gt } else { CmpOp::Lt };
            let mut best: Option<&Rcvar> = None;
            for item in items {
                best = match best {
                    Some(b) if !py_compare(item, op, b)? => Some(b),
                    _ => Some(item),
                };
            }
            Ok(best.cloned().unwrap_or_else(Var::null))
        }
        "merge" => {
            let mut merged = IndexMap::new();
            for value in &args {
                dict_update(&mut merged, value)?;
            }
            rc(Var::Object(merged))
        }
        "sort" => {
            let Var::Array(items) = a(0) else {
                return Ok(Var::null());
            };
            let keyed: Vec<(Rcvar, Rcvar)> = items.iter().map(|i| (i.clone(), i.clone())).collect();
            rc(Var::Array(sorted_by_key(keyed)?))
        }
        "sum" => {
            let Var::Array(items) = a(0) else {
                return Ok(Var::null());
            };
            rc(py_sum(items).to_var())
        }
        "keys" | "values" => {
            let Var::Object(map) = a(0) else {
                return Ok(Var::null());
            };
            rc(Var::Array(if name == "keys" {
                map.keys().map(|k| Rc::new(Var::Str(k.clone()))).collect()
            } else {
                map.values().cloned().collect()
            }))
        }
        "type" => Ok(match a(0) {
            Var::Expref(_) => Var::null(),
            other => Rc::new(Var::Str(other.jmespath_type().to_string())),
        }),
        "sort_by" => sort_by(a(0), a(1)),
        "min_by" | "max_by" => {
            let (Var::Array(items), Var::Expref(expression)) = (a(0), a(1)) else {
                return Ok(Var::null());
            };
            let op = if name == "max_by" {
                CmpOp::Gt
            } else {
                CmpOp::Lt
            };
            let mut best: Option<(&Rcvar, Rcvar)> = None;
            for item in items {
                let key = visit(expression, item)?;
                let kind = key.jmespath_type();
                if kind != "number" && kind != "string" {
                    return Err(type_error(name, &key, kind, &["number", "string"]));
                }
                best = match best {
                    Some((b, bk)) if !py_compare(&key, op, &bk)? => Some((b, bk)),
                    _ => Some((item, key)),
                };
            }
            Ok(best.map(|(b, _)| b.clone()).unwrap_or_else(Var::null))
        }
        _ => Err(format!("Unknown function: {name}()")),
    }
}

/// `sum(items)`, as Python adds ints and floats from 0.
fn py_sum(items: &[Rcvar]) -> Num {
    items.iter().fold(Num::Int(0), |acc, v| {
        acc.plus(v.as_num().unwrap_or(Num::Int(0)))
    })
}

/// A float with no fraction as Python's `int` (a float again past i128).
fn float_to_int(f: f64) -> Var {
    const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    if (-LIMIT..LIMIT).contains(&f) {
        Var::Int(f as i128)
    } else {
        Var::Float(f)
    }
}

fn to_number(value: &Var) -> Searched {
    match value {
        Var::Array(_) | Var::Object(_) | Var::Bool(_) | Var::Null => Ok(Var::null()),
        Var::Int(_) | Var::BigInt(_) | Var::Float(_) => Ok(Rc::new(value.clone())),
        Var::Str(s) => Ok(Rc::new(
            py_int(s)
                .map(|i| match i {
                    Some(i) => Var::Int(i),
                    None => Var::Float(py_float(s).unwrap_or(f64::NAN)),
                })
                .or_else(|| py_float(s).map(Var::Float))
                .unwrap_or(Var::Null),
        )),
        Var::Expref(_) => Err(
            "int() argument must be a string, a bytes-like object or a number, not '_Expression'"
                .into(),
        ),
    }
}

/// Digits with single underscores between them (Python 3.6 literals).
fn digits_ok(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// `int(s)` for a string: `Some(Some(i))`, `Some(None)` when the integer
/// is past i128 (kept as a float), `None` when Python raises ValueError.
fn py_int(s: &str) -> Option<Option<i128>> {
    let t = s.trim_matches(py_isspace);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if !digits_ok(body) {
        return None;
    }
    Some(t.replace('_', "").parse::<i128>().ok())
}

/// `float(s)` for a string, or None for Python's ValueError.
fn py_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(py_isspace);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return t.parse().ok();
    }
    let (mantissa, exponent) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (lower.as_str(), None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let int_ok = int.is_empty() || digits_ok(int);
    let frac_ok = frac.is_none_or(|f| f.is_empty() || digits_ok(f));
    let has_digits = !int.is_empty() || frac.is_some_and(|f| !f.is_empty());
    let exp_ok = exponent.is_none_or(|e| digits_ok(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !(int_ok && frac_ok && has_digits && exp_ok) {
        return None;
    }
    t.replace('_', "").parse().ok()
}

/// `dict.update(value)` as `merge` applies it to each argument.
fn dict_update(merged: &mut IndexMap<String, Rcvar>, value: &Var) -> Result<(), String> {
    let pair_key = |v: &Var| -> Result<String, String> {
        match v {
            Var::Str(s) => Ok(s.clone()),
            Var::Array(_) | Var::Object(_) => {
                Err(format!("unhashable type: '{}'", v.py_type_name()))
            }
            // Python keeps a non-string key; JSON output spells it so.
            other => Ok(dumps_compact(other)),
        }
    };
    match value {
        Var::Object(map) => {
            for (k, v) in map {
                merged.insert(k.clone(), v.clone());
            }
            Ok(())
        }
        Var::Str(s) => match s.chars().next() {
            None => Ok(()),
            Some(_) => {
                Err("dictionary update sequence element #0 has length 1; 2 is required".into())
            }
        },
        Var::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let pair: Vec<Rcvar> = match &**item {
                    Var::Array(p) => p.clone(),
                    Var::Str(s) => s
                        .chars()
                        .map(|c| Rc::new(Var::Str(c.to_string())))
                        .collect(),
                    Var::Object(m) => m.keys().map(|k| Rc::new(Var::Str(k.clone()))).collect(),
                    _ => {
                        return Err(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        ))
                    }
                };
                if pair.len() != 2 {
                    return Err(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    ));
                }
                merged.insert(pair_key(&pair[0])?, pair[1].clone());
            }
            Ok(())
        }
        other => Err(format!("'{}' object is not iterable", other.py_type_name())),
    }
}

fn sort_by(array: &Var, expref: &Var) -> Searched {
    let (Var::Array(items), Var::Expref(expression)) = (array, expref) else {
        return Ok(Var::null());
    };
    let Some(first) = items.first() else {
        return Ok(Rc::new(array.clone()));
    };
    let required = visit(expression, first)?.jmespath_type();
    if required != "number" && required != "string" {
        return Err(type_error(
            "sort_by",
            first,
            required,
            &["string", "number"],
        ));
    }
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let key = visit(expression, item)?;
        let kind = key.jmespath_type();
        if kind != required {
            return Err(type_error("sort_by", &key, kind, &[required]));
        }
        keyed.push((key, item.clone()));
    }
    rc(Var::Array(sorted_by_key(keyed)?))
}

/// Python's `sorted()` by key: stable, using only `<`. A merge sort, so
/// that no comparison (NaN included) can upset it.
fn sorted_by_key(mut keyed: Vec<(Rcvar, Rcvar)>) -> Result<Vec<Rcvar>, String> {
    let mut width = 1;
    let n = keyed.len();
    while width < n {
        let mut merged: Vec<(Rcvar, Rcvar)> = Vec::with_capacity(n);
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            while i < mid && j < end {
                // Take from the right only when strictly smaller: stable.
                if py_compare(&keyed[j].0, CmpOp::Lt, &keyed[i].0)? {
                    merged.push(keyed[j].clone());
                    j += 1;
                } else {
                    merged.push(keyed[i].clone());
                    i += 1;
                }
            }
            merged.extend_from_slice(&keyed[i..mid]);
            merged.extend_from_slice(&keyed[j..end]);
            start = end;
        }
        keyed = merged;
        width *= 2;
    }
    Ok(keyed.into_iter().map(|(_, v)| v).collect())
}
