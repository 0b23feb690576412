"""Benchmark: how long the report takes, for the seeds and for a synthetic 18-outlet story.

    python bench/report_times.py [--outlets 18] [--repeat 1] [--notebooks]

Each run is ``python -m analysis report --skip-notebooks --no-progress`` (with ``--notebooks``,
also a run of the seeds with the notebooks) in a fresh process, into a fresh output folder,
timed from start to exit (interpreter start and imports included: that is what a user waits
for). The synthetic story is :func:`tests.synthetic_story.write_synthetic_story` (invented
text, one article per outlet). Prints the fastest of ``--repeat`` runs by the wall clock, the
CPU seconds of that run (the process and its children, which move much less than the wall
clock when others share the machine), the lowest CPU seconds of all the runs, and the load
average. Targets (issue 16, this 2-core machine): at most 5 s for the seeds and 10 s for 18
outlets without notebooks, 30 s for the seeds with them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
TARGETS = {"seeds": 5.0, "synthetic": 10.0, "seeds+notebooks": 30.0}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_report(story: Path, notebooks: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds of one report run of ``story`` into a fresh folder."""
    with tempfile.TemporaryDirectory(prefix="report-bench-") as out:
        cmd = [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--seeds",
            str(story),
            "--out",
            out,
            "--no-progress",
        ]
        if not notebooks:
            cmd.append("--skip-notebooks")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")])
        )
        cpu0 = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        cpu = _children_cpu() - cpu0
    if done.returncode not in (0, 1):
        raise SystemExit(f"report failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=18, help="outlets of the synthetic story")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument(
        "--notebooks", action="store_true", help="also time the seeds with notebooks"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT_ROOT))
    from tests.synthetic_story import write_synthetic_story

    with tempfile.TemporaryDirectory(prefix="synthetic-story-") as tmp:
        synthetic = write_synthetic_story(Path(tmp) / "story", args.outlets)
        runs = [("seeds", SEEDS, False), ("synthetic", synthetic, False)]
        if args.notebooks:
            runs.append(("seeds+notebooks", SEEDS, True))
        print(
            f"report times, best of {args.repeat} (machine: {os.cpu_count()} cores, load "
            f"average {os.getloadavg()[0]:.1f} at the start)"
        )
        for name, story, books in runs:
            times = [time_report(story, books) for _ in range(args.repeat)]
            best = min(times, key=lambda t: t[0])
            label = f"{name} ({args.outlets} outlets)" if name == "synthetic" else name
            verdict = "met" if best[0] <= TARGETS[name] else "missed"
            print(
                f"  {label:<26} {best[0]:6.1f} s wall, {best[1]:6.1f} CPU-s "
                f"(lowest CPU of the runs {min(t[1] for t in times):.1f}; "
                f"target {TARGETS[name]:.0f} s: {verdict})"
            )
        print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
