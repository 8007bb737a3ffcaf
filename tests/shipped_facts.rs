//! Tests of the shipped content (`content/` and the theme's strings as shipped), not of varde:
//! every fact is exactly as wide as its source (/work/shared/facts.md: Helsedirektoratet's
//! page on helsenorge.no and the Oslo centre's 2025 annual report). They read the reviewed
//! languages, Norwegian (the source of every translation) and English; a fact corrected there
//! is carried into the drafts, which `shipped_content.rs` keeps up to date with Norwegian.
//!
//! What a reader sees of a page is checked piece by piece: the title, the description (link
//! previews, the home page's cards) and each paragraph, list item and heading of the body.

use crate::common;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::PathBuf;

/// The words of each checked language for the facts below.
struct Words {
    lang: &'static str,
    /// The second condition of the core right, and the first, which must go with it.
    cannot_wait: &'static str,
    strictly_necessary: &'static str,
    /// A bill, a centre helping (the verb as whole words, not the noun "help"), and centres
    /// in the plural.
    bill: &'static str,
    helps: &'static [&'static str],
    centres: &'static [&'static str],
    /// How a page says the sources are silent about something.
    sources_silent: &'static str,
    /// How the Oslo report is named in a page's sources.
    report: &'static str,
    /// How a page's source line in the body starts.
    source_line: &'static str,
    /// The word that says 113 and 116 117 are Norway's own numbers.
    national: &'static str,
}

const NB: Words = Words {
    lang: "nb",
    cannot_wait: "ikke kan vente",
    strictly_necessary: "helt nødvendig",
    bill: "regning",
    helps: &["hjelpe", "hjelper", "hjalp"],
    centres: &["sentrene"],
    sources_silent: "sier ikke",
    report: "årsrapport 2025",
    source_line: "Kilde:",
    national: "nasjonale",
};

const EN: Words = Words {
    lang: "en",
    cannot_wait: "cannot wait",
    strictly_necessary: "strictly necessary",
    bill: "bill",
    helps: &["can help", "helps", "helped"],
    centres: &["centres"],
    sources_silent: "do not say",
    report: "annual report 2025",
    source_line: "Source:",
    national: "national",
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One page: its path relative to the repository, its front matter and its Markdown body.
struct Page {
    file: String,
    front: toml::Table,
    body: String,
}

fn page(lang: &str, path: &str) -> Page {
    let file = format!("content/{lang}/{path}");
    let text = std::fs::read_to_string(root().join(&file)).expect("the page is readable");
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix("+++\n").expect("front matter opens");
    let end = rest.find("\n+++\n").expect("front matter closes");
    Page {
        front: toml::from_str(&rest[..end]).expect("front matter is TOML"),
        body: rest[end + 5..].to_string(),
        file,
    }
}

/// Every page of a language.
fn pages(lang: &str) -> Vec<Page> {
    let dir = root().join("content").join(lang);
    let mut paths: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(|e| e.expect("content/ is readable"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let rel = e.path().strip_prefix(&dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    paths.sort();
    paths.iter().map(|p| page(lang, p)).collect()
}

impl Page {
    fn front_str(&self, key: &str) -> String {
        match self.front.get(key) {
            Some(toml::Value::String(s)) => s.clone(),
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            _ => String::new(),
        }
    }

    /// What a reader sees, piece by piece: title, description, then each block of the body.
    fn pieces(&self) -> Vec<String> {
        let mut out = vec![self.front_str("title"), self.front_str("description")];
        let mut block = String::new();
        for event in Parser::new_ext(&self.body, Options::ENABLE_TABLES) {
            match event {
                Event::Text(t) | Event::Code(t) => block.push_str(&t),
                Event::SoftBreak | Event::HardBreak => block.push(' '),
                Event::Start(Tag::List(_))
                | Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
                ) => {
                    if !block.trim().is_empty() {
                        out.push(std::mem::take(&mut block));
                    }
                    block.clear();
                }
                _ => {}
            }
        }
        out.retain(|p| !p.trim().is_empty());
        out
    }
}

/// The interface strings of a language, as (key, text).
fn strings(lang: &str) -> Vec<(String, String)> {
    common::theme_strings(lang).into_iter().collect()
}

/// The sentences of a piece of text: it is cut after `.`, `?` and `!` followed by a space.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if ".?!።؟".contains(c) && chars.peek().is_some_and(|n| n.is_whitespace()) {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every piece of every page of a language, and every interface string, named for a message.
fn everything(lang: &str) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = pages(lang)
        .into_iter()
        .flat_map(|p| {
            let file = p.file.clone();
            p.pieces()
                .into_iter()
                .map(move |piece| (file.clone(), piece))
        })
        .collect();
    for (key, text) in strings(lang) {
        all.push((format!("themes/varde/i18n/{lang}.toml: {key}"), text));
    }
    all
}

/// The core right has two conditions: care that is strictly necessary *and* cannot wait.
/// No page, description or interface string may keep only "cannot wait".
#[test]
fn the_core_right_always_has_both_conditions() {
    let mut wrong = Vec::new();
    for w in [&NB, &EN] {
        for (file, piece) in everything(w.lang) {
            for sentence in sentences(&piece) {
                if sentence.contains(w.cannot_wait) && !sentence.contains(w.strictly_necessary) {
                    wrong.push(format!("{file}: {sentence}"));
                }
            }
        }
        // The pages that state the core right, in their description and in their text.
        for path in [
            "_index.md",
            "rights/_index.md",
            "rights/adults.md",
            "rights/after-asylum-rejection.md",
            "rights/payment.md",
        ] {
            let p = page(w.lang, path);
            let description = p.front_str("description");
            assert!(
                path.ends_with("payment.md")
                    || description.contains(w.cannot_wait)
                        && description.contains(w.strictly_necessary),
                "{}: the description states the core right with both conditions",
                p.file
            );
            assert!(
                p.body.contains(w.strictly_necessary),
                "{}: the text states the core right",
                p.file
            );
        }
        let leaflet = strings(w.lang)
            .into_iter()
            .find(|(k, _)| k == "leaflet_urgent")
            .expect("the leaflet states the core right")
            .1;
        assert!(
            leaflet.contains(w.cannot_wait) && leaflet.contains(w.strictly_necessary),
            "{}: leaflet_urgent: {leaflet}",
            w.lang
        );
    }
    assert!(
        wrong.is_empty(),
        "the core right is care that is strictly necessary AND cannot wait; these keep only \
         the second condition:\n{}",
        wrong.join("\n")
    );
}

/// Only the Oslo report says a centre helps with bills: every sentence that says a centre
/// helps with bills names Oslo (or says the sources are silent), never "the centres".
#[test]
fn help_with_bills_is_said_of_the_oslo_centre_only() {
    let mut wrong = Vec::new();
    let mut oslo = 0;
    for w in [&NB, &EN] {
        for (file, piece) in everything(w.lang) {
            if !piece.to_lowercase().contains(w.bill) {
                continue;
            }
            for sentence in sentences(&piece) {
                let lower = sentence.to_lowercase();
                let words = format!(" {} ", lower.replace(|c: char| !c.is_alphanumeric(), " "));
                if !w.helps.iter().any(|h| words.contains(&format!(" {h} "))) {
                    continue;
                }
                let plural = w.centres.iter().any(|c| lower.contains(c));
                let silent = sentence.contains(w.sources_silent);
                if plural || !(sentence.contains("Oslo") || silent) {
                    wrong.push(format!("{file}: {sentence}"));
                } else if sentence.contains("Oslo") {
                    oslo += 1;
                }
            }
        }
        // The payment page's part about a bill does not send the reader to Bergen.
        let payment = page(w.lang, "rights/payment.md");
        let part = payment
            .body
            .split("\n## ")
            .find(|s| s.lines().next().is_some_and(|h| h.contains(w.bill)))
            .expect("the payment page has a part about a bill");
        for bergen in ["bergen.md", "+4740049094", "400 49 094"] {
            assert!(
                !part.contains(bergen),
                "{}: the part about a bill sends the reader to Bergen ({bergen}):\n{part}",
                payment.file
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "only the Oslo report says a centre helps with bills (the sources say nothing of \
         Bergen and bills); say it of the centre in Oslo:\n{}",
        wrong.join("\n")
    );
    assert!(
        oslo >= 4,
        "the Oslo centre's help with bills is said ({oslo} times)"
    );
}

/// Pages that carry facts from the Oslo centre's report (services, bills, mental health help,
/// pregnancy follow-up) name the report among their sources, in the front matter (shown under
/// the page) and in the source line at the end of the text.
#[test]
fn pages_with_facts_from_the_oslo_report_cite_it() {
    for w in [&NB, &EN] {
        for path in [
            "_index.md",
            "rights/_index.md",
            "rights/adults.md",
            "rights/pregnancy.md",
            "rights/after-asylum-rejection.md",
            "rights/payment.md",
            "clinics/oslo.md",
        ] {
            let p = page(w.lang, path);
            let source = p.front_str("source");
            assert!(
                source.contains(w.report) && source.contains("helsenorge.no"),
                "{}: `source` names both documents: {source}",
                p.file
            );
            for line in p.body.lines().filter(|l| l.starts_with(w.source_line)) {
                assert!(
                    line.contains(w.report) || line.contains("årsrapport"),
                    "{}: the source line names the Oslo report: {line}",
                    p.file
                );
            }
        }
    }
}

/// 113 and 116 117 are Norway's national numbers, not facts from the two documents.
#[test]
fn the_about_page_does_not_attribute_the_emergency_numbers_to_the_documents() {
    for w in [&NB, &EN] {
        let about = page(w.lang, "about.md");
        let pieces = about.pieces();
        assert!(
            pieces
                .iter()
                .flat_map(|p| sentences(p))
                .any(|s| s.contains("113") && s.contains("116 117") && s.contains(w.national)),
            "{}: says that 113 and 116 117 are national numbers, not from the documents",
            about.file
        );
        for every_fact in [
            "Faktaene kommer fra to offentlige dokumenter:",
            "The facts come from two public documents:",
        ] {
            assert!(
                !about.body.contains(every_fact),
                "{}: `{every_fact}` says every fact, the emergency numbers too, comes from them",
                about.file
            );
        }
    }
}

/// The source says one "kan ha rett til" (might have the right to) treatment in mental health
/// care: English says "might", never "may" (which reads as permission).
#[test]
fn mental_health_care_is_a_possibility_in_english() {
    let mut seen = 0;
    for p in pages("en") {
        for sentence in p.pieces().iter().flat_map(|piece| sentences(piece)) {
            if sentence.contains("mental health care") {
                seen += 1;
                assert!(
                    sentence.contains("might") && !sentence.contains(" may "),
                    "{}: {sentence}",
                    p.file
                );
            }
        }
    }
    assert!(seen >= 1, "the English pages mention mental health care");
}

/// The report tells of pregnant women put in touch with a helsestasjon or hospital, and of a
/// woman followed up by the centre's own doctor too: no page says the centre does not follow
/// up pregnancies.
#[test]
fn no_page_says_the_oslo_centre_does_not_follow_up_pregnancies() {
    for (lang, not) in [("nb", "følger ikke opp"), ("en", "not follow up")] {
        for p in pages(lang) {
            assert!(!p.body.contains(not), "{}: says `{not}`", p.file);
        }
        let pregnancy = page(lang, "rights/pregnancy.md");
        assert!(
            pregnancy
                .pieces()
                .iter()
                .flat_map(|p| sentences(p))
                .any(|s| s.contains("20") && s.contains("helsestasjon")),
            "{}: says the centre put 20 pregnant women in touch with a helsestasjon or hospital",
            pregnancy.file
        );
    }
}

/// The drafts' words for "cannot wait" and for "strictly necessary" (as their pages already
/// said it where they had both conditions).
const DRAFTS_CORE_RIGHT: &[(&str, &[&str], &str)] = &[
    ("ro", &["aștepta"], "strict necesar"),
    ("am", &["ሊጠብቅ የማይችል", "ሊጠብቅ ለማይችል", "ሊቆይ የማይችል"], "አስፈላጊ"),
    ("ti", &["ክጽበ ዘይክእል", "ክጽበ ንዘይክእል"], "ኣድላዪ"),
    ("so", &["sugi karin"], "muhiim"),
    ("fa", &["منتظر بماند"], "کاملاً ضروری"),
    ("prs", &["منتظر بماند", "انتظار کشیده"], "کاملاً ضروری"),
    ("ps", &["انتظار نشي"], "اړینه"),
    ("ar", &["لا يمكن أن تنتظر"], "الضرورية جدًا"),
    ("ckb", &["ناتوانێت چاوەڕێ"], "زۆر پێویست"),
];

/// The drafts carry both conditions too: a draft is read by the readers who most need it.
#[test]
fn the_drafts_keep_both_conditions_of_the_core_right() {
    let mut wrong = Vec::new();
    for (lang, cannot_wait, necessary) in DRAFTS_CORE_RIGHT {
        let mut seen = 0;
        for (file, piece) in everything(lang) {
            for sentence in sentences(&piece) {
                if cannot_wait.iter().any(|w| sentence.contains(w)) {
                    seen += 1;
                    if !sentence.contains(necessary) {
                        wrong.push(format!("{file}: {sentence}"));
                    }
                }
            }
        }
        assert!(
            seen >= 10,
            "{lang}: the core right is stated ({seen} times)"
        );
    }
    assert!(
        wrong.is_empty(),
        "strictly necessary AND cannot wait, in the drafts too:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn sentences_are_cut_after_a_full_stop_and_a_space() {
    assert_eq!(
        sentences("Du har rett til hjelp. Ring 488 90 560! Ja? 16.11.2022"),
        [
            "Du har rett til hjelp.",
            "Ring 488 90 560!",
            "Ja?",
            "16.11.2022"
        ]
    );
    assert_eq!(
        sentences("ሀ። ለ፦ ሐ። هل؟ نعم."),
        ["ሀ።", "ለ፦ ሐ።", "هل؟", "نعم."]
    );
}
