// Ported from CPython 3.6 (Objects/longobject.c, Objects/floatobject.c, Python/dtoa.c): Copyright (c) 2001-2017 Python
// Software Foundation, under the PSF License Agreement. See NOTICE.
//! Python 3.6 numbers: `int(s)` and `float(s)` of a string, with their
//! `ValueError` texts, and `repr()` of a float (also how `json.dumps` spells
//! finite floats).

use super::text::{decimal_value, is_space, repr_str};
use serde_json::Number;

/// A number Python produced.
#[derive(Debug, Clone, PartialEq)]
pub enum PyNum {
    /// An `int` of any size, or a finite `float`, as [`int_number`] and
    /// [`float_number`] spell them.
    Fits(Number),
    /// A `float` that is NaN or infinite (JSON has no spelling for it).
    NonFinite(f64),
}

// How awsr holds Python's numbers: serde_json is built with
// `arbitrary_precision`, so a `Number` is its text. An `int` is its decimal
// digits, of any size; a `float` is a spelling with a `.` or an exponent,
// so [`is_float`] tells the two apart as Python's `type()` would, and
// [`as_float`] reads it (an overflowing spelling, `1e400`, is Python's
// `inf`). Numbers awsr makes from input (`json.loads`, `int()`, `float()`)
// and from responses (`pycompat::json::python_numbers`) are spelled as
// Python prints them, `-0` as `0`, `1e3` as `1000.0`, `1E-7` as `1e-07`.
// Printers still write `repr()` of a float's value, since `Number::from_f64`
// (serde_json's own spelling, `1e16`) makes floats too.

/// A `Number` from text that is valid JSON number syntax (the spellings
/// below always are).
fn number_from_text(text: &str) -> Option<Number> {
    serde_json::from_str::<Number>(text).ok()
}

/// Python's `int` of `[-]digits` (ASCII digits, any count, leading zeros
/// allowed): the canonical decimal spelling, of any size.
pub fn int_number(signed_digits: &str) -> Option<Number> {
    let (negative, digits) = match signed_digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, signed_digits),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some(Number::from(0));
    }
    let sign = if negative { "-" } else { "" };
    let text = format!("{sign}{digits}");
    match text.parse::<i64>() {
        Ok(small) => Some(Number::from(small)),
        Err(_) => number_from_text(&text),
    }
}

/// A finite `float`, spelled as `repr()` spells it; `None` for NaN and the
/// infinities.
pub fn float_number(f: f64) -> Option<Number> {
    if f.is_finite() {
        number_from_text(&float_repr(f))
    } else {
        None
    }
}

/// Python's `float` a `Number` holds, `None` for an `int`: a spelling with
/// a fraction or an exponent. Unlike `Number::as_f64`, an overflowing
/// spelling (`1e400`, how a response's infinities are held) is infinite.
pub fn as_float(n: &Number) -> Option<f64> {
    let text = n.as_str();
    if text.contains(['.', 'e', 'E']) {
        text.parse().ok()
    } else {
        None
    }
}

/// How Python's `json.loads` spells a number parsed from JSON text, when
/// that differs from `n`'s own spelling (`None` when it is the same, the
/// common case, which costs no allocation).
pub fn python_spelling(n: &Number) -> Option<Number> {
    let text = n.as_str();
    match as_float(n) {
        None if text == "-0" => Some(Number::from(0)),
        None => None,
        Some(f) if f.is_infinite() => {
            let inf = if f < 0.0 { "-1e400" } else { "1e400" };
            (text != inf).then(|| number_from_text(inf)).flatten()
        }
        Some(f) => {
            let repr = float_repr(f);
            (text != repr).then(|| number_from_text(&repr)).flatten()
        }
    }
}

/// `type(n) is float` (see [`as_float`]).
pub fn is_float(n: &Number) -> bool {
    n.as_str().contains(['.', 'e', 'E'])
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII whitespace
/// becomes a space, non-ASCII digits their ASCII digit; `None` if anything
/// else non-ASCII is present (Python then fails the conversion).
fn to_ascii_number_text(s: &str) -> Option<String> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if is_space(c) {
                Some(' ')
            } else {
                decimal_value(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// C's `Py_ISSPACE`.
fn c_isspace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn c_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && c_isspace(c as u8))
}

/// Truncate to `n` code points (`%.200R`).
fn truncate_chars(s: String, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).map(str::to_string).unwrap_or(s),
        None => s,
    }
}

/// Python's `int(s)` (base 10), of any size. `Err` holds the `ValueError`
/// text: `invalid literal for int() with base 10: '…'`.
pub fn int(s: &str) -> Result<Number, String> {
    let invalid = || {
        format!(
            "invalid literal for int() with base 10: {}",
            truncate_chars(repr_str(s), 200)
        )
    };
    let ascii = to_ascii_number_text(s).ok_or_else(invalid)?;
    let t = c_strip(&ascii);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or("")),
        Some(b'+') => (false, t.get(1..).unwrap_or("")),
        _ => (false, t),
    };
    let digits = remove_digit_underscores(body).ok_or_else(invalid)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let signed = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    int_number(&signed).ok_or_else(invalid)
}

/// Underscores are allowed only between two digits (PEP 515). Returns the
/// text without them, or `None` if one is misplaced.
fn remove_digit_underscores(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let prev_digit = i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_digit);
            let next_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(prev_digit && next_digit) {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// Python's `float(s)`. `Err` holds the `ValueError` text:
/// `could not convert string to float: '…'`.
pub fn float(s: &str) -> Result<PyNum, String> {
    let invalid = || format!("could not convert string to float: {}", repr_str(s));
    let ascii = to_ascii_number_text(s).ok_or_else(invalid)?;
    let t = c_strip(&ascii);
    if t.is_empty() {
        // PyOS_string_to_double's own message, on the (empty) stripped text.
        return Err("could not convert string to float: ".to_string());
    }
    let t = remove_digit_underscores(t).ok_or_else(invalid)?;
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, t.get(1..).unwrap_or("")),
        Some(b'+') => (1.0, t.get(1..).unwrap_or("")),
        _ => (1.0, t.as_str()),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(PyNum::NonFinite(sign * f64::INFINITY));
    }
    if lower == "nan" {
        return Ok(PyNum::NonFinite(f64::NAN));
    }
    if !is_decimal_float(body) {
        return Err(invalid());
    }
    let f: f64 = t.parse().map_err(|_| invalid())?;
    if !f.is_finite() {
        return Ok(PyNum::NonFinite(f));
    }
    float_number(f).map(PyNum::Fits).ok_or_else(invalid)
}

/// `digits [. digits] [e [sign] digits]` with at least one mantissa digit
/// (what `_Py_dg_strtod` accepts, all of it).
fn is_decimal_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut mantissa_digits = 0;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        mantissa_digits += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// `repr(float)`: the shortest round-tripping digits, in exponent form when
/// the decimal exponent is below -4 or at least 16, as Python chooses.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // `{:e}` gives the shortest round-trip digits: d.ddddde±x.
    let sci = format!("{f:e}");
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{esign}{:02}", exp.abs());
    }
    let point = exp + 1; // digits before the decimal point
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        format!("{sign}0.{zeros}{digits}")
    } else {
        let point = point as usize;
        if digits.len() <= point {
            let zeros = "0".repeat(point - digits.len());
            format!("{sign}{digits}{zeros}.0")
        } else {
            let (int, frac) = digits.split_at(point);
            format!("{sign}{int}.{frac}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_prints_them() {
        // Expected strings are Python 3.6's repr() of the same floats.
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(1.5), "1.5");
        assert_eq!(float_repr(-0.25), "-0.25");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(0.00001), "1e-05");
        assert_eq!(float_repr(1.2345e-7), "1.2345e-07");
        assert_eq!(float_repr(123.456), "123.456");
    }
}
