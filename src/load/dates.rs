//! Dates as people in a Japanese facility write them.
//!
//! A 規程's dates are written 令和8年4月1日 on paper, and a profile is typed by the same people:
//! besides `2026-04-01`, kitei accepts `2026/04/01`, `2026.4.1`, `令和8年4月1日` (also 令和元年 and
//! 平成) and the short `R8.4.1`. Full-width digits are read as digits. A year outside
//! [`FIRST_YEAR`]–[`LAST_YEAR`] is refused: 1900 or 9999 is a typing slip, and it would be printed
//! as the 施行日 of every document.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use crate::i18n::{text, Msg};

/// The earliest year a profile's date may have (平成元年).
pub const FIRST_YEAR: i32 = 1989;
/// The latest year a profile's date may have.
pub const LAST_YEAR: i32 = 2099;

/// The formats kitei reads, for messages.
pub const ACCEPTED: &str = "2026-04-01, 2026/04/01, 令和8年4月1日 or R8.4.1";

/// Reads a date in any accepted form; the error says which forms are accepted.
pub fn parse(written: &str) -> Result<NaiveDate, String> {
    let normal: String = written
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '／' => '/',
            '．' => '.',
            '－' => '-',
            _ => c,
        })
        .collect();
    let (year, month, day) = era_date(&normal).or_else(|| western_date(&normal)).ok_or_else(|| not_a_date(written))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(text(Msg::ImplausibleYear { year, written, first: FIRST_YEAR, last: LAST_YEAR }));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| text(Msg::NotOnCalendar(written)))
}

fn not_a_date(written: &str) -> String {
    text(Msg::NotADate(written))
}

/// `2026-04-01`, `2026/4/1`, `2026.4.1`.
fn western_date(text: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [year, month, day] = parts[..] else { return None };
    (year.len() == 4).then_some(())?;
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// `令和8年4月1日`, `令和元年5月1日`, `平成31年4月30日`, `R8.4.1`, `H31/4/30`.
fn era_date(text: &str) -> Option<(i32, u32, u32)> {
    let eras = [("令和", 'R', 2018), ("平成", 'H', 1988)];
    for (name, letter, offset) in eras {
        if let Some(rest) = text.strip_prefix(name) {
            let (year, rest) = rest.split_once('年')?;
            let (month, rest) = rest.split_once('月')?;
            let day = rest.strip_suffix('日')?;
            let year: i32 = if year == "元" { 1 } else { year.parse().ok()? };
            return Some((year + offset, month.parse().ok()?, day.parse().ok()?));
        }
        if let Some(rest) = text.strip_prefix(letter).or_else(|| text.strip_prefix(letter.to_ascii_lowercase())) {
            let parts: Vec<&str> = rest.split(['.', '/', '-']).collect();
            let [year, month, day] = parts[..] else { return None };
            return Some((year.parse::<i32>().ok()? + offset, month.parse().ok()?, day.parse().ok()?));
        }
    }
    None
}

/// serde: a required date.
pub fn required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let written = Written::deserialize(deserializer)?;
    parse(&written.0).map_err(serde::de::Error::custom)
}

/// serde: an optional date.
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    let written = Option::<Written>::deserialize(deserializer)?;
    written.map(|w| parse(&w.0).map_err(serde::de::Error::custom)).transpose()
}

/// A date as written: a string, or a bare number (a date typed without separators).
struct Written(String);

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Written;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a date ({ACCEPTED})")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Written, E> {
                Ok(Written(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Written, E> {
                Ok(Written(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Written, E> {
                Ok(Written(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Written, E> {
                Ok(Written(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn japanese_and_western_forms_are_read() {
        for written in [
            "2026-04-01",
            "2026/04/01",
            "2026/4/1",
            "2026.4.1",
            "令和8年4月1日",
            "R8.4.1",
            "r8/4/1",
            "２０２６／０４／０１",
            "令和８年４月１日",
        ] {
            assert_eq!(parse(written), Ok(date(2026, 4, 1)), "{written}");
        }
        assert_eq!(parse("令和元年5月1日"), Ok(date(2019, 5, 1)));
        assert_eq!(parse("平成31年4月30日"), Ok(date(2019, 4, 30)));
    }

    #[test]
    fn implausible_years_and_unknown_forms_say_what_is_accepted() {
        assert!(parse("1900-01-01").unwrap_err().contains("1989–2099"));
        assert!(parse("9999-12-31").unwrap_err().contains("not plausible"));
        assert!(parse("April 1").unwrap_err().contains("令和8年4月1日"));
        assert!(parse("2026-02-30").unwrap_err().contains("not a date of the calendar"));
    }
}
