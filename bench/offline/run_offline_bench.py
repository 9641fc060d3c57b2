#!/usr/bin/env python3
"""Offline recognition benchmark: accuracy against PocketSphinx's own decoder, and parallel scaling.

1. Word error rate on the five LibriVox clips in Debian's pocketsphinx-testdata, for
   `pocketsphinx_batch` and for Captioneer's `local` provider, same model (pocketsphinx-en-us).
2. A 10-minute file (the clips repeated with pauses): wall time with 1 worker and with 2 workers,
   and the real-time factor of each. Target: 2 workers at most 0.6x the time of 1 worker.
Run on an otherwise idle machine: scaling needs both cores.
"""
import argparse, json, subprocess, sys
from pathlib import Path

DATA = Path("/usr/share/pocketsphinx/test/data/librivox")
MODEL = Path("/usr/share/pocketsphinx/model/en-us")
HERE = Path(__file__).resolve().parent


def wer(hyp: Path) -> str:
    out = subprocess.run([sys.executable, str(HERE.parent / "providers" / "wer.py"),
                          str(DATA / "transcription"), str(hyp)],
                         check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="bench_local_asr executable")
    parser.add_argument("--workdir", default="/tmp/captioneer-offline-bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    clips = sorted(DATA.glob("*.wav"))

    batch = work / "batch.hyp"
    subprocess.run(["pocketsphinx_batch", "-adcin", "yes", "-cepdir", str(DATA), "-cepext", ".wav",
                    "-ctl", str(DATA / "fileids"), "-hmm", str(MODEL / "en-us"),
                    "-lm", str(MODEL / "en-us.lm.bin"), "-dict", str(MODEL / "cmudict-en-us.dict"),
                    "-hyp", str(batch)], check=True, capture_output=True, timeout=600)
    ours = work / "ours.hyp"
    run = subprocess.run([args.bench, "2"] + [str(c) for c in clips], check=True,
                         capture_output=True, text=True, timeout=600)
    ours.write_text(run.stdout)

    ten = work / "ten-minutes.wav"
    if not ten.exists():
        silence = work / "pause.wav"
        subprocess.run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
                        "anullsrc=r=16000:cl=mono", "-t", "0.8", str(silence)], check=True)
        listing = work / "list.txt"
        listing.write_text("".join(f"file '{c}'\nfile '{silence}'\n" for _ in range(24) for c in clips))
        subprocess.run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "concat", "-safe", "0",
                        "-i", str(listing), "-c", "pcm_s16le", str(ten)], check=True)
    timings = {}
    for workers in (1, 2):
        r = subprocess.run([args.bench, str(workers), str(ten)], check=True, capture_output=True,
                           text=True, timeout=1800)
        timings[workers] = json.loads(r.stderr.strip().splitlines()[-1])
    audio = timings[1]["audio_ms"] / 1000
    print("| measure | result | target |\n|---|---:|---|")
    print(f"| WER, pocketsphinx_batch | {wer(batch)} | reference |")
    print(f"| WER, Captioneer local | {wer(ours)} | no worse |")
    for w in (1, 2):
        s = timings[w]["wall_ms"] / 1000
        print(f"| {audio / 60:.1f} min file, {w} worker(s) | {s:.1f} s (real-time factor {s / audio:.2f}) | |")
    ratio = timings[2]["wall_ms"] / timings[1]["wall_ms"]
    print(f"| 2 workers / 1 worker | {ratio:.2f}x | <= 0.6x |")
    if ratio > 0.6:
        print("\nTARGET MISSED: parallel recognition does not scale as required")
    return 0


if __name__ == "__main__":
    sys.exit(main())
