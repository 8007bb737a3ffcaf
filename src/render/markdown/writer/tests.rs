use super::write_html;
use crate::render::html::minify;
use pulldown_cmark::{Options, Parser, html};

/// Everything varde's Markdown can hold, in one page.
const KITCHEN_SINK: &str = r#"# Title {#top-title .big .red}

A paragraph with *emphasis*, **strong**, ~~struck~~ and `code <b>&amp;`, a
soft break, two  spaces,   and a hard break\
here. Fish & chips < 3 > 2 "quoted" 'single'.

## Heading with `code` and a [link](https://example.org/a?b=1&c=2 "A \"title\"")

- one
- two with [email](<mailto:a@b.no>) and <someone@example.org>
  - nested *item*
- three

1. first

   loose paragraph

2. second

7. seven
8. eight

> A quote
>
> with two paragraphs
> - and a list

```rust
fn main() { let x = a < b && c > d; }
    indented line
```

    indented code & <tags>

| Left | Centre | Right | None |
|:-----|:------:|------:|------|
| a    | b      | c     | d    |
| 17:00–20:00 | *e* | f | [g](x.html) |

| Head only |
|---|

![An *image* with `code`](pic.png "Pic title") and ![](empty-alt.png)

Text with a footnote[^note] and another[^2].

[^note]: The note, with **strong** text.
[^2]: Second note.

---

Last paragraph with a tab	and ل ١٢٣ and 116 117, AT&T &#38;amp; &copy; &amp;
"#;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What varde wrote before: pulldown-cmark's HTML, minified by minify-html.
fn minified_by_minify_html(markdown: &str) -> String {
    let mut html = String::new();
    html::push_html(&mut html, Parser::new_ext(markdown, options()));
    minify::fragment(&html)
}

fn written(markdown: &str) -> String {
    let events: Vec<_> = Parser::new_ext(markdown, options()).collect();
    let mut out = String::new();
    write_html(&events, &mut out);
    out
}

/// The tree a browser builds from an HTML fragment, in a normal form: text with its runs of
/// spaces as one, without the spaces a browser never shows (between blocks, at the start of
/// a line after `<br>`), attributes sorted.
fn tree(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    for child in fragment.root_element().children() {
        write_node(child, &mut out);
    }
    out
}

/// Elements around which a browser shows no space.
const BLOCKS: &str =
    "p ul ol li blockquote pre table thead tbody tr th td h1 h2 h3 h4 h5 h6 hr div";

fn is_block(node: Option<ego_tree::NodeRef<'_, scraper::Node>>) -> bool {
    node.and_then(|n| {
        n.value()
            .as_element()
            .map(|e| BLOCKS.split(' ').any(|b| b == e.name()))
    })
    .unwrap_or(true)
}

fn write_node(node: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String) {
    match node.value() {
        scraper::Node::Element(e) => {
            let mut attrs: Vec<_> = e.attrs().collect();
            attrs.sort();
            out.push_str(&format!("<{}{:?}>", e.name(), attrs));
            for child in node.children() {
                write_node(child, out);
            }
            out.push_str(&format!("</{}>", e.name()));
        }
        scraper::Node::Text(t) => {
            let in_pre = node
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "pre"));
            if in_pre {
                out.push_str(t);
                return;
            }
            let mut text = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if t.starts_with(char::is_whitespace) && !text.is_empty() {
                text.insert(0, ' ');
            }
            if t.ends_with(char::is_whitespace) && !text.is_empty() {
                text.push(' ');
            }
            let after_br = node
                .prev_sibling()
                .and_then(|n| n.value().as_element().map(|e| e.name() == "br"))
                .unwrap_or(false);
            if after_br {
                text = text.trim_start().to_string();
            }
            if text.is_empty()
                || (text == " " && (is_block(node.prev_sibling()) || is_block(node.next_sibling())))
            {
                return;
            }
            out.push_str(&text);
        }
        _ => {}
    }
}

#[test]
fn a_browser_builds_the_same_tree_as_from_the_minified_html() {
    for markdown in KITCHEN_SINK.split("\n\n").chain([KITCHEN_SINK]) {
        assert_eq!(
            tree(&written(markdown)),
            tree(&minified_by_minify_html(markdown)),
            "for Markdown:\n{markdown}\nwritten: {}",
            written(markdown)
        );
    }
}

#[test]
fn it_is_no_larger_than_the_minified_html() {
    let (new, old) = (written(KITCHEN_SINK), minified_by_minify_html(KITCHEN_SINK));
    assert!(
        new.len() <= old.len(),
        "{} > {}:\n{new}\n{old}",
        new.len(),
        old.len()
    );
}

#[test]
fn optional_end_tags_are_left_out_and_needed_ones_kept() {
    assert_eq!(written("a\n\nb"), "<p>a<p>b</p>");
    assert_eq!(written("- a\n- b"), "<ul><li>a<li>b</ul>");
    assert_eq!(written("- a\n\n- b"), "<ul><li><p>a<li><p>b</ul>");
    assert_eq!(written("> q"), "<blockquote><p>q</blockquote>");
    assert_eq!(
        written("|a|b|\n|-|-|\n|1|2|"),
        "<table><thead><tr><th>a<th>b<tbody><tr><td>1<td>2</table>"
    );
    assert_eq!(
        written("# T\ntext"),
        "<h1 id=t>T</h1><p>text</p>".replace(" id=t", "")
    );
}

#[test]
fn attribute_values_are_bare_only_where_html_allows() {
    assert_eq!(written("[a](x/y.html)"), "<p><a href=x/y.html>a</a></p>");
    assert_eq!(
        written("[a](x \"two words\")"),
        "<p><a href=x title=\"two words\">a</a></p>"
    );
    assert_eq!(
        written("[a](<x y> 'say \"hi\"')"),
        "<p><a href=x%20y title='say \"hi\"'>a</a></p>"
    );
    assert_eq!(
        written("[a](?q=1&r=2)"),
        "<p><a href=\"?q=1&amp;r=2\">a</a></p>"
    );
    assert_eq!(written("[a](?q&r)"), "<p><a href=?q&amp;r>a</a></p>");
}

#[test]
fn text_is_escaped_and_code_keeps_its_spaces() {
    assert_eq!(written("a < b & c > d"), "<p>a &lt; b & c > d</p>");
    // `&#38;amp;` is the text `&amp;`, in two pieces: the `&` at a piece's end is escaped.
    assert_eq!(
        written("AT&T &#38;amp; & more"),
        "<p>AT&amp;T &amp;amp; & more</p>"
    );
    assert_eq!(written("a   b"), "<p>a b</p>");
    assert_eq!(
        written("```\n<x>  &\n  y\n```"),
        "<pre><code>&lt;x>  &\n  y\n</code></pre>"
    );
}
