"""The user's last word on every line: a notebook widget that lists an article's lines with
their roles and lets the user change a role.

A change is written to the story folder's ``roles.csv`` (``file, line, role, note``; see
``seeds/README.md``) by :func:`analysis.story.cleaning.set_user_role`, and the analysis is run
again from the folder, so every table and figure built from it afterwards reads the new role.
The row stays in ``roles.csv``: the next run (notebook, CLI or report) gives the line the same
role, and its ``reason`` says that the user set it and what the automatic role was.

The pieces are plain functions tested without a browser: :func:`editor_rows` (the lines shown)
and :func:`choose_role` (write the choice and rerun). Article text shown in HTML goes through
:func:`html.escape`.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from analysis.paths import story_dir
from analysis.story import cleaning

#: Roles offered in the editor (a line's text decides whether it is blank, not the user).
CHOICES = tuple(r for r in cleaning.ROLES if r != "blank")
#: Characters of a line shown in the editor (the rest is cut with an ellipsis).
TEXT_WIDTH = 160
NOTE = "set in the notebook's roles editor"
#: The extra choice on a line the user set: delete its row, the rules decide again.
AUTOMATIC = "(the rules' role)"


def editor_rows(a, file: str) -> pd.DataFrame:
    """The non-blank lines of one article: ``line, role, user`` (True when ``roles.csv`` set
    it), ``reason`` and ``text`` (the display text, cut to :data:`TEXT_WIDTH` characters)."""
    part = a.lines[(a.lines["file"] == file) & (a.lines["role"] != "blank")]
    if part.empty and file not in set(a.lines["file"]):
        raise ValueError(f"{file}: not an article of this story")
    text = part["clean"].map(lambda t: t if len(t) <= TEXT_WIDTH else t[: TEXT_WIDTH - 1] + "…")
    return pd.DataFrame(
        {
            "line": part["line"].to_numpy(),
            "role": part["role"].to_numpy(),
            "user": part["reason"]
            .str.startswith(f"set by the user in {cleaning.USER_ROLES_FILE}")
            .to_numpy(),
            "reason": part["reason"].to_numpy(),
            "text": text.to_numpy(),
        }
    )


def choose_role(folder: str | Path, file: str, line: int, role: str | None, note: str = NOTE):
    """Write ``role`` for ``file`` line ``line`` to the story's ``roles.csv`` (``None`` removes
    the row: the automatic role comes back) and return a fresh analysis of the folder."""
    from analysis.pipeline import analyse

    cleaning.set_user_role(folder, file, line, role, note)
    return analyse(folder)


def _body_words(a, file: str) -> int:
    body = a.lines[(a.lines["file"] == file) & (a.lines["role"] == "body")]
    return int(body["clean"].str.split().str.len().sum())


def static_editor(a, file: str | None):
    """What the roles editor shows for ``file``, as a static HTML table (text escaped), for
    notebooks exported as pages (:func:`analysis.app.widgets.headless`)."""
    from IPython.display import HTML

    if file is None:
        return HTML("<p>This story has no articles.</p>")
    rows = editor_rows(a, file)[["line", "role", "reason", "text"]]
    note = (
        f"<p><em>In JupyterLab this cell lets you change any line's role (written to "
        f"<code>{cleaning.USER_ROLES_FILE}</code>). Here: the lines of "
        f"<code>{html.escape(file)}</code> and their roles; every article's are in "
        "<code>tables/lines.csv</code>.</em></p>"
    )
    return HTML(note + rows.to_html(index=False, escape=True, border=0))


def roles_editor(folder: str | Path | None = None, file: str | None = None, on_change=None):
    """The widget for notebook 01: pick an article, change any line's role with its menu (a line
    you set also offers :data:`AUTOMATIC`, which gives it back to the rules).

    Parameters
    ----------
    folder : path, optional
        The story folder (the project's ``seeds/`` by default).
    file : str, optional
        The article shown first.
    on_change : callable, optional
        Called with the fresh analysis after every change (for example to redraw a figure).
    """
    from analysis.app.widgets import headless
    from analysis.pipeline import analyse

    folder = story_dir(folder)
    state = {"a": analyse(folder)}
    files = list(dict.fromkeys(state["a"].lines["file"]))
    if headless():  # an exported page cannot run a widget: the lines it would show, as a table
        return static_editor(state["a"], file if file in files else (files or [None])[0])

    import ipywidgets as w

    if not files:
        return w.HTML("<p>This story has no articles.</p>")
    pick = w.Dropdown(
        options=files,
        value=file if file in files else files[0],
        description="Article",
        layout=w.Layout(width="32em"),
    )
    status = w.HTML()
    box = w.VBox()

    def render(*_):
        a, current = state["a"], pick.value
        rows = []
        for r in editor_rows(a, current).itertuples(index=False):
            options = CHOICES + ((AUTOMATIC,) if r.user else ())
            menu = w.Dropdown(options=options, value=r.role, layout=w.Layout(width="11em"))
            menu.observe(lambda change, n=int(r.line): changed(current, n, change), names="value")
            mark = " ✎" if r.user else ""
            rows.append(
                w.HBox(
                    [
                        w.HTML(
                            f"<code>{int(r.line):>3}{mark}</code>", layout=w.Layout(width="4em")
                        ),
                        menu,
                        w.HTML(
                            f"<span title='{html.escape(r.reason, quote=True)}'>{html.escape(r.text)}</span>",
                            layout=w.Layout(width="70%"),
                        ),
                    ]
                )
            )
        box.children = rows

    def changed(current, line, change):
        before = _body_words(state["a"], current)
        role = None if change["new"] == AUTOMATIC else change["new"]
        state["a"] = choose_role(folder, current, line, role)
        after = _body_words(state["a"], current)
        now = state["a"].lines
        got = now.loc[(now["file"] == current) & (now["line"] == line), "role"].iloc[0]
        done = (
            f"{html.escape(str(change['old']))} → {html.escape(got)}, written to"
            if role is not None
            else f"given back to the rules ({html.escape(got)}), removed from"
        )
        status.value = (
            f"<p>Line {line}: {done} <code>{cleaning.USER_ROLES_FILE}</code>; analysis run again: "
            f"the body of {html.escape(current)} has {after} words (was {before}).</p>"
        )
        render()
        if on_change is not None:
            on_change(state["a"])

    pick.observe(render, names="value")
    render()
    editor = w.VBox([pick, status, box])
    editor.analysis = lambda: state["a"]  # the latest analysis, for code that wants it
    return editor
