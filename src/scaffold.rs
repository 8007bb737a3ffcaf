//! `varde new`: a small working site to start from, with the shipped theme.

use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

const SITE_TOML: &str = r#"# Your site. Each language needs a folder content/<code>/ and themes/varde/i18n/<code>.toml.
default_language = "en"
# base_url = "https://example.org/my-site/"   # set it for canonical and hreflang links and leaflet QR codes
# quick_exit_url = "https://www.yr.no/"       # a neutral site: "Leave this site" on every page

[languages.en]
name = "English"
title = "My health information site"
dir = "ltr"
fallback = ["nb"]

[languages.nb]
name = "Norsk bokmål"
title = "Min helseinformasjon"
dir = "ltr"
fallback = ["en"]
"#;

const PAGES: &[(&str, &str)] = &[
    (
        "content/en/_index.md",
        "+++\ntitle = \"Welcome\"\ndescription = \"Start here.\"\n+++\nThis is the home page. Read [about this site](about.md).\n",
    ),
    (
        "content/en/about.md",
        "+++\ntitle = \"About\"\nweight = 10\nsource = \"Write where your facts come from\"\nchecked = 2026-01-01\n+++\nEvery page is a Markdown file with TOML front matter between `+++` lines.\n",
    ),
    (
        "content/nb/_index.md",
        "+++\ntitle = \"Velkommen\"\ndescription = \"Start her.\"\n+++\nDette er forsiden. Les [om nettstedet](about.md).\n",
    ),
];

/// Creates a new site in `path`, which must not exist or be empty.
pub fn create(path: &Path) -> Result<(), String> {
    if path.exists()
        && std::fs::read_dir(path)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "{} already exists and is not empty; choose a new folder name",
            path.display()
        ));
    }
    let write = |rel: &str, bytes: &[u8]| -> Result<(), String> {
        let target = path.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))
    };
    write("site.toml", SITE_TOML.as_bytes())?;
    for (rel, text) in PAGES {
        write(rel, text.as_bytes())?;
    }
    for (rel, bytes) in THEME {
        write(&format!("themes/varde/{rel}"), bytes)?;
    }
    Ok(())
}
