#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Derive the clause outline and SHA-256 of each seed document.

criteria/documents.json records, for every seed document, the SHA-256 of
the text the catalogue was built from and the document's clause numbering
as nested objects (numbers and their nesting only, never the text):

    "outline": { "5": { "(1)": { "①": {}, "②": {} } } }

`cloudvet criteria lint` resolves every citation against that outline; with
`--seeds DIR` it checks that each text still has the recorded SHA-256. This
script is what makes the outline from the texts:

    tools/gen-outline.py SEEDS_DIR                   print sha256 + outline
    tools/gen-outline.py SEEDS_DIR --write FILE      update FILE in place
    tools/gen-outline.py SEEDS_DIR --check FILE      exit 1 if FILE differs

A seed text is `SEEDS_DIR/<seed>_*.txt`, plain text converted from PDF:
clause numbers are reliable, but lines wrap and list items may start with
`- `. A line is a clause when it starts with one of these labels (after
blanks and `- `), followed by a blank unless the label is bracketed:

    rank 0   第10 (a section), 第3条 (an article), a procedure heading
    rank 1   5, 5. (a numbered section or paragraph)
    rank 2   (1) （1）
    rank 3   ① … ⑳
    rank 4   ア … (one katakana letter)
    rank 5   (ア) （ア）

A label nests under the nearest preceding label of a lower rank, so a `ア`
belongs to the nearest enclosing `①` (or `(1)`, or section, when there is
no `①` between them). Three rules keep wrapped text and cover pages out:

  * a plain number is a clause only when it continues its parent's
    numbering (1 first, then the next number); otherwise it is text that
    wrapped onto a new line;
  * in a document divided into 第N sections, a plain number is a paragraph
    of its section (`第11 1(1)`); numbers before the first section belong
    to a covering letter, not to the document, and are left out; plain
    numbers never nest under an article (第N条) or a procedure heading;
  * a procedure heading is the line just before a `<手順>` marker: the
    document cites those procedures by their heading, so the heading is the
    outline entry (武豊町議会情報セキュリティ実施手順).

The same label twice under one parent (a list repeated in the text) is one
entry. Anything else (Roman numerals of a classification table, bullets
`・`, table rows) is not a clause.

Python 3 standard library only.
"""
import argparse
import hashlib
import json
import os
import re
import sys

BLANK = "[ \t\u3000]"
LABELS = [
    # (rank, kind, pattern, key format)
    (0, "article", re.compile(r"第[ \u3000]*([0-9０-９]+)[ \u3000]*条(?=%s|$)" % BLANK), "第{}条"),
    (0, "section", re.compile(r"第[ \u3000]*([0-9０-９]+)(?=%s)" % BLANK), "第{}"),
    (1, "number", re.compile(r"([0-9０-９]+)[.．]?(?=%s)" % BLANK), "{}"),
    (2, "paren-number", re.compile(r"[(（]([0-9０-９]+)[)）]"), "({})"),
    (3, "circled", re.compile(r"([\u2460-\u2473])(?=%s|$)" % BLANK), "{}"),
    (4, "katakana", re.compile(r"([\u30a1-\u30f6])(?=%s)" % BLANK), "{}"),
    (5, "paren-katakana", re.compile(r"[(（]([\u30a1-\u30f6])[)）]"), "({})"),
]
BULLET = re.compile(r"^(?:[ \t\u3000]|-(?=[ \t\u3000]|$)|\*(?=[ \t\u3000]))*")
PROCEDURE_MARK = "<手順>"


def content(line):
    """The line without its leading blanks and list dashes."""
    return BULLET.sub("", line.rstrip("\r\n")).rstrip()


def label_of(text):
    """(rank, kind, key, number) of the label `text` starts with, or None."""
    for rank, kind, pattern, fmt in LABELS:
        m = pattern.match(text)
        if m:
            value = m.group(1)
            number = int(value) if "number" in kind or kind in ("article", "section") else None
            return rank, kind, fmt.format(value if number is None else number), number
    return None


def labels(lines):
    """Every clause label of the text, in order: (rank, kind, key, number)."""
    texts = [content(line) for line in lines]
    following = [None] * len(texts)  # next non-empty line of each line
    nxt = None
    for i in range(len(texts) - 1, -1, -1):
        following[i] = nxt
        if texts[i]:
            nxt = texts[i]
    for i, text in enumerate(texts):
        if not text or text == PROCEDURE_MARK:
            continue
        if following[i] == PROCEDURE_MARK:
            yield 0, "heading", text, None
            continue
        found = label_of(text)
        if found:
            yield found


class Frame:
    def __init__(self, rank, kind, node):
        self.rank = rank
        self.kind = kind
        self.node = node
        self.last_number = 0  # last plain number among the children


def outline_of(text):
    """The nested outline of one document's text."""
    found = list(labels(text.splitlines()))
    sectioned = any(kind == "section" for _, kind, _, _ in found)
    root = {}
    stack = [Frame(-1, "root", root)]
    for rank, kind, key, number in found:
        if kind == "number":
            while stack[-1].rank >= rank or stack[-1].kind in ("article", "heading"):
                stack.pop()
            parent = stack[-1]
            if sectioned and parent.kind != "section":
                continue  # a covering letter's numbering
            if number != parent.last_number + 1:
                continue  # wrapped text that starts with a number
            parent.last_number = number
        else:
            while stack[-1].rank >= rank:
                stack.pop()
            parent = stack[-1]
        node = parent.node.setdefault(key, {})
        stack.append(Frame(rank, kind, node))
    return root


def read_seeds(seeds_dir):
    """{seed: (file name, sha256, outline)} for every DIR/<seed>_*.txt."""
    out = {}
    for name in sorted(os.listdir(seeds_dir)):
        if not name.endswith(".txt") or "_" not in name:
            continue
        seed = name.split("_", 1)[0]
        with open(os.path.join(seeds_dir, name), "rb") as f:
            data = f.read()
        out[seed] = (name, hashlib.sha256(data).hexdigest(),
                     outline_of(data.decode("utf-8")))
    return out


# ---- writing JSON the way criteria/ is written: two-space indentation, an
# outline object whose members are all leaves on one line when it fits.

WIDTH = 100


def scalar(v):
    return json.dumps(v, ensure_ascii=False)


def dump_outline(node, indent, column):
    if not node:
        return "{}"
    if all(not child for child in node.values()):
        inline = "{ " + ", ".join(scalar(k) + ": {}" for k in node) + " }"
        if column + len(inline) <= WIDTH:
            return inline
    pad = " " * (indent + 2)
    items = []
    for k, child in node.items():
        head = pad + scalar(k) + ": "
        items.append(head + dump_outline(child, indent + 2, len(head)))
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


def dump(value, indent=0, column=0, key=None):
    if key == "outline" and isinstance(value, dict):
        return dump_outline(value, indent, column)
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for k, v in value.items():
            head = pad + scalar(k) + ": "
            items.append(head + dump(v, indent + 2, len(head), k))
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list)) for v in value):
            inline = "[" + ", ".join(scalar(v) for v in value) + "]"
            if column + len(inline) <= WIDTH:
                return inline
        items = [pad + dump(v, indent + 2, len(pad)) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    return scalar(value)


# ---- comparing outlines

def paths(node, prefix=()):
    for k, child in node.items():
        yield prefix + (k,)
        yield from paths(child, prefix + (k,))


def show(path):
    """A path as the catalogue prints it: 5(1)③, 第11 1(1)."""
    out = ""
    for part in path:
        if out and out[-1].isdigit() and part[0].isdigit():
            out += " "
        out += part
    return out


def compare(seed, recorded, derived):
    """Problems between a recorded and a derived (sha256, outline)."""
    problems = []
    if recorded.get("sha256") != derived[1]:
        problems.append("%s: sha256 %s, the text has %s"
                        % (seed, recorded.get("sha256"), derived[1]))
    have = list(paths(recorded.get("outline") or {}))
    want = list(paths(derived[2]))
    for p in want:
        if p not in set(have):
            problems.append("%s: %s is in the text, not in the outline" % (seed, show(p)))
    for p in have:
        if p not in set(want):
            problems.append("%s: %s is in the outline, not in the text" % (seed, show(p)))
    if not problems and have != want:
        problems.append("%s: the outline's order differs from the text's" % seed)
    return problems


def main(argv):
    ap = argparse.ArgumentParser(
        description="derive the outline and SHA-256 of the seed documents")
    ap.add_argument("seeds", help="directory of the seed texts (<seed>_*.txt)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", metavar="FILE",
                      help="update the seed documents of FILE (documents.json) in place")
    mode.add_argument("--check", metavar="FILE",
                      help="exit 1 when FILE's sha256 or outline differ from the texts")
    args = ap.parse_args(argv)

    seeds = read_seeds(args.seeds)
    if not seeds:
        print("gen-outline: no <seed>_*.txt in %s" % args.seeds, file=sys.stderr)
        return 2
    if not args.write and not args.check:
        docs = [{"seed": s, "file": v[0], "sha256": v[1], "outline": v[2]}
                for s, v in seeds.items()]
        print(dump({"documents": docs}))
        return 0

    path = args.write or args.check
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    problems = []
    for d in doc.get("documents", []):
        if d.get("kind") != "seed":
            continue
        seed = d.get("seed")
        if seed not in seeds:
            problems.append("%s: no %s_*.txt in %s" % (d.get("title"), seed, args.seeds))
            continue
        if args.check:
            problems += compare(seed, d, seeds[seed])
        else:
            d["sha256"] = seeds[seed][1]
            d["outline"] = seeds[seed][2]
    for p in problems:
        print("gen-outline: " + p, file=sys.stderr)
    if problems:
        if args.check:
            print("gen-outline: %s does not match the texts; run tools/gen-outline.py "
                  "SEEDS --write %s" % (path, path), file=sys.stderr)
        return 1
    if args.write:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(dump(doc) + "\n")
        os.replace(tmp, path)
    else:
        print("%s: the outlines match the texts" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
