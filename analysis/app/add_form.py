"""A form in JupyterLab to add an article to the story: paste its text, or upload a saved page.

:func:`add_form` shows two tabs. *Paste text* takes the article's text with its outlet,
headline, date and address; *Upload a saved page* takes ``.html`` files saved from the
browser. Both go through the same code as ``python -m analysis add``
(:func:`analysis.story.collect.add_pasted_text` and :func:`~analysis.story.collect.add_articles`),
so a page is kept byte for byte, its manifest row is written from what it says, and the same
refusals apply (a duplicate, a page with no article text, a file that is not a page). The
outcome is shown under the form; every message is escaped before it is shown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import story_dir
from analysis.story.collect import add_articles, add_pasted_text
from analysis.story.loading import StoryError


@dataclass
class AddForm:
    """The form's widgets (kept so tests can fill them in and press the buttons)."""

    folder: Path
    text: object
    outlet: object
    headline: object
    published: object
    url: object
    author: object
    paste_button: object
    upload: object
    upload_outlet: object
    upload_button: object
    status: object
    box: object

    def _ipython_display_(self):  # shown when it is the last value of a cell
        from IPython.display import HTML, display

        from analysis.app.widgets import headless

        if headless():  # an exported page cannot run the form: say what it does instead
            display(
                HTML(
                    "<p><em>In JupyterLab this cell is a form that adds pasted text or saved "
                    f"pages to <code>{html.escape(str(self.folder))}</code>; from a terminal: "
                    "<code>python -m analysis add --seeds DIR FILE</code>.</em></p>"
                )
            )
            return
        display(self.box)


def _show(form: AddForm, ok: bool, lines: list[str]) -> None:
    colour = "#1b7837" if ok else "#b2182b"
    body = "<br>".join(html.escape(line) for line in lines)
    form.status.value = f'<div style="color:{colour}">{body}</div>'  # type: ignore[attr-defined]


def submit_paste(form: AddForm) -> bool:
    """Add the pasted text with the values typed in; show what happened. True when added."""
    try:
        report = add_pasted_text(
            form.folder,
            form.text.value,  # type: ignore[attr-defined]
            outlet=form.outlet.value,  # type: ignore[attr-defined]
            headline=form.headline.value,  # type: ignore[attr-defined]
            published=form.published.value,  # type: ignore[attr-defined]
            url=form.url.value,  # type: ignore[attr-defined]
            author=form.author.value,  # type: ignore[attr-defined]
        )
    except StoryError as err:
        _show(form, False, [str(err)])
        return False
    _show(form, True, report.lines() + ["Run the notebooks again to include it."])
    form.text.value = ""  # type: ignore[attr-defined]
    return True


def _uploads(value) -> list[tuple[str, bytes]]:
    items = value.values() if isinstance(value, dict) else value  # ipywidgets 7 used a dict
    out = []
    for item in items:
        content = item["content"]
        out.append(
            (item.get("name") or item.get("metadata", {}).get("name", "page.html"), bytes(content))
        )
    return out


def submit_upload(form: AddForm) -> bool:
    """Add the uploaded saved pages; show what happened. True when added."""
    files = _uploads(form.upload.value)  # type: ignore[attr-defined]
    if not files:
        _show(form, False, ["Choose one or more saved pages (.html) first."])
        return False
    try:
        report = add_articles(form.folder, files, outlet=form.upload_outlet.value or None)  # type: ignore[attr-defined]
    except StoryError as err:
        _show(form, False, [str(err)])
        return False
    _show(form, True, report.lines() + ["Run the notebooks again to include them."])
    form.upload.value = ()  # type: ignore[attr-defined]
    return True


def add_form(seeds=None) -> AddForm:
    """The form for the story folder ``seeds`` (default: the workbook's story, see
    :func:`analysis.paths.story_dir`)."""
    import ipywidgets as w

    folder = Path(story_dir(seeds))
    wide = w.Layout(width="40em")

    def field(description, placeholder=""):
        return w.Text(
            description=description,
            placeholder=placeholder,
            layout=wide,
            style={"description_width": "7em"},
        )

    text = w.Textarea(
        description="Article",
        placeholder="Paste the article's text here",
        layout=w.Layout(width="40em", height="14em"),
        style={"description_width": "7em"},
    )
    outlet = field("Outlet", "as readers know it (required)")
    headline = field("Headline")
    published = field("Published", "2024-03-04 or 2024-03-04T09:30:00+01:00")
    url = field("URL", "https://...")
    author = field("Author")
    paste_button = w.Button(description="Add to the story", button_style="primary")
    upload = w.FileUpload(accept=".html,.htm", multiple=True, description="Saved pages")
    upload_outlet = field("Outlet", "optional: the page's site name is used otherwise")
    upload_button = w.Button(description="Add to the story", button_style="primary")
    status = w.HTML()
    tabs = w.Tab(
        children=[
            w.VBox([text, outlet, headline, published, url, author, paste_button]),
            w.VBox([upload, upload_outlet, upload_button]),
        ]
    )
    tabs.set_title(0, "Paste text")
    tabs.set_title(1, "Upload a saved page")
    heading = w.HTML(f"Adding to <code>{html.escape(str(folder))}</code>")
    form = AddForm(
        folder,
        text,
        outlet,
        headline,
        published,
        url,
        author,
        paste_button,
        upload,
        upload_outlet,
        upload_button,
        status,
        w.VBox([heading, tabs, status]),
    )
    paste_button.on_click(lambda _: submit_paste(form))
    upload_button.on_click(lambda _: submit_upload(form))
    return form
