#!/usr/bin/env python3
"""Checks the layout rules of the source tree (docs/architecture.md):

1. Layers: a module includes only itself and the modules below it.

       app/ (cli, desktop)         composition roots: may include everything
       ui/                         core, storage, secrets
       connectors/  sandbox/       core
       storage/  secrets/          core
       src/core/                   nothing else

2. No scaffolding: the build never tolerates a missing part of the project. No
   `__has_include`, no `include(... OPTIONAL)`, no `if(EXISTS ...)` around the project's own
   files, no `if(TARGET casefile...)` standing in for a build option.

Usage: check-layers.py [SOURCE_DIR]      exit 0 when clean, 1 with one line per violation
       check-layers.py --self-test       checks that both rules catch what they should
"""

import os
import re
import sys
import tempfile

# Module of a file, from where it lives (first match wins).
MODULE_DIRS = [
    ("src/core/", "core"),
    ("src/storage/", "storage"),
    ("src/secrets/", "secrets"),
    ("connectors/", "connectors"),
    ("sandbox/", "sandbox"),
    ("ui/", "ui"),
    ("app/", "app"),
]

# Module of an include, from its first path component ("core/domain.h").
INCLUDE_PREFIXES = {
    "core": "core",
    "storage": "storage",
    "secrets": "secrets",
    "connectors": "connectors",
    "sandbox": "sandbox",
    "ui": "ui",
    "app": "app",
}

ALLOWED = {
    "core": {"core"},
    "storage": {"core", "storage"},
    "secrets": {"core", "secrets"},
    "connectors": {"core", "connectors"},
    "sandbox": {"core", "sandbox"},
    "ui": {"core", "storage", "secrets", "ui"},
    "app": set(INCLUDE_PREFIXES.values()),
}

SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)

SCAFFOLDING = [
    (re.compile(r"__has_include"), SOURCE_SUFFIXES,
     "__has_include: the build must not depend on which files happen to exist"),
    (re.compile(r"\binclude\s*\([^)]*\bOPTIONAL\b", re.IGNORECASE), ("CMakeLists.txt", ".cmake"),
     "include(... OPTIONAL): list the sources explicitly"),
    (re.compile(r"\bif\s*\(\s*(NOT\s+)?EXISTS\s+\"?\$\{(CMAKE_CURRENT_SOURCE_DIR|PROJECT_SOURCE_DIR|"
                r"CMAKE_SOURCE_DIR|CMAKE_CURRENT_LIST_DIR)\}", re.IGNORECASE),
     ("CMakeLists.txt", ".cmake"),
     "if(EXISTS ...) around the project's own files: a missing file must break the build"),
    (re.compile(r"\bif\s*\(\s*(NOT\s+)?TARGET\s+(Casefile::|casefile)", re.IGNORECASE),
     ("CMakeLists.txt", ".cmake"),
     "if(TARGET ...) on a project target: use the build option (CASEFILE_BUILD_...)"),
]

SKIP_DIRS = {".git", "tests/fuzz/corpus", "tests/scenarios"}


def module_of(relpath):
    for prefix, module in MODULE_DIRS:
        if relpath.startswith(prefix):
            return module
    return None


def walk(root):
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith("build") and not d.startswith(".") and rel + d not in SKIP_DIRS)
        for name in sorted(filenames):
            yield rel + name, os.path.join(dirpath, name)


def check(root):
    problems = []
    for rel, path in walk(root):
        is_source = rel.endswith(SOURCE_SUFFIXES)
        is_cmake = rel.endswith("CMakeLists.txt") or rel.endswith(".cmake")
        if not is_source and not is_cmake:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        module = module_of(rel) if is_source else None
        if module:
            for match in INCLUDE_RE.finditer(text):
                target = match.group(1)
                line = text.count("\n", 0, match.start()) + 1
                if target.startswith("../"):
                    problems.append(f"{rel}:{line}: relative include \"{target}\" leaves the module")
                    continue
                first = target.split("/", 1)[0] if "/" in target else None
                used = INCLUDE_PREFIXES.get(first) if first else None
                if used and used not in ALLOWED[module]:
                    problems.append(f"{rel}:{line}: {module} includes \"{target}\" ({used} is "
                                    f"not below {module})")
        for pattern, suffixes, reason in SCAFFOLDING:
            if not rel.endswith(suffixes):
                continue
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{rel}:{line}: {reason}")
    return problems


def self_test():
    cases = {
        "src/core/bad.cpp": '#include "storage/store.h"\n',
        "src/core/good.cpp": '#include "core/domain.h"\n',
        "connectors/x/bad.cpp": '#include "ui/mainwindow.h"\n',
        "ui/bad.cpp": '#include "app/desktop/desktop.h"\n#include "connectors/connectorfactory.h"\n',
        "ui/good.cpp": '#include "storage/store.h"\n#include "secrets/credentialstore.h"\n',
        "storage/../src/storage/bad.cpp": '#include "secrets/credentialstore.h"\n',
        "sandbox/bad.cpp": '#include "../connectors/x.h"\n',
        "app/good.cpp": '#include "ui/mainwindow.h"\n#include "connectors/connectorfactory.h"\n',
        "app/cli/bad.cpp": '#if __has_include("x.h")\n#endif\n',
        "src/core/CMakeLists.txt": "include(${CMAKE_CURRENT_SOURCE_DIR}/engine/sources.cmake OPTIONAL)\n",
        "tests/CMakeLists.txt": "if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/ui/CMakeLists.txt)\nendif()\n"
                                "if(TARGET casefile_ui)\nendif()\n",
        "tests/ok/CMakeLists.txt": "if(CASEFILE_BUILD_GUI)\nendif()\n",
    }
    expected = {
        "src/core/bad.cpp:1", "connectors/x/bad.cpp:1", "ui/bad.cpp:1", "ui/bad.cpp:2",
        "src/storage/bad.cpp:1", "sandbox/bad.cpp:1", "app/cli/bad.cpp:1",
        "src/core/CMakeLists.txt:1", "tests/CMakeLists.txt:1", "tests/CMakeLists.txt:3",
    }
    with tempfile.TemporaryDirectory() as root:
        for rel, text in cases.items():
            path = os.path.normpath(os.path.join(root, rel))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        found = {":".join(p.split(":", 2)[:2]) for p in check(root)}
    if found != expected:
        print("check-layers self-test failed")
        print("  missed:", sorted(expected - found))
        print("  extra: ", sorted(found - expected))
        return 1
    print(f"check-layers self-test: {len(expected)} violations found as expected")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = check(os.path.abspath(root))
    for p in problems:
        print(p)
    if problems:
        print(f"check-layers: {len(problems)} violation(s); see docs/architecture.md")
        return 1
    print("check-layers: the layers and the no-scaffolding rule hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
