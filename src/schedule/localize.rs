//! Weekday names, dates and times in the reader's language, from CLDR data compiled into
//! ICU4X (`icu` 2.x). No weekday or month name is written by hand here.
//!
//! Dates are always in the Gregorian calendar, even for languages whose CLDR default is
//! another (Persian and Dari default to the Solar Hijri calendar): opening days are the
//! dates of the calendar used in Norway, on letters and at the door.

use icu::calendar::Gregorian;
use icu::datetime::pattern::{
    DateTimePattern, FixedCalendarDateTimeNames, MonthNameLength, WeekdayNameLength,
};
use icu::datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter, fieldsets};
use icu::locale::Locale;
use icu::locale::preferences::extensions::unicode::keywords::HourCycle;
use jiff::civil::{Date, Weekday};
use writeable::TryWriteable as _;

/// The one map from a site language code to the tags other software knows it by:
/// (site code, `lang` attribute, ICU4X locale).
///
/// - `prs` (Dari) is `fa-AF` to both: CLDR has Dari as Persian of Afghanistan, and screen
///   readers have no `prs` voice (they would read it as the default language); as `fa-AF`
///   they use a Persian voice, which a Dari reader understands.
/// - `en` is `en-GB` to ICU4X: day-month order and the 24-hour clock, as in Norway and on
///   the clinics' own signs ("Tuesday 24 November", "17:00"); CLDR's `en` is US English
///   ("Tuesday, November 24", "5:00 PM"). The page stays `lang=en`.
/// - every other code is itself (`nb`, `ro`, `am`, `ti`, `so`, `fa`, `ps`, `ar`, `ckb` all
///   have weekday, month and time data in ICU4X 2.4's compiled data).
const TAGS: &[(&str, &str, &str)] = &[("prs", "fa-AF", "fa-AF"), ("en", "en", "en-GB")];

/// The `lang` attribute for a site language code (see `TAGS`).
pub fn html_lang(code: &str) -> &str {
    TAGS.iter()
        .find(|(site, _, _)| *site == code)
        .map_or(code, |(_, html, _)| html)
}

/// The ICU4X locale for a site language code (see `TAGS`); an unparsable code gives the
/// root locale.
pub fn icu_locale(lang: &str) -> Locale {
    let tag = TAGS
        .iter()
        .find(|(site, _, _)| *site == lang)
        .map_or(lang, |(_, _, icu)| icu);
    Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN)
}

/// The seven weekday names of site language `lang`, Monday first, as the weekly tables
/// spell them: for finding days written by hand in page text.
pub fn weekday_names(lang: &str) -> [String; 7] {
    let loc = Localizer::new(lang);
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ]
    .map(|wd| loc.weekday(wd))
}

/// Formatters for one language. Each is optional: if ICU4X cannot build one, the text
/// falls back to the root locale, then to ISO 8601 numbers.
///
/// One clock and one spelling per language: times always use the 24-hour clock (the
/// clinics' signs and helsenorge do; CLDR's default for am, ti, so, ar and ckb is 12-hour,
/// which put "6:00 م" beside page text saying "18:00"), and a weekday alone is the
/// weekday as it is spelled inside dates (CLDR's stand-alone form differs in some
/// languages, e.g. Sorani's Friday).
pub(crate) struct Localizer {
    /// Weekday names as in dates (format context), month names and digits, for the
    /// patterns below.
    names: Option<FixedCalendarDateTimeNames<Gregorian, fieldsets::enums::DateFieldSet>>,
    /// The language's own date pattern when ICU4X's differs from CLDR's (Norwegian:
    /// "torsdag 3. desember", not "torsdag 3 desember").
    date_pattern: Option<DateTimePattern>,
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::MDE>>,
    time: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::T>>,
}

/// CLDR's "weekday day. month" for Norwegian (`MMMMEEEEd`).
const NORWEGIAN_DATE: &str = "EEEE d. MMMM";

impl Localizer {
    /// Formatters for site language `lang`.
    pub(super) fn new(lang: &str) -> Localizer {
        let locale = icu_locale(lang);
        let pick = |l: &Locale| -> Localizer {
            let mut clock24: DateTimeFormatterPreferences = l.clone().into();
            clock24.hour_cycle = Some(HourCycle::H23);
            let names =
                FixedCalendarDateTimeNames::<Gregorian, fieldsets::enums::DateFieldSet>::try_new(
                    l.clone().into(),
                )
                .ok()
                .and_then(|mut n| {
                    n.include_weekday_names(WeekdayNameLength::Wide).ok()?;
                    n.include_month_names(MonthNameLength::Wide).ok()?;
                    n.include_decimal_formatter().ok()?;
                    Some(n)
                });
            let norwegian = ["nb", "nn", "no"].contains(&l.id.language.as_str());
            Localizer {
                names,
                date_pattern: norwegian
                    .then(|| DateTimePattern::try_from_pattern_str(NORWEGIAN_DATE).ok())
                    .flatten(),
                date: FixedCalendarDateTimeFormatter::try_new(
                    l.clone().into(),
                    fieldsets::MDE::long(),
                )
                .ok(),
                time: FixedCalendarDateTimeFormatter::try_new(clock24, fieldsets::T::hm()).ok(),
            }
        };
        let mut out = pick(&locale);
        if out.names.is_none() || out.date.is_none() || out.time.is_none() {
            let root = pick(&Locale::UNKNOWN);
            out.names = out.names.or(root.names);
            out.date = out.date.or(root.date);
            out.time = out.time.or(root.time);
        }
        out
    }

    /// The weekday's name, e.g. "tirsdag", "Tuesday", "الثلاثاء".
    pub(super) fn weekday(&self, wd: Weekday) -> String {
        // A date in a week starting on Monday 23 November 2026, on that weekday.
        let day = 22 + wd.to_monday_one_offset() as u8;
        let weekday_only = DateTimePattern::try_from_pattern_str("EEEE").ok();
        match (
            &self.names,
            weekday_only,
            icu::calendar::Date::try_new_gregorian(2026, 11, day),
        ) {
            (Some(n), Some(p), Ok(date)) => n
                .with_pattern_unchecked(&p)
                .format(&date)
                .try_write_to_string()
                .map(|s| s.into_owned())
                .unwrap_or_else(|_| wd.to_monday_one_offset().to_string()),
            _ => wd.to_monday_one_offset().to_string(),
        }
    }

    /// Weekday, day and month, e.g. "tirsdag 24. november", "Tuesday 24 November".
    pub(super) fn date(&self, d: Date) -> String {
        let icu = icu::calendar::Date::try_new_gregorian(
            i32::from(d.year()),
            d.month() as u8,
            d.day() as u8,
        );
        let Ok(date) = icu else {
            return d.to_string();
        };
        if let (Some(n), Some(p)) = (&self.names, &self.date_pattern)
            && let Ok(text) = n
                .with_pattern_unchecked(p)
                .format(&date)
                .try_write_to_string()
        {
            return text.into_owned();
        }
        match &self.date {
            Some(f) => f.format(&date).to_string(),
            None => d.to_string(),
        }
    }

    /// A time of day given as minutes from midnight (wrapped past 24:00), e.g. "17:00",
    /// "۱۷:۰۰", "5:00 م".
    pub(super) fn time(&self, minutes: u32) -> String {
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
        // CLDR's Norwegian pattern, with the day's full stop.
        assert_eq!(nb.date(date(2026, 12, 3)), "torsdag 3. desember");
    }

    #[test]
    fn one_clock_and_one_weekday_spelling_in_every_language() {
        let langs = [
            "nb", "en", "ro", "am", "ti", "so", "fa", "prs", "ps", "ar", "ckb",
        ];
        // The 24-hour clock: 18:30 has the digits 1 8 3 0 in the language's own digits,
        // and no 12-hour marker (ከሰዓት, ድ.ቀ., GD, م, د.ن, PM).
        let digit = |c: char| {
            c.to_digit(10).or_else(|| {
                ('\u{0660}'..='\u{0669}')
                    .contains(&c)
                    .then(|| c as u32 - 0x0660)
                    .or_else(|| {
                        ('\u{06F0}'..='\u{06F9}')
                            .contains(&c)
                            .then(|| c as u32 - 0x06F0)
                    })
            })
        };
        for lang in langs {
            let l = Localizer::new(lang);
            let evening = l.time(18 * 60 + 30);
            let digits: Vec<u32> = evening.chars().filter_map(digit).collect();
            assert_eq!(digits, [1, 8, 3, 0], "{lang}: {evening}");
            assert!(
                evening
                    .chars()
                    .all(|c| digit(c).is_some() || c == ':' || c == '\u{200f}' || c == '\u{200e}'),
                "{lang}: {evening}"
            );
            // A weekday alone is spelled as inside a date, every day of a week.
            for day in 0..7 {
                let d = date(2026, 12, 7) + jiff::Span::new().days(day);
                let (name, text) = (l.weekday(d.weekday()), l.date(d));
                assert!(text.contains(&name), "{lang}: {name} not in {text}");
            }
        }
    }
}
