"""The JSON API and the HTML pages, in process, against a real store.

The store is built once per session by ingesting a few small texts with the real
spaCy pipeline (so the pages are tested on whatever the extractors produce today),
plus one hand-made record written through the same ``Store.write`` path, whose
quotes, events and reactions are known exactly: the assertions that need exact
extractions use that one.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import service
from newsgraph.api import create_app
from newsgraph.api.highlight import highlight, segments
from newsgraph.errors import StoreError
from newsgraph.store import Store

TEXTS = {
    "putin.txt": """date 2026-03-04
Putin condemns killing of Khamenei
By Anna Writer, Example Times

Russian President Vladimir Putin on Tuesday condemned the killing of Iran's supreme leader Ali Khamenei. "This is a cynical murder," Putin said in a statement. The United States bombed Tehran on Monday.

Kremlin spokesman Dmitry Peskov said Russia was deeply disappointed that talks had failed. "We appreciate the American efforts for peace in Ukraine," Peskov told reporters.
""",
    "merkel.txt": """date 2020-09-05
Germany says Alexei Navalny was poisoned
By Wikinews contributors, Wikinews

German Chancellor Angela Merkel said on Wednesday that the Russian opposition leader Alexei Navalny had been poisoned with a nerve agent. "He was the victim of an attack," Merkel told reporters in Berlin. Russia denied any involvement and the Kremlin called the claims groundless.
""",
    # Markup in article text must come out as text: the browser test loads this page too.
    "xss.txt": """date 2021-01-10
Hackers post <script>window.__pwned=1</script> on a city website
By Staff, Example Times

The mayor of Springfield, John Smith, said hackers had posted <script>window.__pwned=1;alert(1)</script> and <img src=x onerror="window.__pwned=2;alert(2)"> on the city website. "We take this seriously," Smith said. Police arrested two men on Friday.
""",
}

FIXTURE_ID = "fixture-reactions"


def _span(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return i, i + len(s)


def fixture_record() -> dict[str, Any]:
    """A record with exact extractions: an event, reactions to it, and a crossing span."""
    text = ("Iran's leader was killed in a US strike on Tehran. Russian President Vladimir Putin called "
            "the strike \"a cynical murder\". China's Wang Yi said the attack was \"deeply worrying\". "
            "Israel's Benjamin Netanyahu welcomed the strike.")
    strike = _span(text, "a US strike on Tehran")
    e0 = {"id": FIXTURE_ID + "-e0", "type": "ASSAULT", "mode": None, "cameo": "195",
          "source": ["country:USA"], "target": ["country:IRN"], "date": "2026-03-01", "location": "Tehran",
          "from_caption": False, "historical": False, "said_in": None, "evidence": text[strike[0]:strike[1]],
          "start": strike[0], "end": strike[1], "confidence": 0.9}
    acc = _span(text, "Vladimir Putin called the strike")
    e1 = {**e0, "id": FIXTURE_ID + "-e1", "type": "ACCUSE", "cameo": "111", "source": ["person:vladimir-putin"],
          "target": ["country:USA"], "evidence": text[acc[0]:acc[1]], "start": acc[0], "end": acc[1],
          "said_in": FIXTURE_ID + "-q0", "location": None}

    def quote(i: int, content: str, speaker: str, speaker_text: str, cue: str, stance: str) -> dict[str, Any]:
        s, e = _span(text, content)
        ss, se = _span(text, speaker_text)
        cs, ce = _span(text, cue)
        return {"id": f"{FIXTURE_ID}-q{i}", "content": content, "start": s, "end": e, "fragments": [],
                "kind": "mixed", "speaker": speaker, "speaker_text": speaker_text, "speaker_start": ss,
                "speaker_end": se, "cue": cue, "cue_start": cs, "cue_end": ce, "about": [e0["id"]],
                "stance": stance, "channel": None}

    def actor(aid: str, name: str, kind: str, *mentions: str) -> dict[str, Any]:
        ms = []
        for m in mentions:
            s, e = _span(text, m)
            ms.append({"text": m, "start": s, "end": e, "kind": "name"})
        return {"id": aid, "name": name, "kind": kind, "country": None, "sector": None, "role": None,
                "aliases": [], "mentions": ms}

    return {
        "id": FIXTURE_ID,
        "source": {"path": None, "url": "javascript:alert(1)", "format": "jsonl"},
        "metadata": {"title": "Reactions to the strike", "date": "2026-03-02", "authors": [],
                     "outlet": "Fixture Post", "outlet_country": None, "language": "en", "standfirst": None},
        "text": text, "zones": [], "captions": [], "credits": [],
        "actors": [actor("person:vladimir-putin", "Vladimir Putin", "person", "Vladimir Putin"),
                   actor("person:wang-yi", "Wang Yi", "person", "Wang Yi"),
                   actor("country:USA", "United States", "country", "US"),
                   actor("country:IRN", "Iran", "country", "Iran")],
        "descriptors": [],
        "quotes": [quote(0, "a cynical murder", "person:vladimir-putin", "Vladimir Putin", "called", "negative"),
                   quote(1, "deeply worrying", "person:wang-yi", "Wang Yi", "said", "negative")],
        "events": [e0, e1],
        "non_events": [],
        "tone": {"tone": -3.0, "positive": 1.0, "negative": 4.0, "polarity": 5.0, "activity": 20.0,
                 "self_group": 0.0, "word_count": 40},
    }


def build_store(root: Path) -> Path:
    """Ingest TEXTS with the real pipeline, then add the hand-made record."""
    src = root / "texts"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    db = root / "api.db"
    report = service.ingest([str(src)], db=str(db))
    assert report.stored == len(TEXTS), report.errors
    with Store(db) as s:
        s.write([(fixture_record(), "fixture")])
    return db


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="session")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(str(store_path)))


def _article_id(client: TestClient, q: str) -> str:
    res = client.get("/api/search", params={"q": q}).json()
    assert res["total"] >= 1, q
    return res["results"][0]["id"]


# -- the API surface ---------------------------------------------------------------

def test_openapi_documents_every_json_route(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/article/{article_id}", "/api/actor/{actor_id}", "/api/event/{event_id}",
                 "/api/network", "/api/timeline", "/api/actors", "/api/stats"):
        assert path in doc["paths"], path
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "actor", "outlet", "date_from", "date_to", "event_type", "limit", "offset"} <= set(params)
    r = client.get("/docs")
    assert r.status_code == 200 and "/api/search" in r.text
    assert "cdn" not in r.text.lower() and "<script src=\"http" not in r.text
    # In words, not JSON Schema: no anyOf, no regular expression, no type=... codes.
    assert "anyOf" not in r.text and "maxLength" not in r.text and "\\d{4}" not in r.text
    assert "a whole number from 1 to 100, 20 when not given" in r.text
    assert "a date: YYYY, YYYY-MM or YYYY-MM-DD, optional" in r.text
    assert "one of AGREE, CONSULT" in r.text and "text of up to 300 characters, optional" in r.text
    assert "`" not in r.text and "<code>word*</code>" in r.text  # code spans as code, not backticks


def test_search_full_text_and_filters(client: TestClient) -> None:
    res = client.get("/api/search", params={"q": "Navalny poisoned"}).json()
    assert res["total"] == 1 and "Navalny" in res["results"][0]["title"]
    assert "[[" in res["results"][0]["snippet"]
    assert client.get("/api/search", params={"q": "Navalny", "date_from": "2021"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "Navalny", "date_to": "2020-09"}).json()["total"] == 1
    assert client.get("/api/search", params={"outlet": "Fixture Post"}).json()["total"] == 1
    by_type = client.get("/api/search", params={"event_type": "assault"}).json()
    assert FIXTURE_ID in {r["id"] for r in by_type["results"]}
    # Actor filter by id and by name, resolving to the same actor.
    by_id = client.get("/api/search", params={"actor": "person:wang-yi"}).json()
    by_name = client.get("/api/search", params={"actor": "Wang Yi"}).json()
    assert by_id["actor"]["id"] == by_name["actor"]["id"] == "person:wang-yi"
    assert [r["id"] for r in by_id["results"]] == [FIXTURE_ID]
    nobody = client.get("/api/search", params={"actor": "Nobody Atall"}).json()
    assert nobody["actor"] is None and nobody["total"] == 0
    # Paging
    everything = client.get("/api/search", params={"limit": 100}).json()
    assert everything["total"] == len(TEXTS) + 1
    page2 = client.get("/api/search", params={"limit": 2, "offset": 2}).json()
    assert [r["id"] for r in page2["results"]] == [r["id"] for r in everything["results"][2:4]]
    # FTS syntax in user input is only words.
    for q in ('"', "AND OR NOT", "NEAR(", "*", "col:val", "'; DROP TABLE articles; --"):
        assert client.get("/api/search", params={"q": q}).status_code == 200, q


def test_search_page_renders_the_same_results(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "Putin"}).json()
    page = client.get("/", params={"q": "Putin"}).text
    for r in data["results"]:
        assert html.escape(r["title"], quote=False) in page
        assert f'/article/{r["id"]}' in page
    assert "<mark>" in page
    assert '/api/search?q=Putin' in page  # the page links its JSON twin


def test_article_json_and_html(client: TestClient) -> None:
    aid = _article_id(client, "Khamenei condemned")
    data = client.get(f"/api/article/{aid}").json()
    text = data["text"]
    assert data["article"]["title"] == "Putin condemns killing of Khamenei"
    assert data["article"]["date"] == "2026-03-04"
    assert any(a["name"] == "Vladimir Putin" for a in data["actors"])
    for s in data["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(text), s
    page = client.get(f"/article/{aid}").text
    # Every side-list anchor exists in the highlighted text.
    for item in data["quotes"] + data["events"] + [a for a in data["actors"] if a["anchor"]]:
        assert f'id="{item["anchor"]}"' in page, item
    # The text is all there once tags are stripped.
    body = re.search(r'<article class="text" id="text">(.*?)</article>', page, re.DOTALL).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text


def test_article_with_markup_is_escaped(client: TestClient) -> None:
    aid = _article_id(client, "Springfield hackers")
    page = client.get(f"/article/{aid}").text
    assert "<script>window" not in page and "<img" not in page
    body = re.search(r'<article class="text" id="text">(.*?)</article>', page, re.DOTALL).group(1)
    # Highlights may cut the markup into pieces; as text it is all there.
    assert '<img src=x onerror="window.__pwned=2;alert(2)">' in _strip(body)
    assert "<script>window.__pwned=1;alert(1)</script>" in _strip(body)
    # The only <script> elements are our own file and JSON data islands.
    for tag in re.findall(r"<script[^>]*>", page):
        assert 'src="/static/app.js"' in tag or 'type="application/json"' in tag, tag


def test_unsafe_source_url_is_not_linked(client: TestClient) -> None:
    data = client.get(f"/api/article/{FIXTURE_ID}").json()
    assert data["article"]["url"] is None
    assert "javascript:" not in client.get(f"/article/{FIXTURE_ID}").text


def test_event_page_shows_reactions_with_stance(client: TestClient) -> None:
    eid = FIXTURE_ID + "-e0"
    data = client.get(f"/api/event/{eid}").json()
    assert data["event"]["type"] == "ASSAULT"
    assert data["event"]["article_id"] == FIXTURE_ID
    speakers = {r["speaker"]: r for r in data["reactions"]}
    assert set(speakers) == {"person:vladimir-putin", "person:wang-yi"}
    assert speakers["person:wang-yi"]["content"] == "deeply worrying"
    assert data["stance_counts"] == {"negative": 2}
    assert data["context"]["text"][data["context"]["spans"][0]["start"]:data["context"]["spans"][0]["end"]] \
        == "a US strike on Tehran"
    page = client.get(f"/event/{eid}").text
    assert "deeply worrying" in page and "/actor/person%3Awang-yi" in page and "negative" in page
    # An event performed in a statement links to it.
    said = client.get(f"/api/event/{FIXTURE_ID}-e1").json()
    assert said["said_in"]["id"] == FIXTURE_ID + "-q0"


def test_actor_page(client: TestClient) -> None:
    data = client.get("/api/actor/person:vladimir-putin").json()
    assert data["actor"]["name"] == "Vladimir Putin"
    assert data["actor"]["articles"] >= 2
    assert any(s["content"] == "a cynical murder" for s in data["statements"]["items"])
    assert any(e["id"] == FIXTURE_ID + "-e1" for e in data["events_as_source"])
    partners = {p["id"]: p for p in data["interactions"]}
    assert partners["country:USA"]["events_out"] >= 1
    assert partners["country:USA"]["statements_out"] >= 1  # talked about the strike, whose source is the US
    assert any(m["month"] == "2026-03" for m in data["timeline"])
    page = client.get("/actor/person:vladimir-putin").text
    assert "a cynical murder" in page and 'data-chart="timeline"' in page
    # Date filter: nothing of Putin's before 2000.
    old = client.get("/api/actor/person:vladimir-putin", params={"date_to": "1999"}).json()
    assert old["statements"]["total"] == 0 and old["events_as_source"] == []


def test_network_edges_weighted_and_date_filtered(client: TestClient) -> None:
    data = client.get("/api/network").json()
    ids = {n["id"] for n in data["nodes"]}
    assert {"country:USA", "country:IRN", "person:vladimir-putin"} <= ids
    edge = next(e for e in data["edges"] if e["source"] == "country:USA" and e["target"] == "country:IRN")
    assert edge["events"] >= 1 and edge["weight"] >= edge["events"]
    wang = next(e for e in data["edges"] if e["source"] == "person:wang-yi")
    assert wang["statements"] >= 1
    assert client.get("/api/network", params={"date_to": "2000"}).json()["edges"] == []
    only = client.get("/api/network", params={"event_type": "ACCUSE"}).json()
    assert all(e["statements"] == 0 for e in only["edges"])
    page = client.get("/network").text
    assert 'id="network-data"' in page and 'data-chart="network"' in page


def test_timeline(client: TestClient) -> None:
    data = client.get("/api/timeline").json()
    months = {m["month"]: m for m in data["months"]}
    assert months["2026-03"]["events"] >= 2 and months["2026-03"]["by_type"]["ASSAULT"] >= 1
    assert months["2020-09"]["articles"] == 1
    wang = client.get("/api/timeline", params={"actor": "Wang Yi"}).json()
    assert wang["actor"]["id"] == "person:wang-yi" and [m["month"] for m in wang["months"]] == ["2026-03"]
    assert client.get("/timeline", params={"event_type": "ASSAULT"}).status_code == 200


def test_every_page_has_a_json_twin(client: TestClient) -> None:
    for path in ("/", f"/article/{FIXTURE_ID}", "/actor/person:wang-yi", f"/event/{FIXTURE_ID}-e0",
                 "/network", "/timeline"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
        twin = re.search(r'<a class="json" href="([^"]+)"', page.text).group(1)
        j = client.get(html.unescape(twin))
        assert j.status_code == 200 and j.headers["content-type"] == "application/json", twin


# -- validation, errors, safety ------------------------------------------------------

@pytest.mark.parametrize("path,params", [
    ("/api/search", {"limit": 0}), ("/api/search", {"limit": 101}), ("/api/search", {"offset": -1}),
    ("/api/search", {"offset": 10**9}), ("/api/search", {"q": "x" * 501}), ("/api/search", {"date_from": "2020-13-45x"}),
    ("/api/search", {"date_to": "yesterday"}), ("/api/search", {"event_type": "DANCE"}),
    ("/api/search", {"actor": "a" * 301}), ("/api/search", {"limit": "ten"}), ("/api/network", {"limit": 1}),
    ("/api/network", {"min_weight": 0}), ("/api/actor/person:wang-yi", {"limit": 100000}),
    ("/api/actors", {"name": ""}), ("/", {"limit": 1000}), ("/network", {"date_from": "<script>"}),
])
def test_bad_parameters_are_422(client: TestClient, path: str, params: dict[str, Any]) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 422, (path, params, r.text[:300])
    if not path.startswith("/api"):
        assert r.headers["content-type"].startswith("text/html") and "<script>" not in r.text.split("</head>")[1]


@pytest.mark.parametrize("path", [
    "/api/article/nope", "/article/nope", "/api/actor/nobody", "/actor/nobody", "/api/event/none", "/event/none",
    "/api/article/..%2F..%2Fetc%2Fpasswd", "/article/%00", "/api/article/'%20OR%201=1--", "/nowhere",
    "/api/article/" + "x" * 301,
])
def test_unknown_or_odd_ids_are_4xx(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert 400 <= r.status_code < 500, (path, r.status_code)
    if path.startswith("/api/"):
        assert r.headers["content-type"] == "application/json"


def test_empty_form_fields_mean_not_given(client: TestClient) -> None:
    r = client.get("/", params={"q": "", "actor": "", "outlet": "", "date_from": "", "date_to": "", "event_type": ""})
    assert r.status_code == 200


def test_head_is_answered_like_get(client: TestClient) -> None:
    r = client.head("/")
    assert r.status_code == 200 and r.content == b"" and r.headers["content-type"].startswith("text/html")
    assert client.head("/article/nope").status_code == 404


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/", "/api/search", "/static/app.js", "/article/nope", "/api/search?limit=0", "/openapi.json"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, path
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"


def test_templates_never_mark_text_safe() -> None:
    root = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "api" / "templates"
    for t in root.glob("*.html"):
        assert "|safe" not in t.read_text().replace(" ", ""), t.name
        assert "style=" not in t.read_text(), t.name  # CSP forbids inline style


def test_store_is_read_only(client: TestClient, store_path: Path) -> None:
    before = hashlib.sha1(store_path.read_bytes()).hexdigest()
    for _ in range(3):
        client.get("/api/search", params={"q": "Putin"})
        client.get(f"/api/article/{FIXTURE_ID}")
    assert hashlib.sha1(store_path.read_bytes()).hexdigest() == before
    pool = client.app.state.pool
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        pool.get().conn.execute("DELETE FROM articles")


def test_cached_aggregates_follow_store_changes(store_path: Path, tmp_path: Path) -> None:
    """An ingest committing while the server runs shows up at once: the caches
    (facets, edges, network) are keyed on the store files' state."""
    db = tmp_path / "copy.db"
    src, dst = sqlite3.connect(store_path), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    c = TestClient(create_app(str(db)))

    def usa_iran() -> int:
        edges = c.get("/api/network").json()["edges"]
        return next(e["events"] for e in edges if e["source"] == "country:USA" and e["target"] == "country:IRN")

    before = usa_iran()
    assert "Other Post" not in {o["outlet"] for o in c.get("/api/search").json()["facets"]["outlets"]}
    other = json.loads(json.dumps(fixture_record()).replace(FIXTURE_ID, "fixture-other"))
    other["metadata"]["outlet"] = "Other Post"
    with Store(db) as w:
        w.write([(other, "other")])
    assert "Other Post" in {o["outlet"] for o in c.get("/api/search").json()["facets"]["outlets"]}
    assert usa_iran() == before + 1
    partners = {p["id"]: p for p in c.get("/api/actor/person:wang-yi").json()["interactions"]}
    assert partners["country:USA"]["statements_out"] == 2


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(str(tmp_path / "none.db"))
    exe = Path(sys.executable).with_name("newsgraph")
    r = subprocess.run([str(exe), "serve", "--db", str(tmp_path / "none.db"), "--port", "1"],
                       capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 2 and "no such store" in " ".join(r.stderr.split()) and "Traceback" not in r.stderr


def test_host_header_checked_when_asked(store_path: Path) -> None:
    c = TestClient(create_app(str(store_path), allowed_hosts=["127.0.0.1", "localhost"]),
                   base_url="http://127.0.0.1")
    assert c.get("/api/stats").status_code == 200
    assert c.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(
    st.sampled_from(["q", "actor", "outlet", "date_from", "date_to", "event_type", "limit", "offset"]),
    st.one_of(st.text(max_size=40), st.integers(-5, 200).map(str)), max_size=5))
def test_search_never_500(client: TestClient, params: dict[str, str]) -> None:
    for path in ("/api/search", "/"):
        r = client.get(path, params=params)
        assert r.status_code in (200, 422), (params, r.status_code, r.text[:200])


# -- the highlighter ------------------------------------------------------------------

def _strip(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _balanced(markup: str) -> bool:
    depth = 0
    for tag in re.findall(r"</?span", markup):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def test_highlight_nests_and_splits_crossing_spans() -> None:
    text = "Putin said the strike was murder."
    spans = [{"start": 0, "end": 20, "kind": "quote", "ref": "q0", "anchor": "q0"},
             {"start": 11, "end": 32, "kind": "event", "ref": "e0", "anchor": "e0"},
             {"start": 0, "end": 5, "kind": "mention", "ref": "a0", "anchor": "a0-m0"}]
    tree = segments(text, spans)
    out = str(highlight(text, spans))
    assert _strip(out) == text and _balanced(out)
    # The event crosses the quote's end: two pieces, one anchor.
    assert out.count('data-ref="e0"') == 2 and out.count('id="e0"') == 1
    assert tree[0]["span"]["kind"] == "quote" and tree[0]["children"][0]["span"]["kind"] == "mention"


def test_highlight_escapes_text_and_attributes() -> None:
    text = '<script>alert(1)</script> & "x"'
    out = str(highlight(text, [{"start": 0, "end": 8, "kind": "quote", "ref": 'r"><b', "anchor": "a",
                                "label": '"><img src=x onerror=alert(1)>'}]))
    assert "<script>" not in out and "<img" not in out
    assert _strip(out) == text


def test_highlight_ignores_bad_offsets() -> None:
    text = "abc"
    out = str(highlight(text, [{"start": 2, "end": 1}, {"start": -5, "end": 99, "kind": "event"},
                               {"start": None, "end": 2}, {"start": "0", "end": 2}, {"start": True, "end": 2}]))
    assert _strip(out) == text and _balanced(out)
    assert str(highlight("", [{"start": 0, "end": 1}])) == ""


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), min_size=0, max_size=40),
       raw=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45),
                              st.sampled_from(["quote", "event", "mention", "cue", "caption"])), max_size=8))
def test_highlight_keeps_text_and_balance(text: str, raw: list[tuple[int, int, str]]) -> None:
    spans = [{"start": a, "end": b, "kind": k, "ref": f"r{i}", "anchor": f"r{i}"} for i, (a, b, k) in enumerate(raw)]
    out = str(highlight(text, spans))
    assert _strip(out) == text
    assert _balanced(out)
    # Each valid span is opened with its anchor exactly once.
    for i, (a, b, _) in enumerate(raw):
        if max(0, a) < min(len(text), b):
            assert out.count(f'id="r{i}"') == 1


# -- conformance: every body the API sends is the one its OpenAPI document describes (issue 19, hole 6)

def _advertised(doc: dict[str, Any], path: str, status: str):
    """The model behind what ``doc`` advertises as ``path``'s ``status`` body (the app's
    own pydantic models generate those schemas; extra fields are forbidden in them)."""
    from newsgraph.api import app as api_app

    ref = doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]["$ref"]
    name = ref.rsplit("/", 1)[1]
    assert doc["components"]["schemas"][name]["additionalProperties"] is False
    return getattr(api_app, name)


@pytest.mark.parametrize("path, url", [
    ("/api/search", "/api/search?limit=abc&offset=-1"), ("/api/network", "/api/network?limit=1"),
    ("/api/timeline", "/api/timeline?date_from=13"), ("/api/actors", "/api/actors?name="),
    ("/api/article/{article_id}", "/api/article/" + "x" * 301), ("/api/actor/{actor_id}", "/api/actor/x?limit=0"),
])
def test_422_bodies_match_the_advertised_schema(client: TestClient, path: str, url: str) -> None:
    doc = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in doc["components"]["schemas"]  # FastAPI's shape, which we never send
    r = client.get(url)
    assert r.status_code == 422, r.text
    _advertised(doc, path, "422").model_validate(r.json())
    assert all(item["type"] and item["loc"][0] in ("query", "path") for item in r.json()["detail"])


@pytest.mark.parametrize("path, url", [("/api/article/{article_id}", "/api/article/nope"),
                                       ("/api/actor/{actor_id}", "/api/actor/nobody"),
                                       ("/api/event/{event_id}", "/api/event/none")])
def test_404_of_id_routes_is_documented(client: TestClient, path: str, url: str) -> None:
    doc = client.get("/openapi.json").json()
    assert "404" in doc["paths"][path]["get"]["responses"]
    r = client.get(url)
    assert r.status_code == 404
    _advertised(doc, path, "404").model_validate(r.json())


@pytest.mark.parametrize("method, url", [("post", "/api/search"), ("delete", "/api/article/x"), ("put", "/"),
                                         ("patch", "/article/x"), ("post", "/openapi.json"),
                                         ("delete", "/static/app.js")])
def test_405_says_what_is_allowed(client: TestClient, method: str, url: str) -> None:
    r = client.request(method, url)
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, HEAD"
    # And what it allows is true.
    assert client.head(url).status_code in (200, 404) and client.get(url).status_code in (200, 404)


def test_search_facets_follow_the_query(client: TestClient, store_path: Path):
    """Facet counts are those of what the search matched, each ignoring its own choice."""
    import sqlite3

    everything = client.get("/api/search").json()["facets"]
    q = "Putin"
    res = client.get("/api/search", params={"q": q, "limit": 100}).json()
    facets = res["facets"]
    assert sum(o["n"] for o in facets["outlets"]) <= res["total"] < sum(o["n"] for o in everything["outlets"])
    with sqlite3.connect(store_path) as c:
        ids = [r["id"] for r in res["results"]]
        marks = ",".join("?" * len(ids))
        want = dict(c.execute(f"SELECT type, count(DISTINCT article_id) FROM events WHERE article_id IN ({marks})"
                              " GROUP BY type", ids).fetchall())
        outlets = dict(c.execute(f"SELECT outlet, count(*) FROM articles WHERE id IN ({marks}) AND outlet IS NOT NULL"
                                 " GROUP BY outlet", ids).fetchall())
    assert {t["type"]: t["n"] for t in facets["event_types"]} == want
    assert {o["outlet"]: o["n"] for o in facets["outlets"]} == outlets
    # Choosing an event type narrows the results, but its own list still offers the others.
    t = facets["event_types"][0]
    narrowed = client.get("/api/search", params={"q": q, "event_type": t["type"], "limit": 100}).json()
    assert narrowed["total"] == t["n"]
    assert narrowed["facets"]["event_types"] == facets["event_types"]


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB to CIELAB (D65), to measure how far apart two colours look."""
    def lin(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (lin(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_every_plover_type_has_a_colour_told_apart_from_the_others():
    import itertools
    import re

    from newsgraph.model import PLOVER_TYPES

    js = (Path(__file__).resolve().parent.parent / "src/newsgraph/api/static/app.js").read_text(encoding="utf-8")
    block = re.search(r"TYPE_COLORS = \{(.*?)\};", js, re.DOTALL).group(1)
    colours = dict(re.findall(r"(\w+): \"(#[0-9A-Fa-f]{6})\"", block))
    assert set(colours) == set(PLOVER_TYPES)
    closest = min((sum((p - q) ** 2 for p, q in zip(_lab(colours[a]), _lab(colours[b]), strict=True)) ** 0.5, a, b)
                  for a, b in itertools.combinations(colours, 2))
    assert closest[0] >= 20, closest  # CIE76 distance; about 2.3 is just noticeable
