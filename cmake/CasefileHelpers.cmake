# Small helpers shared by every module, connector and test: one place for warnings,
# Qt hygiene defines and sanitizer flags. Unknown arguments are an error.
include_guard(GLOBAL)

function(casefile_apply_build_flags target)
    get_target_property(type ${target} TYPE)
    set(scope PRIVATE)
    if(type STREQUAL "INTERFACE_LIBRARY")
        return()
    endif()
    target_compile_definitions(${target} ${scope}
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_CAST_FROM_BYTEARRAY
        QT_USE_QSTRINGBUILDER
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_DISABLE_DEPRECATED_UP_TO=0x060400)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} ${scope} -Wall -Wextra -Wpedantic -Wshadow
            -Wnon-virtual-dtor -Wcast-align $<$<CONFIG:Debug>:-Wnull-dereference>
            -Wimplicit-fallthrough)
        # -Wnull-dereference only without optimisation: at -O2, g++ 14 reports false
        # positives inside Qt's own container headers.
        if(CASEFILE_WARNINGS_AS_ERRORS)
            target_compile_options(${target} ${scope} -Werror)
        endif()
        if(CASEFILE_BUILD_FUZZERS)
            target_compile_options(${target} ${scope} -fsanitize=fuzzer-no-link,address,undefined
                -fno-omit-frame-pointer)
            target_link_options(${target} ${scope} -fsanitize=address,undefined)
        endif()
        if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
            # libstdc++ 12 hides std::expected from clang < 19, whose __cpp_concepts lags
            # behind the C++20 features it does implement (conditionally trivial members).
            target_compile_options(${target} ${scope} -Wno-builtin-macro-redefined
                -U__cpp_concepts -D__cpp_concepts=202002L)
        endif()
        if(CASEFILE_SANITIZE)
            target_compile_options(${target} ${scope} -fsanitize=address,undefined
                -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
            target_link_options(${target} ${scope} -fsanitize=address,undefined)
        endif()
    endif()
endfunction()

# casefile_add_module(NAME core ALIAS Casefile::Core SOURCES ... [PUBLIC_LIBS ...]
#                     [PRIVATE_LIBS ...] [RESOURCES prefix=... files])
function(casefile_add_module)
    cmake_parse_arguments(ARG "" "NAME;ALIAS" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "casefile_add_module: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT ARG_NAME OR NOT ARG_ALIAS)
        message(FATAL_ERROR "casefile_add_module: NAME and ALIAS are required")
    endif()
    set(target casefile_${ARG_NAME})
    add_library(${target} STATIC ${ARG_SOURCES})
    add_library(${ARG_ALIAS} ALIAS ${target})
    target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    casefile_apply_build_flags(${target})
endfunction()

# casefile_add_test(NAME tst_foo SOURCES ... LIBS ... [LABELS ...] [GUI] [TIMEOUT s]
#                   [ENVIRONMENT K=V ...])
function(casefile_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "casefile_add_test: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test ${ARG_LIBS})
    casefile_apply_build_flags(${ARG_NAME})
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    set(env
        "CASEFILE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        "CASEFILE_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared"
        "CASEFILE_DEMO_SCENARIO=${PROJECT_SOURCE_DIR}/resources/demo/demo-scenario.json"
        "CASEFILE_BINARY_DIR=${PROJECT_BINARY_DIR}"
        "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0"
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
        ${ARG_ENVIRONMENT})
    if(ARG_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    else()
        list(APPEND env "QT_QPA_PLATFORM=minimal")
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "${env}")
endfunction()
