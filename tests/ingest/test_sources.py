"""Sources of every kind: local files (text, HTML, Word, PDF), web pages and feeds from a real HTTP server
on 127.0.0.1 started here, and what happens when one of them cannot be read."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing.config import SOURCE_KEYS, load_config
from briefing.errors import InputError
from briefing.ingest import read_document
from briefing.ingest.readers import READERS, Limits, SourceSpec, gather, read_url
from briefing.ingest.charset import decode_page
from conftest import ROOT, run_cli

HERE = ROOT / "tests" / "sources"
QUICK = Limits(timeout=2.0, retries=0, max_bytes=1024 * 1024)
GB_PAGE = ("<html><head><title>关于做好防汛准备工作的通知</title></head><body><h1>关于做好防汛准备工作的通知</h1>"
           "<p>会议强调，要在5月底前完成全部病险水库的除险加固，确保安全度汛。</p>"
           "<p>今年全省已投入防汛资金12.5亿元，比上年增长8.3%。</p></body></html>")


# ---- the site ---------------------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.requests.append((self.path, self.headers.get("User-Agent", "")))
        route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (a page over the size limit): what it should do

    def answer(self, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
               headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


class Site:
    """A real web server on 127.0.0.1 (port 0: the system picks a free one), serving the pages of tests/sources."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.site = self  # type: ignore[attr-defined]
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.requests: list[tuple[str, str]] = []
        self.flaky_calls = 0
        self.jobs = "52.6万人"  # a figure on /changing.html, changed by a test
        self.routes = {
            "/zh/2024-03-18-standing-committee.html": self._file("zh-article.html"),
            "/en/harbour-plan.html": self._file("en-article.html"),
            "/feeds/rss.xml": self._file("rss.xml", "application/rss+xml"),
            "/feeds/atom.xml": self._file("atom.xml", "application/atom+xml"),
            "/feeds/not-a-feed.xml": lambda h: h.answer(b"<html><body><p>Hello</p></body></html>"),
            "/old-news": lambda h: h.answer(b"", status=301, headers={"Location": "/en/harbour-plan.html"}),
            "/to-ftp": lambda h: h.answer(b"", status=302, headers={"Location": "ftp://127.0.0.1/notes.txt"}),
            "/feeds/local-links.xml": lambda h: h.answer(
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                b"<item><title>a</title><link>file:///etc/hostname</link></item>"
                b"<item><title>b</title><link>/en/harbour-plan.html</link></item></channel></rss>",
                "application/rss+xml"),
            "/slow.html": self._slow,
            "/trickle.html": self._trickle,
            "/huge.html": lambda h: h.answer(b"<p>" + b"x" * (2 * 1024 * 1024) + b"</p>"),
            "/huge-unsized.html": self._huge_unsized,
            "/flaky.html": self._flaky,
            "/changing.html": lambda h: h.answer(self._page("zh-article.html").replace(
                "52.6万人".encode(), self.jobs.encode())),
            "/broken.html": lambda h: h.answer(b"", status=500),
            "/gb-declared-latin1.html": lambda h: h.answer(GB_PAGE.encode("gb18030"), "text/html; charset=ISO-8859-1"),
            "/utf8-declared-latin1.html": lambda h: h.answer(
                GB_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8"), "text/html"),
            "/gb-meta-only.html": lambda h: h.answer(
                GB_PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
                .encode("gb18030"), "text/html"),
            "/gzip.html": lambda h: h.answer(gzip.compress(self._page("en-article.html")),
                                             headers={"Content-Encoding": "gzip"}),
            "/files/statement.pdf": lambda h: h.answer(make_pdf([_layout(EN_PARAGRAPHS)]), "application/pdf"),
            "/download/statement.pdf": lambda h: h.answer(make_pdf([_layout(EN_PARAGRAPHS)]), "application/octet-stream"),
        }

    def _page(self, name: str) -> bytes:
        return (HERE / name).read_text(encoding="utf-8").replace("{base}", self.base).encode("utf-8")

    def _file(self, name: str, content_type: str = "text/html; charset=utf-8"):
        return lambda h: h.answer(self._page(name), content_type)

    def _slow(self, h: _Handler) -> None:
        time.sleep(1.5)
        h.answer(self._page("en-article.html"))

    def _trickle(self, h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.end_headers()
        try:
            for _ in range(30):  # a byte every 0.1 s: each read is quick, the whole page is not
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client gave up, as it should

    def _huge_unsized(self, h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        try:
            for _ in range(40):
                h.wfile.write(b"<p>" + b"y" * 65536 + b"</p>")
        except OSError:
            pass

    def _flaky(self, h: _Handler) -> None:
        self.flaky_calls += 1
        if self.flaky_calls % 2 == 1:
            h.send_error(503, "Service Unavailable")
        else:
            h.answer(self._page("en-article.html"))

    def start(self) -> "Site":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def site():
    running = Site().start()
    yield running
    running.stop()


def _spec(site: Site, path: str, kind: str = "url", limits: Limits = QUICK, max_items: int | None = None) -> SourceSpec:
    return SourceSpec(kind, site.base + path, limits, max_items)


# ---- web pages --------------------------------------------------------------------------------------------

def test_a_chinese_article_page(site: Site):
    document = read_url(site.base + "/zh/2024-03-18-standing-committee.html", QUICK)
    assert document.title == "省政府召开常务会议 部署稳就业和春耕生产工作"
    assert document.date == "2024-03-18" and document.language == "zh" and document.encoding == "utf-8"
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("3月18日，省长主持召开省政府常务会议") and texts[-1] == "会议还研究了其他事项。"
    assert len(texts) == 5
    page = document.text
    for furniture in ("首页", "相关链接", "春风行动", "备案号", "当前位置", "来源：示例政务网"):
        assert furniture not in page
    assert any("署名行" in r.detail and "来源：示例政务网" in r.detail for r in document.repairs)
    assert document.origin == site.base + "/zh/2024-03-18-standing-committee.html"
    assert document.source_id == "2024-03-18-standing-committee"
    assert any("briefing/" in agent for _, agent in site.requests)  # the User-Agent names the tool


def test_an_english_article_page_with_a_table(site: Site):
    document = read_url(site.base + "/en/harbour-plan.html", QUICK)
    assert document.title == "Harbour board approves five-year dredging plan"
    assert document.date == "2024-06-12" and document.language == "en"
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("The harbour board on Wednesday approved")
    assert "2023 | 19.1 million tonnes" in texts
    assert not any(word in document.text for word in ("Storm warning", "Subscribe", "Sport"))


def test_a_redirect_is_followed_and_the_final_address_kept(site: Site):
    document = read_url(site.base + "/old-news", QUICK)
    assert document.origin == site.base + "/en/harbour-plan.html"
    assert document.title == "Harbour board approves five-year dredging plan"


def test_a_redirect_away_from_the_web_is_refused(site: Site):
    _, failures = gather((_spec(site, "/to-ftp"),))
    assert failures[0].reason == "redirected to a non-web address (ftp://127.0.0.1/notes.txt) (check the address)"


def test_a_gzipped_page(site: Site):
    assert read_url(site.base + "/gzip.html", QUICK).title == "Harbour board approves five-year dredging plan"


@pytest.mark.parametrize("path", ["/files/statement.pdf", "/download/statement.pdf"])  # by its type, by its name
def test_a_linked_pdf_is_read_as_a_pdf(site: Site, path: str):
    document = read_url(site.base + path, QUICK)
    assert [p.text for p in document.paragraphs] == EN_JOINED and document.title == "Harbour Board Statement"


@pytest.mark.parametrize("path, encoding, declared", [
    ("/gb-declared-latin1.html", "gb18030", "cp1252"),  # the header says ISO-8859-1; the bytes are GB18030
    ("/utf8-declared-latin1.html", "utf-8", "cp1252"),  # the page's <meta> says ISO-8859-1; the bytes are UTF-8
    ("/gb-meta-only.html", "gb18030", None),  # no charset in the header; <meta> says gb2312 (read as GB18030)
])
def test_a_wrong_or_missing_charset_declaration_still_reads_right(site: Site, path: str, encoding: str, declared):
    document = read_url(site.base + path, QUICK)
    assert document.title == "关于做好防汛准备工作的通知"
    assert document.paragraphs[0].text == "会议强调，要在5月底前完成全部病险水库的除险加固，确保安全度汛。"
    assert document.encoding == encoding
    corrections = [r.detail for r in document.repairs if r.kind == "encoding"]
    assert corrections == ([f"按{encoding}解码：网页声明为{declared}，与其字节不符"] if declared else [])


def test_charset_order_header_then_meta_then_detection():
    latin = "<html><head><meta charset='windows-1252'></head><body><p>Caf\xe9 cr\xe8me, na\xefve.</p></body></html>"
    raw = latin.encode("cp1252")
    assert decode_page(raw, "x").text == latin  # the page's own declaration, the bytes agreeing
    assert decode_page(raw, "x", header_charset="iso-8859-1").encoding == "cp1252"
    koi8 = "<p>Совет одобрил план.</p>".encode("koi8-r")
    assert decode_page(koi8, "x", header_charset="koi8-r").text == "<p>Совет одобрил план.</p>"
    with pytest.raises(InputError, match="the page is empty"):
        decode_page(b"  \n", "x")


@pytest.mark.parametrize("path, limits, reason", [
    ("/nowhere.html", QUICK, "HTTP 404 Not Found (check the address)"),
    ("/slow.html", Limits(timeout=0.3, retries=0), "no answer within 0.3 s"),
    ("/trickle.html", Limits(timeout=0.5, retries=0), "the page did not arrive within 0.5 s"),
    ("/huge.html", Limits(max_bytes=1024 * 1024), "the page is 2 MB, over the 1 MB limit"),
    ("/huge-unsized.html", Limits(max_bytes=1024 * 1024), "the page is over the 1 MB limit"),
    ("/broken.html", Limits(timeout=2, retries=1), "HTTP 500 Internal Server Error (after 2 tries)"),
])
def test_a_page_that_cannot_be_read_is_a_failure_with_its_reason(site: Site, path: str, limits: Limits, reason: str):
    start = time.monotonic()
    documents, failures = gather((_spec(site, path, limits=limits),))
    assert documents == () and len(failures) == 1
    assert failures[0].origin == site.base + path and failures[0].reason.startswith(reason), failures[0].reason
    assert time.monotonic() - start < 2.5  # bounded: a short timeout, a short backoff


def test_a_dead_host_is_a_failure(site: Site):
    _, failures = gather((SourceSpec("url", "http://127.0.0.1:9/closed.html", Limits(timeout=1, retries=0)),))
    assert failures[0].reason.startswith("cannot connect")


def test_a_failed_try_is_retried(site: Site):
    site.flaky_calls = 0
    documents, failures = gather((_spec(site, "/flaky.html", limits=Limits(timeout=2, retries=1)),))
    assert failures == () and documents[0].title == "Harbour board approves five-year dredging plan"
    assert site.flaky_calls == 2
    site.flaky_calls = 0
    _, failures = gather((_spec(site, "/flaky.html", limits=Limits(timeout=2, retries=0)),))
    assert failures[0].reason.startswith("HTTP 503")


# ---- feeds ------------------------------------------------------------------------------------------------

def test_an_rss_feed_reads_each_item_and_names_the_dead_one(site: Site):
    documents, failures = gather((_spec(site, "/feeds/rss.xml", "feed"),))
    # the feed's third item is the first article again at another address: one article, read once
    assert [d.title for d in documents] == ["省政府召开常务会议 部署稳就业和春耕生产工作",
                                           "Harbour board approves five-year dredging plan"]
    assert [d.source_id for d in documents] == ["2024-03-18-standing-committee", "harbour-plan"]
    assert [r.kind for r in documents[0].repairs].count("copy") == 1
    assert [(f.origin, f.reason) for f in failures] == [
        (site.base + "/gone/2024-03-01-withdrawn.html", "HTTP 404 Not Found (check the address)")]


def test_max_items_reads_the_first_items_only(site: Site):
    documents, failures = gather((_spec(site, "/feeds/rss.xml", "feed", max_items=2),))
    assert len(documents) == 2 and failures == ()


def test_an_atom_feed_with_a_relative_link_and_an_item_without_one(site: Site):
    documents, failures = gather((_spec(site, "/feeds/atom.xml", "feed"),))
    assert failures == ()
    assert documents[0].origin == site.base + "/en/harbour-plan.html"
    second = documents[1]  # no link: its own content is the text, its date the feed's
    assert second.date == "2024-06-10" and second.title == "Pilot boat service: a note from the board"
    assert second.paragraphs[0].text.startswith("The board decided on Monday")


def test_a_local_feed_file(site: Site, tmp_path: Path):
    feed = tmp_path / "news.rss"
    feed.write_text((HERE / "rss.xml").read_text(encoding="utf-8").replace("{base}", site.base), encoding="utf-8")
    documents, failures = gather((SourceSpec("file", str(feed), QUICK, 2),))
    assert len(documents) == 2 and failures == ()


def test_a_local_feed_file_linking_to_local_pages(tmp_path: Path):
    shutil.copy(HERE / "zh-article.html", tmp_path / "2024-03-18-standing-committee.html")
    feed = tmp_path / "saved.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title>'
                    "<link>2024-03-18-standing-committee.html</link></item></channel></rss>", encoding="utf-8")
    documents, failures = gather((SourceSpec("feed", str(feed)),))
    assert failures == () and documents[0].title == "省政府召开常务会议 部署稳就业和春耕生产工作"
    assert documents[0].origin == str(tmp_path / "2024-03-18-standing-committee.html")


def test_a_page_listed_twice_is_read_once(site: Site):
    documents, _ = gather((_spec(site, "/en/harbour-plan.html"), _spec(site, "/feeds/atom.xml", "feed")))
    assert [d.origin for d in documents].count(site.base + "/en/harbour-plan.html") == 1


def test_a_web_feed_never_reads_a_local_file(site: Site):
    documents, failures = gather((_spec(site, "/feeds/local-links.xml", "feed"),))
    assert [d.origin for d in documents] == [site.base + "/en/harbour-plan.html"]  # a relative link is fine
    assert [f.reason for f in failures] == ["a feed from the web links to a non-web address (check the feed)"]
    assert failures[0].origin.startswith("file:") and failures[0].origin.endswith("etc/hostname")


def test_not_a_feed(site: Site):
    _, failures = gather((_spec(site, "/feeds/not-a-feed.xml", "feed"),))
    assert failures[0].reason.startswith("not an RSS or Atom feed")


# ---- local files ------------------------------------------------------------------------------------------

def test_a_local_html_file(tmp_path: Path):
    path = tmp_path / "notice.html"
    path.write_bytes(GB_PAGE.replace("<head>", '<head><meta charset="gbk">').encode("gb18030"))
    document = read_document(path)
    assert document.title == "关于做好防汛准备工作的通知" and document.encoding == "gb18030"
    assert len(document.paragraphs) == 2


def test_paragraphs_set_apart_by_br_and_indents_and_a_site_name_in_the_title(tmp_path: Path):
    path = tmp_path / "notice.htm"
    path.write_text(
        '<html><head><meta charset="utf-8"><title>关于做好防汛准备工作的通知_示例政务网</title></head><body>'
        '<div class="nav"><a href="/">首页</a></div><div id="zoom"><p>　　各市、县人民政府，省直各部门：<br>'
        "　　为切实做好今年防汛工作，现就有关事项通知如下。各地要在5月底前完成全部病险水库的除险加固。<br>"
        "　　一、压实防汛责任。各级政府主要负责同志是本行政区域防汛第一责任人，<br>要亲自部署、亲自检查。</p>"
        '</div><div class="foot">网站地图 | 联系我们</div></body></html>', encoding="utf-8")
    document = read_document(path)
    assert document.title == "关于做好防汛准备工作的通知"
    assert [p.text for p in document.paragraphs] == [
        "各市、县人民政府，省直各部门：",
        "为切实做好今年防汛工作，现就有关事项通知如下。各地要在5月底前完成全部病险水库的除险加固。",
        "一、压实防汛责任。各级政府主要负责同志是本行政区域防汛第一责任人，要亲自部署、亲自检查。"]


def test_a_word_file_keeps_paragraphs_and_tables(tmp_path: Path):
    import docx

    word = docx.Document()
    word.add_heading("关于做好稳就业工作的通知", level=1)
    word.add_paragraph("会议强调，要把稳就业摆在更加突出的位置，落实落细援企稳岗政策。")
    word.add_paragraph("")
    line = word.add_paragraph("2023年全省城镇新增就业52.6万人，")
    line.add_run().add_break()
    line.add_run("比上年增加1.8万人。")
    table = word.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("指标", "2023年"), ("城镇新增就业", "52.6万人"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    word.add_paragraph("会议要求，各地要抓住春耕关键时节。")
    path = tmp_path / "2024-03-18-notice.docx"
    word.save(path)
    document = read_document(path)
    assert document.title == "关于做好稳就业工作的通知" and document.date == "2024-03-18"
    assert [p.text for p in document.paragraphs] == [
        "会议强调，要把稳就业摆在更加突出的位置，落实落细援企稳岗政策。",
        "2023年全省城镇新增就业52.6万人，比上年增加1.8万人。",  # a line break inside a paragraph, glued
        "指标 | 2023年", "城镇新增就业 | 52.6万人",
        "会议要求，各地要抓住春耕关键时节。"]


EN_PARAGRAPHS = [["Harbour Board Statement"],
                 ["The board approved a five-year plan to deepen the main", "channel of the port, the largest works pro-",
                  "gramme in its history."],
                 ["The chair urged the city council to publish its road", "and rail timetable before the end of the year."]]
EN_JOINED = ["The board approved a five-year plan to deepen the main channel of the port, the largest works "
             "programme in its history.",
             "The chair urged the city council to publish its road and rail timetable before the end of the year."]
ZH_INDENTED = [["各地区各部门要加大对重点群体的就业帮扶力度，拓宽市场", "化社会化就业渠道，支持多渠道灵活就业。"],
               ["会议指出，2023年全省城镇新增就业52.6万人，城镇调查失", "业率平均为5.2%。"],
               ["会议要求，各地要加强监测。"]]


def test_a_pdf_keeps_paragraphs_by_spacing_across_pages(tmp_path: Path):
    path = tmp_path / "statement.pdf"
    second = [["Cargo handled rose from 18.4 million tonnes in 2022 to", "19.1 million tonnes in 2023."]]
    path.write_bytes(make_pdf([_layout(EN_PARAGRAPHS) + [(290, 40, "1")], _layout(second) + [(290, 40, "2")]]))
    document = read_document(path)
    assert document.title == "Harbour Board Statement"
    assert [p.text for p in document.paragraphs] == EN_JOINED + [
        "Cargo handled rose from 18.4 million tonnes in 2022 to 19.1 million tonnes in 2023."]
    assert [r.kind for r in document.repairs].count("page") == 2  # the page numbers


def test_a_chinese_pdf_keeps_paragraphs_by_first_line_indents(tmp_path: Path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(make_pdf([_indented(ZH_INDENTED)]))  # no gap between paragraphs, only indents
    document = read_document(path)
    assert [p.text for p in document.paragraphs] == [
        "各地区各部门要加大对重点群体的就业帮扶力度，拓宽市场化社会化就业渠道，支持多渠道灵活就业。",
        "会议指出，2023年全省城镇新增就业52.6万人，城镇调查失业率平均为5.2%。",
        "会议要求，各地要加强监测。"]
    assert not any(r.kind == "joined" for r in document.repairs)  # grouped as laid out, not repaired afterwards


@pytest.mark.parametrize("name, content, message", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "cannot read the Word file: not a .docx file, or damaged"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "cannot read the PDF"),
    ("empty.pdf", None, "the PDF has no text layer (a scan?) (run OCR on it first, or give the text)"),
    ("notes.doc", b"\xd0\xcf\x11\xe0", "cannot read .doc sources (save it as .docx)"),
    ("locked.pdf", "encrypted", "the PDF is encrypted (it asks for a password) (save or print a copy without protection)"),
])
def test_a_damaged_file_is_a_one_line_error(tmp_path: Path, name: str, content: bytes | None, message: str):
    path = tmp_path / name
    path.write_bytes(_encrypted_pdf() if content == "encrypted" else content if content is not None else make_pdf([[]]))
    with pytest.raises(InputError) as info:
        read_document(path)
    line = info.value.line()
    assert "\n" not in line and line.startswith(f"{path}: ") and message in line, line


# ---- the config -------------------------------------------------------------------------------------------

def _config(tmp_path: Path, sources: str) -> Path:
    (tmp_path / "notes.txt").write_text("会议强调，要做好工作。\n", encoding="utf-8")
    path = tmp_path / "briefing.yaml"
    path.write_text(f"title: 测试\nsources:\n{sources}\naudiences:\n  analyst: {{template: analyst}}\n", encoding="utf-8")
    return path


def test_config_takes_paths_urls_and_feeds_in_order(tmp_path: Path):
    path = _config(tmp_path, "  - notes.txt\n  - https://example.org/a.html\n"
                             "  - url: http://example.org/b\n    timeout: 0.5\n    retries: 0\n    max_mb: 2\n"
                             "  - feed: https://example.org/rss.xml\n    max_items: 3\n")
    config = load_config(path)
    assert [(s.kind, s.location) for s in config.source_specs] == [
        ("file", str(tmp_path / "notes.txt")), ("url", "https://example.org/a.html"),
        ("url", "http://example.org/b"), ("feed", "https://example.org/rss.xml")]
    assert config.source_specs[2].limits == Limits(timeout=0.5, retries=0, max_bytes=2 * 1024 * 1024)
    assert config.source_specs[1].limits == Limits() == Limits(timeout=20.0, retries=2, max_bytes=10 * 1024 * 1024)
    assert config.source_specs[3].max_items == 3
    assert config.sources == (tmp_path / "notes.txt",)  # the local files, as before


def test_config_source_errors_name_the_line(tmp_path: Path):
    path = _config(tmp_path, "  - url: ftp://example.org/a\n  - url: https://example.org/b\n    timeout: fast\n"
                             "    max_items: 3\n  - feed: feeds/missing.xml\n  - {page: https://example.org/c}\n"
                             "  - notes.*\n")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_config(path)
    lines = info.value.line().splitlines()
    assert lines == [
        f'{path}:3: sources.0.url: expected an http:// or https:// address, got "ftp://example.org/a" '
        "(a local file goes in sources: as a plain path)",
        f'{path}:6: sources.1.max_items: only a feed has items (remove max_items:, or make it a feed:)',
        f'{path}:5: sources.1.timeout: expected a number above 0, got "fast" '
        "(seconds one request may take, answer and all (default 20))",
        f'{path}:7: sources.2.feed: "feeds/missing.xml" not found (check the path; it is relative to {tmp_path})',
        f"{path}:8: sources.3.page: unknown key (use one of: file, url, feed, max_items, timeout, retries, max_mb, date)",
        f"{path}:8: sources.3: expected one of file:, url: or feed: "
        "(e.g. {file: sources/notice.txt, date: 2024-03-05} or {url: https://example.org/page.html})",
        f'{path}:9: sources.4: "notes.*" matches notes.csv, which no reader takes '
        "(give .txt, .md, .html, .docx, .pdf files or feeds (.xml, .rss, .atom); narrow the pattern)"]


def test_the_readme_documents_every_source_key():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Sources: files, web pages and feeds", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert all(f"{key}:" in section for key in SOURCE_KEYS), [k for k in SOURCE_KEYS if f"{k}:" not in section]
    assert all(ext in section for ext in READERS if ext not in (".text", ".markdown", ".xhtml"))


# ---- through the real command -----------------------------------------------------------------------------

def _project(tmp_path: Path, site: Site, extra: str, local: bool = True) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    sources = "  - data/sources/*.txt\n" if local else ""
    (tmp_path / "briefing.yaml").write_text(
        "title: 测试简报\nname: mixed\nsources:\n" + sources + extra +
        "audiences:\n  analyst: {template: analyst}\n", encoding="utf-8")
    return tmp_path / "briefing.yaml"


def test_a_build_with_a_dead_url_names_it_and_builds_the_rest(tmp_path: Path, site: Site):
    config = _project(tmp_path, site, f"  - {site.base}/zh/2024-03-18-standing-committee.html\n"
                                      f"  - url: {site.base}/gone.html\n    retries: 0\n    timeout: 2\n")
    result = run_cli("build", str(config), "--date", "2024-04-23", "--log-file", str(tmp_path / "build.log"))
    assert result.returncode == 0, result.stderr
    edition = tmp_path / "out" / "mixed" / "2024-04-23" / "analyst"
    manifest = json.loads((edition / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed_sources"] == [{"source": f"{site.base}/gone.html",
                                           "reason": "HTTP 404 Not Found (check the address)"}]
    assert [d["id"] for d in manifest["documents"]] == ["xinhua-2024-04-23-western-development",
                                                       "2024-03-18-standing-committee"]
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    assert f"**未能读取的来源**\n\n- {site.base}/gone.html：网页无法访问（HTTP 404），请核对地址\n" in digest  # in the digest's language
    assert f"{site.base}/gone.html" in result.stderr  # named where cron's mail shows it
    assert f"{site.base}/gone.html" in (tmp_path / "build.log").read_text(encoding="utf-8")


def test_a_web_source_is_fetched_before_a_build_is_skipped_as_up_to_date(tmp_path: Path, site: Site):
    config = _project(tmp_path, site, f"  - {site.base}/changing.html\n", local=False)
    built = [run_cli("build", str(config), "--date", "2024-03-18", "--verbose") for _ in range(2)]
    assert [r.returncode for r in built] == [0, 0] and "up to date" in built[1].stdout
    site.jobs = "53.1万人"  # the page changed; the config did not
    changed = run_cli("build", str(config), "--date", "2024-03-18", "--verbose")
    assert changed.returncode == 0 and "up to date" not in changed.stdout, changed.stdout
    digest = (tmp_path / "out/mixed/2024-03-18/analyst/digest.md").read_text(encoding="utf-8")
    assert "53.1万人" in digest or "53.1" in digest


def test_a_build_whose_sources_all_fail_exits_1(tmp_path: Path, site: Site):
    config = _project(tmp_path, site, f"  - url: {site.base}/gone.html\n    retries: 0\n"
                                      f"  - url: {site.base}/slow.html\n    timeout: 0.3\n    retries: 0\n",
                      local=False)
    result = run_cli("build", str(config), "--date", "2024-04-23")
    assert result.returncode == 1, result.stderr
    assert "no source could be read" in result.stderr and "/gone.html: HTTP 404" in result.stderr
    assert "/slow.html: no answer within 0.3 s" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("digest.md"))


DAMAGED = {  # each beside the sample: named in the edition, the sample still built (these were exit 2 before)
    "empty.txt": (b"", "the file is empty (give a document with text in it)"),
    "junk.txt": (bytes(range(256)) * 4, "this is not a text file (it contains NUL bytes) (convert it to UTF-8 text first)"),
    "latin.txt": ("Caf\xe9 na\xefve \x81\x82".encode("latin-1") * 3, "the text is neither UTF-8 nor GB18030 (save it as UTF-8)"),
}


def test_damaged_local_files_are_named_and_strict_fails(project: Path):
    for name, (content, _) in DAMAGED.items():
        (project / "data" / "sources" / name).write_bytes(content)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-04-23")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((project / "out/western-development/2024-04-23/analyst/manifest.json").read_text("utf-8"))
    assert manifest["failed_sources"] == [{"source": str(project / "data" / "sources" / name), "reason": reason}
                                          for name, (_, reason) in sorted(DAMAGED.items())]
    assert [d["id"] for d in manifest["documents"]] == ["xinhua-2024-04-23-western-development"]
    for name, (_, reason) in DAMAGED.items():
        assert f"{name}: could not be read: {reason}" in result.stderr
    strict = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-04-24", "--strict", "--force")
    assert strict.returncode == 1 and "empty.txt: could not be read" in strict.stderr, strict.stderr


# ---- a minimal PDF, written by hand --------------------------------------------------------------------------

def make_pdf(pages: list[list[tuple[int, int, str]]]) -> bytes:
    """A PDF of text lines (x, y, text): Latin in Helvetica, Chinese in the standard STSong-Light
    (UniGB-UCS2-H), so no font file is needed."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    latin = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
                     b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
              b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
    chinese = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
                  b"/DescendantFonts [%d 0 R] >>" % cid)
    parent = len(objects) + 2 * len(pages) + 1
    kids = []
    for lines in pages:
        ops = []
        for x, y, text in lines:
            if any(ord(c) > 255 for c in text):
                ops.append(b"BT /F2 12 Tf %d %d Td <%s> Tj ET" % (x, y, text.encode("utf-16-be").hex().encode()))
            else:
                escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")
                ops.append(b"BT /F1 11 Tf %d %d Td (%s) Tj ET" % (x, y, escaped))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (parent, content, latin, chinese)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def _encrypted_pdf() -> bytes:
    """A PDF whose trailer names a Standard security handler with a password nobody knows."""
    raw = make_pdf([_layout(EN_PARAGRAPHS)])
    number = raw.count(b" obj\n") + 1
    handler = b"%d 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>\nendobj\n" % (
        number, b"11" * 32, b"22" * 32)
    at = raw.index(b"xref\n")
    raw = raw[:at] + handler + raw[at:]  # the xref offsets are now off: readers rebuild them, as for real files
    return raw.replace(b"/Root", b"/Encrypt %d 0 R /ID [<%s> <%s>] /Root" % (number, b"00" * 16, b"00" * 16))


def _layout(paragraphs: list[list[str]], top: int = 780, leading: int = 16, gap: int = 14) -> list:
    """Lines set flush left, a blank gap between paragraphs."""
    lines, y = [], top
    for paragraph in paragraphs:
        for text in paragraph:
            lines.append((72, y, text))
            y -= leading
        y -= gap
    return lines


def _indented(paragraphs: list[list[str]], top: int = 780, leading: int = 16) -> list:
    """Lines set the Chinese way: no gap between paragraphs, the first line indented by two characters."""
    lines, y = [], top
    for paragraph in paragraphs:
        for i, text in enumerate(paragraph):
            lines.append((72 + (24 if i == 0 else 0), y, text))
            y -= leading
    return lines


def test_a_plain_text_page_in_markdown_is_read_as_markdown_and_a_url_date_is_its_date(site: Site):
    page = ("# Harbour Dredging Notice\n\n**Issued by the Harbour Board**\n\nThe board will dredge the *main* channel "
            "this year, as the [plan](https://example.org/plan) sets out.\n").encode("utf-8")
    site.routes["/notes/dredging.txt"] = lambda h: h.answer(page, "text/plain; charset=utf-8")
    document = read_url(site.base + "/notes/dredging.txt")
    assert document.title == "Harbour Dredging Notice" and document.date is None
    assert [p.text for p in document.paragraphs] == [
        "Issued by the Harbour Board", "The board will dredge the main channel this year, as the plan sets out."]
    config_dated = gather((SourceSpec("url", site.base + "/notes/dredging.txt", date="2025-07-01"),))[0]
    assert [d.date for d in config_dated] == ["2025-07-01"]


ARTICLE = ("川州召开全市经济工作会议\n\n"
           "12月3日，川州市委召开全市经济工作会议，总结今年经济工作，部署明年重点任务。\n\n"
           "会议强调，要坚持稳中求进工作总基调，加快建设现代化产业体系，推动经济实现质的有效提升和量的合理增长。\n\n"
           "会议指出，要着力扩大有效需求，办好民生实事，全年新增城镇就业5.2万人以上。\n\n"
           "会议要求，各级干部要担当作为，确保各项部署落地见效，以实干实绩迎接新一年的挑战。\n")


def test_one_article_under_two_names_is_read_once_and_the_copy_named(tmp_path: Path):
    """A repost: the same body with another site's header and editor line, under another name and title."""
    from briefing.ingest import gather
    from briefing.model import SourceSpec

    first = tmp_path / "2025-12-03-chuanzhou-meeting.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    repost = tmp_path / "2025-12-04-repost.txt"
    repost.write_text("转载：川州日报网\n\n" + ARTICLE.replace("川州召开全市经济工作会议", "【要闻】川州召开经济工作会议", 1)
                      + "\n（责任编辑：王某）\n", encoding="utf-8")
    other = tmp_path / "2025-12-05-other.txt"
    other.write_text(ARTICLE.split("\n\n", 2)[0] + "\n\n会议强调，要坚持稳中求进工作总基调，全力以赴抓好农业生产和乡村振兴各项工作。\n\n"
                     "会议要求，要压实责任，确保粮食安全和重要农产品稳定供给，守住不发生规模性返贫底线。\n", encoding="utf-8")
    documents, failures = gather(tuple(SourceSpec("file", str(p)) for p in (first, repost, other)))
    assert not failures
    assert [d.source_id for d in documents] == [first.stem, other.stem]  # the repost is the first's copy
    notes = [r.detail for r in documents[0].repairs if r.kind == "copy"]
    assert notes and str(repost) in notes[0] and "同一篇文章" in notes[0]
    assert not [r for r in documents[1].repairs if r.kind == "copy"]  # one shared sentence is no copy
