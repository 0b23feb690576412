"""Safety: pasted markup is shown as text wherever article text becomes HTML, Markdown or a
figure; nothing opens a network connection; English-only metrics are not applied to articles
that are not English (issue 5, items 3 and 6)."""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser

import pytest

from analysis.app import widgets
from analysis.measures import findings
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import Analysis
from analysis.story import language
from analysis.story.loading import load_story

# --------------------------------------------------------------------------------------------
# Pasted markup is text

SCRIPT = "&lt;script&gt;alert('x')&lt;/script&gt;"  # decodes to <script>alert('x')</script>
IMAGE = "&lt;img src=x onerror=alert(1)&gt;"  # decodes to <img src=x onerror=alert(1)>
HOSTILE = {
    "a.txt": (
        f"Spy chief {SCRIPT} speaks in Prague\n\n"
        "Sir Richard Moore spoke in Prague on Wednesday about the war in Ukraine and the "
        "services he leads, in a speech to an invited audience of diplomats.\n"
        f"“{SCRIPT} Our door is always open {IMAGE},” Moore said in the speech.\n"
        "<script>alert('raw')</script><img src=x onerror=alert(3)>He urged Russians to "
        "join, and said that many of them were appalled by the war in Ukraine.\n"
    ),
    "b.txt": (
        "Spy chief speaks in Prague\n\n"
        "Sir Richard Moore spoke in Prague on Wednesday. He said the door was open to "
        "Russians who wanted to help end the war in Ukraine.\n"
        "“Our door is always open,” Moore said.\n"
    ),
}
HOSTILE_MANIFEST = (
    "file,outlet\n"
    "a.txt,<img src=x onerror=alert(1)> News\n"
    "b.txt,Plain [link](javascript:alert(1)) *Times*\n"
)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.active: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "svg", "object", "embed", "a", "link", "style"):
            self.active.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.active.append(f"<{tag} {name}={value!r}>")


def live_markup(page: str) -> list[str]:
    """Tags that would run or load something, and event-handler attributes, as a browser's
    HTML parser sees ``page``."""
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.active


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Analysis:
    folder = tmp_path_factory.mktemp("hostile")
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(HOSTILE_MANIFEST, encoding="utf-8")
    return Analysis(load_story(folder))


def test_the_clean_text_really_holds_markup(hostile):
    # The premise: entity-encoded markup decodes to live tags in the display text.
    assert "<script>alert('x')</script>" in hostile.bodies["a.txt"]
    assert "<img src=x onerror=alert(1)>" in hostile.bodies["a.txt"]


def test_sentence_explorer_html_shows_pasted_markup_as_text(hostile):
    page = widgets.sentence_html(hostile, "a.txt")
    assert live_markup(page) == []
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_highlight_escapes_text_inside_and_outside_marked_spans():
    text = "<b>bold</b> “<img src=x onerror=alert(1)>” & more"
    page = widgets.highlight(
        text,
        quotes=[{"start": 12, "end": 45, "speaker": "<i>", "verb": "said"}],
        frames=[{"start": 0, "end": 11, "frame": "<svg onload=alert(1)>"}],
    )
    assert live_markup(page) == []
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&amp;" in page


def test_findings_markdown_shows_outlet_names_as_text(hostile):
    markdown = findings.as_markdown(findings.findings(hostile))
    assert "News" in markdown  # the outlet is named ...
    assert live_markup(markdown) == []  # ... but not as a tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown
    assert re.search(r"(?<!\\)\]\(javascript:", markdown) is None  # no live link


@pytest.mark.parametrize(
    "text, markdown",
    [
        ("<img src=x onerror=alert(1)> ran", "&lt;img src=x onerror=alert(1)&gt; ran"),
        ("*Times* and [x](y)", r"\*Times\* and \[x\](y)"),
        ("A & B", "A &amp; B"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_text_is_literal(text, markdown):
    assert findings.markdown_text(text) == markdown


def test_dollar_signs_in_pasted_text_are_not_typeset_as_formulas():
    from analysis.charts import figures

    fig, ax = figures.new_figure()
    text = "Fed cuts $\\frac{ budget$"  # between the two $ signs: a broken formula
    label = ax.set_xlabel(text)
    fig.savefig(io.BytesIO(), format="png")  # ValueError (mathtext) before parse_math was off
    assert label.get_text() == text


# --------------------------------------------------------------------------------------------
# No network, at import or at run time

NO_NETWORK = textwrap.dedent("""
    import socket, sys
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:120])
        raise OSError("network access attempted: " + repr(args)[:120])

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.socket.sendto = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    socket.gethostbyname = refuse
    try:
        socket.create_connection(("127.0.0.1", 9))
    except OSError:
        pass
    assert attempts, "the guard is not installed"
    attempts.clear()

    import importlib, pkgutil
    import analysis
    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if info.name != "analysis.__main__":
            importlib.import_module(info.name)

    from analysis.app import report
    from analysis.pipeline import TABLES, analyse
    a = analyse(sys.argv[1])
    for name in TABLES:
        getattr(a, name)
    done = report.run(sys.argv[1], sys.argv[2], run_notebooks=False, progress=False)
    print("failures", done.failures)
    print("attempts", len(attempts))
    for a in attempts:
        print("attempt", a)
""")


def test_import_tables_and_report_run_with_the_network_disabled(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, str(SEEDS_DIR), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=PROJECT_ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "attempts 0" in run.stdout, run.stdout
    assert "failures 0" in run.stdout, run.stdout + run.stderr[-3000:]
    assert (tmp_path / "out" / "tables" / "lines.csv").is_file()
    assert (tmp_path / "out" / "summary-dashboard.png").is_file()


# --------------------------------------------------------------------------------------------
# Non-English articles are flagged; English-only metrics are not applied to them

FOREIGN = {
    "russian": (
        "Глава британской разведки МИ-6 Ричард Мур призвал россиян, недовольных войной "
        "в Украине, сотрудничать с британскими спецслужбами. Он выступил в Праге в среду "
        "и сказал, что двери всегда открыты для тех, кто хочет помочь."
    ),
    "arabic": (
        "دعا رئيس جهاز المخابرات البريطاني ريتشارد مور الروس الغاضبين من الحرب في أوكرانيا "
        "إلى التعاون مع الاستخبارات البريطانية. وقال في خطاب ألقاه في براغ يوم الأربعاء "
        "إن الباب مفتوح دائما أمام من يريد المساعدة في إنهاء إراقة الدماء."
    ),
    "chinese": (
        "英国秘密情报局局长理查德·摩尔周三在布拉格发表讲话，呼吁对乌克兰战争感到震惊的俄罗斯人"
        "与英国情报部门合作。他说，英国的大门永远敞开，欢迎那些希望帮助结束流血冲突的人。"
    ),
    "french": (
        "Le chef du MI6, Richard Moore, a appelé mercredi à Prague les Russes opposés à la "
        "guerre en Ukraine à collaborer avec les services de renseignement britanniques. "
        "Selon lui, notre porte est toujours ouverte à ceux qui veulent aider à mettre fin "
        "au bain de sang, a-t-il déclaré devant un public de diplomates."
    ),
    "german": (
        "Der Chef des britischen Auslandsgeheimdienstes MI6, Richard Moore, hat am Mittwoch "
        "in Prag die Russen aufgerufen, mit den britischen Diensten zusammenzuarbeiten. "
        "Unsere Tür steht immer offen, sagte er vor Diplomaten und forderte alle auf, die "
        "das Blutvergießen beenden wollen, sich zu melden."
    ),
}
ENGLISH = (
    "Britain's spy chief on Wednesday urged Russians who are appalled by the war in "
    "Ukraine to work with the British intelligence services. Speaking in Prague, Sir "
    "Richard Moore said that the door was always open to those who want to help end the "
    "bloodshed, and he told an audience of diplomats that many had already joined."
)


@pytest.mark.parametrize("name", FOREIGN)
def test_articles_in_other_languages_are_flagged_not_english(name):
    out = language.detect(FOREIGN[name])
    assert (out["language"], out["english"]) == ("other", False)
    assert "not English" in out["reason"]


def test_english_prose_is_english():
    out = language.detect(ENGLISH)
    assert (out["language"], out["english"]) == ("en", True)


@pytest.mark.parametrize("text", ["Spy chief speaks in Prague.", "MI6 chief urges Russians to spy"])
def test_short_text_is_flagged_as_too_short_to_tell(text):
    out = language.detect(text)
    assert out["language"] == "unknown"
    assert "too short to tell" in out["reason"]


@pytest.mark.parametrize("text", ["", "   ", "12 345 678", "!!! ... ???"])
def test_text_with_no_words_is_unknown_and_not_scored(text):
    out = language.detect(text)
    assert (out["language"], out["english"]) == ("unknown", False)


@pytest.fixture(scope="module")
def languages_story(tmp_path_factory) -> Analysis:
    folder = tmp_path_factory.mktemp("languages")
    rows = ["file,outlet"]
    for name, text in {"english": ENGLISH, **FOREIGN}.items():
        (folder / f"{name}.txt").write_text(
            f"{name.title()} headline here\n\n{text}\n", encoding="utf-8"
        )
        rows.append(f"{name}.txt,{name.title()} Outlet")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return Analysis(load_story(folder))


@pytest.mark.parametrize("name", FOREIGN)
def test_readability_and_sentiment_are_nan_with_the_reason_for_other_languages(
    languages_story, name
):
    if not hasattr(Analysis, "metrics"):
        pytest.skip("analysis.measures.metrics is not there yet")
    m = languages_story.metrics.set_index("file").loc[f"{name}.txt"]
    assert not m["english"]
    for col in (
        "flesch_reading_ease",
        "fk_grade",
        "gunning_fog",
        "smog_grade",
        "coleman_liau",
        "ari",
        "dale_chall",
        "consensus_grade",
        "sentiment_mean",
        "sentiment_median",
    ):
        assert math.isnan(m[col]), col
    assert "not English" in m["readability_notes"]
    assert "not English" in m["sentiment_notes"]


def test_sentence_sentiment_is_nan_for_other_languages(languages_story):
    if not hasattr(Analysis, "sentiment_sentences"):
        pytest.skip("sentence sentiment is not there yet")
    s = languages_story.sentiment_sentences
    foreign = s[s["file"] != "english.txt"]
    assert len(foreign) > 0 and foreign["compound"].isna().all()
    assert s.loc[s["file"] == "english.txt", "compound"].notna().all()


def test_english_article_is_scored(languages_story):
    if not hasattr(Analysis, "metrics"):
        pytest.skip("analysis.measures.metrics is not there yet")
    m = languages_story.metrics.set_index("file").loc["english.txt"]
    assert m["english"]
    assert not math.isnan(m["fk_grade"]) and not math.isnan(m["sentiment_mean"])
