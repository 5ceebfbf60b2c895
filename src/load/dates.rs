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
    let (era, (year, month, day)) = match era_date(&normal) {
        Some((era, ymd)) => (Some(era), ymd),
        None => (None, western_date(&normal).ok_or_else(|| not_a_date(written))?),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| text(Msg::NotOnCalendar(written)));
    if let (Some(era), Ok(date)) = (era, &date) {
        within_era(written, era, *date)?;
    }
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(text(Msg::ImplausibleYear { year, written, first: FIRST_YEAR, last: LAST_YEAR }));
    }
    date
}

/// An era as a date is written in it: its name, its letter, the Western year of its year 0, and
/// its first and last day (令和 has no last day yet).
#[derive(Debug, Clone, Copy)]
struct Era {
    name: &'static str,
    letter: char,
    offset: i32,
    first: (i32, u32, u32),
    last: Option<(i32, u32, u32)>,
}

/// The eras a profile's date may be written in.
const ERAS: [Era; 2] = [
    Era { name: "令和", letter: 'R', offset: 2018, first: (2019, 5, 1), last: None },
    Era { name: "平成", letter: 'H', offset: 1988, first: (1989, 1, 8), last: Some((2019, 4, 30)) },
];

/// `date` if it lies in `era` (令和0年, 令和元年4月1日 and 平成40年 do not); else a message with
/// the era's range.
fn within_era(written: &str, era: Era, date: NaiveDate) -> Result<(), String> {
    let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
    let first = day(era.first);
    let last = era.last.and_then(day);
    let inside = first.is_some_and(|f| date >= f) && last.is_none_or(|l| date <= l);
    if inside {
        return Ok(());
    }
    let shown = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    Err(text(Msg::OutsideEra { written, era: era.name, first: &shown(first), last: &shown(last) }))
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

/// `令和8年4月1日`, `令和元年5月1日`, `平成31年4月30日`, `R8.4.1`, `H31/4/30`: the era and the
/// Western year, month and day (not yet checked against the era's range).
fn era_date(text: &str) -> Option<(Era, (i32, u32, u32))> {
    for era in ERAS {
        if let Some(rest) = text.strip_prefix(era.name) {
            let (year, rest) = rest.split_once('年')?;
            let (month, rest) = rest.split_once('月')?;
            let day = rest.strip_suffix('日')?;
            let year: i32 = if year == "元" { 1 } else { year.parse().ok()? };
            return Some((era, (year + era.offset, month.parse().ok()?, day.parse().ok()?)));
        }
        let letter = era.letter;
        if let Some(rest) = text.strip_prefix(letter).or_else(|| text.strip_prefix(letter.to_ascii_lowercase())) {
            let parts: Vec<&str> = rest.split(['.', '/', '-']).collect();
            let [year, month, day] = parts[..] else { return None };
            return Some((era, (year.parse::<i32>().ok()? + era.offset, month.parse().ok()?, day.parse().ok()?)));
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

    #[test]
    fn era_dates_stay_within_their_era() {
        for written in [
            "令和0年4月1日",
            "令和元年4月1日",
            "R1.4.30",
            "平成40年4月1日",
            "H31.5.1",
            "平成元年1月7日",
            "令和-1年4月1日",
        ] {
            let err = parse(written).unwrap_err();
            assert!(err.contains("outside") && err.contains(written), "{written}: {err}");
        }
        assert!(parse("平成40年4月1日").unwrap_err().contains("1989-01-08 – 2019-04-30"));
        assert_eq!(parse("平成元年1月8日"), Ok(date(1989, 1, 8)));
        assert_eq!(parse("R1.5.1"), Ok(date(2019, 5, 1)));
        assert_eq!(parse("令和80年1月1日"), Ok(date(2098, 1, 1)));
    }
}
