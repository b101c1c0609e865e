# The report set published whole or not at all: src/cli/publish.c linked
# directly into the test, which sets its fault hook to fail or kill at
# every step (tests/cli/test_publish.c).
add_executable(cv_test_publish ${CMAKE_CURRENT_LIST_DIR}/test_publish.c
  ${CMAKE_SOURCE_DIR}/src/cli/publish.c ${CMAKE_SOURCE_DIR}/src/cli/out.c)
target_include_directories(cv_test_publish PRIVATE ${CMAKE_SOURCE_DIR}/src/cli)
target_link_libraries(cv_test_publish PRIVATE cv_core cv_test_harness)
target_compile_definitions(cv_test_publish PRIVATE _POSIX_C_SOURCE=200809L)
cv_warnings(cv_test_publish)
add_test(NAME cli_publish COMMAND cv_test_publish ${CMAKE_SOURCE_DIR}/criteria
  ${CMAKE_SOURCE_DIR}/samples)
set_tests_properties(cli_publish PROPERTIES TIMEOUT 300)
