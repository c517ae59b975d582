//! Checkpoints in the C2SP `tlog-checkpoint` format, signed as C2SP signed notes with Ed25519,
//! and the key files that sign and verify them.
//!
//! A checkpoint's body is three lines: the log's origin, the tree size in decimal, and the root
//! hash in standard base64. The signed note is the body, a blank line, and one signature line
//! `— <key name> <base64(key id || signature)>` whose key id is the first four bytes of
//! `SHA-256(<key name> || 0x0A || 0x01 || public key)`. Keys are written as the Go `note`
//! package writes them: `PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>` and
//! `<name>+<key id hex>+<base64(0x01 || public key)>`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::merkle::Hash;

/// The signature algorithm byte for Ed25519 in signed notes.
const ED25519: u8 = 0x01;

/// A problem with a key, a note or a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("not a signing key: {0}")]
    BadSigningKey(&'static str),
    #[error("not a verifier key: {0}")]
    BadVerifierKey(&'static str),
    #[error("not a signed note: {0}")]
    Malformed(&'static str),
    #[error("no signature by key `{name}` ({id}) on the checkpoint")]
    NoSignature { name: String, id: String },
    #[error("the checkpoint's signature by `{0}` does not verify: the checkpoint was altered or forged")]
    BadSignature(String),
    #[error("not a checkpoint: {0}")]
    BadCheckpoint(&'static str),
}

/// A key that signs checkpoints.
#[derive(Clone)]
pub struct LogKey {
    name: String,
    key: SigningKey,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogKey").field("name", &self.name).finish_non_exhaustive()
    }
}

/// A key that verifies checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    pub name: String,
    id: [u8; 4],
    key: VerifyingKey,
}

fn key_id(name: &str, public: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ED25519]);
    h.update(public.as_bytes());
    let digest = h.finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

fn hex4(id: &[u8; 4]) -> String {
    id.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('+') && !name.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl LogKey {
    /// A key from a 32-byte seed (generate the seed from the operating system's random source).
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<LogKey, NoteError> {
        if !valid_name(name) {
            return Err(NoteError::BadSigningKey("the key name must be non-empty, without spaces or `+`"));
        }
        Ok(LogKey { name: name.to_owned(), key: SigningKey::from_bytes(&seed) })
    }

    /// A new key from the operating system's random source.
    pub fn generate(name: &str) -> Result<LogKey, NoteError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|_| NoteError::BadSigningKey("the operating system gave no random bytes"))?;
        LogKey::from_seed(name, seed)
    }

    /// Parses `PRIVATE+KEY+<name>+<id>+<base64>`.
    pub fn parse(text: &str) -> Result<LogKey, NoteError> {
        let text = text.trim();
        let rest = text.strip_prefix("PRIVATE+KEY+").ok_or(NoteError::BadSigningKey("it must start with `PRIVATE+KEY+`"))?;
        let mut parts = rest.split('+');
        let (Some(name), Some(id), Some(key), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadSigningKey("expected `PRIVATE+KEY+<name>+<key id>+<key>`"));
        };
        let bytes = STANDARD.decode(key).map_err(|_| NoteError::BadSigningKey("the key is not base64"))?;
        let [ED25519, seed @ ..] = bytes.as_slice() else {
            return Err(NoteError::BadSigningKey("only Ed25519 keys (algorithm 1) are supported"));
        };
        let seed: [u8; 32] = seed.try_into().map_err(|_| NoteError::BadSigningKey("an Ed25519 seed is 32 bytes"))?;
        let key = LogKey::from_seed(name, seed)?;
        if hex4(&key.verifier().id) != id {
            return Err(NoteError::BadSigningKey("the key id does not match the key"));
        }
        Ok(key)
    }

    /// The key in its file form.
    pub fn encode(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        format!("PRIVATE+KEY+{}+{}+{}", self.name, hex4(&self.verifier().id), STANDARD.encode(bytes))
    }

    /// The matching verifier key.
    pub fn verifier(&self) -> VerifierKey {
        let key = self.key.verifying_key();
        VerifierKey { name: self.name.clone(), id: key_id(&self.name, &key), key }
    }

    /// Signs a note body (which must end in a newline) and returns the whole signed note.
    pub fn sign(&self, body: &str) -> String {
        let signature = self.key.sign(body.as_bytes());
        let mut bytes = self.verifier().id.to_vec();
        bytes.extend_from_slice(&signature.to_bytes());
        format!("{body}\n\u{2014} {} {}\n", self.name, STANDARD.encode(bytes))
    }
}

impl VerifierKey {
    /// Parses `<name>+<id>+<base64>`.
    pub fn parse(text: &str) -> Result<VerifierKey, NoteError> {
        let mut parts = text.trim().split('+');
        let (Some(name), Some(id), Some(key), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadVerifierKey("expected `<name>+<key id>+<key>`"));
        };
        if !valid_name(name) {
            return Err(NoteError::BadVerifierKey("the key name must be non-empty, without spaces or `+`"));
        }
        let bytes = STANDARD.decode(key).map_err(|_| NoteError::BadVerifierKey("the key is not base64"))?;
        let [ED25519, public @ ..] = bytes.as_slice() else {
            return Err(NoteError::BadVerifierKey("only Ed25519 keys (algorithm 1) are supported"));
        };
        let public: [u8; 32] = public.try_into().map_err(|_| NoteError::BadVerifierKey("an Ed25519 public key is 32 bytes"))?;
        let key = VerifyingKey::from_bytes(&public).map_err(|_| NoteError::BadVerifierKey("not an Ed25519 public key"))?;
        let verifier = VerifierKey { name: name.to_owned(), id: key_id(name, &key), key };
        if hex4(&verifier.id) != id {
            return Err(NoteError::BadVerifierKey("the key id does not match the key"));
        }
        Ok(verifier)
    }

    /// The key in its file form.
    pub fn encode(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        format!("{}+{}+{}", self.name, hex4(&self.id), STANDARD.encode(bytes))
    }

    /// Checks a signed note and returns its body.
    pub fn open<'a>(&self, note: &'a str) -> Result<&'a str, NoteError> {
        let split = note.find("\n\n").ok_or(NoteError::Malformed("no blank line before the signatures"))?;
        let (body, signatures) = (&note[..=split], &note[split + 2..]);
        if !signatures.ends_with('\n') {
            return Err(NoteError::Malformed("the note must end with a newline"));
        }
        let mut found = false;
        for line in signatures.lines() {
            let Some(rest) = line.strip_prefix("\u{2014} ") else {
                return Err(NoteError::Malformed("a signature line must start with an em dash and a space"));
            };
            let Some((name, signature)) = rest.split_once(' ') else {
                return Err(NoteError::Malformed("a signature line is `— <name> <signature>`"));
            };
            let bytes = STANDARD.decode(signature).map_err(|_| NoteError::Malformed("a signature is not base64"))?;
            if name != self.name || bytes.len() < 4 || bytes[..4] != self.id {
                continue;
            }
            found = true;
            let signature = ed25519_dalek::Signature::from_slice(&bytes[4..]).map_err(|_| NoteError::BadSignature(self.name.clone()))?;
            if self.key.verify_strict(body.as_bytes(), &signature).is_err() {
                return Err(NoteError::BadSignature(self.name.clone()));
            }
        }
        if !found {
            return Err(NoteError::NoSignature { name: self.name.clone(), id: hex4(&self.id) });
        }
        Ok(body)
    }
}

/// A tree head: the log's origin, its size and its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
}

impl Checkpoint {
    /// The checkpoint body: origin, size and base64 root, each on its own line.
    pub fn body(&self) -> String {
        format!("{}\n{}\n{}\n", self.origin, self.size, STANDARD.encode(self.root))
    }

    /// Parses a checkpoint body (extension lines after the third are allowed and ignored).
    pub fn parse(body: &str) -> Result<Checkpoint, NoteError> {
        let mut lines = body.split('\n');
        let origin = lines.next().filter(|o| !o.is_empty()).ok_or(NoteError::BadCheckpoint("the first line must name the log"))?;
        let size = lines.next().ok_or(NoteError::BadCheckpoint("the second line must be the tree size"))?;
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) || (size.len() > 1 && size.starts_with('0')) {
            return Err(NoteError::BadCheckpoint("the tree size must be a decimal number without leading zeros"));
        }
        let size = size.parse().map_err(|_| NoteError::BadCheckpoint("the tree size is too large"))?;
        let root = lines.next().ok_or(NoteError::BadCheckpoint("the third line must be the root hash"))?;
        let root = STANDARD.decode(root).map_err(|_| NoteError::BadCheckpoint("the root hash is not base64"))?;
        let root = root.try_into().map_err(|_| NoteError::BadCheckpoint("the root hash must be 32 bytes"))?;
        Ok(Checkpoint { origin: origin.to_owned(), size, root })
    }

    /// Signs the checkpoint.
    pub fn sign(&self, key: &LogKey) -> String {
        key.sign(&self.body())
    }

    /// Verifies a signed checkpoint and parses it.
    pub fn open(note: &str, key: &VerifierKey) -> Result<Checkpoint, NoteError> {
        Checkpoint::parse(key.open(note)?)
    }
}

#[cfg(test)]
#[path = "note_tests.rs"]
mod tests;
