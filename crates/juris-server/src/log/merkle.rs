//! The RFC 9162 Merkle tree over the log's leaf hashes: tree heads, inclusion and consistency
//! proofs, and the functions that verify them.
//!
//! The tree keeps every complete subtree's hash, level by level (about two hashes per leaf), so a
//! root at any past size and any proof cost O(log n) hash operations.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The hash of a leaf: `SHA-256(0x00 || bytes)`.
pub fn leaf_hash(bytes: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(bytes);
    h.finalize().into()
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: `SHA-256()`.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// Lowercase hex of a hash.
pub fn hex(hash: &Hash) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses 64 hex digits into a hash.
pub fn parse_hex(text: &str) -> Option<Hash> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        out[i] = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
    }
    Some(out)
}

/// Why a proof could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("index {index} is not in a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("tree size {requested} is larger than the log ({size} records)")]
    SizeOutOfRange { requested: u64, size: u64 },
    #[error("the first size ({from}) is larger than the second ({to})")]
    Backwards { from: u64, to: u64 },
}

/// An append-only Merkle tree of leaf hashes.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    // INVARIANT: `levels[h][i]` is the hash of the complete subtree of 2^h leaves starting at leaf
    // `i << h`; `levels[0]` holds every leaf hash.
    levels: Vec<Vec<Hash>>,
}

impl Tree {
    /// An empty tree.
    pub fn new() -> Tree {
        Tree { levels: vec![Vec::new()] }
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// The leaf hash at `index`.
    pub fn leaf(&self, index: u64) -> Option<Hash> {
        self.levels.first()?.get(usize::try_from(index).ok()?).copied()
    }

    /// Appends a leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        if self.levels.is_empty() {
            self.levels.push(Vec::new());
        }
        self.levels[0].push(leaf);
        let mut level = 0;
        while self.levels[level].len() % 2 == 0 {
            let n = self.levels[level].len();
            let parent = node_hash(&self.levels[level][n - 2], &self.levels[level][n - 1]);
            if self.levels.len() == level + 1 {
                self.levels.push(Vec::new());
            }
            self.levels[level + 1].push(parent);
            level += 1;
        }
    }

    /// Drops every leaf from `size` on (used to undo appends whose commit failed).
    pub fn truncate(&mut self, size: u64) {
        for (h, level) in self.levels.iter_mut().enumerate() {
            level.truncate(usize::try_from(size >> h).unwrap_or(usize::MAX));
        }
    }

    /// The root of the tree of the first `size` leaves.
    pub fn root(&self, size: u64) -> Result<Hash, ProofError> {
        if size > self.size() {
            return Err(ProofError::SizeOutOfRange { requested: size, size: self.size() });
        }
        Ok(if size == 0 { empty_root() } else { self.range(0, size) })
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves (RFC 9162 §2.1.3.1).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        if size > self.size() {
            return Err(ProofError::SizeOutOfRange { requested: size, size: self.size() });
        }
        if index >= size {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        let mut path = Vec::new();
        self.path(index, 0, size, &mut path);
        Ok(path)
    }

    /// The consistency proof between the trees of the first `from` and `to` leaves (RFC 9162 §2.1.4.1).
    pub fn consistency_proof(&self, from: u64, to: u64) -> Result<Vec<Hash>, ProofError> {
        if to > self.size() {
            return Err(ProofError::SizeOutOfRange { requested: to, size: self.size() });
        }
        if from > to {
            return Err(ProofError::Backwards { from, to });
        }
        let mut proof = Vec::new();
        if from > 0 && from < to {
            self.subproof(from, 0, to, true, &mut proof);
        }
        Ok(proof)
    }

    /// MTH(D[start:end]); `start` is always a multiple of the largest power of two below
    /// `end - start` or of the range's own size, as RFC 9162's recursion produces.
    fn range(&self, start: u64, end: u64) -> Hash {
        let n = end - start;
        if n.is_power_of_two() && start % n == 0 {
            let h = n.trailing_zeros() as usize;
            return self.levels[h][(start >> h) as usize];
        }
        let k = split(n);
        node_hash(&self.range(start, start + k), &self.range(start + k, end))
    }

    fn path(&self, index: u64, start: u64, end: u64, out: &mut Vec<Hash>) {
        let n = end - start;
        if n == 1 {
            return;
        }
        let k = split(n);
        if index < start + k {
            self.path(index, start, start + k, out);
            out.push(self.range(start + k, end));
        } else {
            self.path(index, start + k, end, out);
            out.push(self.range(start, start + k));
        }
    }

    fn subproof(&self, m: u64, start: u64, end: u64, complete: bool, out: &mut Vec<Hash>) {
        let n = end - start;
        if m == n {
            if !complete {
                out.push(self.range(start, end));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            self.subproof(m, start, start + k, complete, out);
            out.push(self.range(start + k, end));
        } else {
            self.subproof(m - k, start + k, end, false, out);
            out.push(self.range(start, start + k));
        }
    }
}

/// The largest power of two smaller than `n` (n > 1).
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// The root of a list of leaf hashes, computed directly (for checks independent of [`Tree`]).
pub fn root_of(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&root_of(&leaves[..k]), &root_of(&leaves[k..]))
        }
    }
}

/// The right edge of a growing tree: the roots of its complete subtrees, largest first. Gives the
/// root at every size while leaves stream past, in O(log n) memory.
#[derive(Debug, Clone, Default)]
pub struct Frontier {
    size: u64,
    // INVARIANT: heights strictly decrease; together the subtrees cover leaves `0..size`.
    stack: Vec<(Hash, u32)>,
}

impl Frontier {
    /// The number of leaves pushed.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        self.size += 1;
        self.stack.push((leaf, 0));
        while self.stack.len() >= 2 && self.stack[self.stack.len() - 1].1 == self.stack[self.stack.len() - 2].1 {
            let (Some((right, h)), Some((left, _))) = (self.stack.pop(), self.stack.pop()) else { break };
            self.stack.push((node_hash(&left, &right), h + 1));
        }
    }

    /// The root of the leaves pushed so far.
    pub fn root(&self) -> Hash {
        let mut iter = self.stack.iter().rev();
        let Some(&(mut root, _)) = iter.next() else { return empty_root() };
        for (left, _) in iter {
            root = node_hash(left, &root);
        }
        root
    }
}

/// Verifies an inclusion proof (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

/// Verifies a consistency proof between two tree heads (RFC 9162 §2.1.4.2).
pub fn verify_consistency(from: u64, to: u64, proof: &[Hash], from_root: &Hash, to_root: &Hash) -> bool {
    if from > to {
        return false;
    }
    if from == to {
        return proof.is_empty() && from_root == to_root;
    }
    if from == 0 {
        // Every tree extends the empty tree.
        return proof.is_empty();
    }
    if proof.is_empty() {
        return false;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if from.is_power_of_two() {
        path.push(*from_root);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (from - 1, to - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    fr == *from_root && sr == *to_root && s == 0
}

#[cfg(test)]
#[path = "merkle_tests.rs"]
mod tests;
