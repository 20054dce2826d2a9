# The playbook engine: playbook format, library, classifier, parameter binder and the
# investigation run. Included by src/core/CMakeLists.txt.
list(APPEND core_sources
    ${CMAKE_CURRENT_LIST_DIR}/playbook.h
    ${CMAKE_CURRENT_LIST_DIR}/playbook.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonlocator.h
    ${CMAKE_CURRENT_LIST_DIR}/jsonlocator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/playbooklibrary.h
    ${CMAKE_CURRENT_LIST_DIR}/playbooklibrary.cpp
    ${CMAKE_CURRENT_LIST_DIR}/textnormalizer.h
    ${CMAKE_CURRENT_LIST_DIR}/textnormalizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/lexicon.h
    ${CMAKE_CURRENT_LIST_DIR}/lexicon.cpp
    ${CMAKE_CURRENT_LIST_DIR}/classifier.h
    ${CMAKE_CURRENT_LIST_DIR}/classifier.cpp
    ${CMAKE_CURRENT_LIST_DIR}/timeexpressions.h
    ${CMAKE_CURRENT_LIST_DIR}/timeexpressions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/parameterbinder.h
    ${CMAKE_CURRENT_LIST_DIR}/parameterbinder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/privacymask.h
    ${CMAKE_CURRENT_LIST_DIR}/privacymask.cpp
    ${CMAKE_CURRENT_LIST_DIR}/engine.cpp)
