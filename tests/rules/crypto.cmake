# Area "crypto" (issue rules 3, 4, 9 and 10): encryption per 5(3)① and the
# CRYPTREC list (nothing stated is never met, unknown is a diagnostic and
# a review item, only the recommended list passes, every part of a TLS
# suite is judged, XTS keys are two keys) and deletion per 5(6)①
# (irrecoverable method and a certificate), in JSON and XML.
add_executable(cv_test_rules_crypto ${CMAKE_CURRENT_SOURCE_DIR}/test_crypto.c)
target_link_libraries(cv_test_rules_crypto PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_crypto)
add_test(NAME rules_crypto COMMAND cv_test_rules_crypto ${CMAKE_SOURCE_DIR}/criteria)
