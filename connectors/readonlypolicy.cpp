#include "connectors/readonlypolicy.h"

using namespace Qt::StringLiterals;

namespace Casefile::Connectors {

ReadOnlyPolicy ReadOnlyPolicy::readsOnly()
{
    ReadOnlyPolicy policy;
    policy.allow("GET"_ba).allow("HEAD"_ba);
    return policy;
}

ReadOnlyPolicy ReadOnlyPolicy::readsAndPostQueries()
{
    ReadOnlyPolicy policy = readsOnly();
    policy.allow("POST"_ba);
    return policy;
}

ReadOnlyPolicy &ReadOnlyPolicy::allow(const QByteArray &method, const QString &pathPattern)
{
    Rule rule;
    rule.method = method.toUpper();
    if (!pathPattern.isEmpty())
        rule.path = QRegularExpression(u"^"_s + pathPattern + u"$"_s);
    m_rules.append(rule);
    return *this;
}

bool ReadOnlyPolicy::allows(const QByteArray &method, const QString &path) const
{
    const QByteArray upper = method.toUpper();
    for (const Rule &rule : m_rules) {
        if (rule.method != upper)
            continue;
        if (rule.path.pattern().isEmpty() || rule.path.match(path).hasMatch())
            return true;
    }
    return false;
}

QList<QByteArray> ReadOnlyPolicy::methods() const
{
    QList<QByteArray> result;
    for (const Rule &rule : m_rules) {
        if (!result.contains(rule.method))
            result.append(rule.method);
    }
    return result;
}

} // namespace Casefile::Connectors
