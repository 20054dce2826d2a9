#include "secrets/secretresolver.h"

#include "secrets/credentialstore.h"

using namespace Qt::StringLiterals;

namespace Casefile {

SecretResolver makeSecretResolver(std::shared_ptr<CredentialStore> store,
                                  std::chrono::milliseconds timeout)
{
    return [store = std::move(store),
            timeout](const ConnectionSettings &connection) -> Result<QString> {
        if (connection.secret.where != SecretRef::Where::Keychain)
            return resolveSecretWithoutKeychain(connection);
        if (!store)
            return resolveSecretWithoutKeychain(connection); // says the keychain is out of reach
        auto secret = store->readBlocking(connection.secret.name, timeout);
        if (!secret && secret.error().code == Error::Code::NotFound) {
            return fail(Error::Code::Unauthorized,
                        u"The %1 secret is not in the OS keychain (key \"%2\"); store it in the "
                        u"connection settings."_s.arg(connection.system, connection.secret.name),
                        secret.error().detail);
        }
        return secret;
    };
}

} // namespace Casefile
