#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <functional>

namespace Casefile {

// Where a connection's secret lives. A real secret is never written to a profile: only
// sandbox profiles ("sandbox": true) may carry inline throwaway tokens.
struct SecretRef
{
    enum class Where { None, Keychain, Environment, Inline };
    Where where = Where::None;
    QString name;  // keychain key or environment variable
    QString value; // inline value (sandbox profiles only)
};

// One connection of a workspace: the system's URL, account, options and secret reference.
struct ConnectionSettings
{
    QString system;  // key in "connections": helpdesk clickhouse github linear jira stripe
                     // statuspage pagerduty docs gateway llm
    QString type;    // vendor: zendesk, clickhouse, github, linear, jira, stripe, statuspage,
                     // pagerduty, docs, portkey, openai
    QString url;     // base URL
    QString account; // user name / e-mail, where the vendor needs one
    SecretRef secret;
    QJsonObject options; // everything else, system-specific (repo, database, mapping, pages...)
};

// A workspace profile (contracts/cli.md): the connections of one workspace.
struct WorkspaceProfile
{
    static constexpr auto FormatId = "casefile-profile/1";

    QString name;
    bool sandbox = false;
    QDateTime now; // the workspace's clock, when it is not the wall clock (sandbox scenarios)
    QMap<QString, ConnectionSettings> connections;
    QString path; // where it was loaded from; not serialised

    QDateTime currentTime() const { return now.isValid() ? now : QDateTime::currentDateTimeUtc(); }
};

// Turns a connection's SecretRef into the secret. The secrets module provides one backed by
// the OS keychain; resolveSecretWithoutKeychain() handles environment and inline secrets only.
using SecretResolver = std::function<Result<QString>(const ConnectionSettings &)>;
Result<QString> resolveSecretWithoutKeychain(const ConnectionSettings &connection);
// The secret references of an LLM connection's fallback targets (options.fallback[i].secret),
// one per target, Where::None where a target has none. parseProfile() has checked them.
QList<SecretRef> fallbackSecrets(const ConnectionSettings &connection);

Result<WorkspaceProfile> parseProfile(const QByteArray &json, const QString &path = {});
Result<WorkspaceProfile> loadProfile(const QString &path);
QJsonObject profileToJson(const WorkspaceProfile &profile); // never contains a non-sandbox secret

} // namespace Casefile
