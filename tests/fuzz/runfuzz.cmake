# Runs one fuzz target for a bounded time on a working copy of its seed corpus.
# cmake -DFUZZER=<executable> -DSEEDS=<seed folder> -DWORK=<work folder> -DSECONDS=<n>
#       [-DOPTIONS_FILE=<fuzz_name.options>] -P runfuzz.cmake
# The working corpus keeps what earlier runs found; the seeds are copied over it each time, so a
# seed added to the repository is picked up without a reconfigure. Fails on a crash, a leak, a
# UBSan report or an input that runs longer than 5 s; the input is left in <work>/artifacts.
foreach(variable FUZZER SEEDS WORK SECONDS)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "runfuzz.cmake: -D${variable}=... is missing")
    endif()
endforeach()
if(NOT IS_DIRECTORY "${SEEDS}")
    message(FATAL_ERROR "no seed corpus at ${SEEDS}")
endif()

# The test's own HOME: the reset of the test homes (tests/CMakeLists.txt) creates only the homes
# of the tests under tests/, and this folder is added from the top level.
if(DEFINED ENV{HOME})
    file(MAKE_DIRECTORY "$ENV{HOME}")
endif()

# Flags of this target alone, from fuzz_<name>.options beside its source.
set(options)
if(DEFINED OPTIONS_FILE AND EXISTS "${OPTIONS_FILE}")
    file(STRINGS "${OPTIONS_FILE}" lines REGEX "^-")
    list(APPEND options ${lines})
endif()

file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")

execute_process(
    COMMAND "${FUZZER}" -max_total_time=${SECONDS} -timeout=5 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/ ${options} "${WORK}/corpus"
    WORKING_DIRECTORY "${WORK}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${result}); the input that failed is in "
        "${WORK}/artifacts: rerun it with ${FUZZER} <file>")
endif()
