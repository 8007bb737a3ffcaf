//! Dates in the reader's language ("23. november 2026", "۲۳ نوامبر ۲۰۲۶"), with month
//! names and digits from CLDR through ICU4X's compiled data; nothing is a hand-written
//! table. Pages keep the ISO date in `<time datetime>` for machines.
//!
//! The calendar is always the Gregorian one, also for Persian and Dari, whose CLDR default
//! is the Solar Hijri calendar: a reader compares the date with letters, appointments and
//! the clinics' own pages, which all use the calendar of Norway.

use icu::calendar::Gregorian;
use icu::datetime::{FixedCalendarDateTimeFormatter, fieldsets};

/// The same language-to-locale mapping as the schedule's weekday and time names.
pub use crate::schedule::icu_locale;

/// `date` written out in language `lang` (day, month name, year), or the ISO date when
/// ICU4X has no data for the language or cannot represent the date.
pub fn long_date(lang: &str, date: jiff::civil::Date) -> String {
    let formatter = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        icu_locale(lang).into(),
        fieldsets::YMD::long(),
    );
    let icu_date = icu::calendar::Date::try_new_gregorian(
        i32::from(date.year()),
        date.month() as u8,
        date.day() as u8,
    );
    match (formatter, icu_date) {
        (Ok(f), Ok(d)) => f.format(&d).to_string(),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_site_language_gets_its_own_month_name_and_digits() {
        let d = date(2026, 11, 23);
        assert_eq!(long_date("nb", d), "23. november 2026");
        assert_eq!(long_date("en", d), "23 November 2026");
        assert_eq!(
            long_date("fa", d),
            "۲۳ نوامبر ۲۰۲۶",
            "Gregorian month, Persian digits"
        );
        assert!(
            long_date("prs", d).contains("۲۰۲۶"),
            "{}",
            long_date("prs", d)
        );
        for lang in ["ro", "am", "ti", "so", "ps", "ar", "ckb"] {
            let text = long_date(lang, d);
            assert_ne!(text, "2026-11-23", "{lang} has CLDR data");
            assert_ne!(text, long_date("und", d), "{lang} is not the root locale");
        }
        assert!(
            long_date("am", d)
                .chars()
                .any(|c| ('\u{1200}'..='\u{137F}').contains(&c)),
            "Ethiopic month name"
        );
    }
}
