#include "core/domain.h"
#include "core/result.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Casefile {

QString withEarlierAttempt(const QString &message, const QString &earlier)
{
    return earlier.isEmpty() || earlier == message
               ? message
               : u"%1 (the attempt before: %2)"_s.arg(message, earlier);
}

QString errorCodeName(Error::Code code)
{
    switch (code) {
    case Error::Code::Unknown:
        return u"unknown"_s;
    case Error::Code::InvalidInput:
        return u"invalid_input"_s;
    case Error::Code::Parse:
        return u"parse"_s;
    case Error::Code::NotFound:
        return u"not_found"_s;
    case Error::Code::Unauthorized:
        return u"unauthorized"_s;
    case Error::Code::RateLimited:
        return u"rate_limited"_s;
    case Error::Code::Timeout:
        return u"timeout"_s;
    case Error::Code::Unreachable:
        return u"unreachable"_s;
    case Error::Code::Server:
        return u"server"_s;
    case Error::Code::Cancelled:
        return u"cancelled"_s;
    case Error::Code::Storage:
        return u"storage"_s;
    case Error::Code::Keychain:
        return u"keychain"_s;
    case Error::Code::Unsupported:
        return u"unsupported"_s;
    }
    return u"unknown"_s;
}

const QStringList &routingConfigHookKeys()
{
    static const QStringList keys = {u"before_request_hooks"_s, u"after_request_hooks"_s,
                                     u"input_guardrails"_s, u"output_guardrails"_s};
    return keys;
}

namespace {

void collectHooks(const QJsonObject &node, QStringList &out)
{
    for (const QString &key : routingConfigHookKeys()) {
        if (!node.value(key).toArray().isEmpty() && !out.contains(key))
            out.append(key);
    }
    for (const QJsonValue &target : node.value(u"targets"_s).toArray())
        collectHooks(target.toObject(), out);
}

} // namespace

QStringList routingConfigHooks(const QJsonObject &config)
{
    QStringList out;
    collectHooks(config, out);
    return out;
}

QString evidenceKindName(EvidenceKind kind)
{
    switch (kind) {
    case EvidenceKind::TimeSeries:
        return u"timeseries"_s;
    case EvidenceKind::Events:
        return u"events"_s;
    case EvidenceKind::Table:
        return u"table"_s;
    case EvidenceKind::Text:
        return u"text"_s;
    case EvidenceKind::Config:
        return u"config"_s;
    }
    return u"text"_s;
}

std::optional<EvidenceKind> evidenceKindFromName(const QString &name)
{
    for (auto kind : {EvidenceKind::TimeSeries, EvidenceKind::Events, EvidenceKind::Table,
                      EvidenceKind::Text, EvidenceKind::Config}) {
        if (evidenceKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString stepStatusName(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending:
        return u"pending"_s;
    case StepStatus::Running:
        return u"running"_s;
    case StepStatus::Ok:
        return u"ok"_s;
    case StepStatus::Failed:
        return u"failed"_s;
    case StepStatus::Timeout:
        return u"timeout"_s;
    case StepStatus::Skipped:
        return u"skipped"_s;
    case StepStatus::Cancelled:
        return u"cancelled"_s;
    }
    return u"failed"_s;
}

std::optional<StepStatus> stepStatusFromName(const QString &name)
{
    for (auto s : {StepStatus::Pending, StepStatus::Running, StepStatus::Ok, StepStatus::Failed,
                   StepStatus::Timeout, StepStatus::Skipped, StepStatus::Cancelled}) {
        if (stepStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

bool Category::onCustomerSide(QStringView category)
{
    return std::ranges::any_of(std::initializer_list<const char *>{CustomerConfig, CustomerEndpoint,
                                                                   SdkVersion, RateLimited},
                               [&](const char *c) { return category == QLatin1StringView(c); });
}

const QStringList &knownCategories()
{
    static const QStringList categories = {
        QString::fromLatin1(Category::DeployRegression),
        QString::fromLatin1(Category::ProviderOutage),
        QString::fromLatin1(Category::CustomerConfig),
        QString::fromLatin1(Category::KnownBug),
        QString::fromLatin1(Category::BillingPipeline),
        QString::fromLatin1(Category::ExpectedBehavior),
        QString::fromLatin1(Category::CustomerEndpoint),
        QString::fromLatin1(Category::RateLimited),
        QString::fromLatin1(Category::SdkVersion),
        QString::fromLatin1(Category::NoFaultFound),
    };
    return categories;
}

const Evidence *Investigation::evidenceById(const QString &id) const
{
    for (const Evidence &e : evidence) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

} // namespace Casefile
