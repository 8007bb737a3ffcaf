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
