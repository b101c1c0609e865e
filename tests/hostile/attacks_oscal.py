# SPDX-License-Identifier: MIT
# attacks_oscal.py: hostile OSCAL system security plans (issue 17, item 1).
# An SSP in XML is read by the same SAX reader as a questionnaire
# (load_xml.c), so a DOCTYPE is refused before any entity is read; an SSP
# far over the limits is refused at the limit, in bounded memory and time,
# and the good submission of the same run is still evaluated.
# Exec'd into test_hostile.py's namespace: attack, Case, Run, AS_OF ... are
# its.

_OSCAL_UNDER_ASAN = bool(os.environ.get("ASAN_OPTIONS"))
_OSCAL_NS = "http://csrc.nist.gov/ns/oscal/1.0"


def _oscal_xml(doctype, name_text):
    return ('<?xml version="1.0"?>\n' + doctype + "\n"
            f'<system-security-plan xmlns="{_OSCAL_NS}" uuid="x">'
            "<metadata><title>t</title><oscal-version>1.1.2</oscal-version>"
            f"<party uuid=\"p\" type=\"organization\"><name>{name_text}</name>"
            "</party></metadata></system-security-plan>\n")


@attack
def oscal_xml_external_entity(case):
    f = case.write("ssp-xxe.xml", _oscal_xml(
        f'<!DOCTYPE system-security-plan [<!ENTITY x SYSTEM '
        f'"file://{case.canary}">]>', "&x;"))
    run = case.run([case.good, f])
    case.expect_invalid(run, "ssp-xxe.xml", "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_no_escape(run)


@attack
def oscal_xml_entity_bomb(case):
    ents = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 10)]
    f = case.write("ssp-bomb.xml", _oscal_xml(
        "<!DOCTYPE system-security-plan [" + "".join(ents) + "]>", "&a9;"))
    run = case.run([case.good, f])
    case.expect_invalid(run, "ssp-bomb.xml", "DOCTYPE")
    case.expect_good_evaluated(run)
    case.expect_fast(run, 10.0 if _OSCAL_UNDER_ASAN else 2.0)


def _big_ssp_json(mib):
    """An SSP of about `mib` MiB: one implemented requirement of IA-2(1)
    with many by-components (each a narrative), the way a large SSP
    grows; the first one names the factors."""
    head = ('{"system-security-plan":{"uuid":"u","metadata":{"title":"big",'
            '"oscal-version":"1.1.2","parties":[{"uuid":"p","type":'
            '"organization","name":"Big Co"}],"responsible-parties":[{'
            '"role-id":"cloud-service-provider","party-uuids":["p"]}]},'
            '"system-characteristics":{"system-name":"Big"},'
            '"control-implementation":{"description":"d",'
            '"implemented-requirements":[{"uuid":"r","control-id":"ia-2.1",'
            '"by-components":[')
    item = ('{"component-uuid":"c","uuid":"b","description":"password and '
            'face recognition for every administrator, as configured in the '
            'identity provider","implementation-status":{"state":'
            '"implemented"}},')
    tail = '{"component-uuid":"c","uuid":"z","description":"end"}]}]}}}'
    count = ((mib << 20) - len(head) - len(tail)) // len(item)
    return head + item * count + tail, count


def _measured(case, inputs, *extra):
    out = tempfile.mkdtemp(dir=case.tmp, prefix="out-")
    argv = [case.cloudvet, "--lang", "en", "evaluate", "--as-of", AS_OF,
            "--format", "json", "--out", out] + list(extra) + list(inputs)
    start = time.monotonic()
    with open(os.path.join(case.tmp, "stderr.txt"), "wb") as err:
        proc = subprocess.Popen(argv, env=case.env,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    with open(os.path.join(case.tmp, "stderr.txt"), "rb") as f:
        stderr = f.read()
    run = Run(os.waitstatus_to_exitcode(status), out, b"", stderr,
              time.monotonic() - start, None)
    return run, usage.ru_maxrss / 1024.0


def _rss_bound(case, rss, limit, what):
    if _OSCAL_UNDER_ASAN:
        print(f"note: under ASan the resident-memory check of {what} is "
              f"skipped (shadow memory and one malloc per arena allocation "
              f"multiply it); measured {rss:.0f} MiB", file=sys.stderr)
        return
    case.check(rss < limit, f"{what}: peak resident memory {rss:.0f} MiB, "
               f"must be under {limit} MiB")


@attack
def oscal_20mb_ssp_at_default_limits(case):
    # 20 MB is over the default max_input_bytes (16 MiB): refused unread.
    # Raised to admit it, the node limit stops the reader instead; either
    # way memory stays small and the good file is evaluated.
    # Under ASan the file is smaller (5 MiB) and the node limit lowered
    # with it, so the same limit is what stops the reader.
    mib = 5 if _OSCAL_UNDER_ASAN else 20
    limits = ["--max-nodes", "50000"] if _OSCAL_UNDER_ASAN else []
    text, count = _big_ssp_json(mib)
    big = case.write("ssp-big.json", text)
    run, rss = _measured(case, [case.good, big], "--max-input-bytes",
                         str(32 << 20), *limits)
    case.check(run.code == 3, f"exit 3: the big SSP is invalid ({run.code}: "
               f"{run.stderr[-300:]})")
    case.expect_invalid(run, "ssp-big.json", "max_nodes")
    case.expect_good_evaluated(run)
    _rss_bound(case, rss, 256, f"a {mib} MiB SSP of {count} components")
    case.expect_fast(run, 40.0 if _OSCAL_UNDER_ASAN else 10.0)


@attack
def oscal_big_ssp_read_whole(case):
    # With the node limit raised, the whole plan is read and mapped: the
    # narratives are walked once, the explanation quoted is bounded, and
    # the factors are found.
    mib = 2 if _OSCAL_UNDER_ASAN else 8
    text, count = _big_ssp_json(mib)
    big = case.write("ssp-read.json", text)
    run, rss = _measured(case, [case.good, big], "--max-nodes", "5000000")
    s = run.sub("ssp-read.json") if run.report else None
    case.check(s is not None and s["verdict"] != "invalid",
               f"the SSP is evaluated ({run.stderr[-300:]})")
    if s is not None:
        mfa = [r for r in s["results"] if r["id"] == "ACCESS-MFA"]
        case.check(mfa and len(mfa[0]["explanation"] or "") < 5000,
                   "the quoted narrative is bounded")
    case.expect_good_evaluated(run)
    _rss_bound(case, rss, 1024, f"a {mib} MiB SSP read whole")
    case.expect_fast(run, 60.0 if _OSCAL_UNDER_ASAN else 20.0)
