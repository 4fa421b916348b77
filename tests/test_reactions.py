"""Reactions, compare and rhetoric: the demo corpus (invented texts, data/demo) through
real spaCy and ingest, then read through the service, the CLI and the API."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph import service
from newsgraph.corpus.reactions import assess, channel, cue_strength

ROOT = Path(__file__).resolve().parent.parent


def test_the_cue_decides_first_and_intensity_ranks() -> None:
    harsh = assess("the killing a murder committed in cynical violation of international law", "denounced")
    mild = assess("the capture was a matter of concern", "said")
    warm = assess("“deep appreciation” for the peace efforts", "voiced")
    assert harsh.stance == "negative" and harsh.intensity > 0.8
    assert mild.stance != "positive" and mild.intensity < harsh.intensity
    assert warm.stance == "positive"  # curly quotes do not hide a word from the lexicon
    assert cue_strength("told reporters") is None and cue_strength("strongly condemned") < 0


def test_the_trained_model_reads_stance_and_the_lexicon_stays_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.corpus.reactions import lexicon_assess
    from newsgraph.nlp import linear
    from newsgraph.nlp.stance import classify, features

    r = classify("an outrageous and unacceptable attack on our people", "condemned")
    assert r is not None and r.stance == "negative" and r.level >= 2 and 0 < r.intensity <= 3
    assert classify("we welcome this agreement, it is good news for peace", "said").stance == "positive"
    f = features("this is not acceptable", None)
    assert "w=not_acceptable" in f and "w=acceptable" not in f and f["cue=NONE"] == 1.0
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "stance")
    assert classify("anything", None) is None
    a, lex = assess("the plan is a disgrace", "said"), lexicon_assess("the plan is a disgrace", "said")
    assert a.stance == lex.stance == "negative" and a.intensity == pytest.approx(lex.intensity * 3, abs=0.01)
    assert assess("the meeting is on Tuesday", "said").intensity == 0.0  # neutral: no intensity
    assert linear.load_model("stance") is None


def test_paranoia_is_not_a_positive_reading() -> None:
    a = assess("This points to the paranoia Putin's regime might have, playing it safe", "according to")
    assert a.stance != "positive"


def test_channel_is_read_near_the_statement() -> None:
    text = "In a statement posted on the Kremlin's website, Putin called it murder. Later he spoke on TV."
    start = text.index("murder")
    assert channel(text, start, start + 6) == "statement"
    assert channel(text, None, None) is None


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    report = service.ingest([str(ROOT / "data" / "demo")], db=db)
    assert report.failed == 0 and report.stories == report.stored == 7
    return db


def _stories(db: str) -> dict[str, str]:
    res = service.list_stories(db)
    return {("khamenei" if "Khamenei" in s["title"] else "maduro"): s["id"] for s in res["stories"]}


def test_demo_has_two_stories_with_the_copy_linked(demo_db: str) -> None:
    ids = _stories(demo_db)
    assert len(ids) == 2
    k = service.story(demo_db, ids["khamenei"])
    assert k is not None and k["story"]["n_articles"] == 4 and k["story"]["n_sources"] == 3
    copies = [a for a in k["articles"] if a["duplicate_of"]]
    assert [(a["id"], a["duplicate_of"], a["duplicate_kind"]) for a in copies] == [
        ("demo-khamenei-3", "demo-khamenei-2", "copy")]
    assert all("invented" in a["outlet"] for a in k["articles"])  # demo texts say what they are
    putin = [g for g in k["reactions_by_actor"] if g["name"] == "Vladimir Putin"]
    assert putin and putin[0]["stance_counts"]["negative"] >= 1


def test_compare_answers_the_worked_examples_question(demo_db: str) -> None:
    ids = _stories(demo_db)
    res = service.compare(demo_db, ids["maduro"], ids["khamenei"], speaker="Vladimir Putin")
    assert res is not None
    assert res["verdict"]["harsher"] == ids["khamenei"]
    harsh, mild = res["b"]["harshest"][0], res["a"]["harshest"][0]
    # "a murder committed in cynical violation ..." against "a matter of concern": intensity
    # is on the guideline's 0-3 scale.
    assert harsh["stance"] == "negative" and harsh["intensity"] >= 2.0 and harsh["score"] <= -0.5
    assert mild["stance"] != "negative" and mild["score"] > harsh["score"] + 0.5
    assert res["a"]["n_reactions"] >= 1 and res["b"]["stance_counts"]["negative"] >= 1
    assert service.compare(demo_db, ids["maduro"], "no-such-story") is None


def test_rhetoric_over_time(demo_db: str) -> None:
    r = service.rhetoric(demo_db, "person:vladimir-putin")
    assert [s["story_id"] for s in r["by_story"]] == [_stories(demo_db)["maduro"], _stories(demo_db)["khamenei"]]
    assert r["by_story"][0]["mean_score"] > r["by_story"][1]["mean_score"]
    assert [m["month"] for m in r["by_month"]] == ["2026-01", "2026-03"]


def test_cli_stories_and_compare(demo_db: str, run) -> None:
    ids = _stories(demo_db)
    res = run(["stories", "--db", demo_db, "--json"])
    assert res.returncode == 0 and json.loads(res.stdout)["total"] == 2
    res = run(["stories", ids["khamenei"], "--db", demo_db])
    assert res.returncode == 0 and "Vladimir Putin" in res.stdout
    res = run(["compare", ids["maduro"], ids["khamenei"], "--speaker", "Vladimir Putin", "--db", demo_db])
    assert res.returncode == 0 and f"harsher: {ids['khamenei']}" in res.stdout
    assert run(["stories", "nope", "--db", demo_db]).returncode == 2


def test_pages_and_their_json_twins(demo_db: str) -> None:
    from newsgraph.api import create_app

    c = TestClient(create_app(demo_db))
    ids = _stories(demo_db)
    for path in ("/stories", f"/story/{ids['khamenei']}", f"/compare?a={ids['maduro']}&b={ids['khamenei']}",
                 "/rhetoric/person:vladimir-putin"):
        page, twin = c.get(path), c.get("/api" + path)
        assert page.status_code == 200 and twin.status_code == 200, path
        assert 'href="/api' + path.replace("&", "&amp;") in page.text.replace("%3A", ":")
    assert c.get("/story/nope").status_code == 404 and c.get("/api/story/nope").json()["status"] == 404
    assert c.get("/api/compare?a=x").status_code == 422


def test_story_page_escapes_text(tmp_path: Path) -> None:
    from newsgraph.api import create_app

    src = tmp_path / "x.jsonl"
    evil = "<script>alert(1)</script>"
    src.write_text(json.dumps({"id": "x1", "title": evil + " strikes hit Tehran", "date": "2026-03-01",
                               "outlet": evil, "text": "US strikes hit Tehran on Sunday, officials said."}) + "\n")
    db = str(tmp_path / "x.db")
    service.ingest([str(src)], db=db)
    sid = service.list_stories(db)["stories"][0]["id"]
    html = TestClient(create_app(db)).get(f"/story/{sid}").text
    assert evil not in html and "&lt;script&gt;" in html
