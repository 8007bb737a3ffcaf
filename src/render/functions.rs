//! Every function the theme's templates can call, registered in one place ([`register`]),
//! after the stages that know their values have run (see `render_site` in `lib.rs`):
//!
//! | function | gives |
//! | --- | --- |
//! | `quick_exit_url()` | `quick_exit_url` from `site.toml`, or `""` (then no quick exit shows) |
//! | `safety_page()` | the key of the page rendered with `safety.html` (`about/safety/`), or `""` |
//! | `pass_on_offered()` | whether the site has one-file copies (at most 300 pages) |
//! | `pass_on_name(lang=lang.code)` | the one-file copy's saved name, `info-<lang>.html` by default |
//! | `offline_script()` | the script that registers the service worker, or `""` with `--unregister-sw` |
//! | `icon(size=192, maskable=false)` | the path of the app icon of that size, or `""` |
//!
//! The one filter, `varde_attr` (an attribute value quoted only when HTML needs it), is the
//! template minifier's own: it writes it into templates and registers it as they load.

use crate::config::Config;
use std::collections::HashMap;
use tera::{Tera, Value};

/// The values behind the template functions.
#[derive(Debug, Clone)]
pub struct Functions {
    /// `quick_exit_url()`.
    pub quick_exit_url: String,
    /// `safety_page()`.
    pub safety_page: String,
    /// `pass_on_offered()`.
    pub pass_on_offered: bool,
    /// The site's settings, for `pass_on_name(lang=…)`.
    pub config: Config,
    /// `offline_script()`.
    pub offline_script: String,
    /// `icon(size, maskable)`: each icon's size, whether it is maskable, and its path.
    pub icons: Vec<(u32, bool, String)>,
}

/// Registers every template function on `tera`.
pub fn register(tera: &mut Tera, f: Functions) {
    let constant = |tera: &mut Tera, name: &str, value: Value| {
        tera.register_function(name, move |_: &HashMap<String, Value>| Ok(value.clone()));
    };
    constant(tera, "quick_exit_url", Value::String(f.quick_exit_url));
    constant(tera, "safety_page", Value::String(f.safety_page));
    constant(tera, "pass_on_offered", Value::Bool(f.pass_on_offered));
    constant(tera, "offline_script", Value::String(f.offline_script));
    let config = f.config;
    tera.register_function("pass_on_name", move |args: &HashMap<String, Value>| {
        let code = args.get("lang").and_then(Value::as_str).unwrap_or("");
        Ok(Value::String(super::pages::all_in_one::download_name(
            &config, code,
        )))
    });
    let icons = f.icons;
    tera.register_function("icon", move |args: &HashMap<String, Value>| {
        let size = args.get("size").and_then(Value::as_u64).unwrap_or(192) as u32;
        let maskable = args
            .get("maskable")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let found = icons
            .iter()
            .find(|(s, m, _)| *s == size && *m == maskable)
            .map(|(_, _, p)| p.clone());
        Ok(Value::String(found.unwrap_or_default()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Tera's own functions, which the theme may call too.
    const TERA_BUILTINS: &[&str] = &["range", "now", "throw", "get_random", "get_env"];

    /// The functions the theme's HTML templates call: a name before `(` inside a Tera tag
    /// that is not a filter (`| join(…)`) or a method.
    fn called_by_the_theme() -> BTreeSet<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/varde/templates");
        let mut called = BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("theme templates") {
            let path = entry.expect("entry").path();
            // Scripts and styles are included as text; their braces are not Tera's.
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for tag in text.split("{{").chain(text.split("{%")).skip(1) {
                let tag = tag.split(['}', '%']).next().unwrap_or("");
                let b = tag.as_bytes();
                for (i, _) in tag.match_indices('(') {
                    let start = tag[..i]
                        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .map_or(0, |p| p + 1);
                    let before = tag[..start].trim_end();
                    if start < i
                        && !before.ends_with('|')
                        && !before.ends_with('.')
                        && b[start].is_ascii_lowercase()
                    {
                        called.insert(tag[start..i].to_string());
                    }
                }
            }
        }
        called.retain(|f| !TERA_BUILTINS.contains(&f.as_str()));
        called
    }

    /// The functions a document lists as "`name(`".
    fn listed_in(file: &str) -> BTreeSet<String> {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + file)
                .expect("document");
        text.split('`')
            .filter_map(|code| code.split_once('(').map(|(name, _)| name))
            .filter(|name| {
                !name.is_empty() && name.bytes().all(|c| c.is_ascii_lowercase() || c == b'_')
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_function_the_theme_calls_is_registered_and_documented() {
        let mut tera = Tera::default();
        register(
            &mut tera,
            Functions {
                quick_exit_url: "https://www.yr.no/".into(),
                safety_page: "about/safety/".into(),
                pass_on_offered: true,
                config: Config::parse(
                    "default_language = \"en\"\n[languages.en]\nname = \"English\"\ntitle = \"Health\"\n",
                )
                .expect("a site.toml"),
                offline_script: "register()".into(),
                icons: vec![(192, false, "icon-192.png".into())],
            },
        );
        let called = called_by_the_theme();
        assert!(called.len() >= 6, "{called:?}");
        let documented = listed_in("docs/internals.md");
        let in_readme = listed_in("README.md");
        for name in &called {
            let out = tera.render_str(&format!("{{{{ {name}() }}}}"), &tera::Context::new());
            assert!(
                out.is_ok(),
                "{name}() is called by the theme but not registered: {out:?}"
            );
            assert!(
                documented.contains(name),
                "{name}() is not in docs/internals.md"
            );
            assert!(
                in_readme.contains(name),
                "{name}() is not in the README's template paragraph"
            );
        }
        assert_eq!(
            tera.render_str(
                "{{ icon(size=192) }} {{ safety_page() }}",
                &tera::Context::new()
            )
            .ok()
            .as_deref(),
            Some("icon-192.png about/safety/")
        );
    }
}
