# Area "vocab" (issue 15, items 1 and 7): one vocabulary and one table of
# report writers. The C test drives the public API; the script reads the
# tables from the source and holds `check`, --help, the CLI's format
# lists and every report format to them.
add_executable(cv_test_vocab ${CMAKE_SOURCE_DIR}/tests/unit/test_vocab.c)
target_link_libraries(cv_test_vocab PRIVATE cv_core cv_test_harness)
cv_warnings(cv_test_vocab)
add_test(NAME unit_vocab COMMAND cv_test_vocab ${CMAKE_SOURCE_DIR}/criteria
  ${CMAKE_SOURCE_DIR}/samples)
add_test(NAME report_vocab COMMAND Python3::Interpreter
  ${CMAKE_SOURCE_DIR}/tests/report/test_vocab.py
  $<TARGET_FILE:cloudvet> ${CMAKE_SOURCE_DIR})
