//! Stage 6, emit: write the output into a temporary folder beside `dist/` and swap it in
//! only when the whole build succeeded, so a failed build leaves the previous `dist/`
//! byte-identical (Zola deletes its output first; varde never does).
//!
//! Files are written as soon as they are rendered, from many threads, so the whole site
//! never sits in memory at once; the emitter keeps only each file's path, size and hash,
//! which the offline stage needs for the service worker's manifest.

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
    staging: Option<PathBuf>,
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
    /// Starts a build whose output will replace `dist`: creates an empty staging folder
    /// next to it (same file system, so the final swap is a rename).
    pub fn begin(dist: &Path) -> Result<Emitter, Diagnostic> {
        let name = dist
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "dist".into());
        let staging = dist.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(|e| {
            Diagnostic::error(
                staging.display().to_string(),
                format!("cannot create the build folder: {e}"),
            )
            .hint("check that the folder that holds the output is writable")
        })?;
        Ok(Emitter {
            staging: Some(staging),
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
            let target = staging.join(path);
            let fail = |e: std::io::Error| {
                Diagnostic::error(
                    format!("dist/{path}"),
                    format!("cannot write output file: {e}"),
                )
                .hint("check free disk space and permissions of the output folder")
            };
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(fail)?;
            }
            std::fs::write(&target, bytes).map_err(fail)?;
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

    /// Replaces `dist` with the staged output. The old output is removed only after the new
    /// one is in place.
    pub fn commit(mut self, dist: &Path) -> Result<(), Diagnostic> {
        let Some(staging) = self.staging.take() else {
            return Ok(());
        };
        let fail = |e: std::io::Error| {
            Diagnostic::error(
                dist.display().to_string(),
                format!("cannot replace the output folder: {e}"),
            )
            .hint("close programs that have files open in it, and check permissions")
        };
        let old = dist.with_file_name(format!(
            ".{}.old-{}",
            dist.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = dist.exists();
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
            std::fs::rename(dist, &old).map_err(fail)?;
        }
        if let Err(e) = std::fs::rename(&staging, dist) {
            if had_old {
                let _ = std::fs::rename(&old, dist);
            }
            let _ = std::fs::remove_dir_all(&staging);
            return Err(fail(e));
        }
        if had_old {
            remove_in_parallel(&old);
        }
        self.committed = true;
        Ok(())
    }
}

/// Removes a folder, the entries two levels down in parallel (`en/rights`, `nb/about`):
/// deleting ten thousand files one after the other is a noticeable part of a build's
/// time, and a site has few languages, so splitting by language alone left a core idle.
fn remove_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    let parts: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .filter_map(|e| e.ok().map(|e| e.into_path()))
        .collect();
    parts.par_iter().for_each(|p| {
        let _ = if p.is_dir() {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        };
    });
    let _ = std::fs::remove_dir_all(dir);
}

impl Drop for Emitter {
    /// A build that did not commit leaves nothing behind.
    fn drop(&mut self) {
        if let Some(staging) = &self.staging
            && !self.committed
        {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            std::fs::read_to_string(dist.join("old.html")).unwrap(),
            "old"
        );
        assert_eq!(
            std::fs::read_dir(&base).unwrap().count(),
            1,
            "staging folder removed"
        );
        let e = Emitter::begin(&dist).unwrap();
        e.write("en/index.html", b"new").unwrap();
        e.commit(&dist).unwrap();
        assert!(!dist.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(dist.join("en/index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(&base).unwrap().count(), 1);
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
