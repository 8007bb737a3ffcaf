//! Closure reasons in clinic files, checked against the site: a key must be an interface
//! string, and free text may only name the site's languages. Free text is then filled in for
//! every language from its fallback chain, once per site, so the schedule stage needs no
//! knowledge of fallbacks.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Strings;
use crate::schedule::{ANY_LANGUAGE, CLOSURE_KINDS, Clinic, Reason};
use std::collections::BTreeMap;

/// Checks every closure reason (errors at the closure's line, with a hint that works as
/// written) and gives free text a value in every site language.
pub(super) fn check_and_fill_reasons(
    config: &Config,
    strings: Option<&Strings>,
    clinics: &mut BTreeMap<String, Clinic>,
    problems: &mut Diagnostics,
) {
    let kinds: Vec<&str> = CLOSURE_KINDS.iter().map(|(k, _)| *k).collect();
    let declared: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    // `nb = "...", en = "..."`: the default language and the first other one.
    let example_langs = std::iter::once(config.default_language.as_str())
        .chain(
            declared
                .iter()
                .copied()
                .filter(|l| *l != config.default_language),
        )
        .take(2)
        .map(|l| format!("{l} = \"...\""))
        .collect::<Vec<_>>()
        .join(", ");
    for clinic in clinics.values_mut() {
        for closure in &mut clinic.closures {
            match &mut closure.reason {
                Reason::None => {}
                Reason::Key(key) => {
                    let Some(strings) = strings else { continue };
                    if strings.get(&config.default_language, key).is_some() {
                        continue;
                    }
                    let near = crate::schedule::nearest_kind(key)
                        .map(|k| format!("did you mean `reason = \"{k}\"`? "))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::error(&clinic.file, format!("unknown closure reason `{key}`"))
                            .at_line(closure.line)
                            .hint(format!(
                                "{near}write one of `reason = \"{}\"`; or your own text per language: `reason = {{ {} }}`; or leave `reason` out",
                                kinds.join("\"`, `\""),
                                example_langs
                            )),
                    );
                }
                Reason::Text(texts) => {
                    for lang in texts.keys().filter(|l| *l != ANY_LANGUAGE) {
                        if config.language(lang).is_none() {
                            problems.push(
                                Diagnostic::error(
                                    &clinic.file,
                                    format!("the closure reason is given in `{lang}`, a language the site does not have"),
                                )
                                .at_line(closure.line)
                                .hint(format!("use the language codes of site.toml: {}", declared.join(", "))),
                            );
                        }
                    }
                    let filled: BTreeMap<String, String> = config
                        .languages
                        .iter()
                        .filter_map(|l| {
                            let text = config
                                .resolution_chain(&l.code)
                                .into_iter()
                                .chain([ANY_LANGUAGE])
                                .find_map(|c| texts.get(c))
                                .or_else(|| texts.values().next())?;
                            Some((l.code.clone(), text.clone()))
                        })
                        .collect();
                    *texts = filled;
                }
            }
        }
    }
}
