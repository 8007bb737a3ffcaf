//! Reading the parts of a clinic file: `[phone]`, `[[services]]` and `closed`.

use std::ops::Range;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use super::{CLOSURE_KEYS, PHONE_KEYS, Reader, SERVICE_KEYS, Value, get, is_key, nearest};
use crate::diagnostics::line_col;
use crate::schedule::hours::{parse_hours, past_midnight};
use crate::schedule::{ANY_LANGUAGE, CLOSURE_KINDS, Closure, Phone, Reason, Service, ServiceKind};

impl Reader<'_> {
    /// The tables of the list `key`, each with where it starts, their keys checked against
    /// `allowed` (`place` names them in errors). An item that is not a table is an error
    /// (written like `example`) and left out.
    fn tables<'a, 'i>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = &'a Value<'i>>,
        example: &str,
        allowed: &[&str],
        place: &str,
    ) -> Vec<(usize, &'a DeTable<'i>)>
    where
        'i: 'a,
    {
        let mut out = Vec::new();
        for item in items {
            match item.get_ref().as_table() {
                Some(t) => {
                    self.check_keys(t, allowed, place);
                    out.push((item.span().start, t));
                }
                None => self.wrong_type(key, item, "a table", example),
            }
        }
        out
    }

    pub(super) fn phone(&mut self, root: &DeTable<'_>) -> Option<Phone> {
        let Some(v) = get(root, "phone") else {
            self.error(
                0,
                "missing `phone`",
                "add\n[phone]\ne164 = \"+4748890560\"\ndisplay = \"488 90 560\"",
            );
            return None;
        };
        let Some(table) = v.get_ref().as_table() else {
            self.wrong_type(
                "phone",
                v,
                "a table",
                "phone = { e164 = \"+4748890560\", display = \"488 90 560\" }",
            );
            return None;
        };
        self.check_keys(table, PHONE_KEYS, "[phone]");
        let at = v.span().start;
        let e164 = self.string(table, "e164", Some((at, "e164 = \"+4748890560\"")));
        let display = self.string(table, "display", Some((at, "display = \"488 90 560\"")));
        let (Some((e164, e_span)), Some((display, d_span))) = (e164, display) else {
            return None;
        };
        let digits = &e164.get(1..).unwrap_or("");
        if !(e164.starts_with('+')
            && (8..=16).contains(&e164.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0'))
        {
            self.error(
                e_span.start,
                format!("`e164` must be the number in E.164 form, not `{e164}`"),
                "write `+`, the country code and the number, no spaces: `e164 = \"+4748890560\"`",
            );
            return None;
        }
        let shown: String = display.chars().filter(char::is_ascii_digit).collect();
        if shown.len() < 3 || !digits.ends_with(&shown) {
            self.error(
                d_span.start,
                format!("`display` ({display}) is not the same number as `e164` ({e164})"),
                "check both: `display` is how people write it, e.g. `488 90 560` for `+4748890560`",
            );
            return None;
        }
        Some(Phone { e164, display })
    }

    pub(super) fn services(&mut self, root: &DeTable<'_>) -> Vec<Service> {
        let Some(v) = get(root, "services") else {
            self.error(
                0,
                "the clinic has no `services`",
                "add\n[[services]]\nkey = \"drop_in\"\nhours = \"Tu 17:00-20:00\"",
            );
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(
                "services",
                v,
                "a list of [[services]] tables",
                "[[services]]",
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.error(
                v.span().start,
                "the clinic has no services",
                "add at least one, e.g. `services = [{ key = \"drop_in\", hours = \"Tu 17:00-20:00\" }]`",
            );
        }
        let mut out: Vec<Service> = Vec::new();
        let example = "{ key = \"drop_in\", hours = \"Tu 17:00-20:00\" }";
        for (at, t) in self.tables("services", items, example, SERVICE_KEYS, "[[services]]") {
            let key = self.string(t, "key", Some((at, "key = \"drop_in\"")));
            if let Some((k, span)) = &key {
                if !is_key(k) {
                    self.error(
                        span.start,
                        format!("`key` must be a key of the theme's strings, not `{k}`"),
                        "use lowercase letters, digits and `_`, e.g. `key = \"womens_drop_in\"`",
                    );
                } else if out.iter().any(|s| &s.key == k) {
                    self.error(
                        span.start,
                        format!("the service `{k}` is listed twice"),
                        "put all its hours in one `hours` value, separated by `;`",
                    );
                }
            }
            let kind = match self.string(t, "kind", None) {
                None => Some(ServiceKind::Visit),
                Some((k, _)) if k == "visit" => Some(ServiceKind::Visit),
                Some((k, _)) if k == "phone" => Some(ServiceKind::Phone),
                Some((k, span)) => {
                    let near = nearest(&k, &["visit", "phone"]).unwrap_or("visit");
                    self.error(
                        span.start,
                        format!("unknown service kind `{k}`"),
                        format!("write `kind = \"{near}\"` (`visit` or `phone`)"),
                    );
                    None
                }
            };
            let hours = self.string(t, "hours", Some((at, "hours = \"Tu 17:00-20:00\"")));
            let on_purpose = self.bool(t, "past_midnight").unwrap_or(false);
            let oh = hours.as_ref().and_then(|(h, span)| match parse_hours(h) {
                Ok(oh) => Some(oh),
                Err(e) => {
                    let offset =
                        e.at.map(|c| self.offset_in_string(span, h, c))
                            .unwrap_or(span.start);
                    self.error(offset, e.message, e.hint);
                    None
                }
            });
            if let (Some((h, span)), Some(_), false) = (&hours, &oh, on_purpose)
                && let Some(w) = past_midnight(h)
            {
                let offset =
                    w.at.map(|c| self.offset_in_string(span, h, c))
                        .unwrap_or(span.start);
                self.warning(offset, w.message, w.hint);
            }
            if let (Some((key, _)), Some(kind), Some((hours, span)), Some(oh)) =
                (key, kind, hours, oh)
            {
                let line = line_col(self.text, span.start).0;
                out.push(Service {
                    key,
                    hours,
                    kind,
                    line,
                    oh,
                });
            }
        }
        out
    }

    /// Byte offset in the file of character `col` (0-based) of the string value at `span`,
    /// when the value is written without escapes; else the start of the value.
    fn offset_in_string(&self, span: &Range<usize>, value: &str, col: usize) -> usize {
        let raw = self.text.get(span.clone()).unwrap_or("");
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        if inner != value {
            return span.start;
        }
        let byte = value
            .char_indices()
            .nth(col)
            .map(|(b, _)| b)
            .unwrap_or(value.len());
        span.start + 1 + byte
    }

    pub(super) fn closures(&mut self, root: &DeTable<'_>, services: &[String]) -> Vec<Closure> {
        let Some(v) = get(root, "closed") else {
            return Vec::new();
        };
        let example = "closed = [{ date = 2026-12-24, reason = \"christmas\" }]";
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type("closed", v, "a list of closures", example);
            return Vec::new();
        };
        let mut out = Vec::new();
        let item_example = "{ date = 2026-12-24, reason = \"christmas\" }";
        for (at, t_table) in self.tables("closed", items, item_example, CLOSURE_KEYS, "a closure") {
            let date = get(t_table, "date").map(|v| self.date(v, "date"));
            let from = get(t_table, "from").map(|v| self.date(v, "from"));
            let to = get(t_table, "to").map(|v| self.date(v, "to"));
            let range = match (date, from, to) {
                (Some(d), None, None) => d.map(|d| (d, d)),
                (None, Some(f), Some(t)) => match (f, t) {
                    (Some(f), Some(t)) if f <= t => Some((f, t)),
                    (Some(f), Some(t)) => {
                        let span = get(t_table, "to").map(|v| v.span().start).unwrap_or(at);
                        self.error(
                            span,
                            format!("the closure ends ({t}) before it starts ({f})"),
                            format!("write `from = \"{t}\", to = \"{f}\"`"),
                        );
                        None
                    }
                    _ => None,
                },
                _ => {
                    self.error(at, "a closure needs either `date` or both `from` and `to`", "write `{ date = 2026-12-24 }` for one day, or `{ from = 2026-12-21, to = 2027-01-03 }` for a range (both days included)");
                    None
                }
            };
            let reason = self.reason(t_table);
            let mut keys = Vec::new();
            if let Some(v) = get(t_table, "services") {
                match v.get_ref().as_array() {
                    None => self.wrong_type(
                        "services",
                        v,
                        "a list of service keys",
                        "services = [\"drop_in\"]",
                    ),
                    Some(list) => {
                        for s in list.iter() {
                            match s.get_ref().as_str() {
                                Some(k) if services.iter().any(|x| x == k) => {
                                    keys.push(k.to_string())
                                }
                                other => {
                                    let known: Vec<&str> =
                                        services.iter().map(String::as_str).collect();
                                    let hint = match other.and_then(|o| nearest(o, &known)) {
                                        Some(n) => format!("did you mean `{n}`?"),
                                        None => format!(
                                            "the services of this clinic are: {}",
                                            known.join(", ")
                                        ),
                                    };
                                    self.error(
                                        s.span().start,
                                        format!(
                                            "`{}` is not a service of this clinic",
                                            other.unwrap_or("?")
                                        ),
                                        hint,
                                    );
                                }
                            }
                        }
                    }
                }
            }
            if let (Some((from, to)), Some(reason)) = (range, reason) {
                let line = line_col(self.text, at).0;
                out.push(Closure {
                    from,
                    to,
                    reason,
                    services: keys,
                    line,
                });
            }
        }
        out
    }

    /// A closure's optional `reason`: a built-in kind or another i18n key ([`Reason::Key`]),
    /// free text for every language (a plain string that is not a key), or a table of free
    /// text by language code. `None` after an error; `Some(Reason::None)` when there is none.
    fn reason(&mut self, table: &DeTable<'_>) -> Option<Reason> {
        let kinds: Vec<&str> = CLOSURE_KINDS.iter().map(|(k, _)| *k).collect();
        let hint = format!(
            "write one of `reason = \"{}\"`, or your own text per language: `reason = {{ nb = \"Stengt for oppussing\", en = \"Closed for repairs\" }}`; or leave `reason` out",
            kinds.join("\"`, `\"")
        );
        let Some(v) = get(table, "reason") else {
            return Some(Reason::None);
        };
        match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                self.error(v.span().start, "`reason` is empty", hint);
                None
            }
            DeValue::String(s) => Some(match CLOSURE_KINDS.iter().find(|(k, _)| k == s) {
                Some((_, key)) => Reason::Key((*key).to_string()),
                None if is_key(s) => Reason::Key(s.to_string()),
                None => Reason::Text([(ANY_LANGUAGE.to_string(), s.to_string())].into()),
            }),
            DeValue::Table(t) => {
                let mut texts = std::collections::BTreeMap::new();
                for (k, text) in t.iter() {
                    match text.get_ref().as_str() {
                        Some(s) if !s.trim().is_empty() => {
                            texts.insert(k.get_ref().to_string(), s.to_string());
                        }
                        _ => self.error(
                            text.span().start,
                            format!("the reason in `{}` must be text in quotes", k.get_ref()),
                            "write it like `en = \"Closed for repairs\"`",
                        ),
                    }
                }
                if texts.is_empty() {
                    self.error(v.span().start, "`reason` has no text", hint);
                    return None;
                }
                Some(Reason::Text(texts))
            }
            _ => {
                self.wrong_type("reason", v, "a kind or text", "reason = \"christmas\"");
                None
            }
        }
    }

    fn date(&mut self, v: &Value<'_>, key: &str) -> Option<Date> {
        let hint = format!("write the date as YYYY-MM-DD, e.g. `{key} = \"2026-12-24\"`");
        match v.get_ref() {
            DeValue::String(s) => match parse_date(s) {
                Ok(d) => Some(d),
                Err(why) => {
                    self.error(
                        v.span().start,
                        format!("`{key}` is not a date: `{s}` ({why})"),
                        hint,
                    );
                    None
                }
            },
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let (y, m, dd) = (
                        i16::try_from(d.year).ok()?,
                        i8::try_from(d.month).ok()?,
                        i8::try_from(d.day).ok()?,
                    );
                    match Date::new(y, m, dd) {
                        Ok(date) => Some(date),
                        Err(_) => {
                            self.error(
                                v.span().start,
                                format!("`{key}` is not a date: `{dt}`"),
                                hint,
                            );
                            None
                        }
                    }
                }
                _ => {
                    self.error(
                        v.span().start,
                        format!("`{key}` must be a day, without a time: `{dt}`"),
                        hint,
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, v, "a date", &format!("{key} = \"2026-12-24\""));
                None
            }
        }
    }
}

/// Parses `YYYY-MM-DD` strictly, explaining what is wrong.
fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err("not in the form YYYY-MM-DD".into());
    }
    let num = |r: Range<usize>| s.get(r).and_then(|x| x.parse::<i16>().ok()).unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    let (m, d8) = (m as i8, i8::try_from(d).unwrap_or(0));
    Date::new(y, m, d8).map_err(|_| {
        let days = Date::new(y, m, 1).map(|f| f.days_in_month()).unwrap_or(31);
        format!("that month has {days} days")
    })
}
