# Area "reasons" (issue 15, item 4): reasons in plain words, the missed
# bonuses with their points, and the detail line of locations.
add_executable(cv_test_rules_reasons ${CMAKE_CURRENT_SOURCE_DIR}/test_reasons.c)
target_link_libraries(cv_test_rules_reasons PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_reasons)
add_test(NAME rules_reasons COMMAND cv_test_rules_reasons ${CMAKE_SOURCE_DIR}/criteria)
# Every reason the samples produce, in both languages and both profiles.
add_test(NAME rules_reasons_samples COMMAND Python3::Interpreter
  ${CMAKE_CURRENT_SOURCE_DIR}/reasons_samples.py $<TARGET_FILE:cloudvet>
  ${CMAKE_SOURCE_DIR})
