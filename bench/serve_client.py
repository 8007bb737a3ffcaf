"""Times `varde serve` on a site: from saving a page to the reload event its open page
receives, and to fetching the new page; then the server's memory. Used by bench/serve.sh.

    python3 bench/serve_client.py VARDE SITE [EDITS]
"""
import os, socket, statistics, subprocess, sys, time, urllib.request

varde, site = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
env = dict(os.environ, SOURCE_DATE_EPOCH="1795392000")

t0 = time.perf_counter()
server = subprocess.Popen([varde, "--root", site, "serve", "--port", "0"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, text=True)
line = server.stdout.readline()
startup = time.perf_counter() - t0
base = line.strip().removeprefix("serving ")
host, port = base.removeprefix("http://").rstrip("/").rsplit(":", 1)


def events():
    s = socket.create_connection((host, int(port)))
    s.sendall(b"GET /__varde/events HTTP/1.1\r\nHost: x\r\n\r\n")
    buf = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            name, data = None, []
            for l in block.decode().split("\n"):
                if l.startswith("event: "):
                    name = l[7:]
                elif l.startswith("data: "):
                    data.append(l[6:])
            if name:
                yield name, "\n".join(data)


def rss():
    fields = dict(l.split(":", 1) for l in open(f"/proc/{server.pid}/status") if ":" in l)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def edit(path, url, make, label):
    stream = events()
    next(stream)  # the current state
    original = open(path, encoding="utf-8").read()
    to_event, to_page = [], []

    def saved(text, url):
        start = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        for name, data in stream:
            if name == "reload" and f'"{url}"' in data:
                return start

    try:
        run(path, url, make, original, saved, to_event, to_page)
    finally:
        time.sleep(1)
        saved(original, url)
    q = lambda v: f"median {statistics.median(v):5.1f} ms, max {max(v):5.1f} ms"
    print(f"{label}:\n  save -> reload event: {q(to_event)}\n  save -> new page fetched: {q(to_page)}")


def run(path, url, make, original, saved, to_event, to_page):
    for i in range(edits):
        text, marker = make(original, i)
        time.sleep(1)  # a person saves at most about once a second
        start = saved(text, url)
        to_event.append((time.perf_counter() - start) * 1000)
        body = urllib.request.urlopen(base.rstrip("/") + url).read().decode()
        to_page.append((time.perf_counter() - start) * 1000)
        assert marker in body, f"{marker} not in {url}"


try:
    print(f"startup (full build into memory, serving): {startup:.2f} s")
    pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content", "en"))
                   for f in fs if f.endswith(".md") and f != "_index.md")
    page = pages[len(pages) // 2]
    key = os.path.relpath(page, os.path.join(site, "content", "en"))[:-3] + "/"
    print(f"edited page: {os.path.relpath(page, site)} ({edits} saves each)")

    def body(orig, i):
        m = f"Serve bench edit {i}."
        return orig.rstrip("\n") + f"\n\n{m}\n", m

    def title(orig, i):
        m = f"Bench title {i}"
        return orig.replace('title = "', f'title = "{m} ', 1), m

    edit(page, f"/en/{key}", body, "body edit (the page in 3 languages)")
    edit(page, f"/en/{key}", title, "title edit (the page and its section's page, 3 languages each)")
    now, peak = rss()
    print(f"memory while serving: RSS {now} MiB, peak {peak} MiB")
finally:
    server.terminate()
    server.wait()
    log = [l for l in server.stderr.read().splitlines() if l.startswith("rebuilt")]
    ms = sorted(float(l.split(" in ")[1].split(" ms")[0]) for l in log)
    if ms:
        print(f"server's own rebuild time: median {statistics.median(ms):.1f} ms, max {ms[-1]:.1f} ms ({len(ms)} rebuilds)")
