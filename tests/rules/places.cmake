# tests/rules/places.cmake: courts, regions, providers and certification
# schemes (rules 3, 4, 5, 6 and 8), in JSON and XML.
add_executable(cv_test_rules_places ${CMAKE_CURRENT_SOURCE_DIR}/test_places.c)
target_link_libraries(cv_test_rules_places PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_places)
add_test(NAME rules_places COMMAND cv_test_rules_places ${CMAKE_SOURCE_DIR}/criteria)
