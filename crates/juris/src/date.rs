//! Calendar dates as day numbers, with the window arithmetic the law uses.
//!
//! A [`Date`] is a count of days since 1970-01-01, so comparisons on the hot path are integer
//! comparisons. Parsing and calendar arithmetic go through `jiff`.

use std::fmt;

use jiff::civil;
use jiff::{Span, ToSpan};

/// A calendar day with no time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A unit of a window such as `within 15 years`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Years,
    Months,
    Days,
}

impl Unit {
    /// The unit's keyword in the policy language.
    pub fn keyword(self) -> &'static str {
        match self {
            Unit::Years => "years",
            Unit::Months => "months",
            Unit::Days => "days",
        }
    }
}

const EPOCH: civil::Date = civil::date(1970, 1, 1);

impl Date {
    /// Parses `YYYY-MM-DD`; `None` when the text is not a real calendar day.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let date: civil::Date = text.parse().ok()?;
        Some(Date::from_civil(date))
    }

    /// Builds a date from year, month and day; `None` when it does not exist.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Date> {
        civil::Date::new(year, month, day).ok().map(Date::from_civil)
    }

    fn from_civil(date: civil::Date) -> Date {
        // INVARIANT: civil dates span years -9999..=9999, well inside i32 days.
        let days = (date - EPOCH).get_days();
        Date(days)
    }

    fn to_civil(self) -> civil::Date {
        EPOCH.saturating_add(self.0.days())
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// The day number (days since 1970-01-01).
    pub fn days(self) -> i32 {
        self.0
    }

    /// The date `amount` units earlier. Years keep month and day, with February 29 becoming
    /// February 28; months clamp the day to the end of the target month.
    pub fn minus(self, amount: i64, unit: Unit) -> Date {
        let span: Span = match unit {
            Unit::Years => amount.years(),
            Unit::Months => amount.months(),
            Unit::Days => amount.days(),
        };
        Date::from_civil(self.to_civil().saturating_sub(span))
    }

    /// The next day.
    pub fn next(self) -> Date {
        Date(self.0 + 1)
    }

    /// The previous day.
    pub fn previous(self) -> Date {
        Date(self.0 - 1)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_civil())
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_minus(from: &str, amount: i64, unit: Unit, expected: &str) {
        let date = Date::parse(from).unwrap();
        assert_eq!(date.minus(amount, unit).to_string(), expected);
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(Date::parse("2019-07-22").unwrap().to_string(), "2019-07-22");
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert!(Date::parse("2019-02-30").is_none());
        assert!(Date::parse("2019-7-22").is_none());
        assert!(Date::parse("yesterday").is_none());
    }

    #[test]
    fn window_arithmetic_clamps() {
        check_minus("2019-04-01", 5, Unit::Years, "2014-04-01");
        check_minus("2020-02-29", 1, Unit::Years, "2019-02-28");
        check_minus("2019-03-31", 1, Unit::Months, "2019-02-28");
        check_minus("2019-03-01", 1, Unit::Days, "2019-02-28");
    }
}
