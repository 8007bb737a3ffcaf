//! Norwegian public holidays (helligdager and 1 and 17 May), computed for any year.

use jiff::ToSpan;
use jiff::civil::Date;

/// The i18n keys of the holidays, in calendar order.
pub const HOLIDAY_KEYS: &[&str] = &[
    "holiday_new_years_day",
    "holiday_maundy_thursday",
    "holiday_good_friday",
    "holiday_easter_sunday",
    "holiday_easter_monday",
    "holiday_labour_day",
    "holiday_constitution_day",
    "holiday_ascension_day",
    "holiday_whit_sunday",
    "holiday_whit_monday",
    "holiday_christmas_day",
    "holiday_boxing_day",
];

/// Western (Gregorian) Easter Sunday of `year`, by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher). `None` only for years jiff cannot represent.
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The Norwegian public holidays of `year`, sorted by date, each with its i18n key (see
/// [`HOLIDAY_KEYS`]): 1 January, Maundy Thursday, Good Friday, Easter Sunday and Monday,
/// 1 May, 17 May, Ascension Day, Whit Sunday and Monday, 25 and 26 December.
///
/// Ascension Day can fall on 1 or 17 May (it does on 17 May 2007); then both entries are kept,
/// so a caller looking for "the reason" gets the first one.
pub fn norwegian_public_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let mut out = Vec::with_capacity(12);
    let fixed = [
        (1, 1, "holiday_new_years_day"),
        (5, 1, "holiday_labour_day"),
        (5, 17, "holiday_constitution_day"),
        (12, 25, "holiday_christmas_day"),
        (12, 26, "holiday_boxing_day"),
    ];
    for (m, d, key) in fixed {
        if let Ok(day) = Date::new(year, m, d) {
            out.push((day, key));
        }
    }
    if let Some(easter) = easter_sunday(year) {
        let moving = [
            (-3, "holiday_maundy_thursday"),
            (-2, "holiday_good_friday"),
            (0, "holiday_easter_sunday"),
            (1, "holiday_easter_monday"),
            (39, "holiday_ascension_day"),
            (49, "holiday_whit_sunday"),
            (50, "holiday_whit_monday"),
        ];
        for (offset, key) in moving {
            if let Ok(day) = easter.checked_add(offset.days()) {
                out.push((day, key));
            }
        }
    }
    out.sort();
    out
}

/// The holiday key of `day`, if it is a Norwegian public holiday.
pub(crate) fn holiday_on(day: Date) -> Option<&'static str> {
    // Cheap enough per call (no allocation beyond 12 entries); callers loop over ~400 days.
    norwegian_public_holidays(day.year())
        .into_iter()
        .find(|(d, _)| *d == day)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn days(year: i16) -> Vec<(String, &'static str)> {
        norwegian_public_holidays(year)
            .into_iter()
            .map(|(d, k)| (d.to_string(), k))
            .collect()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
        assert_eq!(easter_sunday(2028), Some(date(2028, 4, 16)));
        // Known extremes: earliest (22 March) and latest (25 April) possible dates.
        assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    }

    #[test]
    fn holidays_2026() {
        let expected = [
            ("2026-01-01", "holiday_new_years_day"),
            ("2026-04-02", "holiday_maundy_thursday"),
            ("2026-04-03", "holiday_good_friday"),
            ("2026-04-05", "holiday_easter_sunday"),
            ("2026-04-06", "holiday_easter_monday"),
            ("2026-05-01", "holiday_labour_day"),
            ("2026-05-14", "holiday_ascension_day"),
            ("2026-05-17", "holiday_constitution_day"),
            ("2026-05-24", "holiday_whit_sunday"),
            ("2026-05-25", "holiday_whit_monday"),
            ("2026-12-25", "holiday_christmas_day"),
            ("2026-12-26", "holiday_boxing_day"),
        ];
        let got = days(2026);
        assert_eq!(got, expected.map(|(d, k)| (d.to_string(), k)).to_vec());
    }

    #[test]
    fn holidays_2027() {
        let expected = [
            ("2027-01-01", "holiday_new_years_day"),
            ("2027-03-25", "holiday_maundy_thursday"),
            ("2027-03-26", "holiday_good_friday"),
            ("2027-03-28", "holiday_easter_sunday"),
            ("2027-03-29", "holiday_easter_monday"),
            ("2027-05-01", "holiday_labour_day"),
            ("2027-05-06", "holiday_ascension_day"),
            ("2027-05-16", "holiday_whit_sunday"),
            ("2027-05-17", "holiday_constitution_day"),
            ("2027-05-17", "holiday_whit_monday"),
            ("2027-12-25", "holiday_christmas_day"),
            ("2027-12-26", "holiday_boxing_day"),
        ];
        assert_eq!(
            days(2027),
            expected.map(|(d, k)| (d.to_string(), k)).to_vec()
        );
    }

    #[test]
    fn holidays_2028() {
        let expected = [
            ("2028-01-01", "holiday_new_years_day"),
            ("2028-04-13", "holiday_maundy_thursday"),
            ("2028-04-14", "holiday_good_friday"),
            ("2028-04-16", "holiday_easter_sunday"),
            ("2028-04-17", "holiday_easter_monday"),
            ("2028-05-01", "holiday_labour_day"),
            ("2028-05-17", "holiday_constitution_day"),
            ("2028-05-25", "holiday_ascension_day"),
            ("2028-06-04", "holiday_whit_sunday"),
            ("2028-06-05", "holiday_whit_monday"),
            ("2028-12-25", "holiday_christmas_day"),
            ("2028-12-26", "holiday_boxing_day"),
        ];
        assert_eq!(
            days(2028),
            expected.map(|(d, k)| (d.to_string(), k)).to_vec()
        );
    }

    #[test]
    fn holiday_lookup() {
        assert_eq!(
            holiday_on(date(2026, 4, 2)),
            Some("holiday_maundy_thursday")
        );
        assert_eq!(holiday_on(date(2026, 12, 24)), None);
        // Whit Monday and Constitution Day coincide in 2027: the first key wins.
        assert_eq!(
            holiday_on(date(2027, 5, 17)),
            Some("holiday_constitution_day")
        );
    }
}
