//! OpenStreetMap `opening_hours` values: parsing with the `opening-hours` crate, the checks
//! the crate does not make, and evaluation for one local date.
//!
//! The crate parses the full OSM grammar and its ISO-week filter is right across week 53
//! (`week 02-52/2` matches week 52 and week 2, not week 53 or week 1). It accepts, without a
//! word, things that are wrong for a clinic, so they are rejected here:
//! - `PH`/`SH` (public/school holidays): they never match without a holiday calendar in the
//!   evaluation context, so `PH off` would silently do nothing. Holidays are the clinic's
//!   `public_holidays` instead.
//! - `sunrise`/`sunset`/`dawn`/`dusk`: need coordinates.
//! - `20:00-17:00`: valid OSM (wraps past midnight) but almost surely a typo for a clinic.
//! - `17:00+` (open end): there is no closing time to show or put in a calendar.

use jiff::civil::Date;
use opening_hours::{OpeningHours, RuleKind};

/// A problem in an `hours` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HoursError {
    /// 0-based character index in the value where the problem is, if known.
    pub at: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

const SYNTAX_HINT: &str = "write days and times like `Tu 17:00-20:00; Th 11:00-15:00` \
(days Mo Tu We Th Fr Sa Su, times HH:MM-HH:MM from 00:00 to 24:00), or \
`week 02-52/2 We 18:00-20:30` for Wednesdays of even weeks; syntax: \
https://wiki.openstreetmap.org/wiki/Key:opening_hours";

/// Parses and checks an `hours` value.
pub(crate) fn parse_hours(value: &str) -> Result<OpeningHours, HoursError> {
    if value.trim().is_empty() {
        return Err(HoursError {
            at: None,
            message: "`hours` is empty".into(),
            hint: SYNTAX_HINT.into(),
        });
    }
    let oh = value
        .parse::<OpeningHours>()
        .map_err(|e| crate_error(value, &e))?;
    check_semantics(value)?;
    Ok(oh)
}

/// Turns the crate's error into ours. Syntax errors come from pest, whose message starts
/// with ` --> line:column`; the column is a 1-based character index.
fn crate_error(value: &str, e: &impl std::fmt::Display) -> HoursError {
    let text = e.to_string();
    let column = text
        .split_once("-->")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|pos| pos.split_once(':'))
        .and_then(|(_, col)| col.parse::<usize>().ok());
    let Some(col) = column else {
        // Not a syntax error: an inverted week range, a number out of range...
        return HoursError {
            at: None,
            message: format!("`hours`: {text}"),
            hint: SYNTAX_HINT.into(),
        };
    };
    // Point at the start of a time the error is inside ("17:60" is wrong at "60").
    let chars: Vec<char> = value.chars().collect();
    let mut at = col.saturating_sub(1).min(chars.len());
    while at > 0
        && chars
            .get(at - 1)
            .is_some_and(|c| c.is_ascii_digit() || *c == ':')
    {
        at -= 1;
    }
    let rest: String = value.chars().skip(at).collect();
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ';')
        .collect();
    let message = if word.is_empty() {
        "`hours` ends too early: something is missing at the end".to_string()
    } else {
        format!("`hours` is not valid opening_hours syntax at `{word}`")
    };
    let hint = match (impossible_time(&word), padded_times(&word)) {
        (Some(why), _) => format!("{why}; {SYNTAX_HINT}"),
        (None, Some(fixed)) => format!(
            "did you mean `{fixed}`? Write both times with hours and minutes, HH:MM-HH:MM; {SYNTAX_HINT}"
        ),
        (None, None) => SYNTAX_HINT.to_string(),
    };
    HoursError {
        at: Some(at),
        message,
        hint,
    }
}

/// Explains a time that cannot exist (`25:00`, `17:60`) at the start of `word`.
fn impossible_time(word: &str) -> Option<String> {
    let b = word.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).filter(|s| s.iter().all(u8::is_ascii_digit));
    let (h, m) = (digits(0..2)?, digits(3..5)?);
    if b.get(2) != Some(&b':') {
        return None;
    }
    let hour = u32::from(h[0] - b'0') * 10 + u32::from(h[1] - b'0');
    let minute = u32::from(m[0] - b'0') * 10 + u32::from(m[1] - b'0');
    if minute > 59 {
        Some(format!("{}: minutes go from 00 to 59", &word[..5]))
    } else if hour > 23 {
        Some(format!(
            "{}: an opening time goes from 00:00 to 23:59 (only a closing time may pass 24:00, e.g. `22:00-26:00` for 22:00 to 02:00)",
            &word[..5]
        ))
    } else {
        None
    }
}

/// `11-15:00` or `9-15` as `11:00-15:00`, `09:00-15:00`: a time range whose times lack
/// minutes or a leading zero; `None` when `word` is not such a range.
fn padded_times(word: &str) -> Option<String> {
    let (a, b) = word.split_once('-')?;
    let pad = |t: &str| -> Option<String> {
        let (h, m) = t.split_once(':').unwrap_or((t, "00"));
        let ok = (1..=2).contains(&h.len())
            && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit());
        ok.then(|| format!("{h:0>2}:{m}"))
    };
    let fixed = format!("{}-{}", pad(a)?, pad(b)?);
    (fixed != word).then_some(fixed)
}

/// A closing time past 24:00 (`Th 11:00-25:00`, open until 01:00 the next day) is valid
/// OpenStreetMap syntax, the way to write hours past midnight, but far more often a typo
/// for `15:00`: this says so, to be shown as a warning unless the service is marked
/// `past_midnight = true`. `at` points at the closing time.
pub(crate) fn past_midnight(value: &str) -> Option<HoursError> {
    let chars = without_comments(value);
    let time_at = |i: usize| -> Option<u32> {
        let s = chars.get(i..i + 5)?;
        let d = |c: char| c.to_digit(10);
        if s[2] != ':' || chars.get(i + 5).is_some_and(char::is_ascii_digit) {
            return None;
        }
        Some((d(s[0])? * 10 + d(s[1])?) * 60 + d(s[3])? * 10 + d(s[4])?)
    };
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let (Some(start), Some('-')) = (time_at(i), chars.get(i + 5)) else {
            continue;
        };
        let Some(end) = time_at(i + 6).filter(|e| *e > 24 * 60) else {
            continue;
        };
        let hhmm = |m: u32| format!("{:02}:{:02}", m / 60 % 24, m % 60);
        let (written_start, written_end) = (span(&chars, i, 5), span(&chars, i + 6, 5));
        // The likely typo: a 2 for a 1 (`25:00` for `15:00`), when that still closes
        // after it opens.
        let typo = end
            .checked_sub(600)
            .filter(|e| *e > start && *e <= 24 * 60)
            .map(|e| format!("did you mean `{written_start}-{}`? If", hhmm(e)));
        return Some(HoursError {
            at: Some(i + 6),
            message: format!(
                "`{written_start}-{written_end}` runs past midnight: open until {} the next day",
                hhmm(end)
            ),
            hint: format!(
                "{} the clinic really is open past midnight, keep the time and add `past_midnight = true` to this service (OpenStreetMap writes hours after midnight past 24:00, e.g. `22:00-26:00` for 22:00 to 02:00)",
                typo.unwrap_or_else(|| "if".to_string())
            ),
        });
    }
    None
}

/// The characters of `value` with comments (`"..."`) blanked out, so words in them are not
/// taken for syntax.
fn without_comments(value: &str) -> Vec<char> {
    let mut in_quote = false;
    value
        .chars()
        .map(|c| {
            if c == '"' {
                in_quote = !in_quote;
                ' '
            } else if in_quote {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Rejects what parses but is wrong for a clinic (see the module docs).
fn check_semantics(value: &str) -> Result<(), HoursError> {
    let chars = without_comments(value);

    // Words.
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            match word.as_str() {
                "ph" | "sh" => {
                    return Err(HoursError {
                        at: Some(start),
                        message: "public and school holidays (`PH`, `SH`) are not supported in `hours`".into(),
                        hint: "remove them: set `public_holidays = \"closed\"` (or `\"open\"`) for the clinic, only as it has said, and list other closed days under `closed`".into(),
                    });
                }
                "sunrise" | "sunset" | "dawn" | "dusk" => {
                    return Err(HoursError {
                        at: Some(start),
                        message: format!("`{word}` times are not supported in `hours`"),
                        hint: "write clock times, e.g. `We 18:00-20:30`".into(),
                    });
                }
                _ => {}
            }
        } else {
            i += 1;
        }
    }

    // Time spans HH:MM-HH:MM (and an open end HH:MM+).
    let time_at = |i: usize| -> Option<u32> {
        let s = chars.get(i..i + 5)?;
        let d = |c: char| c.to_digit(10);
        if s[2] != ':' {
            return None;
        }
        Some((d(s[0])? * 10 + d(s[1])?) * 60 + d(s[3])? * 10 + d(s[4])?)
    };
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !chars[i - 1].is_ascii_digit();
        if let (true, Some(start)) = (boundary, time_at(i)) {
            let mut j = i + 5;
            while chars.get(j).is_some_and(|c| *c == ' ') {
                j += 1;
            }
            if chars.get(j) == Some(&'+') {
                return Err(HoursError {
                    at: Some(i),
                    message: format!("`{}+` has no closing time", span(&chars, i, 5)),
                    hint: format!("write when it closes, e.g. `{}-20:00`", span(&chars, i, 5)),
                });
            }
            if chars.get(j) == Some(&'-') {
                let mut k = j + 1;
                while chars.get(k).is_some_and(|c| *c == ' ') {
                    k += 1;
                }
                if let Some(end) = time_at(k)
                    && end <= start
                {
                    let (s, e) = (span(&chars, i, 5), span(&chars, k, 5));
                    return Err(HoursError {
                        at: Some(k),
                        message: format!("closing time {e} is not after opening time {s}"),
                        hint: format!(
                            "write the earlier time first, e.g. `{e}-{s}`; a closing time after midnight is written past 24:00, e.g. `22:00-26:00` for 22:00 to 02:00"
                        ),
                    });
                }
                i = k;
                continue;
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    Ok(())
}

fn span(chars: &[char], at: usize, len: usize) -> String {
    chars.iter().skip(at).take(len).collect()
}

/// The open ranges of `oh` on local `date`, as minutes from that date's midnight
/// (`end` may be 1440 for 24:00). A range that runs past midnight shows up as one range
/// ending at 1440 on this date and one starting at 0 on the next; the caller joins them.
pub(crate) fn open_ranges(oh: &OpeningHours, date: Date) -> Vec<(u16, u16)> {
    // The crate works on `chrono::NaiveDate`; chrono is not a direct dependency, so the
    // date goes through its ISO text (`FromStr` is inferred from `schedule_at`'s argument).
    let Ok(naive) = date.to_string().parse() else {
        return Vec::new();
    };
    oh.schedule_at(naive)
        .into_iter()
        .filter(|r| r.kind == RuleKind::Open)
        .map(|r| {
            (
                r.range.start.mins_from_midnight(),
                r.range.end.mins_from_midnight(),
            )
        })
        .filter(|(s, e)| s < e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn err(v: &str) -> HoursError {
        match parse_hours(v) {
            Ok(_) => panic!("`{v}` should not parse"),
            Err(e) => e,
        }
    }

    #[test]
    fn even_iso_weeks_skip_week_53_and_week_1() {
        let oh = parse_hours("week 02-52/2 We 18:00-20:30").unwrap();
        assert_eq!(open_ranges(&oh, date(2026, 12, 23)), vec![(1080, 1230)]); // week 52
        assert_eq!(open_ranges(&oh, date(2026, 12, 30)), vec![]); // week 53
        assert_eq!(open_ranges(&oh, date(2027, 1, 6)), vec![]); // week 1
        assert_eq!(open_ranges(&oh, date(2027, 1, 13)), vec![(1080, 1230)]); // week 2
        assert_eq!(open_ranges(&oh, date(2026, 12, 16)), vec![]); // week 51
        assert_eq!(open_ranges(&oh, date(2027, 12, 29)), vec![(1080, 1230)]); // week 52 of 52
        assert_eq!(open_ranges(&oh, date(2028, 1, 5)), vec![]); // week 1
    }

    #[test]
    fn past_midnight_is_split_at_24_00() {
        let oh = parse_hours("Fr 22:00-26:00").unwrap();
        assert_eq!(open_ranges(&oh, date(2026, 12, 18)), vec![(1320, 1440)]);
        assert_eq!(open_ranges(&oh, date(2026, 12, 19)), vec![(0, 120)]);
    }

    #[test]
    fn syntax_errors_point_at_the_column() {
        let e = err("Tu 17:00-2000");
        assert_eq!(e.at, Some(9));
        assert_eq!(
            e.message,
            "`hours` is not valid opening_hours syntax at `2000`"
        );
        let e = err("Tu 25:00-26:00");
        assert_eq!(e.at, Some(3));
        assert!(
            e.hint
                .starts_with("25:00: an opening time goes from 00:00 to 23:59"),
            "{}",
            e.hint
        );
        let e = err("Tu 17:60-18:00");
        assert_eq!(
            (e.at, e.message.as_str()),
            (
                Some(3),
                "`hours` is not valid opening_hours syntax at `17:60-18:00`"
            )
        );
        assert!(
            e.hint.starts_with("17:60: minutes go from 00 to 59"),
            "{}",
            e.hint
        );
        let e = err("Tu 17:00-");
        assert_eq!(
            e.message,
            "`hours` ends too early: something is missing at the end"
        );
        let e = err("week 52-02/2 We 18:00-20:30");
        assert_eq!(e.at, None);
        assert!(e.message.contains("Inverted week ranges"), "{}", e.message);
    }

    #[test]
    fn times_without_minutes_get_the_fixed_range() {
        let e = err("Tu 17:00-20:00; Th 11-15:00");
        assert_eq!(
            e.message,
            "`hours` is not valid opening_hours syntax at `11-15:00`"
        );
        assert!(
            e.hint.starts_with("did you mean `11:00-15:00`?"),
            "{}",
            e.hint
        );
        assert_eq!(padded_times("9-15").as_deref(), Some("09:00-15:00"));
        assert_eq!(padded_times("11:00-15:00"), None);
        assert_eq!(padded_times("Mo-Fr"), None);
    }

    #[test]
    fn closing_past_midnight_is_questioned() {
        let w = past_midnight("Tu 17:00-20:00; Th 11:00-25:00").unwrap();
        assert_eq!(
            w.message,
            "`11:00-25:00` runs past midnight: open until 01:00 the next day"
        );
        assert_eq!(w.at, Some(25));
        assert!(
            w.hint
                .starts_with("did you mean `11:00-15:00`? If the clinic really"),
            "{}",
            w.hint
        );
        // No typo to guess: 16:00 is before 22:00.
        let w = past_midnight("Fr 22:00-26:00").unwrap();
        assert!(w.hint.starts_with("if the clinic really"), "{}", w.hint);
        assert_eq!(past_midnight("Tu 17:00-24:00; We 10:00-12:00"), None);
        assert_eq!(past_midnight("Tu 17:00-20:00 \"not 22:00-26:00\""), None);
    }

    #[test]
    fn clinic_checks() {
        let e = err("Tu 20:00-17:00");
        assert_eq!(
            e.message,
            "closing time 17:00 is not after opening time 20:00"
        );
        assert_eq!(e.at, Some(9));
        assert_eq!(
            err("Tu 17:00-17:00").message,
            "closing time 17:00 is not after opening time 17:00"
        );
        assert_eq!(err("Tu 17:00+").message, "`17:00+` has no closing time");
        let e = err("Mo-Fr 10:00-12:00; PH off");
        assert_eq!(e.at, Some(19));
        assert!(e.message.starts_with("public and school holidays"));
        assert_eq!(
            err("Mo sunset-22:00").message,
            "`sunset` times are not supported in `hours`"
        );
        // Comments may say anything.
        assert!(parse_hours("Tu 17:00-20:00 \"not on PH\"").is_ok());
        assert!(parse_hours("Tu 17:00-20:00, 21:00-23:00; Th 11:00-15:00").is_ok());
    }
}
