//! The development web server: a small HTTP/1.1 subset on `std::net`, serving the site
//! from memory to a browser on the same machine.
//!
//! Why no crate: the server answers only `GET` and `HEAD` from a local browser, and the
//! one streaming response (server-sent events) wants to own its connection, which the
//! small crates make awkward. This file of std code keeps the binary and the build small.
//! Requests are read with a size limit, paths are looked up in a map (never on the disk,
//! so `..` cannot escape), every response says `Cache-Control: no-store`, and a connection
//! is served by its own thread, kept alive until the browser closes it or goes quiet.
//!
//! HTML responses get one line appended: `<script src="/__varde/live.js">`. The pages'
//! Content-Security-Policy already allows same-origin scripts (`script-src 'self'`) and
//! connections (`connect-src 'self'`), so the policy stays exactly as built; the script
//! draws its overlay through the CSSOM, which `style-src` does not restrict.

use super::Shared;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

/// The live-reload script's URL.
pub const LIVE_JS_URL: &str = "/__varde/live.js";
/// The server-sent events' URL.
pub const EVENTS_URL: &str = "/__varde/events";
/// The live-reload and error overlay script, served at [`LIVE_JS_URL`].
pub const LIVE_JS: &str = include_str!("live.js");

const MAX_HEAD: usize = 16 * 1024;

/// The `Content-Type` for a file name.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "ics" => "text/calendar; charset=utf-8",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ if path.ends_with("_headers") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `html` with the live-reload script appended (after `</html>` if there is one, which
/// browsers put at the end of the body). Only the server calls this: `dist/` never has it.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_JS_URL}\" defer></script>");
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(html);
    out.extend_from_slice(tag.as_bytes());
    out
}

/// Accepts connections until the process ends, one thread each.
pub fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        let _ = std::thread::Builder::new()
            .name("varde-http".into())
            .spawn(move || connection(stream, &shared));
    }
}

/// A parsed request line: method and decoded path (no query).
struct Request {
    method: String,
    path: String,
    close: bool,
}

fn connection(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_nodelay(true);
    let Ok(write) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut writer = write;
    loop {
        let request = match read_request(&mut reader) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(status) => {
                let _ = respond(
                    &mut writer,
                    status,
                    "text/plain; charset=utf-8",
                    status_text(status).as_bytes(),
                    false,
                    true,
                );
                return;
            }
        };
        if request.method != "GET" && request.method != "HEAD" {
            let _ = respond(
                &mut writer,
                405,
                "text/plain; charset=utf-8",
                b"only GET and HEAD",
                false,
                true,
            );
            return;
        }
        let head = request.method == "HEAD";
        if request.path == EVENTS_URL {
            events(writer, shared);
            return;
        }
        let ok = route(&mut writer, shared, &request.path, head, request.close);
        if ok.is_err() || request.close {
            return;
        }
    }
}

/// Reads one request head. `Ok(None)` when the browser closed the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Option<Request>, u16> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = Read::by_ref(reader)
            .take((MAX_HEAD + 1 - head.len().min(MAX_HEAD)) as u64)
            .read_until(b'\n', &mut line);
        match n {
            Ok(0) if head.is_empty() => return Ok(None),
            Ok(0) => return Err(400),
            Ok(_) => {}
            Err(_) => return Ok(None),
        }
        if head.len() + line.len() > MAX_HEAD {
            return Err(431);
        }
        let blank = line == b"\r\n" || line == b"\n";
        if blank && head.is_empty() {
            continue; // tolerated before a request line (RFC 9112, 2.2)
        }
        head.extend_from_slice(&line);
        if blank {
            break;
        }
    }
    let text = String::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.lines();
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(505);
    }
    let mut close = version == "HTTP/1.0";
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (
            name.trim().to_ascii_lowercase(),
            value.trim().to_ascii_lowercase(),
        );
        if name == "connection" {
            close = value.contains("close");
        } else if (name == "content-length" && value != "0") || name == "transfer-encoding" {
            return Err(400); // GET and HEAD carry no body here
        }
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path).ok_or(400u16)?;
    if !path.starts_with('/') {
        return Err(400);
    }
    Ok(Some(Request {
        method: method.to_string(),
        path,
        close,
    }))
}

/// Decodes `%XX` escapes; `None` when an escape is malformed (`%zz`, a cut `%4`) or they do
/// not make UTF-8, so such a request gets 400 rather than a guess.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let well_formed = memchr::memchr_iter(b'%', bytes).all(|i| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|d| d.into_owned())
}

/// The file a URL path names: folders mean their `index.html`.
pub fn file_for(path: &str) -> String {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

fn route(
    w: &mut TcpStream,
    shared: &Shared,
    path: &str,
    head: bool,
    close: bool,
) -> std::io::Result<()> {
    if path == LIVE_JS_URL {
        return respond(
            w,
            200,
            content_type("live.js"),
            LIVE_JS.as_bytes(),
            head,
            close,
        );
    }
    let file = file_for(path);
    if let Some(bytes) = shared.file(&file) {
        if file.ends_with(".html") {
            return respond(w, 200, content_type(&file), &inject(&bytes), head, close);
        }
        return respond(w, 200, content_type(&file), &bytes, head, close);
    }
    if shared.file(&format!("{file}/index.html")).is_some() {
        let location = format!("{path}/");
        let msg = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nCache-Control: no-store\r\n\r\n"
        );
        w.write_all(msg.as_bytes())?;
        return w.flush();
    }
    match shared.file("404.html") {
        Some(page) => respond(
            w,
            404,
            content_type("404.html"),
            &inject(&page),
            head,
            close,
        ),
        // Nothing built yet (the first build failed): a bare page that still shows the
        // overlay and reloads once the site builds.
        None => respond(
            w,
            404,
            content_type("404.html"),
            &inject(b"<!doctype html><title>varde</title><p>Not found."),
            head,
            close,
        ),
    }
}

fn status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

fn respond(
    w: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    head: bool,
    close: bool,
) -> std::io::Result<()> {
    let mut msg = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        status_text(status),
        body.len()
    )
    .into_bytes();
    if close {
        msg.extend_from_slice(b"Connection: close\r\n");
    }
    msg.extend_from_slice(b"\r\n");
    if !head {
        msg.extend_from_slice(body);
    }
    w.write_all(&msg)?;
    w.flush()
}

/// Streams server-sent events to one page: first the current build state, then every
/// change, with a comment every 15 s so a closed page is noticed and dropped.
fn events(mut w: TcpStream, shared: &Shared) {
    let (tx, rx) = mpsc::channel::<String>();
    let first = shared.subscribe(tx);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(first.as_bytes()))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

/// One server-sent event: `event: NAME` and the data, one `data:` line per line.
pub fn event(name: &str, data: &str) -> String {
    let mut s = format!("event: {name}\n");
    for line in data.split('\n') {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_of_the_site_files() {
        assert_eq!(content_type("en/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("en/clinics/x.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(
            content_type("en/manifest.webmanifest"),
            "application/manifest+json"
        );
        assert_eq!(content_type("sw.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("icon.svg"), "image/svg+xml");
        assert_eq!(content_type("icon-192.png"), "image/png");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("data.json"), "application/json");
        assert_eq!(content_type("leaflet.pdf"), "application/pdf");
        assert_eq!(content_type("_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }

    #[test]
    fn paths_map_to_files() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/en/rights/"), "en/rights/index.html");
        assert_eq!(file_for("/sw.js"), "sw.js");
        assert_eq!(percent_decode("/ar/%D8%AD/").as_deref(), Some("/ar/ح/"));
        assert_eq!(percent_decode("/bad%zz"), None);
        assert_eq!(percent_decode("/cut%4"), None);
    }

    #[test]
    fn injection_appends_the_script_and_keeps_the_page() {
        let page = b"<!doctype html><html><head><meta http-equiv=Content-Security-Policy content=\"script-src 'self'\"></head><body><p>x</body></html>";
        let out = String::from_utf8(inject(page)).unwrap();
        assert!(out.starts_with(std::str::from_utf8(page).unwrap()));
        assert!(out.ends_with("<script src=\"/__varde/live.js\" defer></script>"));
    }

    #[test]
    fn events_put_every_line_in_data() {
        assert_eq!(
            event("errors", "a\nb"),
            "event: errors\ndata: a\ndata: b\n\n"
        );
    }
}
