//! Generated inputs for the differential target: requests over a corpus's vocabulary, and small
//! corpora of a few documents and rules written in the policy language.

use std::fmt::Write as _;

use arbitrary::{Result, Unstructured};
use juris::vocabulary::{FactType, ScalarType, Vocabulary};
use juris::{Corpus, RawRequest, Request};
use serde_json::{Value as Json, json};

/// A few dates around the boundaries the generated documents use.
const DATES: [&str; 8] = ["2009-12-31", "2010-01-01", "2014-09-30", "2014-10-01", "2019-07-22", "2020-01-01", "2024-06-30", "2026-02-18"];

fn pick<'a, T>(u: &mut Unstructured<'_>, items: &'a [T]) -> Result<&'a T> {
    u.choose(items)
}

fn scalar(u: &mut Unstructured<'_>, v: &Vocabulary, ty: ScalarType) -> Result<Json> {
    Ok(match ty {
        ScalarType::Bool => json!(u.arbitrary::<bool>()?),
        ScalarType::Int => json!(u.int_in_range(0..=20)?),
        ScalarType::Date => {
            json!(format!("{}-{:02}-{:02}", u.int_in_range(1990..=2027)?, u.int_in_range(1..=12)?, u.int_in_range(1..=28)?))
        }
        ScalarType::Enum(e) => json!(pick(u, &v.enums[e as usize].values)?),
        ScalarType::Statute => json!(pick(u, &["CA PC 459", "CA PC 245(a)(1)", "TX PC 49.04"])?),
        ScalarType::Classes => json!({}),
    })
}

fn value(u: &mut Unstructured<'_>, v: &Vocabulary, ty: FactType) -> Result<Json> {
    Ok(match ty {
        FactType::Scalar(s) => scalar(u, v, s)?,
        FactType::Values(e) => {
            let n = u.int_in_range(0..=3)?;
            (0..n).map(|_| scalar(u, v, ScalarType::Enum(e))).collect::<Result<Vec<_>>>()?.into()
        }
        FactType::Records(r) => {
            let n = u.int_in_range(0..=3)?;
            let mut list = Vec::new();
            for _ in 0..n {
                let mut record = serde_json::Map::new();
                for (name, t) in &v.records[r as usize].fields {
                    record.insert(name.clone(), scalar(u, v, *t)?);
                }
                list.push(Json::Object(record));
            }
            list.into()
        }
    })
}

/// A request with every fact given (`complete`), or with some left out (unknown).
pub fn request(u: &mut Unstructured<'_>, corpus: &Corpus, complete: bool) -> Result<Option<Request>> {
    let v = corpus.vocabulary();
    let jurisdiction = &pick(u, &v.jurisdictions)?.id;
    let agency = &pick(u, &v.agencies)?.0;
    let action = &pick(u, &v.actions)?.0;
    let as_of = if u.arbitrary()? {
        (*pick(u, &DATES)?).to_owned()
    } else {
        format!("{}-{:02}-15", u.int_in_range(1995..=2027)?, u.int_in_range(1..=12)?)
    };
    let mut facts = serde_json::Map::new();
    for fact in &v.facts {
        if complete || u.arbitrary()? {
            facts.insert(fact.name.clone(), value(u, v, fact.ty)?);
        }
    }
    let bills: Vec<String> = corpus.documents().iter().filter(|d| d.is_bill()).map(|d| d.id.clone()).collect();
    let assume: Vec<String> = if !bills.is_empty() && u.ratio(1, 4)? { vec![pick(u, &bills)?.clone()] } else { Vec::new() };
    let json = json!({ "jurisdiction": jurisdiction, "agency": agency, "as_of": as_of, "action": action, "facts": facts, "assume_enacted": assume });
    let Ok(raw) = serde_json::from_value::<RawRequest>(json) else { return Ok(None) };
    Ok(corpus.resolve(&raw).ok())
}

/// The jurisdictions generated documents live in: one stack, and a sibling county.
const PLACES: [&str; 4] = ["us", "us-md", "us-md-montgomery", "us-md-howard"];
const ACTIONS: [&str; 2] = ["hold", "notify"];
const OUTCOMES: [&str; 6] = ["required", "permitted", "prohibited", "unregulated", "uncertain(permitted, prohibited)", "uncertain"];

fn condition(u: &mut Unstructured<'_>, depth: u32) -> Result<String> {
    let atoms = [
        "warrant = judicial",
        "warrant = administrative",
        "warrant = none",
        "held_to_answer",
        "not held_to_answer",
        "detainer_form = I-247A",
        "role = inmate",
        "any charges where (offense = robbery and level = felony)",
        "any convictions where (date within 5 years)",
    ];
    if depth > 0 && u.ratio(1, 3)? {
        let op = if u.arbitrary()? { "and" } else { "or" };
        return Ok(format!("({} {op} {})", condition(u, depth - 1)?, condition(u, depth - 1)?));
    }
    Ok((*pick(u, &atoms)?).to_owned())
}

/// A small corpus: one to four documents over [`PLACES`], each with one to three rules; rules may
/// be exceptions to earlier rules of their document, and documents may override earlier ones.
pub fn corpus(u: &mut Unstructured<'_>) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    let documents = u.int_in_range(1..=4)?;
    for d in 0..documents {
        let place = *pick(u, &PLACES)?;
        let id = format!("{place}/doc-{d}");
        let effective = *pick(u, &DATES[..6])?;
        let mut text = format!(
            "+++\nid = \"{id}\"\njurisdiction = \"{place}\"\nkind = \"{}\"\ntitle = \"Generated {d}\"\ncitation = \"Generated document {d}\"\nsources = [\"https://example.org/{d}\"]\nbinds = \"all\"\nconfidence = \"sourced\"\n",
            pick(u, &["statute", "executive-order", "directive"])?
        );
        let earlier: Vec<&(String, String)> =
            files.iter().filter(|(p, _): &&(String, String)| p.starts_with(&format!("{place}/"))).collect();
        if let Some((path, _)) = earlier.first().filter(|_| u.ratio(1, 4).unwrap_or(false)) {
            let _ = writeln!(text, "overrides = [\"{}\"]", path.trim_end_matches(".md"));
        }
        let _ = write!(text, "\n[[lifecycle]]\nevent = \"effective\"\ndate = \"{effective}\"\n");
        if u.ratio(1, 4)? {
            let _ = write!(text, "\n[[lifecycle]]\nevent = \"repealed\"\ndate = \"{}\"\n", DATES[6]);
        }
        text.push_str("+++\n\n# Section\n\n> The words of the generated source.\n\n```juris\n");
        let rules = u.int_in_range(1..=3)?;
        for r in 0..rules {
            let actions: Vec<&str> = if u.arbitrary()? { ACTIONS.to_vec() } else { vec![*pick(u, &ACTIONS)?] };
            let outcome = *pick(u, &OUTCOMES)?;
            let _ = write!(text, "rule r{r} {{\n  action {}\n", actions.join(", "));
            if u.arbitrary()? {
                let _ = writeln!(text, "  when {}", condition(u, 2)?);
            }
            let _ = writeln!(text, "  outcome {outcome}");
            if outcome.starts_with("uncertain") {
                text.push_str("  reason \"unsettled\"\n");
            }
            if r > 0 && u.ratio(1, 3)? {
                let _ = writeln!(text, "  exception to r{}", u.int_in_range(0..=r - 1)?);
            }
            if u.ratio(1, 5)? {
                let _ = writeln!(text, "  from {}", pick(u, &DATES)?);
            }
            text.push_str("}\n\n");
        }
        text.push_str("```\n");
        files.push((format!("{id}.md"), text));
    }
    Ok(files)
}
