#pragma once

// A connector for tests, with no network: each call of one of its operations answers one
// table evidence (a column "n", no rows) and the outputs `outputs` gives; calls and
// connection checks are counted.

#include "core/connector.h"

#include <QJsonArray>
#include <QMutex>

#include <functional>

namespace Casefile::TestData {

using namespace Qt::StringLiterals;

class FakeConnector final : public Connector
{
public:
    using Outputs = std::function<QJsonObject(const OperationCall &)>;

    FakeConnector(QString system, QStringList operations, Outputs outputs = {})
        : m_system(std::move(system))
        , m_operations(std::move(operations))
        , m_outputs(std::move(outputs))
    {}

    QString system() const override { return m_system; }
    QStringList operations() const override { return m_operations; }
    ConnectionCheck testConnection(const WorkLimits &) override
    {
        QMutexLocker lock(&m_mutex);
        return m_check;
    }
    Result<OperationOutput> run(const OperationCall &call) override
    {
        {
            QMutexLocker lock(&m_mutex);
            ++m_calls[call.operation];
        }
        if (!m_operations.isEmpty() && !m_operations.contains(call.operation))
            return fail(Error::Code::Unsupported, u"no operation %1"_s.arg(call.operation));
        OperationOutput out;
        Evidence e;
        e.kind = EvidenceKind::Table;
        e.title = call.stepId.isEmpty() ? call.operation : call.stepId;
        e.source = m_system + u":test"_s;
        e.data = QJsonObject{{u"columns"_s, QJsonArray{u"n"_s}}, {u"rows"_s, QJsonArray{}}};
        out.evidence.append(e);
        if (m_outputs)
            out.outputs = m_outputs(call);
        return out;
    }

    // What testConnection() answers (by default: connected).
    void setConnectionCheck(const ConnectionCheck &check)
    {
        QMutexLocker lock(&m_mutex);
        m_check = check;
    }
    int calls(const QString &operation) const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls.value(operation);
    }

private:
    QString m_system;
    QStringList m_operations;
    Outputs m_outputs;
    mutable QMutex m_mutex;
    ConnectionCheck m_check{true, u"ok"_s};
    QHash<QString, int> m_calls;
};

} // namespace Casefile::TestData
