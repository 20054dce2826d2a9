#pragma once

#include "sandbox/fakes/fakeservices.h"
#include "sandbox/fakes/httpserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QUrl>

#include <optional>
#include <type_traits>
#include <utility>

namespace Casefile::Sandbox {

// What every fake shares: the scenario, its clock, the billing function and this run's
// addresses and tokens. Owned by FakeServices; fakes keep a reference.
struct FakeContext
{
    QJsonObject scenario;
    QDateTime now; // the scenario's clock when the services were created
    QElapsedTimer sinceStart;
    BillingFunction billing;
    QUrl clickhouseUpstream;
    QMap<QString, QString> tokens; // per system, throwaway
    QMap<QString, QString> bases;  // per system, "http://127.0.0.1:PORT"
    QString agentEmail;
    QHash<QString, qint64> billingCache;

    // The scenario clock, advancing with real time so answers written later are later.
    QDateTime currentTime() const { return now.addMSecs(sinceStart.elapsed()); }
    QString base(const QString &system) const { return bases.value(system); }
    QString token(const QString &system) const { return tokens.value(system); }
    qint64 billed(const QString &org, const QDateTime &from, const QDateTime &to,
                  const QString &meter = {});
    QJsonObject section(const QString &key) const { return scenario.value(key).toObject(); }
};

// One vendor's API. `answer` runs on the services' thread for each request that no fault
// replaced; `faultAnswer` is the vendor's own 429 or 5xx answer.
class VendorFake
{
public:
    explicit VendorFake(FakeContext &context)
        : m_context(context)
    {}
    virtual ~VendorFake() = default;
    VendorFake(const VendorFake &) = delete;
    VendorFake &operator=(const VendorFake &) = delete;

    virtual void handle(const HttpRequest &request, const Responder &respond)
    {
        respond(answer(request));
    }
    virtual HttpResponse answer(const HttpRequest &request) = 0;
    virtual HttpResponse faultAnswer(int status) = 0;

protected:
    FakeContext &m_context;
};

// Turns a QStringBuilder expression (QT_USE_QSTRINGBUILDER) into its QString, so it can go
// into a QJsonObject initializer; any other value passes through.
template<typename T>
auto jv(T &&value)
{
    using Plain = std::decay_t<T>;
    if constexpr (std::is_base_of_v<QStringBuilderCommon<Plain, QString>, Plain>)
        return QString(std::forward<T>(value));
    else
        return std::decay_t<T>(std::forward<T>(value));
}

// Helpers shared by the fakes.
QByteArray compactJson(const QJsonValue &value);
HttpResponse jsonAnswer(int status, const QJsonValue &value);
QString isoUtc(const QDateTime &time); // 2026-11-20T09:14:00Z
QDateTime
parseTime(const QString &text); // ISO-8601 with or without offset/ms, a date, or Unix seconds
qint64 unixSeconds(const QDateTime &time);
QString stableHex(const QString &seed, int length); // deterministic hex id
qint64 stableNumber(const QString &seed, qint64 modulo);
// Values of `overrides` win; the scenario's unknown keys are kept.
QJsonObject withDefaults(const QJsonObject &defaults, const QJsonObject &overrides);
// Basic credentials as (user, password), if the request carries them.
std::optional<QPair<QString, QString>> basicCredentials(const HttpRequest &request);
QString bearerToken(const HttpRequest &request); // empty when absent
QString encodeCursor(qsizetype offset);
qsizetype decodeCursor(const QString &cursor); // -1 when invalid
QStringList searchWords(const QString &text);  // lowercase words of 2+ letters or digits
QString epochSecondsFromNow(int seconds);      // wall-clock, for rate-limit reset headers
QJsonArray toArray(const QList<QJsonObject> &objects);

} // namespace Casefile::Sandbox
