# SPDX-License-Identifier: MIT
"""Writes OSCAL system security plans for the tests: a JSON SSP as a dict,
and the same plan in OSCAL's XML form (flags as attributes, lists as
repeated elements, markup as <p>), so one test states one plan in both
forms. Only the parts of the SSP model cloudvet reads are covered."""

from xml.sax.saxutils import escape, quoteattr

OSCAL_NS = "http://csrc.nist.gov/ns/oscal/1.0"

FLAGS = {"uuid", "id", "name", "value", "class", "ns", "control-id",
         "component-uuid", "statement-id", "param-id", "type", "state",
         "href", "role-id", "identifier-type", "rel"}
ITEMS = {"locations": "location", "parties": "party", "roles": "role",
         "responsible-parties": "responsible-party",
         "party-uuids": "party-uuid", "props": "prop", "links": "link",
         "implemented-requirements": "implemented-requirement",
         "by-components": "by-component", "statements": "statement",
         "set-parameters": "set-parameter", "values": "value",
         "leveraged-authorizations": "leveraged-authorization",
         "users": "user", "components": "component",
         "system-ids": "system-id", "information-types": "information-type",
         "addr-lines": "addr-line", "role-ids": "role-id"}
MARKUP = {"description", "remarks"}
VALUE_KEY = {"system-id": "id"}  # the member that is the element's text


def _element(name, obj, depth):
    pad = "  " * depth
    if not isinstance(obj, dict):
        text = escape(str(obj))
        if name in MARKUP:
            return f"{pad}<{name}><p>{text}</p></{name}>\n"
        return f"{pad}<{name}>{text}</{name}>\n"
    attrs = "".join(f" {k}={quoteattr(str(v))}" for k, v in obj.items()
                    if k in FLAGS and name not in VALUE_KEY)
    text_key = VALUE_KEY.get(name)
    body = []
    for k, v in obj.items():
        if k in FLAGS and text_key is None:
            continue
        if k == text_key:
            continue
        if isinstance(v, list):
            for item in v:
                body.append(_element(ITEMS.get(k, k), item, depth + 1))
        else:
            body.append(_element(k, v, depth + 1))
    if text_key:
        attrs = "".join(f" {k}={quoteattr(str(v))}" for k, v in obj.items()
                        if k in FLAGS and k != text_key)
        return f"{pad}<{name}{attrs}>{escape(str(obj[text_key]))}</{name}>\n"
    if not body:
        return f"{pad}<{name}{attrs}/>\n"
    return f"{pad}<{name}{attrs}>\n{''.join(body)}{pad}</{name}>\n"


def to_xml(doc):
    """The XML form of a JSON SSP ({"system-security-plan": {...}})."""
    plan = doc["system-security-plan"]
    out = _element("system-security-plan", plan, 0)
    out = out.replace("<system-security-plan",
                      f'<system-security-plan xmlns="{OSCAL_NS}"', 1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out


def requirement(control, text, status="implemented", form="1.1"):
    """An implemented requirement: OSCAL 1.1's by-component status, or
    1.0's implementation-status prop (form "1.0" plain, "fedramp-http",
    "fedramp-https": the prop in FedRAMP's namespace)."""
    byc = {"component-uuid": "c0000000-0000-4000-8000-000000000001",
           "uuid": "c0000000-0000-4000-8000-0000000000" + f"{abs(hash(control + text)) % 100:02d}",
           "description": text}
    req = {"uuid": "r-" + control, "control-id": control}
    if form == "1.1":
        if status is not None:
            byc["implementation-status"] = {"state": status}
        req["by-components"] = [byc]
    else:
        prop = {"name": "implementation-status", "value": status}
        if form == "fedramp-http":
            prop["ns"] = "http://fedramp.gov/ns/oscal"
        elif form == "fedramp-https":
            prop["ns"] = "https://fedramp.gov/ns/oscal"
        if status is not None:
            req["props"] = [prop]
        req["statements"] = [{"statement-id": control + "_smt",
                              "uuid": "s-" + control, "by-components": [byc]}]
    return req


def plan(requirements, version="1.1.2", locations=None, leveraged=True):
    """A small SSP: the provider party, data centres in Tokyo and Osaka,
    an ISMAP-registered IaaS leveraged, and the requirements given."""
    if locations is None:
        locations = [
            {"uuid": "loc-1", "title": "Tokyo ap-northeast-1",
             "address": {"country": "JP"},
             "props": [{"name": "type", "value": "data-center",
                        "class": "primary"}]},
            {"uuid": "loc-2", "title": "Osaka ap-northeast-3",
             "address": {"country": "JP"},
             "props": [{"name": "type", "value": "data-center",
                        "class": "alternate"}]},
        ]
    meta = {"title": "Test SSP", "last-modified": "2026-11-01T00:00:00Z",
            "version": "1", "oscal-version": version,
            "locations": locations,
            "parties": [{"uuid": "p-vendor", "type": "organization",
                         "name": "テスト株式会社"},
                        {"uuid": "p-iaas", "type": "organization",
                         "name": "Amazon Web Services, Inc."}],
            "responsible-parties": [{"role-id": "cloud-service-provider",
                                     "party-uuids": ["p-vendor"]}]}
    if not locations:
        del meta["locations"]
    impl = {"components": [{"uuid": "c0000000-0000-4000-8000-000000000001",
                            "type": "this-system", "title": "the system",
                            "description": "all of it",
                            "status": {"state": "operational"}}]}
    if leveraged:
        impl["leveraged-authorizations"] = [
            {"uuid": "la-1", "title": "Amazon Web Services",
             "party-uuid": "p-iaas", "date-authorized": "2021-03-12"}]
    return {"system-security-plan": {
        "uuid": "ssp-1", "metadata": meta,
        "import-profile": {"href": "#profile"},
        "system-characteristics": {"system-name": "テストクラウド",
                                   "description": "test",
                                   "status": {"state": "operational"}},
        "system-implementation": impl,
        "control-implementation": {"description": "controls",
                                   "implemented-requirements": requirements}}}
