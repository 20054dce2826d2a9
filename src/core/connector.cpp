#include "core/connector.h"

using namespace Qt::StringLiterals;

namespace Casefile {

void ConnectorSet::add(std::shared_ptr<Connector> connector)
{
    CF_ASSERT(connector, return );
    m_connectors[connector->system()] = std::move(connector);
}

std::shared_ptr<Connector> ConnectorSet::get(const QString &system) const
{
    const auto it = m_connectors.find(system);
    return it == m_connectors.end() ? nullptr : it->second;
}

std::shared_ptr<HelpdeskConnector> ConnectorSet::helpdesk() const
{
    return std::dynamic_pointer_cast<HelpdeskConnector>(get(u"helpdesk"_s));
}

QStringList ConnectorSet::systems() const
{
    QStringList out;
    for (const auto &[name, connector] : m_connectors)
        out.append(name);
    return out;
}

} // namespace Casefile
