//! The data behind "Open now": the coming year's visit openings as UTC instants, with every
//! text the page script needs already localized at build time (ICU4X), so the script is
//! right in every language and device time zone without the browser's `Intl` (Chromium
//! lacks some of the site's locales, e.g. Tigrinya and Sorani).
//!
//! The result is one line of JSON for `<script type="application/json">`:
//!
//! ```text
//! {"b":base,"e":end,"p":"488 90 560",
//!  "m":[open,today,closed_today,closed_now,outdated,maybe,call_first],
//!  "s":["17:00","20:00","tirsdag 24. november",...],
//!  "l":["Drop-in",...],"r":"{start}–{end}",
//!  "i":[[delta,since_midnight,length,until_midnight,service,date,start,end(,range,note)],...]}
//! ```
//!
//! All times are whole minutes since the Unix epoch (UTC). `b` is the base the first delta
//! counts from, each `delta` is the start minus the previous start, `since_midnight` and
//! `until_midnight` are the minutes from the clinic's local midnight before the start and to
//! the one after it (real elapsed minutes, so days of 23 or 25 hours are right), `e` is the
//! end of the computed window. The last three numbers index `s`. Repeated texts are stored
//! once, which keeps the page small.
//!
//! An opening on a public holiday when the clinic has not said whether it opens then has a
//! ninth number, the index of its localized time range: on that day the script says "maybe
//! open: call first" (`maybe`, with the range) instead of "open" or "opens today", and when
//! it is the next opening, adds `call_first` to "closed, next: ...". Its tenth number indexes
//! the note shown beside it in lists ("Public holiday: call before you come (Christmas
//! Day)").
//!
//! The same data feeds the next openings (`next.js`) on the clinic page, the home page's
//! cards and the one-file copy: `l` holds each service's label (by service index) and `r`
//! the language's time range pattern, so a list computed on the device reads exactly like
//! the one built.

use super::expand::{Local, unsure_holiday};
use super::localize::Localizer;
use super::view::holiday_note;
use super::{Clinic, ServiceKind};
use crate::script_json::to_script_json;
use serde::Serialize;

/// The JSON's one object; short names, since it is in every clinic page.
#[derive(Serialize)]
struct OpenNow<'a> {
    b: i64,
    e: i64,
    p: &'a str,
    m: Vec<String>,
    s: Vec<String>,
    l: Vec<String>,
    r: String,
    i: Vec<Vec<i64>>,
}

/// The i18n keys of the seven messages, in the order of `m`.
pub const OPEN_NOW_KEYS: [&str; 7] = [
    "open_now_until",
    "opens_today_at",
    "closed_today_next",
    "closed_now_next",
    "times_outdated",
    "open_now_maybe",
    "holiday_call_first",
];

/// Builds the JSON (see the module docs) from the openings that happen, in time order.
pub(crate) fn open_now_json(
    clinic: &Clinic,
    happening: &[&Local],
    loc: &Localizer,
    text: &dyn Fn(&str) -> String,
    range: &dyn Fn(String, String) -> String,
    window_end_unix: i64,
) -> String {
    let tz = &clinic.timezone;
    let minutes = |z: &jiff::Zoned| z.timestamp().as_second().div_euclid(60);
    let midnight = |d: jiff::civil::Date| d.to_zoned(tz.clone()).ok().map(|z| minutes(&z));
    let mut strings: Vec<String> = Vec::new();
    let mut index = |s: String| -> usize {
        match strings.iter().position(|x| *x == s) {
            Some(i) => i,
            None => {
                strings.push(s);
                strings.len() - 1
            }
        }
    };
    let mut rows: Vec<Vec<i64>> = Vec::new();
    let mut base: Option<i64> = None;
    let mut previous = 0;
    for l in happening {
        let visit = clinic.services.get(l.service).map(|s| s.kind) == Some(ServiceKind::Visit);
        if !visit {
            continue;
        }
        let Some((start, end)) = l.zoned(tz) else {
            continue;
        };
        let (s, e) = (minutes(&start), minutes(&end));
        let (Some(m0), Some(m1)) = (midnight(l.date), l.date.tomorrow().ok().and_then(midnight))
        else {
            continue;
        };
        let delta = s - base.map_or(s, |_| previous);
        base.get_or_insert(s);
        previous = s;
        let date = index(loc.date(l.date));
        let from = index(loc.time(l.start));
        let to = index(loc.time(l.end));
        let mut row = vec![
            delta,
            s - m0,
            e - s,
            m1 - s,
            l.service as i64,
            date as i64,
            from as i64,
            to as i64,
        ];
        if let Some(holiday) = unsure_holiday(clinic, l) {
            row.push(index(range(loc.time(l.start), loc.time(l.end))) as i64);
            row.push(index(holiday_note(text, holiday)) as i64);
        }
        rows.push(row);
    }
    let messages: Vec<String> = OPEN_NOW_KEYS.iter().map(|k| text(k)).collect();
    to_script_json(&OpenNow {
        b: base.unwrap_or(0),
        e: window_end_unix.div_euclid(60),
        p: &clinic.phone.display,
        m: messages,
        s: strings,
        l: clinic.services.iter().map(|s| text(&s.key)).collect(),
        r: range("{start}".into(), "{end}".into()),
        i: rows,
    })
}
