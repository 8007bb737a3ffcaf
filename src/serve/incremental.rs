//! What `varde serve` rebuilds after a change, and the rebuilding itself.
//!
//! The whole pipeline runs once at start, into memory. After that, an edit of existing
//! Markdown pages is read, validated and rendered alone: the page at its key in every
//! language (a translation that is missing shows this page through the fallback chain, and
//! a new translation replaces a fallback), plus its section's page when its title,
//! description or weight changed (those show in the section's list of children). A change
//! that can reach every page takes the full pipeline again: a top-level page's listing
//! fields (the navigation shows on every page), a page added or removed (links to it may
//! start or stop resolving), and anything in `site.toml`, the theme, clinic data or assets.
//!
//! The model and the parsed templates are kept between changes; a broken edit keeps the
//! last good version of its page, and the file is read again on every later change until
//! it builds, so the error overlay clears as soon as the fix is saved.

use crate::config::Language;
use crate::diagnostics::Diagnostics;
use crate::emit::Emitter;
use crate::model::{Page, Site, page_key};
use crate::render::{self, Renderer, clinics::ClinicData};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What a changed file means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A Markdown page under `content/<lang>/`, with its key.
    Page {
        /// The page's key (`rights/adults/`).
        key: String,
        /// The folder's language code.
        lang: String,
    },
    /// Anything else that is part of the site: configuration, theme, clinics, assets.
    Other,
}

/// Classifies a changed path (from the site root, with `/`).
pub fn classify(path: &str) -> Change {
    let Some(rest) = path.strip_prefix("content/") else {
        return Change::Other;
    };
    let Some((lang, in_lang)) = rest.split_once('/') else {
        return Change::Other;
    };
    if lang == crate::load::CLINICS_DIR || !in_lang.ends_with(".md") {
        return Change::Other;
    }
    Change::Page {
        key: page_key(in_lang),
        lang: lang.to_string(),
    }
}

/// The keys to render again after one page changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// These keys, in every language.
    Keys(BTreeSet<String>),
    /// Every page: run the whole pipeline.
    All,
}

/// The key of the section that lists `key` among its children (`""` for top-level pages).
pub fn parent_of(key: &str) -> &str {
    let trimmed = key.strip_suffix('/').unwrap_or(key);
    trimmed.rfind('/').map(|i| &key[..=i]).unwrap_or("")
}

/// What depends on a page that changed from `old` to `new` (same key and language).
pub fn affected(old: &Page, new: &Page) -> Affected {
    let mut keys = BTreeSet::from([new.key.clone()]);
    let listed = |p: &Page| {
        (
            p.front.title.clone(),
            p.front.description.clone(),
            p.front.weight,
        )
    };
    if !new.key.is_empty() && listed(old) != listed(new) {
        let parent = parent_of(&new.key);
        if parent.is_empty() {
            return Affected::All;
        }
        keys.insert(parent.to_string());
    }
    Affected::Keys(keys)
}

/// The result of one (re)build: files to serve and problems to show.
#[derive(Debug, Default)]
pub struct Update {
    /// Files made, by output path (`en/rights/index.html`).
    pub files: BTreeMap<String, crate::emit::Compressed>,
    /// True when `files` is the whole site and replaces what was served.
    pub full: bool,
    /// Errors (the overlay) and warnings, sorted.
    pub problems: Diagnostics,
    /// HTML pages rendered.
    pub pages: usize,
}

/// The site kept between changes, with the parts of the render stage that are costly to
/// make again (templates with the offline stage's functions, localized clinic views).
pub struct LiveSite {
    root: PathBuf,
    today: jiff::civil::Date,
    kept: Option<Kept>,
    /// Page files whose last edit did not build: read again on every change.
    broken: BTreeSet<String>,
    /// The translators' page has not been rendered since a page changed.
    stale_overview: bool,
}

struct Kept {
    site: Site,
    tera: tera::Tera,
    clinics: ClinicData,
}

impl Kept {
    /// Runs `f` with a [`Renderer`] of the kept site, lending it the parsed templates
    /// and clinic data (no copy), and takes them back after.
    fn with_renderer<R>(
        &mut self,
        today: jiff::civil::Date,
        f: impl FnOnce(&Renderer<'_>) -> R,
    ) -> R {
        let renderer = Renderer::with_templates(
            &self.site,
            std::mem::take(&mut self.tera),
            today,
            std::mem::take(&mut self.clinics),
        );
        let result = f(&renderer);
        self.tera = renderer.tera;
        self.clinics = renderer.clinics;
        result
    }
}

impl LiveSite {
    /// A state for the site at `root`, building as of `today`. Nothing is read yet.
    pub fn new(root: impl Into<PathBuf>, today: jiff::civil::Date) -> LiveSite {
        LiveSite {
            root: root.into(),
            today,
            kept: None,
            broken: BTreeSet::new(),
            stale_overview: false,
        }
    }

    /// The site of the last good build.
    pub fn site(&self) -> Option<&Site> {
        self.kept.as_ref().map(|k| &k.site)
    }

    /// Runs the whole pipeline into memory. The service worker is the kill switch and pages
    /// register none: a cache-first worker would show stale pages while editing.
    pub fn full_build(&mut self) -> Update {
        match self.pipeline() {
            Ok((kept, update)) => {
                self.kept = Some(kept);
                self.broken.clear();
                update
            }
            Err(mut problems) => {
                problems.sort();
                Update {
                    problems,
                    ..Update::default()
                }
            }
        }
    }

    fn pipeline(&self) -> Result<(Kept, Update), Diagnostics> {
        let site = crate::load_site(&self.root)?;
        let out = Emitter::in_memory();
        // `varde serve` never registers a service worker: a kept copy would hide edits.
        // The one-file copies are made once per full build; a page edit does not remake them.
        let (renderer, rendered) = crate::render_site(&site, self.today, true, &out)?;
        let Renderer { tera, clinics, .. } = renderer;
        let update = Update {
            files: out.into_files(),
            full: true,
            problems: rendered.warnings,
            pages: rendered.pages,
        };
        Ok((
            Kept {
                site,
                tera,
                clinics,
            },
            update,
        ))
    }

    /// Rebuilds after the files at `paths` (from the site root) changed: only what depends
    /// on them when they are all existing pages, else everything.
    pub fn apply(&mut self, paths: &BTreeSet<String>) -> Update {
        let mut todo: BTreeSet<String> = paths.clone();
        todo.extend(self.broken.iter().cloned());
        let Some(kept) = self.kept.as_mut() else {
            return self.full_build();
        };
        // Every path must be an existing page of the site, else the page set changes.
        let mut pages = Vec::new();
        for path in &todo {
            let Change::Page { key, lang } = classify(path) else {
                return self.full_build();
            };
            let known = kept
                .site
                .pages
                .get(&key)
                .and_then(|m| m.get(&lang))
                .is_some_and(|p| &p.file == path);
            if !known || !self.root.join(path).is_file() {
                return self.full_build();
            }
            pages.push((path, key, lang));
        }
        let mut problems = Diagnostics::new();
        let mut broken = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for (path, key, lang) in pages {
            let parsed = crate::load::read_text(&self.root, &self.root.join(path))
                .map_err(|d| Diagnostics(vec![d]))
                .and_then(|file| kept.site.reparse_page(file));
            let new = match parsed {
                Ok(p) => p,
                Err(d) => {
                    problems.extend(d);
                    broken.insert(path.clone());
                    continue;
                }
            };
            let Some(old) = kept.site.pages.get_mut(&key).and_then(|m| m.get_mut(&lang)) else {
                continue;
            };
            match affected(old, &new) {
                Affected::All => return self.full_build(),
                Affected::Keys(k) => keys.extend(k),
            }
            *old = new;
        }
        let out = Emitter::in_memory();
        let mut rendered = 0;
        if !keys.is_empty() {
            let result = kept.with_renderer(self.today, |renderer| {
                let languages = &renderer.site.config.languages;
                let jobs: Vec<(&str, &Language)> = keys
                    .iter()
                    .flat_map(|k| languages.iter().map(move |l| (k.as_str(), l)))
                    .collect();
                render::render_pages(renderer, &jobs, &out)
            });
            match result {
                Ok(r) => {
                    rendered = r.pages;
                    problems.extend(r.warnings);
                }
                Err(d) => {
                    problems.extend(d);
                    broken.extend(
                        paths
                            .iter()
                            .filter(|p| matches!(classify(p), Change::Page { .. }))
                            .cloned(),
                    );
                }
            }
        }
        problems.sort();
        self.broken = broken;
        self.stale_overview |= rendered > 0;
        Update {
            files: out.into_files(),
            full: false,
            problems,
            pages: rendered,
        }
    }

    /// Renders again the translators' page, which shows every page's state, if an edit
    /// made it stale. It costs as much as a thousand pages on a large site, so it waits
    /// until the edited pages are served and reloaded.
    pub fn refresh_overview(&mut self) -> Option<Update> {
        if !std::mem::take(&mut self.stale_overview) {
            return None;
        }
        let kept = self.kept.as_mut()?;
        let out = Emitter::in_memory();
        let result = kept.with_renderer(self.today, |renderer| {
            render::pages::translators::render(renderer, &out)
        });
        let mut problems = Diagnostics::new();
        match result {
            Ok(true) => {}
            Ok(false) => return None,
            Err(d) => problems.push(d),
        }
        Some(Update {
            files: out.into_files(),
            full: false,
            problems,
            pages: 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrontMatter;

    fn page(key: &str, title: &str, weight: i64, body: &str) -> Page {
        let front = FrontMatter {
            title: title.into(),
            weight,
            ..FrontMatter::default()
        };
        Page {
            file: format!("content/en/{key}.md"),
            lang: "en".into(),
            key: key.into(),
            front,
            body: body.into(),
            body_line: 4,
        }
    }

    fn keys(list: &[&str]) -> Affected {
        Affected::Keys(list.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn body_edit_rebuilds_the_page_only() {
        let old = page("rights/adults/", "Adults", 1, "old");
        let new = page("rights/adults/", "Adults", 1, "new");
        assert_eq!(affected(&old, &new), keys(&["rights/adults/"]));
    }

    #[test]
    fn title_or_weight_edit_rebuilds_the_section_listing() {
        let old = page("rights/adults/", "Adults", 1, "x");
        assert_eq!(
            affected(&old, &page("rights/adults/", "Grown-ups", 1, "x")),
            keys(&["rights/", "rights/adults/"])
        );
        assert_eq!(
            affected(&old, &page("rights/adults/", "Adults", 2, "x")),
            keys(&["rights/", "rights/adults/"])
        );
        let deep = page("a/b/c/", "C", 0, "x");
        assert_eq!(
            affected(&deep, &page("a/b/c/", "Cee", 0, "x")),
            keys(&["a/b/", "a/b/c/"])
        );
    }

    #[test]
    fn top_level_title_edit_rebuilds_everything_for_the_navigation() {
        let old = page("rights/", "Rights", 1, "x");
        assert_eq!(
            affected(&old, &page("rights/", "Your rights", 1, "x")),
            Affected::All
        );
        // The home page is in no listing.
        assert_eq!(
            affected(&page("", "Home", 0, "x"), &page("", "Start", 0, "x")),
            keys(&[""])
        );
    }

    #[test]
    fn paths_are_classified_by_what_they_can_change() {
        assert_eq!(
            classify("content/en/rights/adults.md"),
            Change::Page {
                key: "rights/adults/".into(),
                lang: "en".into()
            }
        );
        assert_eq!(
            classify("content/nb/_index.md"),
            Change::Page {
                key: "".into(),
                lang: "nb".into()
            }
        );
        assert_eq!(classify("content/clinics/x.toml"), Change::Other);
        assert_eq!(classify("content/en/photo.png"), Change::Other);
        assert_eq!(classify("site.toml"), Change::Other);
        assert_eq!(classify("themes/varde/templates/page.html"), Change::Other);
        assert_eq!(parent_of("rights/adults/"), "rights/");
        assert_eq!(parent_of("rights/"), "");
    }
}
