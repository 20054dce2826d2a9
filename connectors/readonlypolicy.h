#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

namespace Casefile::Connectors {

// Which HTTP requests a connector may send. Casefile only reads from the systems it
// investigates; the policy is checked by HttpClient before anything leaves the machine, so a
// bug in a connector cannot turn into a write. POST is allowed where the vendor's read API
// needs it (GraphQL, ClickHouse queries); writes (PUT) are limited to the paths given.
class ReadOnlyPolicy
{
public:
    struct Rule
    {
        QByteArray method;
        QRegularExpression path; // matched against the URL path; invalid/empty = any path
    };

    ReadOnlyPolicy() = default; // GET and HEAD only
    static ReadOnlyPolicy readsOnly();
    // GET/HEAD plus POST to any path, for APIs whose reads are POSTs (GraphQL, ClickHouse).
    static ReadOnlyPolicy readsAndPostQueries();

    ReadOnlyPolicy &allow(const QByteArray &method, const QString &pathPattern = {});
    bool allows(const QByteArray &method, const QString &path) const;
    QList<QByteArray> methods() const;

private:
    QList<Rule> m_rules;
};

} // namespace Casefile::Connectors
