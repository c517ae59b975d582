//! Tokens of the rule language, produced by `logos`.

use logos::Logos;

use crate::diagnostic::Span;

#[derive(Logos, Debug, Clone, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n\f]+")]
#[logos(skip(r"#[^\n]*", allow_greedy = true))]
pub(crate) enum Token {
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token(",")]
    Comma,
    #[token("=")]
    Eq,
    #[token("!=")]
    Ne,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    /// A reference to a rule in another document: `us/8-cfr-287-7#detainer-request`.
    #[regex(r"[A-Za-z0-9][A-Za-z0-9_\-]*(/[A-Za-z0-9_\-]+)+#[A-Za-z0-9_\-]+", |lex| lex.slice().to_owned())]
    RuleRef(String),
    #[regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", |lex| lex.slice().to_owned())]
    Date(String),
    #[regex(r"-?[0-9]+", |lex| lex.slice().parse::<i64>().ok())]
    Int(i64),
    #[regex(r"[A-Za-z_][A-Za-z0-9_\-]*", |lex| lex.slice().to_owned())]
    Ident(String),
    #[regex(r#""([^"\\\n]|\\.)*""#, |lex| unescape(lex.slice()))]
    Str(String),
}

fn unescape(quoted: &str) -> String {
    let inner = &quoted[1..quoted.len() - 1];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Token {
    /// How the token reads in an error message.
    pub(crate) fn describe(&self) -> String {
        match self {
            Token::LBrace => "`{`".into(),
            Token::RBrace => "`}`".into(),
            Token::LParen => "`(`".into(),
            Token::RParen => "`)`".into(),
            Token::Comma => "`,`".into(),
            Token::Eq => "`=`".into(),
            Token::Ne => "`!=`".into(),
            Token::Lt => "`<`".into(),
            Token::Le => "`<=`".into(),
            Token::Gt => "`>`".into(),
            Token::Ge => "`>=`".into(),
            Token::RuleRef(r) => format!("`{r}`"),
            Token::Date(d) => format!("date `{d}`"),
            Token::Int(i) => format!("number `{i}`"),
            Token::Ident(i) => format!("`{i}`"),
            Token::Str(_) => "a string".into(),
        }
    }
}

/// A lexing failure: an unexpected character at `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexError {
    pub span: Span,
    pub text: String,
}

/// Lexes the whole block; unknown characters are reported and skipped.
pub(crate) fn lex(code: &str) -> (Vec<(Token, Span)>, Vec<LexError>) {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut lexer = Token::lexer(code);
    while let Some(result) = lexer.next() {
        let range = lexer.span();
        let span = Span::new(range.start, range.end);
        match result {
            Ok(token) => tokens.push((token, span)),
            Err(()) => errors.push(LexError { span, text: lexer.slice().to_owned() }),
        }
    }
    (tokens, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_refs_dates_and_comments() {
        let (tokens, errors) = lex("exception to us/8-cfr-287-7#detainer-request # a comment\nfrom 2019-07-22 I-247A \"a \\\"b\\\"\"");
        assert!(errors.is_empty());
        let kinds: Vec<Token> = tokens.into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            kinds,
            vec![
                Token::Ident("exception".into()),
                Token::Ident("to".into()),
                Token::RuleRef("us/8-cfr-287-7#detainer-request".into()),
                Token::Ident("from".into()),
                Token::Date("2019-07-22".into()),
                Token::Ident("I-247A".into()),
                Token::Str("a \"b\"".into()),
            ]
        );
    }
}
