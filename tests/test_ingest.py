"""Readers and cleaning: the text shape, JSONL fields, HTML pages, directories, globs,
stdin and .gz, limits, and that no field of an input ever opens another file."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from fixtures.bad_inputs import FRENCH, GERMAN, html_page, jsonl_record, story

from newsgraph.errors import InputError
from newsgraph.ingest import read_inputs
from newsgraph.ingest.clean import clean, parse_byline, split_credit
from newsgraph.ingest.common import decode, stable_id
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import record_to_article
from newsgraph.ingest.language import english_score
from newsgraph.ingest.sources import read_stream
from newsgraph.ingest.text import read_text
from newsgraph.model import Article, to_record
from newsgraph.settings import Settings, get_settings

S = Settings()


def articles(items):
    return [x for x in items if not isinstance(x, InputError)]


def errors(items):
    return [x for x in items if isinstance(x, InputError)]


def zone_text(a: Article, kind: str) -> list[str]:
    return [a.text[z.start:z.end] for z in a.zones if z.kind == kind]


# -- the plain-text shape ------------------------------------------------------------------

def test_text_shape_header_caption_byline_standfirst_credit():
    s = story(1)
    a = read_text(s.text, "t.txt", S, path="t.txt")
    m = a.metadata
    assert m.date == s.date
    assert m.authors == [s.author]
    assert m.outlet == s.outlet
    assert m.outlet_country == "GBR"  # "UK" in the byline
    assert m.standfirst == s.standfirst
    assert m.title is None  # the header line holds a caption, not a title
    # The caption on the date line and the caption paragraph, each with its own date.
    assert [c.text for c in a.captions] == [
        s.text.split("Image – ", 1)[1].split("\n", 1)[0], s.caption]
    assert a.captions[0].date == f"{int(s.date[:4]) - 1}-03"
    assert a.captions[1].date == f"{int(s.date[:4]) - 2}-05"
    assert a.captions[1].credit == f"Photograph: {s.photographer}/{s.agency}"
    [credit] = a.credits
    assert (credit.photographer, credit.agency) == (s.photographer, s.agency)
    # Offsets index the untouched text.
    for c in [*a.captions, *a.credits]:
        assert a.text[c.start:c.end] == c.text
    body = "\n".join(zone_text(a, "body"))
    assert "Photograph" not in body and s.caption not in body and s.author not in body
    assert s.standfirst not in body
    assert "told reporters on Tuesday" in body and "report number 1" in body
    assert a.text == s.text  # cleaning never rewrites the text
    # Zones do not overlap.
    spans = sorted((z.start, z.end) for z in a.zones)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_text_shape_with_title_line():
    text = ("date 2024-11-05\nHarbour reopens after storm repairs\nBy Ada Quinn and Ben Ford, Saltmere Post, Ireland\n\n"
            "The harbour at Saltmere reopened on Monday after three weeks of repairs, the port authority said. "
            "Fishing boats were back at sea by the afternoon.\n\n"
            "\"It is a relief for everyone who works here,\" said the harbour master, who asked for patience "
            "while the last of the work was finished.\n")
    a = read_text(text, "x", S)
    assert a.metadata.title == "Harbour reopens after storm repairs"
    assert a.metadata.date == "2024-11-05"
    assert a.metadata.authors == ["Ada Quinn", "Ben Ford"]
    assert a.metadata.outlet == "Saltmere Post"
    assert a.metadata.outlet_country == "IRL"
    assert zone_text(a, "title") == ["Harbour reopens after storm repairs"]
    assert len(zone_text(a, "body")) == 2


def test_text_without_any_header_is_all_body():
    text = ("The council of Bellmoor voted on Thursday to close the old library and move its books to the "
            "school, a decision that many residents said they would fight in the courts.")
    a = read_text(text, "x", S)
    assert a.metadata.date is None and a.metadata.authors == [] and a.captions == []
    assert zone_text(a, "body") == [text]


@pytest.mark.parametrize("who,expected", [
    ("Ana Petrova/Reuters", ("Ana Petrova", "Reuters")),
    ("Reuters", (None, "Reuters")),
    ("Liam Byrne | AFP", ("Liam Byrne", "AFP")),
    ("Sofia Mendes for The Harbour Times", ("Sofia Mendes", "The Harbour Times")),
    ("Jonas Weber", ("Jonas Weber", None)),
])
def test_split_credit(who, expected):
    assert split_credit(who) == expected


@pytest.mark.parametrize("byline,expected", [
    ("Laura Ng, Valley Courier, UK", (["Laura Ng"], "Valley Courier", "GBR")),
    ("Laura Ng, Valley Courier", (["Laura Ng"], "Valley Courier", None)),
    ("Laura Ng", (["Laura Ng"], None, None)),
    ("Ada Quinn & Ben Ford, Post, Canada", (["Ada Quinn", "Ben Ford"], "Post", "CAN")),
    ("Wikinews contributors, Wikinews", ([], "Wikinews", None)),
])
def test_parse_byline(byline, expected):
    assert parse_byline(byline) == expected


def test_caption_paragraph_with_credit_only_photograph_word():
    text = ("By Jane Roe, Morning Gazette\n\n"
            "Officials in Fenwick said on Friday that the road would reopen next week after the repairs.\n\n"
            "Workers at the site in Fenwick. Photograph: Reuters\n\n"
            "The repairs cost more than the council had planned, and the work ran late because of the rain.\n")
    a = read_text(text, "x", S)
    assert [c.text for c in a.captions] == ["Workers at the site in Fenwick."]
    assert a.credits[0].agency == "Reuters" and a.credits[0].photographer is None


# -- decoding and refusals ------------------------------------------------------------------

def test_decode_refusals():
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n ", "f")
    with pytest.raises(InputError, match="binary"):
        decode(b"abc\x00def" * 10, "f")
    with pytest.raises(InputError, match="UTF-8"):
        decode("café society".encode("latin-1"), "f")
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(1, 9)) * 100, "f")
    assert decode("\ufeffHello\r\nworld\r".encode("utf-8"), "f") == "Hello\nworld\n"


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_non_english_refused(text):
    with pytest.raises(InputError, match="English"):
        read_text(text, "x", S)


def test_other_languages_refused():
    spanish = ("El alcalde de la ciudad anunció el martes que las obras del nuevo puente comenzarán después "
               "del verano. Los comerciantes temen que la calle esté cerrada durante varias semanas, y los "
               "vecinos serán consultados en una reunión pública el próximo mes.")
    italian = ("Il sindaco della città ha annunciato martedì che i lavori del nuovo ponte inizieranno dopo "
               "l'estate. I commercianti temono che la strada resti chiusa per diverse settimane, e i "
               "residenti saranno consultati in una riunione pubblica il mese prossimo.")
    dutch = ("De burgemeester van de stad heeft dinsdag aangekondigd dat de werkzaamheden aan de nieuwe brug "
             "na de zomer beginnen. Winkeliers vrezen dat de straat weken dicht is, en de bewoners worden "
             "volgende maand gehoord op een openbare bijeenkomst.")
    for t in (spanish, italian, dutch):
        with pytest.raises(InputError, match="English"):
            read_text(t, "x", S)


def test_english_with_a_foreign_quote_is_english():
    text = ("The French president spoke to reporters in Paris on Monday. \"Nous sommes prêts,\" he said, "
            "which means that the country is ready for the talks that will begin next week in Geneva. "
            "His office said that the meeting would be the first of its kind in a decade.")
    assert read_text(text, "x", S).text == text
    assert english_score(story(3).text) > 0.2


def test_article_length_limit():
    s = Settings(max_article_chars=500)
    with pytest.raises(InputError, match="NEWSGRAPH_MAX_ARTICLE_CHARS"):
        read_text(story(1).text, "x", s)


def test_limits_from_environment(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_BYTES", "1234")
    monkeypatch.setenv("NEWSGRAPH_MAX_ARTICLE_CHARS", "567")
    monkeypatch.setenv("NEWSGRAPH_ARTICLE_SECONDS", "2.5")
    s = get_settings()
    assert (s.max_file_bytes, s.max_article_chars, s.article_time_budget) == (1234, 567, 2.5)
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_BYTES", "lots")
    assert get_settings().max_file_bytes == Settings.__dataclass_fields__["max_file_bytes"].default_factory()


def test_defaults_are_sane(monkeypatch):
    for v in ("NEWSGRAPH_MAX_FILE_BYTES", "NEWSGRAPH_MAX_ARTICLE_CHARS", "NEWSGRAPH_ARTICLE_SECONDS"):
        monkeypatch.delenv(v, raising=False)
    s = get_settings()
    assert 1_000_000 <= s.max_file_bytes <= 1_000_000_000
    assert 100_000 <= s.max_article_chars <= s.max_file_bytes
    assert 1 <= s.article_time_budget <= 600


# -- JSONL -------------------------------------------------------------------------------------

def test_jsonl_fields():
    rec = {"id": "r1", "title": "  Bridge plan  ", "date": "2024-03-05T10:00:00Z", "author": "Ada Quinn",
           "source": "Valley Courier", "url": "https://example.org/x", "country": "Canada",
           "text": story(1).text.split("\n\n", 1)[1]}
    a = record_to_article(rec, "f:1", S, "f.jsonl")
    assert a.id == "r1"
    assert a.metadata.title == "Bridge plan"
    assert a.metadata.date == "2024-03-05"
    assert a.metadata.authors == ["Ada Quinn"]
    assert a.metadata.outlet == "Valley Courier"
    assert a.metadata.outlet_country == "CAN"
    assert (a.source.url, a.source.path, a.source.format) == ("https://example.org/x", "f.jsonl", "jsonl")


def test_jsonl_reads_back_its_own_nested_metadata():
    body = story(1).text.split("\n\n", 1)[1]
    rec = {"id": "r2", "text": body, "title": "Top title",
           "metadata": {"date": "2024-03-05", "outlet": "Wikinews", "title": "Nested title",
                        "authors": ["Ada Quinn"], "url": "file:///etc/passwd"}}
    a = record_to_article(rec, "f:1", S, "f.jsonl")
    assert (a.metadata.date, a.metadata.outlet, a.metadata.authors) == ("2024-03-05", "Wikinews", ["Ada Quinn"])
    assert a.metadata.title == "Top title"  # the top level wins
    assert a.source.url is None  # only metadata fields are taken from the nested object


def test_jsonl_authors_list_outlet_and_no_id():
    body = story(2).text.split("\n\n", 1)[1]
    a = record_to_article({"text": body, "authors": ["A One", " ", 7, "B Two"], "outlet": "Post",
                           "source": {"name": "ignored"}}, "f:1", S, None)
    assert a.metadata.authors == ["A One", "B Two"]
    assert a.metadata.outlet == "Post"
    assert a.id == stable_id(body) == stable_id("  " + body.upper().replace(" ", "  \n"))
    assert a.id != stable_id(story(3).text)


@pytest.mark.parametrize("rec,reason", [
    ({"text": 5}, "text"), ({"text": None}, "text"), ({"text": {"a": 1}}, "text"), ({}, "text"),
    ([1], "object"), ("a string", "object"), ({"text": "   "}, "no article text"),
])
def test_jsonl_bad_records(rec, reason):
    with pytest.raises(InputError, match=reason):
        record_to_article(rec, "f:3", S, None)


def test_jsonl_stream_reports_lines(tmp_path):
    lines = [json.dumps(jsonl_record(1)), "{oops", "", json.dumps({"text": 3}), json.dumps(jsonl_record(2))]
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_inputs([str(p)]))
    assert [a.id for a in articles(items)] == ["test-0-1", "test-0-2"]
    assert [e.where for e in errors(items)] == [f"{p}:2", f"{p}:4"]


def test_jsonl_deeply_nested_line_is_an_error_not_a_crash(tmp_path):
    p = tmp_path / "deep.jsonl"
    p.write_text("[" * 100_000 + "\n" + '{"a": ' * 50_000 + "\n" + json.dumps(jsonl_record(1)) + "\n")
    items = list(read_inputs([str(p)]))
    assert len(errors(items)) == 2 and len(articles(items)) == 1


def test_jsonl_lone_surrogates_do_not_break_later_stages(tmp_path):
    rec = jsonl_record(1, title="Bad \ud800 title")
    rec["text"] = rec["text"].replace("Critics", "Critics \udcff")
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")  # json escapes the surrogates as \ud800
    items = list(read_inputs([str(p)]))
    for a in articles(items):
        json.dumps(to_record(a), ensure_ascii=False).encode("utf-8")  # must be encodable
        a.text.encode("utf-8")
    assert len(items) == 1


def test_jsonl_line_over_size_limit(tmp_path):
    s = Settings(max_file_bytes=3000)
    big = jsonl_record(1)
    big["text"] += " More words about the council." * 200
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps(big) + "\n" + json.dumps(jsonl_record(2)) + "\n")
    items = list(read_inputs([str(p)], s))
    assert [a.id for a in articles(items)] == ["test-0-2"]
    [e] = errors(items)
    assert e.where == f"{p}:1" and "limit" in e.reason


# -- HTML --------------------------------------------------------------------------------------

def test_html_page():
    s = story(2)
    a = read_html(html_page(2), "p.html", S, path="p.html")
    assert a.metadata.title == s.title
    assert a.metadata.date == s.date
    assert a.metadata.authors == [s.author]
    assert a.metadata.outlet == s.outlet
    assert a.source.format == "html"
    assert "told reporters on Tuesday" in a.text
    assert "All rights reserved" not in a.text and "Sport" not in a.text


def test_html_without_article():
    with pytest.raises(InputError):
        read_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", "p.html", S)
    with pytest.raises(InputError):
        read_html("", "p.html", S)


def test_html_deeply_nested():
    html = "<html><body>" + "<div>" * 5000 + "<p>" + story(1).text.split("\n\n")[2] + "</p>" + "</div>" * 5000
    try:
        a = read_html(html + "</body></html>", "deep.html", S)
    except InputError as e:
        assert e.where == "deep.html"
    else:
        assert "told reporters" in a.text


# -- directories, globs, stdin, gz ------------------------------------------------------------

def test_directory_glob_gz_and_order(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "b.txt").write_text(story(1).text)
    (d / "a.txt").write_text(story(2).text)
    (d / "sub" / "c.html").write_text(html_page(3))
    with gzip.open(d / "sub" / "d.jsonl.gz", "wt") as f:
        f.write(json.dumps(jsonl_record(4)) + "\n")
    (d / "LICENSE").write_text("MIT licence text " * 20)
    (d / ".git").mkdir()
    (d / ".git" / "x.txt").write_text(story(5).text)
    items = list(read_inputs([str(d)]))
    assert not errors(items)
    assert [a.source.path for a in articles(items)] == [
        str(d / "a.txt"), str(d / "b.txt"), str(d / "sub" / "c.html"), str(d / "sub" / "d.jsonl.gz")]
    assert [a.source.format for a in articles(items)] == ["text", "text", "html", "jsonl"]
    glob_items = list(read_inputs([str(d / "**" / "*.txt")]))
    assert [a.source.path for a in articles(glob_items)] == [str(d / "a.txt"), str(d / "b.txt")]
    nothing = list(read_inputs([str(d / "*.none"), str(d / "missing.txt")]))
    assert [e.reason for e in errors(nothing)] == ["no file matches this pattern", "no such file or directory"]


def test_format_sniffed_without_extension(tmp_path):
    (tmp_path / "page").write_text(html_page(1))
    (tmp_path / "recs").write_text(json.dumps(jsonl_record(2)) + "\n")
    (tmp_path / "plain").write_text(story(3).text)
    items = list(read_inputs([str(tmp_path / n) for n in ("page", "recs", "plain")]))
    assert [a.source.format for a in articles(items)] == ["html", "jsonl", "text"]


def test_stdin(monkeypatch):
    data = (json.dumps(jsonl_record(1)) + "\n" + json.dumps(jsonl_record(2)) + "\n").encode()

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", FakeStdin)
    items = list(read_inputs(["-"]))
    assert [a.id for a in articles(items)] == ["test-0-1", "test-0-2"]


def test_stream_text_and_html():
    [a] = read_stream(io.BufferedReader(io.BytesIO(story(1).text.encode())), "<stdin>", S)
    assert a.metadata.outlet == story(1).outlet
    [h] = read_stream(io.BufferedReader(io.BytesIO(html_page(1).encode())), "<stdin>", S)
    assert h.source.format == "html"


def test_gzip_bomb_is_bounded(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    with gzip.open(p, "wb") as f:
        for _ in range(50):
            f.write(b"a" * 1_000_000)
    [e] = list(read_inputs([str(p)], Settings(max_file_bytes=100_000)))
    assert isinstance(e, InputError) and "size limit" in e.reason


def test_file_size_limit(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(story(1).text)
    [e] = list(read_inputs([str(p)], Settings(max_file_bytes=100)))
    assert isinstance(e, InputError) and "NEWSGRAPH_MAX_FILE_BYTES" in e.reason and e.where == str(p)


# -- nothing is read that the user did not name -------------------------------------------------

@pytest.fixture
def secret(tmp_path) -> tuple[Path, str]:
    token = "SECRET-TOKEN-7f3a9c"
    p = tmp_path / "secret.txt"
    p.write_text(f"{token}\n" * 5)
    return p, token


def _dump(items) -> str:
    return "\n".join(json.dumps(to_record(a)) if isinstance(a, Article) else str(a) for a in items)


def test_jsonl_fields_never_open_files(tmp_path, secret):
    sp, token = secret
    recs = [jsonl_record(1, path=str(sp), url=f"file://{sp}"), jsonl_record(2, path="/etc/passwd",
            url="file:///etc/passwd", file="/etc/passwd", text_file=str(sp), href=str(sp)),
            {"id": "x", "text": str(sp)}, {"id": "y", "text": f"file://{sp}"}]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    out = _dump(read_inputs([str(p)]))
    assert token not in out
    assert "root:x:0:0" not in out
    assert "/etc/passwd" in out  # the url is kept as a string, nothing more


def test_html_references_never_open_files(tmp_path, secret):
    sp, token = secret
    head = (f'<link rel="stylesheet" href="file://{sp}"><link rel="import" href="{sp}">'
            f'<script src="file:///etc/passwd"></script><base href="file:///etc/">')
    body = (f'<img src="file:///etc/passwd" alt="x"><img src="file://{sp}"><iframe src="file://{sp}"></iframe>'
            f'<object data="{sp}"></object><a href="file:///etc/passwd">link</a>')
    p = tmp_path / "p.html"
    p.write_text(html_page(1, extra_head=head, extra_body=body))
    xxe = tmp_path / "xxe.html"
    xxe.write_text(f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{sp}">]>'
                   f"<html><body><article><p>{story(2).text.split(chr(10) * 2)[2]} &xxe;</p>"
                   f"<p>{story(2).text.split(chr(10) * 2)[3]}</p></article></body></html>")
    items = list(read_inputs([str(p), str(xxe)]))
    out = _dump(items)
    assert token not in out and "root:x:0:0" not in out
    assert any(isinstance(a, Article) for a in items)


def test_cleaning_is_idempotent():
    a = read_text(story(4).text, "x", S)
    before = to_record(a)
    assert to_record(clean(a)) == before


@pytest.mark.parametrize("rec", [
    {"author": 5}, {"authors": {"a": 1}}, {"authors": 3.5}, {"id": {"x": 1}}, {"id": [1]}, {"id": True},
    {"title": 5, "date": 7, "source": ["x"], "outlet": {}, "url": 1, "country": 3},
    {"date": "0001-01-01"}, {"date": "2024-13-45"}, {"country": "Nowhereland"},
])
def test_jsonl_odd_field_types_give_a_record_or_a_clear_error(rec):
    body = story(1).text.split("\n\n", 1)[1]
    try:
        a = record_to_article({"text": body, **rec}, "f:1", S, None)
    except InputError as e:
        assert e.where == "f:1" and "id" in e.reason
    else:
        assert a.metadata.date is None or len(a.metadata.date) in (4, 7, 10)
        json.dumps(to_record(a))


def test_fifo_and_devices_are_refused_not_opened(tmp_path):
    import os

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(story(1).text)
    os.mkfifo(d / "pipe.txt")  # opening it would block for ever
    items = list(read_inputs([str(d), "/dev/zero"]))
    assert len(articles(items)) == 1
    assert sorted((e.where, e.reason) for e in errors(items)) == [
        ("/dev/zero", "not a regular file"), (str(d / "pipe.txt"), "not a regular file")]


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_damage(tmp_path):
    data = gzip.compress(("\n".join(json.dumps(jsonl_record(k)) for k in range(30)) + "\n").encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_inputs([str(p)]))
    good, bad = articles(items), errors(items)
    assert 5 <= len(good) < 30
    assert [a.id for a in good] == [f"test-0-{k}" for k in range(len(good))]
    assert len(bad) == 1 and bad[0].where == str(p) and "cannot read" in bad[0].reason


def test_pretty_printed_json_is_one_error_not_one_per_line(tmp_path):
    p = tmp_path / "records.json"
    p.write_text(json.dumps([jsonl_record(k) for k in range(20)], indent=2))
    [e] = list(read_inputs([str(p)]))
    assert isinstance(e, InputError) and e.where == str(p) and "not JSONL" in e.reason
    # A JSONL file with a few bad lines first still gives each its own error, then its records.
    q = tmp_path / "few.jsonl"
    q.write_text("oops\n{bad\n" + json.dumps(jsonl_record(1)) + "\nnope\n")
    items = list(read_inputs([str(q)]))
    assert [x.where for x in errors(items)] == [f"{q}:1", f"{q}:2", f"{q}:4"]
    assert [a.id for a in articles(items)] == ["test-0-1"]


# -- every skipped input gets a message (issue 19, hole 4) ---------------------------------

@pytest.mark.parametrize("name, data", [
    ("empty.jsonl", b""), ("blank.jsonl", b"\n  \n\t\n"), ("empty.json", b""), ("blank.json", b"   "),
    ("empty.ndjson", b""), ("blank.ndjson", b"\r\n\r\n"), ("empty.jsonl.gz", gzip.compress(b"", mtime=0)),
    ("blank.jsonl.gz", gzip.compress(b"\n\n", mtime=0)),
])
def test_empty_jsonl_files_are_reported(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    [e] = list(read_inputs([str(p)]))
    assert isinstance(e, InputError) and e.where == str(p) and e.reason.startswith("empty input")
    # Through a folder as well, beside a good file that is still read.
    (tmp_path / "good.txt").write_text(story(1).text)
    items = list(read_inputs([str(tmp_path)]))
    assert len(articles(items)) == 1 and [x.where for x in errors(items)] == [str(p)]
    # The Spark job reads JSONL one line at a time: a blank line there is no error.
    from newsgraph.ingest.jsonl import read_jsonl_lines

    assert list(read_jsonl_lines(iter([b"  \n"]), "part", S, None)) == []


def test_symlink_loops_are_reported_other_folder_links_followed(tmp_path):
    import os

    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a.txt").write_text(story(1).text)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text(story(2).text)
    os.symlink("..", d / "sub" / "up")  # in/sub/up -> in: a loop
    os.symlink(".", d / "sub" / "self")  # in/sub/self -> in/sub: a loop
    os.symlink(tmp_path / "elsewhere", d / "linked")  # a folder kept elsewhere: read
    os.symlink(d / "sub", d / "zz-again")  # a second way into in/sub: read once
    os.symlink("nowhere", d / "broken.txt")
    os.symlink("spin", d / "spin")  # a link to itself
    items = list(read_inputs([str(d)]))
    assert [a.source.path for a in articles(items)] == [str(d / "linked" / "b.txt"), str(d / "sub" / "a.txt")]
    reasons = {e.where: e.reason for e in errors(items)}
    assert reasons.keys() == {str(d / n) for n in ("sub/up", "sub/self", "zz-again", "broken.txt", "spin")}
    assert reasons[str(d / "sub" / "up")].startswith("a symbolic link loop: it leads back to " + str(d))
    assert reasons[str(d / "sub" / "self")].startswith("a symbolic link loop")
    assert reasons[str(d / "zz-again")] == f"the same folder as {d / 'sub'}, already read; skipped"
    assert "leads nowhere" in reasons[str(d / "broken.txt")] and "leads nowhere" in reasons[str(d / "spin")]
    # Named directly, a looping link is reported too.
    [e] = list(read_inputs([str(d / "spin")]))
    assert "leads nowhere" in e.reason


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    import errno
    import os

    from newsgraph.ingest import sources

    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "a.txt").write_text(story(1).text)
    (d / "locked").chmod(0)
    if os.geteuid() == 0:  # root lists every folder: make this one refuse as it would a user
        real = os.scandir

        def scandir(path):
            if Path(path) == d / "locked":
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(sources.os, "scandir", scandir)
    try:
        items = list(read_inputs([str(d)]))
    finally:
        (d / "locked").chmod(0o755)
    assert len(articles(items)) == 1
    [e] = errors(items)
    assert e.where == str(d / "locked") and e.reason == "cannot read this folder: Permission denied"


@pytest.mark.parametrize("exc", [AssertionError(), KeyError("x"), RuntimeError("lxml")])
def test_html_parser_failures_are_input_errors(monkeypatch, exc):
    """A library failing deep inside on hostile markup (a slow fuzz run found lxml's
    drop_tree asserting inside htmldate) is a clear error for that page, not a crash."""
    import trafilatura

    from newsgraph.errors import InputError
    from newsgraph.ingest.html import read_html

    def boom(*_a, **_k):
        raise exc

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    with pytest.raises(InputError) as got:
        read_html("<html><body><p>" + "words " * 50 + "</p></body></html>", "p.html", S)
    assert got.value.where == "p.html" and type(exc).__name__ in got.value.reason


def test_html_parser_keeps_the_budget_error(monkeypatch):
    import trafilatura

    from newsgraph.errors import ArticleTimeout
    from newsgraph.ingest.html import read_html

    def slow(*_a, **_k):
        raise ArticleTimeout("p.html", "over budget")

    monkeypatch.setattr(trafilatura, "bare_extraction", slow)
    with pytest.raises(ArticleTimeout):
        read_html("<html><body><p>words</p></body></html>", "p.html", S)
