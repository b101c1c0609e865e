#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks the layer rule of src/README.md against the #include lines.

The rule is the ```layers block of src/README.md: for each module of
src/lib/, the modules and single headers of ours it may include, and for
each third-party header, the only files that may include it. cli/ may
include its own files and the public header only. Prints every breach with
its file and line, then 'N passed, N failed'; exits 1 on any breach.

usage: check-layers.py SRC_DIR"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
PUBLIC = "cloudvet.h"
GLUE = {"internal.h"}  # and every cloudvet*.c of lib/ (is_glue)


def is_glue(name):
    """The glue: internal.h and the cloudvet*.c files at the top of lib/."""
    return name in GLUE or (name.startswith("cloudvet") and name.endswith(".c"))


def read_rule(readme):
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"```layers\n(.*?)```", text, re.S)
    if not m:
        sys.exit(f"{readme}: no ```layers block")
    allowed, only = {}, {}
    for line in m.group(1).splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, _, rest = line.partition(":")
        words = rest.split()
        if key.startswith("only "):
            only[key[5:].strip()] = set(words)
        else:
            allowed[key.strip()] = set(words)
    return allowed, only


def sources(src):
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                yield os.path.join(root, name)


def ours_allowed(module, target, allowed):
    """target: a path relative to src/lib/ (e.g. 'base/arena.h')."""
    if target == PUBLIC or target.startswith(module + "/"):
        return True
    rule = allowed.get(module, set())
    top = target.split("/", 1)[0] + "/" if "/" in target else None
    return target in rule or (top is not None and top in rule)


def third_party_allowed(rel, header, only):
    for prefix, files in only.items():
        if header == prefix or (prefix.endswith("/") and
                                header.startswith(prefix)):
            return rel in files
    return True  # libc and POSIX headers


def check_file(path, lib, cli, allowed, only):
    breaches = []
    rel = os.path.relpath(path, lib)
    in_cli = os.path.commonpath([path, cli]) == cli
    module = None if in_cli else (rel.split("/", 1)[0] if "/" in rel else "")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            where = f"{os.path.relpath(path)}:{n}"
            if kind == "<":
                if not third_party_allowed(rel, name, only) or \
                        (in_cli and any(name.startswith(p.rstrip("/"))
                                        for p in only)):
                    breaches.append(f"{where}: <{name}> is not allowed here")
                continue
            if in_cli:
                target = os.path.normpath(os.path.join(os.path.dirname(path),
                                                       name))
                if name != PUBLIC and os.path.dirname(target) != cli:
                    breaches.append(f"{where}: cli/ may include only "
                                    f"{PUBLIC} and its own files, not {name}")
                continue
            if name == PUBLIC:
                continue
            target = os.path.relpath(os.path.normpath(
                os.path.join(os.path.dirname(path), name)), lib)
            if module == "" and is_glue(os.path.basename(rel)):
                continue
            if module not in allowed:
                breaches.append(f"{where}: module '{module}' is not in the "
                                f"layer rule")
            elif not ours_allowed(module, target, allowed):
                breaches.append(f"{where}: {module}/ may not include {target}")
    return breaches


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src = os.path.abspath(sys.argv[1])
    lib, cli = os.path.join(src, "lib"), os.path.join(src, "cli")
    allowed, only = read_rule(os.path.join(src, "README.md"))
    passed = failed = 0
    for path in list(sources(lib)) + list(sources(cli)):
        breaches = check_file(path, lib, cli, allowed, only)
        for b in breaches:
            print(b)
        failed += bool(breaches)
        passed += not breaches
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
