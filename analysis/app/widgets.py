"""Interactive exploration in JupyterLab (ipywidgets 8).

- :func:`outlet_metric_explorer`: pick outlets and a metric; the figure updates. The metrics
  offered are listed in ``analysis/data/explorer_metrics.csv`` (``table, column, label, unit,
  level, digits, note``; ``level`` is ``article``, ``sentence`` or ``outlet``) and shown when
  the story has that table.
- :func:`sentence_explorer`: one article sentence by sentence, each with its sentiment (VADER
  compound, as a coloured badge and tint), its quotes (highlighted, with the speaker and the
  reporting verb) and its frame tags (matched words underlined).

The figure and the HTML come from plain functions (:func:`explorer_figure`,
:func:`sentence_html`) that are tested without a browser. Every piece of article text put
into HTML goes through :func:`html.escape`: a pasted ``<script>`` shows as text and runs nothing.
Headless runs (the report sets ``COVERAGE_HEADLESS=1`` for the notebooks it executes) get that
static output instead of widgets (:func:`headless`).
"""

from __future__ import annotations

import html
import math
import os
import re

import numpy as np
import pandas as pd

from analysis import datafiles
from analysis.charts import figures
from analysis.measures import claims
from analysis.measures import findings
from analysis.paths import DATA_DIR
from analysis.story.loading import coverage_rows

METRICS_FILE = DATA_DIR / "explorer_metrics.csv"
LEVELS = ("article", "sentence", "outlet")
#: Sentiment tints: Okabe-Ito blue for positive, vermillion for negative (RGB).
POSITIVE_RGB = (0, 114, 178)
NEGATIVE_RGB = (213, 94, 0)
QUOTE_BACKGROUND = "#FFF3C4"
#: Frame words: underlined (inline, because JupyterLab's stylesheet may reset ``<u>``).
FRAME_STYLE = "text-decoration:underline;text-decoration-thickness:1.5px;text-underline-offset:2px"
#: VADER's thresholds for a positive or negative sentence (Hutto & Gilbert 2014).
NEUTRAL_BAND = 0.05
#: Set (to anything but ``0``) when a notebook runs with nobody to use the widgets.
HEADLESS_ENV = "COVERAGE_HEADLESS"


def headless() -> bool:
    """True when ``$COVERAGE_HEADLESS`` is set (and not ``0``): the explorers then return
    static output (a figure, HTML) instead of widgets.

    The report executes the notebooks headless. With a widget, nbclient's stand-in for the
    ``Output`` widget sends its state to the kernel on the shell socket while it waits on that
    socket for the cell's reply; the send, made through a blocking twin of the asyncio socket,
    swallows the socket's wake-up, and the reply then sits unread until the cell's timeout
    (jupyter/nbclient#312)."""
    return os.environ.get(HEADLESS_ENV, "").strip() not in ("", "0")


# --------------------------------------------------------------------------- tables




def _catalogue_file() -> pd.DataFrame:
    frame = datafiles.read_csv(METRICS_FILE, ("table", "column", "label", "unit", "level", "digits"))
    bad = sorted(set(frame["level"]) - set(LEVELS))
    if bad:
        raise ValueError(f"{METRICS_FILE}: unknown level(s) {', '.join(bad)}; "
                         f"use {', '.join(LEVELS)}")
    frame["digits"] = frame["digits"].replace("", "2").astype(int)
    frame["key"] = frame["table"] + "." + frame["column"]
    return frame


def metric_catalogue(a) -> pd.DataFrame:
    """The metrics this story has: the rows of ``explorer_metrics.csv`` whose table and column
    exist and hold at least one number. Columns ``key`` (``table.column``), ``table``,
    ``column``, ``label``, ``unit``, ``level``, ``digits``."""
    rows = []
    for row in _catalogue_file().itertuples(index=False):
        table = getattr(a, row.table, None)
        if table is None or row.column not in table:
            continue
        if pd.to_numeric(table[row.column], errors="coerce").notna().any():
            rows.append(row._asdict())
    return pd.DataFrame(rows, columns=list(_catalogue_file().columns))


def _metric(a, key: str) -> pd.Series:
    cat = metric_catalogue(a)
    match = cat[cat["key"] == key]
    if match.empty:
        raise ValueError(f"no metric {key!r} for this story; choose one of "
                         f"{', '.join(cat['key'])}")
    return match.iloc[0]


def _coverage_outlets(a) -> list[str]:
    arts = a.articles
    arts = coverage_rows(arts)
    return sorted(arts["outlet"].dropna().unique())


def explorer_data(a, outlets, key: str) -> pd.DataFrame:
    """The values of metric ``key`` for ``outlets``: ``outlet, file, sentence, value`` (one row
    per article, sentence or outlet, as the metric's level says; ``file`` and ``sentence`` are
    blank where they do not apply), NaN left out."""
    m = _metric(a, key)
    table = getattr(a, m["table"])
    table = findings._coverage(table, a.articles)
    part = table[table["outlet"].isin(list(outlets))]
    out = pd.DataFrame({
        "outlet": part["outlet"].to_numpy(),
        "file": part["file"].to_numpy() if "file" in part else "",
        "sentence": part["sentence"].to_numpy() if m["level"] == "sentence" else pd.NA,
        "value": pd.to_numeric(part[m["column"]], errors="coerce").to_numpy(),
    })
    out["sentence"] = pd.array(out["sentence"], dtype="Int64")
    return out.dropna(subset=["value"]).reset_index(drop=True)


# --------------------------------------------------------------------------- the figure


def _jitter(n: int) -> np.ndarray:
    # Deterministic spread of n dots (golden-ratio sequence), within +/- 0.25 of the row.
    return ((np.arange(n) * 0.6180339887) % 1 - 0.5) * 0.5


def explorer_figure(a, outlets, key: str):
    """A column figure of metric ``key`` for ``outlets`` and the data it plots.

    Article and outlet metrics: one bar per outlet (the mean of its articles, one dot per
    article when it has several). Sentence metrics: one dot per sentence, with the outlet's
    mean and 95% interval (:func:`analysis.app.findings.outlet_means`). The title names the outlet
    with the highest value."""
    m = _metric(a, key)
    data = explorer_data(a, outlets, key)
    shown = [o for o in sorted(dict.fromkeys(outlets)) if o in set(data["outlet"])]
    colors = figures.outlet_colors(_coverage_outlets(a) or shown, story=a, highlight=shown)
    labels = figures.outlet_labels(a)
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(shown)))
    digits = int(m["digits"])
    y = {o: i for i, o in enumerate(shown)}
    if m["level"] == "sentence":
        summary = findings.outlet_means(data, "value").set_index("outlet").reindex(shown)
        for o in shown:
            vals = data.loc[data["outlet"] == o, "value"].to_numpy()
            ax.scatter(vals, y[o] + _jitter(len(vals)), s=6, color=colors[o], alpha=0.55,
                       linewidths=0)
            row = summary.loc[o]
            if not math.isnan(row["ci_low"]):
                ax.errorbar(row["mean"], y[o], xerr=[[row["mean"] - row["ci_low"]],
                                                     [row["ci_high"] - row["mean"]]],
                            fmt="o", color=figures.color("ink"), markersize=3.5, capsize=2,
                            linewidth=1)
            else:
                ax.plot(row["mean"], y[o], "o", color=figures.color("ink"), markersize=3.5)
        best = summary["mean"].idxmax() if len(shown) else None
        if best is not None:
            b = summary.loc[best]
            others = summary.drop(index=best)
            apart = all(not claims.intervals_overlap(b["ci_low"], b["ci_high"], r.ci_low,
                                                     r.ci_high) for r in others.itertuples())
            if len(others) and not apart:
                title = (f"Mean {m['label']} is about the same in the articles shown: the "
                         "intervals overlap")
            else:
                title = (f"{labels.get(best, best)} has the highest mean {m['label']}: "
                         f"{findings.number(b['mean'], digits)}")
        subtitle = ("One dot per sentence; black: the article's mean and the 95% interval over "
                    "its sentences")
    else:
        means = data.groupby("outlet")["value"].mean().reindex(shown)
        ax.barh([y[o] for o in shown], means.to_numpy(), height=0.6,
                color=[colors[o] for o in shown])
        for o in shown:
            vals = data.loc[data["outlet"] == o, "value"].to_numpy()
            if len(vals) > 1:
                ax.scatter(vals, y[o] + _jitter(len(vals)), s=8, color=figures.color("ink"),
                           zorder=3)
            ax.text(means[o], y[o], f" {findings.number(means[o], digits)}", va="center",
                    ha="left" if means[o] >= 0 else "right", fontsize=6.5)
        ax.axvline(0, color=figures.color("muted"), linewidth=0.6)
        best = means.idxmax() if len(shown) else None
        if best is not None:
            title = (f"{labels.get(best, best)} has the highest {m['label']}: "
                     f"{findings.number(means[best], digits)}")
        subtitle = ("One bar per outlet" + (" (mean of its articles; dots: articles)"
                                            if data.groupby("outlet").size().max() > 1 else ""))
        span = float(np.nanmax(np.abs(means.to_numpy()))) if len(shown) else 1.0
        low = min(0.0, float(np.nanmin(means.to_numpy())) * 1.4) if len(shown) else 0.0
        ax.set_xlim(low, max(span * 1.25, 1e-9) if means.max() > 0 else 0)
    if not shown:
        title = "No values for the outlets chosen"
    ax.set_yticks(range(len(shown)), [labels.get(o, o) for o in shown])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlabel(f"{m['label']}, {m['unit']}")
    ax.grid(axis="y", visible=False)
    figures.finish(fig, title, figures.source_line(a, outlets=shown), subtitle=subtitle)
    return fig, data


def _with_static_view(box, static_html):
    """Give a widget box a static HTML view beside its live one: JupyterLab draws the widget,
    and a page without the widget's state (the report's HTML export) shows ``static_html()``
    (the figure or text as it was last drawn) instead of nothing."""
    import ipywidgets as w

    class StaticFallback(type(box)):
        def _repr_mimebundle_(self, **kwargs):
            data = super()._repr_mimebundle_(**kwargs) or {}
            try:
                data["text/html"] = static_html()
            except Exception:  # noqa: BLE001 - the live widget still works
                pass
            return data

    assert isinstance(box, w.Box)
    box.__class__ = StaticFallback
    return box


def _outlet_checks(outlets, labels):
    """A column of checkboxes, one per outlet, whose ``value`` is the tuple of outlets ticked
    (settable, observable like a SelectMultiple's)."""
    import ipywidgets as w
    import traitlets

    class OutletChecks(w.VBox):
        value = traitlets.Tuple()

        def __init__(self):
            self.checks = {o: w.Checkbox(value=True, description=labels.get(o, o),
                                         indent=False, layout=w.Layout(width="auto"))
                           for o in outlets}
            super().__init__(children=list(self.checks.values()),
                             layout=w.Layout(max_height="220px", overflow="auto",
                                             width="300px"))
            self._busy = False
            self.value = tuple(outlets)
            for box in self.checks.values():
                box.observe(self._from_checks, names="value")
            self.observe(self._to_checks, names="value")

        def _from_checks(self, _change):
            if not self._busy:
                self.value = tuple(o for o, c in self.checks.items() if c.value)

        def _to_checks(self, change):
            self._busy = True
            try:
                for o, c in self.checks.items():
                    c.value = o in change["new"]
            finally:
                self._busy = False

    return OutletChecks()


def save_explorer_figure(fig, data, key: str, out=None) -> dict:
    """Save the explorer's current figure as PNG, SVG, PDF and the CSV of its data in
    ``<out>/figures/`` (``explorer-<metric>``); returns the paths."""
    from analysis.paths import output_dir

    name = "explorer-" + re.sub(r"[^a-z0-9]+", "-", str(key).lower()).strip("-")
    return figures.save_figure(fig, name, data, output_dir(out) / figures.FIGURES_SUBDIR)


def outlet_metric_explorer(a, out=None):
    """Tick outlets and pick a metric; the figure below updates, and a button saves it
    (PNG, SVG, PDF and CSV) to the output folder (ipywidgets). Headless (:func:`headless`):
    the figure of the first metric for every outlet, no widget."""
    cat = metric_catalogue(a)
    outlets = _coverage_outlets(a)
    if headless():
        from IPython.display import HTML

        if not len(cat) or not outlets:
            return HTML("<em>No metric to show for this story.</em>")
        return explorer_figure(a, outlets, cat["key"].iloc[0])[0]

    import ipywidgets as w
    from IPython.display import clear_output, display

    pick_outlets = _outlet_checks(outlets, figures.outlet_labels(a))
    pick_metric = w.Dropdown(options=[(f"{r.label} ({r.level})", r.key)
                                      for r in cat.itertuples(index=False)],
                             description="Metric", layout=w.Layout(width="420px"))
    save = w.Button(description="Save figure", tooltip="PNG, SVG, PDF and CSV",
                    icon="download")
    saved = w.HTML()
    out_widget = w.Output()
    current: dict = {}

    def redraw(_=None):
        with out_widget:
            clear_output(wait=True)
            current.clear()
            if not pick_outlets.value:
                print("Tick at least one outlet.")
                return
            fig, data = explorer_figure(a, pick_outlets.value, pick_metric.value)
            current.update(fig=fig, data=data, key=pick_metric.value)
            display(fig)

    def save_current(_=None):
        if not current:
            saved.value = "Nothing to save yet."
            return
        paths = save_explorer_figure(current["fig"], current["data"], current["key"], out)
        saved.value = "Saved " + ", ".join(p.name for p in paths.values()) + \
            f" in {paths['png'].parent}"

    pick_outlets.observe(redraw, names="value")
    pick_metric.observe(redraw, names="value")
    save.on_click(save_current)
    if len(cat):
        redraw()
    box = w.VBox([w.HBox([pick_outlets, w.VBox([pick_metric, w.HBox([save, saved])])]),
                  out_widget])
    box.redraw, box.save = redraw, save_current  # for tests and scripts
    _with_static_view(box, lambda: figures.Published(current["fig"])._repr_html_()
                      if current else "<em>Tick at least one outlet.</em>")
    box.outlets, box.metric, box.output, box.saved = pick_outlets, pick_metric, out_widget, saved
    return box


# --------------------------------------------------------------------------- sentences


def _spans_in(start: int, end: int, spans) -> list[tuple[int, int, dict]]:
    out = []
    for s, e, info in spans:
        if s < end and e > start:
            out.append((max(s, start) - start, min(e, end) - start, info))
    return out


def article_sentences(a, file: str) -> pd.DataFrame:
    """One row per body sentence of ``file`` with what the explorer shows: ``sentence, text,
    compound, label, quotes`` (list of dicts: ``start, end, speaker, verb`` relative to the
    sentence) and ``frames`` (list of dicts: ``start, end, frame``)."""
    sents = a.sentences[a.sentences["file"] == file]
    sentiment = getattr(a, "sentiment_sentences")
    scores = {}
    if sentiment is not None and "compound" in sentiment:
        part = sentiment[sentiment["file"] == file]
        scores = dict(zip(part["sentence"], part["compound"]))
    quotes = getattr(a, "quotes")
    quote_spans = []
    if quotes is not None and {"start", "end"} <= set(quotes):
        q = quotes[(quotes["file"] == file) & (quotes["start"] >= 0)]
        if "location" in q:
            q = q[q["location"] == "body"]
        for r in q.itertuples(index=False):
            quote_spans.append((int(r.start), int(r.end), {
                "speaker": str(getattr(r, "speaker", "") or ""),
                "evidence": str(getattr(r, "speaker_evidence", "") or ""),
                "verb": str(getattr(r, "verb", "") or "")}))
    hits = getattr(a, "frame_hits")
    frame_spans: dict[int, list] = {}
    if hits is not None and {"sentence", "start", "end", "frame"} <= set(hits):
        h = hits[hits["file"] == file]
        if "part" in h:
            h = h[h["part"] == "body"]
        for r in h.itertuples(index=False):
            frame_spans.setdefault(int(r.sentence), []).append(
                {"start": int(r.start), "end": int(r.end), "frame": str(r.frame)})
    rows = []
    for s in sents.itertuples(index=False):
        compound = scores.get(s.sentence, math.nan)
        rows.append({
            "sentence": int(s.sentence), "text": s.text, "compound": compound,
            "label": "" if compound != compound else (
                "positive" if compound >= NEUTRAL_BAND else
                "negative" if compound <= -NEUTRAL_BAND else "neutral"),
            "quotes": [dict(start=a0, end=b0, **i)
                       for a0, b0, i in _spans_in(int(s.start), int(s.end), quote_spans)],
            "frames": frame_spans.get(int(s.sentence), []),
        })
    return pd.DataFrame(rows, columns=["sentence", "text", "compound", "label", "quotes",
                                       "frames"])


def _tint(compound: float) -> str:
    if compound != compound or abs(compound) < NEUTRAL_BAND:
        return "transparent"
    r, g, b = POSITIVE_RGB if compound > 0 else NEGATIVE_RGB
    return f"rgba({r},{g},{b},{0.06 + 0.3 * min(abs(compound), 1):.2f})"


def highlight(text: str, quotes=(), frames=()) -> str:
    """``text`` as escaped HTML with quote spans marked (``<mark class="wb-quote">``) and frame
    words underlined (``<span class="wb-frame">``). Spans are character offsets into ``text``."""
    cuts = {0, len(text)}
    for span in list(quotes) + list(frames):
        cuts.update((max(0, min(len(text), span["start"])), max(0, min(len(text), span["end"]))))
    cuts = sorted(cuts)
    parts = []
    for lo, hi in zip(cuts, cuts[1:]):
        if lo == hi:
            continue
        piece = html.escape(text[lo:hi], quote=True)
        if any(f["start"] <= lo and hi <= f["end"] for f in frames):
            names = sorted({f["frame"] for f in frames if f["start"] <= lo and hi <= f["end"]})
            piece = (f'<span class="wb-frame" style="{FRAME_STYLE}" '
                     f'title="{html.escape(", ".join(names), quote=True)}">{piece}</span>')
        if any(q["start"] <= lo and hi <= q["end"] for q in quotes):
            piece = f'<mark class="wb-quote" style="background:{QUOTE_BACKGROUND}">{piece}</mark>'
        parts.append(piece)
    return "".join(parts)


def _tag(text: str, color: str, border: str = "none") -> str:
    return (f'<span style="display:inline-block;margin:0 4px 2px 0;padding:0 5px;'
            f'border-radius:3px;font-size:85%;background:{color};border:{border}">'
            f"{html.escape(text, quote=True)}</span>")


def sentence_html(a, file: str, sentiment: bool = True, quotes: bool = True,
                  frames: bool = True) -> str:
    """The article ``file`` as HTML, sentence by sentence: number, sentiment badge and tint,
    quotes highlighted with speaker and verb, frame words underlined and frame tags. All
    article text is escaped (:func:`html.escape`)."""
    arts = a.articles.set_index("file")
    if file not in arts.index:
        raise ValueError(f"no article {file!r} in this story")
    art = arts.loc[file]
    headline = str(art.get("headline", "") or "")
    if not headline:
        heads = a.lines[(a.lines["file"] == file) & (a.lines["role"] == "headline")]
        headline = heads["clean"].iloc[0] if len(heads) else ""
    rows = article_sentences(a, file)
    out = ['<div class="wb-sentences" style="font-family:sans-serif;line-height:1.45">']
    out.append(f'<div style="color:#767676;font-size:85%">{html.escape(str(art["outlet"]))}'
               f" · {html.escape(file)} · {len(rows)} sentences</div>")
    if headline:
        out.append(f"<h3 style='margin:4px 0 8px 0'>{html.escape(headline)}</h3>")
    legend = []
    if sentiment:
        legend += [_tag("positive", _tint(0.6)), _tag("negative", _tint(-0.6)),
                   "<span style='font-size:85%'>tint: the sentence's sentiment</span>"]
    if quotes:
        legend.append(_tag("quoted words", QUOTE_BACKGROUND))
    if frames:
        legend.append(f"<span style='font-size:85%'><span style='{FRAME_STYLE}'>underlined</span>"
                      ": frame words</span>")
    if legend:
        out.append('<div style="margin-bottom:6px">' + " ".join(legend) + "</div>")
    out.append('<table style="border-collapse:collapse;width:100%">')
    for r in rows.itertuples(index=False):
        q = r.quotes if quotes else []
        f = r.frames if frames else []
        tags = []
        if sentiment and r.compound == r.compound:
            tags.append(_tag(f"{r.label} {findings.number(r.compound, 2, signed=True)}",
                             _tint(r.compound) if r.label != "neutral" else "#EEEEEE"))
        # A speaker the register could not tie to a person shows as written ("The mayor").
        labels = [f"quote: {x['speaker'] or x.get('evidence') or 'speaker not found'}"
                  + (f" ({x['verb']})" if x["verb"] else "") for x in q]
        for label in dict.fromkeys(labels):
            tags.append(_tag(label, QUOTE_BACKGROUND))
        for name in sorted({x["frame"] for x in f}):
            tags.append(_tag(name, "#FFFFFF", border="1px solid #BBBBBB"))
        background = _tint(r.compound) if sentiment else "transparent"
        out.append(
            f'<tr style="border-top:1px solid #E5E5E5">'
            f'<td style="vertical-align:top;color:#767676;padding:4px 6px;text-align:right">'
            f"{r.sentence}</td>"
            f'<td style="padding:4px 6px;background:{background}">{highlight(r.text, q, f)}'
            f'<div>{"".join(tags)}</div></td></tr>')
    out.append("</table></div>")
    return "\n".join(out)


def sentence_explorer(a, file: str | None = None):
    """Pick an article and see it sentence by sentence (ipywidgets): sentiment, quotes with
    their speakers and frame tags, each of which can be switched off. Headless
    (:func:`headless`): the HTML of ``file`` (default: the first article), no widget."""
    arts = a.articles.sort_values(["outlet", "file"])
    if headless():
        from IPython.display import HTML

        first = file or (arts["file"].iloc[0] if len(arts) else None)
        return HTML(sentence_html(a, first) if first else "<em>No articles.</em>")

    import ipywidgets as w

    options = []
    for r in arts.itertuples(index=False):
        head = str(getattr(r, "headline", "") or "")
        label = f"{r.outlet}: {head[:60] + ('…' if len(head) > 60 else '') if head else r.file}"
        options.append((label, r.file))
    pick = w.Dropdown(options=options, value=file or (options[0][1] if options else None),
                      description="Article", layout=w.Layout(width="560px"))
    show = {name: w.Checkbox(value=True, description=name, indent=False,
                             layout=w.Layout(width="110px"))
            for name in ("sentiment", "quotes", "frames")}
    view = w.HTML()

    def redraw(_=None):
        if pick.value is None:
            view.value = "<em>No articles.</em>"
            return
        view.value = sentence_html(a, pick.value, **{k: c.value for k, c in show.items()})

    pick.observe(redraw, names="value")
    for box in show.values():
        box.observe(redraw, names="value")
    redraw()
    box = w.VBox([pick, w.HBox(list(show.values())), view])
    box.article, box.toggles, box.view, box.redraw = pick, show, view, redraw
    _with_static_view(box, lambda: f"<p><strong>{html.escape(str(pick.label or ''))}</strong>"
                                   f"</p>{view.value}")
    return box
