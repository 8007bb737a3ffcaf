//! varde turns multilingual Markdown pages and clinic schedule data into a tiny static site
//! with a service worker, so health rights and opening hours stay readable offline.
//!
//! The build is a one-way pipeline; each stage is a module and only `load` and `emit`
//! touch the disk:
//!
//! 1. [`load`]: read `site.toml`, `content/` and the theme into memory.
//! 2. [`model`]: validate front matter, languages and strings into a [`model::Site`].
//! 3. [`render`]: Markdown and Tera templates to minified HTML, in parallel, for every
//!    page in every language (missing translations from the fallback chain).
//! 4. [`offline`]: icons, web app manifests, the offline and not-found pages, `_headers`,
//!    and last `sw.js`, whose precache manifest lists every file written before it.
//! 5. [`emit`]: files go to a staging folder as they are rendered, and replace `dist/` only
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
}

/// Builds the site: the whole pipeline, top to bottom.
pub fn build(options: &Options) -> Result<BuildReport, Diagnostics> {
    let mut clock = StageClock::from_env();
    let today = build_date(options);
    let config_file = load::read_config(&options.root)?;
    let config = config::Config::parse(&config_file.text)?;
    let sources = load::load(&options.root, &config.theme)?;
    clock.lap("load");
    let site = model::Site::from_sources(config, sources)?;
    clock.lap("model");
    let mut build = render::Build::new(&site, today)?;
    render::all_in_one::register(&mut build);
    let offline = offline::prepare(&mut build, options.unregister_sw)?;
    clock.lap("templates, schedules, icons");

    let dist = options.output_dir();
    let out = if options.dry_run {
        emit::Emitter::dry_run()
    } else {
        emit::Emitter::begin(&dist).map_err(one)?
    };
    let rendered = render::render(&build, &out)?;
    for asset in &site.assets {
        out.write(&asset.output, &asset.bytes).map_err(one)?;
    }
    clock.lap("render and write");
    let all_in_one = render::all_in_one::write(&build, &out)?;
    clock.lap("all-in-one files");
    offline::finish(&build, &offline, &out)?;
    clock.lap("offline");
    let written = out.written();
    let mut warnings = rendered.warnings;
    if !build.sections.offered() {
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
                render::all_in_one::MAX_PAGES
            )),
        );
    }
    let report = BuildReport {
        pages: rendered.pages,
        files: written.len(),
        bytes: written.iter().map(|w| w.size).sum(),
        warnings,
        languages: site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect(),
        all_in_one,
    };
    if !options.dry_run {
        out.commit(&dist).map_err(one)?;
    }
    clock.lap("swap into dist");
    Ok(report)
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
