// Ported from jmespath.py 0.10.0 (jmespath/parser.py): Copyright (c) 2013 Amazon.com,
// Inc. or its affiliates, under the MIT licence. See NOTICE.
//! jmespath/parser.py: the Pratt parser, function for function, so that
//! every expression it accepts, rejects, or reports on is the same here.

use super::super::value::Var;
use super::lexer::{Kind, Token};
use super::Node;
use std::rc::Rc;

/// A `ParseError`, or an `IncompleteExpressionError`, or Python's
/// `RecursionError` on a too deeply nested expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseFailure {
    Parse {
        position: usize,
        value: String,
        kind: &'static str,
        message: String,
    },
    Incomplete,
    Recursion,
}

/// Python's recursion limit, and how many frames aws-cli 1.14.28 already
/// has on the stack when it compiles `--query` (measured: 489 nested
/// parentheses compile, 490 do not; 326 nested brackets, not 327).
const RECURSION_LIMIT: usize = 1000;
const BASE_FRAMES: usize = 18;

fn binding_power(kind: Kind) -> u8 {
    match kind {
        Kind::Pipe => 1,
        Kind::Or => 2,
        Kind::And => 3,
        Kind::Eq | Kind::Gt | Kind::Lt | Kind::Gte | Kind::Lte | Kind::Ne => 5,
        Kind::Flatten => 9,
        Kind::Star => 20,
        Kind::Filter => 21,
        Kind::Dot => 40,
        Kind::Not => 45,
        Kind::Lbrace => 50,
        Kind::Lbracket => 55,
        Kind::Lparen => 60,
        _ => 0,
    }
}

/// The binding power below which a token ends a projection.
const PROJECTION_STOP: u8 = 10;

type Parsed = Result<Node, ParseFailure>;

pub struct Parser {
    tokens: Vec<Token>,
    index: usize,
    /// Python frames the recursive descent would have open.
    frames: usize,
}

impl Parser {
    pub fn new(tokens: Vec<Token>) -> Parser {
        Parser {
            tokens,
            index: 0,
            frames: 0,
        }
    }

    /// `Parser._parse` after tokenising.
    pub fn parse(mut self) -> Parsed {
        let parsed = self.expression(0)?;
        if self.current() != Kind::Eof {
            let t = self.lookahead_token(0);
            return Err(ParseFailure::Parse {
                position: t.start,
                value: t.text.clone(),
                kind: t.kind.name(),
                message: format!("Unexpected token: {}", t.text),
            });
        }
        Ok(parsed)
    }

    fn enter(&mut self) {
        self.frames += 1;
    }

    fn leave(&mut self) {
        self.frames = self.frames.saturating_sub(1);
    }

    /// Runs `f` as one more Python frame.
    fn framed(&mut self, f: impl FnOnce(&mut Parser) -> Parsed) -> Parsed {
        self.enter();
        let result = f(self);
        self.leave();
        result
    }

    fn expression(&mut self, bp: u8) -> Parsed {
        self.enter();
        // The innermost `_expression` calls on two frames deeper (a nud
        // and an `ast` constructor) before it returns.
        if BASE_FRAMES + self.frames + 2 > RECURSION_LIMIT {
            self.leave();
            return Err(ParseFailure::Recursion);
        }
        let result = self.expression_inner(bp);
        self.leave();
        result
    }

    fn expression_inner(&mut self, bp: u8) -> Parsed {
        let left_token = self.lookahead_token(0).clone();
        self.advance();
        let mut left = self.framed(|p| p.nud(&left_token))?;
        let mut current = self.current();
        while bp < binding_power(current) {
            if !has_led(current) {
                let t = self.lookahead_token(0).clone();
                return Err(error_for_token(&t, "invalid token"));
            }
            self.advance();
            left = self.framed(|p| p.led(current, left))?;
            current = self.current();
        }
        Ok(left)
    }

    fn nud(&mut self, token: &Token) -> Parsed {
        match token.kind {
            Kind::Literal => Ok(Node::Literal(
                token.literal.clone().unwrap_or_else(Var::null),
            )),
            Kind::UnquotedIdentifier => Ok(Node::Field(token.name.clone())),
            Kind::QuotedIdentifier => {
                if self.current() == Kind::Lparen {
                    let t = self.lookahead_token(0);
                    return Err(ParseFailure::Parse {
                        position: 0,
                        value: t.text.clone(),
                        kind: t.kind.name(),
                        message: "Quoted identifier not allowed for function names.".into(),
                    });
                }
                Ok(Node::Field(token.name.clone()))
            }
            Kind::Star => {
                let right = if self.current() == Kind::Rbracket {
                    Node::Identity
                } else {
                    self.projection_rhs(binding_power(Kind::Star))?
                };
                Ok(Node::ValueProjection(
                    Box::new(Node::Identity),
                    Box::new(right),
                ))
            }
            Kind::Filter => self.framed(|p| p.led_filter(Node::Identity)),
            Kind::Lbrace => self.framed(|p| p.multi_select_hash()),
            Kind::Lparen => {
                let expression = self.expression(0)?;
                self.match_kind(Kind::Rparen)?;
                Ok(expression)
            }
            Kind::Flatten => {
                let left = Node::Flatten(Box::new(Node::Identity));
                let right = self.projection_rhs(binding_power(Kind::Flatten))?;
                Ok(Node::Projection(Box::new(left), Box::new(right)))
            }
            Kind::Not => {
                let expression = self.expression(binding_power(Kind::Not))?;
                Ok(Node::Not(Box::new(expression)))
            }
            Kind::Lbracket => {
                let current = self.current();
                if matches!(current, Kind::Number | Kind::Colon) {
                    let right = self.framed(|p| p.index_expression())?;
                    self.framed(|p| p.project_if_slice(Node::Identity, right))
                } else if current == Kind::Star && self.lookahead(1) == Kind::Rbracket {
                    self.advance();
                    self.advance();
                    let right = self.projection_rhs(binding_power(Kind::Star))?;
                    Ok(Node::Projection(Box::new(Node::Identity), Box::new(right)))
                } else {
                    self.framed(|p| p.multi_select_list())
                }
            }
            Kind::Current => Ok(Node::Current),
            Kind::Expref => {
                let expression = self.expression(binding_power(Kind::Expref))?;
                Ok(Node::Expref(Rc::new(expression)))
            }
            Kind::Eof => Err(ParseFailure::Incomplete),
            _ => Err(error_for_token(token, "invalid token")),
        }
    }

    fn led(&mut self, kind: Kind, left: Node) -> Parsed {
        match kind {
            Kind::Dot => {
                if self.current() != Kind::Star {
                    let right = self.dot_rhs(binding_power(Kind::Dot))?;
                    Ok(match left {
                        Node::Subexpression(mut children) => {
                            children.push(right);
                            Node::Subexpression(children)
                        }
                        other => Node::Subexpression(vec![other, right]),
                    })
                } else {
                    self.advance();
                    let right = self.projection_rhs(binding_power(Kind::Dot))?;
                    Ok(Node::ValueProjection(Box::new(left), Box::new(right)))
                }
            }
            Kind::Pipe => {
                let right = self.expression(binding_power(Kind::Pipe))?;
                Ok(Node::Pipe(Box::new(left), Box::new(right)))
            }
            Kind::Or => {
                let right = self.expression(binding_power(Kind::Or))?;
                Ok(Node::Or(Box::new(left), Box::new(right)))
            }
            Kind::And => {
                let right = self.expression(binding_power(Kind::And))?;
                Ok(Node::And(Box::new(left), Box::new(right)))
            }
            Kind::Lparen => {
                let Node::Field(name) = left else {
                    // -2: the token before the '(' just consumed.
                    let prev = self.lookahead_token_back(2).clone();
                    return Err(ParseFailure::Parse {
                        position: prev.start,
                        value: prev.text.clone(),
                        kind: prev.kind.name(),
                        message: format!("Invalid function name '{}'", prev.text),
                    });
                };
                let mut args = Vec::new();
                while self.current() != Kind::Rparen {
                    let expression = self.expression(0)?;
                    if self.current() == Kind::Comma {
                        self.match_kind(Kind::Comma)?;
                    }
                    args.push(expression);
                }
                self.match_kind(Kind::Rparen)?;
                Ok(Node::Function(name, args))
            }
            Kind::Filter => self.led_filter(left),
            Kind::Eq | Kind::Ne | Kind::Gt | Kind::Gte | Kind::Lt | Kind::Lte => {
                let right = self.framed(|p| p.expression(binding_power(kind)))?;
                Ok(Node::Comparator(kind, Box::new(left), Box::new(right)))
            }
            Kind::Flatten => {
                let left = Node::Flatten(Box::new(left));
                let right = self.projection_rhs(binding_power(Kind::Flatten))?;
                Ok(Node::Projection(Box::new(left), Box::new(right)))
            }
            Kind::Lbracket => {
                if matches!(self.current(), Kind::Number | Kind::Colon) {
                    let right = self.framed(|p| p.index_expression())?;
                    match left {
                        Node::IndexExpression(mut children) => {
                            children.push(right);
                            Ok(Node::IndexExpression(children))
                        }
                        other => self.framed(|p| p.project_if_slice(other, right)),
                    }
                } else {
                    self.match_kind(Kind::Star)?;
                    self.match_kind(Kind::Rbracket)?;
                    let right = self.projection_rhs(binding_power(Kind::Star))?;
                    Ok(Node::Projection(Box::new(left), Box::new(right)))
                }
            }
            _ => {
                let t = self.lookahead_token(0).clone();
                Err(error_for_token(&t, "invalid token"))
            }
        }
    }

    fn led_filter(&mut self, left: Node) -> Parsed {
        let condition = self.expression(0)?;
        self.match_kind(Kind::Rbracket)?;
        let right = if self.current() == Kind::Flatten {
            Node::Identity
        } else {
            self.projection_rhs(binding_power(Kind::Filter))?
        };
        Ok(Node::FilterProjection(
            Box::new(left),
            Box::new(right),
            Box::new(condition),
        ))
    }

    fn index_expression(&mut self) -> Parsed {
        if self.lookahead(0) == Kind::Colon || self.lookahead(1) == Kind::Colon {
            self.framed(|p| p.slice_expression())
        } else {
            let node = Node::Index(self.lookahead_token(0).number);
            self.advance();
            self.match_kind(Kind::Rbracket)?;
            Ok(node)
        }
    }

    fn slice_expression(&mut self) -> Parsed {
        let mut parts: [Option<i64>; 3] = [None, None, None];
        let mut index = 0;
        let mut current = self.current();
        while current != Kind::Rbracket && index < 3 {
            if current == Kind::Colon {
                index += 1;
                if index == 3 {
                    let t = self.lookahead_token(0).clone();
                    return Err(error_for_token(&t, "syntax error"));
                }
                self.advance();
            } else if current == Kind::Number {
                parts[index] = Some(self.lookahead_token(0).number);
                self.advance();
            } else {
                let t = self.lookahead_token(0).clone();
                return Err(error_for_token(&t, "syntax error"));
            }
            current = self.current();
        }
        self.match_kind(Kind::Rbracket)?;
        Ok(Node::Slice(parts[0], parts[1], parts[2]))
    }

    fn project_if_slice(&mut self, left: Node, right: Node) -> Parsed {
        let is_slice = matches!(right, Node::Slice(..));
        let index_expr = Node::IndexExpression(vec![left, right]);
        if is_slice {
            let rhs = self.projection_rhs(binding_power(Kind::Star))?;
            Ok(Node::Projection(Box::new(index_expr), Box::new(rhs)))
        } else {
            Ok(index_expr)
        }
    }

    fn multi_select_list(&mut self) -> Parsed {
        let mut expressions = Vec::new();
        loop {
            expressions.push(self.expression(0)?);
            if self.current() == Kind::Rbracket {
                break;
            }
            self.match_kind(Kind::Comma)?;
        }
        self.match_kind(Kind::Rbracket)?;
        Ok(Node::MultiSelectList(expressions))
    }

    fn multi_select_hash(&mut self) -> Parsed {
        let mut pairs = Vec::new();
        loop {
            let key_token = self.lookahead_token(0).clone();
            if !matches!(
                self.current(),
                Kind::QuotedIdentifier | Kind::UnquotedIdentifier
            ) {
                return Err(self
                    .error_maybe_eof("['quoted_identifier', 'unquoted_identifier']", &key_token));
            }
            self.advance();
            self.match_kind(Kind::Colon)?;
            let value = self.expression(0)?;
            pairs.push((key_token.name, value));
            match self.current() {
                Kind::Comma => self.match_kind(Kind::Comma)?,
                Kind::Rbrace => {
                    self.match_kind(Kind::Rbrace)?;
                    break;
                }
                // jmespath.py reads the next key without a comma.
                _ => {}
            }
        }
        Ok(Node::MultiSelectDict(pairs))
    }

    fn projection_rhs(&mut self, bp: u8) -> Parsed {
        self.framed(|p| {
            let current = p.current();
            if binding_power(current) < PROJECTION_STOP {
                Ok(Node::Identity)
            } else if current == Kind::Lbracket || current == Kind::Filter {
                p.expression(bp)
            } else if current == Kind::Dot {
                p.match_kind(Kind::Dot)?;
                p.dot_rhs(bp)
            } else {
                let t = p.lookahead_token(0).clone();
                Err(error_for_token(&t, "syntax error"))
            }
        })
    }

    fn dot_rhs(&mut self, bp: u8) -> Parsed {
        self.framed(|p| match p.current() {
            Kind::QuotedIdentifier | Kind::UnquotedIdentifier | Kind::Star => p.expression(bp),
            Kind::Lbracket => {
                p.match_kind(Kind::Lbracket)?;
                p.framed(|p| p.multi_select_list())
            }
            Kind::Lbrace => {
                p.match_kind(Kind::Lbrace)?;
                p.framed(|p| p.multi_select_hash())
            }
            _ => {
                let t = p.lookahead_token(0).clone();
                let message = format!(
                    "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: {}",
                    t.kind.name()
                );
                Err(error_for_token(&t, &message))
            }
        })
    }

    fn match_kind(&mut self, kind: Kind) -> Result<(), ParseFailure> {
        if self.current() == kind {
            self.advance();
            Ok(())
        } else {
            let t = self.lookahead_token(0).clone();
            Err(self.error_maybe_eof(kind.name(), &t))
        }
    }

    fn error_maybe_eof(&self, expected: &str, token: &Token) -> ParseFailure {
        if token.kind == Kind::Eof {
            return ParseFailure::Incomplete;
        }
        ParseFailure::Parse {
            position: token.start,
            value: token.text.clone(),
            kind: token.kind.name(),
            message: format!("Expecting: {expected}, got: {}", token.kind.name()),
        }
    }

    fn advance(&mut self) {
        self.index += 1;
    }

    fn current(&self) -> Kind {
        self.lookahead(0)
    }

    fn lookahead(&self, n: usize) -> Kind {
        self.lookahead_token(n).kind
    }

    /// The token `n` ahead; past the end, the final `eof` (never reached:
    /// the parser stops at `eof`).
    fn lookahead_token(&self, n: usize) -> &Token {
        let last = self.tokens.len().saturating_sub(1);
        &self.tokens[(self.index + n).min(last)]
    }

    fn lookahead_token_back(&self, n: usize) -> &Token {
        &self.tokens[self
            .index
            .saturating_sub(n)
            .min(self.tokens.len().saturating_sub(1))]
    }
}

fn has_led(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Dot
            | Kind::Pipe
            | Kind::Or
            | Kind::And
            | Kind::Lparen
            | Kind::Filter
            | Kind::Eq
            | Kind::Ne
            | Kind::Gt
            | Kind::Gte
            | Kind::Lt
            | Kind::Lte
            | Kind::Flatten
            | Kind::Lbracket
    )
}

fn error_for_token(token: &Token, reason: &str) -> ParseFailure {
    ParseFailure::Parse {
        position: token.start,
        value: token.text.clone(),
        kind: token.kind.name(),
        message: reason.to_string(),
    }
}
