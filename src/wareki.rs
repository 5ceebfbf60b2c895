//! Japanese era dates (和暦), as regulations print them: 令和8年4月1日, with 元年 for year one.

use chrono::{Datelike, NaiveDate};

/// Eras from newest to oldest: name and first day.
const ERAS: [(&str, i32, u32, u32); 5] =
    [("令和", 2019, 5, 1), ("平成", 1989, 1, 8), ("昭和", 1926, 12, 25), ("大正", 1912, 7, 30), ("明治", 1868, 1, 25)];

/// `date` in 和暦, e.g. 令和8年4月1日. Dates before 明治 fall back to the Western calendar.
pub(crate) fn format(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, year)) => format!("{era}{}年{}月{}日", year_label(year), date.month(), date.day()),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// The era and the year within it.
fn era_year(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&(name, y, m, d)| {
        let start = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= start).then(|| (name, date.year() - y + 1))
    })
}

fn year_label(year: i32) -> String {
    if year == 1 {
        "元".to_owned()
    } else {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(format(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(format(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format(d(2026, 4, 1)), "令和8年4月1日");
        assert_eq!(format(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(format(d(1989, 1, 8)), "平成元年1月8日");
    }
}
