"""Take the UI screenshots in this folder from a running `newsgraph serve`.

    newsgraph ingest data/sample ../shared/examples/putin-khamenei-express.txt data/demo --db /tmp/ui.db
    newsgraph serve --db /tmp/ui.db --port 8791 &
    python docs/screenshots/capture.py http://127.0.0.1:8791 [story compare rhetoric ...]

Names after the address take only those shots. The story, compare and rhetoric views
show the demo corpus (data/demo: invented texts, marked as such in every outlet name)
beside the worked example.

Uses Debian's chromium through Playwright (no browser download).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HERE = Path(__file__).parent


def main(base: str, only: list[str]) -> None:
    for _ in range(100):  # the server may still be starting
        try:
            httpx.get(base + "/api/stats", timeout=5)
            break
        except httpx.HTTPError:
            time.sleep(0.3)
    hit = httpx.get(base + "/api/search", params={"q": "Khamenei Putin"}).json()["results"][0]["id"]
    art = httpx.get(f"{base}/api/article/{quote(hit, safe='')}").json()
    # The event with the most reactions in that article.
    events = [(len(httpx.get(f"{base}/api/event/{quote(e['id'], safe='')}").json()["reactions"]),
               e["type"] == "ASSAULT", e["id"]) for e in art["events"]]
    event_id = max(events)[2] if events else None
    shots = [
        ("search", "/?q=Putin"),
        ("article", f"/article/{quote(hit, safe='')}"),
        ("actor", "/actor/" + quote("person:vladimir-putin", safe="")),
        ("network", "/network"),
        ("timeline", "/timeline"),
    ]
    if event_id:
        shots.insert(3, ("event", f"/event/{quote(event_id, safe='')}"))
    stories = httpx.get(base + "/api/stories", params={"q": "Khamenei"}).json()["stories"]
    earlier = httpx.get(base + "/api/stories", params={"q": "Maduro"}).json()["stories"]
    if stories:
        shots.append(("story", f"/story/{quote(stories[0]['id'], safe='')}"))
    if stories and earlier:
        shots.append(("compare", (f"/compare?a={quote(earlier[0]['id'], safe='')}&b={quote(stories[0]['id'], safe='')}"
                                 "&speaker=Vladimir+Putin")))
    shots.append(("rhetoric", "/rhetoric/" + quote("person:vladimir-putin", safe="")))
    if only:
        shots = [s for s in shots if s[0] in only]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
        for name, path in shots:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            page.screenshot(path=str(HERE / f"{name}.png"))
            print(name, base + path)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765", sys.argv[2:])
