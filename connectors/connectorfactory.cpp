#include "connectors/connectorfactory.h"

#include "connectors/clickhouse/clickhouseconnector.h"
#include "connectors/common/parallel.h"
#include "connectors/connectorslogging.h"
#include "connectors/docs/docsconnector.h"
#include "connectors/gateway/portkeyconnector.h"
#include "connectors/github/githubconnector.h"
#include "connectors/helpdesk/zendeskconnector.h"
#include "connectors/jira/jiraconnector.h"
#include "connectors/linear/linearconnector.h"
#include "connectors/llm/llmconnector.h"
#include "connectors/pagerduty/pagerdutyconnector.h"
#include "connectors/statuspage/statuspageconnector.h"
#include "connectors/stripe/stripeconnector.h"

using namespace Qt::StringLiterals;

namespace Casefile {

using namespace Connectors;

QStringList knownConnectorTypes()
{
    return {u"zendesk"_s,    u"clickhouse"_s, u"github"_s, u"linear"_s,  u"jira"_s,  u"stripe"_s,
            u"statuspage"_s, u"pagerduty"_s,  u"docs"_s,   u"portkey"_s, u"openai"_s};
}

Result<TablePreview> previewRequestLog(const ConnectionSettings &connection, const QString &secret,
                                       const QStringList &fields)
{
    const ClickHouseConnector clickhouse(connection, secret);
    WorkLimits limits;
    limits.deadline = QDeadlineTimer(std::chrono::seconds(15));
    return clickhouse.previewRequests(fields, 5, limits);
}

Result<std::shared_ptr<Connector>> createConnector(const ConnectionSettings &connection,
                                                   Result<QString> secret)
{
    const QString type = connection.type.isEmpty() ? connection.system : connection.type;
    if ((type == u"zendesk"_s || type == u"helpdesk"_s))
        return std::make_shared<ZendeskConnector>(connection, std::move(secret));
    if (type == u"clickhouse"_s)
        return std::make_shared<ClickHouseConnector>(connection, std::move(secret));
    if (type == u"github"_s)
        return std::make_shared<GitHubConnector>(connection, std::move(secret));
    if (type == u"linear"_s)
        return std::make_shared<LinearConnector>(connection, std::move(secret));
    if (type == u"jira"_s)
        return std::make_shared<JiraConnector>(connection, std::move(secret));
    if (type == u"stripe"_s)
        return std::make_shared<StripeConnector>(connection, std::move(secret));
    if (type == u"statuspage"_s)
        return std::make_shared<StatuspageConnector>(connection, std::move(secret));
    if (type == u"pagerduty"_s)
        return std::make_shared<PagerDutyConnector>(connection, std::move(secret));
    if (type == u"docs"_s)
        return std::make_shared<DocsConnector>(connection, std::move(secret));
    if (type == u"portkey"_s || type == u"gateway"_s)
        return std::make_shared<PortkeyConnector>(connection, std::move(secret));
    if (type == u"openai"_s || type == u"llm"_s)
        return std::make_shared<LlmConnector>(connection, std::move(secret));
    return fail(Error::Code::InvalidInput,
                u"The %1 connection has an unknown type \"%2\" (known: %3)"_s.arg(
                    connection.system, truncated(type, 40), knownConnectorTypes().join(u", "_s)));
}

namespace {

// About the widest wave of one investigation's first level of steps.
constexpr int RequestThreadsAhead = 64;

Result<QString> resolveSecret(const ConnectionSettings &connection, const SecretResolver &resolver)
{
    Result<QString> secret = QString();
    if (connection.secret.where != SecretRef::Where::None) {
        secret = resolver ? resolver(connection) : resolveSecretWithoutKeychain(connection);
        if (!secret) {
            qCWarning(lcConnectors, "%s: %s", qUtf8Printable(connection.system),
                      qUtf8Printable(secret.error().message));
        }
    }
    return secret;
}
} // namespace

Result<std::shared_ptr<ConnectorSet>> createConnectors(const WorkspaceProfile &profile,
                                                       const SecretResolver &resolver)
{
    auto set = std::make_shared<ConnectorSet>();
    for (const ConnectionSettings &connection : profile.connections) {
        Result<QString> secret = resolveSecret(connection, resolver);
        const QString type = connection.type.isEmpty() ? connection.system : connection.type;
        if (type == u"openai"_s || type == u"llm"_s) {
            // Each fallback target's own secret, resolved like a connection's.
            QList<Result<QString>> fallback;
            for (const SecretRef &ref : fallbackSecrets(connection)) {
                ConnectionSettings target = connection;
                target.secret = ref;
                fallback.append(resolveSecret(target, resolver));
            }
            set->add(
                std::make_shared<LlmConnector>(connection, std::move(secret), std::move(fallback)));
            continue;
        }
        auto connector = createConnector(connection, std::move(secret));
        if (!connector)
            return std::unexpected(connector.error());
        set->add(*connector);
    }
    // The threads that send a step's requests, started while the ticket is read: the first
    // waves (a GitHub step's details: up to ninety requests) then leave at once. They make
    // their network managers when they first send: a short run may already be exiting, and a
    // network manager cannot be made once the application is gone.
    warmUp(RequestThreadsAhead);
    return set;
}

} // namespace Casefile
