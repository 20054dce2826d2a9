# Text helpers shared by the classifier and the reply composer: language and time-zone hints,
# the customer's own words without the earlier thread they quote.
list(APPEND core_sources
    ${CMAKE_CURRENT_LIST_DIR}/language.h
    ${CMAKE_CURRENT_LIST_DIR}/language.cpp
    ${CMAKE_CURRENT_LIST_DIR}/quotedthread.h
    ${CMAKE_CURRENT_LIST_DIR}/quotedthread.cpp)
