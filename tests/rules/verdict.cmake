# The verdict rules (tests/rules/test_verdict.c): partial on a mandatory
# criterion disqualifies unless the profile says partial_qualifies; the
# profile's thresholds are knock-outs; claimed mandatory criteria make a
# bid conditionally qualified (report.json `conditional`, `pending`).
add_executable(cv_test_rules_verdict ${CMAKE_CURRENT_SOURCE_DIR}/test_verdict.c)
target_link_libraries(cv_test_rules_verdict PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_verdict)
add_test(NAME rules_verdict
         COMMAND cv_test_rules_verdict ${CMAKE_SOURCE_DIR}/criteria
                 ${CMAKE_SOURCE_DIR}/samples/01-qualified-sakura.json
                 ${CMAKE_SOURCE_DIR}/tests/data/equivalence/01-qualified-sakura.xml)

# `check` says the verdict in its exit code: 0 qualified, 6 qualified on
# condition (a mandatory criterion only claimed), 1 not qualified, 2
# unreadable; over several files the worst wins (2, then 1, then 6).
set(_cv_check $<TARGET_FILE:cloudvet> --criteria ${CMAKE_SOURCE_DIR}/criteria
    check --as-of 2026-11-21 --no-registry)
set(_cv_s ${CMAKE_SOURCE_DIR}/samples)
foreach(_case
    "0|01-qualified-sakura.json"
    "6|07-answers-only.json"
    "1|02-backup-abroad.xml"
    "2|09-malformed.json"
    "6|01-qualified-sakura.json 07-answers-only.json"
    "1|07-answers-only.json 02-backup-abroad.xml"
    "2|09-malformed.json 07-answers-only.json")
  string(REPLACE "|" ";" _parts "${_case}")
  list(GET _parts 0 _want)
  list(GET _parts 1 _files)
  separate_arguments(_files)
  list(TRANSFORM _files PREPEND ${_cv_s}/)
  string(MAKE_C_IDENTIFIER "${_want}_${_case}" _name)
  add_test(NAME rules_verdict_check_exit_${_name}
           COMMAND sh -c "\"$0\" \"$@\" >/dev/null 2>&1; rc=$?; if test $rc -eq ${_want}; then echo \"ok   check exits ${_want}\"; echo \"1 passed, 0 failed\"; else echo \"FAIL check exits $rc, want ${_want}\"; echo \"0 passed, 1 failed\"; exit 1; fi"
                   ${_cv_check} ${_files})
endforeach()
