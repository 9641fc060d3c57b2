#!/usr/bin/env python3
"""Checks that every user-visible string of Captioneer has a finished translation.

Runs lupdate over app/, core/ and ui/ into a temporary copy of each translations/*.ts (so
strings added since the .ts was last updated are seen), then fails when:

- lupdate cannot give a string a context (a tr() it cannot attribute: the string can never be
  translated), or warns about a source line at all;
- a message has no translation, or one marked unfinished, vanished or obsolete;
- a translation's placeholders differ from the source's (%1, %L1, %n, %Ln);
- a source's mnemonic (&File) has no mnemonic with the same letter in the translation
  ("文件(&F)"), or a trailing "…" or newline is lost.

  check_translations.py [--source-dir DIR] [--lupdate PATH] [--update] [--list]

--update writes lupdate's result into translations/*.ts first (what
`cmake --build build --target update_translations` does), --list prints each problem
message's source text in full for translating. Exit status 0 when everything is translated,
1 otherwise, 2 when lupdate cannot run.
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SOURCE_DIRS = ("app", "core", "ui")
# Must match LUPDATE_OPTIONS in translations/CMakeLists.txt.
LUPDATE_OPTIONS = ["-no-obsolete", "-locations", "none"]

PLACEHOLDER = re.compile(r"%L?(?:\d{1,2}|n)")
# "&X" where X is a letter or digit, not "&&" (a literal ampersand).
MNEMONIC = re.compile(r"(?<!&)&([0-9A-Za-z])")
# lupdate's complaints about a source line: "path:line: text".
SOURCE_WARNING = re.compile(r"^\S+:\d+: ")


def find_lupdate(given):
    if given:
        return given
    for candidate in ("/usr/lib/qt6/bin/lupdate", shutil.which("lupdate6"), shutil.which("lupdate")):
        if candidate and pathlib.Path(candidate).exists():
            return candidate
    return None


def run_lupdate(lupdate, source_dir, ts_file):
    cmd = [lupdate, *LUPDATE_OPTIONS, *[str(source_dir / d) for d in SOURCE_DIRS], "-ts", str(ts_file)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stdout + proc.stderr, file=sys.stderr)
        sys.exit(f"check_translations: lupdate failed ({proc.returncode}): {' '.join(cmd)}")
    return [line for line in (proc.stdout + proc.stderr).splitlines() if SOURCE_WARNING.match(line)]


def texts(translation):
    forms = translation.findall("numerusform")
    if forms:
        return [f.text or "" for f in forms]
    return [translation.text or ""]


def problems_of(source, translation, numerus):
    kind = translation.get("type")
    if kind in ("unfinished", "vanished", "obsolete"):
        return [f"translation is {kind}"]
    out = []
    forms = texts(translation)
    if numerus and not translation.findall("numerusform"):
        out.append("plural message without numerus forms")
    for text in forms:
        if not text.strip():
            out.append("empty translation")
            continue
        if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(text))):
            out.append(
                f"placeholders differ: source {sorted(set(PLACEHOLDER.findall(source)))}, "
                f"translation {sorted(set(PLACEHOLDER.findall(text)))}: {text!r}"
            )
        src_mn = [m.upper() for m in MNEMONIC.findall(source)]
        tr_mn = [m.upper() for m in MNEMONIC.findall(text)]
        if src_mn and src_mn != tr_mn:
            out.append(f"mnemonic &{src_mn[0]} missing or different: {text!r}")
        for ending in ("…", "...", "\n"):
            if source.endswith(ending) and not text.endswith(ending):
                out.append(f"the source ends with {ending!r}, the translation does not: {text!r}")
                break
    return out


def check_file(ts_file, list_sources):
    root = ET.parse(ts_file).getroot()
    total = 0
    problems = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            total += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                issues = ["no translation element"]
            else:
                issues = problems_of(source, translation, message.get("numerus") == "yes")
            for issue in issues:
                shown = source if list_sources else (source[:70] + ("…" if len(source) > 70 else ""))
                problems.append(f"{name}: {shown!r}: {issue}")
    return total, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = pathlib.Path(__file__).resolve().parent
    parser.add_argument("--source-dir", type=pathlib.Path, default=here.parent.parent)
    parser.add_argument("--lupdate", help="lupdate of Qt 6 (default: /usr/lib/qt6/bin/lupdate)")
    parser.add_argument("--update", action="store_true",
                        help="update translations/*.ts in place before checking")
    parser.add_argument("--list", action="store_true", help="print problem messages in full")
    args = parser.parse_args()

    lupdate = find_lupdate(args.lupdate)
    if not lupdate:
        print("check_translations: lupdate not found (Debian: qt6-l10n-tools)", file=sys.stderr)
        return 2
    source_dir = args.source_dir.resolve()
    ts_files = sorted((source_dir / "translations").glob("*.ts"))
    if not ts_files:
        print(f"check_translations: no .ts files in {source_dir / 'translations'}", file=sys.stderr)
        return 1

    failed = False
    with tempfile.TemporaryDirectory(prefix="captioneer-ts-") as tmp:
        for ts in ts_files:
            target = ts if args.update else pathlib.Path(tmp) / ts.name
            if not args.update:
                shutil.copyfile(ts, target)
            warnings = run_lupdate(lupdate, source_dir, target)
            total, problems = check_file(target, args.list)
            for w in warnings:
                print(f"{ts.name}: lupdate: {w}")
            for p in problems:
                print(f"{ts.name}: {p}")
            if warnings or problems:
                failed = True
                print(f"{ts.name}: {len(problems)} problem(s) in {total} messages, "
                      f"{len(warnings)} lupdate warning(s)")
            else:
                print(f"{ts.name}: all {total} messages translated")
    if failed:
        print("Update and translate: see README.md, \"Translations\".")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
