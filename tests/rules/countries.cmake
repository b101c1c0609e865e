# tests/rules/countries.cmake: countries by ISO 3166-1 code, alpha-3 code,
# English and Japanese name and alias (criteria/data/countries.json); unknown
# ones a located error; law forms in the governing-law field only; JSON and XML.
add_executable(cv_test_rules_countries ${CMAKE_CURRENT_SOURCE_DIR}/test_countries.c)
target_link_libraries(cv_test_rules_countries PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_countries)
add_test(NAME rules_countries COMMAND cv_test_rules_countries ${CMAKE_SOURCE_DIR}/criteria)
