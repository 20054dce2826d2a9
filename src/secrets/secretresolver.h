#pragma once

#include "core/profile.h"

#include <chrono>
#include <memory>

namespace Casefile {

class CredentialStore;

// A SecretResolver (core/profile.h) for the app and the CLI: keychain references are read
// from `store` (blocking: call it on a worker thread, never the GUI thread); environment and
// inline references go through resolveSecretWithoutKeychain(). Without a store, keychain
// references fail with a clear message. The resolver keeps `store` alive.
SecretResolver makeSecretResolver(std::shared_ptr<CredentialStore> store,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

} // namespace Casefile
