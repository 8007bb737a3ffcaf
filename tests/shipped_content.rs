//! Tests of the shipped content itself (`content/`), not of varde: what the site tells its
//! readers must stay easy to read.
//!
//! Readability is measured with LIX (läsbarhetsindex): words per sentence, plus the share of
//! long words (more than six letters) in percent. Below 30 is easy text, 30–40 is ordinary
//! text such as newspapers, above 40 is hard. The official page our facts come from scores
//! about 32; the Norwegian pages must do better, because many readers read Norwegian as a
//! second language, frightened and tired.
//!
//! What counts, so that the score is the reader's text and nothing else:
//! - only the body: the front matter between the `+++` lines is left out;
//! - Markdown is read with pulldown-cmark, so a link counts as its text, and `#` marks,
//!   list markers and emphasis marks are never words; URLs written as text (`helsenorge.no`,
//!   `kirkensbymisjon.no/helsesenteret`) are left out too;
//! - a word is a run of characters between spaces that holds a letter or a digit; it is
//!   long when it has more than six letters;
//! - a sentence ends at `.`, `!`, `?` or `:` followed by a space or the end of the text,
//!   and at the end of a heading, list item, table cell or paragraph that has no such mark.
//!   A full stop that is not the end of a sentence is not counted as one, since that would
//!   make the score look better than the text is: the full stop of a common abbreviation
//!   (`kl. 18.00`, `f.eks.`) and one followed by a word in lower case (`16. november`).

use crate::common;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

/// The highest LIX allowed over all Norwegian pages together.
const MAX_OVERALL: f64 = 30.0;
/// The highest LIX allowed for any one Norwegian page.
const MAX_PAGE: f64 = 35.0;

/// Abbreviations whose full stop does not end a sentence (compared in lower case).
const ABBREVIATIONS: &[&str] = &[
    "kl.", "ca.", "f.eks.", "bl.a.", "nr.", "osv.", "e.g.", "i.e.",
];

/// The counts LIX is made of.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counts {
    words: usize,
    long_words: usize,
    sentences: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.long_words += other.long_words;
        self.sentences += other.sentences;
    }

    /// LIX = words / sentences + 100 × long words / words (0 for a text without words).
    fn lix(self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let sentences = self.sentences.max(1) as f64;
        self.words as f64 / sentences + 100.0 * self.long_words as f64 / self.words as f64
    }
}

/// True for a token that is a web address written as text: it is not read as words.
fn is_url(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    if t.contains("://") || t.starts_with("www.") {
        return true;
    }
    // A dot between two letters, as in `helsenorge.no` (abbreviations are handled before).
    let chars: Vec<char> = t.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_alphabetic() && w[1] == '.' && w[2].is_alphabetic())
}

/// Counts the words and sentences of one block of running text (a paragraph, heading, list
/// item or table cell). The end of the block ends a sentence if words are left over.
fn count_block(text: &str) -> Counts {
    let mut counts = Counts::default();
    let mut open = false; // words since the last sentence end
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, token) in tokens.iter().copied().enumerate() {
        let abbreviation = ABBREVIATIONS.contains(&token.to_lowercase().as_str());
        if !abbreviation && is_url(token) {
            continue;
        }
        if token.chars().any(char::is_alphanumeric) {
            counts.words += 1;
            open = true;
            if token.chars().filter(|c| c.is_alphabetic()).count() > 6 {
                counts.long_words += 1;
            }
        }
        // Closing brackets and quotes may follow the mark: `(helsenorge.no).`, `«Ja.»`
        let end = token.trim_end_matches([')', ']', '"', '»', '\'', '”', '’']);
        let ordinal = end.ends_with('.')
            && tokens
                .get(i + 1)
                .and_then(|next| next.chars().next())
                .is_some_and(char::is_lowercase);
        if !abbreviation && !ordinal && open && end.ends_with(['.', '!', '?', ':']) {
            counts.sentences += 1;
            open = false;
        }
    }
    if open {
        counts.sentences += 1;
    }
    counts
}

/// True for the tags that hold running text inside a block, as opposed to blocks.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Counts a Markdown body (no front matter): every block boundary ends the running text.
fn count_markdown(markdown: &str) -> Counts {
    let mut counts = Counts::default();
    let mut block = String::new();
    let flush = |block: &mut String, counts: &mut Counts| {
        counts.add(count_block(block));
        block.clear();
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(tag) if !is_inline(&tag) => flush(&mut block, &mut counts),
            Event::End(tag) if !is_inline_end(&tag) => flush(&mut block, &mut counts),
            Event::Text(t) | Event::Code(t) => block.push_str(&t),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            _ => {}
        }
    }
    flush(&mut block, &mut counts);
    counts
}

/// The body of a page: what follows the closing `+++` of its front matter.
fn body(path: &Path, text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let rest = text
        .strip_prefix("+++\n")
        .unwrap_or_else(|| panic!("{}: no front matter (`+++`)", path.display()));
    match rest.find("\n+++\n") {
        Some(end) => rest[end + 5..].to_string(),
        None => panic!("{}: front matter is not closed by `+++`", path.display()),
    }
}

/// Every Markdown page under `dir`, sorted, with its path relative to the repository.
fn pages(dir: &Path) -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut pages: Vec<(String, String)> = walkdir::WalkDir::new(root.join(dir))
        .into_iter()
        .map(|e| e.expect("content/ is readable"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let rel = e.path().strip_prefix(&root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).expect("page is UTF-8");
            (rel, text)
        })
        .collect();
    pages.sort();
    pages
}

/// Checks the pages' scores against the limits; the error lists every page's score.
fn check_readability(pages: &[(String, Counts)]) -> Result<String, String> {
    let mut total = Counts::default();
    let mut report = String::new();
    let mut too_hard = Vec::new();
    for (path, counts) in pages {
        total.add(*counts);
        let lix = counts.lix();
        let mark = if lix > MAX_PAGE { "  <- above 35" } else { "" };
        report.push_str(&format!(
            "{path}: LIX {lix:.1} ({} words, {} sentences, {} long){mark}\n",
            counts.words, counts.sentences, counts.long_words
        ));
        if lix > MAX_PAGE {
            too_hard.push(path.as_str());
        }
    }
    report.push_str(&format!("all pages: LIX {:.1}\n", total.lix()));
    if too_hard.is_empty() && total.lix() <= MAX_OVERALL {
        Ok(report)
    } else {
        Err(format!(
            "the Norwegian text is too hard to read (limits: LIX {MAX_OVERALL} over all pages, \
             {MAX_PAGE} per page); shorter sentences and everyday words help\n{report}"
        ))
    }
}

#[test]
fn norwegian_pages_are_easy_to_read() {
    let scores: Vec<(String, Counts)> = pages(Path::new("content/nb"))
        .into_iter()
        .map(|(path, text)| {
            let counts = count_markdown(&body(Path::new(&path), &text));
            (path, counts)
        })
        .collect();
    assert!(
        scores.len() >= 12,
        "expected every nb page, found {scores:?}"
    );
    match check_readability(&scores) {
        Ok(report) => eprintln!("{report}"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn lix_of_a_known_sentence() {
    // 7 words, 1 sentence, 1 word longer than six letters ("betaler"): 7 + 100/7.
    let c = count_block("Du betaler aldri før du får hjelp.");
    assert_eq!(
        c,
        Counts {
            words: 7,
            long_words: 1,
            sentences: 1
        }
    );
    assert!((c.lix() - (7.0 + 100.0 / 7.0)).abs() < 1e-9, "{}", c.lix());
}

#[test]
fn markdown_counts_link_text_but_not_urls_marks_or_front_matter() {
    let page = "+++\ntitle = \"Overskrift med mange lange ord\"\n+++\n\
        ## Nødnummer\n\n\
        - [Helsesenteret](clinics/oslo.md): ring oss\n\
        - **Gratis**\n\n\
        Nettside: [kirkensbymisjon.no/helsesenteret](https://kirkensbymisjon.no/helsesenteret)\n\n\
        Oppdatert 16. november 2022. Åpent kl. 17.00. Kom innom!\n";
    let c = count_markdown(&body(Path::new("test.md"), page));
    // Sentences: "Nødnummer" | "Helsesenteret:" | "ring oss" | "Gratis" | "Nettside:" |
    // "Oppdatert 16. november 2022." | "Åpent kl. 17.00." | "Kom innom!" — the title and
    // the URL are not counted. Words: Nødnummer Helsesenteret ring oss Gratis Nettside
    // Oppdatert 16. november 2022. Åpent kl. 17.00. Kom innom = 15; long: Nødnummer,
    // Helsesenteret, Nettside, Oppdatert, november = 5.
    assert_eq!(
        c,
        Counts {
            words: 15,
            long_words: 5,
            sentences: 8
        }
    );
}

#[test]
fn a_hard_page_fails_and_the_message_names_every_page_with_its_score() {
    let easy = count_block("Du får hjelp. Det er gratis.");
    let hard = count_block(
        "Helsetjenesten dekker utgiftene dersom pasienten mangler betalingsevne etter endelig \
         avslag på asylsøknaden.",
    );
    let err = check_readability(&[
        ("content/nb/easy.md".into(), easy),
        ("content/nb/hard.md".into(), hard),
    ])
    .expect_err("a page above 35 fails");
    assert!(err.contains("content/nb/easy.md: LIX 3.0"), "{err}");
    assert!(err.contains("content/nb/hard.md: LIX"), "{err}");
    assert!(err.contains("<- above 35"), "{err}");
    assert!(err.contains("all pages: LIX"), "{err}");
    assert!(check_readability(&[("content/nb/easy.md".into(), easy)]).is_ok());
}

/// The languages not written in Latin script: any Latin word in them is a word the reader
/// may not be able to read.
const NON_LATIN_LANGUAGES: &[&str] = &["am", "ti", "fa", "prs", "ps", "ar", "ckb"];

/// Names written in Latin letters in every language (a USB stick is "USB" in Arabic too).
const UNIVERSAL: &[&str] = &["USB"];

/// The Latin-script words of a text: runs of Latin letters, with `-`, `/` and `.` inside a
/// run kept (`EU/EEA`, `D-nummer` and `helsenorge.no` are one word each), also where a
/// word of another script is joined to them (`የHelsesenteret`). Addresses (`helsenorge.no`),
/// codes with digits (`A4`) and single letters (the `D` of a D-number) are left out: they are
/// not words to translate.
fn latin_words(text: &str) -> Vec<String> {
    let is_latin = |c: char| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c);
    let mut words = Vec::new();
    let mut run = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let joins =
            "-/.".contains(c) && !run.is_empty() && chars.peek().is_some_and(|&n| is_latin(n));
        if is_latin(c) || c.is_ascii_digit() || joins {
            run.push(c);
            continue;
        }
        words.push(std::mem::take(&mut run));
    }
    words.push(run);
    words
        .into_iter()
        .filter(|w| w.chars().filter(|&c| is_latin(c)).count() > 1)
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !is_url(w) && !w.contains(".no"))
        .collect()
}

/// The visible text of a page's Markdown: link targets are left out, link text is kept.
fn visible_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            _ => out.push(' '),
        }
    }
    out
}

/// Words in Latin script that a draft in another script keeps must be Norwegian names and
/// terms the reader will meet in Norway (`legevakt`, `Kirkens Bymisjon`, `D-nummer`), that
/// is, words the Norwegian pages use too; an English word left behind ("cookies",
/// "EU/EEA", "May") is a sentence the reader cannot read.
fn english_left_in(lang: &str, norwegian: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in pages(Path::new(&format!("content/{lang}"))) {
        // The safety page names the browser's menu items as the phone shows them (Chrome has
        // no Tigrinya interface, so a Tigrinya reader's phone says "Delete browsing data").
        if file.ends_with("/about/safety.md") {
            continue;
        }
        for word in latin_words(&visible_text(&body(Path::new(&file), &text))) {
            if !norwegian.contains(&word.to_lowercase()) {
                found.push(format!("{file}: {word}"));
            }
        }
    }
    for value in common::theme_strings(lang).values() {
        // `{placeholders}` are filled in by varde, not read.
        let value: String = value
            .split('{')
            .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
            .collect();
        for word in latin_words(&value) {
            if !norwegian.contains(&word.to_lowercase()) && !UNIVERSAL.contains(&word.as_str()) {
                found.push(format!("themes/varde/i18n/{lang}.toml: {word}"));
            }
        }
    }
    found
}

/// The interface strings of a language file, with the `{placeholders}` varde fills in
/// left out (they are not read).
fn string_values(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("the language's strings are readable");
    let table: toml::Table = toml::from_str(&text).expect("the language's strings are TOML");
    table
        .values()
        .filter_map(|v| v.as_str())
        .map(|value| {
            value
                .split('{')
                .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                .collect()
        })
        .collect()
}

#[test]
fn drafts_in_other_scripts_leave_no_english_behind() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut norwegian = std::collections::BTreeSet::new();
    for (file, text) in pages(Path::new("content/nb")) {
        let text = format!("{} {}", text, visible_text(&body(Path::new(&file), &text)));
        norwegian.extend(latin_words(&text).iter().map(|w| w.to_lowercase()));
    }
    for value in string_values(&root.join("themes/varde/i18n/nb.toml")) {
        norwegian.extend(latin_words(&value).iter().map(|w| w.to_lowercase()));
    }
    let found: Vec<String> = NON_LATIN_LANGUAGES
        .iter()
        .flat_map(|lang| english_left_in(lang, &norwegian))
        .collect();
    assert!(
        found.is_empty(),
        "words in Latin script that the Norwegian pages do not use (translate them, or use \
         the Norwegian term the Norwegian page uses):\n{}",
        found.join("\n")
    );
}

#[test]
fn an_english_word_in_a_draft_is_found() {
    let norwegian: std::collections::BTreeSet<String> = ["legevakt", "d-nummer"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let words = latin_words(&visible_text(
        "ይህ ድረ-ገጽ cookies አይጠቀምም። [legevakt](https://x.no/a) D-nummer EU/EEA helsenorge.no",
    ));
    let left: Vec<&String> = words
        .iter()
        .filter(|w| !norwegian.contains(&w.to_lowercase()))
        .collect();
    assert_eq!(left, ["cookies", "EU/EEA"]);
}

#[test]
fn every_translation_is_made_from_the_current_norwegian_page() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = varde::load_site(&root).expect("the shipped site loads");
    let matrix = varde::model::translations::Matrix::of(&site);
    let gaps: Vec<String> = matrix
        .rows
        .iter()
        .flat_map(|row| {
            row.cells
                .iter()
                .filter(|c| {
                    use varde::model::translations::State;
                    matches!(c.state, State::Outdated | State::Missing)
                })
                .map(move |c| format!("{} {}: {:?}", c.lang, row.key, c.state))
        })
        .collect();
    assert!(
        gaps.is_empty(),
        "bring these up to date (see `varde status`):\n{}",
        gaps.join("\n")
    );
}

/// Each block of text (paragraph, list item, heading) of a page's body, with the text of the
/// last heading above it.
fn blocks_with_headings(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut block = String::new();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => heading.push_str(&t),
            Event::Text(t) | Event::Code(t) => block.push_str(&t),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !block.trim().is_empty() => {
                out.push((heading.clone(), std::mem::take(&mut block)));
            }
            _ => {}
        }
    }
    out
}

/// The source gives "you pay for the birth only if you can afford it", "otherwise (or if you
/// cannot pay afterwards either) the health service pays" and "as long as you are in Norway"
/// to people whose asylum application was finally rejected, and to no one else: in the
/// reviewed languages, every sentence that says one of them must stand under a heading
/// about the final rejection, name the rejection itself, or be on the page about it.
#[test]
fn payment_rules_for_a_final_rejection_are_given_to_no_one_else() {
    let languages = [
        (
            "en",
            &[
                "health service pays",
                "afford",
                "as long as you are in Norway",
            ][..],
            &["rejection"][..],
        ),
        (
            "nb",
            &[
                "betaler helsetjenesten",
                "har råd",
                "så lenge du er i Norge",
            ][..],
            &["avslag"][..],
        ),
    ];
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (lang, rules, rejection) in languages {
        for (file, text) in pages(Path::new(&format!("content/{lang}/rights"))) {
            let about_rejection = file.ends_with("after-asylum-rejection.md");
            let front_end = text.find("\n+++\n").unwrap_or(0);
            let description = text[..front_end]
                .lines()
                .filter(|l| l.starts_with("description"))
                .map(|l| (String::new(), l.to_string()));
            for (heading, block) in
                description.chain(blocks_with_headings(&body(Path::new(&file), &text)))
            {
                if !rules.iter().any(|r| block.contains(r)) {
                    continue;
                }
                seen += 1;
                let scoped = about_rejection
                    || rejection
                        .iter()
                        .any(|w| heading.contains(w) || block.contains(w));
                if !scoped {
                    wrong.push(format!("{file}: under \"{heading}\": {block}"));
                }
            }
        }
    }
    assert!(
        seen >= 6,
        "the rules for a final rejection are stated ({seen} times)"
    );
    assert!(
        wrong.is_empty(),
        "a rule the source gives only after a final asylum rejection, given to others:\n{}",
        wrong.join("\n")
    );
}
