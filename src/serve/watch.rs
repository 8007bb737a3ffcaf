//! Watching the site's sources: `site.toml`, `content/` and `themes/`, with the `notify`
//! crate (inotify, FSEvents, ReadDirectoryChangesW).
//!
//! An editor's save is several events (truncate, write, rename of a temporary file), so
//! events are gathered until the folder has been quiet for [`QUIET`]: long enough for one
//! save, short enough for the 50 ms budget from save to reload. A hand-written quiet
//! period is all the debouncing needed here, and it keeps that delay in one visible place.
//! Editors' temporary and backup files (`.x.swp`, `x~`, `#x#`, Vim's `4913`, `x.tmp`; the
//! list is [`crate::load::is_ignored_name`]) are ignored, as `load` ignores them.

use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long the sources must be quiet before a batch of changes is built.
pub const QUIET: Duration = Duration::from_millis(8);
/// The longest a batch waits for quiet (a tool writing many files).
const MAX_WAIT: Duration = Duration::from_millis(300);

/// A running watch on one site.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl Watcher {
    /// Starts watching the site at `root` (its `site.toml`, `content/` and `themes/`).
    pub fn new(root: &Path) -> Result<Watcher, String> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let (tx, events) = channel();
        let mut inner =
            notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
        let fail = |p: &Path, e: notify::Error| format!("cannot watch {}: {e}", p.display());
        // The root itself only for site.toml: dist/ and other folders beside it are not
        // sources, and watching them would only add noise.
        inner
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| fail(&root, e))?;
        for dir in ["content", "themes"] {
            let path = root.join(dir);
            if path.is_dir() {
                inner
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| fail(&path, e))?;
            }
        }
        Ok(Watcher {
            _inner: inner,
            events,
            root,
        })
    }

    /// Waits up to `wait` for a change, then gathers the changes that follow it until the
    /// sources are quiet. Returns the changed paths from the site root (`content/en/x.md`),
    /// or `None` when nothing relevant changed in time.
    pub fn next(&self, wait: Duration) -> Option<BTreeSet<String>> {
        let mut paths = BTreeSet::new();
        match self.events.recv_timeout(wait) {
            Ok(e) => self.add(e, &mut paths),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        }
        let start = Instant::now();
        while start.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(e) => self.add(e, &mut paths),
                Err(_) => break,
            }
        }
        (!paths.is_empty()).then_some(paths)
    }

    fn add(&self, event: notify::Result<notify::Event>, paths: &mut BTreeSet<String>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if let Some(rel) = relevant(&self.root, path) {
                paths.insert(rel);
            }
        }
    }
}

/// The path from the site root of a changed file that is part of the site's sources.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root).ok()?;
    let rel = crate::load::site_path(root, path);
    if rel.split('/').any(crate::load::is_ignored_name) {
        return None;
    }
    let source = rel == crate::config::CONFIG_FILE
        || rel.starts_with("content/")
        || rel.starts_with("themes/");
    source.then_some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_count_and_editor_files_do_not() {
        let root = Path::new("/site");
        let rel = |p: &str| relevant(root, &root.join(p));
        assert_eq!(rel("content/en/a.md").as_deref(), Some("content/en/a.md"));
        assert_eq!(rel("site.toml").as_deref(), Some("site.toml"));
        assert_eq!(
            rel("themes/varde/templates/base.html").as_deref(),
            Some("themes/varde/templates/base.html")
        );
        for ignored in [
            "content/en/.a.md.swp",
            "content/en/a.md~",
            "content/en/#a.md#",
            "content/en/4913",
            "content/en/.#a.md",
            "content/en/a.md.tmp",
            "content/en/a.md.swp",
            "content/en/a.md.kate-swp",
            "themes/varde/i18n/en.toml___jb_tmp___",
            "site.toml~",
            ".site.toml.swp",
            "dist/index.html",
            "notes.txt",
            "content/.git/x",
            "content/en~/a.md",
            "content/#drafts#/a.md",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
        assert_eq!(relevant(root, Path::new("/elsewhere/content/x.md")), None);
    }
}
