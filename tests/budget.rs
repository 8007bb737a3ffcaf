//! Size budgets of the shipped site (issue #3): every page, all included (inline CSS and
//! scripts), at most 13 KB gzipped, because our readers pay for every kilobyte.

mod common;
use common::TestSite;
use std::io::Write;

fn gzipped(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

#[test]
fn every_shipped_page_is_at_most_13_kb_gzipped() {
    let site = TestSite::shipped();
    site.build_ok();
    let mut checked = 0;
    let mut largest = (0, String::new());
    for (path, bytes) in site.dist() {
        // The one-file copy of a language is not a page: its own budget is in pass_on.rs.
        if !path.ends_with(".html") || path.ends_with("/all-in-one.html") {
            continue;
        }
        let size = gzipped(&bytes);
        assert!(
            size <= 13 * 1024,
            "dist/{path} is {size} bytes gzipped, over the 13 KB budget"
        );
        checked += 1;
        if size > largest.0 {
            largest = (size, path);
        }
    }
    assert!(
        checked >= 100,
        "expected the whole shipped site, checked {checked} pages"
    );
    eprintln!(
        "{checked} pages within budget; largest dist/{} at {} bytes gzipped",
        largest.1, largest.0
    );
}
