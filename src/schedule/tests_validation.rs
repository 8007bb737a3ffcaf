//! Every validation error of a clinic file, pinned as `varde check` prints it.

use super::tests::{MINIMAL, errors};

/// The errors of clinic file `file` holding [`MINIMAL`] with `line` added after its `city`.
fn errors_with_line(file: &str, line: &str) -> Vec<String> {
    errors(
        file,
        &MINIMAL.replace("city = \"Oslo\"\n", &format!("city = \"Oslo\"\n{line}\n")),
    )
}

#[test]
fn unknown_key_suggests_the_nearest() {
    assert_eq!(
        errors_with_line("content/clinics/oslo.toml", "phnoe = \"1\""),
        [
            "content/clinics/oslo.toml:3:1: error: unknown key `phnoe` in the clinic file\n  help: did you mean `phone`?"
        ]
    );
    let text = MINIMAL.replace("key = \"drop_in\"", "key = \"drop_in\"\nhuors = \"Tu\"");
    assert_eq!(
        errors("content/clinics/oslo.toml", &text)[0],
        "content/clinics/oslo.toml:11:1: error: unknown key `huors` in [[services]]\n  help: did you mean `hours`?"
    );
}

#[test]
fn a_closed_date_that_is_not_a_date() {
    let text = format!("closed = [{{ date = \"2026-13-01\", reason = \"x\" }}]\n{MINIMAL}");
    assert_eq!(
        errors("content/clinics/oslo.toml", &text),
        [
            "content/clinics/oslo.toml:1:20: error: `date` is not a date: `2026-13-01` (there is no month 13)\n  help: write the date as YYYY-MM-DD, e.g. `date = \"2026-12-24\"`"
        ]
    );
    let text = format!(
        "closed = [\n  {{ from = \"2027-02-30\", to = \"2027-03-01\", reason = \"x\" }},\n  {{ date = \"24.12.2026\", reason = \"x\" }},\n]\n{MINIMAL}"
    );
    assert_eq!(
        errors("content/clinics/oslo.toml", &text),
        [
            "content/clinics/oslo.toml:2:12: error: `from` is not a date: `2027-02-30` (that month has 28 days)\n  help: write the date as YYYY-MM-DD, e.g. `from = \"2026-12-24\"`",
            "content/clinics/oslo.toml:3:12: error: `date` is not a date: `24.12.2026` (not in the form YYYY-MM-DD)\n  help: write the date as YYYY-MM-DD, e.g. `date = \"2026-12-24\"`",
        ]
    );
    // Unquoted, it is a TOML error, also with its line.
    let text = format!("closed = [{{ date = 2026-13-01, reason = \"x\" }}]\n{MINIMAL}");
    let e = errors("content/clinics/oslo.toml", &text);
    assert!(e[0].starts_with("content/clinics/oslo.toml:1:"), "{e:?}");
    let text = format!(
        "closed = [{{ from = \"2027-01-05\", to = \"2027-01-01\", reason = \"x\" }}]\n{MINIMAL}"
    );
    assert_eq!(
        errors("content/clinics/oslo.toml", &text),
        [
            "content/clinics/oslo.toml:1:39: error: the closure ends (2027-01-01) before it starts (2027-01-05)\n  help: write `from = \"2027-01-01\", to = \"2027-01-05\"`"
        ]
    );
}

#[test]
fn bad_hours_name_the_line_and_column_of_the_value() {
    let e = |hours: &str| {
        errors(
            "content/clinics/bergen.toml",
            &MINIMAL.replace("Tu 17:00-20:00; Th 11:00-15:00", hours),
        )
    };
    assert_eq!(
        e("Tu 17:00-2000"),
        [format!(
            "content/clinics/bergen.toml:11:19: error: `hours` is not valid opening_hours syntax at `2000`\n  help: {}",
            hours_hint("")
        )]
    );
    assert_eq!(
        e("Tu 25:00-26:00")[0],
        format!(
            "content/clinics/bergen.toml:11:13: error: `hours` is not valid opening_hours syntax at `25:00-26:00`\n  help: 25:00: an opening time goes from 00:00 to 23:59 (only a closing time may pass 24:00, e.g. `22:00-26:00` for 22:00 to 02:00); {}",
            hours_hint("")
        )
    );
    assert_eq!(
        e("We 20:30-18:00"),
        [
            "content/clinics/bergen.toml:11:19: error: closing time 18:00 is not after opening time 20:30\n  help: write the earlier time first, e.g. `18:00-20:30`; a closing time after midnight is written past 24:00, e.g. `22:00-26:00` for 22:00 to 02:00"
        ]
    );
    assert_eq!(
        e("Tu 17:00-20:00; PH off")[0],
        "content/clinics/bergen.toml:11:26: error: public and school holidays (`PH`, `SH`) are not supported in `hours`\n  help: remove them: set `public_holidays = \"closed\"` (or `\"open\"`) for the clinic, only as it has said, and list other closed days under `closed`"
    );
}

fn hours_hint(_: &str) -> &'static str {
    "write days and times like `Tu 17:00-20:00; Th 11:00-15:00` (days Mo Tu We Th Fr Sa Su, times HH:MM-HH:MM from 00:00 to 24:00), or `week 02-52/2 We 18:00-20:30` for Wednesdays of even weeks; syntax: https://wiki.openstreetmap.org/wiki/Key:opening_hours"
}

#[test]
fn other_validation_errors() {
    // Each a clinic file with its mistakes, and the errors `varde check` prints for it.
    let cases: [(String, &[&str]); 7] = [
        (
            MINIMAL
                .replace("name = \"Test clinic\"\n", "")
                .replace("display = \"111 22 333\"", "display = \"111 22 334\""),
            &[
                "content/clinics/x.toml:1:1: error: missing `name`\n  help: add `name = \"Helsesenteret for papirløse migranter\"`",
                "content/clinics/x.toml:6:11: error: `display` (111 22 334) is not the same number as `e164` (+4711122333)\n  help: check both: `display` is how people write it, e.g. `488 90 560` for `+4748890560`",
            ],
        ),
        (
            MINIMAL
                .replace("city = \"Oslo\"", "city = 7\ntimezone = \"Europe/Olso\"")
                .replace("hours = ", "kind = \"phnoe\"\nhours = "),
            &[
                "content/clinics/x.toml:2:8: error: `city` must be a string in quotes, not integer\n  help: write it like `city = \"...\"`",
                "content/clinics/x.toml:3:12: error: unknown time zone `Europe/Olso`\n  help: write an IANA time zone name, e.g. `timezone = \"Europe/Oslo\"` (or leave it out: that is the default)",
                "content/clinics/x.toml:12:8: error: unknown service kind `phnoe`\n  help: write `kind = \"phone\"` (`visit` or `phone`)",
            ],
        ),
        (
            format!(
                "closed = [{{ date = \"2027-01-05\", reason = \"x\", services = [\"dropin\"] }}]\n{MINIMAL}"
            ),
            &[
                "content/clinics/x.toml:1:60: error: `dropin` is not a service of this clinic\n  help: did you mean `drop_in`?",
            ],
        ),
        (
            "name = \"x\"\ncity = \"Oslo\n".to_string(),
            &[
                "content/clinics/x.toml:2:13: error: this is not valid TOML: invalid basic string, expected `\"`\n  help: see https://toml.io; strings need quotes, e.g. `city = \"Oslo\"`, dates are written `2026-12-24`",
            ],
        ),
        (
            "name = \"x\"\ncity = \"Oslo\"\ndirections = \"call_for_directions\"\nservices = []\n[phone]\ne164 = \"+4755566777\"\ndisplay = \"555 66 777\"\n".to_string(),
            &[
                "content/clinics/x.toml:4:12: error: the clinic has no services\n  help: add at least one, e.g. `services = [{ key = \"drop_in\", hours = \"Tu 17:00-20:00\" }]`",
            ],
        ),
        (
            MINIMAL
                .replace("[[services]]", "closed = []\n[[services]]")
                .replace("directions", "direction"),
            &[
                "content/clinics/x.toml:1:1: error: the clinic has neither `address` nor `directions`\n  help: add `address = \"Street 1, 0150 Oslo\"`, or `directions = \"call_for_directions\"` when the address is given by phone",
                "content/clinics/x.toml:3:1: error: unknown key `direction` in the clinic file\n  help: did you mean `directions`?",
                "content/clinics/x.toml:9:1: error: unknown key `closed` in [phone]\n  help: `closed` belongs to the clinic, not to [phone]: move it above the first `[...]` table (in TOML, keys after a table header belong to that table)",
            ],
        ),
        (
            "closed = [\"2026-12-24\", { date = \"2026-12-31\", reason = \"x\", colour = 1 }]\nname = \"x\"\ncity = \"Oslo\"\ndirections = \"call_for_directions\"\nservices = [\"drop_in\"]\n[phone]\ne164 = \"+4755566777\"\ndisplay = \"555 66 777\"\n".to_string(),
            &[
                "content/clinics/x.toml:1:11: error: `closed` must be a table, not string\n  help: write it like `{ date = 2026-12-24, reason = \"christmas\" }`",
                "content/clinics/x.toml:1:62: error: unknown key `colour` in a closure\n  help: the keys allowed in a closure are: date, from, to, reason, services",
                "content/clinics/x.toml:5:13: error: `services` must be a table, not string\n  help: write it like `{ key = \"drop_in\", hours = \"Tu 17:00-20:00\" }`",
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(errors("content/clinics/x.toml", &text), expected, "{text}");
    }
    let e = errors("content/clinics/Oslo Sentrum.toml", MINIMAL);
    assert!(
        e[0].starts_with(
            "content/clinics/Oslo Sentrum.toml: error: the clinic file name `Oslo Sentrum`"
        ),
        "{e:?}"
    );
}

#[test]
fn the_old_holiday_key_says_what_to_write_instead() {
    let old = |value: &str| {
        errors_with_line(
            "content/clinics/oslo.toml",
            &format!("closed_on_public_holidays = {value}"),
        )
    };
    let tail = "when the sources do not say, remove the line (the default, `public_holidays = \"unknown\"`, tells readers to call before they come)";
    assert_eq!(
        old("true"),
        [format!(
            "content/clinics/oslo.toml:3:1: error: `closed_on_public_holidays` is no longer read: it was replaced by `public_holidays`\n  help: write `public_holidays = \"closed\"` if the clinic has said it closes on public holidays; {tail}"
        )]
    );
    assert_eq!(
        old("false"),
        [format!(
            "content/clinics/oslo.toml:3:1: error: `closed_on_public_holidays` is no longer read: it was replaced by `public_holidays`\n  help: write `public_holidays = \"open\"` if the clinic has said it opens on public holidays; {tail}"
        )]
    );
}

#[test]
fn a_bad_public_holidays_value_names_its_place() {
    let with = |value: &str| {
        errors_with_line(
            "content/clinics/bergen.toml",
            &format!("public_holidays = {value}"),
        )
    };
    assert_eq!(
        with("\"closd\""),
        [
            "content/clinics/bergen.toml:3:19: error: unknown `public_holidays` value `closd`\n  help: did you mean `public_holidays = \"closed\"`? write `\"closed\"` or `\"open\"` only as the clinic has said, else `\"unknown\"` (the default)"
        ]
    );
    assert_eq!(
        with("\"maybe\""),
        [
            "content/clinics/bergen.toml:3:19: error: unknown `public_holidays` value `maybe`\n  help: write `\"closed\"` or `\"open\"` only as the clinic has said, else `\"unknown\"` (the default)"
        ]
    );
    assert_eq!(
        with("true"),
        [
            "content/clinics/bergen.toml:3:19: error: `public_holidays` must be one of \"unknown\", \"closed\" or \"open\", not boolean\n  help: write it like `public_holidays = \"unknown\"`"
        ]
    );
}
