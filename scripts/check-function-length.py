#!/usr/bin/env python3
"""Fails when a C++ function in the product's folders is longer than a limit (150 lines).

A function that grows past a screen or two is split into named steps, or into a table from
a name to small functions. Data tables written as code (a lexicon, a built-in list) are the
exception, and each one is named below with its reason.

The scan needs no compiler: it removes comments, string and character literals (raw strings
included) and preprocessor lines, then matches braces. A brace opens a function body when
the text before it, at namespace or class level, is a declarator with a parameter list
(constructor initialiser lists, trailing return types and lambdas assigned at namespace level
included); class, namespace and enum bodies are entered or skipped, and brace initialisers
of variables are data. A function's length counts from the first line of its declaration to
its closing brace.

Usage: check-function-length.py [--limit N] [--list] [ROOT...]
  --list   print every function over the limit, excepted or not, and exit 0
ROOT defaults to the product folders (src connectors ui sandbox app) of this repository.
"""

import argparse
import os
import re
import sys

LIMIT = 150
ROOTS = ["src", "connectors", "ui", "sandbox", "app"]
EXTENSIONS = (".cpp", ".h")

# Data tables written as code: long because they list data, not because they do much.
# (file relative to the repository, qualified function name) -> reason
DATA_TABLES = {
}

# Functions not yet split, with their module. Temporary: an entry is removed
# when its function is split, and the check fails while a listed function is already short,
# so the list only shrinks.
NOT_YET_SPLIT = {
}

CONTROL_KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "sizeof", "alignof",
                    "decltype", "noexcept", "requires", "static_assert", "co_return"}
SCOPE_KEYWORDS = re.compile(r"^(?:template\s*<[^{};]*>\s*)?(?:export\s+)?"
                            r"(namespace|class|struct|union|enum|extern)\b")
ACCESS_LABEL = re.compile(r"\b(?:public|protected|private|signals|slots|Q_SLOTS|Q_SIGNALS)"
                          r"(?:\s+(?:slots|Q_SLOTS))?\s*:(?!:)")


def strip_code(text):
    """Blanks comments, literals and preprocessor lines, keeping every newline in place."""
    out = []
    i = 0
    n = len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if at_line_start and c == "#":
            # A preprocessor line, with its continuations.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                i += 1
            continue
        at_line_start = False
        if c == "\n":
            out.append(c)
            at_line_start = True
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(ch for ch in text[i:end] if ch == "\n") or " ")
            i = end
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and not _ident_before(text, i):
            i = _skip_raw_string(text, i, out)
        elif c in "uUL8" and _raw_prefix(text, i):
            i = _skip_raw_string(text, i + _raw_prefix(text, i), out)
        elif c == '"':
            i = _skip_quoted(text, i, '"', out)
        elif c == "'" and not _in_number(text, i):
            i = _skip_quoted(text, i, "'", out)
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _in_number(text, i):
    """Whether the quote at i is a digit separator (1'000'000, 0xFF'FF), not a u'x' literal."""
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'_."):
        j -= 1
    return j < i and text[j].isdigit()


def _ident_before(text, i):
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


def _raw_prefix(text, i):
    """Length of an encoding prefix before R"( at i (u8R", uR", UR", LR"), else 0."""
    if _ident_before(text, i):
        return 0
    for prefix in ("u8", "u", "U", "L"):
        if text.startswith(prefix + 'R"', i):
            return len(prefix)
    return 0


def _skip_raw_string(text, i, out):
    # text[i] == 'R', text[i+1] == '"'
    open_paren = text.find("(", i + 2)
    delimiter = text[i + 2:open_paren]
    closing = ")" + delimiter + '"'
    end = text.find(closing, open_paren + 1)
    end = len(text) if end < 0 else end + len(closing)
    out.append('""' + "\n" * text.count("\n", i, end))
    return end


def _skip_quoted(text, i, quote, out):
    j = i + 1
    n = len(text)
    while j < n and text[j] != quote and text[j] != "\n":
        j += 2 if text[j] == "\\" else 1
    out.append(quote + quote)
    return min(j + 1, n)


def function_name(header):
    """The qualified name before the parameter list of a declarator, e.g. 'Store::open'."""
    depth = 0
    for index, ch in enumerate(header):
        if ch == "<":
            depth += 1
        elif ch == ">" and depth > 0:
            depth -= 1
        elif ch == "(" and depth == 0:
            before = header[:index].rstrip()
            match = re.search(r"((?:[A-Za-z_~][\w]*\s*(?:<[^()]*>)?\s*::\s*)*"
                              r"(?:operator\s*[^\s\w(]+|operator\s*\(\s*\)|~?[A-Za-z_]\w*))$",
                              before)
            if match:
                return re.sub(r"\s+", "", match.group(1))
            return before.split()[-1] if before.split() else "<anonymous>"
    return "<anonymous>"


def top_level(header):
    """The header with everything inside (), [], <> and {} removed."""
    out = []
    depth = 0
    for ch in header:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def collapsed(header):
    """The header with what is inside (), [] and {} removed, the brackets kept."""
    out = []
    depth = 0
    for ch in header:
        if ch in ")]}":
            depth = max(0, depth - 1)
        if depth == 0:
            out.append(ch)
        if ch in "([{":
            depth += 1
    return "".join(out)


def classify(header):
    """What a '{' opens, given the text since the previous ';', '{' or '}' at its level."""
    text = ACCESS_LABEL.sub(" ", header).strip()
    text = re.sub(r"\[\[[^\]]*\]\]", " ", text).strip()
    if not text:
        return "block"
    scope = SCOPE_KEYWORDS.match(text)
    if scope:
        kind = scope.group(1)
        if kind == "enum":
            return "data"
        if kind in ("namespace", "extern"):
            return "namespace"
        # "struct X f() {" is a function returning a struct; "struct X : Y {" is a class.
        if "(" not in top_level_without_bases(text):
            return "class"
    flat = top_level(text)
    if re.search(r"(?<![<>!=])=(?!=)", flat) and "operator" not in flat:
        after = text[text.index("=") + 1:].lstrip() if "=" in text else ""
        return "function" if after.startswith("[") else "data"
    if "(" not in text:
        return "data"
    first = re.match(r"[A-Za-z_]\w*", text)
    if first and first.group(0) in CONTROL_KEYWORDS:
        return "block"
    if re.match(r"^[A-Z][A-Z0-9_]*\s*\(", text) and not re.search(r"\)\s*[\w:]", text):
        # A macro invocation such as Q_DECLARE_METATYPE(...) followed by a block.
        return "function"
    return "function"


def top_level_without_bases(text):
    flat = top_level(text)
    return flat.split(":", 1)[0] if re.search(r"(?<!:):(?!:)", flat) else flat


def brace_initialiser_in_header(header):
    """Whether a '{' right after `header` is a member's brace initialiser in a constructor's
    initialiser list (Foo::Foo() : m_a{1} {...}) rather than the body."""
    if not re.search(r"\)\s*(?:noexcept\s*)?:(?!:)", collapsed(header)):
        return False
    return bool(re.search(r"[A-Za-z_]\w*\s*(?:<[^{};]*>)?\s*$", header))


def scan(path, text):
    """Yields (name, first line, last line) for every function body in `text`."""
    code = strip_code(text)
    line_of = []
    line = 1
    for ch in code:
        line_of.append(line)
        if ch == "\n":
            line += 1
    header_start = 0
    i = 0
    n = len(code)
    # Stack of scope kinds; function bodies are skipped whole, so only declaration levels.
    while i < n:
        ch = code[i]
        if ch in ";}":
            header_start = i + 1
            i += 1
        elif ch == "{":
            header = code[header_start:i]
            if brace_initialiser_in_header(header) and classify(header) == "function":
                i = matching_brace(code, i) + 1
                continue
            skip = declaration_offset(header)
            header = header[skip:]
            kind = classify(header)
            if kind in ("namespace", "class"):
                header_start = i + 1
                i += 1
                continue
            end = matching_brace(code, i)
            if kind == "function":
                first = header_start + skip + (len(header) - len(header.lstrip()))
                yield declared_name(header), line_of[first], line_of[min(end, n - 1)]
            header_start = end + 1
            i = end + 1
        else:
            i += 1


def declaration_offset(header):
    """Where the declaration starts in `header`: after access labels, attributes and macro
    invocations that end without a semicolon (Q_LOGGING_CATEGORY(lc, "x"), Q_OBJECT)."""
    offset = 0
    while True:
        rest = header[offset:]
        stripped = rest.lstrip()
        lead = len(rest) - len(stripped)
        label = re.match(ACCESS_LABEL.pattern, stripped)
        if label and label.start() == 0:
            offset += lead + label.end()
            continue
        attribute = re.match(r"\[\[[^\]]*\]\]", stripped)
        if attribute:
            offset += lead + attribute.end()
            continue
        macro = re.match(r"[A-Z][A-Z0-9_]*\b\s*", stripped)
        if macro and not re.match(r"[A-Z][A-Z0-9_]*\s*::", stripped):
            after = macro.end()
            if after < len(stripped) and stripped[after] == "(":
                depth = 0
                for j in range(after, len(stripped)):
                    if stripped[j] == "(":
                        depth += 1
                    elif stripped[j] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                tail = stripped[j + 1:]
                # A macro call on its own line, followed by the real declaration.
                if re.match(r"[ \t]*\n", tail) and tail.strip():
                    offset += lead + j + 1
                    continue
            elif stripped[after:].strip() and re.match(r"[A-Z][A-Z0-9_]*[ \t]*\n", stripped):
                offset += lead + macro.end()
                continue
        return offset


def declared_name(header):
    """The function's name; a lambda assigned at namespace level is named by its variable."""
    flat = top_level(header)
    if re.search(r"(?<![<>!=])=(?!=)", flat) and "operator" not in flat:
        before = header[:header.index("=")].split()
        return before[-1] if before else "<lambda>"
    return function_name(header)


def matching_brace(code, i):
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=LIMIT)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("roots", nargs="*")
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    roots = args.roots or [os.path.join(repo, r) for r in ROOTS]

    long_functions = []
    for root in roots:
        if not os.path.isdir(root):
            continue
        for directory, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if not name.endswith(EXTENSIONS):
                    continue
                path = os.path.join(directory, name)
                rel = os.path.relpath(path, repo)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for function, first, last in scan(rel, text):
                    length = last - first + 1
                    if length > args.limit:
                        long_functions.append((rel, first, function, length))

    if args.list:
        for rel, first, function, length in sorted(long_functions, key=lambda f: -f[3]):
            note = DATA_TABLES.get((rel, function)) or NOT_YET_SPLIT.get((rel, function), "")
            print(f"{length:5d} {rel}:{first}: {function} {note}")
        return 0

    failures = []
    found = set()
    for rel, first, function, length in long_functions:
        key = (rel, function)
        found.add(key)
        if key in DATA_TABLES or key in NOT_YET_SPLIT:
            continue
        failures.append(f"{rel}:{first}: {function} is {length} lines (limit {args.limit}): "
                        "split it into named steps")
    if not args.roots:
        for key in sorted(set(NOT_YET_SPLIT) | set(DATA_TABLES)):
            if key not in found:
                failures.append(f"{key[0]}: {key[1]} is no longer over {args.limit} lines "
                                "(or is gone): remove it from the list in "
                                "scripts/check-function-length.py")
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print(f"check-function-length: no function over {args.limit} lines "
          f"({len(DATA_TABLES)} data tables, {len(NOT_YET_SPLIT)} not yet split)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
