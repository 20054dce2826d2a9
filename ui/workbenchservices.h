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

// What the main window works with; the desktop entry point (app/desktop) wires the real ones,
// tests wire fakes. Every member may be null except `store`.
struct WorkbenchServices
{
    std::shared_ptr<Store> store;
    std::shared_ptr<CredentialStore> credentials;
    ConnectFunction connect;
    std::shared_ptr<const PlaybookLibrary> playbooks;
};

} // namespace Casefile
