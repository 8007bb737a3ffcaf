//! Stage 6, emit: write the output into a temporary folder beside `dist/` and swap it in
//! only when the whole build succeeded, so a failed build leaves the previous `dist/`
//! byte-identical (Zola deletes its output first; varde never does).
//!
//! Files are written as soon as they are rendered, from many threads, so the whole site
//! never sits in memory at once; the emitter keeps only each file's path, size and hash,
//! which the offline stage needs for the service worker's manifest.
//!
//! The output it replaces is not deleted but kept beside it as a spare (`.dist.spare`), and
//! the next build writes into the spare: writing over a file that exists costs far less
//! than creating a new one (on an ext4 disk, creating 21,000 files and folders took seconds,
//! most of it the kernel looking for free inodes), and nothing needs deleting. Files the new
//! build did not write are removed from it before the swap, so `dist/` holds exactly this
//! build's files. The spare may be deleted at any time; the next build then starts empty.

use crate::diagnostics::Diagnostic;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What was written for one output file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Written {
    /// Path inside `dist/` with `/`, for example `en/rights/index.html`.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes.
    pub sha256: [u8; 32],
}

/// Where output goes: a temporary folder, memory (for `varde serve`, which never touches
/// `dist/`), or nowhere (for `varde check`).
#[derive(Debug)]
pub struct Emitter {
    staging: Option<Staging>,
    written: Mutex<Vec<Written>>,
    committed: bool,
    /// Every file, compressed, when building into memory.
    memory: Option<Mutex<BTreeMap<String, Compressed>>>,
}

/// A file kept in memory, deflate-compressed: `varde serve` holds the whole built site, and
/// text shrinks about six times (the 10,000-page bench site is 157 MB as written). Each
/// file is compressed by the render thread that wrote it, and read back when served.
#[derive(Debug, Clone)]
pub struct Compressed(Vec<u8>);

impl Compressed {
    /// Compresses `bytes` (the fastest level: the aim is memory, not the smallest size).
    pub fn new(bytes: &[u8]) -> Compressed {
        use std::io::Write as _;
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        // Writing into a Vec cannot fail.
        let _ = encoder.write_all(bytes);
        Compressed(encoder.finish().unwrap_or_default())
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        use std::io::Read as _;
        let mut out = Vec::new();
        // The data was compressed by `new` in this process: reading it back cannot fail.
        let _ = flate2::read::DeflateDecoder::new(&self.0[..]).read_to_end(&mut out);
        out
    }
}

impl Emitter {
    /// Starts a build whose output will replace `dist`: takes the spare beside it (the
    /// output before the last) as the staging folder, or creates an empty one (same file
    /// system, so the final swap is a rename).
    pub fn begin(dist: &Path) -> Result<Emitter, Diagnostic> {
        let dir = beside(dist, &format!("tmp-{}", std::process::id()));
        let spare = beside(dist, "spare");
        let _ = std::fs::remove_dir_all(&dir);
        let reused = std::fs::rename(&spare, &dir).is_ok();
        if !reused {
            std::fs::create_dir_all(&dir).map_err(|e| {
                Diagnostic::error(
                    dir.display().to_string(),
                    format!("cannot create the build folder: {e}"),
                )
                .hint("check that the folder that holds the output is writable")
            })?;
        }
        Ok(Emitter {
            staging: Some(Staging { dir, spare, reused }),
            written: Mutex::new(Vec::new()),
            committed: false,
            memory: None,
        })
    }

    /// An emitter that only records what would be written.
    pub fn dry_run() -> Emitter {
        Emitter {
            staging: None,
            written: Mutex::new(Vec::new()),
            committed: false,
            memory: None,
        }
    }

    /// An emitter that keeps every file in memory, for [`Emitter::into_files`].
    pub fn in_memory() -> Emitter {
        Emitter {
            staging: None,
            written: Mutex::new(Vec::new()),
            committed: false,
            memory: Some(Mutex::new(BTreeMap::new())),
        }
    }

    /// The files kept by an [`Emitter::in_memory`], by path (empty for the other kinds).
    pub fn into_files(mut self) -> BTreeMap<String, Compressed> {
        match self.memory.take() {
            Some(m) => m.into_inner().unwrap_or_else(|p| p.into_inner()),
            None => BTreeMap::new(),
        }
    }

    /// Writes one file (creating its folders) and records its hash.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let sha256: [u8; 32] = Sha256::digest(bytes).into();
        if let Some(staging) = &self.staging {
            staging.write(path, bytes).map_err(|e| {
                Diagnostic::error(
                    format!("dist/{path}"),
                    format!("cannot write output file: {e}"),
                )
                .hint("check free disk space and permissions of the output folder")
            })?;
        }
        if let Some(memory) = &self.memory {
            let compressed = Compressed::new(bytes);
            let mut m = memory.lock().unwrap_or_else(|p| p.into_inner());
            m.insert(path.to_string(), compressed);
        }
        let record = Written {
            path: path.to_string(),
            size: bytes.len() as u64,
            sha256,
        };
        match self.written.lock() {
            Ok(mut w) => w.push(record),
            Err(poisoned) => poisoned.into_inner().push(record),
        }
        Ok(())
    }

    /// Everything written so far, sorted by path.
    pub fn written(&self) -> Vec<Written> {
        let mut w = match self.written.lock() {
            Ok(w) => w.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        w.sort();
        w
    }

    /// Replaces `dist` with the staged output; the output it replaces becomes the spare.
    /// Returns the spare's path when this build made it (there was none before), so the
    /// user can be told once what the new hidden folder beside the output is.
    pub fn commit(mut self, dist: &Path) -> Result<Option<PathBuf>, Diagnostic> {
        let Some(staging) = self.staging.take() else {
            return Ok(None);
        };
        let fail = |e: std::io::Error| {
            Diagnostic::error(
                dist.display().to_string(),
                format!("cannot replace the output folder: {e}"),
            )
            .hint("close programs that have files open in it, and check permissions")
        };
        if staging.reused {
            let written = self.written.lock().unwrap_or_else(|p| p.into_inner());
            staging.remove_all_but(&written);
        }
        let had_old = dist.exists();
        if had_old {
            // A spare another build left meanwhile is in the way of the rename (rare).
            if staging.spare.exists() {
                let _ = std::fs::remove_dir_all(&staging.spare);
            }
            std::fs::rename(dist, &staging.spare).map_err(fail)?;
        }
        if let Err(e) = std::fs::rename(&staging.dir, dist) {
            if had_old {
                let _ = std::fs::rename(&staging.spare, dist);
            }
            let _ = std::fs::remove_dir_all(&staging.dir);
            return Err(fail(e));
        }
        self.committed = true;
        Ok((had_old && !staging.reused).then_some(staging.spare))
    }
}

/// What the spare is, said once, by the build that makes it: where it is, why, that it is
/// not part of the site, and that it may be deleted.
pub fn spare_note(spare: &Path) -> String {
    format!(
        "note: the previous output is kept in {} so the next build is faster; it is not part of the site (publish only the output folder) and may be deleted at any time",
        spare.display()
    )
}

/// `.<name>.<suffix>` beside `dist`: hidden, and on the same file system.
fn beside(dist: &Path, suffix: &str) -> PathBuf {
    let name = dist
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dist".into());
    dist.with_file_name(format!(".{name}.{suffix}"))
}

/// The folder a build writes into, and where the output it replaces goes.
#[derive(Debug)]
struct Staging {
    dir: PathBuf,
    spare: PathBuf,
    /// Whether `dir` was the spare, holding an older build's files.
    reused: bool,
}

impl Staging {
    /// Writes `bytes` to `path` inside the folder, over the file there if there is one.
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let target = self.dir.join(path);
        let attempt = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, bytes)
        };
        match attempt() {
            Err(_) if self.reused => {
                // An older build may have left a file where this one needs a folder, a
                // folder where it writes a file, or a file it may not write over.
                self.clear_way(path);
                attempt()
            }
            result => result,
        }
    }

    /// Removes what an older build left on the way to `path`: files where folders must be,
    /// and whatever is at `path` itself.
    fn clear_way(&self, path: &str) {
        let target = self.dir.join(path);
        let mut at = self.dir.clone();
        for part in path.split('/') {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() && at != target => continue,
                Ok(m) if m.is_dir() => {
                    let _ = std::fs::remove_dir_all(&at);
                }
                Ok(_) => {
                    let _ = std::fs::remove_file(&at);
                }
                Err(_) => return,
            }
        }
    }

    /// Removes every file and folder an older build left that this one did not write.
    fn remove_all_but(&self, written: &[Written]) {
        let keep: std::collections::HashSet<&str> =
            written.iter().map(|w| w.path.as_str()).collect();
        // The folders that hold a written file stay: no need to try removing them.
        let folders: std::collections::HashSet<&str> = written
            .iter()
            .flat_map(|w| w.path.match_indices('/').map(|(i, _)| &w.path[..i]))
            .collect();
        let tidy = |entry: walkdir::DirEntry| {
            let rel = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                if !rel.to_str().is_some_and(|r| folders.contains(r)) {
                    // Fails, as it should, if a file this build wrote is inside after all.
                    let _ = std::fs::remove_dir(entry.path());
                }
            } else if !rel.to_str().is_some_and(|r| keep.contains(r)) {
                let _ = std::fs::remove_file(entry.path());
            }
        };
        let below = |dir: &Path, min_depth: usize, max_depth: usize| {
            walkdir::WalkDir::new(dir)
                .min_depth(min_depth)
                .max_depth(max_depth)
                .contents_first(true)
                .into_iter()
                .filter_map(Result::ok)
        };
        // The subtrees two levels down (`en/rights`) are tidied in parallel, then the top.
        use rayon::prelude::*;
        let parts: Vec<walkdir::DirEntry> = below(&self.dir, 2, 2).collect();
        parts.into_par_iter().for_each(|part| {
            if part.file_type().is_dir() {
                below(part.path(), 1, usize::MAX).for_each(tidy);
            }
            tidy(part);
        });
        below(&self.dir, 1, 1).for_each(tidy);
    }
}

impl Drop for Emitter {
    /// A build that did not commit leaves `dist` as it was, and no staging folder.
    fn drop(&mut self) {
        if let Some(staging) = &self.staging
            && !self.committed
        {
            // A spare it took is a spare again for the next build (unless another came
            // meanwhile); a folder it made is removed, so a failed build adds nothing.
            let given_back = staging.reused
                && !staging.spare.exists()
                && std::fs::rename(&staging.dir, &staging.spare).is_ok();
            if !given_back {
                let _ = std::fs::remove_dir_all(&staging.dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Every file below `dir` with its text, by path.
    fn tree(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect()
    }

    fn build(dist: &Path, files: &[(&str, &str)]) {
        let e = Emitter::begin(dist).unwrap();
        for (path, text) in files {
            e.write(path, text.as_bytes()).unwrap();
        }
        e.commit(dist).unwrap();
    }

    #[test]
    fn failed_build_leaves_dist_untouched_and_commit_swaps() {
        let base = std::env::temp_dir().join(format!("varde-emit-{}", std::process::id()));
        let dist = base.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("old.html"), "old").unwrap();
        {
            let e = Emitter::begin(&dist).unwrap();
            e.write("en/index.html", b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(
            tree(&dist),
            BTreeMap::from([("old.html".into(), "old".into())])
        );
        assert_eq!(names(&base), ["dist"], "no staging folder left");
        build(&dist, &[("en/index.html", "new")]);
        assert_eq!(
            tree(&dist),
            BTreeMap::from([("en/index.html".into(), "new".into())])
        );
        assert_eq!(
            tree(&base.join(".dist.spare")),
            BTreeMap::from([("old.html".into(), "old".into())]),
            "the replaced output is the spare"
        );
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn a_build_written_over_the_spare_holds_exactly_its_own_files() {
        use std::os::unix::fs::MetadataExt as _;
        let base = std::env::temp_dir().join(format!("varde-spare-{}", std::process::id()));
        let dist = base.join("dist");
        let first = [
            ("index.html", "1"),
            ("en/index.html", "1"),
            ("en/gone/index.html", "1"),
            ("en/was-a-file", "1"),
            ("en/was-a-folder/index.html", "1"),
        ];
        build(&dist, &first);
        build(&dist, &[("index.html", "2")]);
        let inode = std::fs::metadata(base.join(".dist.spare/en/index.html"))
            .unwrap()
            .ino();
        // The third build writes into the first build's files.
        let third = [
            ("index.html", "3"),
            ("en/index.html", "3"),
            ("en/was-a-file/index.html", "3"),
            ("en/was-a-folder", "3"),
        ];
        build(&dist, &third);
        let expected: BTreeMap<String, String> = third
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        assert_eq!(tree(&dist), expected);
        assert!(
            !dist.join("en/gone").exists(),
            "empty folders are removed too"
        );
        assert_eq!(
            std::fs::metadata(dist.join("en/index.html")).unwrap().ino(),
            inode,
            "the file was written over, not created"
        );
        assert_eq!(
            tree(&base.join(".dist.spare")),
            BTreeMap::from([("index.html".into(), "2".into())])
        );
        // A failed build gives the spare back for the next one, and leaves dist alone.
        {
            let e = Emitter::begin(&dist).unwrap();
            e.write("en/index.html", b"4").unwrap();
        }
        assert_eq!(tree(&dist), expected);
        assert_eq!(names(&base), [".dist.spare", "dist"]);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn in_memory_keeps_bytes_and_touches_no_disk() {
        let e = Emitter::in_memory();
        e.write("en/index.html", b"hello").unwrap();
        assert_eq!(e.written().len(), 1);
        let files = e.into_files();
        assert_eq!(
            files.get("en/index.html").map(Compressed::bytes).as_deref(),
            Some(&b"hello"[..])
        );
        assert!(Emitter::dry_run().into_files().is_empty());
    }
}
