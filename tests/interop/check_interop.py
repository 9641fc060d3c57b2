#!/usr/bin/env python3
"""Interop check: do FFmpeg and Chromium read our SRT/WebVTT output the way we wrote it?

For every *.srt / *.vtt fixture in --data, `captioneer convert` writes out.srt, out.vtt and
out.json into --workdir/<fixture>/. Our out.srt is the reference (cue order, start/end in ms,
decoded text); out.vtt supplies identifiers and raw cue payloads, out.json the speakers.

* FFmpeg reads out.vtt and out.srt and re-muxes them to SRT. Cue count and every start/end
  must equal the reference exactly (both demuxers use a 1 ms time base, so no rounding), and
  so must the text of cues without markup.
* Headless Chromium loads every out.vtt as a <track> (one browser run for all fixtures).
  track.cues must match in count, start/end (s * 1000, rounded), id and raw text (cue.text
  is the raw payload); the speaker must come back as the voice, and for cues without markup
  other than the voice tag the text Chromium renders must equal the reference text.

Prints one summary line per fixture and tool; exits 0 only if everything agrees, 1 on any
disagreement or if a tool cannot run (nothing is skipped silently), 2 on usage errors.
Python 3.11 stdlib only; every child process is bounded by a timeout.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 60
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


class CheckError(Exception):
    """A tool could not run or produced unusable output (as opposed to a disagreement)."""


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str        # SRT: decoded text; VTT: raw payload; lines joined with "\n"
    ident: str = ""  # WebVTT cue identifier, "" if none


# --------------------------------------------------------------------------- processes

def run(cmd: list[str], *, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Runs cmd in its own process group, killing the whole group after TIMEOUT_S.

    Raises CheckError on timeout, if the program cannot start, or on a non-zero exit code
    (with the tail of stderr in the message)."""
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, start_new_session=True)
    except OSError as e:
        raise CheckError(f"cannot start {cmd[0]}: {e}") from e
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise CheckError(f"timed out after {TIMEOUT_S} s: {' '.join(cmd)}") from None
    if proc.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-10:]
        raise CheckError(f"exit code {proc.returncode}: {' '.join(cmd)}\n    " + "\n    ".join(tail))
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


# --------------------------------------------------------------------------- parsers

_SRT_TS = r"(\d{2,}):([0-5]\d):([0-5]\d),(\d{3})"
_SRT_TIMING = re.compile(rf"^{_SRT_TS} --> {_SRT_TS}$")
_VTT_TS = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_VTT_TIMING = re.compile(rf"^{_VTT_TS}[ \t]+-->[ \t]+{_VTT_TS}(?:[ \t].*)?$")


def _ms(h: str | None, m: str, s: str, f: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f)


def parse_srt(text: str, *, canonical: bool) -> list[Cue]:
    """Parses SRT as written by captioneer or FFmpeg (index line, timing line, text lines,
    blank line). canonical=True additionally requires LF only, no BOM and indices 1..n."""
    if canonical and ("\r" in text or text.startswith("\ufeff")):
        raise CheckError("SRT output is not canonical: contains CR or a BOM")
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    cues: list[Cue] = []
    for n, block in enumerate(b for b in re.split(r"\n{2,}", text.strip("\n")) if b.strip()):
        lines = block.split("\n")
        if len(lines) < 2 or not lines[0].strip().isdigit():
            raise CheckError(f"malformed SRT block {n + 1}: {block!r}")
        if canonical and lines[0] != str(n + 1):
            raise CheckError(f"SRT output is not renumbered: block {n + 1} has index {lines[0]!r}")
        m = _SRT_TIMING.match(lines[1])
        if not m:
            raise CheckError(f"malformed SRT timing line in block {n + 1}: {lines[1]!r}")
        g = m.groups()
        # Our writer puts an invisible WORD JOINER in front of a text line that would read as a
        # timing line (srtformat.h), and FFmpeg keeps it when it reads that file: it is not part
        # of the cue's text.
        body = [line.removeprefix("\u2060") for line in lines[2:]]
        cues.append(Cue(_ms(*g[:4]), _ms(*g[4:]), "\n".join(body)))
    return cues


def parse_vtt(text: str) -> list[Cue]:
    """Minimal WebVTT reader for our own writer's output: skips the header block and
    NOTE/STYLE/REGION blocks; a cue block is an optional identifier line, a timing line and
    the payload lines up to the next blank line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks = text.split("\n\n")
    if not blocks[0].startswith("WEBVTT"):
        raise CheckError("VTT output does not start with WEBVTT")
    cues: list[Cue] = []
    for block in blocks[1:]:
        block = block.strip("\n")
        if not block or block.split("\n")[0].split(" ")[0] in ("NOTE", "STYLE", "REGION"):
            continue
        lines = block.split("\n")
        ident = ""
        if "-->" not in lines[0]:
            ident, lines = lines[0], lines[1:]
        m = _VTT_TIMING.match(lines[0]) if lines else None
        if not m:
            raise CheckError(f"malformed WebVTT cue block: {block!r}")
        g = m.groups()
        cues.append(Cue(_ms(*g[:4]), _ms(*g[4:]), "\n".join(lines[1:]), ident))
    return cues


# --------------------------------------------------------------------------- comparison

def compare_times(ref: list[Cue], got: list[Cue]) -> list[str]:
    """Returns one message per disagreement in the (start, end) sequences. Extra or missing
    cues are reported individually instead of shifting every later comparison."""
    a = [(c.start_ms, c.end_ms) for c in ref]
    b = [(c.start_ms, c.end_ms) for c in got]
    problems = []
    if len(a) != len(b):
        problems.append(f"cue count: ours {len(a)}, theirs {len(b)}")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            for i in range(i1, i2):
                problems.append(f"our cue {i + 1} ({a[i][0]}-{a[i][1]} ms, {ref[i].text!r}) "
                                + ("has other times there" if op == "replace" else "is missing"))
        if op in ("replace", "insert"):
            for j in range(j1, j2):
                problems.append(f"their cue {j + 1} ({b[j][0]}-{b[j][1]} ms, {got[j].text!r}) "
                                + ("differs" if op == "replace" else "is extra"))
    return problems


@dataclass
class Fixture:
    name: str
    reference: list[Cue]         # from our out.srt
    vtt_cues: list[Cue]          # from our out.vtt, same order
    speakers: list[str | None]   # from our out.json, same order
    vtt_path: Path
    srt_path: Path


def convert_fixture(captioneer: str, src: Path, workdir: Path) -> Fixture:
    """Converts src to out.srt, out.vtt and out.json in workdir/<src.name>/ and parses them;
    raises CheckError if the conversion fails or our three outputs disagree on timing."""
    out_dir = workdir / src.name
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    paths = {ext: out_dir / f"out.{ext}" for ext in ("srt", "vtt", "json")}
    for dst in paths.values():
        run([captioneer, "convert", str(src), str(dst)], env=env)
    reference = parse_srt(paths["srt"].read_text(encoding="utf-8"), canonical=True)
    vtt_cues = parse_vtt(paths["vtt"].read_text(encoding="utf-8"))
    json_cues = json.loads(paths["json"].read_text(encoding="utf-8"))["cues"]
    json_as_cues = [Cue(c["start_ms"], c["end_ms"], c.get("text", "")) for c in json_cues]
    for label, other in (("out.vtt", vtt_cues), ("out.json", json_as_cues)):
        if problems := compare_times(reference, other):
            raise CheckError(f"our {label} and out.srt disagree: " + "; ".join(problems))
    return Fixture(src.name, reference, vtt_cues, [c.get("speaker") for c in json_cues],
                   paths["vtt"], paths["srt"])


# --------------------------------------------------------------------------- ffmpeg

def strip_ffmpeg_unsupported_blocks(vtt: str) -> str:
    """Returns vtt without STYLE and REGION blocks.

    FFmpeg's WebVTT demuxer (5.1 here; FFmpeg trac #9064) stops reading at the first STYLE or
    REGION block, so a valid file that starts with a style sheet yields zero cues. Those
    blocks may only precede the first cue and carry no timing or text, so dropping them does
    not change what is compared."""
    blocks = vtt.replace("\r\n", "\n").split("\n\n")
    return "\n\n".join(b for b in blocks
                       if b.strip("\n").split("\n")[0].strip() not in ("STYLE", "REGION"))


def ffmpeg_expected(ref: list[Cue]) -> list[Cue]:
    """The cues FFmpeg is expected to emit for our reference.

    FFmpeg's subtitle queue drops a cue identical (times and text) to the one before it, and
    its decoders produce nothing for an empty payload, so the CLI writes no cue for it. Both
    are FFmpeg policy, not disagreements about what we wrote; none of the fixtures has such
    cues today, so for them this is the identity."""
    out: list[Cue] = []
    for c in ref:
        if c.text and not (out and out[-1] == c):
            out.append(c)
    return out


_FFMPEG_MARKUP = re.compile(r"<[/A-Za-z0-9]|[{}\\]")


def _ffmpeg_comparable_text(text: str) -> bool:
    # FFmpeg converts through ASS: tags are rewritten and "{", "}" and "\" are escaped.
    return not _FFMPEG_MARKUP.search(text)


def _normalise_text(text: str, *, ffmpeg: bool) -> str:
    """FFmpeg trims leading/trailing white space of cues and lines, and writes the ASS hard
    space "\\h" (its translation of &nbsp;) verbatim; neither is a disagreement."""
    if ffmpeg:
        text = text.replace("\\h", "\u00a0")
    return "\n".join(line.strip(" \t") for line in text.strip().split("\n"))


def check_ffmpeg(fx: Fixture) -> list[str]:
    """Re-muxes out.vtt and out.srt to SRT with FFmpeg, prints one summary line per input and
    returns the failure messages."""
    failures = []
    vtt_text = fx.vtt_path.read_text(encoding="utf-8")
    ffmpeg_vtt, note = fx.vtt_path, ""
    stripped = strip_ffmpeg_unsupported_blocks(vtt_text)
    if stripped != vtt_text.replace("\r\n", "\n"):
        ffmpeg_vtt = fx.vtt_path.with_name("out.ffmpeg.vtt")
        ffmpeg_vtt.write_text(stripped, encoding="utf-8")
        note = " (STYLE/REGION blocks removed first: FFmpeg trac #9064)"
    expected = ffmpeg_expected(fx.reference)
    if len(expected) != len(fx.reference):
        note += f" ({len(fx.reference) - len(expected)} empty/duplicate cues not expected from FFmpeg)"
    for label, path in (("out.vtt", ffmpeg_vtt), ("out.srt", fx.srt_path)):
        tool = f"{fx.name} ffmpeg <- {label}"
        try:
            out = run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "srt", "-"])
            got = parse_srt(out.stdout.decode("utf-8", errors="replace"), canonical=False)
        except CheckError as e:
            failures.append(f"{tool}: {e}")
            print(f"{tool}: ERROR {e}")
            continue
        problems = compare_times(expected, got)
        plain = 0
        if not problems:
            for i, (ours, theirs) in enumerate(zip(expected, got)):
                if _ffmpeg_comparable_text(ours.text):
                    plain += 1
                    if _normalise_text(theirs.text, ffmpeg=True) != _normalise_text(ours.text, ffmpeg=False):
                        problems.append(f"cue {i + 1} text: ours {ours.text!r}, theirs {theirs.text!r}")
        if problems:
            failures.extend(f"{tool}: {p}" for p in problems)
            print(f"{tool}: DISAGREE ({len(problems)} problems)")
        else:
            print(f"{tool}: {len(got)} cues, times agree; text agrees for {plain} markup-free "
                  f"cues{note if label == 'out.vtt' else ''}")
    return failures


# --------------------------------------------------------------------------- chromium

# The page loads every VTT from a Blob URL (no file access needed), waits for each track's
# load/error event and writes {"<fixture>": {"status", "cues": [...]}} into <pre id=out>.
# The JSON is made pure ASCII with < > & escaped so --dump-dom's HTML serialisation cannot
# alter it. "rendered" is getCueAsHTML() flattened to text (<br> as "\n"); "voices" are the
# voice spans' titles in document order.
_PAGE = r"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>interop</title></head>
<body><pre id="out">PENDING</pre>
<script>
"use strict";
const FIXTURES = __FIXTURES__;
function flatten(node, voices) {
  let s = "";
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) { s += child.data; continue; }
    if (child.nodeName === "BR") { s += "\n"; continue; }
    if (child.nodeName === "SPAN" && child.hasAttribute("title")) voices.push(child.title);
    s += flatten(child, voices);
  }
  return s;
}
let reported = false;
function report(results) {
  if (reported) return;
  reported = true;
  document.getElementById("out").textContent = JSON.stringify(results).replace(
      /[\u007f-\uffff<>&]/g, c => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
function loadOne(name, text) {
  return new Promise(resolve => {
    const video = document.createElement("video");
    const track = document.createElement("track");
    track.kind = "subtitles";
    track.default = true;
    track.addEventListener("load", () => {
      const cues = Array.from(track.track.cues || [], c => {
        const voices = [];
        const rendered = flatten(c.getCueAsHTML(), voices);
        return {id: c.id, startTime: c.startTime, endTime: c.endTime, text: c.text,
                rendered, voices};
      });
      resolve([name, {status: "ok", cues}]);
    });
    track.addEventListener("error", () => resolve([name, {status: "error event"}]));
    video.appendChild(track);
    document.body.appendChild(video);
    track.src = URL.createObjectURL(new Blob([text], {type: "text/vtt"}));
    track.track.mode = "hidden";
  });
}
const pending = Object.entries(FIXTURES).map(([name, text]) => loadOne(name, text));
const loaded = new Set();
pending.forEach(p => p.then(([name]) => loaded.add(name)));
setTimeout(() => report({__error__: "timed out waiting for track load events; loaded: " +
                                    ([...loaded].join(", ") || "none")}), 4000);
Promise.all(pending).then(pairs => report(Object.fromEntries(pairs)),
                          e => report({__error__: String(e)}));
</script></body></html>
"""


def find_chromium() -> str:
    for name in CHROMIUM_CANDIDATES:
        if path := shutil.which(name):
            return path
    raise CheckError("Chromium not found (tried " + ", ".join(CHROMIUM_CANDIDATES) + ")")


def run_chromium(fixtures: list[Fixture], workdir: Path) -> dict[str, dict]:
    """Loads all out.vtt files in one headless Chromium run and returns the page's
    per-fixture results. Raises CheckError if Chromium fails or the page reports nothing."""
    chromium = find_chromium()
    payload = {fx.name: fx.vtt_path.read_text(encoding="utf-8") for fx in fixtures}
    page = workdir / "chromium_page.html"
    # "</script>" inside the embedded JSON would end the script; escape every "<".
    page.write_text(_PAGE.replace("__FIXTURES__", json.dumps(payload).replace("<", "\\u003c")),
                    encoding="utf-8")
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
    try:
        proc = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                    "--allow-file-access-from-files", "--virtual-time-budget=5000",
                    "--dump-dom", page.resolve().as_uri()])
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    m = re.search(r'<pre id="out">(.*?)</pre>', proc.stdout.decode("utf-8", errors="replace"), re.S)
    if not m or m.group(1) == "PENDING":
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-10:]
        raise CheckError("Chromium did not report track cues (page result missing or PENDING)"
                         "\n    " + "\n    ".join(err))
    results = json.loads(m.group(1))
    if "__error__" in results:
        raise CheckError(f"Chromium page reported: {results['__error__']}")
    return results


_VOICE_WRAPPER = re.compile(r"^<v(?:\.[^ \t>]*)?[ \t][^>]*>(.*?)(?:</v>)?$", re.S)


_ASS_OVERRIDE = re.compile(r"\{\\[^}\n]*\}")


def _plain_payload(payload: str) -> bool:
    """True if payload has no markup except an outer voice tag. Our writer escapes literal
    "<", so any "<" left starts a tag."""
    if m := _VOICE_WRAPPER.match(payload):
        payload = m.group(1)
    return "<" not in payload


def check_chromium_result(fx: Fixture, result: dict) -> list[str]:
    """Compares Chromium's view of fx's out.vtt with ours, prints one summary line and
    returns the failure messages."""
    tool = f"{fx.name} chromium"
    if result.get("status") != "ok":
        print(f"{tool}: ERROR track {result.get('status')}")
        return [f"{tool}: track failed to load ({result.get('status')})"]
    raw = result["cues"]
    got = [Cue(round(c["startTime"] * 1000), round(c["endTime"] * 1000), c["text"], c["id"])
           for c in raw]
    problems = compare_times(fx.reference, got)
    plain = voiced = 0
    if not problems:
        for i, (ref, ours, speaker, theirs, c) in enumerate(
                zip(fx.reference, fx.vtt_cues, fx.speakers, got, raw)):
            where = f"cue {i + 1} ({ref.start_ms} ms)"
            if ours.ident != theirs.ident:
                problems.append(f"{where} id: ours {ours.ident!r}, theirs {theirs.ident!r}")
            if ours.text != theirs.text:
                problems.append(f"{where} raw text: ours {ours.text!r}, theirs {theirs.text!r}")
            if speaker is not None:
                voiced += 1
                if c["voices"][:1] != [speaker]:
                    problems.append(f"{where} voice: ours {speaker!r}, theirs {c['voices']!r}")
            if _plain_payload(ours.text):
                plain += 1
                # What a viewer sees must be the text we hold (entity escaping round trip).
                # SubRip positioning overrides ({\an8}) are cue settings in WebVTT, not text.
                expected = _ASS_OVERRIDE.sub("", ref.text)
                if c["rendered"] != expected:
                    problems.append(f"{where} rendered text: ours {expected!r}, "
                                    f"Chromium {c['rendered']!r}")
    if problems:
        print(f"{tool}: DISAGREE ({len(problems)} problems)")
        return [f"{tool}: {p}" for p in problems]
    speakers = f"; {voiced} speakers agree" if voiced else ""
    print(f"{tool}: {len(got)} cues, times, ids and raw text agree; rendered text agrees for "
          f"{plain} markup-free cues{speakers}")
    return []


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--captioneer", required=True, help="path to the captioneer CLI binary")
    ap.add_argument("--data", required=True, type=Path, help="fixture directory")
    ap.add_argument("--workdir", required=True, type=Path, help="scratch directory (recreated)")
    args = ap.parse_args()

    fixture_paths = sorted(p for p in args.data.iterdir() if p.suffix in (".srt", ".vtt"))
    if not fixture_paths:
        print(f"error: no .srt/.vtt fixtures in {args.data}", file=sys.stderr)
        return 1
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)

    failures: list[str] = []
    fixtures: list[Fixture] = []
    for path in fixture_paths:
        try:
            fixtures.append(convert_fixture(args.captioneer, path, args.workdir))
        except CheckError as e:
            failures.append(f"{path.name} captioneer: {e}")
            print(f"{path.name} captioneer: ERROR {e}")

    for fx in fixtures:
        failures += check_ffmpeg(fx)

    if fixtures:
        try:
            results = run_chromium(fixtures, args.workdir)
            for fx in fixtures:
                failures += check_chromium_result(fx, results.get(fx.name, {"status": "missing"}))
        except CheckError as e:
            failures.append(f"chromium: {e}")
            print(f"chromium: ERROR {e}")

    if failures:
        print(f"\nFAILED: {len(failures)} disagreement(s) or errors:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    print(f"\nOK: {len(fixtures)} fixtures agree with FFmpeg and Chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
