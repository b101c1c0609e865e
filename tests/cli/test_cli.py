#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The command line of cloudvet: help pages, "did you mean" for mistyped
commands and options, the summary line of `evaluate`, where an installed
binary finds its criteria, and that every option of main.c's table is on
the help page of every command that takes it and in docs/cloudvet.1.

usage: test_cli.py CLOUDVET SOURCE_DIR
Prints "N passed, N failed"; exits 1 on any failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

AS_OF = "2026-11-21"
COUNTS = {"passed": 0, "failed": 0}

# The commands, as their help pages name them, and the bit main.c's
# option table gives each.
COMMANDS = {
    "evaluate": "C_EVALUATE",
    "check": "C_CHECK",
    "template": "C_TEMPLATE",
    "criteria lint": "C_LINT",
    "criteria show": "C_SHOW",
    "registry import": "C_IMPORT",
    "registry list": "C_LIST",
    "diff": "C_DIFF",
    "verify": "C_VERIFY",
    "help": "C_HELP",
}
HEADINGS = {
    "ja": ["使い方:", "終了コード:", "例:", "共通オプション:"],
    "en": ["usage:", "Exit status:", "Examples:", "Common options:"],
}
# The verdict words are the reports' (src/lib/report/view.c): the
# qualified on condition are counted apart, as in report.md's summary.
SUMMARY = {
    "ja": re.compile(r"^評価しました: (\d+) 件 \(適格 (\d+), 条件付き適格 (\d+), "
                     r"失格 (\d+), 無効 \(読み取れません\) (\d+)\); "
                     r"出力: (.+)$"),
    "en": re.compile(r"^evaluated: (\d+) submissions? \(qualified (\d+), "
                     r"conditionally qualified (\d+), disqualified (\d+), "
                     r"invalid \(unreadable\) (\d+)\); output: (.+)$"),
}


def check(cond, what):
    if cond:
        COUNTS["passed"] += 1
    else:
        COUNTS["failed"] += 1
        print("check failed: " + what, file=sys.stderr)


class Env:
    def __init__(self, cloudvet, src, tmp):
        self.cloudvet = os.path.abspath(cloudvet)
        self.src = os.path.abspath(src)
        self.tmp = tmp
        # No snapshot of the user's, and no criteria from the environment
        # unless a test sets them.
        self.env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "xdg"),
                        HOME=os.path.join(tmp, "home"), LC_ALL="C.UTF-8")
        self.env.pop("CLOUDVET_CRITERIA", None)
        self.env["CLOUDVET_CRITERIA"] = os.path.join(self.src, "criteria")
        # Runs happen in a scratch directory: a mistake under test must
        # not write reports/ into the source tree.
        self.work = os.path.join(tmp, "work")
        os.makedirs(self.work)
        self.samples = os.path.join(self.src, "samples")

    def run(self, *args, binary=None, env=None, cwd=None):
        return subprocess.run([binary or self.cloudvet, *args],
                              env=env or self.env, cwd=cwd or self.work,
                              capture_output=True, text=True, timeout=300)


def option_table(src):
    """(name, [command page names]) for every row of main.c's table."""
    with open(os.path.join(src, "src/cli/main.c"), encoding="utf-8") as f:
        text = f.read()
    rows = re.findall(r'\{\s*\{\s*"([a-z-]+)",\s*\w+_argument,\s*NULL,\s*'
                      r'OPT_\w+\s*\},\s*([A-Z_| \n]+)\}', text)
    table = []
    for name, mask in rows:
        bits = {b.strip() for b in mask.split("|")}
        cmds = [c for c, bit in COMMANDS.items()
                if "C_ANY" in bits or bit in bits]
        table.append((name, cmds))
    return table


def display_width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in line)


# ---- help pages ------------------------------------------------------------

def test_pages(e):
    pages = {}
    for cmd in COMMANDS:
        words = cmd.split()
        for lang in ("ja", "en"):
            spellings = [
                ["--lang", lang, "help", *words],
                ["help", *words, "--lang", lang],
                ["--lang", lang, *words, "--help"],
                [*words, "--help", "--lang", lang],
            ]
            outs = []
            for argv in spellings:
                p = e.run(*argv)
                check(p.returncode == 0 and p.stderr == "",
                      f"{argv}: exit 0, nothing on stderr "
                      f"({p.returncode}: {p.stderr})")
                outs.append(p.stdout)
            check(all(o == outs[0] for o in outs),
                  f"{cmd} ({lang}): every spelling prints the same page")
            page = outs[0]
            pages[(cmd, lang)] = page
            check(f"cloudvet {cmd}" in page.splitlines()[0] if page else False,
                  f"{cmd} ({lang}): the page starts with its synopsis")
            for h in HEADINGS[lang]:
                check(h in page, f"{cmd} ({lang}): heading {h!r}")
            examples = page.split(HEADINGS[lang][2])[-1]
            n = sum(1 for l in examples.splitlines()
                    if l.strip().startswith(("cloudvet", "ls ")))
            check(2 <= n <= 3, f"{cmd} ({lang}): 2 or 3 examples ({n})")
            wide = [l for l in page.splitlines() if display_width(l) > 80]
            check(not wide, f"{cmd} ({lang}): lines fit 80 columns: {wide}")
        check(pages[(cmd, "ja")] != pages[(cmd, "en")],
              f"{cmd}: the Japanese and English pages differ")
    for argv, lang in ((["--help"], "ja"), (["help"], "ja"),
                       (["--lang", "en", "--help"], "en"),
                       (["help", "--lang", "en"], "en")):
        p = e.run(*argv)
        check(p.returncode == 0 and all(c in p.stdout for c in COMMANDS),
              f"{argv}: the overview lists every command")
        check(HEADINGS[lang][0] in p.stdout, f"{argv}: in {lang}")
    p = e.run("--lang", "en", "help", "registry")
    check(p.returncode == 0 and "registry import ismap" in p.stdout and
          "registry list" in p.stdout, "help registry: both of its pages")
    p = e.run("--lang", "en", "criteria", "--help")
    check(p.returncode == 0 and "criteria lint" in p.stdout,
          "criteria --help: the lint page")
    p = e.run("--lang", "en", "help", "evalute")
    check(p.returncode == 2 and "did you mean evaluate?" in p.stderr,
          f"help evalute: exit 2 with a suggestion ({p.stderr})")
    p = e.run("--lang", "en", "--help", "evaluate")
    check(p.returncode == 0 and p.stdout == pages[("evaluate", "en")],
          "--help before the command shows the command's page")
    return pages


def test_option_coverage(e, pages):
    """Every option of main.c's table is on the page of every command
    that takes it (both languages), only options a command takes are on
    its page, and every option is in the man page."""
    table = option_table(e.src)
    check(len(table) >= 30, f"main.c's option table read ({len(table)})")
    with open(os.path.join(e.src, "docs/cloudvet.1"), encoding="utf-8") as f:
        man = f.read().replace("\\-", "-")
    takes = {cmd: set() for cmd in COMMANDS}
    for name, cmds in table:
        pat = re.compile(r"--" + re.escape(name) + r"(?![a-z-])")
        check(pat.search(man), f"--{name} is in docs/cloudvet.1")
        check(cmds, f"--{name}: some command takes it")
        for cmd in cmds:
            takes[cmd].add(name)
            for lang in ("ja", "en"):
                check(pat.search(pages[(cmd, lang)]),
                      f"--{name} is on the {lang} page of {cmd}")
    known = {name for name, _ in table}
    for (cmd, lang), page in pages.items():
        for name in set(re.findall(r"--([a-z][a-z-]*)", page)):
            check(name in known and name in takes[cmd],
                  f"{cmd} ({lang}) mentions --{name}, which {cmd} takes")


def test_man_renders(e):
    man = shutil.which("man")
    if not man:
        check(False, "man is installed (apt-get install man-db groff-base)")
        return
    p = subprocess.run([man, "--warnings", "-l",
                        os.path.join(e.src, "docs/cloudvet.1")],
                       capture_output=True, text=True,
                       env=dict(e.env, MANWIDTH="80", MANPAGER="cat",
                                PAGER="cat"))
    check(p.returncode == 0 and "CLOUDVET(1)" in p.stdout and
          "EXIT STATUS" in p.stdout and p.stderr == "",
          f"docs/cloudvet.1 renders without warnings ({p.stderr[:300]})")


# ---- mistyped commands and options -----------------------------------------

def expect_usage(e, argv, ja, en, what, lang_last=True):
    """argv fails with exit 2 and the message in each language (Japanese
    by default; --lang en goes after the mistake unless the mistake would
    take it as its argument)."""
    for lang, want in (("ja", ja), ("en", en)):
        if lang == "ja":
            p = e.run(*argv)
        elif lang_last:
            p = e.run(*argv, "--lang", "en")
        else:
            p = e.run("--lang", "en", *argv)
        check(p.returncode == 2, f"{what} ({lang}): exit 2, not "
              f"{p.returncode}")
        check(want in p.stderr, f"{what} ({lang}): {want!r} in {p.stderr!r}")
        check(p.stdout == "", f"{what} ({lang}): nothing on stdout")
        check("unrecognized option" not in p.stderr and
              "invalid option" not in p.stderr,
              f"{what} ({lang}): getopt's own message is not printed")


def test_suggestions(e):
    expect_usage(e, ["evalute", e.samples],
                 "不明なコマンド 'evalute' です。もしかして evaluate ですか?",
                 "unknown command 'evalute'; did you mean evaluate?",
                 "a mistyped command")
    expect_usage(e, ["Chek", "x.json"], "もしかして check", "did you mean check",
                 "a command in the wrong case")
    expect_usage(e, ["criteria", "lnt"], "もしかして lint",
                 "did you mean lint?", "a mistyped subcommand")
    expect_usage(e, ["registry", "imprt", "ismap", "x.xlsx"],
                 "もしかして import", "did you mean import?",
                 "a mistyped registry subcommand")
    expect_usage(e, ["registry", "import", "ismp", "x.xlsx"],
                 "もしかして ismap", "did you mean ismap?",
                 "a mistyped list kind")
    expect_usage(e, ["xyzzy"], "不明なコマンド 'xyzzy' です",
                 "unknown command 'xyzzy'", "a command like none")
    p = e.run("--lang", "en", "xyzzy")
    check("did you mean" not in p.stderr, "nothing is near xyzzy")
    expect_usage(e, ["evaluate", "--profle", "default", e.samples],
                 "不明なオプション '--profle' です。もしかして --profile ですか?",
                 "unknown option '--profle'; did you mean --profile?",
                 "a mistyped option")
    expect_usage(e, ["evaluate", "--fromat", "json", e.samples],
                 "もしかして --format", "did you mean --format?",
                 "a transposition")
    expect_usage(e, ["evaluate", "--fromat=json", e.samples],
                 "'--fromat=json'", "did you mean --format?",
                 "a mistyped option with =value")
    expect_usage(e, ["--profle", "default", "evaluate", e.samples],
                 "もしかして --profile", "did you mean --profile?",
                 "a mistyped option before the command")
    expect_usage(e, ["template", "--fromat", "xml"],
                 "もしかして --format", "did you mean --format?",
                 "a mistyped option of template")
    expect_usage(e, ["evaluate", "--seeds", "seeds-dir", e.samples],
                 "--seeds は evaluate のオプションではありません "
                 "(criteria lint のオプションです)",
                 "--seeds is not an option of evaluate (it is one of "
                 "criteria lint)",
                 "an option of another command")
    expect_usage(e, ["--seeds", "seeds-dir", "evaluate", e.samples],
                 "criteria lint のオプション", "it is one of criteria lint",
                 "another command's option before the command")
    expect_usage(e, ["evaluate", "--seedz", "seeds-dir", e.samples],
                 "もしかして --seeds (criteria lint のオプション) ですか?",
                 "did you mean --seeds (an option of criteria lint)?",
                 "a mistyped option of another command")
    expect_usage(e, ["check", "--out", "dir", "x.json"],
                 "evaluate, criteria show",
                 "it is one of evaluate, criteria show",
                 "check does not take --out")
    expect_usage(e, ["evaluate", "--out"], "--out には引数が必要です",
                 "option --out requires an argument", "a missing argument",
                 lang_last=False)
    expect_usage(e, ["evaluate", "--quiet=yes", e.samples],
                 "--quiet は引数をとりません", "option --quiet takes no argument",
                 "an argument to a flag")
    expect_usage(e, ["evaluate", "--max", "1", e.samples],
                 "曖昧です", "is ambiguous", "an ambiguous prefix")
    expect_usage(e, ["evaluate", "-profile", "x", e.samples],
                 "もしかして --profile", "did you mean --profile?",
                 "a long option with one dash")
    expect_usage(e, ["template", "extra"], "template は引数をとりません",
                 "template takes no arguments", "an argument too many")
    expect_usage(e, ["registry"], "(import, list)", "(import, list)",
                 "a group without its subcommand")
    p = e.run("--lang", "en", "evaluate", "--profle", "x", e.samples)
    check("'cloudvet help evaluate'" in p.stderr,
          "an option error points at the command's page")


# ---- the summary line --------------------------------------------------------

def summary_lines(stderr, lang):
    return [m for m in (SUMMARY[lang].match(l) for l in stderr.splitlines())
            if m]


def verdicts(subs):
    out = {"qualified": 0, "conditional": 0, "disqualified": 0, "invalid": 0}
    for s in subs:
        out["conditional" if s.get("conditional") else s["verdict"]] += 1
    return out


def check_counts(m, subs, what):
    v = verdicts(subs)
    got = tuple(int(m.group(i)) for i in range(1, 6))
    want = (len(subs), v["qualified"], v["conditional"], v["disqualified"],
            v["invalid"])
    check(got == want, f"{what}: counts {got} == report's {want}")


def test_summary(e):
    samples = os.path.join(e.src, "samples")
    n_samples = len([f for f in os.listdir(samples)
                     if f.endswith((".json", ".xml"))])
    for lang in ("ja", "en"):
        out = os.path.join(e.tmp, "sum-" + lang)
        p = e.run("--lang", lang, "evaluate", "--as-of", AS_OF,
                  "--no-registry", "--out", out, e.samples)
        check(p.returncode == 3, f"evaluate samples/ exits 3 ({p.returncode})")
        lines = summary_lines(p.stderr, lang)
        check(len(lines) == 1, f"{lang}: one summary line: {p.stderr!r}")
        if not lines:
            continue
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            subs = json.load(f)["submissions"]
        check(len(subs) == n_samples == 12,
              f"samples/ holds 12 submissions ({len(subs)}, {n_samples})")
        check_counts(lines[0], subs, lang)
        files = lines[0].group(6).split(", ")
        want = {os.path.join(out, "report." + x)
                for x in ("json", "html", "csv", "md", "xlsx")}
        check(set(files) == want and len(files) == len(want),
              f"{lang}: every report file named: {files}")
        check(all(os.path.isfile(f) for f in files),
              f"{lang}: the files named exist")
        check(p.stderr.rstrip("\n").splitlines()[-1] == lines[0].group(0),
              f"{lang}: the summary is the last line")
    # ndjson to stdout: counted as the results stream; the output is "-".
    p = e.run("--lang", "en", "evaluate", "--as-of", AS_OF, "--no-registry",
              "--format", "ndjson", "--out", "-", e.samples)
    subs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    lines = summary_lines(p.stderr, "en")
    check(len(lines) == 1 and lines[0].group(6) == "-",
          f"ndjson to stdout: output - ({p.stderr!r})")
    if lines:
        check_counts(lines[0], subs, "ndjson")
    out = os.path.join(e.tmp, "sum-nd")
    p = e.run("--lang", "en", "evaluate", "--as-of", AS_OF, "--no-registry",
              "--format", "json,ndjson", "--out", out + "/",
              os.path.join(e.samples, "01-qualified-sakura.json"))
    lines = summary_lines(p.stderr, "en")
    check(len(lines) == 1 and lines[0].group(6) ==
          f"{out}/report.json, {out}/report.ndjson" and
          lines[0].group(0).startswith("evaluated: 1 submission ("),
          f"one submission, json and ndjson files: {p.stderr!r}")
    for lang in ("ja", "en"):
        p = e.run("--lang", lang, "evaluate", "--quiet", "--as-of", AS_OF,
                  "--no-registry", "--out", os.path.join(e.tmp, "sum-q"),
                  e.samples)
        check(p.returncode == 3 and not summary_lines(p.stderr, lang),
              f"--quiet ({lang}): no summary line ({p.stderr!r})")
    p = e.run("evaluate", "--as-of", AS_OF, "--no-registry",
              "--out", os.path.join(e.tmp, "sum-none"))
    check(p.returncode == 2 and not summary_lines(p.stderr, "ja"),
          "no input: a usage error, no summary")


# ---- where an installed binary finds its criteria ---------------------------

def lint_dir(p):
    """The criteria directory criteria lint names (stdout when clean,
    stderr when not)."""
    m = re.search(r"^(.*): no problems found$", p.stdout, re.M) or \
        re.search(r"^cloudvet: (.*): the criteria have problems$", p.stderr,
                  re.M)
    return os.path.realpath(m.group(1)) if m else None


def test_installed(e):
    page = e.run("--lang", "en", "help", "criteria", "lint").stdout
    m = re.search(r"<prefix>/(\S+) if it exists", page)
    check(m is not None, "the page says where an installed binary looks")
    rel = m.group(1) if m else "share/cloudvet/criteria"
    prefix = os.path.join(e.tmp, "P")
    os.makedirs(os.path.join(prefix, "bin"))
    binary = os.path.join(prefix, "bin", "cloudvet")
    shutil.copy2(e.cloudvet, binary)
    crit = os.path.join(prefix, rel)
    shutil.copytree(os.path.join(e.src, "criteria"), crit)
    elsewhere = os.path.join(e.tmp, "elsewhere")
    os.makedirs(elsewhere)
    env = dict(e.env)
    env.pop("CLOUDVET_CRITERIA")
    p = e.run("--lang", "en", "criteria", "lint", binary=binary, env=env,
              cwd=elsewhere)
    check(lint_dir(p) == os.path.realpath(crit),
          f"installed: <prefix>/{rel} is used ({p.stdout!r} {p.stderr[-300:]!r})")
    p = e.run("evaluate", "--as-of", AS_OF, "--no-registry", "--quiet",
              "--format", "json", "--out", os.path.join(elsewhere, "r"),
              os.path.join(e.src, "samples"), binary=binary, env=env,
              cwd=elsewhere)
    check(p.returncode == 3, f"installed: evaluate works ({p.returncode})")
    # The environment and the option come first.
    p = e.run("--lang", "en", "criteria", "lint", binary=binary,
              env=dict(env, CLOUDVET_CRITERIA=os.path.join(e.src, "criteria")),
              cwd=elsewhere)
    check(lint_dir(p) == os.path.realpath(os.path.join(e.src, "criteria")),
          "CLOUDVET_CRITERIA comes before the installed criteria")
    p = e.run("--lang", "en", "--criteria", os.path.join(e.src, "criteria"),
              "criteria", "lint", binary=binary, env=env, cwd=elsewhere)
    check(lint_dir(p) == os.path.realpath(os.path.join(e.src, "criteria")),
          "--criteria comes before everything")
    # It is P's own copy that is read: break it, and P's binary says so.
    os.remove(os.path.join(crit, "profiles", "default.json"))
    p = e.run("template", binary=binary, env=env, cwd=elsewhere)
    check(p.returncode == 4, f"installed: a broken <prefix>/{rel} is the "
          f"one read ({p.returncode})")
    # Without <prefix>/share: the build's criteria (the source tree's).
    q = os.path.join(e.tmp, "Q", "bin")
    os.makedirs(q)
    shutil.copy2(e.cloudvet, os.path.join(q, "cloudvet"))
    p = e.run("--lang", "en", "criteria", "lint",
              binary=os.path.join(q, "cloudvet"), env=env, cwd=elsewhere)
    check(lint_dir(p) == os.path.realpath(os.path.join(e.src, "criteria")),
          f"not installed: the build's criteria ({p.stdout!r})")


def test_mixed_tenders(e):
    """Bids of two tenders are not ranked together unseen: evaluate names
    the files of each tender and writes nothing (exit 2), unless
    --allow-mixed-tenders; a bid that names no tender is no mix."""
    bids = os.path.join(e.tmp, "mixed")
    os.makedirs(bids)
    for name, tender in (("a.json", "R8-DX-0217"), ("b.json", "R8-DX-9999"),
                         ("c.json", None)):
        with open(os.path.join(e.samples, "01-qualified-sakura.json"),
                  encoding="utf-8") as f:
            doc = json.load(f)
        if tender:
            doc["tender"]["id"] = tender
        else:
            del doc["tender"]
        with open(os.path.join(bids, name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
    out = os.path.join(e.tmp, "mixed-out")
    p = e.run("--lang", "en", "evaluate", "--as-of", AS_OF, "--out", out,
              bids)
    check(p.returncode == 2, f"mixed tenders: exit 2 ({p.returncode})")
    check("more than one tender" in p.stderr and "R8-DX-9999" in p.stderr
          and "b.json" in p.stderr,
          f"the error names the tenders and a file of each: {p.stderr}")
    check(not os.path.exists(os.path.join(out, "report.json")),
          "no report is written for a mix")
    p = e.run("--lang", "en", "evaluate", "--as-of", AS_OF, "--out", out,
              "--allow-mixed-tenders", bids)
    check(p.returncode == 0, f"--allow-mixed-tenders ranks them ({p.stderr})")
    check(os.path.exists(os.path.join(out, "report.json")),
          "and writes the report")
    os.remove(os.path.join(bids, "b.json"))
    p = e.run("--lang", "en", "evaluate", "--as-of", AS_OF, "--out", out,
              bids)
    check(p.returncode == 0,
          f"one tender and a bid naming none is no mix ({p.stderr})")


def test_tie_break(e):
    """Equal scores: the profile's scoring.tie_break decides. By default
    the bid with more points on mandatory criteria ranks first; "none"
    lets both share the rank."""
    d = os.path.join(e.tmp, "tie")
    os.makedirs(d)
    with open(os.path.join(e.samples, "01-qualified-sakura.json"),
              encoding="utf-8") as f:
        base = json.load(f)
    a = json.loads(json.dumps(base))
    a["vendor"]["name"] = "A社"   # loses 4 optional points
    a["access_control"]["id_lifecycle"] = False
    for x in a["answers"]:
        if x["id"] == "ACCESS-ID-LIFECYCLE":
            x["response"] = "no"
    b = json.loads(json.dumps(base))
    b["vendor"]["name"] = "B社"   # loses 4 mandatory points (claimed)
    b["encryption"]["at_rest"][0]["algorithm"] = "Kuznyechik-X"
    for name, doc in (("b.json", b), ("a.json", a)):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
    profile = os.path.join(e.tmp, "tie-none.json")
    with open(profile, "w", encoding="utf-8") as f:
        json.dump({"format": "cloudvet-profile/1", "id": "tie-none",
                   "version": "1.0.0", "extends": "tokki5-cloud",
                   "title": {"ja": "同点は同順位", "en": "ties share"},
                   "scoring": {"partial": 0.5, "claimed": 0.5,
                               "tie_break": "none"}}, f)

    def ranks(*extra):
        out = tempfile.mkdtemp(dir=e.tmp)
        p = e.run("--lang", "en", "evaluate", "--as-of", AS_OF,
                  "--no-registry", "--format", "json", "--out", out,
                  *extra, d)
        check(p.returncode == 0, f"tie run exits 0 ({p.stderr})")
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            subs = json.load(f)["submissions"]
        return {os.path.basename(s["file"]): (s["score"], s["rank"])
                for s in subs}

    r = ranks()
    check(r["a.json"][0] == r["b.json"][0],
          f"the two bids score the same ({r})")
    check(r["a.json"][1] == 1 and r["b.json"][1] == 2,
          f"more mandatory points rank first by default ({r})")
    r = ranks("--profile", profile)
    check(r["a.json"][1] == 1 and r["b.json"][1] == 1,
          f'"tie_break": "none" shares the rank ({r})')


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="cloudvet-cli-") as tmp:
        e = Env(sys.argv[1], sys.argv[2], tmp)
        pages = test_pages(e)
        test_option_coverage(e, pages)
        test_man_renders(e)
        test_suggestions(e)
        test_summary(e)
        test_mixed_tenders(e)
        test_tie_break(e)
        test_installed(e)
    print(f"{COUNTS['passed']} passed, {COUNTS['failed']} failed")
    return 1 if COUNTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
