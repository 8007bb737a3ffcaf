//! End-to-end tests of `varde serve`: the real binary on a fixture site, spoken to over
//! HTTP and server-sent events as a browser would.

use crate::common;

use common::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `varde serve`, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_varde"))
            .arg("--root")
            .arg(site.path())
            .args(["serve", "--port", "0"])
            .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("serving http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| panic!("no address on stdout: {line:?}"));
        Server {
            addr: addr.to_string(),
            child,
        }
    }

    /// GET or HEAD `path`: status, headers (lower-case names), body.
    fn request(&self, method: &str, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        (status, headers, raw[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        let (status, headers, body) = self.request("GET", path);
        let ctype = headers
            .iter()
            .find(|(n, _)| n == "content-type")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        (status, ctype, String::from_utf8_lossy(&body).into_owned())
    }

    /// Opens the event stream, as the injected script does.
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(s, "GET /__varde/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        Events {
            stream: BufReader::new(s),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: BufReader<TcpStream>,
}

impl Events {
    /// Reads events until one named `name` arrives (within 20 s); returns its data.
    fn until(&mut self, name: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (mut event, mut data) = (String::new(), Vec::<String>::new());
        while Instant::now() < deadline {
            let mut line = String::new();
            match self.stream.read_line(&mut line) {
                Ok(0) => panic!("event stream closed"),
                Ok(_) => {}
                Err(_) => continue, // read timeout: keep waiting
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push(d.to_string());
            } else if line.is_empty() {
                if event == name {
                    return data.join("\n");
                }
                (event, data) = (String::new(), Vec::new());
            }
        }
        panic!("no `{name}` event within 20 s");
    }
}

#[test]
fn serves_every_file_type_with_its_content_type_and_injects_only_html() {
    let site = TestSite::fixture("site");
    site.build_ok();
    let dist = site.dist();
    let server = Server::start(&site);

    let (status, ctype, home) = server.get("/nb/");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    // Built without the service worker (see sw.js below), the page otherwise is dist's.
    assert!(
        home.ends_with("<script src=\"/__varde/live.js\" defer></script>"),
        "{home}"
    );
    let (_, _, live) = server.get("/__varde/live.js");
    assert!(live.contains("EventSource"));

    let ics = dist
        .keys()
        .find(|p| p.ends_with(".ics"))
        .expect("the fixture site has a clinic calendar");
    let by_ext = [
        (ics.as_str(), "text/calendar; charset=utf-8"),
        ("sw.js", "text/javascript; charset=utf-8"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("nb/manifest.webmanifest", "application/manifest+json"),
    ];
    for (path, want) in by_ext {
        let (status, ctype, body) = server.get(&format!("/{path}"));
        assert_eq!((status, ctype.as_str()), (200, want), "{path}");
        assert!(
            !body.contains("__varde"),
            "{path} is not HTML and gets no script"
        );
    }
    for ext in [".svg", ".png"] {
        let path = dist
            .keys()
            .find(|p| p.ends_with(ext))
            .unwrap_or_else(|| panic!("no {ext} in dist"));
        let (status, headers, body) = server.request("GET", &format!("/{path}"));
        assert_eq!(status, 200);
        assert!(
            headers.contains(&(
                "content-type".into(),
                if ext == ".svg" {
                    "image/svg+xml"
                } else {
                    "image/png"
                }
                .into()
            ))
        );
        assert_eq!(&body, &dist[path], "{path} served as built");
    }
    // While serving, sw.js is the kill switch: no cached page can hide an edit.
    let (_, _, sw) = server.get("/sw.js");
    assert!(sw.contains("unregister"), "{sw}");
    let (_, headers, _) = server.request("GET", "/nb/");
    assert!(headers.contains(&("cache-control".into(), "no-store".into())));

    let (status, headers, body) = server.request("HEAD", "/nb/");
    assert_eq!(status, 200);
    assert!(body.is_empty());
    assert!(
        headers
            .iter()
            .any(|(n, v)| n == "content-length" && v.parse::<usize>().unwrap() > 100)
    );
    let (status, headers, _) = server.request("GET", "/nb");
    assert_eq!(status, 301);
    assert!(headers.contains(&("location".into(), "/nb/".into())));
    let (status, ctype, body) = server.get("/no/such/page/");
    assert_eq!((status, ctype.as_str()), (404, "text/html; charset=utf-8"));
    assert!(body.contains("/__varde/live.js"));
    assert_eq!(server.request("POST", "/nb/").0, 405);
    assert_eq!(
        server.get("/../site.toml").0,
        404,
        "paths are looked up among built files only"
    );

    assert_eq!(site.dist(), dist, "serving leaves dist/ byte-identical");
}

#[test]
fn an_edit_reloads_its_page_in_every_language_and_a_broken_one_shows_errors() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let dist = site.dist();
    let listing = |p: &std::path::Path| {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = listing(site.path());
    let server = Server::start(&site);
    let mut events = server.events();
    events.until("ok");

    // A page that exists only in Norwegian is shown in English through the fallback chain.
    let page = "content/nb/clinics/bergen.md";
    let text = std::fs::read_to_string(site.path().join(page)).unwrap();
    assert!(server.get("/en/clinics/bergen/").2.contains("Bergen"));
    site.write(
        page,
        text.trim_end().to_string() + "\n\nNye åpningstider fra januar.\n",
    );
    let reloaded = events.until("reload");
    assert!(
        reloaded.contains("\"/nb/clinics/bergen/\"")
            && reloaded.contains("\"/en/clinics/bergen/\""),
        "{reloaded}"
    );
    assert!(
        !reloaded.contains("\"/nb/about/\""),
        "an unrelated page is not reloaded: {reloaded}"
    );
    for url in ["/nb/clinics/bergen/", "/en/clinics/bergen/"] {
        assert!(
            server.get(url).2.contains("Nye åpningstider fra januar."),
            "{url}"
        );
    }

    // Break the front matter: the error names file and line, the last good page stays.
    site.write(
        page,
        text.replacen("+++", "+++\ntitle = \"Bergen\" oops", 1),
    );
    let errors = events.until("errors");
    assert!(
        errors.contains("content/nb/clinics/bergen.md:2"),
        "{errors}"
    );
    assert!(
        server
            .get("/nb/clinics/bergen/")
            .2
            .contains("Nye åpningstider fra januar.")
    );
    // Another page still rebuilds while this one is broken, and the errors stay.
    site.write(
        "content/en/about.md",
        "+++\ntitle = \"About\"\nweight = 20\n+++\nWho we are.\n",
    );
    assert!(events.until("reload").contains("/en/about/"));
    assert!(server.get("/en/about/").2.contains("Who we are."));

    // Fix it: the overlay clears and the page shows the fixed text.
    site.write(page, text.clone());
    events.until("ok");
    assert!(events.until("reload").contains("/nb/clinics/bergen/"));
    assert!(
        !server
            .get("/nb/clinics/bergen/")
            .2
            .contains("Nye åpningstider")
    );

    drop(server);
    assert_eq!(site.dist(), dist, "serving leaves dist/ byte-identical");
    assert_eq!(
        listing(site.path()),
        before,
        "and writes nothing else into the site"
    );
}

#[test]
fn ctrl_c_stops_cleanly() {
    let site = TestSite::fixture("multilingual");
    let mut server = Server::start(&site);
    assert_eq!(server.get("/nb/").0, 200);
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "still running 10 s after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("stopped"), "{stderr}");
}

#[test]
fn a_warning_is_said_once_and_editor_temp_files_are_not_changes() {
    let site = TestSite::fixture("site");
    assert!(
        !site.source("site.toml").contains("base_url"),
        "the fixture has no base_url, so every full build warns"
    );
    let mut server = Server::start(&site);
    let mut events = server.events();
    events.until("ok");
    // Editors' temporary files beside a real change (a full rebuild, which warns again).
    for temp in [
        "content/en/about.md.tmp",
        "content/en/.#about.md",
        "content/en/about.md.swp",
        "content/en/4913",
    ] {
        site.write(temp, "scratch");
    }
    let toml = site.source("site.toml");
    site.write("site.toml", format!("{toml}\n# a comment\n"));
    assert!(events.until("reload").contains('*'));
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(
        stderr.matches("warning: no base_url").count(),
        1,
        "told once, not on every rebuild:\n{stderr}"
    );
    let rebuilt: Vec<&str> = stderr.lines().filter(|l| l.contains("site.toml")).collect();
    assert!(
        rebuilt.iter().any(|l| l.starts_with("built ")),
        "the change is built:\n{stderr}"
    );
    for word in [".tmp", ".#", ".swp", "4913"] {
        assert!(!stderr.contains(word), "{word} is not a change:\n{stderr}");
    }
}
