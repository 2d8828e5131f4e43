"""The package's layers: imports point down only, no cycles, imports at the top of files.

The layers are written in docs/architecture.md ("Layers"); this test reads the
import statements of every module with ``ast`` (nothing is imported) and fails
on an upward import, an import cycle, or a package import inside a function.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "medialit"

#: lowest first; a module may import modules of its own layer or of layers below
LAYERS = [
    ["medialit", "medialit._lazy", "medialit.paths", "medialit.tokens"],
    ["medialit.data", "medialit.store"],
    ["medialit.text", "medialit.article"],
    ["medialit.validation"],
    ["medialit.analysis"],
    ["medialit.assessment"],
    ["medialit.plots", "medialit.widgets"],
    ["medialit.authoring", "medialit.grading"],
    ["medialit.cli", "medialit.__main__"],
]
#: libraries that may be imported inside a function (heavy, optional, measured to matter)
LAZY_ALLOWED = {
    "matplotlib",
    "ipywidgets",
    "nltk",
    "jsonschema",
    "nbformat",
    "nbclient",
    "IPython",
    "traitlets",
    "zmq",
    "jupyter_client",
}
#: the package's own modules that may load inside a function: the analysis (about 30 ms in a
#: fresh kernel) loads with the first explorer, rewrite or free-text check, not with every widget
LAZY_INTERNAL = {"medialit.analysis", "medialit.assessment.meaning", "medialit.widgets.layers"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer_of(module: str) -> int:
    best = None
    for index, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and name != "medialit":
                best = index
    return 0 if best is None and module == "medialit" else best


def _imports(path: Path, module: str):
    """Yield (imported name, line) for one file: ``from a import b`` gives ``a.b``, else ``a``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + [base]
                ).strip(".")
            modules = _modules()
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
        else:
            continue
        for name in names:
            yield name, node.lineno


def _function_imports(path: Path):
    """Yield (imported module, line) for imports inside functions (``from a import b``: a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    yield from ((a.name, node.lineno) for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module:
                    modules = _modules()
                    for a in node.names:
                        full = f"{node.module}.{a.name}"
                        yield (full if full in modules else node.module), node.lineno


def _lazy_allowed(module: str) -> bool:
    """Whether ``module`` may be imported inside a function (LAZY_ALLOWED, LAZY_INTERNAL)."""
    return module.split(".")[0] in LAZY_ALLOWED or module in LAZY_INTERNAL


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for name, _ in _imports(path, module):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("medialit"):
                targets.add(name)
        graph[module] = targets
    return graph


def test_every_module_has_a_layer():
    missing = [m for m in _modules() if _layer_of(m) is None]
    assert not missing, (
        f"modules with no layer in tests/test_layers.py and docs/architecture.md: {missing}"
    )


def test_imports_point_down_only():
    upward = []
    for module, targets in _graph().items():
        for target in targets:
            if target != "medialit" and _layer_of(target) > _layer_of(module):
                upward.append(
                    f"{module} (layer {_layer_of(module)}) imports {target} "
                    f"(layer {_layer_of(target)})"
                )
    assert not upward, "\n".join(sorted(upward))


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles():
    graph = {m: {t for t in ts if t != "medialit"} for m, ts in _graph().items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_imports_sit_at_the_top_except_heavy_optional_libraries():
    inside = []
    for path in _modules().values():
        for library, line in _function_imports(path):
            if not _lazy_allowed(library):
                inside.append(
                    f"{path.relative_to(ROOT)}:{line} imports {library} inside a function"
                )
    assert not inside, "\n".join(inside)
    assert _lazy_allowed("ipywidgets.widgets") and _lazy_allowed("medialit.assessment.meaning")
    assert not _lazy_allowed("medialit.grading") and not _lazy_allowed("medialit")


def test_architecture_page_lists_the_same_layers():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    for names in LAYERS:
        for name in names:
            assert f"`{name}`" in section, f"docs/architecture.md does not place {name} in a layer"


@pytest.mark.parametrize("module", sorted(_modules()))
def test_public_modules_name_their_api(module):
    source = _modules()[module].read_text(encoding="utf-8")
    if module.rpartition(".")[2].startswith("_") or module.endswith("__main__"):
        return
    assert re.search(r"^__all__\s*=", source, re.M), f"{module} has no __all__"
