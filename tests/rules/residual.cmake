# Area "residual": the responsibility split of an answer (CAIQ v4 SSRM
# Control Ownership) and the residual obligations it leaves the customer.
add_executable(cv_test_rules_residual ${CMAKE_CURRENT_SOURCE_DIR}/test_residual.c)
target_link_libraries(cv_test_rules_residual PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_residual)
add_test(NAME rules_residual COMMAND cv_test_rules_residual ${CMAKE_SOURCE_DIR}/criteria)
