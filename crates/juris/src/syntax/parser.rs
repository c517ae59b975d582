//! Parses the tokens of a `juris` block into [`Item`]s, recovering after errors so that every
//! problem in a block is reported at once.

use crate::diagnostic::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Token, lex};

/// A syntax error inside a block; spans are already in file coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub span: Span,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

const RULE_KEYS: &[&str] =
    &["action", "agency", "when", "outcome", "reason", "obligation", "exception", "from", "until", "confidence", "cite", "source"];

/// Parses a block whose first character sits at byte `offset` of its file.
pub(crate) fn parse_block(code: &str, offset: usize) -> (Vec<Item>, Vec<ParseError>) {
    let (tokens, lex_errors) = lex(code);
    let mut parser = Parser {
        tokens: tokens.into_iter().map(|(t, s)| (t, s.shift(offset))).collect(),
        at: 0,
        end: Span::new(offset + code.len(), offset + code.len()),
        errors: lex_errors
            .into_iter()
            .map(|e| ParseError {
                span: e.span.shift(offset),
                message: format!("unexpected character `{}`", e.text),
                label: "not part of the language".into(),
                help: Some("strings are written in double quotes; comments start with `#`".into()),
            })
            .collect(),
    };
    let mut items = Vec::new();
    while parser.peek().is_some() {
        match parser.item() {
            Ok(item) => items.push(item),
            Err(error) => {
                parser.errors.push(error);
                parser.recover();
            }
        }
    }
    (items, parser.errors)
}

struct Parser {
    tokens: Vec<(Token, Span)>,
    at: usize,
    end: Span,
    errors: Vec<ParseError>,
}

type Result<T> = std::result::Result<T, ParseError>;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn peek_ident(&self) -> Option<&str> {
        match self.peek() {
            Some(Token::Ident(name)) => Some(name),
            _ => None,
        }
    }

    fn span(&self) -> Span {
        self.tokens.get(self.at).map_or(self.end, |(_, s)| *s)
    }

    fn previous_span(&self) -> Span {
        self.at.checked_sub(1).and_then(|i| self.tokens.get(i)).map_or(self.end, |(_, s)| *s)
    }

    fn bump(&mut self) -> Option<(Token, Span)> {
        let token = self.tokens.get(self.at).cloned();
        if token.is_some() {
            self.at += 1;
        }
        token
    }

    fn error(&self, expected: &str, help: Option<&str>) -> ParseError {
        let found = self.peek().map_or_else(|| "the end of the block".to_owned(), Token::describe);
        ParseError {
            span: self.span(),
            message: format!("expected {expected}, found {found}"),
            label: format!("expected {expected}"),
            help: help.map(str::to_owned),
        }
    }

    fn expect(&mut self, token: Token, expected: &str) -> Result<Span> {
        if self.peek() == Some(&token) { Ok(self.bump().map(|(_, s)| s).unwrap_or(self.end)) } else { Err(self.error(expected, None)) }
    }

    fn keyword(&mut self, word: &str) -> bool {
        if self.peek_ident() == Some(word) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect_keyword(&mut self, word: &str, help: Option<&str>) -> Result<Span> {
        if self.keyword(word) { Ok(self.previous_span()) } else { Err(self.error(&format!("`{word}`"), help)) }
    }

    fn ident(&mut self, what: &str) -> Result<Spanned<String>> {
        match self.peek() {
            Some(Token::Ident(_)) => match self.bump() {
                Some((Token::Ident(name), span)) => Ok(Spanned::new(name, span)),
                _ => Err(self.error(what, None)),
            },
            _ => Err(self.error(what, None)),
        }
    }

    fn string(&mut self, what: &str) -> Result<Spanned<String>> {
        match self.peek() {
            Some(Token::Str(_)) => match self.bump() {
                Some((Token::Str(s), span)) => Ok(Spanned::new(s, span)),
                _ => Err(self.error(what, None)),
            },
            _ => Err(self.error(what, Some("write the text in double quotes"))),
        }
    }

    fn date(&mut self) -> Result<Spanned<String>> {
        match self.peek() {
            Some(Token::Date(_)) => match self.bump() {
                Some((Token::Date(d), span)) => Ok(Spanned::new(d, span)),
                _ => Err(self.error("a date", None)),
            },
            _ => Err(self.error("a date", Some("dates are written YYYY-MM-DD"))),
        }
    }

    fn ident_list(&mut self, what: &str) -> Result<Vec<Spanned<String>>> {
        let mut list = vec![self.ident(what)?];
        while self.peek() == Some(&Token::Comma) {
            self.at += 1;
            list.push(self.ident(what)?);
        }
        Ok(list)
    }

    fn string_list(&mut self, what: &str) -> Result<Vec<Spanned<String>>> {
        let mut list = vec![self.string(what)?];
        while self.peek() == Some(&Token::Comma) {
            self.at += 1;
            list.push(self.string(what)?);
        }
        Ok(list)
    }

    /// Skips to just after the closing brace of the current item, or to the next `rule`/`class`.
    fn recover(&mut self) {
        let mut depth = 0i32;
        // Step back to the item's start if we are inside braces already.
        for (token, _) in &self.tokens[..self.at] {
            match token {
                Token::LBrace => depth += 1,
                Token::RBrace => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        while let Some(token) = self.peek().cloned() {
            match token {
                Token::LBrace => depth += 1,
                Token::RBrace => {
                    depth -= 1;
                    if depth <= 0 {
                        self.at += 1;
                        return;
                    }
                }
                Token::Ident(ref w) if depth <= 0 && (w == "rule" || w == "class") => return,
                _ => {}
            }
            self.at += 1;
        }
    }

    fn item(&mut self) -> Result<Item> {
        match self.peek_ident() {
            Some("rule") => self.rule().map(Item::Rule),
            Some("class") => self.class().map(Item::Class),
            _ => {
                let error = self
                    .error("`rule` or `class`", Some("a block holds rules (`rule id { ... }`) and offense classes (`class id { ... }`)"));
                self.at += 1;
                Err(error)
            }
        }
    }

    fn rule(&mut self) -> Result<RuleAst> {
        self.expect_keyword("rule", None)?;
        let mut rule = RuleAst { id: self.ident("a rule id")?, ..RuleAst::default() };
        self.expect(Token::LBrace, "`{`")?;
        loop {
            let key_span = self.span();
            let Some(key) = self.peek_ident().map(str::to_owned) else {
                if self.peek() == Some(&Token::RBrace) {
                    self.at += 1;
                    return Ok(rule);
                }
                return Err(self.error("a rule field or `}`", Some(&format!("rule fields are: {}", RULE_KEYS.join(", ")))));
            };
            self.at += 1;
            let duplicate = |present: bool| -> Result<()> {
                if present {
                    Err(ParseError {
                        span: key_span,
                        message: format!("`{key}` is given twice"),
                        label: "second one here".into(),
                        help: Some(format!("a rule has at most one `{key}`")),
                    })
                } else {
                    Ok(())
                }
            };
            match key.as_str() {
                "action" => rule.actions.extend(self.ident_list("an action")?),
                "agency" => rule.agencies.extend(self.ident_list("an agency")?),
                "when" => {
                    duplicate(rule.when.is_some())?;
                    rule.when = Some(self.expr()?);
                }
                "outcome" => {
                    duplicate(rule.outcome.is_some())?;
                    rule.outcome = Some(self.outcome()?);
                }
                "reason" => {
                    duplicate(rule.reason.is_some())?;
                    rule.reason = Some(self.string("the reason")?);
                }
                "obligation" => rule.obligations.push(self.string("the obligation")?),
                "exception" => {
                    self.expect_keyword("to", Some("write `exception to <rule>`"))?;
                    loop {
                        let target = match self.peek() {
                            Some(Token::RuleRef(_)) => match self.bump() {
                                Some((Token::RuleRef(r), span)) => Spanned::new(r, span),
                                _ => return Err(self.error("a rule", None)),
                            },
                            _ => self.ident("a rule id")?,
                        };
                        rule.exceptions.push(target);
                        if self.peek() == Some(&Token::Comma) {
                            self.at += 1;
                        } else {
                            break;
                        }
                    }
                }
                "from" => {
                    duplicate(rule.from.is_some())?;
                    rule.from = Some(self.date()?);
                }
                "until" => {
                    duplicate(rule.until.is_some())?;
                    rule.until = Some(self.date()?);
                }
                "confidence" => {
                    duplicate(rule.confidence.is_some())?;
                    rule.confidence = Some(self.ident("a confidence")?);
                }
                "cite" => {
                    duplicate(rule.cite.is_some())?;
                    rule.cite = Some(self.string("the pinpoint citation")?);
                }
                "source" => {
                    duplicate(rule.source.is_some())?;
                    rule.source = Some(self.string("the address of the source, one of the document's `sources`")?);
                }
                _ => {
                    let hint = crate::diagnostic::did_you_mean(&key, RULE_KEYS.iter().copied());
                    return Err(ParseError {
                        span: key_span,
                        message: format!("unknown rule field `{key}`"),
                        label: "not a rule field".into(),
                        help: hint,
                    });
                }
            }
        }
    }

    fn outcome(&mut self) -> Result<Spanned<OutcomeAst>> {
        let name = self.ident("an outcome")?;
        if name.value != "uncertain" {
            return Ok(Spanned::new(OutcomeAst::Plain(name.value), name.span));
        }
        if self.peek() != Some(&Token::LParen) {
            return Ok(Spanned::new(OutcomeAst::Uncertain(Vec::new()), name.span));
        }
        self.at += 1;
        let options = self.ident_list("an outcome")?;
        let close = self.expect(Token::RParen, "`)`")?;
        Ok(Spanned::new(OutcomeAst::Uncertain(options), Span::new(name.span.start, close.end)))
    }

    fn class(&mut self) -> Result<ClassAst> {
        self.expect_keyword("class", None)?;
        let id = self.ident("a class id")?;
        self.expect(Token::LBrace, "`{`")?;
        let mut lines = Vec::new();
        loop {
            if self.peek() == Some(&Token::RBrace) {
                self.at += 1;
                return Ok(ClassAst { id, lines });
            }
            let maybe = self.keyword("maybe");
            // `statute "CA PC 459", ...` names statutes; otherwise the line names categories.
            let by_statute = self.peek_ident() == Some("statute") && matches!(self.tokens.get(self.at + 1), Some((Token::Str(_), _)));
            let (offenses, statutes) = if by_statute {
                self.at += 1;
                (Vec::new(), self.string_list("a statute in double quotes, such as \"CA PC 459\"")?)
            } else {
                (self.ident_list("an offense")?, Vec::new())
            };
            let levels = if self.keyword("at") { self.ident_list("a level")? } else { Vec::new() };
            let reason = if maybe { Some(self.string("the reason membership is unsure")?) } else { None };
            // `from <date>` and `until <date>`: the line's own period.
            let (mut from, mut until) = (None, None);
            while matches!(self.tokens.get(self.at + 1), Some((Token::Date(_), _))) {
                let slot = match self.peek_ident() {
                    Some("from") => &mut from,
                    Some("until") => &mut until,
                    _ => break,
                };
                if slot.is_some() {
                    return Err(self.error("a new class line", Some("a class line has at most one `from` and one `until`")));
                }
                self.at += 1;
                *slot = Some(self.date()?);
            }
            lines.push(ClassLine { maybe: reason, offenses, statutes, levels, from, until });
        }
    }

    // Conditions: or > and > not > atom.
    fn expr(&mut self) -> Result<Expr> {
        let first = self.and()?;
        if self.peek_ident() != Some("or") {
            return Ok(first);
        }
        let mut parts = vec![first];
        while self.keyword("or") {
            parts.push(self.and()?);
        }
        let span = Span::new(parts[0].span.start, parts[parts.len() - 1].span.end);
        Ok(Expr { kind: ExprKind::Or(parts), span })
    }

    fn and(&mut self) -> Result<Expr> {
        let first = self.unary()?;
        if self.peek_ident() != Some("and") {
            return Ok(first);
        }
        let mut parts = vec![first];
        while self.keyword("and") {
            parts.push(self.unary()?);
        }
        let span = Span::new(parts[0].span.start, parts[parts.len() - 1].span.end);
        Ok(Expr { kind: ExprKind::And(parts), span })
    }

    fn unary(&mut self) -> Result<Expr> {
        let start = self.span();
        if self.peek() == Some(&Token::LParen) {
            self.at += 1;
            let inner = self.expr()?;
            let close = self.expect(Token::RParen, "`)`")?;
            return Ok(Expr { kind: inner.kind, span: Span::new(start.start, close.end) });
        }
        let word = self.ident("a condition").map_err(|mut e| {
            e.help = Some("conditions compare facts: `warrant = judicial`, `any charges where level = felony`, `held_to_answer`".into());
            e
        })?;
        match word.value.as_str() {
            "not" => {
                let inner = self.unary()?;
                let span = Span::new(start.start, inner.span.end);
                Ok(Expr { kind: ExprKind::Not(Box::new(inner)), span })
            }
            "true" => Ok(Expr { kind: ExprKind::Bool(true), span: word.span }),
            "false" => Ok(Expr { kind: ExprKind::Bool(false), span: word.span }),
            "known" => {
                let name = self.ident("a fact")?;
                Ok(Expr { span: Span::new(start.start, name.span.end), kind: ExprKind::Known(name) })
            }
            "at" if self.peek_ident() == Some("least") => {
                self.at += 1;
                let quantifier = match self.peek() {
                    Some(&Token::Int(n)) if (1..=i64::from(u16::MAX)).contains(&n) => {
                        self.at += 1;
                        Quantifier::AtLeast(n as u16)
                    }
                    _ => {
                        return Err(self.error("a count from 1 to 65535", Some("write `at least 3 convictions where level = misdemeanor`")));
                    }
                };
                self.quantified(start, quantifier)
            }
            "any" | "all" | "no" => {
                let quantifier = match word.value.as_str() {
                    "any" => Quantifier::Any,
                    "all" => Quantifier::All,
                    _ => Quantifier::No,
                };
                self.quantified(start, quantifier)
            }
            _ => self.predicate(word),
        }
    }

    /// The rest of a quantified condition: `<list> where <condition>`.
    fn quantified(&mut self, start: Span, quantifier: Quantifier) -> Result<Expr> {
        let list = self.ident("a list fact")?;
        let help = format!("write `{} <list> where <condition>`", quantifier.keyword());
        self.expect_keyword("where", Some(&help))?;
        let body = self.unary()?;
        let span = Span::new(start.start, body.span.end);
        Ok(Expr { kind: ExprKind::Quant { quantifier, list, body: Box::new(body) }, span })
    }

    fn predicate(&mut self, name: Spanned<String>) -> Result<Expr> {
        let start = name.span.start;
        let op = match self.peek() {
            Some(Token::Eq) => Some(CmpOp::Eq),
            Some(Token::Ne) => Some(CmpOp::Ne),
            Some(Token::Lt) => Some(CmpOp::Lt),
            Some(Token::Le) => Some(CmpOp::Le),
            Some(Token::Gt) => Some(CmpOp::Gt),
            Some(Token::Ge) => Some(CmpOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
            self.at += 1;
            let value = match self.bump() {
                Some((Token::Ident(v), span)) => Spanned::new(Literal::Name(v), span),
                Some((Token::Int(i), span)) => Spanned::new(Literal::Int(i), span),
                Some((Token::Date(d), span)) => Spanned::new(Literal::Date(d), span),
                _ => {
                    self.at = self.at.saturating_sub(1);
                    return Err(self.error("a value", Some("values are names (`judicial`), numbers or dates (`2019-07-22`)")));
                }
            };
            let span = Span::new(start, value.span.end);
            return Ok(Expr { kind: ExprKind::Compare { name, op, value }, span });
        }
        match self.peek_ident() {
            Some("in") => {
                self.at += 1;
                self.expect(Token::LBrace, "`{`").map_err(|mut e| {
                    e.help = Some("write a set in braces: `warrant in {administrative, none}`".into());
                    e
                })?;
                let values = self.ident_list("a value")?;
                let close = self.expect(Token::RBrace, "`}`")?;
                Ok(Expr { kind: ExprKind::In { name, values }, span: Span::new(start, close.end) })
            }
            Some("is") => {
                self.at += 1;
                let class = self.ident("an offense class")?;
                let span = Span::new(start, class.span.end);
                Ok(Expr { kind: ExprKind::Is { name, class }, span })
            }
            Some("within") => {
                self.at += 1;
                let amount = match self.bump() {
                    Some((Token::Int(i), span)) => Spanned::new(i, span),
                    _ => {
                        self.at = self.at.saturating_sub(1);
                        return Err(self.error("a number", Some("write `date within 15 years`")));
                    }
                };
                let unit = self.ident("`years`, `months` or `days`")?;
                let span = Span::new(start, unit.span.end);
                Ok(Expr { kind: ExprKind::Within { name, amount, unit }, span })
            }
            _ => {
                let span = name.span;
                Ok(Expr { kind: ExprKind::Truthy(name), span })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_rule_with_every_field() {
        let code = r#"rule r { action hold, notify agency corrections when warrant = judicial and not (any convictions where (offense is c and date within 5 years)) outcome uncertain(permitted, prohibited) reason "why" obligation "o" exception to other, us/a#b from 2019-01-01 until 2020-01-01 confidence secondary cite "§ 1" }"#;
        let (items, errors) = parse_block(code, 0);
        assert!(errors.is_empty(), "{errors:?}");
        let Item::Rule(rule) = &items[0] else { panic!("expected a rule") };
        assert_eq!(rule.actions.len(), 2);
        assert_eq!(rule.exceptions[1].value, "us/a#b");
        assert!(matches!(rule.when.as_ref().unwrap().kind, ExprKind::And(_)));
    }

    #[test]
    fn reports_every_error_in_a_block() {
        let (items, errors) =
            parse_block("rule a { action hold outcom permitted }\nrule b { action hold outcome permitted }\nrule c { when warrant = }", 0);
        assert_eq!(items.len(), 1);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `outcome`?"));
    }
}
