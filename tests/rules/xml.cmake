# Area "xml" (issue rule 14): one model, whatever the form.
add_executable(cv_test_rules_xml ${CMAKE_CURRENT_SOURCE_DIR}/test_xml.c)
target_link_libraries(cv_test_rules_xml PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_rules_xml)
add_test(NAME rules_xml COMMAND cv_test_rules_xml ${CMAKE_SOURCE_DIR}/criteria)
# Every sample in JSON, in XML without and with list wrappers (and both
# mixed), evaluated to the same results.
add_test(NAME rules_xml_forms COMMAND Python3::Interpreter
  ${CMAKE_CURRENT_SOURCE_DIR}/forms.py $<TARGET_FILE:cloudvet>
  ${CMAKE_SOURCE_DIR})
