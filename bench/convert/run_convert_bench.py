#!/usr/bin/env python3
"""Benchmark `captioneer convert` against FFmpeg on a large generated subtitle file.

Generates a deterministic SRT with --cues cues (1-2 lines of 20-80 characters, some <i>
tags, "&" and non-ASCII text, increasing times with gaps, spanning many hours), then runs
every case below --repeat times and prints a Markdown table of best/median wall time and
peak RSS, the FFmpeg/captioneer ratios and whether the targets hold:

  * captioneer converts at least TARGET_SPEEDUP times faster than FFmpeg (median wall time,
    for SRT->WebVTT and WebVTT->SRT);
  * captioneer's peak RSS stays under TARGET_RSS_MB.

Exits 0 whether or not the targets hold (a benchmark, not a test) and prints
"TARGET MISSED" if one does not; exits 1 only if a command fails or writes the wrong number
of cues. Python 3.11 stdlib only; peak RSS comes from /usr/bin/time -f %M when present,
otherwise from getrusage(RUSAGE_CHILDREN) around each run.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TARGET_SPEEDUP = 5.0
TARGET_RSS_MB = 150.0
RUN_TIMEOUT_S = 600
GNU_TIME = "/usr/bin/time"

_WORDS = ("the", "and", "you", "what", "we", "never", "always", "tonight", "river", "city",
          "listen", "I", "don't", "know", "where", "she", "went", "after", "dinner", "maybe",
          "it's", "fine", "really", "come", "here", "look", "at", "this", "train", "station",
          "morning", "thank", "you", "so", "much", "please", "wait", "for", "me", "again")
_FOREIGN = ("café", "naïve", "Straße", "über", "niño", "señor", "déjà vu", "Ελλάδα", "Москва",
            "日本語", "字幕", "東京", "안녕하세요", "مرحبا", "שלום", "😀", "👍🏽", "½", "€5")


def _line(rng: random.Random) -> str:
    """One subtitle line of 20-80 characters (before tags), words never cut."""
    target = rng.randint(20, 76)
    line = ""
    while len(line) < target:
        word = rng.choice(_FOREIGN if rng.random() < 0.02 else _WORDS)
        if len(line) + 1 + len(word) > 77:
            break
        line = f"{line} {word}" if line else word
    return line[0].upper() + line[1:] + rng.choice((".", ".", ",", "?", "!", "..."))


def _cue_text(rng: random.Random) -> str:
    lines = [_line(rng)]
    if rng.random() < 0.45:
        lines.append(_line(rng))
    if rng.random() < 0.1:
        lines = [f"- {line}" for line in lines]
    if rng.random() < 0.03:
        lines[-1] = lines[-1].replace(" and ", " & ", 1)
    if rng.random() < 0.08:
        lines[0] = f"<i>{lines[0]}</i>"
    return "\n".join(lines)


def _srt_time(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def generate_srt(path: Path, cues: int, seed: int = 20240601) -> None:
    """Writes a deterministic SRT with `cues` cues to path (same seed, same bytes)."""
    rng = random.Random(seed)
    t = 1_200
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for i in range(1, cues + 1):
            duration = rng.randint(800, 4_500)
            f.write(f"{i}\n{_srt_time(t)} --> {_srt_time(t + duration)}\n{_cue_text(rng)}\n\n")
            gap = 0 if rng.random() < 0.15 else rng.randint(40, 1_500)
            if rng.random() < 0.002:
                gap += rng.randint(10_000, 120_000)  # scene without dialogue
            t += duration + gap


@dataclass
class Case:
    key: str
    label: str
    tool: str           # "captioneer" or "ffmpeg"
    cmd: list[str]
    output: Path
    walls: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024


class BenchError(Exception):
    pass


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Runs cmd once; returns (wall seconds, peak RSS in KiB). Raises BenchError on failure
    or after RUN_TIMEOUT_S."""
    use_gnu_time = os.access(GNU_TIME, os.X_OK)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        full = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd] if use_gnu_time else cmd
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        try:
            proc = subprocess.run(full, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=env, timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise BenchError(f"timed out after {RUN_TIMEOUT_S} s: {' '.join(cmd)}") from None
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            tail = proc.stderr.decode(errors="replace").strip().splitlines()[-5:]
            raise BenchError(f"exit code {proc.returncode}: {' '.join(cmd)}\n  " + "\n  ".join(tail))
        if use_gnu_time:
            rss = int(rss_file.read().strip().splitlines()[-1])
        else:
            # ru_maxrss of RUSAGE_CHILDREN is the maximum over all children so far, so it is
            # exact only when this child is the largest yet; good enough as a fallback.
            rss = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return wall, rss


def count_cues(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if b" --> " in line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--captioneer", required=True, help="path to the captioneer CLI binary")
    ap.add_argument("--cues", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", type=Path, help="scratch directory (default: a temp dir, removed)")
    args = ap.parse_args()
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        print("error: ffmpeg not found on PATH", file=sys.stderr)
        return 1

    own_tmp = args.workdir is None
    work = Path(tempfile.mkdtemp(prefix="convert-bench-")) if own_tmp else args.workdir
    work.mkdir(parents=True, exist_ok=True)
    try:
        return run_bench(args, ffmpeg, work)
    finally:
        if own_tmp:
            shutil.rmtree(work, ignore_errors=True)


def run_bench(args: argparse.Namespace, ffmpeg: str, work: Path) -> int:
    big_srt = work / "big.srt"
    t0 = time.perf_counter()
    generate_srt(big_srt, args.cues)
    print(f"Generated {big_srt} ({args.cues} cues, {big_srt.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    cap, w = args.captioneer, work
    cases = [
        Case("a", "captioneer srt -> vtt", "captioneer",
             [cap, "convert", str(w / "big.srt"), str(w / "big.vtt")], w / "big.vtt"),
        Case("b", "captioneer vtt -> vtt", "captioneer",
             [cap, "convert", str(w / "big.vtt"), str(w / "big2.vtt")], w / "big2.vtt"),
        Case("c", "captioneer srt -> srt", "captioneer",
             [cap, "convert", str(w / "big.srt"), str(w / "big2.srt")], w / "big2.srt"),
        # Not in the original list: the exact counterpart of (e), so the WebVTT->SRT ratio
        # compares like with like.
        Case("f", "captioneer vtt -> srt", "captioneer",
             [cap, "convert", str(w / "big.vtt"), str(w / "big3.srt")], w / "big3.srt"),
        Case("d", "ffmpeg srt -> vtt", "ffmpeg",
             [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(w / "big.srt"), str(w / "big_ff.vtt")],
             w / "big_ff.vtt"),
        Case("e", "ffmpeg vtt -> srt", "ffmpeg",
             [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(w / "big.vtt"), str(w / "big_ff.srt")],
             w / "big_ff.srt"),
    ]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    load_before = os.getloadavg()[0]
    try:
        # Interleave repetitions so drift (thermal, page cache, neighbours) hits all cases alike;
        # (a) runs first in every round because (b), (e) and (f) read its output.
        for _ in range(args.repeat):
            for case in cases:
                wall, rss = measure(case.cmd, env)
                case.walls.append(wall)
                case.rss_kb.append(rss)
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    bad = [f"({c.key}) {c.output.name}: {n} cues" for c in cases
           if (n := count_cues(c.output)) != args.cues]
    if bad:
        print(f"error: wrong cue count in outputs (expected {args.cues}): " + "; ".join(bad),
              file=sys.stderr)
        return 1

    by = {c.key: c for c in cases}
    print(f"### convert benchmark: {args.cues} cues, {big_srt.stat().st_size / 1e6:.1f} MB SRT, "
          f"{args.repeat} runs each\n")
    print("| case | command | best s | median s | peak RSS MB |")
    print("|---|---|---:|---:|---:|")
    for c in sorted(cases, key=lambda c: c.key):
        print(f"| ({c.key}) | {c.label} | {c.best:.3f} | {c.median:.3f} | {c.peak_mb:.1f} |")

    comparisons = [("srt -> vtt", by["d"], by["a"]), ("vtt -> srt", by["e"], by["f"])]
    print("\n| comparison | ffmpeg median s | captioneer median s | ffmpeg/captioneer | "
          f"target >= {TARGET_SPEEDUP:g}x |")
    print("|---|---:|---:|---:|---|")
    missed = []
    for name, ff, ours in comparisons:
        ratio = ff.median / ours.median
        ok = ratio >= TARGET_SPEEDUP
        if not ok:
            missed.append(f"{name}: only {ratio:.2f}x faster than FFmpeg")
        print(f"| {name} ({ff.key} vs {ours.key}) | {ff.median:.3f} | {ours.median:.3f} | "
              f"{ratio:.2f}x | {'yes' if ok else 'NO'} |")

    ours_peak = max(c.peak_mb for c in cases if c.tool == "captioneer")
    ok = ours_peak < TARGET_RSS_MB
    if not ok:
        missed.append(f"captioneer peak RSS {ours_peak:.1f} MB >= {TARGET_RSS_MB:g} MB")
    print(f"\ncaptioneer peak RSS (all cases): {ours_peak:.1f} MB; "
          f"target < {TARGET_RSS_MB:g} MB: {'yes' if ok else 'NO'}")
    print(f"peak RSS measured with {GNU_TIME if os.access(GNU_TIME, os.X_OK) else 'getrusage'}; "
          f"1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
          f"on {os.cpu_count()} CPUs (other work skews wall times)")
    if missed:
        print("\nTARGET MISSED: " + "; ".join(missed))
    else:
        print("\nAll targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
