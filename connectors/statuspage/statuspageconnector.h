#pragma once

#include "connectors/common/connection.h"
#include "connectors/common/keptvalues.h"

#include <chrono>

namespace Casefile::Connectors {

// Public Statuspage pages of the providers (option `pages`: {"openai": base URL}); no auth.
// Operations: incidents overlapping a window, current summary. A page's answer is kept a few
// seconds (PageTtl): an investigation whose window widens reads the same pages again at once.
// Thread-safe.
class StatuspageConnector final : public HttpConnector
{
public:
    static constexpr std::chrono::seconds PageTtl{10};

    StatuspageConnector(ConnectionSettings settings, Result<QString> secret,
                        std::chrono::milliseconds pageTtl = PageTtl);

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
    // incidents.json holds only the page's last IncidentHistory incidents: when they do not
    // reach back to the window's start, the sentence saying so (for the evidence's "limits").
    static constexpr int IncidentHistory = 50;
    static std::optional<QString> historyBound(const QString &page, const QJsonObject &answer,
                                               const TimeWindow &window);

private:
    // name → base URL, from the `pages` argument or option, narrowed to `providers`.
    Result<QList<std::pair<QString, QUrl>>> pages(const QJsonObject &args) const;

    mutable KeptValues<QJsonObject> m_answers; // by URL
};

} // namespace Casefile::Connectors
