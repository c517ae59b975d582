//! Phase 3: offense classes and rules, with each condition resolved against the vocabulary.

use std::collections::HashMap;

use super::Checker;
use super::front_matter::ParsedDocument;
use super::scope::Scope;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::engine::ir::*;
use crate::syntax::ast::{ClassAst, Item, OutcomeAst, RuleAst, Spanned};

/// Where a rule is written: its file, the law section and quoted text above it, its document.
struct RuleSite<'a> {
    path: &'a str,
    section: &'a str,
    text: &'a str,
    doc: &'a Document,
    doc_id: DocId,
}

/// The names a rule's condition and exceptions may refer to.
#[derive(Clone, Copy)]
struct Names<'a> {
    class_index: &'a HashMap<String, ClassId>,
    classes: &'a [Class],
    rule_index: &'a HashMap<String, RuleId>,
}

impl Checker {
    /// Compiles every offense class; rules refer to them, so they come first.
    pub(super) fn compile_classes(&mut self, parsed: &[ParsedDocument]) -> (Vec<Class>, HashMap<String, ClassId>) {
        let mut classes: Vec<Class> = Vec::new();
        let mut class_index: HashMap<String, ClassId> = HashMap::new();
        for (d, p) in parsed.iter().enumerate() {
            for (item, section, _) in &p.items {
                if let Item::Class(c) = item {
                    if class_index.contains_key(&c.id.value) {
                        self.error(crate::diagnostic::Code::E0301, &p.path, c.id.span, format!("class `{}` is declared twice", c.id.value));
                        continue;
                    }
                    let class = self.compile_class(&p.path, section, d as DocId, c);
                    class_index.insert(c.id.value.clone(), classes.len() as ClassId);
                    classes.push(class);
                }
            }
        }
        (classes, class_index)
    }

    /// Compiles every rule: ids first (exceptions may name a later rule), then bodies.
    pub(super) fn compile_rules(
        &mut self,
        parsed: &[ParsedDocument],
        documents: &mut [Document],
        class_index: &HashMap<String, ClassId>,
        classes: &[Class],
    ) -> (Vec<Rule>, HashMap<String, RuleId>) {
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_index: HashMap<String, RuleId> = HashMap::new();
        let mut pending: Vec<(usize, &RuleAst, String, String)> = Vec::new();
        for (d, p) in parsed.iter().enumerate() {
            for (item, section, text) in &p.items {
                if let Item::Rule(r) = item {
                    let full = format!("{}#{}", documents[d].id, r.id.value);
                    if !r.id.value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                        self.error(
                            crate::diagnostic::Code::E0302,
                            &p.path,
                            r.id.span,
                            format!("rule id `{}` must use lowercase letters, digits and `-`", r.id.value),
                        );
                    }
                    if rule_index.contains_key(&full) {
                        self.error(
                            crate::diagnostic::Code::E0303,
                            &p.path,
                            r.id.span,
                            format!("rule `{}` is declared twice in this document", r.id.value),
                        )
                        .section = Some(section.clone());
                        continue;
                    }
                    rule_index.insert(full, (rules.len() + pending.len()) as RuleId);
                    pending.push((d, r, section.clone(), text.clone()));
                }
            }
        }
        for (d, r, section, text) in &pending {
            let p = &parsed[*d];
            let site = RuleSite { path: &p.path, section, text, doc: &documents[*d], doc_id: *d as DocId };
            let rule = self.compile_rule(site, r, &Names { class_index, classes, rule_index: &rule_index });
            documents[*d].rules.push(rules.len() as RuleId);
            rules.push(rule);
        }
        (rules, rule_index)
    }

    fn compile_class(&mut self, path: &str, section: &str, doc: DocId, c: &ClassAst) -> Class {
        let v = &self.vocabulary;
        let offense_enum = v.offense_enum();
        let level_enum = v.level_enum();
        let offenses = v.enums[offense_enum as usize].values.len();
        let levels = v.enums[level_enum as usize].values.len();
        let mut reasons = Vec::new();
        let mut errors = Vec::new();
        // Each line's membership, levels, statutes, offenses and period, checked once.
        struct Line {
            membership: Membership,
            levels: Vec<usize>,
            statutes: Vec<String>,
            offenses: Vec<usize>,
            from: Option<Date>,
            until: Option<Date>,
        }
        let mut lines = Vec::new();
        for line in &c.lines {
            let membership = match &line.maybe {
                Some(reason) => {
                    reasons.push(reason.value.clone());
                    Membership::Maybe((reasons.len() - 1) as u16)
                }
                None => Membership::Yes,
            };
            let mut level_ids = Vec::new();
            for l in &line.levels {
                match v.enum_value(level_enum, &l.value) {
                    Some(id) => level_ids.push(id as usize),
                    None => errors.push((
                        l.span,
                        format!("unknown level `{}`", l.value),
                        did_you_mean(&l.value, v.enums[level_enum as usize].values.iter().map(String::as_str)),
                    )),
                }
            }
            if line.levels.is_empty() {
                level_ids = (0..levels).collect();
            }
            let mut statutes = Vec::new();
            for statute in &line.statutes {
                match crate::syntax::statute::normalize(&statute.value) {
                    Ok(normal) => statutes.push(normal),
                    Err(problem) => errors.push((
                        statute.span,
                        format!("statute `{}` {problem}", statute.value),
                        Some("write the jurisdiction, the code and the section, e.g. `\"CA PC 459\"`".into()),
                    )),
                }
            }
            let mut offense_ids = Vec::new();
            for o in &line.offenses {
                match v.enum_value(offense_enum, &o.value) {
                    Some(id) => offense_ids.push(id as usize),
                    None => errors.push((
                        o.span,
                        format!("unknown offense `{}`", o.value),
                        did_you_mean(&o.value, v.enums[offense_enum as usize].values.iter().map(String::as_str)),
                    )),
                }
            }
            let mut date = |d: &Option<Spanned<String>>| {
                let d = d.as_ref()?;
                let parsed = Date::parse(&d.value);
                if parsed.is_none() {
                    errors.push((d.span, format!("`{}` is not a date", d.value), Some("write dates as YYYY-MM-DD".into())));
                }
                parsed
            };
            let (from, until) = (date(&line.from), date(&line.until));
            if let (Some(f), Some(u), Some(span)) = (from, until, line.until.as_ref().map(|u| u.span)) {
                if u <= f {
                    errors.push((span, format!("this line of class `{}` ends ({u}) before it starts ({f})", c.id.value), None));
                }
            }
            lines.push(Line { membership, levels: level_ids, statutes, offenses: offense_ids, from, until });
        }
        // One table per period between the lines' dates: the first from the beginning of time.
        let mut starts: Vec<Option<Date>> = vec![None];
        let mut bounds: Vec<Date> = lines.iter().flat_map(|l| l.from.into_iter().chain(l.until)).collect();
        bounds.sort_unstable();
        bounds.dedup();
        starts.extend(bounds.into_iter().map(Some));
        let mut versions = Vec::with_capacity(starts.len());
        for start in starts {
            let holds = |l: &Line| match start {
                None => l.from.is_none(),
                Some(day) => l.from.is_none_or(|f| f <= day) && l.until.is_none_or(|u| day < u),
            };
            let mut table = vec![Membership::No; offenses * (levels + 1)];
            let mut statutes: HashMap<String, Vec<Membership>> = HashMap::new();
            for line in lines.iter().filter(|l| holds(l)) {
                for statute in &line.statutes {
                    let row = statutes.entry(statute.clone()).or_insert_with(|| vec![Membership::No; levels + 1]);
                    for &l in &line.levels {
                        row[l] = line.membership;
                    }
                }
                for &o in &line.offenses {
                    for &l in &line.levels {
                        table[o * (levels + 1) + l] = line.membership;
                    }
                }
            }
            let mut reason = |text: String| {
                let at = reasons.iter().position(|r| *r == text).unwrap_or_else(|| {
                    reasons.push(text);
                    reasons.len() - 1
                });
                Membership::Maybe(at as u16)
            };
            // The "level unknown" column: decided only when every level agrees.
            for o in 0..offenses {
                let row = &table[o * (levels + 1)..o * (levels + 1) + levels];
                let unknown = if row.iter().all(|m| *m == row[0]) {
                    row[0]
                } else {
                    reason(format!(
                        "membership of `{}` in `{}` depends on its level, which is unknown",
                        v.enums[offense_enum as usize].values[o], c.id.value
                    ))
                };
                table[o * (levels + 1) + levels] = unknown;
            }
            let mut statute_rows = HashMap::with_capacity(statutes.len());
            let mut names: Vec<String> = statutes.keys().cloned().collect();
            names.sort();
            for name in names {
                let Some(mut row) = statutes.remove(&name) else { continue };
                row[levels] = if row[..levels].iter().all(|m| *m == row[0]) {
                    row[0]
                } else {
                    reason(format!("membership of `{name}` in `{}` depends on its level, which is unknown", c.id.value))
                };
                statute_rows.insert(name, row.into_boxed_slice());
            }
            versions.push(ClassVersion { from: start, table, statutes: statute_rows });
        }
        for (span, message, help) in errors {
            self.error(crate::diagnostic::Code::E0304, path, span, message).help = help;
            let last = self.diagnostics.len() - 1;
            self.diagnostics[last].section = Some(section.to_owned());
        }
        Class { id: c.id.value.clone(), doc, levels, versions, reasons }
    }

    fn compile_rule(&mut self, site: RuleSite<'_>, r: &RuleAst, names: &Names<'_>) -> Rule {
        let RuleSite { path, section, text, doc, doc_id } = site;
        let Names { class_index, classes, rule_index } = *names;
        let v = self.vocabulary.clone();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let err = |code: crate::diagnostic::Code, span: Span, message: String| {
            Diagnostic::error(code, path, Some(span), message).with_section(Some(section.to_owned()))
        };

        let mut actions = 0u64;
        if r.actions.is_empty() {
            errors.push(
                err(crate::diagnostic::Code::E0305, r.id.span, format!("rule `{}` names no action", r.id.value))
                    .with_help("add `action hold` (or another action from vocabulary.toml)"),
            );
        }
        for a in &r.actions {
            match v.action(&a.value) {
                Some(i) => actions |= 1 << i,
                None => errors.push(
                    err(crate::diagnostic::Code::E0306, a.span, format!("unknown action `{}`", a.value))
                        .with_label("not an action")
                        .with_help_opt(did_you_mean(&a.value, v.actions.iter().map(|(n, _)| n.as_str()))),
                ),
            }
        }
        let mut agencies = doc.binds;
        if !r.agencies.is_empty() {
            agencies = 0;
            for a in &r.agencies {
                match v.agency(&a.value) {
                    Some(i) if doc.binds & (1 << i) != 0 => agencies |= 1 << i,
                    Some(_) => errors.push(
                        err(crate::diagnostic::Code::E0308, a.span, format!("agency `{}` is not bound by document `{}`", a.value, doc.id))
                            .with_help("a rule can only narrow the agencies its document `binds`"),
                    ),
                    None => errors.push(
                        err(crate::diagnostic::Code::E0309, a.span, format!("unknown agency `{}`", a.value))
                            .with_help_opt(did_you_mean(&a.value, v.agencies.iter().map(|(n, _)| n.as_str()))),
                    ),
                }
            }
        }
        let outcome = match &r.outcome {
            None => {
                errors.push(
                    err(crate::diagnostic::Code::E0310, r.id.span, format!("rule `{}` has no outcome", r.id.value))
                        .with_help("add `outcome permitted`, `prohibited`, `required` or `uncertain(...)`"),
                );
                RuleOutcome::Definite(Outcome::Uncertain)
            }
            Some(o) => match &o.value {
                OutcomeAst::Plain(name) => match Outcome::parse(name) {
                    Some(out @ (Outcome::Required | Outcome::Permitted | Outcome::Prohibited)) => RuleOutcome::Definite(out),
                    _ => {
                        errors.push(
                            err(crate::diagnostic::Code::E0311, o.span, format!("`{name}` is not an outcome a rule can give"))
                                .with_help_opt(
                                    did_you_mean(name, ["required", "permitted", "prohibited", "uncertain"])
                                        .or(Some("use required, permitted, prohibited or uncertain(...)".into())),
                                ),
                        );
                        RuleOutcome::Definite(Outcome::Uncertain)
                    }
                },
                OutcomeAst::Uncertain(options) => {
                    let mut set = OutcomeSet::default();
                    for option in options {
                        match Outcome::parse(&option.value) {
                            Some(out @ (Outcome::Required | Outcome::Permitted | Outcome::Prohibited | Outcome::Unregulated)) => {
                                set.insert(out)
                            }
                            _ => errors.push(
                                err(
                                    crate::diagnostic::Code::E0311,
                                    option.span,
                                    format!("`{}` cannot be one of an uncertain rule's outcomes", option.value),
                                )
                                .with_help("list required, permitted, prohibited or unregulated"),
                            ),
                        }
                    }
                    if options.is_empty() {
                        set.insert(Outcome::Permitted);
                        set.insert(Outcome::Prohibited);
                    }
                    if set.len() < 2 && !options.is_empty() {
                        errors.push(
                            err(crate::diagnostic::Code::E0312, o.span, "an uncertain rule must list at least two outcomes".into())
                                .with_help("if the answer is known, give it as a plain outcome"),
                        );
                    }
                    if r.reason.is_none() {
                        errors.push(
                            err(crate::diagnostic::Code::E0313, o.span, format!("uncertain rule `{}` gives no reason", r.id.value))
                                .with_help("add `reason \"...\"` naming the open legal question or the missing source"),
                        );
                    }
                    RuleOutcome::Uncertain(set)
                }
            },
        };
        let mut exception_to = Vec::new();
        for target in &r.exceptions {
            let full = if target.value.contains('#') { target.value.clone() } else { format!("{}#{}", doc.id, target.value) };
            match rule_index.get(&full) {
                Some(&id) => exception_to.push(id),
                None => {
                    let local: Vec<&str> =
                        rule_index.keys().filter(|k| k.starts_with(&format!("{}#", doc.id))).map(|k| &k[doc.id.len() + 1..]).collect();
                    let hint = if target.value.contains('#') {
                        did_you_mean(&target.value, rule_index.keys().map(String::as_str))
                    } else {
                        did_you_mean(&target.value, local)
                    };
                    errors.push(
                        err(crate::diagnostic::Code::E0314, target.span, format!("`exception to` names unknown rule `{}`", target.value))
                            .with_help_opt(hint),
                    );
                }
            }
        }
        let date = |d: &Option<Spanned<String>>, errors: &mut Vec<Diagnostic>| -> Option<Date> {
            let d = d.as_ref()?;
            let parsed = Date::parse(&d.value);
            if parsed.is_none() {
                errors.push(
                    err(crate::diagnostic::Code::E0105, d.span, format!("`{}` is not a date", d.value))
                        .with_help("write dates as YYYY-MM-DD"),
                );
            }
            parsed
        };
        let from = date(&r.from, &mut errors);
        let until = date(&r.until, &mut errors);
        if let (Some(f), Some(u)) = (from, until) {
            if u <= f {
                errors.push(err(
                    crate::diagnostic::Code::E0315,
                    r.until.as_ref().map_or(r.id.span, |u| u.span),
                    format!("rule `{}` ends ({u}) before it starts ({f})", r.id.value),
                ));
            }
        }
        if let Some(source) = &r.source {
            if !doc.sources.contains(&source.value) {
                errors.push(
                    err(
                        crate::diagnostic::Code::E0329,
                        source.span,
                        format!("rule `{}` names a source its document does not list: `{}`", r.id.value, source.value),
                    )
                    .with_help(format!(
                        "add the address to the front matter's `sources`, or name one of: {}",
                        doc.sources.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        let confidence = match &r.confidence {
            None => doc.confidence,
            Some(c) => Confidence::parse(&c.value).unwrap_or_else(|| {
                errors.push(
                    err(crate::diagnostic::Code::E0205, c.span, format!("unknown confidence `{}`", c.value))
                        .with_help_opt(did_you_mean(&c.value, Confidence::NAMES)),
                );
                doc.confidence
            }),
        };
        let when = match &r.when {
            None => Cond::Const(true),
            Some(e) => {
                let mut scope = Scope { v: &v, path, section, class_index, classes, element: None, errors: &mut errors };
                scope.cond(e)
            }
        };
        if text.trim().is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(
                    crate::diagnostic::Code::W0101,
                    path,
                    Some(r.id.span),
                    format!("rule `{}` has no source text above it", r.id.value),
                )
                .with_help("quote the words the rule encodes in a block quote right above the code block")
                .with_section(Some(section.to_owned())),
            );
        }
        self.diagnostics.extend(errors);
        Rule {
            id: format!("{}#{}", doc.id, r.id.value),
            doc: doc_id,
            actions,
            agencies,
            when,
            outcome,
            reason: r.reason.as_ref().map(|s| s.value.clone()),
            obligations: r.obligations.iter().map(|o| o.value.clone()).collect(),
            exception_to,
            from,
            until,
            confidence,
            cite: r.cite.as_ref().map(|s| s.value.clone()),
            source: r.source.as_ref().map(|s| s.value.clone()),
            section: section.to_owned(),
            text: text.to_owned(),
            span: r.id.span,
        }
    }

    pub(super) fn check_exception_cycles(&mut self, rules: &[Rule], documents: &[Document]) {
        // Depth-first search with colours; a back edge is a cycle.
        let mut colour = vec![0u8; rules.len()];
        for start in 0..rules.len() {
            if colour[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            colour[start] = 1;
            while let Some((node, next)) = stack.pop() {
                if let Some(&target) = rules[node].exception_to.get(next) {
                    stack.push((node, next + 1));
                    let t = target as usize;
                    if colour[t] == 1 {
                        let rule = &rules[node];
                        let doc = &documents[rule.doc as usize];
                        self.diagnostics.push(
                            Diagnostic::error(
                                crate::diagnostic::Code::E0307,
                                &doc.path,
                                Some(rule.span),
                                format!("exceptions form a cycle through `{}` and `{}`", rule.id, rules[t].id),
                            )
                            .with_help("an exception must not, through other exceptions, be an exception to itself")
                            .with_section(Some(rule.section.clone())),
                        );
                    } else if colour[t] == 0 {
                        colour[t] = 1;
                        stack.push((t, 0));
                    }
                } else {
                    colour[node] = 2;
                }
            }
        }
    }
}
