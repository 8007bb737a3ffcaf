//! Interface strings: `themes/<theme>/i18n/<lang>.toml`, one flat table of
//! `key = "text"` per language. Every language must have every key the default language
//! has, so no reader ever sees a key name or a silent switch to another language.

use crate::config::{Config, toml_error};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::load::SourceFile;
use std::collections::BTreeMap;

/// The strings of every language: language code → key → text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings(pub BTreeMap<String, BTreeMap<String, String>>);

impl Strings {
    /// The string `key` in `lang`, if it exists.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.0.get(lang)?.get(key).map(String::as_str)
    }

    /// All strings of `lang`.
    pub fn of(&self, lang: &str) -> Option<&BTreeMap<String, String>> {
        self.0.get(lang)
    }

    /// Parses every language's file and checks that each declared language has every key
    /// of the default language.
    pub fn from_sources(files: &[SourceFile], config: &Config) -> Result<Strings, Diagnostics> {
        let dir = format!("themes/{}/i18n", config.theme);
        let mut problems = Diagnostics::new();
        let mut strings = BTreeMap::new();
        let mut key_lines: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for file in files {
            let Some(lang) = file
                .path
                .strip_prefix(&format!("{dir}/"))
                .and_then(|n| n.strip_suffix(".toml"))
            else {
                continue;
            };
            if config.language(lang).is_none() {
                continue;
            }
            let table: toml::Spanned<toml::Table> = match toml::from_str(&file.text) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(toml_error(&file.path, &file.text, 0, &e));
                    continue;
                }
            };
            let mut map = BTreeMap::new();
            let mut lines = BTreeMap::new();
            for (key, value) in table.get_ref() {
                let line = find_key_line(&file.text, key);
                match value.as_str() {
                    Some(s) => {
                        map.insert(key.clone(), s.to_string());
                        lines.insert(key.clone(), line);
                    }
                    None => problems.push(
                        Diagnostic::error(&file.path, format!("string `{key}` is not text"))
                            .at_line(line)
                            .hint(format!("write it as `{key} = \"...\"`")),
                    ),
                }
            }
            strings.insert(lang.to_string(), map);
            key_lines.insert(lang.to_string(), lines);
        }
        let default = &config.default_language;
        let default_file = format!("{dir}/{default}.toml");
        let Some(reference) = strings.get(default).cloned() else {
            problems.push(
                Diagnostic::error(
                    &default_file,
                    "the default language has no interface strings",
                )
                .hint(format!(
                    "create {default_file}; copy another language's file as a start"
                )),
            );
            return Err(problems);
        };
        for lang in &config.languages {
            let file = format!("{dir}/{}.toml", lang.code);
            let Some(own) = strings.get(&lang.code) else {
                problems.push(
                    Diagnostic::error(
                        &file,
                        format!("language `{}` has no interface strings", lang.code),
                    )
                    .hint(format!(
                        "copy {default_file} to {file} and translate each line"
                    )),
                );
                continue;
            };
            let last_line = key_lines
                .get(&lang.code)
                .and_then(|l| l.values().max().copied())
                .unwrap_or(1);
            for (key, text) in &reference {
                if !own.contains_key(key) {
                    let line = key_lines[default].get(key).copied().unwrap_or(1);
                    problems.push(
                        Diagnostic::error(&file, format!("missing string `{key}`"))
                            .at_line(last_line)
                            .hint(format!("add `{key} = \"...\"`, translating {default_file}:{line}: \"{text}\"")),
                    );
                }
            }
        }
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(Strings(strings))
        }
    }
}

/// 1-based line on which `key` is defined, by a plain search (flat files only).
fn find_key_line(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let rest = t
            .strip_prefix(key)
            .or_else(|| t.strip_prefix(&format!("\"{key}\"")));
        if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
            return line_col(text, offset).0;
        }
        offset += line.len();
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_names_file_and_the_text_to_translate() {
        let config = Config::parse(
            "default_language = \"en\"\n[languages.en]\nname = \"English\"\ntitle = \"T\"\n[languages.nb]\nname = \"Norsk\"\ntitle = \"T\"\n",
        )
        .unwrap();
        let files = vec![
            SourceFile {
                path: "themes/varde/i18n/en.toml".into(),
                text: "menu = \"Menu\"\ncall = \"Call\"\n".into(),
            },
            SourceFile {
                path: "themes/varde/i18n/nb.toml".into(),
                text: "menu = \"Meny\"\n".into(),
            },
        ];
        let e = Strings::from_sources(&files, &config).unwrap_err();
        assert_eq!(
            e.0[0].to_string(),
            "themes/varde/i18n/nb.toml:1: error: missing string `call`\n  help: add `call = \"...\"`, translating themes/varde/i18n/en.toml:2: \"Call\""
        );
    }
}
