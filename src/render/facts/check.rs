//! Finds days and hours written by hand in page text that the clinic files contradict: a
//! warning of `varde check` and `varde build`, naming page and line, because a sentence
//! saying "Wednesday" after the clinic moved to Monday sends readers to a closed door.
//!
//! Kept simple so it does not cry wolf: it looks only at text near a clinic (a page with
//! `clinic = "..."`, or a paragraph naming a clinic's slug, city or phone number, or one
//! below such a paragraph in the same section), outside placeholders, and only at
//! - a weekday followed by a time range ("onsdag kl. 18.00–20.30"): that day and time must
//!   be an opening of the clinic;
//! - a time range alone: it must be one of the clinic's;
//! - a weekday alone: one of the clinic's services must open on it;
//! - week numbers counted in twos ("week 2, 4, 6 and so on"): the clinic must have a rule
//!   of even weeks (odd ones for "1, 3, 5").

use super::placeholders;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site};
use crate::schedule::{ClinicView, weekday_names};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A time range as minutes from midnight, e.g. (1080, 1230) for 18:00–20:30.
type Range = (u32, u32);

/// Weekday names that are also everyday words, not looked for alone: Pashto's Saturday
/// "اونۍ" is also "week" ("every second week").
const AMBIGUOUS: &[(&str, i8)] = &[("ps", 6)];

/// What one clinic's file says, in numbers.
struct Openings<'a> {
    slug: &'a str,
    /// What names the clinic in any language: a link to its page (`clinics/bergen`), its
    /// full name, its phone number. (Not the town alone: a page may name Oslo for other
    /// reasons, and give other hours there.)
    names: Vec<String>,
    /// The same, as written, for a fast first search of every page.
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// A placeholder of it, for the hint.
    example: String,
    /// (ISO weekday, range) of every weekly row of every service.
    pairs: BTreeSet<(i8, Range)>,
    /// The week rules of its rows: `weekly`, `even_weeks`, `odd_weeks`, `some_weeks`.
    week_rules: BTreeSet<&'static str>,
}

/// What names a clinic in page text, as written.
fn names(slug: &str, view: &ClinicView) -> impl Iterator<Item = String> {
    [
        format!("clinics/{slug}"),
        view.name.clone(),
        view.phone.display.clone(),
        view.phone.e164.clone(),
    ]
    .into_iter()
}

/// Every warning for hand-written days and times in `site`'s pages, given each clinic's
/// view in any one language (`views`, by slug).
pub fn check(site: &Site, views: &BTreeMap<String, &ClinicView>) -> Vec<Diagnostic> {
    let clinics: Vec<Openings<'_>> = views
        .iter()
        .map(|(slug, view)| Openings {
            slug,
            names: names(slug, view).map(|n| n.to_lowercase()).collect(),
            finders: names(slug, view)
                .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned())
                .collect(),
            example: view
                .services
                .first()
                .map_or("phone".to_string(), |s| s.key.clone()),
            pairs: view
                .services
                .iter()
                .flat_map(|s| &s.rows)
                .filter_map(|r| Some((r.weekday, (minutes(&r.start)?, minutes(&r.end)?))))
                .collect(),
            week_rules: view
                .services
                .iter()
                .flat_map(|s| &s.rows)
                .map(|r| r.repeat)
                .collect(),
        })
        .collect();
    if clinics.is_empty() {
        return Vec::new();
    }
    let days: HashMap<&str, Vec<(String, String)>> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let names = weekday_names(&l.code).map(|n| (n.to_lowercase(), n));
            (l.code.as_str(), names.to_vec())
        })
        .collect();
    let pages: Vec<&Page> = site.pages.values().flat_map(|p| p.values()).collect();
    let mut out: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let mut found = Vec::new();
            if let Some(days) = days.get(page.lang.as_str()) {
                check_page(page, days, &clinics, &mut found);
            }
            found
        })
        .collect();
    out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    out
}

fn check_page(
    page: &Page,
    days: &[(String, String)],
    clinics: &[Openings<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let body = page.body.as_str();
    // Most pages name no clinic, or no weekday and no time of day: they cost a few fast
    // byte searches, and only the others are lowercased and read.
    let about_a_clinic = page.front.clinic.is_some()
        || body.contains("{{")
        || clinics
            .iter()
            .any(|c| c.finders.iter().any(|f| f.find(body.as_bytes()).is_some()));
    if !about_a_clinic {
        return;
    }
    let lower_all = body.to_lowercase();
    if !days.iter().any(|(d, _)| lower_all.contains(d.as_str()))
        && !has_time(&lower_all)
        && find_week_counts(&lower_all.chars().map(ascii_digit).collect::<Vec<_>>()).is_empty()
    {
        return;
    }
    // Placeholders become spaces (their text comes from the clinic file, so is right), and
    // name their clinic for the paragraph they are in.
    let mut text = String::with_capacity(body.len());
    let mut named_on: Vec<(usize, &str)> = Vec::new();
    let mut from = 0;
    for (start, end, name) in placeholders(body) {
        text.push_str(&body[from..start]);
        text.extend(std::iter::repeat_n(' ', body[start..end].chars().count()));
        if let Ok(name) = name {
            let slug = name.split('.').next().unwrap_or_default();
            named_on.push((body[..start].matches('\n').count(), slug));
        }
        from = end;
    }
    text.push_str(&body[from..]);
    let lower = text.to_lowercase();
    let own = page.front.clinic.as_deref();
    let lines: Vec<&str> = lower.split('\n').collect();
    let mut context: Vec<&Openings<'_>> = Vec::new();
    // Blocks are runs of non-blank lines; a heading starts a new section.
    let mut start = 0;
    for i in 0..=lines.len() {
        if i < lines.len() && !lines[i].trim().is_empty() {
            continue;
        }
        if start < i {
            let block = lines[start..i].join("\n");
            let named: Vec<&Openings<'_>> = clinics
                .iter()
                .filter(|c| {
                    own == Some(c.slug)
                        || c.names.iter().any(|n| block.contains(n.as_str()))
                        || named_on
                            .iter()
                            .any(|(l, s)| (start..i).contains(l) && *s == c.slug)
                })
                .collect();
            if lines[start].starts_with('#') {
                context.clear();
            }
            if !named.is_empty() {
                context = named;
            }
            if !context.is_empty() {
                let chars: Vec<char> = block.chars().collect();
                check_block(page, &chars, page.body_line + start, days, &context, out);
            }
        }
        start = i + 1;
    }
}

/// Whether `text` holds a time of day: a colon or dot between digits of any script.
fn has_time(text: &str) -> bool {
    memchr::memchr2_iter(b':', b'.', text.as_bytes()).any(|p| {
        text[..p].chars().next_back().is_some_and(char::is_numeric)
            && text[p + 1..].chars().next().is_some_and(char::is_numeric)
    })
}

/// Checks one block of lowercased text starting on file line `first_line`.
fn check_block(
    page: &Page,
    text: &[char],
    first_line: usize,
    days: &[(String, String)],
    clinics: &[&Openings<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let digits: Vec<char> = text.iter().map(|c| ascii_digit(*c)).collect();
    let ranges = find_ranges(&digits);
    let mut used = vec![false; ranges.len()];
    let whose = match clinics {
        [one] => format!("content/clinics/{}.toml does not have", one.slug),
        _ => {
            let slugs: Vec<&str> = clinics.iter().map(|c| c.slug).collect();
            format!("none of the clinic files of {} has", slugs.join(", "))
        }
    };
    let mut warn = |at: usize, what: String| {
        let line = first_line + text[..at].iter().filter(|c| **c == '\n').count();
        let col = at
            - text[..at]
                .iter()
                .rposition(|c| *c == '\n')
                .map_or(0, |p| p + 1)
            + 1;
        out.push(
            Diagnostic::warning(
                &page.file,
                format!("the text names {what}, which {whose}"),
            )
            .at(line, col)
            .hint(format!(
                "write the placeholder instead (e.g. {{{{ {}.{} }}}}), so the text follows content/clinics/{}.toml",
                clinics[0].slug,
                clinics[0].example,
                clinics[0].slug
            )),
        );
    };
    for (n, (lower, day)) in days.iter().enumerate() {
        let day_chars: Vec<char> = lower.chars().collect();
        let weekday = n as i8 + 1;
        for at in find_word(text, &day_chars) {
            let after = at + day_chars.len();
            let next = ranges
                .iter()
                .position(|(s, _, _)| *s >= after && *s <= after + 12);
            match next {
                Some(r) => {
                    used[r] = true;
                    let range = ranges[r].2;
                    if !clinics.iter().any(|c| c.pairs.contains(&(weekday, range))) {
                        warn(at, format!("\"{day} {}\"", show(range)));
                    }
                }
                None => {
                    let ambiguous = AMBIGUOUS.contains(&(page.lang.as_str(), weekday));
                    if !ambiguous
                        && !clinics
                            .iter()
                            .any(|c| c.pairs.iter().any(|(d, _)| *d == weekday))
                    {
                        warn(at, format!("\"{day}\" as an opening day"));
                    }
                }
            }
        }
    }
    for (at, first) in find_week_counts(&digits) {
        let (rule, kind) = if first == 1 {
            ("odd_weeks", "odd")
        } else {
            ("even_weeks", "even")
        };
        if !clinics.iter().any(|c| c.week_rules.contains(rule)) {
            let weeks = format!("{first}, {}, {}", first + 2, first + 4);
            warn(at, format!("the weeks \"{weeks}\" ({kind} weeks)"));
        }
    }
    for (r, (at, _, range)) in ranges.iter().enumerate() {
        let known = clinics
            .iter()
            .any(|c| c.pairs.iter().any(|(_, x)| x == range));
        if !used[r] && !known {
            warn(*at, format!("the hours \"{}\"", show(*range)));
        }
    }
}

/// Time ranges "18:00–20:30", "18.00-20.30", "kl. 9.00 – 13.00" in text whose digits are
/// ASCII: (start index, end index, range).
fn find_ranges(text: &[char]) -> Vec<(usize, usize, Range)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts_number = text[i].is_ascii_digit() && (i == 0 || !text[i - 1].is_ascii_digit());
        if starts_number && let Some((a, j)) = time_at(text, i) {
            let mut k = j;
            while k < text.len() && text[k] == ' ' {
                k += 1;
            }
            if k < text.len() && matches!(text[k], '–' | '-' | '—') {
                k += 1;
                while k < text.len() && text[k] == ' ' {
                    k += 1;
                }
                if let Some((b, end)) = time_at(text, k) {
                    found.push((i, end, (a, b)));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    found
}

/// Week numbers counted in twos from the first week, "2, 4, 6" or "1, 3, 5" (also "٢، ٤، ٦",
/// "2፡ 4፡ 6", "2 و4 و6"), in text whose digits are ASCII: (start index, first number).
fn find_week_counts(text: &[char]) -> Vec<(usize, u32)> {
    let number = |i: usize| -> Option<(u32, usize)> {
        let len = text[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > 2 || (i > 0 && text[i - 1].is_ascii_digit()) {
            return None;
        }
        let n = text[i..i + len].iter().collect::<String>().parse().ok()?;
        Some((n, i + len))
    };
    // A comma in any of the site's scripts (Tigrinya drafts write the word space "፡"), or
    // the Arabic "and" joined to the next number ("2 و4 و6").
    let comma = |mut i: usize| -> Option<usize> {
        let space = |i: &mut usize| {
            while text.get(*i).is_some_and(|c| c.is_whitespace()) {
                *i += 1;
            }
        };
        space(&mut i);
        if !matches!(text.get(i), Some(',' | '،' | '፣' | '፡' | 'و')) {
            return None;
        }
        i += 1;
        space(&mut i);
        Some(i)
    };
    (0..text.len())
        .filter_map(|i| {
            let (first, end) = number(i).filter(|(n, _)| matches!(n, 1 | 2))?;
            let (second, end) = number(comma(end)?)?;
            let (third, _) = number(comma(end)?)?;
            (second == first + 2 && third == first + 4).then_some((i, first))
        })
        .collect()
}

/// A time "H:MM", "HH:MM" or with a dot at `i`: minutes from midnight and the index after it.
fn time_at(text: &[char], i: usize) -> Option<(u32, usize)> {
    let digit = |k: usize| text.get(k).and_then(|c| c.to_digit(10));
    let h1 = digit(i)?;
    let (hours, sep) = match digit(i + 1) {
        Some(h2) => (h1 * 10 + h2, i + 2),
        None => (h1, i + 1),
    };
    if !matches!(text.get(sep), Some(':' | '.')) {
        return None;
    }
    let m = digit(sep + 1)? * 10 + digit(sep + 2)?;
    if digit(sep + 3).is_some() || hours > 24 || m > 59 {
        return None;
    }
    Some((hours * 60 + m, sep + 3))
}

/// Minutes from midnight of a localized time ("18:00", "۱۸:۰۰").
fn minutes(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().map(ascii_digit).collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    time_at(&chars, start).map(|(m, _)| m)
}

/// "18:00–20:30".
fn show((a, b): Range) -> String {
    format!("{:02}:{:02}–{:02}:{:02}", a / 60, a % 60, b / 60, b % 60)
}

/// Arabic-Indic and Persian digits as ASCII digits; any other character as it is.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
        '\u{6F0}'..='\u{6F9}' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
        _ => c,
    }
}

/// Where `word` stands in `text` as a word: not inside a longer word of letters.
fn find_word(text: &[char], word: &[char]) -> Vec<usize> {
    if word.is_empty() || word.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - word.len())
        .filter(|&i| {
            text[i..i + word.len()] == *word
                && (i == 0 || !in_word(text[i - 1]))
                && text.get(i + word.len()).is_none_or(|c| !in_word(*c))
        })
        .collect()
}

/// A character that joins a word: a letter, Arabic vowel marks, or the zero-width
/// (non-)joiner, so Persian "سه‌شنبه" (Tuesday) does not hold "شنبه" (Saturday).
fn in_word(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{200c}' | '\u{200d}' | '\u{64b}'..='\u{65f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().map(ascii_digit).collect()
    }

    #[test]
    fn time_ranges_are_found_in_the_ways_pages_write_them() {
        let found =
            |s: &str| -> Vec<Range> { find_ranges(&chars(s)).into_iter().map(|r| r.2).collect() };
        assert_eq!(found("onsdag kl. 18.00–20.30."), [(1080, 1230)]);
        assert_eq!(
            found("Tuesday 9:00 - 13:00, 10:00-14:00"),
            [(540, 780), (600, 840)]
        );
        assert_eq!(found("۱۸:۰۰–۲۰:۳۰"), [(1080, 1230)]);
        assert_eq!(found("week 2, 4, 6; 116 117; 2026-12-03; 12:345-13:00"), []);
    }

    #[test]
    fn a_weekday_is_a_whole_word() {
        let text = chars("سه‌شنبه و شنبه");
        let day = chars("شنبه");
        assert_eq!(find_word(&text, &day), [10], "not inside Tuesday");
        assert_eq!(find_word(&chars("sundays, sunday"), &chars("sunday")), [9]);
    }

    #[test]
    fn week_numbers_counted_in_twos_are_found_in_any_script() {
        let found = |s: &str| -> Vec<u32> {
            find_week_counts(&chars(s))
                .into_iter()
                .map(|w| w.1)
                .collect()
        };
        assert_eq!(found("Partallsuker er uke 2, 4, 6 og så videre."), [2]);
        assert_eq!(found("săptămâna 1, 3, 5"), [1]);
        assert_eq!(found("الأسبوع ٢، ٤، ٦"), [2]);
        assert_eq!(found("(الأسبوع 2 و4 و6 وهكذا)"), [2]);
        assert_eq!(found("(ሰሙን 2፡ 4፡ 6 ወዘተ)"), [2]);
        assert_eq!(
            found("3, 5, 7; 2, 4, 7; 12, 14, 16; 2,4; 22, 4, 6; 2 4 6"),
            Vec::<u32>::new()
        );
    }
}
