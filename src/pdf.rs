//! `varde pdf`: builds the site, then prints every language's leaflet to PDF with headless
//! Chromium: `dist/<lang>/leaflet.pdf` (one A4 sheet) and `dist/<lang>/leaflet-a5.pdf` (two
//! A5 copies on one A4 sheet, for cutting).
//!
//! Chromium is needed only here, never by `varde build`: a shelter volunteer can print the
//! leaflet page from any browser, and whoever publishes the site makes PDFs once per change.
//! The page size and margins come from the leaflet's own `@page` rule, so Chromium gets no
//! paper options. One Chromium process per PDF, each with its own throw-away profile, run
//! as many at a time as there are cores.

use crate::diagnostics::Diagnostics;
use crate::{Options, build, config, load};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What to install when no Chromium is found (Debian/Ubuntu package names).
pub const INSTALL_HINT: &str = "install Chromium and the Noto fonts for Arabic and Ethiopic script: \
`sudo apt-get install chromium fonts-noto-core`, or set VARDE_CHROMIUM to a Chrome or Chromium binary";

/// How long one PDF may take before Chromium is stopped.
const TIMEOUT: Duration = Duration::from_secs(90);

/// Why `varde pdf` failed.
#[derive(Debug)]
pub enum Error {
    /// The build itself failed.
    Build(Diagnostics),
    /// Chromium is missing or failed; the text says what to do.
    Chromium(String),
}

/// One PDF written.
#[derive(Debug)]
pub struct Written {
    /// Path below the output folder, e.g. `nb/leaflet.pdf`.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
}

/// What `varde pdf` did.
#[derive(Debug)]
pub struct Report {
    /// The build that came first.
    pub build: crate::BuildReport,
    /// The PDFs, in language order.
    pub pdfs: Vec<Written>,
    /// Wall-clock time of the PDF step alone.
    pub elapsed: Duration,
}

/// Builds the site with `options`, then prints both leaflet layouts of every language.
pub fn run(options: &Options) -> Result<Report, Error> {
    // Look for Chromium first: no point building when the PDFs cannot be made.
    let chromium = find_chromium()
        .ok_or_else(|| Error::Chromium(format!("Chromium was not found; {INSTALL_HINT}")))?;
    let report = build(options).map_err(Error::Build)?;
    let config_file = load::read_config(&options.root).map_err(Error::Build)?;
    let config = config::Config::parse(&config_file.text).map_err(Error::Build)?;
    let dist = options.output_dir();
    let mut jobs = Vec::new();
    for lang in &config.languages {
        for (page, pdf) in [
            ("leaflet/index.html", "leaflet.pdf"),
            ("leaflet/a5/index.html", "leaflet-a5.pdf"),
        ] {
            jobs.push((
                format!("{}/{page}", lang.code),
                format!("{}/{pdf}", lang.code),
            ));
        }
    }
    let start = Instant::now();
    let pdfs = print_all(&chromium, &dist, &jobs)?;
    Ok(Report {
        build: report,
        pdfs,
        elapsed: start.elapsed(),
    })
}

/// `VARDE_CHROMIUM`, else the first of Debian's, Ubuntu's and Google's names on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VARDE_CHROMIUM").map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

/// Prints `(html, pdf)` pairs (paths below `dist`) in parallel, in as many threads as cores.
fn print_all(
    chromium: &Path,
    dist: &Path,
    jobs: &[(String, String)],
) -> Result<Vec<Written>, Error> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(jobs.len())
        .max(1);
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<(usize, Result<Written, String>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = {
                        let Ok(mut n) = next.lock() else { return };
                        *n += 1;
                        *n - 1
                    };
                    let Some((html, pdf)) = jobs.get(i) else {
                        return;
                    };
                    let result = print_one(chromium, dist, html, pdf, i);
                    if let Ok(mut r) = results.lock() {
                        r.push((i, result));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut written = Vec::new();
    let mut failures = Vec::new();
    for (_, r) in results {
        match r {
            Ok(w) => written.push(w),
            Err(e) => failures.push(e),
        }
    }
    if !failures.is_empty() {
        return Err(Error::Chromium(failures.join("\n")));
    }
    Ok(written)
}

/// One leaflet: `dist/<html>` to `dist/<pdf>`.
fn print_one(
    chromium: &Path,
    dist: &Path,
    html: &str,
    pdf: &str,
    n: usize,
) -> Result<Written, String> {
    let size = print_page(chromium, &dist.join(html), &dist.join(pdf), n)
        .map_err(|e| format!("{pdf}: {e}"))?;
    Ok(Written {
        path: pdf.to_string(),
        size,
    })
}

/// Prints the HTML file `page` to `target` with one Chromium process and returns the PDF's
/// size. The PDF is written beside `target` first and renamed when complete, so a failed run
/// never leaves half a PDF. `n` tells parallel runs' throw-away profiles apart.
pub fn print_page(chromium: &Path, page: &Path, target: &Path, n: usize) -> Result<u64, String> {
    let page = page
        .canonicalize()
        .map_err(|e| format!("{}: {e} (was the site built?)", page.display()))?;
    let partial = target.with_extension("pdf.part");
    let profile = std::env::temp_dir().join(format!("varde-pdf-{}-{n}", std::process::id()));
    let url = format!("file://{}", page.display()).replace(' ', "%20");
    // Chromium's chatter goes to a file, not a pipe nobody reads while it runs (a full pipe
    // would block it).
    let log_path = std::env::temp_dir().join(format!("varde-pdf-{}-{n}.log", std::process::id()));
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
        ])
        .args([
            "--no-default-browser-check",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", partial.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("{}: cannot start: {e}; {INSTALL_HINT}", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => break None,
        }
    };
    let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
    let _ = std::fs::remove_file(&log_path);
    let _ = std::fs::remove_dir_all(&profile);
    let ok = status.is_some_and(|s| s.success())
        && std::fs::read(&partial).is_ok_and(|b| b.starts_with(b"%PDF"));
    if !ok {
        let _ = std::fs::remove_file(&partial);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no output");
        let why = if status.is_none() {
            format!("stopped after {}s", TIMEOUT.as_secs())
        } else {
            last.to_string()
        };
        return Err(format!(
            "Chromium could not print {}: {why}",
            page.display()
        ));
    }
    std::fs::rename(&partial, target).map_err(|e| format!("{}: {e}", target.display()))?;
    Ok(std::fs::metadata(target).map(|m| m.len()).unwrap_or(0))
}
