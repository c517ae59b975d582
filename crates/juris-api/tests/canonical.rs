//! Golden vectors for the canonical bytes (RFC 8785) and the decision-log record.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

use juris_api::log::{LogRecord, RecordContext, canonical_bytes, sha256_tagged};
use serde_json::{Value, json};

fn check(input: &str, expected: &str) {
    let value: Value = serde_json::from_str(input).expect("the test input is JSON");
    let bytes = canonical_bytes(&value);
    assert_eq!(String::from_utf8(bytes).expect("canonical bytes are UTF-8"), expected, "input: {input}");
}

fn number(bits: u64) -> String {
    let value = serde_json::Number::from_f64(f64::from_bits(bits)).map(Value::Number).expect("a finite number");
    String::from_utf8(canonical_bytes(&value)).expect("canonical bytes are UTF-8")
}

/// RFC 8785, Appendix B: IEEE 754 doubles and their canonical forms.
#[test]
fn numbers_follow_rfc_8785_appendix_b() {
    let vectors: &[(u64, &str)] = &[
        (0x0000000000000000, "0"),
        (0x8000000000000000, "0"),
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ];
    for (bits, expected) in vectors {
        assert_eq!(number(*bits), *expected, "bits {bits:#018x}");
    }
}

/// RFC 8785, section 3.2.2: the example of numbers, escapes and literals.
#[test]
fn values_follow_rfc_8785_section_3_2_2() {
    check(
        r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#,
        r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#,
    );
}

/// RFC 8785, section 3.2.3: members sorted by the UTF-16 code units of their names, so the
/// emoji (a surrogate pair, 0xD83D) sorts before U+FB33 although its code point is larger.
#[test]
fn members_sort_by_utf16_code_units() {
    check(
        r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#,
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\
         \"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}",
    );
}

/// Integers are numbers like any other: JCS prints them through the double they denote.
#[test]
fn integers_print_as_the_double_they_denote() {
    check("[1, -0, 10.0, 1e2, 12345678901234567890]", "[1,0,10,100,12345678901234567000]");
    check(r#"{"b":{"d":1,"c":[]},"a":"\u0007\t"}"#, r#"{"a":"\u0007\t","b":{"c":[],"d":1}}"#);
}

fn record() -> LogRecord {
    LogRecord {
        v: 1,
        index: 41,
        decision_id: "d-0000000041".to_owned(),
        decided_at: "2026-12-01T21:30:00.123Z".to_owned(),
        corpus: "9f2c".to_owned(),
        engine: "juris 0.1.0".to_owned(),
        request_hash: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a".to_owned(),
        outcome: "prohibited".to_owned(),
        deciding: vec!["us-ca-trust-act/no-hold".to_owned(), "us-ca-values-act/no-hold".to_owned()],
        decision_hash: "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_owned(),
    }
}

/// The golden record: its exact canonical bytes, their hash and its leaf hash. Members sort
/// by name (`deciding` before `decision_hash`: `d` < `s`), the index prints as an integer, and
/// the hashes were checked with `sha256sum` over the bytes written here (with a leading 0x00
/// byte for the leaf).
#[test]
fn a_record_has_fixed_canonical_bytes_and_hashes() {
    let expected = concat!(
        r#"{"corpus":"9f2c","decided_at":"2026-12-01T21:30:00.123Z","#,
        r#""deciding":["us-ca-trust-act/no-hold","us-ca-values-act/no-hold"],"#,
        r#""decision_hash":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","decision_id":"d-0000000041","#,
        r#""engine":"juris 0.1.0","index":41,"outcome":"prohibited","#,
        r#""request_hash":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","v":1}"#,
    );
    let record = record();
    assert_eq!(String::from_utf8(record.canonical_bytes()).expect("UTF-8"), expected);
    assert_eq!(sha256_tagged(&record.canonical_bytes()), "sha256:96c5a9e908a244f39dd99b8043b131d1b86c63e7de06e5b6300d90ced476f51e");
    assert_eq!(juris_api::log::hex(&record.leaf_hash()), "42f2bcf13a63cabf8283e3ecc210b7bcef5d2421de78753e1852d8dd989e2112");
}

/// A record round-trips through JSON, and a record with an unknown field is refused.
#[test]
fn a_record_round_trips_and_refuses_unknown_fields() {
    let record = record();
    let text = serde_json::to_string(&record).expect("serializes");
    assert_eq!(serde_json::from_str::<LogRecord>(&text).expect("deserializes"), record);
    let mut extra: Value = serde_json::from_str(&text).expect("JSON");
    extra["note"] = json!("x");
    assert!(serde_json::from_value::<LogRecord>(extra).is_err());
}

/// `LogRecord::new` hashes the request and decision canonically (so key order and spacing of
/// the request as sent do not matter) and sorts the deciding rule ids.
#[test]
fn a_record_is_built_from_a_request_and_a_decision() {
    let request: Value = serde_json::from_str(r#"{ "jurisdiction": "us-ca", "action": "hold", "as_of": "2026-01-01" }"#).expect("JSON");
    let reordered: Value = serde_json::from_str(r#"{"as_of":"2026-01-01","action":"hold","jurisdiction":"us-ca"}"#).expect("JSON");
    let decision = json!({
        "outcome": "prohibited",
        "corpus": "9f2c",
        // The v1 rule shape names its id `rule` (reading `id` gave records with no deciding rules).
        "deciding": [{"rule": "us-ca-values-act/no-hold"}, {"rule": "us-ca-trust-act/no-hold"}],
    });
    let context = RecordContext {
        index: 0,
        decision_id: "d-0".to_owned(),
        decided_at: "2026-12-01T21:30:00.123Z".to_owned(),
        engine: "juris 0.1.0".to_owned(),
    };
    let record = LogRecord::new(context.clone(), &request, &decision);
    assert_eq!(record, LogRecord::new(context, &reordered, &decision));
    assert_eq!(record.outcome, "prohibited");
    assert_eq!(record.corpus, "9f2c");
    assert_eq!(record.deciding, ["us-ca-trust-act/no-hold", "us-ca-values-act/no-hold"]);
    // sha256sum of `{"action":"hold","as_of":"2026-01-01","jurisdiction":"us-ca"}`.
    assert_eq!(record.request_hash, "sha256:2058bcbf4974507528ddd0a6d82bb1d15cd2c31503e384b221e90aad6e608b2b");
    assert_eq!(record.decision_hash, sha256_tagged(&canonical_bytes(&decision)));
}

mod fast_path {
    //! `canonical_bytes` writes most values through serde_json directly: for every value, the
    //! bytes must be exactly those of the general RFC 8785 serializer.
    use proptest::prelude::*;
    use serde_json::{Map, Number, Value};

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z_]{0,8}",
            // Names where UTF-8 byte order and UTF-16 code unit order part, and escapes.
            proptest::collection::vec(
                prop_oneof![Just('a'), Just('\r'), Just('\u{7f}'), Just('\u{e9}'), Just('\u{fb33}'), Just('\u{1f600}'), Just('"')],
                0..4
            )
            .prop_map(|chars| chars.into_iter().collect()),
        ]
    }

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-(1i64 << 53)..=(1i64 << 53)).prop_map(Value::from),
            any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
            "\\PC{0,6}".prop_map(Value::String),
            proptest::collection::vec(prop_oneof![Just('\u{0}'), Just('\u{1f}'), Just('\\'), Just('\n'), Just('\u{2028}')], 0..4)
                .prop_map(|chars| Value::String(chars.into_iter().collect())),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        leaf().prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((key(), inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,12}",
            proptest::collection::vec(
                prop_oneof![Just('\u{0}'), Just('\u{1f}'), Just('\\'), Just('"'), Just('\u{2028}'), Just('\u{1f600}')],
                0..6
            )
            .prop_map(|chars| chars.into_iter().collect()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// A record's own writer gives the general serializer's bytes.
        #[test]
        fn a_record_agrees_with_the_general_serializer(
            strings in proptest::collection::vec(text(), 7),
            deciding in proptest::collection::vec(text(), 0..4),
            index in prop_oneof![0u64..1_000_000, Just(1u64 << 53), (1u64 << 53)..u64::MAX],
        ) {
            let record = juris_api::log::LogRecord {
                v: 1,
                index,
                decision_id: strings[0].clone(),
                decided_at: strings[1].clone(),
                corpus: strings[2].clone(),
                engine: strings[3].clone(),
                request_hash: strings[4].clone(),
                outcome: strings[5].clone(),
                deciding,
                decision_hash: strings[6].clone(),
            };
            let general = serde_json_canonicalizer::to_vec(&record).expect("strings and integers only");
            prop_assert_eq!(String::from_utf8(record.canonical_bytes()).expect("UTF-8"), String::from_utf8(general).expect("UTF-8"));
        }

        #[test]
        fn agrees_with_the_general_serializer(value in value()) {
            let general = serde_json_canonicalizer::to_vec(&value).expect("finite numbers only");
            prop_assert_eq!(String::from_utf8(juris_api::log::canonical_bytes(&value)).expect("UTF-8"), String::from_utf8(general).expect("UTF-8"));
        }
    }
}
