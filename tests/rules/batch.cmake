# Area "batch" (issue 13, item 4): batches of any size. The workbook of
# 8,190 bids, its failure reasons, ranking and the streamed report.json
# through the public API; the CLI on 8,200 and 20,000 submissions is in
# tests/hostile/attacks_batch.py.
add_executable(cv_test_rules_batch ${CMAKE_CURRENT_SOURCE_DIR}/test_batch.c)
target_link_libraries(cv_test_rules_batch PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_batch)
add_test(NAME rules_batch COMMAND cv_test_rules_batch ${CMAKE_SOURCE_DIR}/criteria)
