#!/usr/bin/env python3
"""The packaging_files test: validates the desktop integration files with the tools distributions
use, and checks that they agree with each other.

- desktop entry: desktop-file-validate; Icon, Exec and MimeType as the other files expect
- AppStream metainfo: appstreamcli validate --no-net; id, launchable, binary, media types equal
  to the desktop entry's, a release for the project version listed first
- shared-mime-info XML: xmllint, and update-mime-database on a scratch database
- Flatpak manifest: parses as YAML; id, runtime, command; every archive pinned by sha256
- man page (when given): man --warnings and groff -ww report nothing at 80 columns

Usage: check-packaging-files.py --source-dir DIR --version V [--man FILE]
Prints every problem found and exits 1 if there was one.
"""

import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = "io.github.captioneer.Captioneer"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"

problems = []


def problem(what):
    problems.append(what)
    print(f"FAIL: {what}", flush=True)


def tool(name):
    path = shutil.which(name)
    if not path:
        problem(f"{name} is not installed (packaging/deps.sh installs it)")
    return path


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kwargs)


def parse_xml(path):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        problem(f"{path} is not well-formed XML: {e}")
        return None


def check_desktop(path):
    exe = tool("desktop-file-validate")
    if exe:
        r = run([exe, path])
        out = (r.stdout + r.stderr).strip()
        if r.returncode != 0 or re.search(r"\b(error|warning):", out):
            problem(f"desktop-file-validate {path}:\n{out}")
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str
    entry.read(path, encoding="utf-8")
    d = entry["Desktop Entry"]
    if d.get("Icon") != APP_ID:
        problem(f"{path}: Icon is {d.get('Icon')!r}, expected {APP_ID!r}")
    if d.get("Exec", "").split(" ")[0] != "captioneer":
        problem(f"{path}: Exec does not run captioneer")
    mimes = [m for m in d.get("MimeType", "").split(";") if m]
    if len(set(mimes)) != len(mimes):
        problem(f"{path}: MimeType lists a type twice")
    return set(mimes)


def check_metainfo(path, desktop_mimes, version):
    exe = tool("appstreamcli")
    if exe:
        r = run([exe, "validate", "--no-net", path])
        out = (r.stdout + r.stderr).strip()
        if r.returncode != 0 or re.search(r"^[EW]:", out, re.M):
            problem(f"appstreamcli validate --no-net {path}:\n{out}")
    root = parse_xml(path)
    if root is None:
        return
    if root.findtext("id") != APP_ID:
        problem(f"{path}: id is {root.findtext('id')!r}, expected {APP_ID!r}")
    if root.findtext("launchable[@type='desktop-id']") != APP_ID + ".desktop":
        problem(f"{path}: the launchable is not {APP_ID}.desktop")
    if [b.text for b in root.findall("provides/binary")] != ["captioneer"]:
        problem(f"{path}: provides/binary is not exactly captioneer")
    mediatypes = {m.text for m in root.findall("provides/mediatype")}
    if mediatypes != desktop_mimes:
        problem(f"{path}: media types differ from the desktop entry's MimeType: "
                f"only in metainfo {sorted(mediatypes - desktop_mimes)}, "
                f"only in desktop {sorted(desktop_mimes - mediatypes)}")
    releases = root.findall("releases/release")
    if not releases or releases[0].get("version") != version:
        problem(f"{path}: the first (newest) release is not the project version {version}")
    for image in root.findall("screenshots/screenshot/image"):
        if not (image.text or "").startswith("https://"):
            problem(f"{path}: screenshot image {image.text!r} is not an https URL")
    if root.find("content_rating[@type='oars-1.1']") is None:
        problem(f"{path}: no OARS 1.1 content rating")


def check_mime(path, desktop_mimes):
    exe = tool("xmllint")
    if exe:
        r = run([exe, "--noout", path])
        if r.returncode != 0:
            problem(f"xmllint {path}:\n{r.stderr.strip()}")
    root = parse_xml(path)
    if root is None:
        return
    defined = {t.get("type"): t for t in root.findall(MIME_NS + "mime-type")}
    for mime in sorted(m for m in desktop_mimes if m.startswith("application/x-captioneer")):
        if mime not in defined:
            problem(f"{path}: {mime} is in the desktop entry but not defined here")
    project = defined.get("application/x-captioneer-project")
    globs = set() if project is None else {g.get("pattern") for g in project.iter(MIME_NS + "glob")}
    if "*.captioneer" not in globs:
        problem(f"{path}: application/x-captioneer-project has no *.captioneer glob")

    exe = tool("update-mime-database")
    if exe:
        with tempfile.TemporaryDirectory() as tmp:
            packages = os.path.join(tmp, "mime", "packages")
            os.makedirs(packages)
            shutil.copy(path, os.path.join(packages, APP_ID + ".xml"))
            # A data dir in XDG_DATA_DIRS, so the tool has nothing to remark but real problems.
            r = run([exe, os.path.join(tmp, "mime")], env=dict(os.environ, XDG_DATA_DIRS=tmp))
            globs = open(os.path.join(tmp, "mime", "globs2"), encoding="utf-8").read() \
                if r.returncode == 0 else ""
            if r.returncode != 0 or r.stderr.strip() or \
                    "application/x-captioneer-project:*.captioneer" not in globs:
                problem(f"update-mime-database with {path}:\n{r.stderr.strip()}")


def check_flatpak(path):
    try:
        import yaml
    except ImportError:
        problem(f"{sys.executable} has no yaml module (Debian package python3-yaml)")
        return
    try:
        with open(path, encoding="utf-8") as f:
            m = yaml.safe_load(f)
    except yaml.YAMLError as e:
        problem(f"{path} is not valid YAML: {e}")
        return
    if m.get("id") != APP_ID:
        problem(f"{path}: id is {m.get('id')!r}, expected {APP_ID!r}")
    if m.get("command") != "captioneer":
        problem(f"{path}: command is not captioneer")
    for key in ("runtime", "runtime-version", "sdk"):
        if not m.get(key):
            problem(f"{path}: no {key}")
    modules = m.get("modules") or []
    if not modules or modules[-1].get("name") != "captioneer":
        problem(f"{path}: the last module is not captioneer")
    for module in modules:
        name = module.get("name")
        if not name or not module.get("sources"):
            problem(f"{path}: module {name!r} has no name or no sources")
            continue
        for source in module["sources"]:
            kind = source.get("type")
            if kind in ("archive", "file"):
                if not str(source.get("url", "")).startswith("https://"):
                    problem(f"{path}: {name}: archive URL is not https")
                if not re.fullmatch(r"[0-9a-f]{64}", str(source.get("sha256", ""))):
                    problem(f"{path}: {name}: archive without a sha256")
            elif kind == "git":
                if not (source.get("tag") or source.get("commit")):
                    problem(f"{path}: {name}: git source pinned by neither tag nor commit")
            elif kind != "dir":
                problem(f"{path}: {name}: unexpected source type {kind!r}")
    opts = modules[-1].get("config-opts", []) if modules else []
    if "-DCAPTIONEER_BUILD_TESTS=OFF" not in opts:
        problem(f"{path}: the captioneer module builds the tests")


def check_man(path):
    text = open(path, encoding="utf-8").read()
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS",
                    "ENVIRONMENT", "FILES"):
        if not re.search(rf'^\.SH "?{section}"?$', text, re.M):
            problem(f"{path}: no {section} section")
    if not re.search(r"^\.SS ", text, re.M):
        problem(f"{path}: no command is described")
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat")
    exe = tool("man")
    if exe:
        r = run([exe, "--warnings", "-l", path], env=env)
        if r.returncode != 0 or r.stderr.strip():
            problem(f"man --warnings -l {path}:\n{r.stderr.strip()}")
    exe = tool("groff")
    if exe:
        r = run([exe, "-man", "-ww", "-z", "-Tutf8", "-rLL=80n", path], env=env)
        if r.returncode != 0 or r.stderr.strip():
            problem(f"groff -man -ww {path}:\n{r.stderr.strip()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--man")
    args = ap.parse_args()

    packaging = os.path.join(args.source_dir, "packaging")
    desktop = os.path.join(packaging, "desktop")
    mimes = check_desktop(os.path.join(desktop, APP_ID + ".desktop"))
    check_metainfo(os.path.join(desktop, APP_ID + ".metainfo.xml"), mimes, args.version)
    check_mime(os.path.join(desktop, APP_ID + ".mime.xml"), mimes)
    check_flatpak(os.path.join(packaging, "flatpak", APP_ID + ".yml"))
    if args.man:
        check_man(args.man)

    if problems:
        print(f"{len(problems)} packaging problem(s)")
        return 1
    print("packaging files: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
