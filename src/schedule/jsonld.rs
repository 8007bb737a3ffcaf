//! schema.org `MedicalClinic` as JSON-LD, for `<script type="application/ld+json">`.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::expand::removed;
use super::slots::{Repeat, Slot, Year};
use super::view::NEXT_DATES;
use super::{Clinic, ServiceKind};

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

    let specs = |kind: ServiceKind| -> Vec<String> {
        let mut out = Vec::new();
        for slot in year
            .slots
            .iter()
            .filter(|s| kind_of(s.service) == Some(kind))
        {
            if slot.repeat == Repeat::Weekly {
                out.push(spec(slot, None));
                continue;
            }
            let dates = year
                .of_slot(slot)
                .filter(|l| removed(clinic, l).is_none())
                .take(NEXT_DATES);
            out.extend(dates.map(|l| spec(slot, Some(l.date))));
        }
        out
    };

    let mut fields: Vec<(&str, String)> = vec![
        ("@context", js("https://schema.org")),
        ("@type", js("MedicalClinic")),
        ("name", js(&clinic.name)),
        ("telephone", js(&clinic.phone.e164)),
    ];
    if let Some(url) = &clinic.website {
        fields.push(("url", js(url)));
    }
    if let Some(free) = clinic.free {
        fields.push(("isAccessibleForFree", free.to_string()));
    }
    let mut address = vec![("@type", js("PostalAddress"))];
    if let Some(street) = &clinic.address {
        address.push(("streetAddress", js(street)));
    }
    address.push(("addressLocality", js(&clinic.city)));
    address.push(("addressCountry", js("NO")));
    fields.push(("address", object(&address)));
    fields.push((
        "areaServed",
        object(&[("@type", js("City")), ("name", js(&clinic.city))]),
    ));

    let visit = specs(ServiceKind::Visit);
    if !visit.is_empty() {
        fields.push(("openingHoursSpecification", array(&visit)));
    }

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
    let closed: Vec<String> = planned
        .difference(&open)
        .map(|d| {
            object(&[
                ("@type", js("OpeningHoursSpecification")),
                ("validFrom", js(&d.to_string())),
                ("validThrough", js(&d.to_string())),
                ("opens", js("00:00")),
                ("closes", js("00:00")),
            ])
        })
        .collect();
    if !closed.is_empty() {
        fields.push(("specialOpeningHoursSpecification", array(&closed)));
    }

    let phone = specs(ServiceKind::Phone);
    if !phone.is_empty() {
        fields.push((
            "contactPoint",
            object(&[
                ("@type", js("ContactPoint")),
                ("telephone", js(&clinic.phone.e164)),
                ("hoursAvailable", array(&phone)),
            ]),
        ));
    }
    object(&fields)
}

fn spec(slot: &Slot, on: Option<Date>) -> String {
    let day = format!("https://schema.org/{:?}", slot.weekday);
    let mut f = vec![
        ("@type", js("OpeningHoursSpecification")),
        ("dayOfWeek", js(&day)),
        ("opens", js(&hm(slot.start))),
        ("closes", js(&hm(slot.end))),
    ];
    if let Some(d) = on {
        f.push(("validFrom", js(&d.to_string())));
        f.push(("validThrough", js(&d.to_string())));
    }
    object(&f)
}

fn hm(minutes: u32) -> String {
    let m = minutes % 1440;
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn object(fields: &[(&str, String)]) -> String {
    let inner: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}:{v}", js(k)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

fn array(items: &[String]) -> String {
    format!("[{}]", items.join(","))
}

/// A JSON string literal, with `<`, `>`, `&`, U+2028 and U+2029 escaped so the JSON cannot
/// end a `<script>` element or break older JavaScript parsers.
pub(crate) fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_close_a_script() {
        assert_eq!(
            js("a\"b</script>&\n"),
            "\"a\\\"b\\u003c/script\\u003e\\u0026\\n\""
        );
    }
}
