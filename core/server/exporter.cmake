# The Prometheus exporter behind GET /metrics. Included from core/server/CMakeLists.txt.
target_sources(vantage_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/prometheusexporter.cpp ${CMAKE_CURRENT_LIST_DIR}/prometheusexporter.h)
# vantage_info carries the version, so a fleet dashboard shows which hosts run which release.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/prometheusexporter.cpp
    TARGET_DIRECTORY vantage_core
    PROPERTIES COMPILE_DEFINITIONS "VANTAGE_VERSION=\"${PROJECT_VERSION}\"")
