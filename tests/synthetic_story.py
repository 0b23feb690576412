"""A synthetic story folder with any number of outlets, for the legibility test and the benchmark.

Every word here is invented for the workbook's tests: a regional energy board approves an
offshore wind farm off the (invented) coast of Westhaven; its chair, Mara Lindqvist, gives a
speech; a fishing cooperative's spokesman, Anton Brisk, objects. Each outlet's article is
assembled from the same pools of paragraphs, with a seeded random generator, so the same
``n`` always gives the same bytes:

- a headline, a byline and a dateline (furniture the cleaner removes), then body paragraphs;
- a subset of the chair's eight quote units, some in a shortened variant (quote fidelity);
- background sentences with positive and negative wording (sentiment, frames);
- outlets with a wire agency share the agency's three paragraphs word for word (shared text);
- furniture lines ("READ MORE:", "Sign up ...", picture credits).

Outlet names vary in length (up to 38 characters) so labels are tested at their worst, and
the manifest optionally carries a ``short_name`` column.

    from tests.synthetic_story import write_synthetic_story
    folder = write_synthetic_story(tmp_path / "story", 18)

or from the shell: ``python -m tests.synthetic_story DIR N``.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path

SEED = 20250910

#: Outlet names, short names and the wire agency whose copy they run (blank: their own).
OUTLETS = (
    ("Westhaven Courier", "Courier", ""),
    ("The Northgate Evening Chronicle", "Chronicle", "AP"),
    ("Coastline Radio News", "Coastline", ""),
    ("Daily Harbour Ledger", "Ledger", "Reuters"),
    ("Energy Markets Weekly", "EMW", ""),
    ("The Lakeshore Advertiser and Gazette", "Advertiser", "AP"),
    ("Greywater Online", "Greywater", ""),
    ("Fenmouth Post", "Fenmouth", "AFP"),
    ("Southern Counties Broadcasting Service", "SCBS", ""),
    ("The Observer of Ridgefield", "Ridgefield", ""),
    ("Mariner's Gazette", "Mariner's", "Reuters"),
    ("Inland Times", "Inland", ""),
    ("Capital Business Review", "CBR", "AP"),
    ("Tidewater Today", "Tidewater", ""),
    ("The Morning Lantern", "Lantern", ""),
    ("Eastbrook Herald-Sentinel", "Herald-Sentinel", "AFP"),
    ("Open Sea Monitor", "Monitor", ""),
    ("Valley Voice", "Valley Voice", ""),
    ("Pennant Street Journal", "Pennant", "Reuters"),
    ("Bayside Community News Network", "Bayside", ""),
    ("The Granite Record", "Granite", ""),
    ("Westhaven Courier Sunday Edition", "Courier Sunday", ""),
    ("Harrow & Quay Dispatch", "Dispatch", "AP"),
    ("Climate Desk International", "Climate Desk", ""),
    ("Northern Fishing Trades Bulletin", "Fishing Bulletin", ""),
    ("Metro Evening Standard-Bearer", "Standard-Bearer", "AFP"),
    ("Saltmarsh FM", "Saltmarsh", ""),
    ("The Independent Westhaven Observer", "Indep. Observer", ""),
    ("Citizen Report", "Citizen", ""),
    ("Kestrel Bay Regional Television News", "Kestrel TV", "Reuters"),
)

SPEAKER = "Mara Lindqvist"
QUOTE_UNITS = (
    ("This is the biggest investment our coast has seen in fifty years.",
     "This is the biggest investment our coast has seen."),
    ("Every household in the region will feel the difference in their bills within a decade.",
     "Every household will feel the difference in their bills."),
    ("We listened to the fishermen and we moved the turbines further out to sea.",
     "We listened to the fishermen."),
    ("Nobody should pretend this will be easy or cheap.",
     "Nobody should pretend this will be easy."),
    ("The jobs will be here, in our harbours, not somewhere else.",
     "The jobs will be here, in our harbours."),
    ("We cannot keep burning gas and hope the storms pass us by.",
     "We cannot keep burning gas."),
    ("I am proud of this board and proud of this region.",
     "I am proud of this region."),
    ("If we fail to act now, our children will pay the price.",
     "If we fail to act, our children will pay."),
)
VERBS = ("said", "told the board", "added", "warned", "insisted", "claimed", "declared")
CRITIC = "Anton Brisk"
CRITIC_QUOTES = (
    "They have taken our fishing grounds and called it consultation.",
    "This is a disaster for families who have fished these waters for generations.",
    "Nobody asked us, and nobody will pay us back for what we lose.",
)
LEDES = (
    "The Westhaven energy board approved a 1.2 billion pound offshore wind farm on Tuesday, "
    "ending two years of argument over the project.",
    "A vast wind farm will rise off the Westhaven coast after the regional energy board voted "
    "nine to four in favour on Tuesday.",
    "Fishing crews reacted with anger on Tuesday as the Westhaven energy board backed a wind "
    "farm covering forty square miles of sea.",
    "Westhaven has approved plans for sixty offshore turbines, a project its backers say will "
    "cut household bills and create hundreds of jobs.",
    "The long fight over the Westhaven wind farm ended on Tuesday with a vote that delighted "
    "investors and dismayed the fishing fleet.",
)
BACKGROUND = (
    "The turbines will stand about twelve miles from the shore.",
    "Construction is expected to begin next spring and to last three years.",
    "The project's backers say it will power around 400,000 homes.",
    "Critics warn that the cost could rise sharply, as it has on similar projects.",
    "The board's decision follows a public consultation that drew more than 6,000 responses.",
    "Local businesses welcomed the promise of new work in the harbour.",
    "Environmental groups praised the vote as a turning point for the region.",
    "Some residents fear the turbines will spoil the view from the coastal path.",
    "The fishing cooperative says catches have already fallen by a third in a decade.",
    "The government has promised to double offshore wind capacity by the end of the decade.",
    "Shares in the consortium behind the project rose after the vote.",
    "Opponents have threatened a legal challenge in the high court.",
    "The harbour authority will dredge a new channel for the installation vessels.",
    "Energy prices in the region are among the highest in the country.",
    "Seabird charities have raised concerns about the turbines' effect on nesting colonies.",
    "The board said compensation would be offered to boats that lose fishing grounds.",
    "A protest outside the board's offices drew around two hundred people.",
    "Engineers say the seabed conditions are unusually good for fixed foundations.",
    "The decision was described as a victory for the climate and a blow for tradition.",
    "Trade unions said the jobs must be well paid and local.",
)
WIRE = {
    "AP": (
        "WESTHAVEN (AP) - Regional officials on Tuesday approved a large offshore wind project, "
        "one of the biggest of its kind in the country.",
        "The board voted nine to four after a debate that lasted more than five hours.",
        "The Associated Press could not immediately reach the consortium for comment.",
    ),
    "Reuters": (
        "WESTHAVEN, Sept 9 (Reuters) - A regional energy board approved a 1.2 billion pound "
        "offshore wind farm on Tuesday, overriding objections from the fishing industry.",
        "The consortium expects the first turbines to generate power within four years.",
        "Reporting by a Reuters correspondent; editing by the Reuters desk.",
    ),
    "AFP": (
        "An energy board in the west of the country on Tuesday backed an offshore wind farm, "
        "despite protests from fishermen, AFP reported.",
        "The fishermen's union said it would consider all options, including court action.",
        "The government has made offshore wind central to its energy strategy.",
    ),
}
FURNITURE = (
    "READ MORE: HARBOUR FESTIVAL CANCELLED AFTER STORM DAMAGE",
    "Sign up to our newsletter for the latest regional news.",
    "Advertisement",
    "Share this article",
)


def _article(rng: random.Random, outlet: str, agency: str, index: int) -> tuple[str, str]:
    lede = LEDES[index % len(LEDES)]
    headline = lede.split(",")[0].split(" after ")[0].rstrip(".")
    paras = [lede]
    units = sorted(rng.sample(range(len(QUOTE_UNITS)), rng.randint(3, 6)))
    background = rng.sample(BACKGROUND, rng.randint(4, 9))
    critic = rng.sample(CRITIC_QUOTES, rng.randint(0, 2))
    for k, u in enumerate(units):
        full, short = QUOTE_UNITS[u]
        words = short if rng.random() < 0.3 else full
        words = words[:-1] + ","  # "..., " said X
        verb = rng.choice(VERBS) if k else "said"
        name = SPEAKER if k == 0 else rng.choice(("Ms Lindqvist", "Lindqvist", "the chair"))
        if k == 0:
            paras.append(f"\"{words}\" {verb} {SPEAKER}, chair of the Westhaven energy board.")
        else:
            paras.append(f"\"{words}\" {name} {verb}.")
        if background:
            paras.append(background.pop())
    for q in critic:
        paras.append(f"\"{q[:-1]},\" said {CRITIC}, who speaks for the Westhaven fishing cooperative.")
    paras.extend(background)
    if agency:
        paras[1:1] = list(WIRE[agency])
    lines = [headline, "", f"By Reporter {index + 1}", "", "10 September 2025, 09:30", ""]
    for k, p in enumerate(paras):
        lines += [p, ""]
        if k == 3:
            lines += [FURNITURE[index % len(FURNITURE)], ""]
    lines += [f"Picture: {outlet}", "", FURNITURE[1]]
    return headline, "\n".join(lines) + "\n"


def outlet_rows(n: int) -> list[tuple[str, str, str]]:
    """The first ``n`` outlets (name, short name, agency); past 30, numbered copies."""
    rows = list(OUTLETS[:n])
    k = 2
    while len(rows) < n:
        for name, short, agency in OUTLETS:
            if len(rows) == n:
                break
            rows.append((f"{name} {k}", f"{short} {k}", agency))
        k += 1
    return rows


def write_synthetic_story(folder: str | Path, n: int, short_names: bool = False,
                          seed: int = SEED) -> Path:
    """Write a story folder with ``n`` outlets, one article each, and its optional files.

    Parameters
    ----------
    folder : path
        Created if needed; files already there with the same names are overwritten.
    n : int
        The number of outlets (1 or more).
    short_names : bool
        Add a manifest ``short_name`` column.
    seed : int
        The random seed; the same ``(n, short_names, seed)`` writes the same bytes.
    """
    if n < 1:
        raise ValueError("a story needs at least one outlet")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    columns = ["file", "outlet", "headline", "published", "author", "url", "wire_agency",
               "republished_by", "notes"]
    if short_names:
        columns.insert(2, "short_name")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for i, (outlet, short, agency) in enumerate(outlet_rows(n)):
        name = f"{i:03d}_outlet.txt"
        headline, text = _article(rng, outlet, agency, i)
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        row = {"file": name, "outlet": outlet, "short_name": short, "headline": headline,
               "published": f"2025-09-{9 + i % 3:02d}", "author": f"Reporter {i + 1}",
               "url": "", "wire_agency": agency, "republished_by": "",
               "notes": "Invented test article (tests/synthetic_story.py)."}
        writer.writerow([row[c] for c in columns])
    (folder / "manifest.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="\n")
    (folder / "speakers.csv").write_text(
        "speaker,alias\n"
        f"{SPEAKER},{SPEAKER}\n{SPEAKER},Ms Lindqvist\n{SPEAKER},Lindqvist\n{SPEAKER},the chair\n"
        f"{CRITIC},{CRITIC}\n", encoding="utf-8", newline="\n")
    (folder / "actors.csv").write_text(
        "actor,pattern,note\n"
        "energy board,\\benergy board\\b|\\bboard\\b,the regional energy board\n"
        "fishermen,\\bfisherm[ae]n\\b|\\bfishing (?:fleet|crews|cooperative|industry)\\b,"
        "the fishing industry\n"
        "consortium,\\bconsortium\\b|\\binvestors\\b,the developers\n",
        encoding="utf-8", newline="\n")
    (folder / "themes.csv").write_text(
        "frame,pattern,note\n"
        "climate and energy,climate|wind|turbines?|gas|energy|power,\n"
        "fishing,fish\\w*|catches|boats,\n"
        "bills and cost,bills|cost|prices|cheap,\n"
        "jobs,jobs|work|unions,\n"
        "wildlife and landscape,seabird\\w*|nesting|view|coastal path,\n",
        encoding="utf-8", newline="\n")
    (folder / "naming.csv").write_text(
        "actor,form,pattern,note\n"
        f"{SPEAKER},full name,{SPEAKER},\n"
        f"{SPEAKER},the chair,the chair,\n"
        f"{SPEAKER},Ms Lindqvist,Ms Lindqvist,\n",
        encoding="utf-8", newline="\n")
    return folder


if __name__ == "__main__":  # pragma: no cover - a convenience for the shell
    out = write_synthetic_story(sys.argv[1], int(sys.argv[2]),
                                short_names=len(sys.argv) > 3 and sys.argv[3] == "short")
    print(out)
