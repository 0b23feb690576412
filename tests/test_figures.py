"""The figures helper: one style, one colour per outlet, repeatable files."""

from __future__ import annotations

import pandas as pd
import pytest
from PIL import Image

from analysis.charts import figures
from analysis.pipeline import analyse

# The Okabe-Ito colours, in the order the palette hands them to outlets (written out by hand
# from Okabe & Ito 2008 and analysis/data/palette.csv).
BLUE, ORANGE, GREEN, VERMILLION = "#0072B2", "#E69F00", "#009E73", "#D55E00"

PLOTTED = pd.DataFrame(
    {
        "outlet": ["Fox News", "Kyiv Post", "LBC"],
        "body_words": [612, 540, 381],
        "mean_sentence_words": [21.5, 19.25, 23.0],
    }
)


def _story(folder, rows, palette=None):
    """Write a tiny story folder: one short article per manifest row."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["file,outlet,headline,published,author,url,wire_agency,republished_by,notes"]
    for file, outlet, published in rows:
        (folder / file).write_text(
            f"{outlet} headline\n\nA body paragraph about the event.\n", encoding="utf-8"
        )
        lines.append(f"{file},{outlet},,{published},,,,,")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if palette:
        (folder / "palette.csv").write_text(palette, encoding="utf-8")
    return analyse(folder)


def _bar_chart(title="Fox News ran the longest article"):
    fig, ax = figures.new_figure("column")
    colors = figures.outlet_colors(list(PLOTTED["outlet"]))
    ax.barh(PLOTTED["outlet"], PLOTTED["body_words"], color=[colors[o] for o in PLOTTED["outlet"]])
    ax.set_xlabel("body words")
    figures.finish(fig, title, "Source: Fox News, Kyiv Post, LBC. Story: test.")
    return fig


def test_the_same_figure_saved_twice_gives_identical_bytes(tmp_path):
    first = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path / "a")
    second = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path / "b")
    for ext in ("png", "svg", "pdf", "csv"):
        assert first[ext].read_bytes() == second[ext].read_bytes(), ext


def test_save_figure_writes_png_svg_pdf_and_csv_named_by_content(tmp_path):
    paths = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "words-by-outlet.csv",
        "words-by-outlet.pdf",
        "words-by-outlet.png",
        "words-by-outlet.svg",
    ]
    assert set(paths) == {"png", "svg", "pdf", "csv"}


def test_png_is_300_dpi_and_a_column_wide(tmp_path):
    paths = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path)
    image = Image.open(paths["png"])
    assert [round(d) for d in image.info["dpi"]] == [300, 300]
    assert image.size[0] == 1050  # 3.5 in x 300 dpi


def test_page_figures_are_seven_inches_wide(tmp_path):
    fig, ax = figures.new_figure("page")
    ax.plot([0, 1], [0, 1])
    figures.finish(fig, "A line", "Source: test.")
    paths = figures.save_figure(fig, "a-line", pd.DataFrame({"x": [0, 1], "y": [0, 1]}), tmp_path)
    assert Image.open(paths["png"]).size[0] == 2100


def test_csv_holds_exactly_the_plotted_data(tmp_path):
    paths = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path)
    assert paths["csv"].read_text(encoding="utf-8") == (
        "outlet,body_words,mean_sentence_words\n"
        "Fox News,612,21.5\n"
        "Kyiv Post,540,19.25\n"
        "LBC,381,23\n"
    )


def test_csv_writes_floats_to_ten_significant_digits(tmp_path):
    data = pd.DataFrame({"share": [0.1 + 0.2, 2 / 3]})
    paths = figures.save_figure(_bar_chart(), "shares", data, tmp_path)
    assert paths["csv"].read_text() == "share\n0.3\n0.6666666667\n"


def test_a_named_index_is_written_as_a_column(tmp_path):
    data = PLOTTED.set_index("outlet")[["body_words"]]
    paths = figures.save_figure(_bar_chart(), "words", data, tmp_path)
    assert paths["csv"].read_text().splitlines()[0] == "outlet,body_words"


def test_saved_files_carry_no_dates_or_software_versions(tmp_path):
    paths = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path)
    assert b"CreationDate" not in paths["pdf"].read_bytes()
    assert b"Producer" not in paths["pdf"].read_bytes()
    assert b"<dc:date>" not in paths["svg"].read_bytes()
    assert "Software" not in Image.open(paths["png"]).info


@pytest.mark.parametrize("name", ["figure-1", "fig2", "Words By Outlet", "words by outlet", ""])
def test_figures_are_named_by_content_not_number(tmp_path, name):
    with pytest.raises(ValueError, match="figure name"):
        figures.save_figure(_bar_chart(), name, PLOTTED, tmp_path)


def test_new_figure_widths_are_a_column_and_a_page():
    assert figures.new_figure("column")[0].get_size_inches()[0] == 3.5
    assert figures.new_figure("page")[0].get_size_inches()[0] == 7.0
    with pytest.raises(ValueError, match="column"):
        figures.new_figure("poster")


def test_finish_adds_the_title_and_source_line_and_keeps_the_plot_height():
    fig, ax = figures.new_figure("column", height=2.0)
    figures.finish(fig, "LBC quotes Moore the most", "Source: test story.")
    texts = [t.get_text() for t in fig.texts]
    assert texts == ["LBC quotes Moore the most", "Source: test story."]
    assert fig.get_size_inches()[1] > 2.0


def test_finish_twice_replaces_rather_than_stacks_the_title():
    fig, ax = figures.new_figure("column", height=2.0)
    figures.finish(fig, "First title", "Source: a.")
    height = fig.get_size_inches()[1]
    figures.finish(fig, "Second title", "Source: b.")
    assert [t.get_text() for t in fig.texts] == ["Second title", "Source: b."]
    assert fig.get_size_inches()[1] == height


def test_a_long_title_is_wrapped_to_the_column():
    fig, ax = figures.new_figure("column")
    title = "Kyiv Post's sentences are the most negative of the three outlets, by a wide margin"
    figures.finish(fig, title, "Source: test.")
    assert fig.texts[0].get_text().count("\n") >= 1


def test_style_uses_dejavu_sans_shipped_with_matplotlib():
    import matplotlib

    figures.apply_style()
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
    assert matplotlib.rcParams["svg.hashsalt"] == "coverage-workbook"


def test_outlets_get_okabe_ito_colours_in_alphabetical_order():
    assert figures.outlet_colors(["LBC", "Fox News", "Kyiv Post"]) == {
        "LBC": GREEN,
        "Fox News": BLUE,
        "Kyiv Post": ORANGE,
    }


def test_a_subset_of_a_storys_outlets_keeps_the_colours_of_the_whole(tmp_path):
    a = _story(
        tmp_path / "story", [("a.txt", "Alpha", ""), ("b.txt", "Beta", ""), ("c.txt", "Gamma", "")]
    )
    assert figures.outlet_colors(["Gamma"], story=a) == {"Gamma": GREEN}
    assert figures.outlet_colors(["Beta", "Gamma"], story=a) == {"Beta": ORANGE, "Gamma": GREEN}


def test_colours_depend_only_on_the_story_passed_not_on_an_earlier_figure(tmp_path):
    a = _story(tmp_path / "story", [("a.txt", "Alpha", ""), ("b.txt", "Beta", "")])
    figures.source_line(a)
    assert figures.outlet_colors(["Beta"], story=a) == {"Beta": ORANGE}
    assert figures.outlet_colors(["Beta"]) == {"Beta": BLUE}


def test_a_story_can_pin_an_outlets_colour(tmp_path):
    a = _story(
        tmp_path / "story",
        [("a.txt", "Alpha", ""), ("b.txt", "Beta", "")],
        palette="outlet,color\nBeta,vermillion\nAlpha,#123456\n",
    )
    assert figures.outlet_colors(["Alpha", "Beta"], story=a) == {
        "Alpha": "#123456",
        "Beta": VERMILLION,
    }


def test_pinned_colours_are_not_handed_to_other_outlets(tmp_path):
    a = _story(
        tmp_path / "story",
        [("a.txt", "Alpha", ""), ("b.txt", "Beta", "")],
        palette="outlet,color\nBeta,blue\n",
    )
    assert figures.outlet_colors(["Alpha", "Beta"], story=a) == {"Alpha": ORANGE, "Beta": BLUE}


def test_a_bad_pinned_colour_names_the_file_and_row(tmp_path):
    a = _story(
        tmp_path / "story", [("a.txt", "Alpha", "")], palette="outlet,color\nAlpha,teal-ish\n"
    )
    with pytest.raises(ValueError, match=r"palette.csv, row 2: colour 'teal-ish'"):
        figures.outlet_colors(["Alpha"], story=a)


def test_source_line_names_outlets_story_and_dates(tmp_path):
    a = _story(
        tmp_path / "moore-speech",
        [
            ("a.txt", "Beta", "2023-07-19T12:47:00+01:00"),
            ("b.txt", "Alpha", "2023-07-20"),
            ("c.txt", "Gamma", ""),
        ],
    )
    assert figures.source_line(a) == (
        "Source: Alpha, Beta, Gamma, one article each: differences are between these "
        "articles, not outlets' habits. Story: moore-speech. "
        "Published 19-20 July 2023 (dates known for 2 of 3)."
    )


def test_source_line_says_when_no_dates_are_known(tmp_path):
    a = _story(tmp_path / "s", [("a.txt", "Alpha", "")])
    assert figures.source_line(a).endswith("Publication dates not in the manifest.")


@pytest.mark.parametrize(
    "dates, words",
    [
        (["2023-07-19T12:47:00+01:00"], "19 July 2023"),
        (["2023-07-21", "2023-07-19"], "19-21 July 2023"),
        (["2023-06-30", "2023-07-02"], "30 June to 2 July 2023"),
        (["2022-12-31", "2023-01-01"], "31 December 2022 to 1 January 2023"),
        ([], ""),
    ],
)
def test_date_range_in_words(dates, words):
    assert figures.date_range(dates) == words


def test_source_line_names_the_method_last(tmp_path):
    a = _story(tmp_path / "s", [("a.txt", "Alpha", ""), ("b.txt", "Beta", "")])
    assert figures.source_line(a, method="Sentiment: VADER").endswith(" Sentiment: VADER.")


def test_a_source_line_of_eighteen_outlets_stays_two_lines(tmp_path):
    rows = [
        (f"{k}.txt", f"The Regional Evening Outlet Number {k}", "2024-01-0%d" % (1 + k % 3))
        for k in range(18)
    ]
    a = _story(tmp_path / "many", rows)
    fig = _bar_chart()
    figures.finish(fig, "A title", figures.source_line(a, method="Sentiment: VADER"))
    source = [t for t in fig.texts if t.get_gid() == "workbook-source"][0].get_text()
    assert source.count("\n") <= 1
    assert "18 outlets, one article each" in source
    assert "Sentiment: VADER" in source


def test_long_outlet_names_are_shortened_at_a_word_and_marked():
    assert figures.abbreviate("Southern Counties Broadcasting Service") == "Southern Counties…"
    assert figures.abbreviate("The Lakeshore Advertiser and Gazette") == "Lakeshore Advertiser…"
    assert figures.abbreviate("The Observer of Ridgefield Valley") == "Observer of Ridgefield…"
    assert figures.abbreviate("Kyiv Post") == "Kyiv Post"
    assert figures.abbreviate("The Morning Lantern") == "The Morning Lantern"


def test_an_outlet_running_wire_copy_is_labelled_with_the_agency(tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    for f in ("a.txt", "b.txt", "c.txt"):
        (folder / f).write_text("Headline\n\nA body paragraph about the event.\n", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,outlet,headline,published,author,url,wire_agency,republished_by,notes\n"
        "a.txt,Fox News,,,,,AP,,\nb.txt,LBC,,,,,,,\nc.txt,Metro Wire,,,,,Metro Wire,,\n",
        encoding="utf-8",
    )
    a = analyse(folder)
    assert figures.outlet_labels(a) == {
        "Fox News": "Fox News (AP)",
        "LBC": "LBC",
        "Metro Wire": "Metro Wire",
    }


def test_past_eight_outlets_only_the_highlighted_ones_get_a_colour(tmp_path):
    a = _story(tmp_path / "nine", [(f"{k}.txt", f"Outlet {k}", "") for k in range(9)])
    colors = figures.outlet_colors(["Outlet 3", "Outlet 5"], story=a, highlight=["Outlet 5"])
    assert colors == {"Outlet 3": "#A3A3A3", "Outlet 5": BLUE}


def test_category_colours_are_never_outlet_colours():
    p = figures.palette()
    outlet = set(p.loc[p["use"] == "outlet", "hex"])
    assert not outlet & set(p.loc[p["use"] == "category", "hex"])


def test_a_manifest_short_name_is_the_label_everywhere(tmp_path):
    from tests.synthetic_story import write_synthetic_story

    a = analyse(write_synthetic_story(tmp_path / "s", 3, short_names=True))
    assert figures.outlet_labels(a) == {
        "Westhaven Courier": "Courier",
        "The Northgate Evening Chronicle": "Chronicle (AP)",
        "Coastline Radio News": "Coastline",
    }
    assert list(figures.article_labels(a)["label"]) == ["Courier", "Chronicle (AP)", "Coastline"]


def _pdf_fonts(data: bytes) -> list:
    """The TrueType fonts embedded in a PDF (the streams with a ``/Length1``), read back with
    fontTools."""
    import io
    import re
    import zlib

    from fontTools.ttLib import TTFont

    fonts = []
    for match in re.finditer(rb"<<([^>]*?/Length1[^>]*?)>>\s*stream\r?\n", data):
        length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))
        body = data[match.end() : match.end() + length]
        if b"FlateDecode" in match.group(1):
            body = zlib.decompress(body)
        fonts.append(TTFont(io.BytesIO(body)))
    return fonts


def test_pdf_fonts_hold_every_character_drawn_even_outside_the_usual_set(tmp_path):
    # "é" and "ß" are outside the characters every subset holds; "fi" is set as a ligature.
    title = "Café Straße: the fifth outlet differs"
    paths = figures.save_figure(_bar_chart(title), "words-by-outlet", PLOTTED, tmp_path)
    fonts = _pdf_fonts(paths["pdf"].read_bytes())
    assert len(fonts) >= 2  # at least the title's bold and the labels' regular DejaVu Sans
    bold = [f for f in fonts if "Bold" in f["name"].getDebugName(4)]
    assert bold
    cmap = bold[0].getBestCmap()
    for char in set(title) - {" "}:
        glyph = bold[0]["glyf"][cmap[ord(char)]]
        assert glyph.numberOfContours != 0, char  # an outline, not an empty box
    for font in fonts:
        assert "GSUB" not in font and "GPOS" not in font


def test_reused_pdf_font_subsets_give_the_same_bytes_as_fresh_ones(tmp_path):
    first = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path / "a")
    figures._SUBSETS.clear()
    second = figures.save_figure(_bar_chart(), "words-by-outlet", PLOTTED, tmp_path / "b")
    assert first["pdf"].read_bytes() == second["pdf"].read_bytes()


def test_svg_and_pdf_keep_the_layout_the_png_was_drawn_with(tmp_path):
    import io

    import matplotlib

    # Saved by hand as matplotlib does it by default: the layout is solved for the PNG, then
    # kept (a placeholder engine) for the SVG.
    fig = _bar_chart()
    with matplotlib.rc_context(figures._REPEATABLE_RC):
        fig.savefig(io.BytesIO(), format="png", dpi=figures.PNG_DPI)
        expected = [ax.get_position().bounds for ax in fig.axes]
        fig.set_layout_engine("none")
        by_hand = io.BytesIO()
        fig.savefig(by_hand, format="svg", metadata=figures._METADATA["svg"])
    (tmp_path / "by-hand.svg").write_bytes(by_hand.getvalue())
    figures._renumber_svg_ids(tmp_path / "by-hand.svg")

    fig = _bar_chart()
    paths = figures.save_figure(fig, "words-by-outlet", PLOTTED, tmp_path)
    assert [ax.get_position().bounds for ax in fig.axes] == expected
    assert paths["svg"].read_bytes() == (tmp_path / "by-hand.svg").read_bytes()
    # The figure keeps its layout engine, and draws again as before (a notebook shows it).
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
    assert "draw" not in vars(fig)


def test_the_png_holds_the_pixels_matplotlib_drew_as_pillow_would_write_them(tmp_path):
    # The PNG is written without Pillow (no row filters); read back, it is the picture
    # matplotlib drew, pixel for pixel, with Pillow's resolution chunk.
    import io

    import matplotlib
    import numpy as np

    fig = _bar_chart()
    paths = figures.save_figure(fig, "words-by-outlet", PLOTTED, tmp_path)
    with matplotlib.rc_context(figures._REPEATABLE_RC):
        by_pillow = io.BytesIO()
        _bar_chart().savefig(
            by_pillow, format="png", dpi=figures.PNG_DPI, metadata=figures._METADATA["png"]
        )
    ours, theirs = Image.open(paths["png"]), Image.open(by_pillow)
    assert ours.mode == theirs.mode == "RGBA"
    assert ours.size == theirs.size
    assert ours.info == theirs.info  # the resolution, and no other text chunk
    assert np.array_equal(np.asarray(ours), np.asarray(theirs))


def test_a_png_of_odd_colours_and_sizes_reads_back_the_same(tmp_path):
    import numpy as np

    rng = np.random.default_rng(16)
    for height, width in [(1, 1), (3, 7), (64, 33)]:
        rgba = rng.integers(0, 256, size=(height, width, 4), dtype=np.uint8)
        path = tmp_path / f"{height}x{width}.png"
        path.write_bytes(figures._write_png(rgba, 300.0, figures.PNG_COMPRESS_LEVEL))
        image = Image.open(path)
        image.load()
        assert image.mode == "RGBA" and [round(d) for d in image.info["dpi"]] == [300, 300]
        assert np.array_equal(np.asarray(image), rgba)


def test_text_width_of_a_character_the_font_cannot_load_is_a_question_marks():
    # A stray control character in a pasted file (decoded as Windows-1252) reached a label and
    # FreeType raised "No glyphs have been loaded": the whole figure failed.
    assert figures.text_width("a\x1bb", 10) == figures.text_width("a?b", 10)
