# Text helpers shared by the classifier and the reply composer: language and time-zone hints.
list(APPEND core_sources
    ${CMAKE_CURRENT_LIST_DIR}/language.h
    ${CMAKE_CURRENT_LIST_DIR}/language.cpp)
