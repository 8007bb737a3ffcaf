//! Videos and recordings beside pages (issue 24): what each media file is, found once per
//! file when the site loads, so a page render only looks it up.
//!
//! A media file is a file under `content/<lang>/` whose extension is a video (`.webm`,
//! `.mp4`) or a recording (`.opus`, `.ogg`, `.mp3`, `.m4a`). Beside it, by its stem
//! (`rights`): a poster (`rights.webp`, `.jpg`, `.png`), captions per language
//! (`rights.<lang>.vtt`). Its contents must match its extension (a text file named `.mp4`
//! is an error); it gets a content hash in its name (`rights.1a2b3c4d.webm`), so an updated
//! film is fetched again and hosts may cache it for a year.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Asset;
use std::collections::BTreeMap;

/// A video or a recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<video>`.
    Video,
    /// `<audio>`.
    Audio,
}

/// One caption file of a video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// The language code of the captions (`en` of `rights.en.vtt`).
    pub lang: String,
    /// Path in `dist/`.
    pub output: String,
}

/// What is known of one media file.
#[derive(Debug, Clone)]
pub struct Media {
    /// Path in the site folder (`content/en/media/rights.webm`).
    pub source: String,
    /// Path in `dist/`, with its content hash (`en/media/rights.1a2b3c4d.webm`).
    pub output: String,
    /// Video or recording.
    pub kind: Kind,
    /// The MIME type of its extension, for `<source type>`.
    pub mime: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// Length in whole seconds, when the container says it.
    pub seconds: Option<u64>,
    /// The poster image's path in `dist/`, when there is one.
    pub poster: Option<String>,
    /// Caption files, in `site.toml`'s language order.
    pub tracks: Vec<Track>,
    /// Transcripts by language (`rights.<lang>.md` beside the file), as HTML paragraphs.
    pub transcripts: BTreeMap<String, String>,
}

/// Every media file of the site, by source path, and the warnings found in them.
#[derive(Debug, Default)]
pub struct MediaIndex {
    /// Source path (`content/en/media/rights.webm`) → what it is.
    pub files: BTreeMap<String, Media>,
    /// Oversized files and videos without captions in their page's language.
    pub warnings: Vec<Diagnostic>,
}

/// The extensions of videos and recordings.
pub const MEDIA_EXTENSIONS: &[&str] = &["webm", "mp4", "opus", "ogg", "mp3", "m4a"];

/// The kind, MIME type and the sniffed types (`infer`'s extensions) a media extension may
/// hold; `None` when `ext` is not a media extension.
fn media_type(ext: &str) -> Option<(Kind, &'static str, &'static [&'static str])> {
    const MP4: &[&str] = &["mp4", "m4a", "m4v", "mov", "3gp"];
    const OGG: &[&str] = &["ogg", "opus", "oga", "ogx"];
    Some(match ext {
        "webm" => (Kind::Video, "video/webm", &["webm", "mkv"]),
        "mp4" => (Kind::Video, "video/mp4", MP4),
        "opus" | "ogg" => (Kind::Audio, "audio/ogg", OGG),
        "mp3" => (Kind::Audio, "audio/mpeg", &["mp3"]),
        "m4a" => (Kind::Audio, "audio/mp4", MP4),
        _ => return None,
    })
}

/// True for a path whose extension is a video or recording.
pub fn is_media_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| media_type(&ext.to_ascii_lowercase()).is_some())
}

impl MediaIndex {
    /// Finds the media files among `assets`, checks them, and gives each its hashed name
    /// in `dist/` (changing its asset's `output`). A file whose contents do not match its
    /// extension is an error in `problems`.
    pub fn new(config: &Config, assets: &mut Vec<Asset>, problems: &mut Diagnostics) -> MediaIndex {
        let mut index = MediaIndex::default();
        // Transcripts are shown under their film, never published as files of their own.
        let (transcripts, kept): (Vec<Asset>, Vec<Asset>) = std::mem::take(assets)
            .into_iter()
            .partition(|a| a.source.starts_with("content/") && a.source.ends_with(".md"));
        *assets = kept;
        let transcripts: BTreeMap<String, String> = transcripts
            .into_iter()
            .map(|a| (a.source, String::from_utf8_lossy(&a.bytes).into_owned()))
            .collect();
        let outputs: BTreeMap<String, String> = assets
            .iter()
            .map(|a| (a.source.clone(), a.output.clone()))
            .collect();
        for asset in assets.iter_mut() {
            let Some((stem, ext)) = asset.source.rsplit_once('.') else {
                continue;
            };
            let Some((kind, mime, sniffed)) = media_type(&ext.to_ascii_lowercase()) else {
                continue;
            };
            if !asset.source.starts_with("content/") {
                continue;
            }
            let found = infer::get(&asset.bytes).map(|t| t.extension());
            if !found.is_some_and(|f| sniffed.contains(&f)) {
                problems.push(
                    Diagnostic::error(
                        &asset.source,
                        format!(
                            "this file is not a .{ext} media file (its contents are {})",
                            found.map_or("not a video or recording".to_string(), |f| format!(
                                "a .{f} file"
                            ))
                        ),
                    )
                    .hint("export it again as WebM (VP9/Opus) or MP4 (H.264/AAC) video, or Opus/MP3 audio, and give it the matching extension"),
                );
                continue;
            }
            let size = asset.bytes.len() as u64;
            let max = config.media_max_bytes;
            if size > max {
                index.warnings.push(
                    Diagnostic::warning(
                        &asset.source,
                        format!(
                            "{:.1} MB: larger than media_max_mb ({} MB); every reader who taps play pays for it in data",
                            size as f64 / 1_000_000.0,
                            max as f64 / 1_000_000.0
                        ),
                    )
                    .hint("make it smaller (a 2-minute film at 360p is 3 to 5 MB, see \"Adding a video or a recording\" in README.md), or raise media_max_mb in site.toml"),
                );
            }
            let out_stem = asset.output.rsplit_once('.').map_or("", |(s, _)| s);
            asset.output = super::hashed_name(out_stem, &asset.bytes, ext);
            let beside = |name: &str| outputs.get(&format!("{stem}{name}")).cloned();
            let poster = [".webp", ".jpg", ".jpeg", ".png"]
                .iter()
                .find_map(|e| beside(e));
            let tracks: Vec<Track> = config
                .languages
                .iter()
                .filter_map(|l| {
                    beside(&format!(".{}.vtt", l.code)).map(|output| Track {
                        lang: l.code.clone(),
                        output,
                    })
                })
                .collect();
            let transcripts = config
                .languages
                .iter()
                .filter_map(|l| {
                    let text = transcripts.get(&format!("{stem}.{}.md", l.code))?;
                    Some((l.code.clone(), paragraphs(text)))
                })
                .collect();
            // The language whose folder holds it: its pages show it first.
            let own = asset.source.split('/').nth(1).unwrap_or("");
            if kind == Kind::Video && !tracks.iter().any(|t| t.lang == own) {
                index.warnings.push(
                    Diagnostic::warning(&asset.source, format!("video without captions in `{own}`"))
                        .hint(format!("readers who cannot hear it, or must keep the sound off, need them: add {}.{own}.vtt beside it (see \"Adding a video or a recording\" in README.md)", stem.rsplit('/').next().unwrap_or(stem))),
                );
            }
            index.files.insert(
                asset.source.clone(),
                Media {
                    source: asset.source.clone(),
                    output: asset.output.clone(),
                    kind,
                    mime,
                    size,
                    seconds: seconds(&asset.bytes, ext),
                    poster,
                    tracks,
                    transcripts,
                },
            );
        }
        index
    }

    /// The media file at `source` (a path in the site folder), if it is one.
    pub fn get(&self, source: &str) -> Option<&Media> {
        self.files.get(source)
    }

    /// The videos lacking captions in `lang`, by source path: for `varde status`.
    pub fn uncaptioned(&self, lang: &str) -> Vec<&str> {
        self.files
            .values()
            .filter(|m| m.kind == Kind::Video && !m.tracks.iter().any(|t| t.lang == lang))
            .map(|m| m.source.as_str())
            .collect()
    }
}

/// A transcript's text as HTML paragraphs (one per block of lines), every character escaped:
/// a transcript is what is said, so it needs no markup, and none can slip in.
fn paragraphs(text: &str) -> String {
    let mut html = String::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        html.push_str("<p>");
        let _ = pulldown_cmark_escape::escape_html(&mut html, &block.replace('\n', " "));
    }
    html
}

/// The length of the media in `bytes`, in whole seconds (rounded), read by symphonia from
/// the container's header and its last pages, without decoding: `None` when the container
/// does not say it (then only the size is shown; no guessing).
fn seconds(bytes: &[u8], ext: &str) -> Option<u64> {
    use symphonia::core::formats::FormatOptions;
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;
    use symphonia::core::probe::Hint;
    let bytes = bytes.to_vec();
    let ext = ext.to_string();
    // A reader of untrusted bytes: a panic inside it must cost only the length, not the build.
    std::panic::catch_unwind(move || {
        let source =
            MediaSourceStream::new(Box::new(std::io::Cursor::new(bytes)), Default::default());
        let mut hint = Hint::new();
        hint.with_extension(&ext);
        let probed = symphonia::default::get_probe()
            .format(
                &hint,
                source,
                &FormatOptions::default(),
                &MetadataOptions::default(),
            )
            .ok()?;
        probed
            .format
            .tracks()
            .iter()
            .filter_map(|t| {
                let frames = t.codec_params.n_frames?;
                let base = t.codec_params.time_base.or_else(|| {
                    let rate = t.codec_params.sample_rate.filter(|r| *r > 0)?;
                    Some(symphonia::core::units::TimeBase::new(1, rate))
                })?;
                let time = base.calc_time(frames);
                Some(time.seconds + u64::from(time.frac >= 0.5))
            })
            .max()
    })
    .ok()
    .flatten()
    .filter(|s| *s > 0)
}
