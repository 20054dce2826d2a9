#pragma once

#include "core/connector.h"
#include "core/profile.h"
#include "core/result.h"
#include "storage/store.h"

#include <functional>
#include <memory>

namespace Casefile {

class CredentialStore;
class PlaybookLibrary;

// Builds the connectors of a workspace (resolving its secrets). Blocking: the workbench
// calls it on a worker thread only.
using ConnectFunction =
    std::function<Result<std::shared_ptr<ConnectorSet>>(const WorkspaceProfile &profile)>;

// Reads a few rows of a ClickHouse requests table through a connection's column mapping,
// for the connection wizard (`secret` as typed, never stored). Blocking: on a worker only.
using PreviewFunction = std::function<Result<TablePreview>(
    const ConnectionSettings &connection, const QString &secret, const QStringList &fields)>;

// What the main window works with; the desktop entry point (app/desktop) wires the real ones,
// tests wire fakes. Every member may be null except `store`.
struct WorkbenchServices
{
    std::shared_ptr<Store> store;
    std::shared_ptr<CredentialStore> credentials;
    ConnectFunction connect;
    std::shared_ptr<const PlaybookLibrary> playbooks;
    PreviewFunction preview; // null: the wizard shows its preview query without running it
};

} // namespace Casefile
