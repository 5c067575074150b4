// Ported from jmespath.py 0.10.0 (jmespath/): Copyright (c) 2013 Amazon.com,
// Inc. or its affiliates, under the MIT licence. See NOTICE.
//! JMESPath as aws-cli 1.14.28 runs it: a port of jmespath.py 0.10.0
//! (lexer, Pratt parser, tree interpreter, built-in functions) working on
//! [`Var`]s, so that `--query` selects, orders and fails exactly as there:
//! objects keep their key order (a multi-select hash is in expression
//! order), numbers keep int/float apart, and every error carries
//! jmespath.py's text.
//!
//! Why not the `jmespath` crate (0.5, MIT, light to start): its objects are
//! `BTreeMap`s, so `--query 'Steps[0]'` would print keys sorted instead of
//! in botocore's order, and its error texts are its own. No other crate
//! reproduces Python's messages.
//!
//! jmespath.py is Copyright (c) 2013 Amazon.com, Inc. or its affiliates,
//! under the MIT licence ("Permission is hereby granted, free of charge, to
//! any person obtaining a copy of this software and associated documentation
//! files (the "Software"), to deal in the Software without restriction ...
//! The above copyright notice and this permission notice shall be included
//! in all copies or substantial portions of the Software."); this module
//! follows its structure.

mod functions;
mod interpreter;
mod lexer;
mod parser;

use super::value::Rcvar;
use lexer::{Kind, LexError};
use parser::ParseFailure;
use std::rc::Rc;

/// A node of the parsed expression (jmespath/ast.py).
#[derive(Debug)]
pub enum Node {
    Comparator(Kind, Box<Node>, Box<Node>),
    Current,
    Expref(Rc<Node>),
    Function(String, Vec<Node>),
    Field(String),
    /// Left, right, condition.
    FilterProjection(Box<Node>, Box<Node>, Box<Node>),
    Flatten(Box<Node>),
    Identity,
    Index(i64),
    IndexExpression(Vec<Node>),
    Literal(Rcvar),
    MultiSelectDict(Vec<(String, Node)>),
    MultiSelectList(Vec<Node>),
    Or(Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Not(Box<Node>),
    Pipe(Box<Node>, Box<Node>),
    Projection(Box<Node>, Box<Node>),
    Subexpression(Vec<Node>),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    ValueProjection(Box<Node>, Box<Node>),
}

/// A compiled expression (`jmespath.compile(expression)`).
#[derive(Debug)]
pub struct Expression {
    root: Node,
}

/// `str(e)` of what `jmespath.compile` raised.
pub fn compile(expression: &str) -> Result<Expression, String> {
    let tokens = lexer::tokenize(expression).map_err(|e| match e {
        LexError::Empty => "Invalid JMESPath expression: cannot be empty.".to_string(),
        LexError::Lexer { position, message } => format!(
            "Bad jmespath expression: {message}:\n{expression}\n{}^",
            " ".repeat(position)
        ),
        LexError::Other(message) => message,
    })?;
    let root = parser::Parser::new(tokens).parse().map_err(|e| match e {
        ParseFailure::Parse {
            position,
            value,
            kind,
            message,
        } => format!(
            "{message}: Parse error at column {position}, token \"{value}\" ({}), for expression:\n\"{expression}\"\n{}^",
            kind.to_uppercase(),
            " ".repeat(position + 1)
        ),
        ParseFailure::Incomplete => format!(
            "Invalid jmespath expression: Incomplete expression:\n\"{expression}\"\n{}^",
            " ".repeat(expression.chars().count() + 1)
        ),
        ParseFailure::Recursion => "maximum recursion depth exceeded".to_string(),
    })?;
    Ok(Expression { root })
}

impl Expression {
    /// `expression.search(value)`; the error is `str()` of what Python
    /// raised while evaluating.
    pub fn search(&self, value: &Rcvar) -> Result<Rcvar, String> {
        interpreter::visit(&self.root, value)
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::{dumps_compact, Var};
    use super::*;
    use serde_json::json;

    fn search(expr: &str, data: serde_json::Value) -> Result<String, String> {
        let e = compile(expr)?;
        e.search(&Var::from_json(&data)).map(|v| dumps_compact(&v))
    }

    #[test]
    fn compile_errors_as_jmespath_py() {
        // Python: str(e) for jmespath.compile(...) in jmespath 0.10.0
        assert_eq!(
            compile("foo[").unwrap_err(),
            "Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^"
        );
        assert_eq!(
            compile("foo bar").unwrap_err(),
            "Unexpected token: bar: Parse error at column 4, token \"bar\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo bar\"\n     ^"
        );
        assert_eq!(
            compile("foo.").unwrap_err(),
            "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: eof: Parse error at column 4, token \"\" (EOF), for expression:\n\"foo.\"\n     ^"
        );
        assert_eq!(
            compile("foo = bar").unwrap_err(),
            "Bad jmespath expression: Unknown token '=':\nfoo = bar\n    ^"
        );
        assert_eq!(
            compile("").unwrap_err(),
            "Invalid JMESPath expression: cannot be empty."
        );
        assert_eq!(
            compile("\"a\"(b)").unwrap_err(),
            "Quoted identifier not allowed for function names.: Parse error at column 0, token \"(\" (LPAREN), for expression:\n\"\"a\"(b)\"\n ^"
        );
        assert_eq!(
            compile("`1`(a)").unwrap_err(),
            "Invalid function name '1': Parse error at column 0, token \"1\" (LITERAL), for expression:\n\"`1`(a)\"\n ^"
        );
        assert_eq!(
            compile("a.`1`").unwrap_err(),
            "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: literal: Parse error at column 2, token \"1\" (LITERAL), for expression:\n\"a.`1`\"\n   ^"
        );
        assert_eq!(
            compile("\"\\x\"").unwrap_err(),
            "Bad jmespath expression: Invalid \\escape:\n\"\\x\"\n^"
        );
        assert_eq!(
            compile("a[*").unwrap_err(),
            "Invalid jmespath expression: Incomplete expression:\n\"a[*\"\n    ^"
        );
        assert!(compile("a.b(c)").is_ok());
        assert!(compile("{a: b c: d}").is_ok());
        assert_eq!(
            compile("a[1:2:3:4]").unwrap_err(),
            "syntax error: Parse error at column 7, token \":\" (COLON), for expression:\n\"a[1:2:3:4]\"\n        ^"
        );
    }

    #[test]
    fn recursion_limit_as_aws_cli() {
        // aws-cli 1.14.28: 489 nested parentheses compile, 490 do not;
        // 326 nested brackets, not 327. Deep: run on a big stack, as
        // `super::super::render` does.
        let deep = std::thread::Builder::new()
            .stack_size(super::super::DEEP_STACK)
            .spawn(|| {
                let nest = |open: &str, close: &str, n: usize| {
                    compile(&format!("{}a{}", open.repeat(n), close.repeat(n))).map(|_| ())
                };
                assert_eq!(nest("(", ")", 489), Ok(()));
                assert_eq!(
                    nest("(", ")", 490),
                    Err("maximum recursion depth exceeded".to_string())
                );
                assert_eq!(nest("[", "]", 326), Ok(()));
                assert!(nest("[", "]", 327).is_err());
                assert_eq!(nest("!", "", 489), Ok(()));
                let e = compile(&format!("{}a", "!".repeat(489))).unwrap();
                assert_eq!(
                    e.search(&Var::from_json(&json!({"a": 1})))
                        .map(|v| dumps_compact(&v)),
                    Ok("false".to_string())
                );
            })
            .unwrap();
        deep.join().unwrap();
    }

    #[test]
    fn selections() {
        let data =
            json!({"a": [{"b": 1, "c": "x"}, {"b": 2}, {"b": 3, "c": "y"}], "d": {"z": 1, "y": 2}});
        assert_eq!(search("a[].b", data.clone()), Ok("[1,2,3]".into()));
        assert_eq!(search("a[?c].b", data.clone()), Ok("[1,3]".into()));
        assert_eq!(search("a[-1].c", data.clone()), Ok("\"y\"".into()));
        assert_eq!(search("a[::-2].b", data.clone()), Ok("[3,1]".into()));
        assert_eq!(search("d.*", data.clone()), Ok("[1,2]".into()));
        assert_eq!(
            search("{y: d.y, a: a[0].b}", data.clone()),
            Ok("{\"y\":2,\"a\":1}".into())
        );
        assert_eq!(
            search("{a: `1` b: `2`}", data.clone()),
            Ok("{\"a\":1,\"b\":2}".into())
        );
        assert_eq!(search("a[?b > `1`].b | [0]", data.clone()), Ok("2".into()));
        assert_eq!(search("!`0`", data.clone()), Ok("false".into()));
        assert_eq!(search("`0` == `false`", data.clone()), Ok("false".into()));
        assert_eq!(search("`1.0` == `1`", data.clone()), Ok("true".into()));
        assert_eq!(
            search("a[0].b && 'x' || 'y'", data.clone()),
            Ok("\"x\"".into())
        );
        assert_eq!(
            search("[[`1`], `2`, [[`3`]]][]", data.clone()),
            Ok("[1,2,[3]]".into())
        );
        assert_eq!(search("nope.nope", data.clone()), Ok("null".into()));
        assert_eq!(
            search("a[::0]", data).unwrap_err(),
            "slice step cannot be zero"
        );
    }

    #[test]
    fn functions() {
        let data = json!({"a": [3, 1.5, 2], "s": ["b", "a", "c"], "o": [{"n": "x", "v": 2}, {"n": "y", "v": 1}]});
        let ok = |e: &str| search(e, data.clone()).unwrap();
        assert_eq!(ok("sum(a)"), "6.5");
        assert_eq!(ok("avg(a)"), "2.1666666666666665");
        assert_eq!(ok("max(a)"), "3");
        assert_eq!(ok("min(s)"), "\"a\"");
        assert_eq!(ok("sort(a)"), "[1.5,2,3]");
        assert_eq!(ok("sort_by(o, &v)[].n"), "[\"y\",\"x\"]");
        assert_eq!(ok("max_by(o, &v).n"), "\"x\"");
        assert_eq!(ok("map(&n, o)"), "[\"x\",\"y\"]");
        assert_eq!(ok("join('-', s)"), "\"b-a-c\"");
        assert_eq!(ok("length('日本')"), "2");
        assert_eq!(ok("reverse('abc')"), "\"cba\"");
        assert_eq!(ok("to_number(' 12 ')"), "12");
        assert_eq!(ok("to_number('1_0.5')"), "10.5");
        assert_eq!(ok("to_number('x')"), "null");
        assert_eq!(ok("ceil(`1.2`)"), "2");
        assert_eq!(ok("keys(o[0])"), "[\"n\",\"v\"]");
        assert_eq!(
            ok("merge(o[0], o[1], `{\"z\": 0}`)"),
            "{\"n\":\"y\",\"v\":1,\"z\":0}"
        );
        assert_eq!(ok("type(@)"), "\"object\"");
        assert_eq!(ok("not_null(nope, `null`, 'v')"), "\"v\"");
        assert_eq!(ok("contains(a, `2.0`)"), "true");
        assert_eq!(ok("to_string(s)"), "\"[\\\"b\\\",\\\"a\\\",\\\"c\\\"]\"");
        let err = |e: &str| search(e, data.clone()).unwrap_err();
        assert_eq!(err("nope()"), "Unknown function: nope()");
        assert_eq!(
            err("length()"),
            "Expected 1 argument for function length(), received 0"
        );
        assert_eq!(
            err("not_null()"),
            "Expected at least 1 argument for function not_null(), received 0"
        );
        assert_eq!(
            err("sum(s)"),
            "In function sum(), invalid type for value: b, expected one of: ['array-number'], received: \"str\""
        );
        assert_eq!(
            err("abs('x')"),
            "In function abs(), invalid type for value: x, expected one of: ['number'], received: \"string\""
        );
        assert_eq!(
            err("sort_by(o, &nope)"),
            "In function sort_by(), invalid type for value: {'n': 'x', 'v': 2}, expected one of: ['string', 'number'], received: \"null\""
        );
        assert_eq!(
            err("contains('abc', `1`)"),
            "'in <string>' requires string as left operand, not int"
        );
        assert_eq!(
            err("max_by(`[{\"k\": 1}, {\"k\": \"a\"}]`, &k)"),
            "'>' not supported between instances of 'str' and 'int'"
        );
    }
}
