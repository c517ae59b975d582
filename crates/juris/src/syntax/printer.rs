//! Prints the compiled corpus back as text: one canonical form per document, used by snapshot
//! tests to show exactly what the checker understood.

use std::fmt::Write;

use crate::engine::ir::{Cond, Corpus, Document, Membership, Place, RuleOutcome};
use crate::vocabulary::FactType;

impl Corpus {
    /// The canonical text of one document's compiled rules and classes.
    pub fn print_document(&self, doc: &Document) -> String {
        let v = &self.vocabulary;
        let mut out = String::new();
        let _ = writeln!(out, "document {} ({}, {})", doc.id, doc.kind.name(), doc.confidence.name());
        let agencies = |mask: u64| {
            v.agencies.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, (n, _))| n.as_str()).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(out, "  binds {}", agencies(doc.binds));
        let _ = writeln!(
            out,
            "  in force {} .. {}",
            doc.effective.map_or("never".into(), |d| d.to_string()),
            doc.ends.map_or("".into(), |d| d.to_string())
        );
        if let Some(a) = doc.assumed_from {
            let _ = writeln!(out, "  assumed from {a}");
        }
        for class in self.classes.iter().filter(|c| self.documents[c.doc as usize].id == doc.id) {
            let _ = writeln!(out, "  class {}", class.id);
            let offenses = &v.enums[v.offense_enum() as usize].values;
            let levels = &v.enums[v.level_enum() as usize].values;
            let cell = |m: &Membership| match m {
                Membership::No => "-".to_owned(),
                Membership::Yes => "yes".to_owned(),
                Membership::Maybe(r) => format!("maybe#{r}"),
            };
            for version in &class.versions {
                if let Some(from) = version.from {
                    let _ = writeln!(out, "   from {from}");
                }
                for (o, name) in offenses.iter().enumerate() {
                    let row: Vec<String> = (0..=levels.len()).map(|l| cell(&version.table[o * (levels.len() + 1) + l])).collect();
                    if row.iter().any(|c| c != "-") {
                        let _ = writeln!(out, "    {name}: {}", row.join(" "));
                    }
                }
                let mut statutes: Vec<(&String, &Box<[Membership]>)> = version.statutes.iter().collect();
                statutes.sort_by_key(|(statute, _)| *statute);
                for (statute, row) in statutes {
                    let cells: Vec<String> = row.iter().map(cell).collect();
                    let _ = writeln!(out, "    statute {statute:?}: {}", cells.join(" "));
                }
            }
        }
        for &r in &doc.rules {
            let rule = &self.rules[r as usize];
            let actions = v
                .actions
                .iter()
                .enumerate()
                .filter(|(i, _)| rule.actions & (1 << i) != 0)
                .map(|(_, (n, _))| n.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let outcome = match rule.outcome {
                RuleOutcome::Definite(o) => o.name().to_owned(),
                RuleOutcome::Uncertain(set) => format!("uncertain({})", set.iter().map(|o| o.name()).collect::<Vec<_>>().join(", ")),
            };
            let _ = writeln!(out, "  rule {}: {actions} by {} -> {outcome}", rule.id, agencies(rule.agencies));
            let _ = writeln!(out, "    when {}", self.print_cond(&rule.when, None));
            for &e in &rule.exception_to {
                let _ = writeln!(out, "    exception to {}", self.rules[e as usize].id);
            }
            if rule.from.is_some() || rule.until.is_some() {
                let _ = writeln!(
                    out,
                    "    period {} .. {}",
                    rule.from.map_or("".into(), |d| d.to_string()),
                    rule.until.map_or("".into(), |d| d.to_string())
                );
            }
            let _ = writeln!(out, "    cites {} [{}] at {}", self.citation(rule), rule.confidence.name(), rule.section);
            if let Some(source) = &rule.source {
                let _ = writeln!(out, "    source {source}");
            }
        }
        out
    }

    fn print_place(&self, place: Place, list: Option<u16>) -> String {
        let v = &self.vocabulary;
        match place {
            Place::Fact(f) => v.facts[f as usize].name.clone(),
            Place::It => "it".into(),
            Place::Field(i) => match list.map(|f| v.facts[f as usize].ty) {
                Some(FactType::Records(r)) => v.records[r as usize].fields[i as usize].0.clone(),
                _ => format!("field{i}"),
            },
        }
    }

    fn enum_of(&self, place: Place, list: Option<u16>) -> Option<u16> {
        let v = &self.vocabulary;
        let ty = match place {
            Place::Fact(f) => match v.facts[f as usize].ty {
                FactType::Scalar(crate::vocabulary::ScalarType::Enum(e)) => return Some(e),
                _ => return None,
            },
            Place::It => match list.map(|f| v.facts[f as usize].ty) {
                Some(FactType::Values(e)) => return Some(e),
                _ => return None,
            },
            Place::Field(i) => match list.map(|f| v.facts[f as usize].ty) {
                Some(FactType::Records(r)) => v.records[r as usize].fields[i as usize].1,
                _ => return None,
            },
        };
        match ty {
            crate::vocabulary::ScalarType::Enum(e) => Some(e),
            _ => None,
        }
    }

    /// The canonical text of a condition.
    pub(crate) fn print_cond(&self, cond: &Cond, list: Option<u16>) -> String {
        let v = &self.vocabulary;
        match cond {
            Cond::Const(b) => b.to_string(),
            Cond::Not(inner) => format!("not {}", self.print_cond(inner, list)),
            Cond::And(parts) => format!("({})", parts.iter().map(|p| self.print_cond(p, list)).collect::<Vec<_>>().join(" and ")),
            Cond::Or(parts) => format!("({})", parts.iter().map(|p| self.print_cond(p, list)).collect::<Vec<_>>().join(" or ")),
            Cond::Known(p) => format!("known {}", self.print_place(*p, list)),
            Cond::Bool(p) => self.print_place(*p, list),
            Cond::EnumIn(p, mask) => {
                let names: Vec<String> = match self.enum_of(*p, list) {
                    Some(e) => v.enums[e as usize]
                        .values
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, n)| n.clone())
                        .collect(),
                    None => vec![format!("{mask:#x}")],
                };
                format!("{} in {{{}}}", self.print_place(*p, list), names.join(", "))
            }
            Cond::IntCmp(p, op, n) => format!("{} {} {n}", self.print_place(*p, list), op.symbol()),
            Cond::DateCmp(p, op, d) => {
                format!("{} {} {d}", self.print_place(*p, list), op.symbol())
            }
            Cond::Within(p, n, unit) => format!("{} within {n} {}", self.print_place(*p, list), unit.keyword()),
            Cond::Is { place, class, .. } => format!("{} is {}", self.print_place(*place, list), self.classes[*class as usize].id),
            Cond::Quant(q, fact, body) => {
                format!("{} {} where {}", q.keyword(), v.facts[*fact as usize].name, self.print_cond(body, Some(*fact)))
            }
        }
    }
}
