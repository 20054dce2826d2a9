#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// Public Statuspage pages of the providers (option `pages`: {"openai": base URL}); no auth.
// Operations: incidents overlapping a window, current summary. Thread-safe.
class StatuspageConnector final : public HttpConnector
{
public:
    StatuspageConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override
    {
        return Operations::names(QStringLiteral("statuspage"));
    }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // One row of the summary table from the page's /api/v2/summary.json.
    static QJsonArray summaryRow(const QString &page, const QJsonObject &summary);
    // The incidents of the page's /api/v2/incidents.json that overlap `window`.
    static QJsonArray incidentEvents(const QString &page, const QJsonObject &answer,
                                     const TimeWindow &window);

private:
    // name → base URL, from the `pages` argument or option, narrowed to `providers`.
    Result<QList<std::pair<QString, QUrl>>> pages(const QJsonObject &args) const;
};

} // namespace Casefile::Connectors
