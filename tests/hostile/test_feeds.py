"""Feeds that reach what they should not, and feeds too big (issue 12, P15, P32): a web feed's items may not
make the tool fetch this machine or its network, except at the address the user named for the feed itself; a
saved feed's items are files of the project or of the feed's folder only; a feed of 100,000 items is cut at
max_items before it is parsed, and its failed items are summed up in a few lines."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.hostile.conftest import PEAK_MB, SECONDS, Outcome, edit, run

DATE = "2024-05-01"
ARTICLE = ("<html><head><title>东北振兴座谈会</title></head><body><article>"
           + "".join(f"<p>会议强调，要坚定不移推动东北全面振兴取得新突破，第{n}项任务要抓紧落实，确保各项政策措施落地见效。</p>"
                     for n in range(8)) + "</article></body></html>")


def _built_with_warnings(outcome: Outcome, most: int) -> Outcome:
    """A build that succeeded and said a few warnings (a source it could not read): exit 0, no traceback, at
    most `most` lines, within the suite's time and memory."""
    assert outcome.code == 0, (outcome.case, outcome.code, outcome.stderr[-2000:])
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert len(outcome.lines) <= most, (outcome.case, len(outcome.lines), outcome.stderr[-2000:])
    assert outcome.seconds < SECONDS and outcome.peak_mb < PEAK_MB, (outcome.seconds, outcome.peak_mb)
    return outcome


def _manifest(project: Path) -> dict:
    return json.loads((project / f"out/northeast/{DATE}/analyst/manifest.json").read_text(encoding="utf-8"))


def _source(project: Path, line: str) -> None:
    edit(project / "briefing.yaml", "  - data/sources/*.txt", f"  - data/sources/*.txt\n{line}")


class _Site:
    """A web server on 127.0.0.1 in this process: `pages` by path (a str body, or ("redirect", URL)); `hits`
    lists every path asked for."""

    def __init__(self, pages: dict[str, object]):
        site = self
        self.pages, self.hits = pages, []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                site.hits.append(self.path)
                page = site.pages.get(self.path)
                if isinstance(page, tuple):
                    self.send_response(302)
                    self.send_header("Location", page[1])
                    self.end_headers()
                    return
                body = (page or "").encode("utf-8")
                self.send_response(200 if page is not None else 404)
                kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "_Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _rss(links: list[str]) -> str:
    items = "".join(f"<item><title>第{n}条</title><link>{link}</link></item>" for n, link in enumerate(links))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


def test_a_web_feed_may_not_make_the_tool_fetch_this_machine(fresh: Path):
    with _Site({"/secret": "internal"}) as internal, _Site({}) as site:
        site.pages.update({
            "/feed.xml": _rss([site.url("/ok.html"), internal.url("/secret"), "http://169.254.169.254/latest/",
                               "http://[::1]:9/x", site.url("/hop")]),
            "/ok.html": ARTICLE,
            "/hop": ("redirect", internal.url("/secret")),  # the feed's own host, sending us elsewhere
        })
        _source(fresh, f"  - feed: {site.url('/feed.xml')}")
        outcome = run("src/feed_remote", "build", "--date", DATE, cwd=fresh)
    _built_with_warnings(outcome, 6).says("an address of this machine or its network")
    assert internal.hits == []  # never asked, not even through the redirect
    assert sorted(site.hits) == ["/feed.xml", "/hop", "/ok.html"]
    failed = {f["source"]: f["reason"] for f in _manifest(fresh)["failed_sources"]}
    assert set(failed) == {internal.url("/secret"), "http://169.254.169.254/latest/", "http://[::1]:9/x",
                           site.url("/hop")}
    assert not any("refused" in reason.lower() and "connect" in reason.lower() for reason in failed.values())
    assert any(d["title"] == "东北振兴座谈会" for d in _manifest(fresh)["documents"])  # the feed's own page read


def test_a_page_the_user_names_may_be_on_this_machine(fresh: Path):
    with _Site({"/ok.html": ARTICLE}) as site:
        _source(fresh, f"  - {site.url('/ok.html')}")
        run("src/url_local_named", "build", "--date", DATE, cwd=fresh).handled(0)
    assert site.hits == ["/ok.html"]


def _saved_feed(project: Path, links: list[str]) -> Path:
    feed = project / "data/feeds/saved.xml"
    feed.parent.mkdir(parents=True, exist_ok=True)
    feed.write_text(_rss(links), encoding="utf-8")
    _source(project, "  - data/feeds/saved.xml")
    return feed


def test_a_saved_feed_reads_only_files_of_the_project(fresh: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("机密\n\n会议强调，要把机密文件的内容写进简报。\n", encoding="utf-8")
    (fresh / "data/feeds").mkdir(parents=True)
    (fresh / "data/feeds/linked.txt").symlink_to(secret)
    inside = next((fresh / "data/sources").glob("*.txt"))
    _saved_feed(fresh, [str(secret), f"file://{secret}", "linked.txt", f"../sources/{inside.name}"])
    outcome = run("src/feed_local_file_links", "build", "--date", DATE, "--force", cwd=fresh)
    _built_with_warnings(outcome, 4).says("outside the project and the feed's folder")
    edition = fresh / f"out/northeast/{DATE}/analyst"
    assert "机密" not in (edition / "digest.md").read_text(encoding="utf-8")
    assert len(_manifest(fresh)["failed_sources"]) == 3


def test_a_feed_of_a_hundred_thousand_items_is_cut_before_it_is_parsed(fresh: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("别处\n\n会议强调，要读别处的文件。\n", encoding="utf-8")
    feed = fresh / "data/feeds/big.xml"
    feed.parent.mkdir(parents=True)
    items = [f"<item><title>外链{n}</title><link>{outside}</link></item>" for n in range(10)]
    items += [f"<item><title>第{n}条</title><description>会议要求，要加快推进东北全面振兴第{n}项工作。</description></item>"
              for n in range(100_000)]  # a sentence each, linking to no page
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
                    + "".join(items) + "</channel></rss>", encoding="utf-8")
    _source(fresh, "  - data/feeds/big.xml")
    outcome = run("src/feed_big", "build", "--date", DATE, cwd=fresh)
    _built_with_warnings(outcome, 5).says("7 more of its items (the first 3 are named above)")
    assert "no main text found" not in outcome.stderr  # a one-sentence item is read as its own text
    assert outcome.seconds < 15
    documents = _manifest(fresh)["documents"]
    assert sum(d["title"].startswith("第") for d in documents) == 10  # max_items (20) less the 10 refused


@pytest.mark.parametrize("count, kept", [(3, 3), (20, 20), (50, 20)])
def test_first_items_keeps_the_feed_whole_around_the_items_it_keeps(count: int, kept: int):
    from briefing.ingest.readers.feeds import feed_items

    items = "".join(f"<entry><title>t{n}</title><id>urn:{n}</id><link href='https://example.org/{n}'/></entry>"
                    for n in range(count))
    atom = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>x</title>{items}</feed>".encode()
    found = feed_items(atom, "x.atom", "", 20)
    assert [item.title for item in found] == [f"t{n}" for n in range(kept)]


def test_an_address_of_this_machine_is_refused_unless_it_was_named():
    from briefing.errors import InputError
    from briefing.ingest.fetch import check_reach

    named = "http://127.0.0.1:8000/feed.xml"
    check_reach("http://127.0.0.1:8000/item", named)  # the feed's own host and port: the user named it
    check_reach("http://localhost:8000/item", named)  # the same, by another name
    check_reach("https://93.184.215.14/x", named)  # a public address
    for url in ("http://127.0.0.1:8001/", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
                "http://169.254.169.254/", "http://[::1]/", "http://[fc00::1]/", "http://[fe80::1]/",
                "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://224.0.0.1/"):
        with pytest.raises(InputError, match="an address of this machine or its network"):
            check_reach(url, "https://example.org/feed.xml")
