//! Interface strings that are still in English: a language added by copying `en.toml`
//! builds at once (every key is there), but its readers would see "Your rights" and "Print
//! leaflet" until someone translates them. `varde status` counts them per language.
//!
//! A string counts as untranslated when its text is the same as the English one, or the
//! default language's (the two files a new one is copied from). English and the default
//! language themselves are not counted: they are the originals. Strings with no letters
//! once their `{placeholders}` are left out (`{start}–{end}`, numbers) are the same in
//! every language and never count.

use crate::model::Site;
use serde::Serialize;

/// The interface strings of one language that are the same as in English or the default
/// language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StringGaps {
    /// Language code.
    pub lang: String,
    /// The language's strings file, from the site root (`themes/varde/i18n/uk.toml`).
    pub file: String,
    /// The language's strings, in all.
    pub total: usize,
    /// The keys whose text is still the English (or default language's) one, sorted.
    pub untranslated: Vec<String>,
}

/// The [`StringGaps`] of every language but English and the default language, in
/// `site.toml` order.
pub fn string_gaps(site: &Site) -> Vec<StringGaps> {
    let default = &site.config.default_language;
    let originals: Vec<_> = [default.as_str(), "en"]
        .iter()
        .filter_map(|l| site.strings.of(l))
        .collect();
    site.config
        .languages
        .iter()
        .filter(|l| l.code != *default && l.code != "en")
        .filter_map(|l| {
            let own = site.strings.of(&l.code)?;
            let untranslated = own
                .iter()
                .filter(|(key, text)| {
                    has_words(text) && originals.iter().any(|o| o.get(key.as_str()) == Some(*text))
                })
                .map(|(key, _)| key.clone())
                .collect();
            Some(StringGaps {
                lang: l.code.clone(),
                file: format!("themes/{}/i18n/{}.toml", site.config.theme, l.code),
                total: own.len(),
                untranslated,
            })
        })
        .collect()
}

/// True when `text` has a letter outside its `{placeholders}`: something to translate.
fn has_words(text: &str) -> bool {
    let mut in_placeholder = false;
    text.chars().any(|c| match c {
        '{' => {
            in_placeholder = true;
            false
        }
        '}' => {
            in_placeholder = false;
            false
        }
        c => !in_placeholder && c.is_alphabetic(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_numbers_are_not_words() {
        assert!(!has_words("{start}–{end}"));
        assert!(!has_words("{from} – {to}"));
        assert!(!has_words("113"));
        assert!(has_words("Call {phone}"));
        assert!(has_words("ደውሉ"));
    }
}
