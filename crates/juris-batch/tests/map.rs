//! The map file is checked before any row is read, and every problem names file, line and column.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use common::{CHARGES, MAP, folder, path, shipped};
use juris_batch::{Map, MapError};

/// Loads a map whose text is `map` beside the test charge table, and returns its problems.
fn problems(map: &str, charges: &str) -> Vec<String> {
    let dir = folder(&[("map.toml", map), ("charges.toml", charges)]);
    match Map::load(&path(&dir, "map.toml"), &shipped()) {
        Ok(_) => Vec::new(),
        Err(MapError::Invalid(p)) => p.iter().map(|p| format!("{}:{}: {} ({})", p.line, p.column, p.message, p.hint)).collect(),
        Err(e) => vec![e.to_string()],
    }
}

#[test]
fn the_test_map_is_valid() {
    assert_eq!(problems(MAP, CHARGES), Vec::<String>::new());
}

#[test]
fn an_unknown_key_is_located() {
    let map = MAP.replace("[rows]\n", "[rows]\ncolour = \"red\"\n");
    let p = problems(&map, CHARGES);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("6:1: unknown field `colour`"), "{p:?}");
}

#[test]
fn an_unknown_action_names_the_allowed_ones_at_its_place() {
    let map = MAP.replace("actions = [\"hold\", \"notify\"]", "actions = [\"hold\", \"detain\"]");
    let p = problems(&map, CHARGES);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("42:20: `action`: unknown action `detain`"), "{p:?}");
}

#[test]
fn an_unknown_offense_in_the_charge_table_is_located_in_that_file() {
    let charges = CHARGES.replace("offense = \"dui\"", "offense = \"drunk_driving\"");
    let dir = folder(&[("map.toml", MAP), ("charges.toml", &charges)]);
    let Err(MapError::Invalid(p)) = Map::load(&path(&dir, "map.toml"), &shipped()) else { panic!("the map should be invalid") };
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].file.ends_with("charges.toml"));
    assert_eq!((p[0].line, p[0].column), (12, 11));
    assert!(p[0].message.contains("unknown offense `drunk_driving`"), "{}", p[0].message);
}

#[test]
fn a_charge_entry_without_a_source_is_refused() {
    let charges = CHARGES.replace("source = \"literal text; Tex. Penal Code § 49.04\"\n", "");
    let p = problems(MAP, &charges);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("gives no `source`"), "{p:?}");
}

#[test]
fn a_comparison_must_name_two_states_of_the_law() {
    let map = MAP.replace("[[\"trust-act\", \"values-act\"]]", "[[\"trust-act\", \"sb-54\"]]");
    let p = problems(&map, CHARGES);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("`sb-54`") && p[0].contains("`trust-act`, `values-act`"), "{p:?}");
}

#[test]
fn a_bad_date_an_unknown_jurisdiction_and_a_bad_fixed_fact_are_all_reported_at_once() {
    let map = MAP
        .replace("as_of = \"2019-06-01\"", "as_of = \"2019-13-01\"")
        .replace("name = \"trust-act\"\nas_of", "name = \"trust-act\"\njurisdiction = \"us-ca-fresno\"\nas_of")
        .replace("warrant = \"none\"", "warrant = \"signed\"");
    let p = problems(&map, CHARGES);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p.iter().any(|p| p.contains("`facts.warrant`: unknown warrant `signed`")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("unknown jurisdiction `us-ca-fresno`")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("`2019-13-01` is not a date")), "{p:?}");
}

#[test]
fn an_unlisted_level_name_is_refused() {
    let map = MAP.replace("MB = \"misdemeanor\"", "MB = \"petty\"");
    let p = problems(&map, CHARGES);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("level for `MB`") && p[0].contains("unknown level `petty`"), "{p:?}");
}

#[test]
fn a_bad_statute_and_an_unknown_class_in_the_charge_table_are_located() {
    let charges = CHARGES
        .replace("statute = \"TX PC 30.02\"", "statute = \"TX\"")
        .replace("statute = \"TX PC 49.04\"", "statute = \"TX PC 49.04\"\nclasses = { ca-not-a-class = false }");
    let dir = folder(&[("map.toml", MAP), ("charges.toml", &charges)]);
    let Err(MapError::Invalid(p)) = Map::load(&path(&dir, "map.toml"), &shipped()) else { panic!("the map should be invalid") };
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p.iter().all(|p| p.file.ends_with("charges.toml")), "{p:?}");
    assert_eq!(p[0].line, 6, "{p:?}");
    assert!(p[0].message.starts_with("statute: "), "{}", p[0].message);
    assert_eq!(p[1].line, 14, "{p:?}");
    assert!(p[1].message.contains("ca-not-a-class"), "{}", p[1].message);
}
