//! The TRUST-Act-shaped rule set written by hand in typed Rust: plain structs and enums for the
//! request, `match`es and boolean logic for the rules, nothing interpreted and nothing allocated
//! per decision. It is the floor for any engine deciding the same rules.
//!
//! It answers in juris's terms (`permitted`, `prohibited`, `unregulated`) so that it can be checked
//! against juris outcome for outcome, not only as allow or deny: a forbid applies whether or not a
//! permit does (it is an exception to the permits), and no applying rule is `unregulated`.

use anyhow::bail;
use juris::Outcome;

use crate::trust::{ACTIONS, CHARGES, Facts, NO_CONVICTION, ROLES, WARRANTS};

/// What the request asks to do, in the order of [`ACTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Notify,
    Hold,
    Interview,
    Assist,
    InquireStatus,
}

impl Action {
    /// The action at `index` in [`ACTIONS`].
    pub fn from_index(index: usize) -> anyhow::Result<Action> {
        Ok(match index {
            0 => Action::Notify,
            1 => Action::Hold,
            2 => Action::Interview,
            3 => Action::Assist,
            4 => Action::InquireStatus,
            _ => bail!("no action at index {index} (there are {})", ACTIONS.len()),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warrant {
    None,
    Administrative,
    Judicial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Arrestee,
    Suspect,
    Inmate,
    Victim,
    Witness,
}

/// A charge category, in the order of [`CHARGES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charge {
    StatusOffense,
    Drugs,
    MoneyLaundering,
    HumanTrafficking,
    Terrorism,
    CivilImmigration,
    Theft,
    Assault,
    Dui,
    Traffic,
}

/// A set of charge categories, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Charges(u16);

impl Charges {
    pub const fn of(charges: &[Charge]) -> Charges {
        let mut bits = 0;
        let mut i = 0;
        while i < charges.len() {
            bits |= 1 << charges[i] as u16;
            i += 1;
        }
        Charges(bits)
    }

    pub const fn contains(self, charge: Charge) -> bool {
        self.0 & (1 << charge as u16) != 0
    }

    pub const fn intersects(self, other: Charges) -> bool {
        self.0 & other.0 != 0
    }
}

const SERIOUS_CASE: Charges = Charges::of(&[Charge::Drugs, Charge::MoneyLaundering, Charge::HumanTrafficking, Charge::Terrorism]);
const INQUIRY_CASE: Charges = Charges::of(&[Charge::Drugs, Charge::HumanTrafficking, Charge::Terrorism]);
const CIVIL_ONLY: Charges = Charges::of(&[Charge::CivilImmigration]);

/// One request, every attribute known and typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub action: Action,
    pub serious_violent_felony_conv: bool,
    pub state_prison_felony_conv: bool,
    /// Years since a listed felony conviction; `None` when there is none.
    pub listed_felony_years: Option<i64>,
    /// Years since a listed wobbler misdemeanor conviction; `None` when there is none.
    pub listed_wobbler_misd_years: Option<i64>,
    pub sex_offender_registrant: bool,
    pub aggravated_felony_conv: bool,
    pub federal_felony_warrant: bool,
    pub held_to_answer_serious: bool,
    pub warrant: Warrant,
    pub age: i64,
    pub charges: Charges,
    pub written_consent: bool,
    pub role: Role,
}

impl Request {
    /// The typed request for the shared attributes and the action at `action` in [`ACTIONS`].
    pub fn new(facts: &Facts, action: usize) -> anyhow::Result<Request> {
        let years = |years: i64| (years != NO_CONVICTION).then_some(years);
        let mut charges = Charges::default();
        for charge in &facts.charges {
            charges.0 |= 1 << position(&CHARGES, charge, "charge")?;
        }
        Ok(Request {
            action: Action::from_index(action)?,
            serious_violent_felony_conv: facts.serious_violent_felony_conv,
            state_prison_felony_conv: facts.state_prison_felony_conv,
            listed_felony_years: years(facts.listed_felony_years),
            listed_wobbler_misd_years: years(facts.listed_wobbler_misd_years),
            sex_offender_registrant: facts.sex_offender_registrant,
            aggravated_felony_conv: facts.aggravated_felony_conv,
            federal_felony_warrant: facts.federal_felony_warrant,
            held_to_answer_serious: facts.held_to_answer_serious,
            warrant: match position(&WARRANTS, facts.warrant, "warrant")? {
                0 => Warrant::None,
                1 => Warrant::Administrative,
                _ => Warrant::Judicial,
            },
            age: facts.age,
            charges,
            written_consent: facts.written_consent,
            role: match position(&ROLES, facts.role, "role")? {
                0 => Role::Arrestee,
                1 => Role::Suspect,
                2 => Role::Inmate,
                3 => Role::Victim,
                _ => Role::Witness,
            },
        })
    }
}

fn position(names: &[&str], name: &str, what: &str) -> anyhow::Result<usize> {
    match names.iter().position(|n| *n == name) {
        Some(i) => Ok(i),
        None => bail!("unknown {what} `{name}`; expected one of {}", names.join(", ")),
    }
}

/// A forbid beats the permits it is an exception to; a permit alone permits; neither is
/// `unregulated`.
const fn outcome(permit: bool, forbid: bool) -> Outcome {
    match (permit, forbid) {
        (_, true) => Outcome::Prohibited,
        (true, false) => Outcome::Permitted,
        (false, false) => Outcome::Unregulated,
    }
}

/// The rule set's answer to one request.
pub fn decide(r: &Request) -> Outcome {
    let judicial = matches!(r.warrant, Warrant::Judicial);
    let minor = r.age < 18;
    match r.action {
        Action::Notify => {
            let basis = r.serious_violent_felony_conv
                || r.state_prison_felony_conv
                || matches!(r.listed_felony_years, Some(years) if years <= 15)
                || matches!(r.listed_wobbler_misd_years, Some(years) if years <= 5)
                || r.sex_offender_registrant
                || r.aggravated_felony_conv
                || r.federal_felony_warrant
                || r.held_to_answer_serious
                || judicial;
            outcome(basis, minor && !judicial)
        }
        Action::Hold => outcome(judicial, minor && r.charges.contains(Charge::StatusOffense)),
        Action::Interview => outcome(r.written_consent, false),
        Action::Assist => outcome(r.charges.intersects(SERIOUS_CASE), r.charges == CIVIL_ONLY),
        Action::InquireStatus => {
            outcome(matches!(r.role, Role::Arrestee) && r.charges.intersects(INQUIRY_CASE), matches!(r.role, Role::Victim | Role::Witness))
        }
    }
}

/// Allow (`permitted`) or deny (`prohibited`, `unregulated`), as the other engines are compared.
pub fn allows(r: &Request) -> bool {
    matches!(decide(r), Outcome::Permitted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enums_follow_the_name_lists() {
        assert_eq!(CHARGES.iter().position(|c| *c == "traffic"), Some(Charge::Traffic as usize));
        assert_eq!(CHARGES.iter().position(|c| *c == "status_offense"), Some(Charge::StatusOffense as usize));
        assert_eq!(Charges::of(&[Charge::StatusOffense, Charge::Traffic]).0, (1 << 9) | 1);
        assert_eq!(Action::from_index(4).ok(), Some(Action::InquireStatus));
        assert!(Action::from_index(5).is_err());
    }

    #[test]
    fn unknown_names_are_errors_that_name_the_field() {
        let mut facts = crate::trust::random_facts(1, 1).remove(0);
        facts.role = "bystander";
        let message = Request::new(&facts, 0).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("unknown role `bystander`"), "{message}");
    }
}
