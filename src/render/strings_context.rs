//! A language's interface strings (`t`) as a template context, lent to one page's render at a
//! time instead of copied for each page.
//!
//! Every page template reads `t`, a map of a few hundred strings. Serializing it, or cloning
//! it, for each of 10,000 pages is a few hundred thousand allocations; a page only adds its
//! own handful of keys next to it. So each render thread borrows a context that already holds
//! `t`, adds the page's keys, renders, and takes the page's keys out again before giving the
//! context back.

use std::sync::Mutex;
use tera::{Context, Value};

/// The strings of one language, as a context ready to render with.
pub(super) struct StringsContext {
    /// The context holding only `t`; copied when every lent one is in use.
    first: Context,
    /// Contexts holding only `t`, ready to lend (one per render thread, at most).
    spare: Mutex<Vec<Context>>,
}

impl StringsContext {
    /// A context holding `strings` as `t`.
    pub(super) fn new(strings: &impl serde::Serialize) -> StringsContext {
        let mut first = Context::new();
        first.insert("t", strings);
        StringsContext {
            first,
            spare: Mutex::new(Vec::new()),
        }
    }

    /// Runs `render` with `t` and the keys of `page`, a context made from an object (a `t`
    /// in it wins).
    pub(super) fn with_page<R>(
        &self,
        page: serde_json::Map<String, Value>,
        render: impl FnOnce(&Context) -> R,
    ) -> tera::Result<R> {
        let keys: Vec<String> = page.keys().cloned().collect();
        let lent = self.spare.lock().ok().and_then(|mut s| s.pop());
        let mut context = lent.unwrap_or_else(|| self.first.clone());
        // Moves the page's values in, without a copy.
        context.extend(Context::from_value(Value::Object(page))?);
        let result = render(&context);
        if keys.iter().any(|k| k == "t") {
            // The page replaced `t`: this context can't be lent again.
            return Ok(result);
        }
        for key in &keys {
            context.remove(key);
        }
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(context);
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn a_page_sees_its_own_keys_and_the_strings_never_the_last_pages_keys() {
        let strings = BTreeMap::from([("hello", "Hei")]);
        let shared = StringsContext::new(&strings);
        let mut tera = tera::Tera::default();
        tera.add_raw_template(
            "p",
            "{{ t.hello }} {% if clinic %}{{ clinic }}{% else %}-{% endif %} {{ title }}",
        )
        .expect("template");
        let render = |page: Value| {
            let Value::Object(page) = page else {
                unreachable!("an object")
            };
            shared
                .with_page(page, |c| tera.render("p", c).expect("renders"))
                .expect("a context")
        };
        assert_eq!(
            render(json!({"clinic": "Oslo", "title": "A"})),
            "Hei Oslo A"
        );
        // The same lent context: the first page's `clinic` is gone.
        assert_eq!(render(json!({"title": "B"})), "Hei - B");
        // A page may bring its own `t`; the next page has the language's strings again.
        assert_eq!(
            render(json!({"t": {"hello": "Hallo"}, "title": "C"})),
            "Hallo - C"
        );
        assert_eq!(render(json!({"title": "D"})), "Hei - D");
    }
}
