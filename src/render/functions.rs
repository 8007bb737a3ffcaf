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
