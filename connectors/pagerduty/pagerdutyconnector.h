#pragma once

#include "connectors/common/connection.h"

namespace Casefile::Connectors {

// PagerDuty REST v2: incidents in a window (offset/more paging). `Authorization: Token
// token=…`. Thread-safe.
class PagerDutyConnector final : public HttpConnector
{
public:
    PagerDutyConnector(ConnectionSettings settings, Result<QString> secret);

    QStringList operations() const override
    {
        return Operations::names(QStringLiteral("pagerduty"));
    }
    Result<OperationOutput> run(const OperationCall &call) override;
    ConnectionCheck testConnection(const WorkLimits &limits) override;

    // The events of one page of /incidents that overlap `window`.
    static QJsonArray incidentEvents(const QJsonObject &page, const TimeWindow &window);
};

} // namespace Casefile::Connectors
