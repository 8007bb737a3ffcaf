//! `varde pdf`: builds the site, then prints every language's leaflet to PDF with headless
//! Chromium: `dist/<lang>/leaflet.pdf` (one A4 sheet) and `dist/<lang>/leaflet-a5.pdf` (two
//! A5 copies on one A4 sheet, for cutting).
//!
//! Chromium is needed only here, never by `varde build`: a shelter volunteer can print the
//! leaflet page from any browser, and whoever publishes the site makes PDFs once per change.
//! The page size and margins come from the leaflet's own `@page` rule, so Chromium gets no
//! paper options. One Chromium process per PDF, each with its own throw-away profile, run
//! on rayon's pool (as many at a time as there are cores).

use crate::diagnostics::Diagnostics;
use crate::{Options, build};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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
pub struct Pdf {
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
    pub pdfs: Vec<Pdf>,
    /// Wall-clock time of the PDF step alone.
    pub elapsed: Duration,
}

/// Builds the site with `options`, then prints both leaflet layouts of every language.
pub fn run(options: &Options) -> Result<Report, Error> {
    // Look for Chromium first: no point building when the PDFs cannot be made.
    let chromium = find_chromium()
        .ok_or_else(|| Error::Chromium(format!("Chromium was not found; {INSTALL_HINT}")))?;
    let report = build(options).map_err(Error::Build)?;
    let dist = options.output_dir();
    let mut jobs = Vec::new();
    for lang in &report.languages {
        for (page, pdf) in [
            ("leaflet/index.html", "leaflet.pdf"),
            ("leaflet/a5/index.html", "leaflet-a5.pdf"),
        ] {
            jobs.push((format!("{lang}/{page}"), format!("{lang}/{pdf}")));
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

/// Prints `(html, pdf)` pairs (paths below `dist`) in parallel on rayon's pool; every
/// failure is reported, not just the first.
fn print_all(chromium: &Path, dist: &Path, jobs: &[(String, String)]) -> Result<Vec<Pdf>, Error> {
    let results: Vec<Result<Pdf, String>> = jobs
        .par_iter()
        .enumerate()
        .map(|(i, (html, pdf))| print_one(chromium, dist, html, pdf, i))
        .collect();
    let (written, failures): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if !failures.is_empty() {
        let failures: Vec<String> = failures.into_iter().filter_map(Result::err).collect();
        return Err(Error::Chromium(failures.join("\n")));
    }
    Ok(written.into_iter().filter_map(Result::ok).collect())
}

/// One leaflet: `dist/<html>` to `dist/<pdf>`.
fn print_one(chromium: &Path, dist: &Path, html: &str, pdf: &str, n: usize) -> Result<Pdf, String> {
    let size = print_page(chromium, &dist.join(html), &dist.join(pdf), n)
        .map_err(|e| format!("{pdf}: {e}"))?;
    Ok(Pdf {
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
    let url = file_url(&page);
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
    std::fs::metadata(target)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", target.display()))
}

/// What a path keeps as it is in a `file://` URL: letters, digits, `/` and the marks that
/// never need quoting. Everything else (space, `#`, `%`, `?`, non-ASCII) is percent-encoded,
/// so a site folder named `Helse #2` or `100% ok` still opens.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The `file://` URL of an absolute path.
fn file_url(path: &Path) -> String {
    format!(
        "file://{}",
        utf8_percent_encode(&path.to_string_lossy(), PATH_KEEP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_quote_what_a_url_would_misread() {
        assert_eq!(
            file_url(Path::new("/srv/Helse #2/100% ok/nb/leaflet/index.html")),
            "file:///srv/Helse%20%232/100%25%20ok/nb/leaflet/index.html"
        );
        assert_eq!(
            file_url(Path::new("/home/blåbær/a?b.html")),
            "file:///home/bl%C3%A5b%C3%A6r/a%3Fb.html"
        );
    }
}
