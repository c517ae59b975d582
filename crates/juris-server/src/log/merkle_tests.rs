//! Tests of the Merkle tree against the RFC 6962 test vectors of the certificate-transparency
//! sources (the eight leaves of `merkle_tree_test`) and against a direct recursive definition.

#![allow(clippy::unwrap_used)]

use super::*;

/// The eight leaves of the certificate-transparency test vectors.
const LEAVES: [&[u8]; 8] = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
];

/// The roots of the trees of the first 1..=8 leaves.
const ROOTS: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/// Inclusion paths: (leaf index, tree size, path).
const PATHS: [(u64, u64, &[&str]); 5] = [
    (0, 1, &[]),
    (
        0,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        &[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        &[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
];

/// Consistency proofs: (first size, second size, proof).
const CONSISTENCY: [(u64, u64, &[&str]); 4] = [
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        &[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
];

fn vector_tree() -> Tree {
    let mut tree = Tree::new();
    for leaf in LEAVES {
        tree.push(leaf_hash(leaf));
    }
    tree
}

fn hashes(list: &[&str]) -> Vec<Hash> {
    list.iter().map(|h| parse_hex(h).unwrap()).collect()
}

#[test]
fn roots_match_the_rfc_6962_vectors_at_every_size() {
    let tree = vector_tree();
    assert_eq!(hex(&tree.root(0).unwrap()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (i, want) in ROOTS.iter().enumerate() {
        assert_eq!(hex(&tree.root(i as u64 + 1).unwrap()), *want, "size {}", i + 1);
    }
}

#[test]
fn inclusion_proofs_match_the_vectors_and_verify() {
    let tree = vector_tree();
    for (index, size, want) in PATHS {
        let proof = tree.inclusion_proof(index, size).unwrap();
        assert_eq!(proof, hashes(want), "index {index} size {size}");
        let root = parse_hex(ROOTS[size as usize - 1]).unwrap();
        assert!(verify_inclusion(&leaf_hash(LEAVES[index as usize]), index, size, &proof, &root));
    }
}

#[test]
fn consistency_proofs_match_the_vectors_and_verify() {
    let tree = vector_tree();
    for (from, to, want) in CONSISTENCY {
        let proof = tree.consistency_proof(from, to).unwrap();
        assert_eq!(proof, hashes(want), "{from} -> {to}");
        let a = parse_hex(ROOTS[from as usize - 1]).unwrap();
        let b = parse_hex(ROOTS[to as usize - 1]).unwrap();
        assert!(verify_consistency(from, to, &proof, &a, &b), "{from} -> {to}");
    }
}

/// Every proof of every tree up to 70 leaves verifies, and the tree agrees with the direct
/// recursive definition; a flipped bit, a wrong index or a wrong root fails.
#[test]
fn every_proof_of_small_trees_verifies_and_every_mutation_fails() {
    let leaves: Vec<Hash> = (0u32..70).map(|i| leaf_hash(&i.to_be_bytes())).collect();
    let mut tree = Tree::new();
    for &leaf in &leaves {
        tree.push(leaf);
    }
    for size in 1..=leaves.len() as u64 {
        let root = tree.root(size).unwrap();
        assert_eq!(root, root_of(&leaves[..size as usize]), "size {size}");
        for index in 0..size {
            let leaf = leaves[index as usize];
            let proof = tree.inclusion_proof(index, size).unwrap();
            assert!(verify_inclusion(&leaf, index, size, &proof, &root), "index {index} size {size}");
            if size > 1 {
                let other = (index + 1) % size;
                assert!(!verify_inclusion(&leaf, other, size, &proof, &root), "index {index} as {other} size {size}");
            }
            // (A proof can also fit another tree size with the same path shape, which is why
            // the size comes from the signed checkpoint, never from the proof.)
            for j in 0..proof.len() {
                let mut bad = proof.clone();
                bad[j][j % 32] ^= 1;
                assert!(!verify_inclusion(&leaf, index, size, &bad, &root));
            }
        }
        for from in 0..=size {
            let proof = tree.consistency_proof(from, size).unwrap();
            let old = tree.root(from).unwrap();
            assert!(verify_consistency(from, size, &proof, &old, &root), "{from} -> {size}");
            if from > 0 && from < size {
                let wrong = tree.root(size - 1).unwrap();
                assert!(!verify_consistency(from, size, &proof, &old, &wrong), "{from} -> {size} wrong root");
                let mut bad = proof.clone();
                bad[0][0] ^= 1;
                assert!(!verify_consistency(from, size, &bad, &old, &root), "{from} -> {size} flipped");
            }
        }
    }
}

#[test]
fn the_frontier_gives_the_root_at_every_size() {
    let mut frontier = Frontier::default();
    assert_eq!(frontier.root(), empty_root());
    for (i, leaf) in LEAVES.iter().enumerate() {
        frontier.push(leaf_hash(leaf));
        assert_eq!(hex(&frontier.root()), ROOTS[i], "size {}", i + 1);
    }
    let tree = vector_tree();
    let mut frontier = Frontier::default();
    let leaves: Vec<Hash> = (0u32..300).map(|i| leaf_hash(&i.to_le_bytes())).collect();
    let mut tree2 = Tree::new();
    for &leaf in &leaves {
        frontier.push(leaf);
        tree2.push(leaf);
        assert_eq!(frontier.root(), tree2.root(frontier.size()).unwrap());
    }
    assert_eq!(tree.size(), 8);
}

#[test]
fn truncating_undoes_appends() {
    let mut tree = vector_tree();
    let root5 = tree.root(5).unwrap();
    tree.truncate(5);
    assert_eq!(tree.size(), 5);
    assert_eq!(tree.root(5).unwrap(), root5);
    for leaf in &LEAVES[5..] {
        tree.push(leaf_hash(leaf));
    }
    assert_eq!(hex(&tree.root(8).unwrap()), ROOTS[7]);
}

#[test]
fn out_of_range_requests_are_errors() {
    let tree = vector_tree();
    assert_eq!(tree.inclusion_proof(8, 8), Err(ProofError::IndexOutOfRange { index: 8, size: 8 }));
    assert_eq!(tree.root(9), Err(ProofError::SizeOutOfRange { requested: 9, size: 8 }));
    assert_eq!(tree.consistency_proof(5, 3), Err(ProofError::Backwards { from: 5, to: 3 }));
}
