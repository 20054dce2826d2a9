#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// Jira Cloud REST v3: issue search through /rest/api/3/search/jql (nextPageToken/isLast
// paging). Basic auth with the account's e-mail and an API token. Thread-safe.
class JiraConnector final : public HttpConnector
{
public:
    JiraConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override { return Operations::names(QStringLiteral("jira")); }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // `text ~ "a" OR text ~ "b"`: each term reduced to words, so no JQL or Lucene syntax survives.
    static QString jqlFor(const QStringList &terms);
    // Atlassian Document Format (or a plain string) → plain text.
    static QString plainText(const QJsonValue &adf);
    // One issue of a search answer as an event; its link is under `base` (the site URL).
    static QJsonObject issueEvent(const QJsonObject &issue, const QUrl &base);
};

} // namespace Casefile::Connectors
