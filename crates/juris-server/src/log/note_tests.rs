//! Tests of checkpoints and signed notes: round trips, the key id, forgeries.

#![allow(clippy::unwrap_used)]

use super::*;

fn key() -> LogKey {
    LogKey::from_seed("example.org/log", [7; 32]).unwrap()
}

fn checkpoint() -> Checkpoint {
    Checkpoint { origin: "example.org/log".into(), size: 45, root: [9; 32] }
}

#[test]
fn a_signed_checkpoint_has_the_c2sp_layout_and_verifies() {
    let note = checkpoint().sign(&key());
    let mut lines = note.lines();
    assert_eq!(lines.next(), Some("example.org/log"));
    assert_eq!(lines.next(), Some("45"));
    assert_eq!(lines.next(), Some("CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk="));
    assert_eq!(lines.next(), Some(""));
    let signature = lines.next().unwrap();
    assert!(signature.starts_with("\u{2014} example.org/log "), "{signature}");
    assert!(note.ends_with('\n'));
    assert_eq!(Checkpoint::open(&note, &key().verifier()).unwrap(), checkpoint());
}

#[test]
fn the_key_id_is_the_hash_of_name_newline_algorithm_and_key() {
    let verifier = key().verifier();
    let mut h = Sha256::new();
    h.update(b"example.org/log\n\x01");
    h.update(verifier.key.as_bytes());
    let digest = h.finalize();
    assert_eq!(verifier.id, [digest[0], digest[1], digest[2], digest[3]]);
    let encoded = verifier.encode();
    assert!(encoded.starts_with(&format!("example.org/log+{}+", hex4(&verifier.id))));
}

#[test]
fn keys_round_trip_through_their_file_forms() {
    let key = key();
    let parsed = LogKey::parse(&key.encode()).unwrap();
    assert_eq!(parsed.verifier(), key.verifier());
    assert_eq!(VerifierKey::parse(&key.verifier().encode()).unwrap(), key.verifier());
}

#[test]
fn an_altered_checkpoint_fails_the_signature_check() {
    let note = checkpoint().sign(&key());
    let forged = note.replacen("\n45\n", "\n46\n", 1);
    assert_eq!(Checkpoint::open(&forged, &key().verifier()), Err(NoteError::BadSignature("example.org/log".into())));
}

#[test]
fn a_checkpoint_signed_by_another_key_is_refused() {
    let other = LogKey::from_seed("example.org/log", [8; 32]).unwrap();
    let note = checkpoint().sign(&other);
    assert!(matches!(Checkpoint::open(&note, &key().verifier()), Err(NoteError::NoSignature { .. })));
}

#[test]
fn malformed_keys_and_notes_are_errors() {
    assert!(LogKey::parse("nonsense").is_err());
    assert!(VerifierKey::parse("a+b").is_err());
    let mut key_text = key().verifier().encode();
    key_text.replace_range(key_text.find('+').unwrap() + 1..key_text.find('+').unwrap() + 3, "zz");
    assert!(VerifierKey::parse(&key_text).is_err());
    assert!(matches!(key().verifier().open("no blank line\n"), Err(NoteError::Malformed(_))));
    assert!(matches!(Checkpoint::parse("origin\n012\nAAAA\n"), Err(NoteError::BadCheckpoint(_))));
}
