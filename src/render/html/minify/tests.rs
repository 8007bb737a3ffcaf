//! The template minifier, by what the pages it renders look like.

use super::*;

/// Renders `src` minified, as `templates::load` does, with `context` (TOML).
fn render(src: &str, context: &str) -> String {
    let small = template(src).expect("minifiable");
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape);
    tera.register_filter(ATTR_FILTER, attr_filter);
    tera.add_raw_template("t.html", &small).unwrap();
    let value: toml::Table = toml::from_str(context).unwrap();
    let ctx = tera::Context::from_serialize(value).unwrap();
    tera.render("t.html", &ctx).unwrap()
}

#[test]
fn markup_is_minified_and_tera_tags_kept() {
    let src = "<div class=\"a\">\n  <p>\n    {{ x }}\n  </p>\n</div>\n";
    assert_eq!(render(src, r#"x = "Hi""#), "<div class=a><p>Hi</div>");
}

#[test]
fn attribute_values_are_quoted_only_when_the_rendered_value_needs_it() {
    let src = "<a href=\"{{ url }}\" title=\"{{ title }}\">x</a>";
    assert_eq!(
        render(
            src,
            r#"url = "a/b/"
title = "two words""#
        ),
        "<a href=a/b/ title=\"two words\">x</a>"
    );
    assert_eq!(
        render(
            src,
            r#"url = 'a" onclick="x'
title = "<>&""#
        ),
        "<a href=\"a&quot; onclick=&quot;x\" title=\"&lt;>&amp;\">x</a>",
        "a quote in a value cannot end the attribute"
    );
}

#[test]
fn a_start_tag_with_a_tera_tag_between_attributes_renders_either_way() {
    let src = "<ul>{% for i in items %}<li><a href=\"{{ i.url }}\"{% if i.current %} aria-current=\"page\"{% endif %}>{{ i.title }}</a></li>{% endfor %}</ul>";
    let out = render(
        src,
        r#"items = [{ url = "a/", current = true, title = "A" }, { url = "b c", current = false, title = "B" }]"#,
    );
    assert_eq!(
        out,
        "<ul><li><a href=a/ aria-current=page>A</a><li><a href=\"b c\">B</a></ul>"
    );
}

#[test]
fn a_closing_tag_is_kept_where_what_follows_is_not_known() {
    // A partial ends where the page goes on, and `{{ }}` may render text.
    assert_eq!(render("<p>a</p>\n", ""), "<p>a</p>");
    assert_eq!(
        render("<div><p>a</p>{{ x }}</div>", r#"x = "more""#),
        "<div><p>a</p>more</div>"
    );
    // Before `{% endif %}` and a block, HTML lets it go.
    assert_eq!(
        render(
            "<div>{% if x %}<p>a</p>{% endif %}<ul><li>b</ul></div>",
            "x = true"
        ),
        "<div><p>a<ul><li>b</ul></div>"
    );
}

#[test]
fn whitespace_beside_statements_goes_where_it_goes_between_elements() {
    let src = "<head>\n{% if a %}<meta name=\"a\">{% endif %}\n{% if b %}<meta name=\"b\">{% endif %}\n</head>";
    let out = render(src, "a = true\nb = true");
    assert!(out.contains("<meta name=a><meta name=b>"), "{out}");
    // In running text a space stays a space.
    assert_eq!(
        render(
            "<p>{{ a }} {% if b %}{{ b }}{% endif %}</p>",
            "a = 'x'\nb = 'y'"
        ),
        "<p>x y</p>"
    );
}

#[test]
fn script_style_and_title_text_is_left_alone() {
    let src =
        "<title>{% block t %}{{ x }}{% endblock t %}</title><script>if (a  </p> b) {}</script>";
    assert_eq!(
        render(src, "x = 'T'"),
        "<title>T</title><script>if (a  </p> b) {}</script>"
    );
}

#[test]
fn a_template_that_cannot_be_minified_safely_is_refused() {
    // The minifier drops comments, and with them the tag inside.
    assert_eq!(template("<p>a</p><!-- {{ x }} -->"), None);
    assert_eq!(template("<p>{{ x </p>"), None, "unclosed tag");
    // A value the minifier would single-quote, where a rendered `'` would end it.
    assert_eq!(template("<a title=\"&quot;{{ x }}&quot;\">x</a>"), None);
}

#[test]
fn raw_blocks_and_string_literals_stay_as_written() {
    let src = "<p>{% raw %}{{  not a tag  }}{% endraw %} {{ \"%}  }}\" }}</p>";
    assert_eq!(render(src, ""), "<p>{{  not a tag  }} %}  }}</p>");
}

#[test]
fn fragment_is_minified_and_keeps_its_last_closing_tag() {
    assert_eq!(
        fragment("<p>One\ntwo</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>end</p>\n"),
        "<p>One two<ul><li>a<li>b</ul><p>end</p>"
    );
}

#[test]
fn escape_keeps_slashes_and_escapes_what_could_end_markup() {
    assert_eq!(
        escape("a/b <c> \"d\" 'e' &"),
        "a/b &lt;c> &quot;d&quot; 'e' &amp;"
    );
    assert_eq!(escape_apostrophes("'e'"), "&#39;e&#39;");
    assert!(has_single_quoted_expression("<a title='{{ t }}'>x</a>"));
    assert!(!has_single_quoted_expression(
        "<a title=\"{{ t }}\" class='a'>x</a>"
    ));
}

#[test]
fn a_script_with_a_template_literal_keeps_its_comment_lines() {
    // The `//` line is part of the literal's text: dropping it would change the string.
    let js = "// note\nvar s = `a\n// b`;\n";
    assert!(script(js).contains("// b"), "{}", script(js));
    assert_eq!(script("// note\nvar s = 'a';\n"), "var s=`a`;");
}
