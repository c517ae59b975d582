//! Name and type resolution for one condition: the vocabulary's facts, records, enums and
//! offense classes, and the element of a quantified list.

use std::collections::HashMap;

use crate::date::{Date, Unit};
use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::engine::ir::*;
use crate::syntax::ast::{self, ExprKind, Literal, Spanned};
use crate::vocabulary::{FactType, ScalarType, Vocabulary};

/// Name resolution for one condition.
pub(super) struct Scope<'a> {
    pub(super) v: &'a Vocabulary,
    pub(super) path: &'a str,
    pub(super) section: &'a str,
    pub(super) class_index: &'a HashMap<String, ClassId>,
    pub(super) classes: &'a [Class],
    /// Inside `any`/`all`/`no`: the list being quantified over.
    pub(super) element: Option<FactType>,
    pub(super) errors: &'a mut Vec<Diagnostic>,
}

impl Scope<'_> {
    fn err(&mut self, code: crate::diagnostic::Code, span: Span, message: String, help: Option<String>) {
        self.errors
            .push(Diagnostic::error(code, self.path, Some(span), message).with_help_opt(help).with_section(Some(self.section.to_owned())));
    }

    /// Resolves a name to where it is read and its type.
    fn place(&mut self, name: &Spanned<String>) -> Option<(Place, ScalarOrList)> {
        let v = self.v;
        match self.element {
            Some(FactType::Records(r)) => {
                let record = &v.records[r as usize];
                if let Some(i) = record.fields.iter().position(|(f, _)| *f == name.value) {
                    return Some((Place::Field(i as u8), ScalarOrList::Scalar(record.fields[i].1)));
                }
            }
            Some(FactType::Values(e)) if name.value == "it" => {
                return Some((Place::It, ScalarOrList::Scalar(ScalarType::Enum(e))));
            }
            _ => {}
        }
        if let Some(f) = v.fact(&name.value) {
            return Some((
                Place::Fact(f),
                match v.facts[f as usize].ty {
                    FactType::Scalar(s) => ScalarOrList::Scalar(s),
                    list => ScalarOrList::List(list),
                },
            ));
        }
        let mut names: Vec<String> = v.facts.iter().map(|f| f.name.clone()).collect();
        if let Some(FactType::Records(r)) = self.element {
            names.extend(v.records[r as usize].fields.iter().map(|(f, _)| f.clone()));
        }
        if let Some(FactType::Values(_)) = self.element {
            names.push("it".into());
        }
        let help = did_you_mean(&name.value, names.iter().map(String::as_str)).or(Some("facts are declared in vocabulary.toml".into()));
        self.err(crate::diagnostic::Code::E0320, name.span, format!("unknown fact `{}`", name.value), help);
        None
    }

    fn scalar(&mut self, name: &Spanned<String>) -> Option<(Place, ScalarType)> {
        match self.place(name)? {
            (place, ScalarOrList::Scalar(s)) => Some((place, s)),
            (_, ScalarOrList::List(_)) => {
                self.err(
                    crate::diagnostic::Code::E0321,
                    name.span,
                    format!("`{}` is a list", name.value),
                    Some(format!("use `any {} where ...`", name.value)),
                );
                None
            }
        }
    }

    fn enum_mask(&mut self, e: u16, values: &[&Spanned<String>]) -> Option<u64> {
        let mut mask = 0;
        let mut ok = true;
        for value in values {
            match self.v.enum_value(e, &value.value) {
                Some(i) => mask |= 1u64 << i,
                None => {
                    let def = &self.v.enums[e as usize];
                    let help = did_you_mean(&value.value, def.values.iter().map(String::as_str));
                    self.err(
                        crate::diagnostic::Code::E0322,
                        value.span,
                        format!("`{}` is not a value of `{}`", value.value, def.name),
                        help,
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(mask)
    }

    pub(super) fn cond(&mut self, e: &ast::Expr) -> Cond {
        self.try_cond(e).unwrap_or(Cond::Const(false))
    }

    pub(super) fn try_cond(&mut self, e: &ast::Expr) -> Option<Cond> {
        Some(match &e.kind {
            ExprKind::Bool(b) => Cond::Const(*b),
            ExprKind::Not(inner) => Cond::Not(Box::new(self.cond(inner))),
            ExprKind::And(parts) => Cond::And(parts.iter().map(|p| self.cond(p)).collect()),
            ExprKind::Or(parts) => Cond::Or(parts.iter().map(|p| self.cond(p)).collect()),
            ExprKind::Known(name) => Cond::Known(self.place(name)?.0),
            ExprKind::Truthy(name) => {
                let (place, ty) = self.scalar(name)?;
                if ty != ScalarType::Bool {
                    let help = match ty {
                        ScalarType::Enum(en) => Some(format!(
                            "compare it: `{} = {}`",
                            name.value,
                            self.v.enums[en as usize].values.first().cloned().unwrap_or_default()
                        )),
                        _ => Some("compare it with `=`, `<` or `>`".into()),
                    };
                    self.err(
                        crate::diagnostic::Code::E0323,
                        name.span,
                        format!("`{}` holds a `{}` value, not true or false", name.value, self.v.scalar_name(ty)),
                        help,
                    );
                    return None;
                }
                Cond::Bool(place)
            }
            ExprKind::Compare { name, op, value } => {
                let (place, ty) = self.scalar(name)?;
                match (ty, &value.value) {
                    (ScalarType::Enum(en), Literal::Name(n)) if matches!(op, ast::CmpOp::Eq | ast::CmpOp::Ne) => {
                        let mask = self.enum_mask(en, &[&Spanned::new(n.clone(), value.span)])?;
                        let c = Cond::EnumIn(place, mask);
                        if *op == ast::CmpOp::Ne { Cond::Not(Box::new(c)) } else { c }
                    }
                    (ScalarType::Bool, Literal::Name(n))
                        if matches!(op, ast::CmpOp::Eq | ast::CmpOp::Ne) && (n == "true" || n == "false") =>
                    {
                        if (n == "true") == (*op == ast::CmpOp::Eq) { Cond::Bool(place) } else { Cond::Not(Box::new(Cond::Bool(place))) }
                    }
                    (ScalarType::Int, Literal::Int(i)) => Cond::IntCmp(place, *op, *i),
                    (ScalarType::Date, Literal::Date(d)) => match Date::parse(d) {
                        Some(date) => Cond::DateCmp(place, *op, date),
                        None => {
                            self.err(crate::diagnostic::Code::E0105, value.span, format!("`{d}` is not a date"), None);
                            return None;
                        }
                    },
                    _ => {
                        self.err(
                            crate::diagnostic::Code::E0324,
                            e.span,
                            format!(
                                "cannot compare `{}` ({}) with `{}` using `{}`",
                                name.value,
                                self.v.scalar_name(ty),
                                literal_text(&value.value),
                                op.symbol()
                            ),
                            Some(match ty {
                                ScalarType::Enum(en) => format!(
                                    "`{}` takes `=`, `!=` or `in` with one of: {}",
                                    name.value,
                                    self.v.enums[en as usize].values.join(", ")
                                ),
                                ScalarType::Bool => format!("write `{}` or `not {}`", name.value, name.value),
                                ScalarType::Int => "compare with a number".into(),
                                ScalarType::Date => "compare with a date such as `2014-01-01`, or use `within N years`".into(),
                                ScalarType::Statute | ScalarType::Classes => {
                                    "a record's statute and classes are read by `offense is <class>`, through the class's lines".into()
                                }
                            }),
                        );
                        return None;
                    }
                }
            }
            ExprKind::In { name, values } => {
                let (place, ty) = self.scalar(name)?;
                let ScalarType::Enum(en) = ty else {
                    self.err(
                        crate::diagnostic::Code::E0324,
                        name.span,
                        format!("`in` needs an enum, and `{}` is a {}", name.value, self.v.scalar_name(ty)),
                        None,
                    );
                    return None;
                };
                let refs: Vec<&Spanned<String>> = values.iter().collect();
                Cond::EnumIn(place, self.enum_mask(en, &refs)?)
            }
            ExprKind::Is { name, class } => {
                let (place, ty) = self.scalar(name)?;
                if ty != ScalarType::Enum(self.v.offense_enum()) {
                    self.err(
                        crate::diagnostic::Code::E0325,
                        name.span,
                        format!("`is` tests an offense against a class, and `{}` is a {}", name.value, self.v.scalar_name(ty)),
                        Some("write `offense is <class>`".into()),
                    );
                    return None;
                }
                let Some(&class_id) = self.class_index.get(&class.value) else {
                    let help = did_you_mean(&class.value, self.classes.iter().map(|c| c.id.as_str()))
                        .or(Some("classes are declared with `class <id> { ... }`".into()));
                    self.err(crate::diagnostic::Code::E0326, class.span, format!("unknown offense class `{}`", class.value), help);
                    return None;
                };
                let field = |name: &str, ty: ScalarType| match (self.element, place) {
                    (Some(FactType::Records(r)), Place::Field(_)) => {
                        self.v.records[r as usize].fields.iter().position(|(n, t)| n == name && *t == ty).map(|p| p as u8)
                    }
                    _ => None,
                };
                let level = field("level", ScalarType::Enum(self.v.level_enum()));
                let statute = field("statute", ScalarType::Statute);
                let asserted = field("classes", ScalarType::Classes);
                Cond::Is { place, class: class_id, level, statute, asserted }
            }
            ExprKind::Within { name, amount, unit } => {
                let (place, ty) = self.scalar(name)?;
                if ty != ScalarType::Date {
                    self.err(
                        crate::diagnostic::Code::E0324,
                        name.span,
                        format!("`within` needs a date, and `{}` is a {}", name.value, self.v.scalar_name(ty)),
                        None,
                    );
                    return None;
                }
                let unit = match unit.value.as_str() {
                    "year" | "years" => Unit::Years,
                    "month" | "months" => Unit::Months,
                    "day" | "days" => Unit::Days,
                    other => {
                        let help = did_you_mean(other, ["years", "months", "days"]);
                        self.err(crate::diagnostic::Code::E0327, unit.span, format!("unknown unit `{other}`"), help);
                        return None;
                    }
                };
                if amount.value < 0 {
                    self.err(crate::diagnostic::Code::E0327, amount.span, "a window cannot be negative".into(), None);
                    return None;
                }
                Cond::Within(place, amount.value, unit)
            }
            ExprKind::Quant { quantifier, list, body } => {
                if self.element.is_some() {
                    self.err(
                        crate::diagnostic::Code::E0328,
                        list.span,
                        "lists cannot be quantified inside another `any`/`all`/`no`".into(),
                        None,
                    );
                    return None;
                }
                let (place, ty) = self.place(list)?;
                let (Place::Fact(fact), ScalarOrList::List(list_ty)) = (place, ty) else {
                    self.err(
                        crate::diagnostic::Code::E0321,
                        list.span,
                        format!("`{}` is not a list", list.value),
                        Some("`any`/`all`/`no` range over list facts such as `charges`".into()),
                    );
                    return None;
                };
                self.element = Some(list_ty);
                let body = self.cond(body);
                self.element = None;
                Cond::Quant(*quantifier, fact, Box::new(body))
            }
        })
    }
}

#[derive(Clone, Copy)]
pub(super) enum ScalarOrList {
    Scalar(ScalarType),
    List(FactType),
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::Name(n) => n.clone(),
        Literal::Int(i) => i.to_string(),
        Literal::Date(d) => d.clone(),
    }
}
