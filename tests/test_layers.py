"""No import cycles, and each layer imports only its own layer and the ones below, as
the README's "Layers" section draws them. Imports inside functions count (a cycle
hidden in a function is still a cycle); imports under ``if TYPE_CHECKING:`` do not
(they never run)."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# Lowest first; a module belongs to the layer of its longest matching prefix ("=name":
# that module alone).
LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["newsgraph.version", "newsgraph.errors", "newsgraph.settings", "newsgraph.dates",
              "newsgraph.budget", "newsgraph.model"]),
    ("readers and store", ["newsgraph.kb", "newsgraph.ingest", "newsgraph.store",
                           # the watcher's own tables (SQL on the store, read by the /live
                           # page) and its listing and URL parsers
                           "newsgraph.live.state", "newsgraph.live.listings", "newsgraph.live.urls",
                           "=newsgraph.live"]),  # "=": that module only (the package, which imports nothing)
    ("analysis", ["newsgraph.nlp", "newsgraph.corpus", "newsgraph.parallel"]),
    ("use cases", ["newsgraph.service", "newsgraph.reads"]),
    ("runners", ["newsgraph.live", "newsgraph.spark"]),
    ("interfaces", ["newsgraph.api", "newsgraph.cli", "newsgraph"]),
]


def _modules() -> dict[str, Path]:
    out = {}
    for p in (SRC / "newsgraph").rglob("*.py"):
        name = ".".join(p.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = p
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                skip.update(id(n) for n in ast.walk(sub))
    return skip


def _imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for m, p in mods.items():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        skip = _type_checking_nodes(tree)
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.split(".")[0] == "newsgraph")
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                if base.split(".")[0] != "newsgraph":
                    continue
                for a in node.names:
                    full = f"{base}.{a.name}"
                    found.add(full if full in mods else base)
        # Importing a.b.c runs a.b's __init__ first: that is an import too (the root
        # package, a facade whose own imports are lazy, aside).
        for x in list(found):
            parts = x.split(".")
            found.update(".".join(parts[:i]) for i in range(2, len(parts)))
        edges[m] = {x for x in found if x in mods and x != m and not m.startswith(x + ".")}
    return edges


def _layer(module: str) -> int:
    best, rank = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for pre in prefixes:
            if pre.startswith("="):
                if module == pre[1:]:
                    return i
                continue
            if (module == pre or module.startswith(pre + ".")) and len(pre) > best:
                best, rank = len(pre), i
    return rank


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def test_every_module_has_a_layer():
    assert [m for m in _modules() if _layer(m) < 0] == []


def test_no_import_cycles():
    assert _cycles(_imports(_modules())) == []


def test_layers_import_only_downwards():
    edges = _imports(_modules())
    bad = sorted(f"{m} ({LAYERS[_layer(m)][0]}) imports {x} ({LAYERS[_layer(x)][0]})"
                 for m, xs in edges.items() for x in xs if _layer(x) > _layer(m))
    assert bad == []


def test_the_checker_sees_a_cycle_hidden_in_a_function(tmp_path):
    # The checker itself: two modules importing each other, one inside a function.
    edges = {"a": {"b"}, "b": set(), "c": set()}
    assert _cycles(edges) == []
    edges["b"].add("a")
    assert _cycles(edges) == [["a", "b"]]
    src = "def f():\n    from newsgraph.service import search\n"
    tree = ast.parse(src)
    assert not _type_checking_nodes(tree)
    guarded = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import newsgraph.cli\n")
    assert _type_checking_nodes(guarded)
