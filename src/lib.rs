//! varde turns multilingual Markdown pages and clinic schedule data into a tiny static site
//! with a service worker, so health rights and opening hours stay readable offline.
//!
//! The build is a one-way pipeline of six stages; each is a module, and only `load` and
//! `emit` touch the disk. Every command uses the same two steps: [`load_site`] (stages 1 and
//! 2) and [`render_site`] (stages 3 to 6); `build`, `check`, `pdf`, `serve` and `status`
//! differ only in where the files go and what they print.
//!
//! 1. [`load`]: read `site.toml`, `content/` and the theme into memory.
//! 2. [`model`]: parse and validate it into a [`model::Site`]: the settings ([`config`]),
//!    front matter, languages, interface strings, and the clinic files (read by
//!    [`schedule`]'s file reader, so a broken one is reported once, at its line).
//! 3. [`schedule`]: every clinic's opening hours for the build date, in every language
//!    (next openings, weekly tables, open-now data, JSON-LD), computed once before any page
//!    is rendered ([`render::clinics::ClinicData::new`] asks `schedule` for each view).
//! 4. [`render`]: Markdown and Tera templates (minified once, when they load) to HTML, in
//!    parallel, for every page in every language (missing translations from the fallback
//!    chain), then the leaflets, calendars and each language's one-file copy.
//! 5. [`offline`]: icons, web app manifests, the offline and not-found pages, `_headers`,
//!    and last `sw.js`, whose precache manifest lists every file written before it.
//! 6. [`emit`]: files go to a staging folder as they are rendered, and replace `dist/` only
//!    when everything succeeded.
//!
//! Every stage collects all the problems it finds as [`Diagnostics`] naming file and line,
//! so `varde check` lists everything at once.

pub mod config;
pub mod diagnostics;
pub mod emit;
pub mod load;
pub mod model;
pub mod offline;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod script_json;
pub mod serve;
pub mod status;
pub mod toml_hints;

use diagnostics::Diagnostics;
use std::path::PathBuf;

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Where the output goes; `root/dist` by default.
    pub output: Option<PathBuf>,
    /// The build date; `SOURCE_DATE_EPOCH` or today in Oslo when not set.
    pub today: Option<jiff::civil::Date>,
    /// Validate and render everything but write nothing (`varde check`).
    pub dry_run: bool,
    /// The kill switch: emit a `sw.js` that deletes varde's caches and unregisters itself,
    /// and pages that no longer register a service worker.
    pub unregister_sw: bool,
    /// The site's public address for this build (`--base-url`), overriding `base_url` in
    /// `site.toml`: the address is often known only where the site is deployed. Checked and
    /// given its trailing slash by [`parse_base_url`].
    pub base_url: Option<String>,
}

impl Options {
    /// Options for the site in `root`, with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            output: None,
            today: None,
            dry_run: false,
            unregister_sw: false,
            base_url: None,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("dist"))
    }
}

/// What a successful build made.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Bytes written in all.
    pub bytes: u64,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// The language codes built, in `site.toml` order.
    pub languages: Vec<String>,
    /// Each language's code and the size in bytes of its `all-in-one.html`.
    pub all_in_one: Vec<(String, u64)>,
    /// The spare folder (`.dist.spare`), when this build made it: worth one sentence, as a
    /// hidden full copy of the site appearing in the site folder is otherwise a mystery.
    pub spare_made: Option<PathBuf>,
}

/// Builds the site: the whole pipeline, top to bottom.
pub fn build(options: &Options) -> Result<BuildReport, Diagnostics> {
    let today = build_date(options);
    let mut site = load_site(&options.root)?;
    if let Some(url) = &options.base_url {
        site.config.base_url = Some(url.clone());
    }
    let dist = options.output_dir();
    let out = if options.dry_run {
        emit::Emitter::dry_run()
    } else {
        emit::Emitter::begin(&dist).map_err(one)?
    };
    let (renderer, rendered) = render_site(&site, today, options.unregister_sw, &out)?;
    drop(renderer);
    let written = out.written();
    let mut report = BuildReport {
        pages: rendered.pages,
        files: written.len(),
        bytes: written.iter().map(|w| w.size).sum(),
        warnings: rendered.warnings,
        languages: site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect(),
        all_in_one: rendered.all_in_one,
        spare_made: None,
    };
    if !options.dry_run {
        let mut clock = StageClock::from_env();
        report.spare_made = out.commit(&dist).map_err(one)?;
        clock.lap("swap into dist");
    }
    Ok(report)
}

/// Checks a site address given on the command line (`--base-url`): it must be an absolute
/// `http` or `https` URL with a host and nothing after the path (no query, no fragment, no
/// spaces), because every canonical link, alternate, sitemap entry and QR code is this text
/// followed by a page's path. Returns it with a trailing slash, or what is wrong with it.
pub fn parse_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("`{url}` is not an absolute http(s) address; write it in full, e.g. https://example.org/helse/")
        })?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') || host.contains('@') {
        return Err(format!(
            "`{url}` has no host name; write it in full, e.g. https://example.org/helse/"
        ));
    }
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\')
    }) {
        return Err(format!(
            "`{url}` contains `{}`; give only the address of the site's root, e.g. https://example.org/helse/",
            c.escape_default()
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// Stages 1 and 2, the one way every command reads a site: `site.toml`, the content and the
/// theme from `root` ([`load`]), validated into a [`model::Site`] ([`model`]).
pub fn load_site(root: &std::path::Path) -> Result<model::Site, Diagnostics> {
    let mut clock = StageClock::from_env();
    let config_file = load::read_config(root)?;
    let config = config::Config::parse(&config_file.text)?;
    let sources = load::load(root, &config.theme)?;
    clock.lap("load");
    let site = model::Site::from_sources(config, sources)?;
    clock.lap("model");
    Ok(site)
}

/// What [`render_site`] wrote.
#[derive(Debug, Default)]
pub struct Rendered {
    /// HTML pages written.
    pub pages: usize,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// Each language's code and the size in bytes of its `all-in-one.html`.
    pub all_in_one: Vec<(String, u64)>,
}

/// Stages 3 to 6, the one way every command turns a site into files: the clinic schedules
/// ([`schedule`]), the pages ([`render`]), the offline files ([`offline`]), all written into
/// `out` ([`emit`]: a staging folder, memory for `varde serve`, or nothing for `varde check`).
/// Returns the render context too, so `varde serve` can keep its templates and schedules.
pub fn render_site<'a>(
    site: &'a model::Site,
    today: jiff::civil::Date,
    unregister_sw: bool,
    out: &emit::Emitter,
) -> Result<(render::Renderer<'a>, Rendered), Diagnostics> {
    let mut clock = StageClock::from_env();
    let clinics = render::clinics::ClinicData::new(site, today);
    clock.lap("schedules");
    let mut renderer = render::Renderer::new(site, today, clinics)?;
    let pass_on_offered = render::pages::all_in_one::offer(&mut renderer);
    let offline = offline::prepare(&renderer, unregister_sw)?;
    let (quick_exit_url, safety_page) = render::exit::values(site);
    render::functions::register(
        &mut renderer.tera,
        render::functions::Functions {
            quick_exit_url,
            safety_page,
            pass_on_offered,
            config: site.config.clone(),
            offline_script: offline.script.clone(),
            icons: offline.icon_names(),
        },
    );
    clock.lap("templates, icons");
    let rendered = render::render(&renderer, out)?;
    for asset in &site.assets {
        out.write(&asset.output, &asset.bytes).map_err(one)?;
    }
    clock.lap("render and write");
    let all_in_one = render::pages::all_in_one::write(&renderer, out)?;
    clock.lap("all-in-one files");
    offline::finish(&renderer, &offline, out)?;
    clock.lap("offline");
    let mut warnings = rendered.warnings;
    // Days and hours written by hand that the clinic files contradict: checked once per
    // source page, not per rendered page.
    let views = renderer
        .clinics
        .all(&site.config.default_language)
        .into_iter()
        .map(|v| (v.slug.clone(), v))
        .collect();
    warnings.0.extend(render::facts::check::check(site, &views));
    clock.lap("hand-written hours");
    for clinic in site.clinics.values() {
        warnings.extend(clinic.warnings.clone());
    }
    warnings.extend(Diagnostics(site.media.warnings.clone()));
    if !renderer.sections.offered() {
        warnings.push(
            diagnostics::Diagnostic::warning(
                "content",
                format!(
                    "{} pages: too many for one-file copies (all-in-one.html), so none are made or offered",
                    site.pages.len()
                ),
            )
            .hint(format!(
                "a file to pass from phone to phone is made for sites of at most {} pages",
                render::pages::all_in_one::MAX_PAGES
            )),
        );
    }
    let rendered = Rendered {
        pages: rendered.pages,
        warnings,
        all_in_one,
    };
    Ok((renderer, rendered))
}

/// Prints how long each stage took to stderr when `VARDE_TIMINGS` is set: for profiling a
/// large site, without a profiler.
struct StageClock(Option<std::time::Instant>);

impl StageClock {
    fn from_env() -> StageClock {
        StageClock(std::env::var_os("VARDE_TIMINGS").map(|_| std::time::Instant::now()))
    }

    fn lap(&mut self, stage: &str) {
        if let Some(start) = self.0 {
            eprintln!(
                "{:>8.1} ms  {stage}",
                start.elapsed().as_secs_f64() * 1000.0
            );
            self.0 = Some(std::time::Instant::now());
        }
    }
}

/// The build date: `options.today`, else `SOURCE_DATE_EPOCH` (for reproducible builds),
/// else today in Oslo.
pub fn build_date(options: &Options) -> jiff::civil::Date {
    if let Some(d) = options.today {
        return d;
    }
    let oslo = jiff::tz::TimeZone::get("Europe/Oslo").unwrap_or(jiff::tz::TimeZone::UTC);
    if let Some(ts) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
    {
        return ts.to_zoned(oslo).date();
    }
    jiff::Timestamp::now().to_zoned(oslo).date()
}

fn one(d: diagnostics::Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
