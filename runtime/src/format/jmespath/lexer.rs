// Ported from jmespath.py 0.10.0 (jmespath/lexer.py): Copyright (c) 2013 Amazon.com,
// Inc. or its affiliates, under the MIT licence. See NOTICE.
//! jmespath/lexer.py: the expression as tokens, positions counted in
//! characters (Python string indexes).

use super::super::value::{py_str, Rcvar, Var};
use crate::pyjson;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dot,
    Star,
    Rbracket,
    Comma,
    Colon,
    Current,
    Lparen,
    Rparen,
    Lbrace,
    Rbrace,
    UnquotedIdentifier,
    QuotedIdentifier,
    Flatten,
    Filter,
    Lbracket,
    Literal,
    Or,
    Pipe,
    And,
    Expref,
    Number,
    Lte,
    Lt,
    Gte,
    Gt,
    Ne,
    Not,
    Eq,
    Eof,
}

impl Kind {
    /// The token type's name in jmespath.py.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Dot => "dot",
            Kind::Star => "star",
            Kind::Rbracket => "rbracket",
            Kind::Comma => "comma",
            Kind::Colon => "colon",
            Kind::Current => "current",
            Kind::Lparen => "lparen",
            Kind::Rparen => "rparen",
            Kind::Lbrace => "lbrace",
            Kind::Rbrace => "rbrace",
            Kind::UnquotedIdentifier => "unquoted_identifier",
            Kind::QuotedIdentifier => "quoted_identifier",
            Kind::Flatten => "flatten",
            Kind::Filter => "filter",
            Kind::Lbracket => "lbracket",
            Kind::Literal => "literal",
            Kind::Or => "or",
            Kind::Pipe => "pipe",
            Kind::And => "and",
            Kind::Expref => "expref",
            Kind::Number => "number",
            Kind::Lte => "lte",
            Kind::Lt => "lt",
            Kind::Gte => "gte",
            Kind::Gt => "gt",
            Kind::Ne => "ne",
            Kind::Not => "not",
            Kind::Eq => "eq",
            Kind::Eof => "eof",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Token {
    pub kind: Kind,
    /// `str(token['value'])`, for error messages.
    pub text: String,
    pub start: usize,
    /// Identifiers: the name; otherwise empty.
    pub name: String,
    /// Literals: the value.
    pub literal: Option<Rcvar>,
    /// Numbers, clamped to `i64` (they only index and slice lists, where
    /// Python clamps the same way or finds nothing).
    pub number: i64,
}

impl Token {
    fn simple(kind: Kind, text: &str, start: usize) -> Token {
        Token {
            kind,
            text: text.to_string(),
            start,
            name: String::new(),
            literal: None,
            number: 0,
        }
    }
}

/// Why the expression could not be tokenised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexError {
    /// `LexerError`: position and message.
    Lexer { position: usize, message: String },
    /// `EmptyExpressionError`.
    Empty,
    /// Any other exception text (a `RecursionError` from `json.loads`, or
    /// a literal Python accepts but this port cannot hold).
    Other(String),
}

struct Lexer {
    chars: Vec<char>,
    position: usize,
    current: Option<char>,
}

const SIMPLE: &[(char, Kind)] = &[
    ('.', Kind::Dot),
    ('*', Kind::Star),
    (']', Kind::Rbracket),
    (',', Kind::Comma),
    (':', Kind::Colon),
    ('@', Kind::Current),
    ('(', Kind::Lparen),
    (')', Kind::Rparen),
    ('{', Kind::Lbrace),
    ('}', Kind::Rbrace),
];

fn start_identifier(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn valid_identifier(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `list(Lexer().tokenize(expression))`.
pub fn tokenize(expression: &str) -> Result<Vec<Token>, LexError> {
    if expression.is_empty() {
        return Err(LexError::Empty);
    }
    let chars: Vec<char> = expression.chars().collect();
    let mut lx = Lexer {
        current: chars.first().copied(),
        chars,
        position: 0,
    };
    let mut tokens = Vec::new();
    while let Some(c) = lx.current {
        if let Some(&(_, kind)) = SIMPLE.iter().find(|(ch, _)| *ch == c) {
            tokens.push(Token::simple(kind, &c.to_string(), lx.position));
            lx.next();
        } else if start_identifier(c) {
            let start = lx.position;
            let mut buff = String::from(c);
            while let Some(n) = lx.next().filter(|n| valid_identifier(*n)) {
                buff.push(n);
            }
            let mut token = Token::simple(Kind::UnquotedIdentifier, &buff, start);
            token.name = buff;
            tokens.push(token);
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            lx.next();
        } else if c == '[' {
            let start = lx.position;
            match lx.next() {
                Some(']') => {
                    lx.next();
                    tokens.push(Token::simple(Kind::Flatten, "[]", start));
                }
                Some('?') => {
                    lx.next();
                    tokens.push(Token::simple(Kind::Filter, "[?", start));
                }
                _ => tokens.push(Token::simple(Kind::Lbracket, "[", start)),
            }
        } else if c == '\'' {
            tokens.push(lx.raw_string_literal()?);
        } else if c == '|' {
            tokens.push(lx.match_or_else('|', Kind::Or, Kind::Pipe));
        } else if c == '&' {
            tokens.push(lx.match_or_else('&', Kind::And, Kind::Expref));
        } else if c == '`' {
            tokens.push(lx.literal()?);
        } else if c.is_ascii_digit() {
            let start = lx.position;
            let buff = lx.number();
            tokens.push(number_token(&buff, start));
        } else if c == '-' {
            let start = lx.position;
            let buff = lx.number();
            if buff.chars().count() > 1 {
                tokens.push(number_token(&buff, start));
            } else {
                return Err(LexError::Lexer {
                    position: start,
                    message: format!("Unknown token '{buff}'"),
                });
            }
        } else if c == '"' {
            tokens.push(lx.quoted_identifier()?);
        } else if c == '<' {
            tokens.push(lx.match_or_else('=', Kind::Lte, Kind::Lt));
        } else if c == '>' {
            tokens.push(lx.match_or_else('=', Kind::Gte, Kind::Gt));
        } else if c == '!' {
            tokens.push(lx.match_or_else('=', Kind::Ne, Kind::Not));
        } else if c == '=' {
            if lx.next() == Some('=') {
                tokens.push(Token::simple(Kind::Eq, "==", lx.position - 1));
                lx.next();
            } else {
                // At the end, the position never moved past the '='.
                let position = if lx.current.is_none() {
                    lx.position
                } else {
                    lx.position - 1
                };
                return Err(LexError::Lexer {
                    position,
                    message: "Unknown token '='".into(),
                });
            }
        } else {
            return Err(LexError::Lexer {
                position: lx.position,
                message: format!("Unknown token {c}"),
            });
        }
    }
    let end = lx.chars.len();
    tokens.push(Token::simple(Kind::Eof, "", end));
    Ok(tokens)
}

/// `int(buff)`: the value clamped to i64, the text as Python prints the int.
fn number_token(buff: &str, start: usize) -> Token {
    let (negative, digits) = match buff.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buff),
    };
    let trimmed = digits.trim_start_matches('0');
    let text = if trimmed.is_empty() {
        "0".to_string()
    } else if negative {
        format!("-{trimmed}")
    } else {
        trimmed.to_string()
    };
    let number = text
        .parse::<i64>()
        .unwrap_or(if negative { i64::MIN } else { i64::MAX });
    let mut token = Token::simple(Kind::Number, &text, start);
    token.number = number;
    token
}

impl Lexer {
    fn next(&mut self) -> Option<char> {
        if self.position + 1 >= self.chars.len() {
            self.current = None;
        } else {
            self.position += 1;
            self.current = Some(self.chars[self.position]);
        }
        self.current
    }

    fn number(&mut self) -> String {
        let mut buff = String::new();
        if let Some(c) = self.current {
            buff.push(c);
        }
        while let Some(n) = self.next().filter(|n| n.is_ascii_digit()) {
            buff.push(n);
        }
        buff
    }

    /// Up to an unescaped `delimiter`, keeping backslashes as they are.
    fn consume_until(&mut self, delimiter: char) -> Result<String, LexError> {
        let start = self.position;
        let mut buff = String::new();
        self.next();
        while self.current != Some(delimiter) {
            if self.current == Some('\\') {
                buff.push('\\');
                self.next();
            }
            let Some(c) = self.current else {
                return Err(LexError::Lexer {
                    position: start,
                    message: format!("Unclosed {delimiter} delimiter"),
                });
            };
            buff.push(c);
            self.next();
        }
        self.next();
        Ok(buff)
    }

    fn literal(&mut self) -> Result<Token, LexError> {
        let start = self.position;
        let lexeme = self.consume_until('`')?.replace("\\`", "`");
        let value = match pyjson::loads(&lexeme) {
            Ok(v) => v,
            Err(e) if e.is_value_error() => {
                // JEP-12's deprecated form: the text as a JSON string.
                let quoted = format!("\"{}\"", crate::pycompat::text::lstrip(&lexeme));
                match pyjson::loads(&quoted) {
                    Ok(v) => v,
                    Err(e) if e.is_value_error() => {
                        return Err(LexError::Lexer {
                            position: start,
                            message: format!("Bad token {lexeme}"),
                        })
                    }
                    Err(e) => return Err(LexError::Other(e.to_string())),
                }
            }
            Err(e) => return Err(LexError::Other(e.to_string())),
        };
        let literal = Var::from_json(&value);
        let mut token = Token::simple(Kind::Literal, &py_str(&literal), start);
        token.literal = Some(literal);
        Ok(token)
    }

    fn quoted_identifier(&mut self) -> Result<Token, LexError> {
        let start = self.position;
        let lexeme = format!("\"{}\"", self.consume_until('"')?);
        match pyjson::loads(&lexeme) {
            Ok(serde_json::Value::String(name)) => {
                let mut token = Token::simple(Kind::QuotedIdentifier, &name, start);
                token.name = name;
                Ok(token)
            }
            Ok(_) => Err(LexError::Other("quoted identifier is not a string".into())),
            Err(e) if e.is_value_error() => Err(LexError::Lexer {
                position: start,
                message: e
                    .to_string()
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            }),
            Err(e) => Err(LexError::Other(e.to_string())),
        }
    }

    fn raw_string_literal(&mut self) -> Result<Token, LexError> {
        let start = self.position;
        let lexeme = self.consume_until('\'')?.replace("\\'", "'");
        let mut token = Token::simple(Kind::Literal, &lexeme, start);
        token.literal = Some(std::rc::Rc::new(Var::Str(lexeme)));
        Ok(token)
    }

    fn match_or_else(&mut self, expected: char, matched: Kind, otherwise: Kind) -> Token {
        let start = self.position;
        let current = self.current.unwrap_or_default();
        let next = self.next();
        if next == Some(expected) {
            self.next();
            Token::simple(matched, &format!("{current}{expected}"), start)
        } else {
            Token::simple(otherwise, &current.to_string(), start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(expr: &str) -> Vec<&'static str> {
        tokenize(expr)
            .unwrap()
            .iter()
            .map(|t| t.kind.name())
            .collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            kinds("a[?b >= `1`] || c[-1].d && 'x'"),
            [
                "unquoted_identifier",
                "filter",
                "unquoted_identifier",
                "gte",
                "literal",
                "rbracket",
                "or",
                "unquoted_identifier",
                "lbracket",
                "number",
                "rbracket",
                "dot",
                "unquoted_identifier",
                "and",
                "literal",
                "eof"
            ]
        );
        let t = tokenize("[007]").unwrap();
        assert_eq!((t[1].text.as_str(), t[1].number), ("7", 7));
    }

    #[test]
    fn errors() {
        assert_eq!(tokenize("").map(|_| ()), Err(LexError::Empty));
        assert_eq!(
            tokenize("a = b").map(|_| ()),
            Err(LexError::Lexer {
                position: 2,
                message: "Unknown token '='".into()
            })
        );
        assert_eq!(
            tokenize("a =").map(|_| ()),
            Err(LexError::Lexer {
                position: 2,
                message: "Unknown token '='".into()
            })
        );
        assert_eq!(
            tokenize("`{\"a\": 1").map(|_| ()),
            Err(LexError::Lexer {
                position: 0,
                message: "Unclosed ` delimiter".into()
            })
        );
        assert_eq!(
            tokenize("é").map(|_| ()),
            Err(LexError::Lexer {
                position: 0,
                message: "Unknown token é".into()
            })
        );
    }

    #[test]
    fn literals() {
        let t = tokenize("`foo`").unwrap();
        assert_eq!(t[0].text, "foo");
        let t = tokenize("`[1, true]`").unwrap();
        assert_eq!(t[0].text, "[1, True]");
    }
}
