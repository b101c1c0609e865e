# tests/rules/kinds.cmake: every check kind declares what it reads (rule
# 12) and the MFA scope follows 5(2) (rule 11): load, lint and
# lint --profile against the table of check kinds.
add_executable(cv_test_rules_kinds ${CMAKE_CURRENT_SOURCE_DIR}/test_kinds.c)
target_link_libraries(cv_test_rules_kinds PRIVATE cv_core cv_test_harness)
target_compile_definitions(cv_test_rules_kinds PRIVATE _POSIX_C_SOURCE=200809L)
cv_warnings(cv_test_rules_kinds)
add_test(NAME rules_kinds COMMAND cv_test_rules_kinds ${CMAKE_SOURCE_DIR}/criteria)
