"""Every chart and the dashboard stay legible from 2 to 30 outlets.

Each chart of the report is drawn for a synthetic story (:mod:`tests.synthetic_story`) with
2, 6, 12, 18 and 30 outlets, one article each, and checked with the renderer's bounding boxes
(:mod:`tests.legibility`): no overlapping text, no text outside the canvas, no layout warning,
a source line of at most two lines.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from analysis.pipeline import analyse
from tests import legibility
from tests.synthetic_story import write_synthetic_story

SIZES = (2, 6, 12, 18, 30)


def _charts() -> list[tuple[str, object]]:
    from analysis.app import report

    found = report.collect_charts(report.Report(out=Path(".")))
    charts = [(name, func) for _, name, func in found]
    try:
        from analysis.app import dashboard
    except ModuleNotFoundError:  # pragma: no cover - the dashboard is optional
        return charts
    return charts + [("summary-dashboard", dashboard.summary)]


CHARTS = _charts()

#: (chart, outlets) drawn illegibly before issue 16's layouts: expected to fail, strictly.
KNOWN_ILLEGIBLE: dict[str, set[int]] = {}


def _cases():
    for name, func in CHARTS:
        for n in SIZES:
            marks = [pytest.mark.slow]
            if n in KNOWN_ILLEGIBLE.get(name, set()):
                marks.append(pytest.mark.xfail(strict=True, reason="illegible before issue 16"))
            yield pytest.param(name, func, n, id=f"{name}-{n}", marks=marks)


_stories: dict[int, object] = {}


@pytest.fixture(scope="module")
def story_for(tmp_path_factory):
    def get(n: int):
        if n not in _stories:
            folder = write_synthetic_story(tmp_path_factory.mktemp(f"outlets{n}"), n)
            _stories[n] = analyse(folder)
        return _stories[n]

    yield get
    _stories.clear()


@pytest.mark.parametrize("name, func, n", list(_cases()))
def test_chart_is_legible_at_every_number_of_outlets(story_for, name, func, n):
    a = story_for(n)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(a)
    if result is None:
        pytest.skip(f"{name}: nothing to plot for this story")
    fig = result[0]
    problems = [legibility.Problem("warning", f"{w.category.__name__}: {w.message}")
                for w in caught if issubclass(w.category, UserWarning)]
    problems += legibility.check(fig)
    assert not problems, f"{name} at {n} outlets:\n" + "\n".join(map(str, problems[:12]))


# --------------------------------------------------------------------------- the checker itself


def _figure_with(texts: list[tuple[float, float, str]], size=(3.0, 2.0)) -> Figure:
    fig = Figure(figsize=size)
    for x, y, s in texts:
        fig.text(x, y, s, fontsize=8)
    return fig


def test_the_checker_passes_text_that_stands_apart():
    fig = _figure_with([(0.05, 0.8, "Fox News"), (0.05, 0.5, "Kyiv Post"), (0.05, 0.2, "LBC")])
    assert legibility.check(fig) == []


def test_the_checker_finds_two_labels_printed_over_each_other():
    fig = _figure_with([(0.1, 0.5, "Westhaven Courier"), (0.15, 0.5, "Coastline Radio")])
    kinds = [p.kind for p in legibility.check(fig)]
    assert kinds == ["overlap"]


def test_the_checker_finds_text_running_off_the_canvas():
    fig = _figure_with([(0.7, 0.5, "The Northgate Evening Chronicle")])
    kinds = [p.kind for p in legibility.check(fig)]
    assert kinds == ["outside"]


def test_the_checker_finds_a_layout_that_gave_up():
    fig = Figure(figsize=(1.0, 0.4), layout="constrained")
    ax = fig.subplots()
    ax.set_yticks(range(8), [f"a long outlet name {i}" for i in range(8)])
    kinds = {p.kind for p in legibility.check(fig)}
    assert "warning" in kinds


def test_the_checker_counts_the_lines_of_the_source_line():
    fig = Figure(figsize=(3.0, 2.0))
    fig.text(0.01, 0.01, "Source: a\nb\nc", fontsize=5, gid="workbook-source")
    assert [p.kind for p in legibility.check(fig)] == ["source"]


def test_the_synthetic_story_is_the_same_bytes_every_time(tmp_path):
    one = write_synthetic_story(tmp_path / "one", 7)
    two = write_synthetic_story(tmp_path / "two", 7)
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    assert len([n for n in names if n.endswith(".txt")]) == 7
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_the_synthetic_story_shares_wire_copy_between_outlets_of_one_agency(tmp_path):
    folder = write_synthetic_story(tmp_path / "s", 6)
    manifest = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
    ap = [line.split(",")[0] for line in manifest[1:] if ",AP," in line]
    assert len(ap) == 2
    first, second = ((folder / f).read_text(encoding="utf-8") for f in ap)
    assert "WESTHAVEN (AP) - Regional officials" in first
    assert "WESTHAVEN (AP) - Regional officials" in second
