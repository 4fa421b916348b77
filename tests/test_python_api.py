"""``newsgraph.extract`` and ``newsgraph.extract_path``: the Python API keeps texts and
paths apart by type, never by looking a string up on the file system (issue 19, hole 5:
a one-line article of 269 characters raised ``OSError: File name too long``)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures.bad_inputs import story

import newsgraph
from newsgraph.errors import InputError

ROOT = Path(__file__).resolve().parent.parent

ONE_LINE = ("Officials in the northern city of Eastbrook said on Monday that the main road into the centre "
            "would reopen later this week, after engineers finished repairs to a bridge damaged by floods, "
            "and the mayor told reporters that the council would pay for the work from its reserves.")


def test_a_long_one_line_text_is_a_text():
    assert len(ONE_LINE) > 255 and "\n" not in ONE_LINE  # longer than a file name may be
    rec = newsgraph.extract(ONE_LINE, date="2024-05-06")
    assert rec["text"] == ONE_LINE and rec["metadata"]["date"] == "2024-05-06"
    assert rec["source"]["path"] is None


def test_a_text_that_names_a_file_is_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text(story(1).text)
    Path("articles").mkdir()
    for name in ("article.txt", "articles", str(tmp_path / "article.txt"), "articles/"):
        try:
            rec = newsgraph.extract(name)
        except InputError as e:  # most such strings are too short to be an article
            assert "too little text" in e.reason or "English" in e.reason, e
        else:  # and a long one is analysed as the text it is
            assert rec["text"] == name


def test_paths_are_read_only_when_given_as_paths(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    for k in range(2):
        (d / f"{k}.txt").write_text(story(k).text)
    by_path = newsgraph.extract(d)
    assert [r["text"] for r in by_path] == [story(0).text, story(1).text]
    assert newsgraph.extract_path(str(d)) == by_path
    assert newsgraph.extract_path(d / "0.txt", str(d / "1.txt")) == by_path
    errors: list[InputError] = []
    assert newsgraph.extract_path(d, tmp_path / "nope.txt", on_error=errors.append) == by_path
    assert [e.reason for e in errors] == ["no such file or directory"]
    with pytest.raises(InputError, match="no such file"):
        newsgraph.extract_path(tmp_path / "nope.txt")
    with pytest.raises(TypeError, match="metadata keywords"):
        newsgraph.extract(d, date="2024-01-01")
    with pytest.raises(TypeError, match="str"):
        newsgraph.extract(ONE_LINE.encode())  # type: ignore[call-overload]


def test_readme_python_example_runs(tmp_path, monkeypatch):
    block = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    assert block and "extract_path" in block.group(1)
    monkeypatch.chdir(tmp_path)
    Path("articles").mkdir()
    Path("articles/a.txt").write_text(story(3).text)
    scope: dict = {}
    exec(compile(block.group(1), "README.md", "exec"), scope)  # noqa: S102 - our own README
    assert scope["record"]["metadata"]["date"] == "2024-05-06"
    assert [r["text"] for r in scope["records"]] == [story(3).text]
