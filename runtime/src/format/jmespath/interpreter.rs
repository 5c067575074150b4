// Ported from jmespath.py 0.10.0 (jmespath/visitor.py): Copyright (c) 2013 Amazon.com,
// Inc. or its affiliates, under the MIT licence. See NOTICE.
//! jmespath/visitor.py `TreeInterpreter`.

use super::super::value::{py_compare, py_eq, CmpOp, Rcvar, Var};
use super::lexer::Kind;
use super::{functions, Node};
use indexmap::IndexMap;
use std::rc::Rc;

pub type Searched = Result<Rcvar, String>;

pub fn visit(node: &Node, value: &Rcvar) -> Searched {
    match node {
        Node::Subexpression(children) | Node::IndexExpression(children) => {
            let mut result = value.clone();
            for child in children {
                result = visit(child, &result)?;
            }
            Ok(result)
        }
        Node::Pipe(left, right) => {
            let left = visit(left, value)?;
            visit(right, &left)
        }
        Node::Field(name) => Ok(match &**value {
            Var::Object(map) => map.get(name).cloned().unwrap_or_else(Var::null),
            _ => Var::null(),
        }),
        Node::Comparator(kind, left, right) => {
            let left = visit(left, value)?;
            let right = visit(right, value)?;
            comparator(*kind, &left, &right)
        }
        Node::Current | Node::Identity => Ok(value.clone()),
        Node::Expref(expression) => Ok(Rc::new(Var::Expref(expression.clone()))),
        Node::Function(name, args) => {
            let mut resolved = Vec::with_capacity(args.len());
            for arg in args {
                resolved.push(visit(arg, value)?);
            }
            functions::call(name, resolved)
        }
        Node::FilterProjection(left, right, condition) => {
            let base = visit(left, value)?;
            let Var::Array(items) = &*base else {
                return Ok(Var::null());
            };
            let mut collected = Vec::new();
            for element in items {
                if !visit(condition, element)?.jmespath_false() {
                    let current = visit(right, element)?;
                    if !current.is_null() {
                        collected.push(current);
                    }
                }
            }
            Ok(Rc::new(Var::Array(collected)))
        }
        Node::Flatten(child) => {
            let base = visit(child, value)?;
            let Var::Array(items) = &*base else {
                return Ok(Var::null());
            };
            let mut merged = Vec::new();
            for element in items {
                match &**element {
                    Var::Array(inner) => merged.extend(inner.iter().cloned()),
                    _ => merged.push(element.clone()),
                }
            }
            Ok(Rc::new(Var::Array(merged)))
        }
        Node::Index(index) => {
            let Var::Array(items) = &**value else {
                return Ok(Var::null());
            };
            let len = items.len() as i128;
            let i = i128::from(*index);
            let i = if i < 0 { i + len } else { i };
            Ok(if (0..len).contains(&i) {
                items[i as usize].clone()
            } else {
                Var::null()
            })
        }
        Node::Slice(start, stop, step) => {
            let Var::Array(items) = &**value else {
                return Ok(Var::null());
            };
            slice(items, *start, *stop, *step).map(|v| Rc::new(Var::Array(v)))
        }
        Node::Literal(literal) => Ok(literal.clone()),
        Node::MultiSelectDict(pairs) => {
            if value.is_null() {
                return Ok(Var::null());
            }
            let mut collected = IndexMap::new();
            for (key, child) in pairs {
                collected.insert(key.clone(), visit(child, value)?);
            }
            Ok(Rc::new(Var::Object(collected)))
        }
        Node::MultiSelectList(children) => {
            if value.is_null() {
                return Ok(Var::null());
            }
            let mut collected = Vec::with_capacity(children.len());
            for child in children {
                collected.push(visit(child, value)?);
            }
            Ok(Rc::new(Var::Array(collected)))
        }
        Node::Or(left, right) => {
            let matched = visit(left, value)?;
            if matched.jmespath_false() {
                visit(right, value)
            } else {
                Ok(matched)
            }
        }
        Node::And(left, right) => {
            let matched = visit(left, value)?;
            if matched.jmespath_false() {
                Ok(matched)
            } else {
                visit(right, value)
            }
        }
        Node::Not(child) => {
            let original = visit(child, value)?;
            // `!0` is false: 0 is no special value in JMESPath.
            Ok(Rc::new(Var::Bool(match &*original {
                Var::Int(0) => false,
                other => !other.py_truthy(),
            })))
        }
        Node::Projection(left, right) => {
            let base = visit(left, value)?;
            let Var::Array(items) = &*base else {
                return Ok(Var::null());
            };
            project(items.iter(), right)
        }
        Node::ValueProjection(left, right) => {
            let base = visit(left, value)?;
            let Var::Object(map) = &*base else {
                return Ok(Var::null());
            };
            project(map.values(), right)
        }
    }
}

fn project<'a>(items: impl Iterator<Item = &'a Rcvar>, right: &Node) -> Searched {
    let mut collected = Vec::new();
    for element in items {
        let current = visit(right, element)?;
        if !current.is_null() {
            collected.push(current);
        }
    }
    Ok(Rc::new(Var::Array(collected)))
}

/// `_equals`: Python's `==`, except that 0 and 1 never equal a boolean.
pub fn equals(x: &Var, y: &Var) -> bool {
    let special = |a: &Var, b: &Var| matches!(a, Var::Int(0 | 1)) && matches!(b, Var::Bool(_));
    if matches!(x, Var::Int(0 | 1)) {
        if special(x, y) {
            return false;
        }
    } else if special(y, x) {
        return false;
    }
    py_eq(x, y)
}

fn comparator(kind: Kind, left: &Rcvar, right: &Rcvar) -> Searched {
    let op = match kind {
        Kind::Eq => return Ok(Rc::new(Var::Bool(equals(left, right)))),
        Kind::Ne => return Ok(Rc::new(Var::Bool(!equals(left, right)))),
        Kind::Lt => CmpOp::Lt,
        Kind::Lte => CmpOp::Le,
        Kind::Gt => CmpOp::Gt,
        _ => CmpOp::Ge,
    };
    let comparable = |v: &Var| v.is_number() || matches!(v, Var::Str(_));
    if !(comparable(left) && comparable(right)) {
        return Ok(Var::null());
    }
    py_compare(left, op, right).map(|b| Rc::new(Var::Bool(b)))
}

/// `value[slice(start, stop, step)]`.
fn slice(
    items: &[Rcvar],
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<Vec<Rcvar>, String> {
    let step = i128::from(step.unwrap_or(1));
    if step == 0 {
        return Err("slice step cannot be zero".into());
    }
    let len = items.len() as i128;
    let clamp = |v: Option<i64>, default: i128| -> i128 {
        match v {
            None => default,
            Some(v) => {
                let mut v = i128::from(v);
                if v < 0 {
                    v += len;
                    if v < 0 {
                        v = if step < 0 { -1 } else { 0 };
                    }
                } else if v >= len {
                    v = if step < 0 { len - 1 } else { len };
                }
                v
            }
        }
    };
    let (default_start, default_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let start = clamp(start, default_start);
    let stop = clamp(stop, default_stop);
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        if let Some(item) = usize::try_from(i).ok().and_then(|i| items.get(i)) {
            out.push(item.clone());
        }
        i += step;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[Rcvar]) -> Vec<i128> {
        v.iter()
            .map(|x| match **x {
                Var::Int(i) => i,
                _ => -99,
            })
            .collect()
    }

    #[test]
    fn slices_as_python() {
        let items: Vec<Rcvar> = (0..5).map(|i| Rc::new(Var::Int(i))).collect();
        let s = |a, b, c| ints(&slice(&items, a, b, c).unwrap());
        // Python: list(range(5))[a:b:c]
        assert_eq!(s(None, None, None), [0, 1, 2, 3, 4]);
        assert_eq!(s(Some(1), Some(3), None), [1, 2]);
        assert_eq!(s(None, None, Some(-1)), [4, 3, 2, 1, 0]);
        assert_eq!(s(Some(-2), None, None), [3, 4]);
        assert_eq!(s(Some(10), Some(-10), Some(-2)), [4, 2, 0]);
        assert_eq!(s(Some(i64::MIN), Some(i64::MAX), Some(i64::MAX)), [0]);
        assert_eq!(s(Some(3), Some(1), None), Vec::<i128>::new());
    }
}
