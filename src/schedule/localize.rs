//! Weekday names, dates and times in the reader's language, from CLDR data compiled into
//! ICU4X (`icu` 2.x). No weekday or month name is written by hand here.
//!
//! Dates are always in the Gregorian calendar, even for languages whose CLDR default is
//! another (Persian and Dari default to the Solar Hijri calendar): opening days are the
//! dates of the calendar used in Norway, on letters and at the door.

use icu::calendar::Gregorian;
use icu::calendar::types::Weekday as IcuWeekday;
use icu::datetime::{FixedCalendarDateTimeFormatter, fieldsets};
use icu::locale::Locale;
use jiff::civil::{Date, Weekday};

/// The ICU4X locale for a site language code (BCP 47).
///
/// - `prs` (Dari) becomes `fa-AF`: CLDR has Dari as Persian of Afghanistan.
/// - `en` becomes `en-GB`: day-month order and the 24-hour clock, as in Norway and on the
///   clinics' own signs ("Tuesday 24 November", "17:00"); CLDR's `en` is US English
///   ("Tuesday, November 24", "5:00 PM").
/// - everything else as it is (`nb`, `ro`, `am`, `ti`, `so`, `fa`, `ps`, `ar`, `ckb` all
///   have weekday, month and time data in ICU4X 2.4's compiled data); an unparsable code
///   gives the root locale.
pub fn icu_locale(lang: &str) -> Locale {
    let tag = match lang {
        "prs" => "fa-AF",
        "en" => "en-GB",
        other => other,
    };
    Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN)
}

/// Formatters for one language. Each is optional: if ICU4X cannot build one, the text
/// falls back to the root locale, then to ISO 8601 numbers.
pub(crate) struct Localizer {
    weekday: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::E>>,
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::MDE>>,
    time: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::T>>,
}

impl Localizer {
    /// Formatters for site language `lang`.
    pub fn new(lang: &str) -> Localizer {
        let locale = icu_locale(lang);
        let pick = |l: &Locale| -> Localizer {
            Localizer {
                weekday: FixedCalendarDateTimeFormatter::try_new(
                    l.clone().into(),
                    fieldsets::E::long(),
                )
                .ok(),
                date: FixedCalendarDateTimeFormatter::try_new(
                    l.clone().into(),
                    fieldsets::MDE::long(),
                )
                .ok(),
                time: FixedCalendarDateTimeFormatter::try_new(l.clone().into(), fieldsets::T::hm())
                    .ok(),
            }
        };
        let mut out = pick(&locale);
        if out.weekday.is_none() || out.date.is_none() || out.time.is_none() {
            let root = pick(&Locale::UNKNOWN);
            out.weekday = out.weekday.or(root.weekday);
            out.date = out.date.or(root.date);
            out.time = out.time.or(root.time);
        }
        out
    }

    /// The weekday's name, e.g. "tirsdag", "Tuesday", "الثلاثاء".
    pub fn weekday(&self, wd: Weekday) -> String {
        let icu = match wd {
            Weekday::Monday => IcuWeekday::Monday,
            Weekday::Tuesday => IcuWeekday::Tuesday,
            Weekday::Wednesday => IcuWeekday::Wednesday,
            Weekday::Thursday => IcuWeekday::Thursday,
            Weekday::Friday => IcuWeekday::Friday,
            Weekday::Saturday => IcuWeekday::Saturday,
            Weekday::Sunday => IcuWeekday::Sunday,
        };
        match &self.weekday {
            Some(f) => f.format(&icu).to_string(),
            None => format!("{}", wd.to_monday_one_offset()),
        }
    }

    /// Weekday, day and month, e.g. "tirsdag 24. november", "Tuesday 24 November".
    pub fn date(&self, d: Date) -> String {
        let icu = icu::calendar::Date::try_new_gregorian(
            i32::from(d.year()),
            d.month() as u8,
            d.day() as u8,
        );
        match (&self.date, icu) {
            (Some(f), Ok(date)) => f.format(&date).to_string(),
            _ => d.to_string(),
        }
    }

    /// A time of day given as minutes from midnight (wrapped past 24:00), e.g. "17:00",
    /// "۱۷:۰۰", "5:00 م".
    pub fn time(&self, minutes: u32) -> String {
        let m = minutes % 1440;
        let (h, mm) = ((m / 60) as u8, (m % 60) as u8);
        match (&self.time, icu::time::Time::try_new(h, mm, 0, 0)) {
            (Some(f), Ok(t)) => f.format(&t).to_string(),
            _ => format!("{h:02}:{mm:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn in_block(s: &str, lo: u32, hi: u32) -> bool {
        s.chars().any(|c| (lo..=hi).contains(&(c as u32)))
    }
    const ARABIC: (u32, u32) = (0x0600, 0x06FF);
    const ETHIOPIC: (u32, u32) = (0x1200, 0x137F);

    #[test]
    fn every_site_language_has_cldr_names() {
        let langs = [
            "nb", "en", "ro", "am", "ti", "so", "fa", "prs", "ps", "ar", "ckb",
        ];
        let root = Localizer::new("und");
        for lang in langs {
            let l = Localizer::new(lang);
            let wd = l.weekday(Weekday::Tuesday);
            let time = l.time(17 * 60 + 30);
            let day = l.date(date(2026, 11, 24));
            assert!(
                !wd.trim().is_empty() && !time.trim().is_empty() && !day.trim().is_empty(),
                "{lang}"
            );
            // Real data, not the root locale's fallback ("Tue", "M11 24, Tue").
            assert_ne!(
                wd,
                root.weekday(Weekday::Tuesday),
                "{lang} fell back to root"
            );
            assert_ne!(
                day,
                root.date(date(2026, 11, 24)),
                "{lang} fell back to root"
            );
            match lang {
                "ar" | "fa" | "prs" | "ps" | "ckb" => {
                    assert!(in_block(&wd, ARABIC.0, ARABIC.1), "{lang}: {wd}");
                    assert!(in_block(&day, ARABIC.0, ARABIC.1), "{lang}: {day}");
                }
                "am" | "ti" => {
                    assert!(in_block(&wd, ETHIOPIC.0, ETHIOPIC.1), "{lang}: {wd}");
                    assert!(in_block(&day, ETHIOPIC.0, ETHIOPIC.1), "{lang}: {day}");
                }
                _ => assert!(wd.is_ascii() || lang == "ro", "{lang}: {wd}"),
            }
        }
    }

    #[test]
    fn known_texts() {
        let nb = Localizer::new("nb");
        assert_eq!(nb.weekday(Weekday::Tuesday), "tirsdag");
        assert_eq!(nb.time(17 * 60), "17:00");
        assert_eq!(nb.time(26 * 60), "02:00");
        let en = Localizer::new("en");
        assert_eq!(en.date(date(2026, 11, 24)), "Tuesday 24 November");
        assert_eq!(en.time(20 * 60 + 30), "20:30");
        // Persian: Gregorian month name and Persian digits, not the Solar Hijri date.
        assert_eq!(
            Localizer::new("fa").date(date(2026, 11, 24)),
            "سه‌شنبه ۲۴ نوامبر"
        );
        assert_eq!(Localizer::new("fa").time(17 * 60), "۱۷:۰۰");
        assert_eq!(Localizer::new("ar").weekday(Weekday::Tuesday), "الثلاثاء");
        assert_eq!(Localizer::new("am").weekday(Weekday::Tuesday), "ማክሰኞ");
        assert_eq!(Localizer::new("ti").weekday(Weekday::Tuesday), "ሰሉስ");
        assert_eq!(Localizer::new("ro").weekday(Weekday::Tuesday), "marți");
        assert_eq!(Localizer::new("so").weekday(Weekday::Tuesday), "Talaado");
    }
}
