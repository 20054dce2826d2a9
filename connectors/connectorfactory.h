#pragma once

#include "core/connector.h"
#include "core/profile.h"

#include <memory>

namespace Casefile {

// Builds one connector per connection of `profile` (by its `type`: zendesk, clickhouse, github,
// linear, jira, stripe, statuspage, pagerduty, docs, portkey, openai). Secrets are resolved
// once, here; a secret that cannot be resolved does not stop the others: that connector
// reports the problem on every call and in testConnection(). An unknown type is an error.
// The returned set is immutable and may be shared across threads.
Result<std::shared_ptr<ConnectorSet>> createConnectors(const WorkspaceProfile &profile,
                                                       const SecretResolver &resolver);

// The connection wizard's check of a ClickHouse column mapping: five rows of the requests
// table, the logical `fields` read through `connection`'s mapping, read-only and bounded in
// time. Blocking: call it on a worker.
Result<TablePreview> previewRequestLog(const ConnectionSettings &connection, const QString &secret,
                                       const QStringList &fields);

// The connector for one connection, or an error for an unknown type.
Result<std::shared_ptr<Connector>> createConnector(const ConnectionSettings &connection,
                                                   Result<QString> secret);

// The vendor types createConnector() knows.
QStringList knownConnectorTypes();

} // namespace Casefile
