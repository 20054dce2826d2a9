#!/usr/bin/env python3
"""Fails when the code calls a Qt API that Qt 6.4 accepts but newer Qt deprecates.

The project builds with warnings as errors against Qt 6.4 (Debian 12) and against the Qt of
Debian 13. Qt 6.4 does not yet warn on the calls listed here; the newer Qt does, so a use
passes the quick build and fails the Debian 13 one much later. This scan needs no compiler.

Usage: check-newer-qt.py [ROOT...]   (default: the repository's C++ folders)
"""

import os
import re
import sys

ROOTS = ["src", "connectors", "ui", "sandbox", "app", "tests", "bench"]
EXTENSIONS = (".cpp", ".h")

# pattern -> what to write instead
DEPRECATED = [
    (re.compile(r",\s*Qt::(UTC|LocalTime|OffsetFromUTC|TimeZone)\b"),
     "a Qt::TimeSpec argument (QDateTime constructors, fromMSecsSinceEpoch, startOfDay): "
     "pass QTimeZone::utc() or QTimeZone::systemTimeZone()"),
    (re.compile(r"\.setTimeSpec\s*\("), "setTimeSpec: use setTimeZone(QTimeZone::utc())"),
    (re.compile(r"\(\s*Qt::(UTC|LocalTime|OffsetFromUTC)\s*[,)]"),
     "a Qt::TimeSpec argument: pass a QTimeZone"),
]


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def scan(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = strip_comments(f.read()).split("\n")
    problems = []
    for number, line in enumerate(lines, 1):
        for pattern, advice in DEPRECATED:
            if pattern.search(line):
                problems.append(f"{path}:{number}: {advice}")
    return problems


def main(argv):
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    roots = argv[1:] or [os.path.join(here, r) for r in ROOTS]
    problems = []
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in sorted(files):
                if name.endswith(EXTENSIONS):
                    problems += scan(os.path.join(folder, name))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} call(s) that newer Qt deprecates")
        return 1
    print("no call that newer Qt deprecates")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
