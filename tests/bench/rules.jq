# SPDX-License-Identifier: MIT
# rules.jq: the jq baseline of the benchmark (JSON inputs only; jq 1.6).
# The same four rules as rules.py, one line per input file:
#   {"file":"00001-x.json","cert":true,"region":true,"crypto":true,"mfa":false}
#
#   C=criteria   # the repository's criteria/ directory
#   jq -c --arg asof 2026-11-21 \
#      --slurpfile profile $C/profiles/default.json \
#      --slurpfile cryptrec $C/data/cryptrec.json \
#      --slurpfile mfa $C/data/mfa-factors.json \
#      -f rules.jq FILE.json...
#
# cert:   a certification of a scheme the default profile accepts
#         (accepted_certifications) with valid_until >= $asof;
# region: data_location.storage non-empty, every country == home_country;
# crypto: encryption.at_rest non-empty, every algorithm "recommended" in
#         cryptrec.json's symmetric confidentiality categories;
# mfa:    factors mapped to kinds by name or alias (mfa-factors.json): at
#         least two kinds, one biometric.

($profile[0].parameters) as $p
| ($p.accepted_certifications.value) as $accepted
| ($p.home_country.value) as $home
| [ $cryptrec[0].algorithms[]
    | select(.list == "recommended"
             and (.category == "block_cipher_128" or .category == "stream_cipher"
                  or .category == "aead"))
    | .name ] as $allow
| (reduce ($mfa[0].entries[] | . as $e | ([$e.name] + ($e.aliases // []))[]
           | {key: ., value: $e.kind}) as $kv ({}; . + {($kv.key): $kv.value})) as $kinds
| {
    file: (input_filename | split("/") | last),
    cert: ([ (.certifications // [])[]
             | select((.scheme as $s | $accepted | index([$s])) != null
                      and ((.valid_until // "") >= $asof)) ] | length > 0),
    region: ((.data_location.storage // []) as $st
             | ($st | length > 0) and ($st | all(.country == $home))),
    crypto: ((.encryption.at_rest // []) as $ar
             | ($ar | length > 0) and ($ar | all(.algorithm as $a | $allow | index([$a]) != null))),
    mfa: (([ (.access_control.mfa.factors // [])[] | $kinds[.] // empty ] | unique) as $k
          | ($k | length >= 2) and ($k | index(["biometric"]) != null))
  }
