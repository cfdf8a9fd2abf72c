# The Prometheus exporter's test. promtool comes from scripts/prometheus.sh; without it the test
# fails and says so, rather than skipping in CI.
vantage_add_test(tst_prometheusexporter SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_prometheusexporter.cpp)
target_compile_definitions(tst_prometheusexporter PRIVATE VANTAGE_VERSION="${PROJECT_VERSION}")
set_property(TEST tst_prometheusexporter APPEND PROPERTY ENVIRONMENT
    "VANTAGE_PROMTOOL=${CMAKE_SOURCE_DIR}/build/tools/prometheus/usr/bin/promtool")
