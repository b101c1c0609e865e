# SPDX-License-Identifier: MIT
"""Shared by the OSCAL assessment-results tests: a Draft 7 validator of
NIST's OSCAL JSON schema that works with Debian's python3-jsonschema.

Two things the stock validator cannot do here:
- the schema's patterns use \\p{L} and \\p{N} (ECMA-262 with the u flag),
  which Python's re rejects: they are matched with the `regex` module when
  it is installed, else translated to the re classes that mean the same
  for letters and digits ([^\\W\\d_] and \\d);
- its formats (date-time, uri, uri-reference) are only checked by
  jsonschema when optional packages are installed: they are checked here
  by our own strict functions, so the result does not depend on them.
"""
import datetime
import json
import re

try:
    import regex as _rx  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    _rx = None

# RFC 3986: every character a URI may hold (pct-encoded checked apart).
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*:")
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _uri_reference(s):
    return (isinstance(s, str) and bool(_URI_CHARS.match(s)) and
            not _PCT.search(s) and s.count("#") <= 1)


def _uri(s):
    return _uri_reference(s) and bool(_SCHEME.match(s))


def _date_time(s):
    if not isinstance(s, str) or not _DATE_TIME.match(s):
        return False
    try:
        datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _translate(pattern):
    return pattern.replace(r"\p{L}", r"[^\W\d_]").replace(r"\p{N}", r"\d")


def regex_engine():
    return "regex" if _rx else "re (\\p{L}/\\p{N} translated)"


def validator(schema_path):
    """A validator of `schema_path`: call .iter_errors(doc)."""
    import jsonschema
    from jsonschema import Draft7Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)

    def pattern(v, patrn, instance, _schema):
        if not v.is_type(instance, "string"):
            return
        found = (_rx.search(patrn, instance) if _rx else
                 re.search(_translate(patrn), instance))
        if not found:
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    checker = FormatChecker(formats=())
    checker.checks("date-time")(_date_time)
    checker.checks("uri")(_uri)
    checker.checks("uri-reference")(_uri_reference)
    cls = jsonschema.validators.extend(Draft7Validator, {"pattern": pattern})
    return cls(schema, format_checker=checker)


def errors(schema_path, doc, limit=10):
    """The first `limit` errors of `doc`, as strings (empty: valid)."""
    out = []
    for e in validator(schema_path).iter_errors(doc):
        out.append(f"{'/'.join(str(p) for p in e.absolute_path)}: "
                   f"{e.message[:300]}")
        if len(out) >= limit:
            break
    return out
