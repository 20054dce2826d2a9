# The reply composer: the customer reply and the internal note from templates per category
# and language, and what of an investigation the customer may read.
list(APPEND core_sources
    ${CMAKE_CURRENT_LIST_DIR}/replytemplates.h
    ${CMAKE_CURRENT_LIST_DIR}/replytemplates.cpp
    ${CMAKE_CURRENT_LIST_DIR}/providernames.h
    ${CMAKE_CURRENT_LIST_DIR}/providernames.cpp
    ${CMAKE_CURRENT_LIST_DIR}/privacyfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/privacyfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/phrasebook.h
    ${CMAKE_CURRENT_LIST_DIR}/phrasebook.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replycomposer.h
    ${CMAKE_CURRENT_LIST_DIR}/replycomposer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/questiondocs.h
    ${CMAKE_CURRENT_LIST_DIR}/questiondocs.cpp)
