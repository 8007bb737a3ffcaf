//! `varde serve`: build the site into memory, serve it on 127.0.0.1, rebuild what a saved
//! file changes and reload the pages open in the browser.
//!
//! The site is built into memory, never into `dist/`: a preview must not replace the
//! output someone is about to publish, and pages served from memory can carry the
//! live-reload script without any risk of it reaching `dist/`. The cost is the site's size
//! in memory (measure it with `bench/serve.sh`, which prints the server's memory on the
//! 10,000-page benchmark corpus).
//!
//! While serving, the service worker is varde's kill switch (`--unregister-sw`) and the pages
//! register none: the real worker answers from its cache first, which would show stale
//! pages while editing, and the kill switch also removes a worker left on this origin by an
//! earlier preview of a real build. Every response says `Cache-Control: no-store`.
//!
//! [`watch`] gathers changed files, [`incremental`] rebuilds what depends on them, and
//! [`http`] serves the files and tells the open pages, by server-sent events, to reload or
//! to show the build's errors (the same text the terminal prints) over the page.

pub mod http;
pub mod incremental;
pub mod watch;

use incremental::{LiveSite, Update};
use std::collections::HashMap;
use std::io::Write as _;
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; 127.0.0.1 by default, so only this machine can connect.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Build date, as for `varde build`.
    pub today: Option<jiff::civil::Date>,
}

/// How long the sources stay quiet before slow, secondary pages are brought up to date.
const IDLE: Duration = Duration::from_millis(300);

/// What the connection threads share with the rebuild loop.
#[derive(Default)]
pub struct Shared {
    files: RwLock<HashMap<String, crate::emit::Compressed>>,
    /// The event that tells a newly opened page the build's state (`ok` or `errors`), and
    /// the open pages' event streams.
    events: Mutex<(String, Vec<Sender<String>>)>,
}

impl Shared {
    /// The bytes of the built file at `path` (`en/index.html`).
    pub fn file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(path)
            .map(|c| Arc::new(c.bytes()))
    }

    /// Adds a page's event stream; returns the event for the current state.
    fn subscribe(&self, tx: Sender<String>) -> String {
        let mut e = self.events.lock().unwrap_or_else(|p| p.into_inner());
        e.1.push(tx);
        e.0.clone()
    }

    /// Takes in a build's files and problems and tells the open pages.
    pub fn publish(&self, update: Update) {
        let errors = update.problems.has_errors();
        let mut changed: Vec<String> = update.files.keys().filter_map(|f| url_of_page(f)).collect();
        if !update.files.is_empty() {
            let mut files = self.files.write().unwrap_or_else(|p| p.into_inner());
            if update.full {
                files.clear();
                changed = vec!["*".into()];
            }
            files.extend(update.files);
        }
        let state = if errors {
            http::event("errors", &update.problems.to_string())
        } else {
            http::event("ok", "")
        };
        let mut e = self.events.lock().unwrap_or_else(|p| p.into_inner());
        e.0 = state.clone();
        let mut msg = state;
        if !changed.is_empty() {
            let list = crate::script_json::to_script_json(&changed);
            msg.push_str(&http::event("reload", &list));
        }
        e.1.retain(|tx| tx.send(msg.clone()).is_ok());
    }
}

/// The URL path of an HTML page's output path: `en/rights/index.html` → `/en/rights/`.
fn url_of_page(file: &str) -> Option<String> {
    if !file.ends_with(".html") {
        return None;
    }
    Some(format!(
        "/{}",
        file.strip_suffix("index.html").unwrap_or(file)
    ))
}

/// Serves the site until Ctrl-C. Errors in the content never stop it; only an address
/// that cannot be listened on or sources that cannot be watched do.
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        format!("cannot listen on {}:{}: {e}\n  help: pass another port with --port, or --port 0 for any free one", options.bind, options.port)
    })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    let watcher = watch::Watcher::new(&options.root)?;

    let build_options = crate::Options {
        today: options.today,
        ..crate::Options::new(&options.root)
    };
    let mut state = LiveSite::new(&options.root, crate::build_date(&build_options));
    let shared = Arc::new(Shared::default());
    let started = Instant::now();
    let first = state.full_build();
    let mut told = std::collections::HashSet::new();
    report(&first, started, None, &mut told);
    shared.publish(first);

    let server = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("varde-accept".into())
        .spawn(move || http::accept(listener, server))
        .map_err(|e| e.to_string())?;
    let url = format!("http://{addr}/");
    println!("serving {url}");
    let _ = std::io::stdout().flush();
    eprintln!("watching site.toml, content/ and themes/; press Ctrl-C to stop");
    if options.open {
        open_browser(&url);
    }

    let mut failed = false;
    while !stop.load(Ordering::SeqCst) {
        let Some(paths) = watcher.next(IDLE) else {
            // Quiet for a while: time for the translators' overview, which an edit made
            // stale but which would delay the next save's reload if rendered at once.
            if let Some(overview) = state.refresh_overview() {
                // Its own errors are rare (a template's); a broken edit's overlay stays.
                if !failed || overview.problems.has_errors() {
                    shared.publish(overview);
                }
            }
            continue;
        };
        let started = Instant::now();
        let update = state.apply(&paths);
        report(&update, started, Some(&paths), &mut told);
        failed = update.problems.has_errors();
        shared.publish(update);
    }
    eprintln!("stopped");
    Ok(())
}

/// Prints what a build did, and its problems, to the terminal. Errors are printed every
/// time; a warning only the first time (`told` remembers them): the `base_url` note after
/// every save buried what the save did.
fn report(
    update: &Update,
    started: Instant,
    paths: Option<&std::collections::BTreeSet<String>>,
    told: &mut std::collections::HashSet<String>,
) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{}", news(&update.problems, told));
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let what = paths
        .map(|p| p.iter().cloned().collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    if update.problems.has_errors() {
        let n = update.problems.error_count();
        let _ = writeln!(
            err,
            "{n} error{}; serving the last version that built",
            if n == 1 { "" } else { "s" }
        );
    } else if update.full {
        let _ = writeln!(err, "built {} pages in {ms:.0} ms {what}", update.pages);
    } else {
        let _ = writeln!(err, "rebuilt {} pages in {ms:.1} ms: {what}", update.pages);
    }
}

/// The problems to print: every error, and the warnings not in `told` (which learns them).
fn news(
    problems: &crate::diagnostics::Diagnostics,
    told: &mut std::collections::HashSet<String>,
) -> String {
    use crate::diagnostics::Severity;
    let mut out = String::new();
    for d in problems.iter() {
        let text = d.to_string();
        if d.severity == Severity::Error || told.insert(text.clone()) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// Opens `url` with the desktop's opener, or says how to open it.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("cannot open a browser: `{opener}` was not found; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_is_told_once_an_error_every_time() {
        use crate::diagnostics::{Diagnostic, Diagnostics};
        let problems = Diagnostics(vec![
            Diagnostic::warning("site.toml", "no base_url"),
            Diagnostic::error("content/en/a.md", "broken").at_line(3),
        ]);
        let mut told = std::collections::HashSet::new();
        assert_eq!(
            news(&problems, &mut told),
            "site.toml: warning: no base_url\ncontent/en/a.md:3: error: broken\n"
        );
        assert_eq!(
            news(&problems, &mut told),
            "content/en/a.md:3: error: broken\n"
        );
    }

    #[test]
    fn page_urls_for_reload() {
        assert_eq!(
            url_of_page("en/rights/index.html").as_deref(),
            Some("/en/rights/")
        );
        assert_eq!(url_of_page("index.html").as_deref(), Some("/"));
        assert_eq!(url_of_page("404.html").as_deref(), Some("/404.html"));
        assert_eq!(url_of_page("sw.js"), None);
    }
}
