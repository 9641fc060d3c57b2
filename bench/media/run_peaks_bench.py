#!/usr/bin/env python3
"""Waveform peaks benchmark: Captioneer's WaveformLoader versus FFmpeg's bare decode, same run.

Generates (once, in --workdir) a 1-hour 44.1 kHz stereo MP3 of modulated pink noise and a 3-hour
file made by concatenating it without re-encoding, then measures, 3 runs each:
  - `ffmpeg -i hour.mp3 -f null -` wall time (FFmpeg's decode, the reference),
  - bench_peaks on hour.mp3: full peaks (cold, decoding), first 10 s of peaks, cached re-open,
  - bench_peaks on three-hours.mp3: peak RSS.
Targets (issue "media engine"): full peaks within 1.2x of FFmpeg's decode; first 10 s within
300 ms; cached re-open under 100 ms; peak RSS under 150 MB for 3 hours. Prints a Markdown table
and "TARGET MISSED" lines when one is missed; always exits 0 unless a tool fails.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(cmd, timeout=900):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=timeout)


def generate(workdir: Path) -> tuple[Path, Path]:
    hour = workdir / "hour.mp3"
    three = workdir / "three-hours.mp3"
    if not hour.exists():
        tmp = workdir / "hour.partial.mp3"
        run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
             "anoisesrc=color=pink:amplitude=0.3:sample_rate=44100:duration=3600,"
             "tremolo=f=4:d=0.8,aformat=channel_layouts=stereo",
             "-c:a", "libmp3lame", "-b:a", "128k", "-q:a", "7", str(tmp)])
        tmp.rename(hour)
    if not three.exists():
        listing = workdir / "three.txt"
        listing.write_text(f"file '{hour}'\n" * 3)
        run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "concat", "-safe", "0",
             "-i", str(listing), "-c", "copy", str(three)])
    return hour, three


def timed(cmd) -> float:
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="path to the bench_peaks executable")
    parser.add_argument("--workdir", default="/tmp/captioneer-peaks-bench")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    hour, three = generate(workdir)

    ffmpeg = [timed(["ffmpeg", "-nostdin", "-v", "error", "-i", str(hour), "-f", "null", "-"])
              for _ in range(args.runs)]
    ours = [json.loads(run([args.bench, str(hour)]).stdout) for _ in range(args.runs)]
    big = [json.loads(run([args.bench, str(three)]).stdout) for _ in range(max(1, args.runs - 2))]
    for r in ours + big:
        if not (r["cache_hit"] and r["cached_peaks_equal"]):
            print(f"cache did not reproduce the peaks: {r}", file=sys.stderr)
            return 1

    med = statistics.median
    full = med(r["full_ms"] for r in ours) / 1000.0
    first = med(r["first_10s_ms"] for r in ours)
    cached = med(r["cached_ms"] for r in ours)
    rss3h = max(r["max_rss_mb"] for r in big)
    ratio = full / med(ffmpeg)
    rows = [
        ("FFmpeg decode, 1 h (`ffmpeg -i hour.mp3 -f null -`)", f"{med(ffmpeg):.2f} s", "reference"),
        ("full peaks, 1 h, cold", f"{full:.2f} s ({ratio:.2f}x FFmpeg)", "<= 1.2x FFmpeg"),
        ("first 10 s of peaks available", f"{first:.0f} ms", "< 300 ms"),
        ("re-open from the peak cache, 1 h", f"{cached:.0f} ms", "< 100 ms"),
        ("peak RSS, 3 h file (decode + cache re-open)", f"{rss3h:.1f} MB", "< 150 MB"),
        ("full peaks, 3 h, cold", f"{med(r['full_ms'] for r in big) / 1000:.2f} s", "-"),
    ]
    print(f"### waveform peaks: {hour.name} ({hour.stat().st_size / 1e6:.1f} MB), "
          f"{args.runs} runs, medians\n")
    print("| measure | result | target |\n|---|---:|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")
    missed = []
    if ratio > 1.2:
        missed.append(f"full peaks {ratio:.2f}x FFmpeg")
    if first >= 300:
        missed.append(f"first 10 s after {first:.0f} ms")
    if cached >= 100:
        missed.append(f"cached re-open {cached:.0f} ms")
    if rss3h >= 150:
        missed.append(f"3 h RSS {rss3h:.1f} MB")
    print()
    for m in missed:
        print(f"TARGET MISSED: {m}")
    if not missed:
        print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
