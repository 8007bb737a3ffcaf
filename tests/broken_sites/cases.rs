//! The table of broken sites. Each case names what it breaks, breaks the base site, and
//! pins the exact message a user sees (or what the built site must hold).

use super::{Case, Expect, append, page, read_page, replace, write};
use std::path::Path;

/// The fixture site's Oslo clinic file, a valid start for broken clinic data.
const OSLO: &str = include_str!("../fixtures/site/content/clinics/oslo.toml");

/// 20 MB of ordinary Markdown paragraphs.
fn huge_page(root: &Path) {
    let para = "Everyone staying in Norway has the right to emergency help and to care that cannot wait.\n\n";
    let body = para.repeat(20 * 1024 * 1024 / para.len() + 1);
    write(root, "content/en/huge.md", page("Huge", &body));
}

/// 100,000 nested blockquotes on one line.
fn deep_blockquotes(root: &Path) {
    write(
        root,
        "content/en/deep.md",
        page("Deep", &format!("{} deep", ">".repeat(100_000))),
    );
}

/// 1,000 nested list items.
fn deep_lists(root: &Path) {
    let mut body = String::new();
    for i in 0..1_000 {
        body.push_str(&"  ".repeat(i));
        body.push_str("- x\n");
    }
    write(root, "content/en/deep.md", page("Deep", &body));
}

/// 100,000 unclosed emphasis and link brackets.
fn deep_inline(root: &Path) {
    let body = format!(
        "{}{}{}",
        "*a ".repeat(50_000),
        "[".repeat(50_000),
        "](x)".repeat(50_000)
    );
    write(root, "content/en/deep.md", page("Deep", &body));
}

#[cfg(unix)]
fn symlink_loop(root: &Path) {
    std::os::unix::fs::symlink("..", root.join("content/en/rights/loop")).expect("symlink");
}

#[cfg(unix)]
fn dangling_symlink(root: &Path) {
    std::os::unix::fs::symlink("nowhere.md", root.join("content/en/gone.md")).expect("symlink");
}

pub(crate) fn all() -> Vec<Case> {
    vec![
        Case {
            name: "site.toml is not TOML",
            breaks: |r| {
                write(
                    r,
                    "site.toml",
                    "default_language = \"en\n[languages.en]\nname = \"English\"\n",
                )
            },
            expect: Expect::Fails(&["site.toml:1:*: error: invalid TOML: *"]),
        },
        Case {
            name: "site.toml is missing",
            breaks: |r| std::fs::remove_file(r.join("site.toml")).expect("rm"),
            expect: Expect::Fails(&["site.toml: error: no site.toml in *"]),
        },
        Case {
            name: "site.toml is empty",
            breaks: |r| write(r, "site.toml", ""),
            expect: Expect::Fails(&[
                "site.toml*: error: invalid TOML: missing field `default_language`",
            ]),
        },
        Case {
            name: "site.toml has an unknown key",
            breaks: |r| {
                replace(
                    r,
                    "site.toml",
                    "title = \"Testside\"",
                    "title = \"Testside\"\ndirection = \"rtl\"",
                )
            },
            expect: Expect::Fails(&[
                "site.toml:10:1: error: invalid TOML: unknown field `direction`*",
            ]),
        },
        Case {
            name: "default language not declared",
            breaks: |r| {
                replace(
                    r,
                    "site.toml",
                    "default_language = \"en\"",
                    "default_language = \"de\"",
                )
            },
            expect: Expect::Fails(&[
                "site.toml:1:20: error: default_language `de` is not declared",
            ]),
        },
        Case {
            name: "fallback to an undeclared language",
            breaks: |r| replace(r, "site.toml", "fallback = [\"en\"]", "fallback = [\"sv\"]"),
            expect: Expect::Fails(&[
                "site.toml:10:13: error: language `nb` falls back to `sv`, which is not declared",
            ]),
        },
        Case {
            name: "language code is not a language tag",
            breaks: |r| {
                append(
                    r,
                    "site.toml",
                    "\n[languages.English]\nname = \"E\"\ntitle = \"E\"\n",
                )
            },
            expect: Expect::Fails(&[
                "site.toml:12:1: error: `English` is not a BCP 47 language tag",
            ]),
        },
        Case {
            name: "bad base_url",
            breaks: |r| {
                replace(
                    r,
                    "site.toml",
                    "default_language = \"en\"",
                    "default_language = \"en\"\nbase_url = \"example.org/helse\"",
                )
            },
            expect: Expect::Fails(&[
                "site.toml:2:12: error: base_url `example.org/helse` is not an absolute http(s) URL",
            ]),
        },
        Case {
            name: "share_file_name with a path in it",
            breaks: |r| {
                replace(
                    r,
                    "site.toml",
                    "default_language = \"en\"",
                    "default_language = \"en\"\nshare_file_name = \"../health\"",
                )
            },
            expect: Expect::Fails(&[
                "site.toml:2:19: error: share_file_name `../health` is not a plain file name",
                "  help: use 1 to 40 ASCII letters, digits, `-` and `_`, starting with a letter or digit, for example `share_file_name = \"info\"` (saved as `info-<lang>.html`)",
            ]),
        },
        Case {
            name: "missing theme",
            breaks: |r| std::fs::remove_dir_all(r.join("themes/varde")).expect("rm"),
            expect: Expect::Fails(&[
                "site.toml: error: theme `varde` not found: no folder themes/varde/",
            ]),
        },
        Case {
            name: "YAML front matter",
            breaks: |r| write(r, "content/en/about.md", "---\ntitle: About\n---\nText\n"),
            expect: Expect::Fails(&[
                "content/en/about.md:1:1: error: front matter is YAML (`---`), but varde uses TOML between `+++` lines",
            ]),
        },
        Case {
            name: "no front matter at all",
            breaks: |r| write(r, "content/en/about.md", "# About\n\nText\n"),
            expect: Expect::Fails(&[
                "content/en/about.md:1:1: error: the page has no front matter",
            ]),
        },
        Case {
            name: "front matter never closed (missing second +++)",
            breaks: |r| write(r, "content/en/about.md", "+++\ntitle = \"About\"\n\nText\n"),
            expect: Expect::Fails(&[
                "content/en/about.md:1:1: error: the front matter is never closed",
            ]),
        },
        Case {
            name: "broken TOML in front matter",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\nweight = 2\n+++\nText\n",
                )
            },
            expect: Expect::Fails(&["content/en/about.md:2:*: error: invalid TOML: *"]),
        },
        Case {
            name: "unknown front matter key",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\ntitel = \"About\"\n+++\nText\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:3:1: error: invalid TOML: unknown field `titel`*",
            ]),
        },
        Case {
            name: "front matter without a title",
            breaks: |r| write(r, "content/en/about.md", "+++\nweight = 1\n+++\nText\n"),
            expect: Expect::Fails(&["content/en/about.md:1:1: error: the page has no title"]),
        },
        Case {
            name: "checked is not a date",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\nchecked = \"last week\"\n+++\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:3:11: error: `checked = last week` is not a date",
            ]),
        },
        Case {
            name: "source is neither text nor a list of texts",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\nsource = [\"Helsenorge, 2022\", 2025]\n+++\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:3:10: error: `source` must be text or a list of texts",
                "  help: write `source = \"Name of the document, date\"`, or for two documents `source = [\"First, date\", \"Second, date\"]`",
            ]),
        },
        Case {
            name: "weight too large for a number",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\nweight = 99999999999999999999\n+++\n",
                )
            },
            expect: Expect::Fails(&["content/en/about.md:3:10: error: invalid TOML: *"]),
        },
        Case {
            name: "empty page file",
            breaks: |r| write(r, "content/en/about.md", ""),
            expect: Expect::Fails(&[
                "content/en/about.md:1:1: error: the page has no front matter",
            ]),
        },
        Case {
            name: "page is not UTF-8",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    b"+++\ntitle = \"About\"\n+++\nbl\xe5b\xe6r\n".as_slice(),
                )
            },
            expect: Expect::Fails(&["content/en/about.md:4:3: error: file is not UTF-8 text"]),
        },
        Case {
            name: "site.toml is not UTF-8",
            breaks: |r| write(r, "site.toml", b"# Norsk bokm\xe5l\n".as_slice()),
            expect: Expect::Fails(&["site.toml:1:13: error: file is not UTF-8 text"]),
        },
        Case {
            name: "undeclared language folder",
            breaks: |r| write(r, "content/de/_index.md", page("Start", "Hallo")),
            expect: Expect::Fails(&[
                "content/de/_index.md: error: content/de/ is not a language declared in site.toml",
            ]),
        },
        Case {
            name: "page directly in content/",
            breaks: |r| write(r, "content/notes.txt", "x"),
            expect: Expect::Fails(&[
                "content/notes.txt: error: files directly in content/ are not part of any language",
            ]),
        },
        Case {
            name: "link to a missing page",
            breaks: |r| {
                append(
                    r,
                    "content/en/about.md",
                    "\nSee [the clinic](clinics/oslo.md).\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:10:5: error: link to a missing page: `clinics/oslo.md` (content/en/clinics/oslo.md)",
            ]),
        },
        Case {
            name: "link from the site root breaks under a subpath",
            breaks: |r| append(r, "content/en/about.md", "\n[Home](/en/)\n"),
            expect: Expect::Fails(&[
                "content/en/about.md:10:1: error: link `/en/` starts with `/` and breaks when the site is under a subpath",
            ]),
        },
        Case {
            name: "link that climbs out of the language",
            breaks: |r| append(r, "content/en/about.md", "\n[x](../../nb/_index.md)\n"),
            expect: Expect::Fails(&[
                "content/en/about.md:10:1: error: link `../../nb/_index.md` points outside content/en/",
            ]),
        },
        Case {
            name: "duplicate pages a.md and a/_index.md",
            breaks: |r| write(r, "content/en/about/_index.md", page("About again", "")),
            expect: Expect::Fails(&[
                "content/en/about.md:1: error: this page has the same URL as content/en/about/_index.md",
            ]),
        },
        Case {
            name: "two file names with one slug",
            breaks: |r| {
                write(r, "content/en/Blåbær og tøy.md", page("Berries", ""));
                write(r, "content/en/blabaer-og-toy.md", page("Berries again", ""));
            },
            expect: Expect::Fails(&[
                "content/en/blabaer-og-toy.md:1: error: this page has the same URL as content/en/Blåbær og tøy.md: both are en/blabaer-og-toy/",
            ]),
        },
        Case {
            name: "template parse error",
            breaks: |r| {
                write(
                    r,
                    "themes/varde/templates/extra.html",
                    "<p>\n{{ page.title }\n</p>\n",
                )
            },
            expect: Expect::Fails(&[
                "themes/varde/templates/extra.html:2:*: error: template error: *",
            ]),
        },
        Case {
            name: "template render error (unknown variable)",
            breaks: |r| {
                write(
                    r,
                    "themes/varde/templates/custom.html",
                    "{% extends \"base.html\" %}\n{% block content %}\n{{ page.titel }}\n{% endblock content %}\n",
                );
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\ntemplate = \"custom.html\"\n+++\n",
                );
            },
            expect: Expect::Fails(&[
                "themes/varde/templates/custom.html:3: error: template error: *page.titel* (while rendering content/en/about.md)",
            ]),
        },
        Case {
            name: "front matter names a template that does not exist",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\ntemplate = \"nope.html\"\n+++\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:3: error: template `nope.html` does not exist",
            ]),
        },
        Case {
            name: "missing interface string",
            breaks: |r| {
                append(
                    r,
                    "themes/varde/i18n/en.toml",
                    "\ntrust_probe = \"Probe\"\n",
                )
            },
            expect: Expect::Fails(&[
                "themes/varde/i18n/nb.toml:*: error: missing string `trust_probe`",
            ]),
        },
        Case {
            name: "interface strings are not TOML",
            breaks: |r| append(r, "themes/varde/i18n/nb.toml", "\nbroken = \"\n"),
            expect: Expect::Fails(&["themes/varde/i18n/nb.toml:*: error: invalid TOML: *"]),
        },
        Case {
            name: "interface string is not text",
            breaks: |r| append(r, "themes/varde/i18n/nb.toml", "\nmenu_count = 3\n"),
            expect: Expect::Fails(&[
                "themes/varde/i18n/nb.toml:*: error: string `menu_count` is not text",
            ]),
        },
        Case {
            name: "language without interface strings",
            breaks: |r| std::fs::remove_file(r.join("themes/varde/i18n/nb.toml")).expect("rm"),
            expect: Expect::Fails(&[
                "themes/varde/i18n/nb.toml: error: language `nb` has no interface strings",
            ]),
        },
        Case {
            name: "clinic folder holds a non-TOML file",
            breaks: |r| write(r, "content/clinics/oslo.txt", "open tuesdays"),
            expect: Expect::Fails(&[
                "content/clinics/oslo.txt: error: content/clinics/ holds clinic data only",
            ]),
        },
        #[cfg(unix)]
        Case {
            name: "symlink loop",
            breaks: symlink_loop,
            expect: Expect::Fails(&["content/en/rights/loop: error: symbolic link loop"]),
        },
        #[cfg(unix)]
        Case {
            name: "dangling symlink",
            breaks: dangling_symlink,
            expect: Expect::Fails(&["content/en/gone.md: error: *"]),
        },
        Case {
            name: "20 MB page",
            breaks: huge_page,
            expect: Expect::Builds(|d| {
                assert!(read_page(d, "en/huge/index.html").len() > 20_000_000)
            }),
        },
        Case {
            name: "100,000 nested blockquotes",
            breaks: deep_blockquotes,
            expect: Expect::Fails(&[
                "content/en/deep.md:4:101: error: blocks are nested more than 100 levels deep",
            ]),
        },
        Case {
            name: "1,000 nested list items",
            breaks: deep_lists,
            expect: Expect::Fails(&[
                "content/en/deep.md:*: error: blocks are nested more than 100 levels deep",
            ]),
        },
        Case {
            name: "100,000 unclosed emphasis and brackets",
            breaks: deep_inline,
            expect: Expect::Builds(|d| {
                assert!(read_page(d, "en/deep/index.html").contains("<h1>Deep</h1>"))
            }),
        },
        Case {
            name: "file and folder names with spaces and non-ASCII",
            breaks: |r| {
                write(
                    r,
                    "content/en/my page ø.md",
                    page("Spaces", "[back](_index.md)"),
                );
                write(
                    r,
                    "content/en/råd og hjelp/_index.md",
                    page("Råd", "[space](<../my page ø.md>)"),
                );
                write(r, "content/en/مرحبا.md", page("مرحبا", "نص"));
            },
            expect: Expect::Builds(|d| {
                // Names become ASCII slugs, as in Zola (issue 13): no quoting in a chat.
                assert!(read_page(d, "en/my-page-o/index.html").contains("<h1>Spaces</h1>"));
                let section = read_page(d, "en/rad-og-hjelp/index.html");
                assert!(section.contains("<h1>Råd</h1>"));
                assert!(section.contains("href=../my-page-o/>space"), "{section}");
                assert!(read_page(d, "en/mrhb/index.html").contains("<h1>مرحبا</h1>"));
                assert!(
                    read_page(d, "nb/mrhb/index.html").contains("<h1>مرحبا</h1>"),
                    "fallback page"
                );
            }),
        },
        Case {
            name: "byte-order mark and CRLF line ends",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "\u{feff}+++\r\ntitle = \"About\"\r\n+++\r\nText\r\n",
                )
            },
            expect: Expect::Builds(|d| {
                assert!(read_page(d, "en/about/index.html").contains("<h1>About</h1>"))
            }),
        },
        Case {
            name: "NUL and control characters in a page",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    page("About", "a\u{0}b\u{7}c\u{1b}[31m"),
                )
            },
            expect: Expect::Builds(|d| {
                let html = read_page(d, "en/about/index.html");
                let controls: Vec<char> = html
                    .chars()
                    .filter(|c| c.is_control() && !c.is_ascii_whitespace())
                    .collect();
                assert_eq!(
                    controls,
                    Vec::<char>::new(),
                    "control characters are not allowed in HTML"
                );
                assert!(
                    html.contains("ab") || html.contains("a\u{fffd}b"),
                    "the text around them stays"
                );
            }),
        },
        Case {
            name: "hidden and editor backup files are ignored",
            breaks: |r| {
                write(r, "content/en/.about.md.swp", b"\x00\xff binary".as_slice());
                write(r, "content/en/about.md~", "not a page");
            },
            expect: Expect::Builds(|d| assert!(!d.join("en/.about.md.swp").exists())),
        },
        Case {
            name: "invalid clinic hours",
            breaks: |r| {
                write(
                    r,
                    "content/clinics/oslo.toml",
                    OSLO.replace("Tu 17:00-20:00; Th 11:00-15:00", "Tu 17:00-25:00; Xy 11:00"),
                )
            },
            expect: Expect::Fails(&["content/clinics/oslo.toml:*: error: *"]),
        },
        Case {
            name: "clinic file is not TOML",
            breaks: |r| write(r, "content/clinics/oslo.toml", "name = \"Oslo\nhours = 3\n"),
            expect: Expect::Fails(&["content/clinics/oslo.toml:1:*: error: *"]),
        },
        Case {
            name: "closure reason is a misspelt kind",
            breaks: |r| {
                write(
                    r,
                    "content/clinics/oslo.toml",
                    OSLO.replace(
                        "closed = []",
                        "closed = [{ date = 2026-12-24, reason = \"christmass\" }]",
                    ),
                )
            },
            expect: Expect::Fails(&[
                "content/clinics/oslo.toml:8: error: unknown closure reason `christmass`",
                "  help: did you mean `reason = \"christmas\"`? write one of `reason = \"christmas\"`, `\"easter\"`, `\"summer\"`, `\"other\"`; or your own text per language: `reason = { en = \"...\", nb = \"...\" }`; or leave `reason` out",
            ]),
        },
        Case {
            name: "closure reason in a language the site does not have",
            breaks: |r| {
                write(
                    r,
                    "content/clinics/oslo.toml",
                    OSLO.replace("closed = []", "closed = [\n  { date = 2026-12-24, reason = { nb = \"Stengt\", de = \"Geschlossen\" } },\n]"),
                )
            },
            expect: Expect::Fails(&[
                "content/clinics/oslo.toml:9: error: the closure reason is given in `de`, a language the site does not have",
                "  help: use the language codes of site.toml: en, nb",
            ]),
        },
        Case {
            name: "closure with dates only, and the old closure_christmas key",
            breaks: |r| {
                write(
                    r,
                    "content/clinics/oslo.toml",
                    OSLO.replace("closed = []", "closed = [{ date = 2026-12-01 }, { from = 2026-12-03, to = 2026-12-03, reason = \"closure_christmas\" }]"),
                )
            },
            expect: Expect::Builds(|d| {
                let ics = std::fs::read_to_string(d.join("en/clinics/oslo.ics")).expect("calendar");
                let ics = ics.replace("\r\n ", "");
                assert!(ics.contains("DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\nSUMMARY;LANGUAGE=en:Closed – "), "no reason: only the dates\n{ics}");
                assert!(ics.contains("DTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261204\r\nSUMMARY;LANGUAGE=en:Closed: Christmas – "), "{ics}");
            }),
        },
        Case {
            name: "page shows a clinic that does not exist",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\nclinic = \"tromso\"\n+++\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:3: error: no clinic `tromso`: there is no content/clinics/tromso.toml",
            ]),
        },
        Case {
            name: "a time without minutes in a clinic file is one error, not one per page",
            breaks: |r| {
                write(
                    r,
                    "content/clinics/oslo.toml",
                    OSLO.replace("Th 11:00-15:00", "Th 11-15:00"),
                );
                for lang in ["en", "nb"] {
                    write(
                        r,
                        &format!("content/{lang}/oslo.md"),
                        "+++\ntitle = \"Oslo\"\nclinic = \"oslo\"\n+++\n",
                    );
                }
            },
            expect: Expect::Fails(&[
                "content/clinics/oslo.toml:19:29: error: `hours` is not valid opening_hours syntax at `11-15:00`",
                "  help: did you mean `11:00-15:00`? Write both times with hours and minutes, HH:MM-HH:MM; write days and times like *",
                "1 error; nothing was written, dist/ is unchanged",
            ]),
        },
        Case {
            name: "fallback written as a string, not a list",
            breaks: |r| replace(r, "site.toml", "fallback = [\"en\"]", "fallback = \"en\""),
            expect: Expect::Fails(&[
                "site.toml:10:12: error: invalid TOML: `fallback` must be a list in square brackets",
                "  help: write `fallback = [\"en\"]`: square brackets even for one entry, several separated by commas",
            ]),
        },
        Case {
            name: "a key set twice names its table",
            breaks: |r| append(r, "site.toml", "name = \"Bokmål\"\n"),
            expect: Expect::Fails(&[
                "site.toml:11:1: error: invalid TOML: `name` is set twice in `[languages.nb]` (first on line 8)",
                "  help: keep one of the two lines: a key may be set once in each table",
            ]),
        },
        Case {
            name: "a table written twice",
            breaks: |r| append(r, "site.toml", "\n[languages.en]\nname = \"En\"\n"),
            expect: Expect::Fails(&[
                "site.toml:12:12: error: invalid TOML: the table `[languages.en]` is written twice (first on line 3)",
                "  help: a table may appear once: put all its keys under the first `[languages.en]` and remove this one",
            ]),
        },
        Case {
            name: "a date written day first",
            breaks: |r| {
                write(
                    r,
                    "content/en/about.md",
                    "+++\ntitle = \"About\"\nchecked = 29.11.2026\n+++\nText\n",
                )
            },
            expect: Expect::Fails(&[
                "content/en/about.md:3:*: error: invalid TOML: `29.11.2026` is not a date varde can read",
                "  help: write dates as 2026-11-29, year-month-day: `checked = 2026-11-29`",
            ]),
        },
        Case {
            name: "a closure date written day first in a clinic file",
            breaks: |r| {
                write(
                    r,
                    "content/clinics/oslo.toml",
                    OSLO.replace("closed = []", "closed = [{ date = 24.12.2026 }]"),
                )
            },
            expect: Expect::Fails(&[
                "content/clinics/oslo.toml:8:*: error: this is not valid TOML: `24.12.2026` is not a date varde can read",
            ]),
        },
        Case {
            name: "a valid clinic builds",
            breaks: |r| {
                write(r, "content/clinics/oslo.toml", OSLO);
                write(
                    r,
                    "content/en/oslo.md",
                    "+++\ntitle = \"Oslo\"\nclinic = \"oslo\"\n+++\nDrop in.\n",
                );
            },
            expect: Expect::Builds(|d| {
                assert!(read_page(d, "en/oslo/index.html").contains("17:00"))
            }),
        },
    ]
}
