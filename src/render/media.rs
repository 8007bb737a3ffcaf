//! A video or recording on a page (issue 24): the Markdown image whose file is a media file
//! becomes a native player that fetches nothing until the reader taps play, says what a tap
//! costs ("Video, 2 min, 3.4 MB") in the reader's language and digits, carries the captions,
//! and offers to keep the file for offline use. Never a third-party player, never an iframe.

use crate::model::media::{Kind, Media};
use crate::model::strings::Strings;
use icu::decimal::DecimalFormatter;
use icu::decimal::input::Decimal;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

/// How a page's media files are shown: `find` knows a media file by its path in the site
/// folder (`content/en/media/rights.webm`), `show` writes its player (or, with `false`, the
/// link used inside a sentence) from the file and its title.
pub struct MediaShow<'m> {
    /// The media file at a site path, if it is one.
    pub find: &'m dyn Fn(&str) -> Option<&'m Media>,
    /// The HTML of a media file titled by its alt text; `true` when alone in its paragraph.
    pub show: &'m dyn Fn(&Media, &str, bool) -> String,
}

/// What a player needs to know of the page it is on.
pub struct PlayerPage<'a> {
    /// The reader's language code.
    pub lang: &'a str,
    /// `../` repeated up to the site root, from the page.
    pub to_root: String,
    /// The page's address in full (with `base_url`), for print and the one-file copy.
    pub address: Option<String>,
    /// The site's strings.
    pub strings: &'a Strings,
    /// The site's languages, code and name, for the captions' labels.
    pub languages: Vec<(&'a str, &'a str)>,
}

impl PlayerPage<'_> {
    fn t<'s>(&'s self, key: &'s str) -> &'s str {
        self.strings
            .get(self.lang, key)
            .or_else(|| self.strings.get("en", key))
            .unwrap_or(key)
    }
}

/// "Video, 2 min, 3.4 MB" for `media`, in the language of `page`, in its digits.
pub fn cost_text(media: &Media, page: &PlayerPage<'_>) -> String {
    let num = |n: u64| number(Decimal::from(n), page.lang);
    let mut parts = vec![
        page.t(match media.kind {
            Kind::Video => "media_video",
            Kind::Audio => "media_audio",
        })
        .to_string(),
    ];
    if let Some(s) = media.seconds {
        parts.push(if s < 60 {
            page.t("media_seconds").replace("{n}", &num(s))
        } else {
            page.t("media_minutes").replace("{n}", &num(s.div_ceil(60)))
        });
    }
    parts.push(megabytes(media.size, page));
    parts.join(page.t("media_separator"))
}

/// "3.4 MB" for `size` bytes, in the language of `page`, in its digits: tenths of a
/// megabyte, rounded up, at least 0.1, so a reader is never told less than a tap costs.
fn megabytes(size: u64, page: &PlayerPage<'_>) -> String {
    let mut d = Decimal::from(size.div_ceil(100_000).max(1));
    d.multiply_pow10(-1);
    page.t("media_megabytes")
        .replace("{n}", &number(d, page.lang))
}

/// `html` with one more button before its first player, for a page with more than one film
/// or recording: it keeps all of them (`files`: each one's path in `dist/` and size) for
/// offline use with one tap, their total size on it, and removes them with a second.
pub fn with_keep_all(
    html: &str,
    files: &[(String, u64)],
    title: &str,
    page: &PlayerPage<'_>,
) -> String {
    let Some(at) = html.find("<figure class=media>") else {
        return html.to_string();
    };
    let size = megabytes(files.iter().map(|(_, s)| s).sum(), page);
    let mut b = String::with_capacity(400);
    b.push_str("<p class=media-all data-web-only><button type=button class=button data-keep-media hidden data-urls=\"");
    for (i, (output, _)) in files.iter().enumerate() {
        if i > 0 {
            b.push(' ');
        }
        let _ = escape_href(&mut b, &format!("{}{output}", page.to_root));
    }
    b.push_str("\" data-title=\"");
    let _ = escape_html(&mut b, title);
    for (attr, key) in [("keep", "media_keep_page"), ("drop", "media_drop_page")] {
        b.push_str(&format!("\" data-{attr}=\""));
        let _ = escape_html(&mut b, &page.t(key).replace("{size}", &size));
    }
    b.push_str("\"></button></p>");
    format!("{}{b}{}", &html[..at], &html[at..])
}

/// `d` in the language's digits and decimal sign, where ICU4X knows them.
fn number(d: Decimal, lang: &str) -> String {
    let locale = crate::schedule::localize::icu_locale(lang);
    match DecimalFormatter::try_new(locale.into(), Default::default()) {
        Ok(f) => f.format_to_string(&d),
        Err(_) => d.to_string(),
    }
}

/// A media file named inside a sentence: a link to it with its title and cost, as a player
/// cannot stand inside a paragraph.
pub fn inline_link(media: &Media, title: &str, page: &PlayerPage<'_>) -> String {
    let mut h = String::from("<a href=\"");
    let _ = escape_href(&mut h, &format!("{}{}", page.to_root, media.output));
    h.push_str("\">");
    let _ = escape_html(&mut h, title);
    h.push_str("</a> <small>(");
    let _ = escape_html(&mut h, &cost_text(media, page));
    h.push_str(")</small>");
    h
}

/// The player of `media` titled `title`: a `<figure>` with the title and cost, the native
/// player (controls, no autoplay, `preload="none"`), the captions (the reader's language
/// the default track), a line for print saying where to watch it, and the button that keeps
/// it for offline use (hidden until the page's script shows it).
pub fn player(media: &Media, title: &str, page: &PlayerPage<'_>) -> String {
    let mut h = String::with_capacity(800);
    let url = |out: &mut String, path: &str| {
        let _ = escape_href(&mut *out, &format!("{}{path}", page.to_root));
    };
    let cost = cost_text(media, page);
    h.push_str("<figure class=media><figcaption><b>");
    let _ = escape_html(&mut h, title);
    h.push_str("</b> <small>");
    let _ = escape_html(&mut h, &cost);
    h.push_str("</small></figcaption>");
    let tag = match media.kind {
        Kind::Video => "video",
        Kind::Audio => "audio",
    };
    // The one-file copy leaves out the player and the button (data-web-only: it cannot
    // carry the film) and shows where to play it instead (data-file-only), as paper does.
    h.push_str(&format!("<{tag} data-web-only controls preload=none"));
    if let Some(poster) = &media.poster {
        h.push_str(" poster=\"");
        url(&mut h, poster);
        h.push('"');
    }
    h.push_str(" src=\"");
    url(&mut h, &media.output);
    h.push_str("\">");
    for track in &media.tracks {
        let name = page
            .languages
            .iter()
            .find(|(c, _)| *c == track.lang)
            .map_or(track.lang.as_str(), |(_, n)| n);
        h.push_str("<track kind=captions src=\"");
        url(&mut h, &track.output);
        h.push_str(&format!("\" srclang=\"{}\" label=\"", track.lang));
        let _ = escape_html(&mut h, name);
        h.push('"');
        if track.lang == page.lang {
            h.push_str(" default");
        }
        h.push('>');
    }
    h.push_str(&format!("</{tag}>"));
    if let Some(text) = media.transcripts.get(page.lang) {
        h.push_str("<details class=transcript><summary>");
        let _ = escape_html(&mut h, page.t("media_transcript"));
        h.push_str("</summary>");
        h.push_str(text);
        h.push_str("</details>");
    }
    h.push_str("<p class=media-where data-file-only hidden>");
    let _ = escape_html(&mut h, &where_to_watch(page));
    h.push_str(
        "</p><button type=button class=button data-web-only data-keep-media hidden data-urls=\"",
    );
    url(&mut h, &media.output);
    h.push_str("\" data-title=\"");
    let _ = escape_html(&mut h, title);
    for (attr, key) in [("keep", "media_keep"), ("drop", "media_drop")] {
        h.push_str(&format!("\" data-{attr}=\""));
        let text = page.t(key).replace("{size}", &megabytes(media.size, page));
        let _ = escape_html(&mut h, &text);
    }
    h.push_str("\"></button></figure>");
    h
}

/// "Watch it at https://…/en/rights/": where the film is, for paper and for the one-file
/// copy, which cannot carry it.
pub fn where_to_watch(page: &PlayerPage<'_>) -> String {
    match &page.address {
        Some(a) => page.t("media_watch_at").replace("{url}", a),
        None => page.t("media_watch_site").to_string(),
    }
}

/// Replaces each Markdown image whose file is a media file (`lookup` knows it by its URL as
/// written) with HTML from `make` (given the media and the image's alt text). An image alone
/// in its paragraph takes the paragraph's place, as a `<figure>` may not stand in a `<p>`;
/// one inside text becomes a link to the file with its title.
pub fn replace_images<'a, 'm>(
    events: Vec<Event<'a>>,
    lookup: &dyn Fn(&str) -> Option<&'m Media>,
    make: &dyn Fn(&Media, &str, bool) -> String,
) -> Vec<Event<'a>> {
    if !events.iter().any(|e| {
        matches!(e, Event::Start(Tag::Image { dest_url, .. })
            if crate::model::media::is_media_path(dest_url))
    }) {
        return events;
    }
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let media = match &events[i] {
            Event::Start(Tag::Image { dest_url, .. }) => lookup(dest_url),
            _ => None,
        };
        let Some(media) = media else {
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let mut alt = String::new();
        let mut depth = 0usize;
        let mut j = i + 1;
        while let Some(e) = events.get(j) {
            j += 1;
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let alone = matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
            && matches!(events.get(j), Some(Event::End(TagEnd::Paragraph)));
        if alone {
            out.pop();
            j += 1;
        }
        out.push(Event::Html(CowStr::from(make(media, alt.trim(), alone))));
        i = j;
    }
    out
}
