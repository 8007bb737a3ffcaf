//! schema.org `MedicalClinic` as JSON-LD, for `<script type="application/ld+json">`.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::expand::removed;
use super::slots::{Repeat, Slot, Year};
use super::{Clinic, NEXT_DATES, ServiceKind};
use crate::script_json::to_script_json;
use serde::Serialize;

/// The clinic as a schema.org `MedicalClinic` (one line of JSON, safe to put inside a
/// `<script>` element: `<`, `>` and `&` are escaped).
///
/// - `name`, `telephone` (E.164), `url`, `isAccessibleForFree` (when the file says `free`),
///   `address` (a `PostalAddress`; street only if published), `areaServed` (the city).
/// - `openingHoursSpecification`: weekly visit hours by `dayOfWeek`; an hour rule that is not
///   weekly (even weeks...) cannot be said by weekday, so its next dates are listed with
///   `validFrom`/`validThrough`.
/// - `specialOpeningHoursSpecification`: days in the coming year when the clinic would be
///   open but is closed (closures, public holidays), as `opens` = `closes` = `00:00`.
/// - `contactPoint` with `hoursAvailable` for phone services.
///
/// Takes the build date because dated hours (even weeks, closures) depend on it.
pub fn json_ld(clinic: &Clinic, today: Date) -> String {
    let year = Year::new(clinic, today);
    let kind_of = |i: usize| clinic.services.get(i).map(|s| s.kind);
    let specs = |kind: ServiceKind| -> Vec<Hours> {
        let mut out = Vec::new();
        for slot in year
            .slots
            .iter()
            .filter(|s| kind_of(s.service) == Some(kind))
        {
            if slot.repeat == Repeat::Weekly {
                out.push(Hours::of(slot, None));
                continue;
            }
            let dates = year
                .of_slot(slot)
                .filter(|l| removed(clinic, l).is_none())
                .take(NEXT_DATES);
            out.extend(dates.map(|l| Hours::of(slot, Some(l.date))));
        }
        out
    };
    // Days with visit hours by rule but none left after closures and holidays.
    let planned: BTreeSet<Date> = year
        .window()
        .filter(|l| kind_of(l.service) == Some(ServiceKind::Visit))
        .map(|l| l.date)
        .collect();
    let open: BTreeSet<Date> = year
        .window()
        .filter(|l| kind_of(l.service) == Some(ServiceKind::Visit) && removed(clinic, l).is_none())
        .map(|l| l.date)
        .collect();
    let closed = planned
        .difference(&open)
        .map(|d| Hours {
            kind: "OpeningHoursSpecification",
            day_of_week: None,
            valid_from: Some(d.to_string()),
            valid_through: Some(d.to_string()),
            opens: "00:00".into(),
            closes: "00:00".into(),
        })
        .collect();
    let phone = specs(ServiceKind::Phone);
    to_script_json(&MedicalClinic {
        context: "https://schema.org",
        kind: "MedicalClinic",
        name: &clinic.name,
        telephone: &clinic.phone.e164,
        url: clinic.website.as_deref(),
        free: clinic.free,
        address: Address {
            kind: "PostalAddress",
            street: clinic.address.as_deref(),
            locality: &clinic.city,
            country: "NO",
        },
        area_served: City {
            kind: "City",
            name: &clinic.city,
        },
        opening_hours: specs(ServiceKind::Visit),
        special_opening_hours: closed,
        contact_point: (!phone.is_empty()).then_some(ContactPoint {
            kind: "ContactPoint",
            telephone: &clinic.phone.e164,
            hours_available: phone,
        }),
    })
}

/// schema.org `MedicalClinic`; the field order is the order written.
#[derive(Serialize)]
struct MedicalClinic<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    telephone: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(
        rename = "isAccessibleForFree",
        skip_serializing_if = "Option::is_none"
    )]
    free: Option<bool>,
    address: Address<'a>,
    #[serde(rename = "areaServed")]
    area_served: City<'a>,
    #[serde(
        rename = "openingHoursSpecification",
        skip_serializing_if = "Vec::is_empty"
    )]
    opening_hours: Vec<Hours>,
    #[serde(
        rename = "specialOpeningHoursSpecification",
        skip_serializing_if = "Vec::is_empty"
    )]
    special_opening_hours: Vec<Hours>,
    #[serde(rename = "contactPoint", skip_serializing_if = "Option::is_none")]
    contact_point: Option<ContactPoint<'a>>,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "streetAddress", skip_serializing_if = "Option::is_none")]
    street: Option<&'a str>,
    #[serde(rename = "addressLocality")]
    locality: &'a str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
}

#[derive(Serialize)]
struct City<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct ContactPoint<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    telephone: &'a str,
    #[serde(rename = "hoursAvailable")]
    hours_available: Vec<Hours>,
}

/// schema.org `OpeningHoursSpecification`: weekly by `dayOfWeek`, or on one date.
#[derive(Serialize)]
struct Hours {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dayOfWeek", skip_serializing_if = "Option::is_none")]
    day_of_week: Option<String>,
    opens: String,
    closes: String,
    #[serde(rename = "validFrom", skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[serde(rename = "validThrough", skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
}

impl Hours {
    fn of(slot: &Slot, on: Option<Date>) -> Hours {
        Hours {
            kind: "OpeningHoursSpecification",
            day_of_week: Some(format!("https://schema.org/{:?}", slot.weekday)),
            valid_from: on.map(|d| d.to_string()),
            valid_through: on.map(|d| d.to_string()),
            opens: hm(slot.start),
            closes: hm(slot.end),
        }
    }
}

fn hm(minutes: u32) -> String {
    let m = minutes % 1440;
    format!("{:02}:{:02}", m / 60, m % 60)
}
