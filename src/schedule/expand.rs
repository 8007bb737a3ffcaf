//! From rules to concrete openings: evaluate each service per local date, join ranges that run
//! past midnight, remove closures and public holidays (when the clinic closes on them), and
//! only then make instants. When the clinic has not said what it does on public holidays,
//! their openings stay and [`unsure_holiday`] marks them.

use jiff::civil::{Date, DateTime, Time};
use jiff::{ToSpan, Zoned};

use super::holidays::holiday_on;
use super::hours::open_ranges;
use super::{Clinic, Closure, Opening, PublicHolidays};

/// One opening as wall-clock time: `start` and `end` are minutes from midnight of `date`
/// (`end` may pass 1440 when it closes after midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Local {
    pub date: Date,
    pub start: u32,
    pub end: u32,
    pub service: usize,
}

impl Local {
    /// The local date and time `minutes` after midnight of `self.date`.
    pub(super) fn at(&self, minutes: u32) -> Option<DateTime> {
        let day = self
            .date
            .checked_add(i64::from(minutes / 1440).days())
            .ok()?;
        let (h, m) = ((minutes % 1440) / 60, minutes % 60);
        Some(day.to_datetime(Time::new(i8::try_from(h).ok()?, i8::try_from(m).ok()?, 0, 0).ok()?))
    }

    /// Start and end as instants in `tz`. A wall time that does not exist (in the spring
    /// gap) is read with the offset from before the gap, so 02:15 becomes 03:15 (as RFC 5545
    /// says for calendars); one that happens twice (autumn) takes the first. `None` if the
    /// end would not come after the start.
    pub(super) fn zoned(&self, tz: &jiff::tz::TimeZone) -> Option<(Zoned, Zoned)> {
        let start = self.at(self.start)?.to_zoned(tz.clone()).ok()?;
        let end = self.at(self.end)?.to_zoned(tz.clone()).ok()?;
        (start.timestamp() < end.timestamp()).then_some((start, end))
    }
}

/// Why an opening does not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Removed<'a> {
    /// A closure in the clinic file.
    Closure(&'a Closure),
    /// A public holiday (its i18n key), when the clinic closes on them.
    Holiday(&'static str),
}

/// Every opening the rules give for start dates in `from..=to`, before closures and
/// holidays, sorted by (date, start, service). An opening past midnight is one `Local`.
pub(crate) fn raw(clinic: &Clinic, from: Date, to: Date) -> Vec<Local> {
    let mut out = Vec::new();
    // Start a day early so a range that began the evening before `from` joins correctly.
    let first = from.yesterday().unwrap_or(from);
    // And end a day late so one that began on `to` gets its part after midnight.
    let beyond = to.tomorrow().unwrap_or(to);
    for (index, service) in clinic.services.iter().enumerate() {
        let mut day = first;
        let mut mine: Vec<Local> = Vec::new();
        while day <= beyond {
            for (s, e) in open_ranges(&service.oh, day) {
                let (s, e) = (u32::from(s), u32::from(e));
                // Joins 22:00-24:00 yesterday with 00:00-02:00 today.
                if s == 0
                    && let Some(prev) = mine.last_mut()
                    && prev.date.tomorrow().ok() == Some(day)
                    && prev.end == 1440
                {
                    prev.end = 1440 + e;
                    continue;
                }
                mine.push(Local {
                    date: day,
                    start: s,
                    end: e,
                    service: index,
                });
            }
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
        out.extend(mine.into_iter().filter(|l| l.date >= from && l.date <= to));
    }
    out.sort();
    out
}

/// Why the opening `l` does not happen, if it does not: a closure covering its service on its
/// start date, else a public holiday on its start date (when the clinic closes on them).
pub(crate) fn removed<'a>(clinic: &'a Clinic, l: &Local) -> Option<Removed<'a>> {
    let key = clinic
        .services
        .get(l.service)
        .map(|s| s.key.as_str())
        .unwrap_or("");
    if let Some(c) = clinic.closures.iter().find(|c| c.covers(key, l.date)) {
        return Some(Removed::Closure(c));
    }
    if clinic.public_holidays == PublicHolidays::Closed {
        return holiday_on(l.date).map(Removed::Holiday);
    }
    None
}

/// The holiday key of the opening `l`'s start date when it happens on a public holiday and
/// the clinic has not said whether it opens then: the reader must call first. `None` for a
/// removed opening, an ordinary day, or a clinic that said "closed" or "open".
pub(crate) fn unsure_holiday(clinic: &Clinic, l: &Local) -> Option<&'static str> {
    if clinic.public_holidays != PublicHolidays::Unknown || removed(clinic, l).is_some() {
        return None;
    }
    holiday_on(l.date)
}

/// The openings that really happen, with start dates in `from..=to`.
pub(crate) fn actual(clinic: &Clinic, from: Date, to: Date) -> Vec<Local> {
    raw(clinic, from, to)
        .into_iter()
        .filter(|l| removed(clinic, l).is_none())
        .collect()
}

/// All openings of all services that start on a local date in `from..=to` (both inclusive),
/// sorted by start time (then service index), with closures and, if the clinic closes on
/// them, Norwegian public holidays removed. Times are in the clinic's time zone. When the
/// clinic has not said what it does on holidays, an opening on one has `unsure_holiday`.
pub fn openings(clinic: &Clinic, from: Date, to: Date) -> Vec<Opening> {
    let mut out: Vec<Opening> = actual(clinic, from, to)
        .iter()
        .filter_map(|l| {
            let (start, end) = l.zoned(&clinic.timezone)?;
            Some(Opening {
                service: l.service,
                start,
                end,
                unsure_holiday: unsure_holiday(clinic, l),
            })
        })
        .collect();
    out.sort_by_key(|a| (a.start.timestamp(), a.service));
    out
}
