//! varde: multilingual Markdown and clinic schedules in, a tiny offline-first static site out.
pub mod diagnostics;
