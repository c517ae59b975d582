//! Bearer tokens and their roles, read from `--tokens FILE`. The file holds only SHA-256 hashes
//! of tokens, one per line, `ROLE sha256:HEX` (`#` starts a comment); a presented token is hashed
//! and compared with every entry in constant time.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{ApiError, ErrorCode, Message};

/// What a token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Decide requests (needed only when deciding is not public).
    Decide,
    /// Read the log: checkpoints and proofs are public; records, receipts with requests and
    /// exports need this.
    LogRead,
    /// Everything: reload, redaction, and all of the above.
    Admin,
}

impl Role {
    fn parse(name: &str) -> Option<Role> {
        match name {
            "decide" => Some(Role::Decide),
            "log-read" => Some(Role::LogRead),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// The role's name in the tokens file.
    pub fn name(self) -> &'static str {
        match self {
            Role::Decide => "decide",
            Role::LogRead => "log-read",
            Role::Admin => "admin",
        }
    }

    fn allows(self, needed: Role) -> bool {
        self == Role::Admin || self == needed || (self == Role::LogRead && needed == Role::Decide)
    }
}

/// A problem in the tokens file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TokensError {
    pub line: usize,
    pub message: String,
}

/// The known tokens, hashed.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    entries: Vec<(Role, [u8; 32])>,
}

/// The hash a tokens file stores for a token.
pub fn hash_token(token: &str) -> String {
    let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
    format!("sha256:{}", crate::log::merkle::hex(&digest))
}

impl Tokens {
    /// Parses a tokens file.
    pub fn parse(text: &str) -> Result<Tokens, TokensError> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_number = i + 1;
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let error = |message: String| TokensError { line: line_number, message };
            let mut words = line.split_whitespace();
            let (Some(role), Some(hash), None) = (words.next(), words.next(), words.next()) else {
                return Err(error("expected `ROLE sha256:HEX`".into()));
            };
            let role =
                Role::parse(role).ok_or_else(|| error(format!("unknown role `{role}`; the roles are decide, log-read and admin")))?;
            let hash = hash.strip_prefix("sha256:").and_then(crate::log::merkle::parse_hex).ok_or_else(|| {
                error("the token must be given as `sha256:` and 64 hex digits (the file never holds a token itself)".into())
            })?;
            entries.push((role, hash));
        }
        Ok(Tokens { entries })
    }

    /// The role of a presented token, if any.
    fn role_of(&self, token: &str) -> Option<Role> {
        let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        // Every entry is compared, so the time taken does not say which one matched.
        for (role, hash) in &self.entries {
            if bool::from(hash.ct_eq(&digest)) {
                found = Some(found.map_or(*role, |r: Role| r.max(*role)));
            }
        }
        found
    }

    /// Checks that the request's bearer token has a role allowing `needed`.
    pub fn require(&self, headers: &HeaderMap, needed: Role) -> Result<Role, ApiError> {
        let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
            return Err(ApiError::new(ErrorCode::Unauthorized, Message::new("server-token-needed").arg("role", needed.name()))
                .hint(Message::new("server-hint-token")));
        };
        let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim).unwrap_or_default();
        match self.role_of(token) {
            None => Err(ApiError::new(ErrorCode::Unauthorized, Message::new("server-token-unknown"))),
            Some(role) if role.allows(needed) => Ok(role),
            Some(role) => Err(ApiError::new(
                ErrorCode::Forbidden,
                Message::new("server-token-forbidden").arg("role", role.name()).arg("needed", needed.name()),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn headers(token: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(axum::http::header::AUTHORIZATION, format!("Bearer {token}").parse().unwrap());
        h
    }

    #[test]
    fn tokens_are_matched_by_hash_and_role() {
        let file = format!("# operators\nadmin {}\nlog-read {}  # the county attorney\n", hash_token("root-secret"), hash_token("reader"));
        let tokens = Tokens::parse(&file).unwrap();
        assert_eq!(tokens.require(&headers("root-secret"), Role::Admin).unwrap(), Role::Admin);
        assert_eq!(tokens.require(&headers("reader"), Role::LogRead).unwrap(), Role::LogRead);
        assert_eq!(tokens.require(&headers("reader"), Role::Admin).unwrap_err().code, ErrorCode::Forbidden);
        assert_eq!(tokens.require(&headers("guess"), Role::LogRead).unwrap_err().code, ErrorCode::Unauthorized);
        assert_eq!(tokens.require(&HeaderMap::new(), Role::LogRead).unwrap_err().code, ErrorCode::Unauthorized);
    }

    #[test]
    fn a_tokens_file_with_a_plain_token_or_unknown_role_is_refused_with_its_line() {
        assert_eq!(Tokens::parse("admin hunter2\n").unwrap_err().line, 1);
        let e = Tokens::parse(&format!("\nroot {}\n", hash_token("x"))).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown role `root`"), "{e}");
    }
}
