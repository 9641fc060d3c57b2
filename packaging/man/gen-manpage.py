#!/usr/bin/env python3
"""Builds captioneer(1) from captioneer.1.in and the built program's own help.

Runs `captioneer --help` and `captioneer COMMAND --help` for every command the top-level help
lists, turns Qt's QCommandLineParser help text into roff, and fills the template's @OPTIONS@ and
@COMMANDS@. The page's date is the date of the metainfo release that matches the version, so the
output is reproducible. Writes OUTPUT and, with --gzip, OUTPUT.gz (no name, no time stamp).

Usage: gen-manpage.py --binary BIN --template IN --metainfo XML --version V --output OUT [--gzip]
"""

import argparse
import gzip
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def run_help(binary, args):
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
                # No user settings: their interface language ("ui/language") would win over LC_ALL.
                "XDG_CONFIG_HOME": os.devnull})
    env.pop("LANGUAGE", None)
    proc = subprocess.run([binary, *args, "--help"], env=env, capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0 or not proc.stdout.startswith("Usage:"):
        sys.exit(f"gen-manpage: '{binary} {' '.join(args)} --help' failed "
                 f"(exit {proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def parse_help(text):
    """Splits QCommandLineParser help into usage, description lines and sections.

    Sections ("Options", "Arguments") are lists of (names, description); a description goes on
    in lines indented to the description column.
    """
    lines = text.rstrip("\n").split("\n")
    usage = lines[0][len("Usage:"):].strip()
    description = []
    sections = {}
    current = None
    for line in lines[1:]:
        heading = re.fullmatch(r"(Options|Arguments):", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
            continue
        if current is None:
            description.append(line)
            continue
        if not line.strip():
            continue
        entry = re.fullmatch(r"  (\S.*?)(?: {2,}(\S.*))?", line)
        if entry and not line.startswith("   "):
            current.append([entry.group(1), entry.group(2) or ""])
        elif current:
            current[-1][1] += " " + line.strip()
    return usage, description, sections


def escape(text):
    """Escapes plain text for roff; option-like hyphens become minus signs (\\-)."""
    text = text.replace("\\", "\\e")
    text = re.sub(r"(?<![A-Za-z0-9_])-", r"\\-", text)
    return text


def text_line(text):
    line = escape(text.strip())
    return "\\&" + line if line.startswith((".", "'")) else line


def option_tag(names):
    parts = []
    for part in names.split(", "):
        m = re.fullmatch(r"(-\S+)(?: (<.+>))?", part)
        if not m:
            parts.append(f"\\fI{escape(part)}\\fR")
            continue
        tag = f"\\fB{escape(m.group(1))}\\fR"
        if m.group(2):
            tag += f" \\fI{escape(m.group(2))}\\fR"
        parts.append(tag)
    return ", ".join(parts)


def entries(items, skip=()):
    out = []
    for names, desc in items:
        if names in skip:
            continue
        out += [".TP", option_tag(names), text_line(desc)]
    return out


def paragraphs(lines):
    out = []
    for line in lines:
        if line.strip():
            out += [".PP", text_line(line)]
    return out


def commands_from(description):
    """The command list of the top-level help: lines "  name  summary" after "Commands"."""
    commands = []
    listing = False
    for line in description:
        if line.startswith("Commands"):
            listing = True
            continue
        if listing:
            m = re.fullmatch(r"  ([a-z][a-z0-9-]*)\s+(\S.*)", line)
            if not m:
                break
            commands.append(m.group(1))
    return commands


def release_date(metainfo, version):
    releases = ET.parse(metainfo).getroot().findall("./releases/release")
    for release in releases:
        if release.get("version") == version:
            return release.get("date")
    if releases:
        return releases[0].get("date")
    sys.exit(f"gen-manpage: {metainfo} has no releases")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--metainfo", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--gzip", action="store_true")
    args = ap.parse_args()

    _, top_description, top_sections = parse_help(run_help(args.binary, []))
    options = entries(top_sections.get("Options", []))
    options += entries(top_sections.get("Arguments", []))

    commands = commands_from(top_description)
    if not commands:
        sys.exit("gen-manpage: the top-level help lists no commands")
    blocks = []
    for command in commands:
        usage, description, sections = parse_help(run_help(args.binary, [command]))
        rest = usage.split(" ", 2)[2] if usage.count(" ") >= 2 else ""
        synopsis = re.sub(r"[A-Za-z]+", lambda m: f"\\fI{m.group(0)}\\fR", escape(rest))
        blocks += [f'.SS "{command}"', f"\\fBcaptioneer {command}\\fR {synopsis}".rstrip()]
        blocks += paragraphs(description)
        blocks += entries(sections.get("Options", []), skip=("-h, --help", "--help-all"))
        blocks += entries(sections.get("Arguments", []))

    with open(args.template, encoding="utf-8") as f:
        template = f.read().split("\n")
    while template and template[0].startswith('.\\"'):
        template.pop(0)  # the template's own comment
    page = "\n".join(['.\\" Generated from packaging/man/captioneer.1.in and the output of',
                      '.\\" captioneer --help by packaging/man/gen-manpage.py. Do not edit.',
                      *template])
    page = (page.replace("@DATE@", release_date(args.metainfo, args.version))
                .replace("@VERSION@", args.version)
                .replace("@OPTIONS@", "\n".join(options))
                .replace("@COMMANDS@", "\n".join(blocks)))
    leftover = re.findall(r"@[A-Z_]+@", page)
    if leftover:
        sys.exit(f"gen-manpage: unfilled placeholders {leftover}")

    with open(args.output, "w", encoding="utf-8") as f:
        f.write(page)
    if args.gzip:
        with open(args.output + ".gz", "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
                gz.write(page.encode("utf-8"))


if __name__ == "__main__":
    main()
