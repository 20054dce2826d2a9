#pragma once

#include "sandbox/fakes/fakeservices.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>

namespace Casefile::Sandbox::Testing {

using namespace Qt::StringLiterals;

inline QString sharedDir()
{
    return qEnvironmentVariable("CASEFILE_SHARED_DIR");
}

// The worked scenario, plus objects it leaves empty so every vendor has something to serve.
inline QJsonObject testScenario()
{
    QFile file(qEnvironmentVariable("CASEFILE_DEMO_SCENARIO"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();

    QJsonArray tickets = root.value(u"tickets"_s).toArray();
    for (int i = 0; i < 3; ++i) {
        tickets.append(QJsonObject{
            {u"id"_s, 1050 + i},
            {u"subject"_s, u"Webhook retries %1"_s.arg(i)},
            {u"description"_s, u"Our webhooks fail with TLS errors (case %1)."_s.arg(i)},
            {u"status"_s, i == 2 ? u"solved"_s : u"open"_s},
            {u"priority"_s, u"normal"_s},
            {u"requester"_s,
             QJsonObject{{u"name"_s, u"Jun Park"_s}, {u"email"_s, u"jun@acme.dev"_s}}},
            {u"organization"_s, u"org_acme"_s},
            {u"tags"_s, QJsonArray{u"webhooks"_s}},
            {u"created_at"_s, u"2026-11-19T1%1:00:00Z"_s.arg(i)}});
    }
    root.insert(u"tickets"_s, tickets);

    QJsonObject billing = root.value(u"billing"_s).toObject();
    billing.insert(u"unit_amount_decimal"_s, u"0.0002"_s);
    billing.insert(u"invoices"_s, QJsonArray{QJsonObject{{u"id"_s, u"in_1Qacme1119"_s},
                                                         {u"org"_s, u"org_acme"_s},
                                                         {u"status"_s, u"open"_s},
                                                         {u"from"_s, u"2026-11-19T00:00:00Z"_s},
                                                         {u"to"_s, u"2026-11-20T00:00:00Z"_s}}});
    root.insert(u"billing"_s, billing);

    root.insert(
        u"jira"_s,
        QJsonObject{
            {u"issues"_s,
             QJsonArray{
                 QJsonObject{
                     {u"key"_s, u"OPS-12"_s},
                     {u"fields"_s,
                      QJsonObject{{u"summary"_s, u"Analytics dashboard slow for large orgs"_s},
                                  {u"status"_s, QJsonObject{{u"name"_s, u"Open"_s}}},
                                  {u"created"_s, u"2026-11-20T09:30:00Z"_s},
                                  {u"labels"_s, QJsonArray{u"analytics"_s}},
                                  {u"description"_s,
                                   u"p95 of /v1/analytics went up after the deploy."_s}}}},
                 QJsonObject{
                     {u"key"_s, u"OPS-11"_s},
                     {u"fields"_s, QJsonObject{{u"summary"_s, u"Webhook TLS handshake failures"_s},
                                               {u"status"_s, QJsonObject{{u"name"_s, u"Done"_s}}},
                                               {u"created"_s, u"2026-11-18T09:30:00Z"_s},
                                               {u"labels"_s, QJsonArray{}}}}},
                 QJsonObject{{u"key"_s, u"SEC-3"_s},
                             {u"fields"_s,
                              QJsonObject{{u"summary"_s, u"Rotate analytics credentials"_s},
                                          {u"status"_s, QJsonObject{{u"name"_s, u"In Progress"_s}}},
                                          {u"created"_s, u"2026-11-17T09:30:00Z"_s},
                                          {u"labels"_s, QJsonArray{}}}}}}}});

    root.insert(
        u"pagerduty"_s,
        QJsonObject{
            {u"incidents"_s,
             QJsonArray{QJsonObject{{u"id"_s, u"PT4KHLK"_s},
                                    {u"title"_s, u"Analytics p95 above 1s"_s},
                                    {u"status"_s, u"resolved"_s},
                                    {u"created_at"_s, u"2026-11-20T09:20:00Z"_s},
                                    {u"resolved_at"_s, u"2026-11-20T09:50:00Z"_s},
                                    {u"service"_s, QJsonObject{{u"summary"_s, u"Gateway API"_s}}}},
                        QJsonObject{{u"id"_s, u"PX9AB12"_s},
                                    {u"title"_s, u"Webhook delivery failures"_s},
                                    {u"status"_s, u"triggered"_s},
                                    {u"created_at"_s, u"2026-11-19T14:00:00Z"_s}},
                        QJsonObject{{u"id"_s, u"PQ1OLD0"_s},
                                    {u"title"_s, u"Old incident"_s},
                                    {u"status"_s, u"resolved"_s},
                                    {u"created_at"_s, u"2026-08-01T14:00:00Z"_s}}}}});

    QJsonObject github = root.value(u"github"_s).toObject();
    github.insert(u"releases"_s,
                  QJsonArray{QJsonObject{{u"tag_name"_s, u"v2.0.0"_s},
                                         {u"repo"_s, u"relay-ai/sdk-node"_s},
                                         {u"created_at"_s, u"2026-11-18T10:00:00Z"_s}}});
    root.insert(u"github"_s, github);
    return root;
}

// Tokens billed: 1000 per hour for Acme, nothing for others.
inline qint64 stubBilling(const QString &org, const QDateTime &from, const QDateTime &to,
                          const QString & /*meter*/)
{
    return org == u"org_acme"_s ? from.secsTo(to) / 3600 * 1000 : 0;
}

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    bool finished = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Sends one request and waits for it (or the timeout) in a local event loop.
inline Reply send(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
                  const Headers &headers = {}, const QByteArray &body = {}, int timeoutMs = 10000)
{
    QNetworkRequest request(url);
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    if (!body.isEmpty() && request.header(QNetworkRequest::ContentTypeHeader).isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    Reply out;
    out.finished = reply->isFinished();
    if (!out.finished)
        reply->abort();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

inline QByteArray basic(const QString &user, const QString &password)
{
    return "Basic "_ba + (user + u':' + password).toUtf8().toBase64();
}

inline QString secretOf(const QJsonObject &connections, const QString &system)
{
    return connections.value(system)
        .toObject()
        .value(u"secret"_s)
        .toObject()
        .value(u"inline"_s)
        .toString();
}

inline QString accountOf(const QJsonObject &connections, const QString &system)
{
    return connections.value(system).toObject().value(u"account"_s).toString();
}

} // namespace Casefile::Sandbox::Testing
