"""Story, compare and rhetoric pages and their JSON twins: each computed once by
newsgraph.corpus.views, returned as JSON under /api and rendered as HTML."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from newsgraph.corpus import views
from newsgraph.reads import pages
from newsgraph.store import Store

Render = Callable[[Request, str, dict[str, Any], str], Response]
Text = Annotated[str, Query(max_length=300)]


def _store(request: Request) -> Store:
    return request.app.state.pool.get()


# Module level, as in app.py: with postponed annotations FastAPI resolves these names here.
StoreDep = Annotated[Store, Depends(_store)]
IdPath = Annotated[str, PathParam(min_length=1, max_length=300)]
StoryId = Annotated[str, Query(min_length=1, max_length=300)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def _story(s: Store, story_id: str) -> dict[str, Any]:
    data = views.story(s, story_id)
    if data is None:
        raise pages.NotFound(f"no story {story_id!r} in this store")
    return data


def _compare(s: Store, a: str, b: str, speaker: str | None) -> dict[str, Any]:
    data = views.compare(s, a, b, speaker or None)
    if data is None:
        raise pages.NotFound(f"no story {a!r} or {b!r} in this store")
    return data


def _rhetoric(s: Store, actor_id: str, story: str | None) -> dict[str, Any]:
    if s.conn.execute("SELECT 1 FROM actors WHERE id=?", (actor_id,)).fetchone() is None:
        raise pages.NotFound(f"no actor {actor_id!r} in this store")
    data = views.rhetoric(s, actor_id, story or None)
    row = s.conn.execute("SELECT name FROM actors WHERE id=?", (actor_id,)).fetchone()
    return {**data, "name": row[0] if row else actor_id}


def add_routes(app: FastAPI, render: Render, twin: Callable[[Request], str],
               json: Callable[[Any], Response], responses: dict[str, Any]) -> None:
    """Register the routes on ``app`` with the app's renderers and error responses."""
    found = responses["found"]
    listed = responses["listed"]

    @app.get("/api/stories", tags=["pages"], summary="Stories, the most reported first (page: /stories)",
             responses=listed)
    def api_stories(s: StoreDep, q: Text = "", limit: Limit = 50,
                    offset: Offset = 0) -> Response:
        """`{query, total, limit, offset, stories: [{id, title, first_date, last_date, n_articles, n_sources,
        n_mentions, kind}]}`: n_articles, n_sources and n_mentions are GDELT's NumArticles, NumSources and
        NumMentions."""
        return json(views.list_stories(s, q, limit, offset))

    @app.get("/api/story/{story_id:path}", tags=["pages"],
             summary="A story: its articles and outlets over time, events, reactions by actor (page: /story/{id})",
             responses=found)
    def api_story(story_id: IdPath, s: StoreDep) -> Response:
        """`{story, articles: [{id, title, date, outlet, url, similarity, duplicate_of, duplicate_kind}], outlets,
        over_time: [{date, articles, outlets}], events, reactions_by_actor: [{speaker, name, n, stance_counts,
        mean_score, items}], stance_counts, names}`."""
        return json(_story(s, story_id))

    @app.get("/api/compare", tags=["pages"], summary="Reactions to two stories side by side (page: /compare)",
             responses=found)
    def api_compare(s: StoreDep, a: StoryId,
                    b: StoryId, speaker: Text = "") -> Response:
        """`{speaker, speaker_ids, a, b, verdict: {harsher, score_difference}}`; each side: `{story, n_reactions,
        stance_counts, mean_score, mean_intensity, harshest, mildest, cues, channels, descriptors}`. `speaker`
        takes an actor id or name."""
        return json(_compare(s, a, b, speaker))

    @app.get("/api/rhetoric/{actor_id:path}", tags=["pages"],
             summary="An actor's statements over time, with stance and intensity (page: /rhetoric/{id})",
             responses=found)
    def api_rhetoric(actor_id: IdPath, s: StoreDep, story: Text = "") -> Response:
        """`{actor, name, story, items, by_month: [{month, n, negative, neutral, positive, mean_score}],
        by_story: [...]}`."""
        return json(_rhetoric(s, actor_id, story))

    @app.get("/stories", include_in_schema=False, response_class=HTMLResponse)
    def page_stories(request: Request, s: StoreDep, q: Text = "", limit: Limit = 50,
                     offset: Offset = 0) -> Response:
        return render(request, "stories.html", views.list_stories(s, q, limit, offset), twin(request))

    @app.get("/story/{story_id:path}", include_in_schema=False, response_class=HTMLResponse)
    def page_story(request: Request, story_id: IdPath, s: StoreDep) -> Response:
        return render(request, "story.html", _story(s, story_id), twin(request))

    @app.get("/compare", include_in_schema=False, response_class=HTMLResponse)
    def page_compare(request: Request, s: StoreDep, a: StoryId,
                     b: StoryId, speaker: Text = "") -> Response:
        return render(request, "compare.html", _compare(s, a, b, speaker), twin(request))

    @app.get("/rhetoric/{actor_id:path}", include_in_schema=False, response_class=HTMLResponse)
    def page_rhetoric(request: Request, actor_id: IdPath, s: StoreDep, story: Text = "") -> Response:
        return render(request, "rhetoric.html", _rhetoric(s, actor_id, story), twin(request))
