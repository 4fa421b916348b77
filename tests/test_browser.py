"""The UI in a real headless Chromium (Debian's, never a downloaded one) against the
real server (`newsgraph serve` in a subprocess) over a real store.

Run with `make test-browser` (or `pytest -m browser`).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_api import FIXTURE_ID, build_store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(build_store(tmp_path_factory.mktemp("browser")))


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo corpus (invented texts, data/demo: two stories and their reactions)
    ingested with real spaCy, so that stories come out of ingest as they do for a user."""
    from newsgraph import service

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    report = service.ingest([str(Path(__file__).resolve().parent.parent / "data" / "demo")], db=str(db))
    assert report.failed == 0 and report.stories > 0
    yield from _serve(db)


def _serve(db: Path) -> Iterator[str]:
    port = _free_port()
    exe = Path(sys.executable).with_name("newsgraph")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"server did not start: {out}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = ctx.new_page()
    pg.problems = []  # JS errors and CSP violations seen on this page
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    yield pg
    ctx.close()


def test_search_article_actor_event_flow(server: str, page) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "Khamenei condemned")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    page.click("ol.hits a.title >> text=Putin condemns killing of Khamenei")
    page.wait_for_url("**/article/**")
    assert page.locator("h1").inner_text() == "Putin condemns killing of Khamenei"
    assert page.locator("#text .hl-mention").count() > 0
    # The side list jumps to a mention in the text.
    first = page.locator("#side li[data-ref] a.jump").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("location.hash") == target
    # Toggling a kind off hides its highlight (a class on body, no inline style).
    page.uncheck("input[data-toggle=mention]")
    assert "hide-mention" in page.evaluate("document.body.className")

    page.click("#side a.actor >> text=Vladimir Putin")
    page.wait_for_url("**/actor/**")
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    assert page.locator("figure[data-chart=timeline] svg rect").count() > 0

    page.click(f"a[href='/event/{FIXTURE_ID}-e1']")
    page.wait_for_url("**/event/**")
    assert "ACCUSE" in page.locator("h1").inner_text()
    page.click("a[href^='/article/'] >> nth=0")
    page.wait_for_url(f"**/article/{FIXTURE_ID}")
    page.click(f"#side a[href='/event/{FIXTURE_ID}-e0']")
    page.wait_for_url("**/event/**")
    assert page.locator("ol.statements li").count() == 2
    assert "deeply worrying" in page.inner_text("main")
    assert page.problems == []


def test_markup_in_article_text_never_runs(server: str, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script("window.__pwned = 0;")
    r = httpx.get(server + "/api/search", params={"q": "Springfield hackers"}).json()
    aid = r["results"][0]["id"]
    page.goto(f"{server}/article/{aid}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") == 0
    assert dialogs == []
    assert page.locator("#text img").count() == 0 and page.locator("#text script").count() == 0
    text = page.inner_text("#text")
    assert "<script>window.__pwned=1;alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned=2;alert(2)">' in text
    # The title holds markup too: shown as text in the heading and the search results.
    assert "<script>" in page.locator("h1").inner_text()
    page.goto(f"{server}/?q=hackers")
    assert page.evaluate("window.__pwned") == 0 and dialogs == []


def test_network_and_timeline_draw(server: str, page) -> None:
    page.goto(server + "/network")
    page.wait_for_selector("figure[data-chart=network] svg g.node")
    assert page.locator("svg g.node").count() >= 3
    assert page.locator("svg line.edge").count() >= 2
    page.hover("svg g.node circle >> nth=0")
    assert page.locator("svg g.node.dim").count() + page.locator("svg g.node:not(.dim)").count() >= 3
    page.goto(server + "/timeline")
    page.wait_for_selector("figure[data-chart=timeline] svg")
    assert page.locator("figure[data-chart=timeline] svg rect").count() > 0
    page.goto(server + "/docs")
    assert "/api/search" in page.inner_text("main")
    assert page.problems == []


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newsgraph serve` over the 20 bundled sample articles (what `make run` shows)."""
    from newsgraph import service

    db = tmp_path_factory.mktemp("sample") / "sample.db"
    service.ingest([str(Path(__file__).resolve().parent.parent / "data" / "sample")], db=str(db))
    port = _free_port()
    exe = Path(sys.executable).with_name("newsgraph")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# Where the screenshots go: docs/screenshots with NEWSGRAPH_SCREENSHOTS=docs/screenshots
# (`make screenshots`), a temporary folder otherwise (so a test run changes no tracked file).
def _shots(tmp_path: Path) -> Path:
    where = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    return Path(where) if where else tmp_path


def test_sample_network_labels_do_not_overlap(sample_server: str, page, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(sample_server + "/network")
    page.wait_for_selector("figure[data-chart=network] svg g.node")
    names = page.evaluate("() => Array.from(document.querySelectorAll('svg g.node text')).map(t => t.textContent)")
    assert "Wikinews" not in names and not any(n[:1].isdigit() for n in names)  # no outlet, no "36 people"
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('svg g.node:not(.unlabelled) text'))
        .map(t => { const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })""")
    assert len(boxes) >= 10
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1]
    assert overlaps == []
    out = _shots(tmp_path)
    page.screenshot(path=str(out / "network.png"))
    page.goto(sample_server + "/timeline")
    page.wait_for_selector("figure[data-chart=timeline] svg")
    # Articles and statements each on their own scale: both lines rise to the top.
    tops = page.evaluate("""() => Array.from(document.querySelectorAll('figure[data-chart=timeline] polyline'))
        .map(p => Math.min(...p.getAttribute('points').split(' ').map(xy => +xy.split(',')[1])))""")
    assert len(tops) >= 2 and max(tops) - min(tops) < 1
    page.screenshot(path=str(out / "timeline.png"))
    page.goto(sample_server + "/docs")
    assert "a whole number from 1 to 100" in page.inner_text("main")
    page.screenshot(path=str(out / "docs.png"))
    assert page.problems == []


def _demo_stories(base: str) -> dict[str, str]:
    rows = httpx.get(base + "/api/stories").json()["stories"]
    return {("khamenei" if "Khamenei" in r["title"] else "maduro"): r["id"] for r in rows}


def test_story_page_and_rhetoric_timeline(demo_server: str, page) -> None:
    ids = _demo_stories(demo_server)
    page.goto(demo_server + "/stories")
    assert page.locator("table.stories tbody tr").count() == 2
    page.click(f"table.stories a[href='/story/{ids['khamenei']}']")
    page.wait_for_url("**/story/**")
    assert "Khamenei" in page.locator("h1").inner_text()
    assert page.locator("table.over-time tbody tr").count() >= 1
    # The syndicated copy is marked against its original.
    assert "copy of" in page.inner_text("main")
    group = page.locator(".reaction-group", has=page.locator("a.actor", has_text="Vladimir Putin"))
    assert group.count() == 1 and group.locator("ol.statements li").count() >= 1
    assert "negative" in group.inner_text() and "/3" in group.inner_text()
    group.locator("a[href^='/rhetoric/']").click()
    page.wait_for_url("**/rhetoric/**")
    assert page.locator("h1").inner_text() == "Rhetoric of Vladimir Putin"
    rows = page.locator("section >> nth=0").locator("tbody tr")
    assert rows.count() == 2  # the Maduro story, then the Khamenei story
    assert "Maduro" in rows.nth(0).inner_text() and "Khamenei" in rows.nth(1).inner_text()
    # The actor page links to the same timeline.
    page.goto(demo_server + "/actor/person:vladimir-putin")
    assert page.locator("a[href^='/rhetoric/']").count() >= 1
    assert page.problems == []


def test_compare_page_names_the_harsher_story(demo_server: str, page) -> None:
    ids = _demo_stories(demo_server)
    page.goto(f"{demo_server}/compare?a={ids['maduro']}&b={ids['khamenei']}&speaker=Vladimir+Putin")
    assert "Vladimir Putin" in page.locator("h1").inner_text()
    verdict = page.locator("p.verdict").inner_text()
    assert "Khamenei" in verdict and "Maduro" not in verdict
    sides = page.locator("section.side")
    assert sides.count() == 2
    assert sides.nth(1).locator("ol.statements li").count() >= 1
    # Both sides link back to their story.
    sides.nth(0).locator("h2 a").click()
    page.wait_for_url(f"**/story/{ids['maduro']}")
    assert page.problems == []
