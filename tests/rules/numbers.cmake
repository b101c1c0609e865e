# Numbers as written, units and bound words, reasons of conditions and
# gradings (issue rules 7, 13, 15).
add_executable(cv_test_rules_numbers ${CMAKE_CURRENT_SOURCE_DIR}/test_numbers.c)
target_link_libraries(cv_test_rules_numbers PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_numbers)
add_test(NAME rules_numbers COMMAND cv_test_rules_numbers ${CMAKE_SOURCE_DIR}/criteria)
