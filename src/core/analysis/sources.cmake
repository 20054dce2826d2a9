# The analyzers, the root-cause ranking, the diagnosis composer and the safe Markdown renderer.
list(APPEND core_sources
    ${CMAKE_CURRENT_LIST_DIR}/analysisutil.h
    ${CMAKE_CURRENT_LIST_DIR}/analysisutil.cpp
    ${CMAKE_CURRENT_LIST_DIR}/analyzers.h
    ${CMAKE_CURRENT_LIST_DIR}/changepoint.h
    ${CMAKE_CURRENT_LIST_DIR}/changepoint.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deploycorrelation.h
    ${CMAKE_CURRENT_LIST_DIR}/deploycorrelation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentcorrelation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/errorbreakdown.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fallbackanalysis.cpp
    ${CMAKE_CURRENT_LIST_DIR}/configlint.h
    ${CMAKE_CURRENT_LIST_DIR}/configlint.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tokenreconciliation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/metadatapresence.cpp
    ${CMAKE_CURRENT_LIST_DIR}/webhookbreakdown.cpp
    ${CMAKE_CURRENT_LIST_DIR}/knownbugs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/docslookup.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scope.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ranking.cpp
    ${CMAKE_CURRENT_LIST_DIR}/diagnosis.cpp
    ${CMAKE_CURRENT_LIST_DIR}/markdown.h
    ${CMAKE_CURRENT_LIST_DIR}/markdown.cpp)
