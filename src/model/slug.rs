//! URL slugs for page file names, as Zola makes them: a file named with spaces or letters
//! that need quoting in a URL (`Blåbær og tøy.md`) is published at an ASCII path
//! (`blabaer-og-toy/`).
//!
//! Letters are transliterated to ASCII (with `deunicode`, as Zola's default `slugify` does)
//! rather than kept as Unicode letters (Hugo's way): readers pass links on in chat apps, SMS
//! and QR codes, where a percent-encoded `bl%C3%A5b%C3%A6r` is cut, mangled or shown as
//! noise, and page keys are shared by all eleven languages, so a key in one script would be
//! foreign to most readers anyway.

/// The slug of one path segment: ASCII lower case letters and digits, every run of other
/// characters (spaces, punctuation) as one `-`, none at either end. Letters of other
/// scripts are transliterated (`æ` → `ae`, `ø` → `o`, `å` → `a`). Empty when nothing
/// is left (a name of only punctuation).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// True when `text` is already its own slug, so its URL is the file name unchanged.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ascii_words_joined_by_dashes() {
        assert_eq!(slugify("Blåbær og tøy"), "blabaer-og-toy");
        assert_eq!(slugify("  Rights: (adults) "), "rights-adults");
        assert_eq!(slugify("after_asylum--rejection"), "after-asylum-rejection");
        assert_eq!(slugify("Îngrijire medicală"), "ingrijire-medicala");
        assert_eq!(slugify("!!!"), "");
        assert!(is_slug("after-asylum-rejection"));
        assert!(!is_slug("Blåbær og tøy"));
    }
}
