# tests/rules/check.cmake: "did you mean" for misspelt member names, enum
# values and answer ids (JSON and XML), check outcomes and the check
# formats' table, through the public API.
add_executable(cv_test_rules_check ${CMAKE_CURRENT_SOURCE_DIR}/test_check.c)
target_link_libraries(cv_test_rules_check PRIVATE cv_core cv_test_harness)
target_compile_definitions(cv_test_rules_check PRIVATE _POSIX_C_SOURCE=200809L)
cv_warnings(cv_test_rules_check)
add_test(NAME rules_check COMMAND cv_test_rules_check ${CMAKE_SOURCE_DIR}/criteria)
