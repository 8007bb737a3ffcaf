//! The weekly pattern of a clinic, read back from its evaluated rules rather than from their
//! syntax: each (service, weekday, times) slot is classified by the ISO weeks it falls in over
//! the coming year. So `Th 18:00-20:30` is weekly, `week 02-52/2 We 18:00-20:30` is "even
//! weeks" (although week 53 is skipped and weeks 52 and 2 follow each other), and anything
//! else irregular is "some weeks", shown with its dates.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::expand::{Local, raw};
use super::{Clinic, window_end};

/// How often a slot recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Repeat {
    /// Every week of the coming year.
    Weekly,
    /// Exactly the even-numbered ISO weeks.
    EvenWeeks,
    /// Exactly the odd-numbered ISO weeks.
    OddWeeks,
    /// Some other set of weeks.
    SomeWeeks,
}

impl Repeat {
    /// The i18n key of the note for this repeat (`None` for weekly), also used as a stable
    /// machine name in the view (`weekly` for weekly).
    pub(super) fn key(self) -> &'static str {
        match self {
            Repeat::Weekly => "weekly",
            Repeat::EvenWeeks => "even_weeks",
            Repeat::OddWeeks => "odd_weeks",
            Repeat::SomeWeeks => "some_weeks",
        }
    }
}

/// (year, week) of an ISO 8601 week.
type IsoWeek = (i16, i8);
/// (service, ISO weekday, start, end).
type SlotKey = (usize, i8, u32, u32);

/// One line of the weekly table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub service: usize,
    pub weekday: Weekday,
    /// Minutes from midnight.
    pub start: u32,
    /// Minutes from midnight; past 1440 if it closes after midnight.
    pub end: u32,
    pub repeat: Repeat,
}

/// A clinic's coming year, expanded once: the raw openings over the whole ISO weeks that
/// cover the build date to a year later, and the weekly slots read from them.
pub(crate) struct Year {
    /// Raw openings (before closures and holidays) over whole weeks, sorted.
    pub raw: Vec<Local>,
    /// The slots, sorted by service, weekday (Monday first) and time.
    pub slots: Vec<Slot>,
    /// The build date.
    pub today: Date,
    /// The last date of the window (a year after `today`, exclusive, minus a day).
    pub last: Date,
}

impl Year {
    /// Expands `clinic` for the year from `today`.
    pub(super) fn new(clinic: &Clinic, today: Date) -> Year {
        let monday = monday_of(today);
        let last = window_end(today).yesterday().unwrap_or(today);
        let sunday = monday_of(last).checked_add(6.days()).unwrap_or(last);
        let raw = raw(clinic, monday, sunday);
        let slots = classify(&raw, monday, sunday);
        Year {
            raw,
            slots,
            today,
            last,
        }
    }

    /// Raw openings with a start date from `today` to `last`.
    pub(super) fn window(&self) -> impl Iterator<Item = &Local> {
        self.raw
            .iter()
            .filter(|l| self.today <= l.date && l.date <= self.last)
    }

    /// Raw openings of `slot` from `today` to `last`.
    pub(super) fn of_slot<'a>(&'a self, slot: &'a Slot) -> impl Iterator<Item = &'a Local> {
        self.window().filter(|l| {
            l.service == slot.service
                && l.date.weekday() == slot.weekday
                && l.start == slot.start
                && l.end == slot.end
        })
    }
}

/// Reads the slots from raw openings over the whole weeks `monday..=sunday`. Closures and
/// holidays are not applied: the weekly table shows the rule; the dates shown with it are
/// real openings.
fn classify(raw: &[Local], monday: Date, sunday: Date) -> Vec<Slot> {
    let mut weeks: Vec<IsoWeek> = Vec::new();
    let mut d = monday;
    while d <= sunday {
        let w = d.iso_week_date();
        weeks.push((w.year(), w.week()));
        let Ok(next) = d.checked_add(7.days()) else {
            break;
        };
        d = next;
    }
    let all: BTreeSet<IsoWeek> = weeks.iter().copied().collect();
    let even: BTreeSet<IsoWeek> = weeks.iter().copied().filter(|w| w.1 % 2 == 0).collect();
    let odd: BTreeSet<IsoWeek> = weeks.iter().copied().filter(|w| w.1 % 2 == 1).collect();

    let mut groups: BTreeMap<SlotKey, BTreeSet<IsoWeek>> = BTreeMap::new();
    for l in raw {
        let w = l.date.iso_week_date();
        let wd = l.date.weekday().to_monday_one_offset();
        groups
            .entry((l.service, wd, l.start, l.end))
            .or_default()
            .insert((w.year(), w.week()));
    }
    groups
        .into_iter()
        .map(|((service, wd, start, end), seen)| {
            let repeat = if seen == all {
                Repeat::Weekly
            } else if seen == even {
                Repeat::EvenWeeks
            } else if seen == odd {
                Repeat::OddWeeks
            } else {
                Repeat::SomeWeeks
            };
            let weekday = Weekday::from_monday_one_offset(wd).unwrap_or(Weekday::Monday);
            Slot {
                service,
                weekday,
                start,
                end,
                repeat,
            }
        })
        .collect()
}

fn monday_of(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(back.days()).unwrap_or(d)
}
