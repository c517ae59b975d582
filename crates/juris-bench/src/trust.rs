//! The TRUST-Act-shaped rule set in several engines: juris (the corpus in `corpus/`), Cedar
//! (`policies/policy.cedar`), Rego through regorus's interpreter and its virtual machine
//! (`policies/policy.rego`, the RVM in [`crate::rvm`]) and hand-written Rust ([`crate::native`]),
//! over the same flattened request attributes, with a seeded random draw of requests and the
//! agreement check.
//!
//! Decisions are compared as allow or deny. Cedar denies when no permit applies and a forbid beats
//! every permit; each Rego rule is a boolean. juris answers `permitted` or `required` (allow),
//! `prohibited` or `unregulated` (deny); every request is fully known, so an `uncertain` answer
//! is an error, not a deny.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::str::FromStr;

use anyhow::{Context as _, anyhow, bail};
use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, RestrictedExpression};
use juris::{Corpus, Outcome, RawRequest, RawValue, Source};

use crate::native;
use crate::rng::Rng;
use crate::rvm::RvmEngine;

/// The five actions, in the order used for indices everywhere in this crate.
pub const ACTIONS: [&str; 5] = ["notify", "hold", "interview", "assist", "inquire_status"];
pub const WARRANTS: [&str; 3] = ["none", "administrative", "judicial"];
/// The roles the rule set mentions, and two it does not.
pub const ROLES: [&str; 5] = ["arrestee", "suspect", "inmate", "victim", "witness"];
/// Charge categories: the six the rule set mentions, and four it does not.
pub const CHARGES: [&str; 10] = [
    "status_offense",
    "drugs",
    "money_laundering",
    "human_trafficking",
    "terrorism",
    "civil_immigration",
    "theft",
    "assault",
    "dui",
    "traffic",
];
/// Years since a listed conviction when there is none. Cedar's `context.listed_felony_years <= 15`
/// needs the attribute present, so juris, Cedar and Rego get this sentinel instead of an absent value
/// (the hand-written evaluator reads it as `None`).
pub const NO_CONVICTION: i64 = 999;

pub const CEDAR_POLICY: &str = include_str!("../policies/policy.cedar");
pub const REGO_POLICY: &str = include_str!("../policies/policy.rego");
const VOCABULARY: &str = include_str!("../corpus/vocabulary.toml");
const DOCUMENT_PATH: &str = "bench/trust-shaped.md";
const DOCUMENT: &str = include_str!("../corpus/bench/trust-shaped.md");
/// The date the juris requests are decided as of (the document is in force from 2014-01-01).
const AS_OF: &str = "2020-01-01";

/// One request's attributes, every one known.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub serious_violent_felony_conv: bool,
    pub state_prison_felony_conv: bool,
    pub listed_felony_years: i64,
    pub listed_wobbler_misd_years: i64,
    pub sex_offender_registrant: bool,
    pub aggravated_felony_conv: bool,
    pub federal_felony_warrant: bool,
    pub held_to_answer_serious: bool,
    pub warrant: &'static str,
    pub age: i64,
    /// Distinct categories, so that Cedar's set equality and Rego's `count` read them alike.
    pub charges: Vec<&'static str>,
    pub written_consent: bool,
    pub role: &'static str,
}

impl Facts {
    /// Draws each attribute independently: warrant none/administrative/judicial, age 14-69,
    /// conviction booleans with small probabilities, years since a listed conviction 0-29 or none,
    /// one to four distinct charge categories, and a role.
    pub fn random(rng: &mut Rng) -> Facts {
        let years = |rng: &mut Rng| if rng.chance(0.5) { NO_CONVICTION } else { rng.range(0, 29) };
        let listed_felony_years = years(rng);
        let listed_wobbler_misd_years = years(rng);
        let count = 1 + rng.below(4) as usize;
        let mut charges: Vec<&'static str> = Vec::with_capacity(count);
        while charges.len() < count {
            let charge = CHARGES[rng.index(CHARGES.len())];
            if !charges.contains(&charge) {
                charges.push(charge);
            }
        }
        Facts {
            serious_violent_felony_conv: rng.chance(0.05),
            state_prison_felony_conv: rng.chance(0.05),
            listed_felony_years,
            listed_wobbler_misd_years,
            sex_offender_registrant: rng.chance(0.03),
            aggravated_felony_conv: rng.chance(0.03),
            federal_felony_warrant: rng.chance(0.02),
            held_to_answer_serious: rng.chance(0.05),
            warrant: WARRANTS[rng.index(WARRANTS.len())],
            age: rng.range(14, 69),
            charges,
            written_consent: rng.chance(0.3),
            role: ROLES[rng.index(ROLES.len())],
        }
    }

    /// The attributes as one JSON object: Rego's `input`, and how a request is shown.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "serious_violent_felony_conv": self.serious_violent_felony_conv,
            "state_prison_felony_conv": self.state_prison_felony_conv,
            "listed_felony_years": self.listed_felony_years,
            "listed_wobbler_misd_years": self.listed_wobbler_misd_years,
            "sex_offender_registrant": self.sex_offender_registrant,
            "aggravated_felony_conv": self.aggravated_felony_conv,
            "federal_felony_warrant": self.federal_felony_warrant,
            "held_to_answer_serious": self.held_to_answer_serious,
            "warrant": self.warrant,
            "age": self.age,
            "charges": self.charges,
            "written_consent": self.written_consent,
            "role": self.role,
        })
    }
}

/// `n` random requests drawn from `seed`.
pub fn random_facts(n: usize, seed: u64) -> Vec<Facts> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| Facts::random(&mut rng)).collect()
}

/// juris over the rule set's own corpus (embedded from `corpus/`).
pub struct JurisEngine {
    pub corpus: Corpus,
}

impl JurisEngine {
    pub fn new() -> anyhow::Result<JurisEngine> {
        let sources = [Source::new("vocabulary.toml", VOCABULARY), Source::new(DOCUMENT_PATH, DOCUMENT)];
        let loaded = juris::load(&sources);
        match loaded.corpus {
            Some(corpus) => Ok(JurisEngine { corpus }),
            None => {
                let problems: Vec<String> = loaded.diagnostics.iter().map(|d| d.short(&sources)).collect();
                bail!("the benchmark corpus does not load:\n{}", problems.join("\n"))
            }
        }
    }

    /// The resolved request for one action.
    pub fn request(&self, facts: &Facts, action: usize) -> anyhow::Result<juris::Request> {
        let bool = |b: bool| RawValue::Bool(b);
        let text = |t: &str| RawValue::Text(t.to_owned());
        let facts = BTreeMap::from([
            ("serious_violent_felony_conv".to_owned(), bool(facts.serious_violent_felony_conv)),
            ("state_prison_felony_conv".to_owned(), bool(facts.state_prison_felony_conv)),
            ("listed_felony_years".to_owned(), RawValue::Int(facts.listed_felony_years)),
            ("listed_wobbler_misd_years".to_owned(), RawValue::Int(facts.listed_wobbler_misd_years)),
            ("sex_offender_registrant".to_owned(), bool(facts.sex_offender_registrant)),
            ("aggravated_felony_conv".to_owned(), bool(facts.aggravated_felony_conv)),
            ("federal_felony_warrant".to_owned(), bool(facts.federal_felony_warrant)),
            ("held_to_answer_serious".to_owned(), bool(facts.held_to_answer_serious)),
            ("warrant".to_owned(), text(facts.warrant)),
            ("age".to_owned(), RawValue::Int(facts.age)),
            ("charges".to_owned(), RawValue::List(facts.charges.iter().map(|c| text(c)).collect())),
            ("written_consent".to_owned(), bool(facts.written_consent)),
            ("role".to_owned(), text(facts.role)),
        ]);
        let raw = RawRequest {
            jurisdiction: "bench".into(),
            agency: "sheriff".into(),
            as_of: Some(AS_OF.into()),
            action: ACTIONS[action].into(),
            facts,
            assume_enacted: Vec::new(),
        };
        self.corpus.resolve(&raw).map_err(|e| anyhow!("juris rejects the request: {e}"))
    }

    /// Allow or deny for a juris outcome; `uncertain` cannot be mapped and is an error.
    pub fn allows(outcome: Outcome) -> anyhow::Result<bool> {
        match outcome {
            Outcome::Permitted | Outcome::Required => Ok(true),
            Outcome::Prohibited | Outcome::Unregulated => Ok(false),
            Outcome::Uncertain => bail!("juris answered `uncertain` to a fully known request"),
        }
    }
}

/// Cedar over `policies/policy.cedar`, without a schema, with no entities.
pub struct CedarEngine {
    pub policies: PolicySet,
    pub entities: Entities,
    pub authorizer: Authorizer,
    principal: EntityUid,
    resource: EntityUid,
    actions: Vec<EntityUid>,
}

impl CedarEngine {
    pub fn new() -> anyhow::Result<CedarEngine> {
        let uid = |text: &str| EntityUid::from_str(text).with_context(|| format!("entity uid {text}"));
        let policies = PolicySet::from_str(CEDAR_POLICY).map_err(|e| anyhow!("policy.cedar does not parse: {e}"))?;
        let mut actions = Vec::with_capacity(ACTIONS.len());
        for action in ACTIONS {
            actions.push(uid(&format!("Action::\"{action}\""))?);
        }
        Ok(CedarEngine {
            policies,
            entities: Entities::empty(),
            authorizer: Authorizer::new(),
            principal: uid("Officer::\"officer\"")?,
            resource: uid("Person::\"person\"")?,
            actions,
        })
    }

    /// The request for one action, with the attributes as its context.
    pub fn request(&self, facts: &Facts, action: usize) -> anyhow::Result<cedar_policy::Request> {
        let bool = RestrictedExpression::new_bool;
        let text = |t: &str| RestrictedExpression::new_string(t.to_owned());
        let pairs = [
            ("serious_violent_felony_conv", bool(facts.serious_violent_felony_conv)),
            ("state_prison_felony_conv", bool(facts.state_prison_felony_conv)),
            ("listed_felony_years", RestrictedExpression::new_long(facts.listed_felony_years)),
            ("listed_wobbler_misd_years", RestrictedExpression::new_long(facts.listed_wobbler_misd_years)),
            ("sex_offender_registrant", bool(facts.sex_offender_registrant)),
            ("aggravated_felony_conv", bool(facts.aggravated_felony_conv)),
            ("federal_felony_warrant", bool(facts.federal_felony_warrant)),
            ("held_to_answer_serious", bool(facts.held_to_answer_serious)),
            ("warrant", text(facts.warrant)),
            ("age", RestrictedExpression::new_long(facts.age)),
            ("charges", RestrictedExpression::new_set(facts.charges.iter().map(|c| text(c)))),
            ("written_consent", bool(facts.written_consent)),
            ("role", text(facts.role)),
        ];
        let context = Context::from_pairs(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)))?;
        Ok(cedar_policy::Request::new(self.principal.clone(), self.actions[action].clone(), self.resource.clone(), context, None)?)
    }

    pub fn allows(&self, request: &cedar_policy::Request) -> bool {
        self.authorizer.is_authorized(request, &self.policies, &self.entities).decision() == Decision::Allow
    }
}

/// Rego over `policies/policy.rego`, evaluated by regorus as `data.trust.<action>`.
pub struct RegoEngine {
    pub engine: regorus::Engine,
    /// The rule path of each action, `data.trust.notify` and so on.
    pub rules: Vec<String>,
}

impl RegoEngine {
    pub fn new() -> anyhow::Result<RegoEngine> {
        let mut engine = regorus::Engine::new();
        engine.add_policy("policy.rego".into(), REGO_POLICY.into()).context("policy.rego does not load")?;
        Ok(RegoEngine { engine, rules: ACTIONS.iter().map(|a| format!("data.trust.{a}")).collect() })
    }

    /// The input document for a request (the same for every action).
    pub fn input(facts: &Facts) -> regorus::Value {
        regorus::Value::from(facts.to_json())
    }

    /// Sets the input and evaluates the action's rule.
    pub fn allows(&mut self, input: &regorus::Value, action: usize) -> anyhow::Result<bool> {
        self.engine.set_input(input.clone());
        let value = self.engine.eval_rule(self.rules[action].clone())?;
        value.as_bool().copied().map_err(|_| anyhow!("`{}` is not a boolean: {value}", self.rules[action]))
    }
}

/// The five engines, ready to decide.
pub struct Engines {
    pub juris: JurisEngine,
    pub cedar: CedarEngine,
    pub rego: RegoEngine,
    pub rvm: RvmEngine,
}

/// Each engine's allow (`true`) or deny for one request and action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers {
    pub juris: bool,
    /// The hand-written evaluator ([`crate::native`]).
    pub native: bool,
    pub cedar: bool,
    /// regorus's interpreter.
    pub rego: bool,
    /// regorus's compiled virtual machine.
    pub rvm: bool,
}

impl Answers {
    /// Every engine gave `allow`.
    pub fn all(allow: bool) -> Answers {
        Answers { juris: allow, native: allow, cedar: allow, rego: allow, rvm: allow }
    }

    /// The answer every engine gave, or `None` when they disagree.
    pub fn agreed(&self) -> Option<bool> {
        (*self == Answers::all(self.juris)).then_some(self.juris)
    }
}

impl std::fmt::Display for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let answer = |allow: bool| if allow { "allow" } else { "deny" };
        write!(
            f,
            "juris {}, hand-written {}, cedar {}, regorus {}, regorus rvm {}",
            answer(self.juris),
            answer(self.native),
            answer(self.cedar),
            answer(self.rego),
            answer(self.rvm)
        )
    }
}

impl Engines {
    pub fn new() -> anyhow::Result<Engines> {
        Ok(Engines { juris: JurisEngine::new()?, cedar: CedarEngine::new()?, rego: RegoEngine::new()?, rvm: RvmEngine::new()? })
    }

    /// Each engine's allow or deny for one request and action. juris and the hand-written
    /// evaluator must also give the same outcome (`permitted`, `prohibited` or `unregulated`).
    pub fn decide(&mut self, facts: &Facts, action: usize) -> anyhow::Result<Answers> {
        let request = self.juris.request(facts, action)?;
        let outcome = self.juris.corpus.decide(&request).outcome;
        let Ok(juris) = JurisEngine::allows(outcome) else {
            bail!("{}", describe(facts, action, "juris answered `uncertain` to a fully known request"));
        };
        if self.juris.corpus.outcome(&request) != outcome {
            bail!("{}", describe(facts, action, "juris's `Corpus::outcome` and `Corpus::decide` disagree"));
        }
        let native_outcome = native::decide(&native::Request::new(facts, action)?);
        if native_outcome != outcome {
            let problem = format!("juris answers `{}` and the hand-written evaluator `{}`", outcome.name(), native_outcome.name());
            bail!("{}", describe(facts, action, &problem));
        }
        let input = RegoEngine::input(facts);
        Ok(Answers {
            juris,
            native: native_outcome == Outcome::Permitted,
            cedar: self.cedar.allows(&self.cedar.request(facts, action)?),
            rego: self.rego.allows(&input, action)?,
            rvm: self.rvm.allows(&input, action)?,
        })
    }
}

/// How many decisions were compared, and how many were allow and deny per action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agreement {
    pub decisions: usize,
    pub allowed: [usize; 5],
    pub denied: [usize; 5],
}

impl Agreement {
    /// One line per action: allow and deny counts.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (i, action) in ACTIONS.iter().enumerate() {
            let _ = writeln!(out, "  {action:<15} allow {:>7}  deny {:>7}", self.allowed[i], self.denied[i]);
        }
        out
    }
}

/// Decides every request under all five actions with the five engines; the first disagreement is
/// an error that shows the request and each engine's answer.
pub fn check_agreement(engines: &mut Engines, requests: &[Facts]) -> anyhow::Result<Agreement> {
    let mut agreement = Agreement::default();
    for facts in requests {
        for action in 0..ACTIONS.len() {
            let answers = engines.decide(facts, action)?;
            let Some(juris) = answers.agreed() else {
                bail!("{}", describe(facts, action, &format!("the engines disagree: {answers}")));
            };
            agreement.decisions += 1;
            if juris {
                agreement.allowed[action] += 1;
            } else {
                agreement.denied[action] += 1;
            }
        }
    }
    Ok(agreement)
}

fn describe(facts: &Facts, action: usize, problem: &str) -> String {
    format!("{problem}\n  action: {}\n  request: {}", ACTIONS[action], facts.to_json())
}
