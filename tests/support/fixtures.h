#pragma once

// Synthetic, network-free data for the tests: tickets, the real store on a private database,
// and a full latency investigation shaped like the latency-after-deploy scenario (p95 jumps at
// 09:14 UTC, deploy #447 at 09:12).

#include "core/domain.h"
#include "storage/sqlitestore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Casefile::TestData {

using namespace Qt::StringLiterals;

// The real store on a private temporary database, gone with the store.
inline std::shared_ptr<SqliteStore> store()
{
    auto opened = SqliteStore::open(SqliteStore::InMemory.toString());
    if (!opened)
        qFatal("no test store: %s", qPrintable(opened.error().message));
    return std::move(*opened);
}

inline QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

inline QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

inline Ticket ticket(const QString &id = u"1042"_s)
{
    Ticket t;
    t.id = id;
    t.subject = u"Dashboard is loading slowly since this morning"_s;
    t.description = u"<b>not bold</b> our usage dashboard takes forever to load"_s;
    t.status = u"open"_s;
    t.priority = u"high"_s;
    t.orgId = u"org_acme"_s;
    t.orgName = u"Acme Robotics"_s;
    t.requesterName = u"Jun Park"_s;
    t.requesterEmail = u"jun@acme.dev"_s;
    t.createdAt = utc(u"2026-11-20T10:01:00Z"_s);
    t.updatedAt = t.createdAt;
    return t;
}

// A ticket that says only `subject` and `description` (no requester, no organisation),
// created at 10:01 UTC on 20 November 2026: what the classifier and the binder read.
inline Ticket ticketSaying(const QString &subject, const QString &description = {},
                           const QString &id = u"1042"_s)
{
    Ticket t;
    t.id = id;
    t.subject = subject;
    t.description = description;
    t.createdAt = utc(u"2026-11-20T10:01:00Z"_s);
    return t;
}

// Per-minute points from `from` for `minutes`; p95 jumps from 340 to 1200 at `jumpAt`.
inline QJsonArray latencyPoints(const QDateTime &from, int minutes, const QDateTime &jumpAt)
{
    QJsonArray points;
    for (int i = 0; i < minutes; ++i) {
        const QDateTime t = from.addSecs(60 * i);
        const bool after = t >= jumpAt;
        const int p50 = after ? 700 : 200;
        const int p95 = after ? 1200 : 340;
        const int p99 = after ? 1500 : 420;
        const int errors = after ? 1 : 0;
        points.append(QJsonArray{iso(t), 6, errors, p50, p95, p99});
    }
    return points;
}

// One evidence as a step of a connector gives it.
inline Evidence evidence(const QString &id, const QString &stepId, EvidenceKind kind,
                         const QString &connector, const QString &title, const QString &source,
                         const QJsonObject &data = {})
{
    Evidence e;
    e.id = id;
    e.stepId = stepId;
    e.kind = kind;
    e.connector = connector;
    e.title = title;
    e.source = source;
    e.data = data;
    return e;
}

inline Investigation investigation(bool withComparison = false)
{
    Investigation inv;
    inv.ticket = ticket();
    inv.playbook = {u"latency-spike"_s, u"ticket mentions slow"_s};
    inv.window = {utc(u"2026-11-20T08:00:00Z"_s), utc(u"2026-11-20T10:05:00Z"_s)};
    inv.startedAt = utc(u"2026-11-20T10:05:01Z"_s);
    inv.durationMs = 1830;

    const QDateTime jump = utc(u"2026-11-20T09:14:00Z"_s);
    Evidence latency =
        evidence(u"ev1"_s, u"latency_series"_s, EvidenceKind::TimeSeries, u"clickhouse"_s,
                 u"p50/p95/p99 per minute, org_acme"_s, u"clickhouse:query:q1"_s);
    latency.data = QJsonObject{
        {u"bucket_s"_s, 60},
        {u"columns"_s, QJsonArray{u"t"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s, u"p99"_s}},
        {u"series"_s,
         QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{{u"route"_s, u"/v1/analytics"_s}}},
                                {u"points"_s, latencyPoints(inv.window.from, 125, jump)}}}}};

    Evidence deploys =
        evidence(u"ev2"_s, u"recent_deploys"_s, EvidenceKind::Events, u"github"_s,
                 u"Deploys in window"_s, u"github:GET /repos/relay-ai/gateway/deployments"_s);
    deploys.data = QJsonObject{
        {u"events"_s,
         QJsonArray{QJsonObject{{u"time"_s, u"2026-11-20T08:40:11Z"_s},
                                {u"type"_s, u"deploy"_s},
                                {u"ref"_s, u"github:deployment:446"_s},
                                {u"title"_s, u"Deploy #446: docs typo fixes"_s}},
                    QJsonObject{{u"time"_s, u"2026-11-20T09:12:03Z"_s},
                                {u"type"_s, u"deploy"_s},
                                {u"ref"_s, u"github:deployment:447"_s},
                                {u"title"_s, u"Deploy #447: analytics query rewrite"_s}}}}};

    Evidence incidents = evidence(u"ev3"_s, u"provider_status"_s, EvidenceKind::Events,
                                  u"statuspage"_s, u"Provider incidents"_s, u"statuspage:openai"_s);
    incidents.data = QJsonObject{
        {u"events"_s, QJsonArray{QJsonObject{{u"time"_s, u"2026-11-20T08:30:00Z"_s},
                                             {u"end"_s, u"2026-11-20T08:50:00Z"_s},
                                             {u"type"_s, u"incident"_s},
                                             {u"ref"_s, u"statuspage:openai:incident:abc"_s},
                                             {u"title"_s, u"Elevated latency"_s}}}}};

    Evidence traffic = evidence(u"ev4"_s, u"traffic"_s, EvidenceKind::Table, u"clickhouse"_s,
                                u"Traffic overview"_s, u"clickhouse:query:q2"_s);
    traffic.data = QJsonObject{
        {u"columns"_s, QJsonArray{u"route"_s, u"provider"_s, u"n"_s, u"p95"_s}},
        {u"rows"_s, QJsonArray{QJsonArray{u"/v1/analytics"_s, u"gateway"_s, 750, 1200},
                               QJsonArray{u"/v1/chat/completions"_s, u"openai"_s, 3750, 2100}}}};

    Evidence config = evidence(u"ev5"_s, u"routing_config"_s, EvidenceKind::Config, u"gateway"_s,
                               u"Config pc-acme-prod"_s, u"gateway:GET /configs/pc-acme-prod"_s);
    config.data = QJsonObject{
        {u"ref"_s, u"config:pc-acme-prod"_s},
        {u"config_id"_s, u"pc-acme-prod"_s},
        {u"config"_s, QJsonObject{{u"strategy"_s, QJsonObject{{u"mode"_s, u"fallback"_s}}}}}};

    Evidence docs =
        evidence(u"ev6"_s, u"docs"_s, EvidenceKind::Text, u"docs"_s, u"Docs"_s, u"docs:search"_s);
    docs.data = QJsonObject{
        {u"items"_s, QJsonArray{QJsonObject{{u"ref"_s, u"docs:docs/dashboard/analytics.md"_s},
                                            {u"title"_s, u"Analytics dashboard"_s},
                                            {u"text"_s, u"Typical p95 is under 500 ms."_s}}}}};

    inv.evidence = {latency, deploys, incidents, traffic, config, docs};
    if (withComparison) {
        Evidence earlier = latency;
        earlier.id = u"ev7"_s;
        earlier.stepId = u"latency_yesterday"_s;
        earlier.title = u"p95 a day earlier"_s;
        earlier.data.insert(
            u"series"_s,
            QJsonArray{QJsonObject{{u"labels"_s, QJsonObject{{u"route"_s, u"/v1/analytics"_s}}},
                                   {u"points"_s, latencyPoints(inv.window.from.addDays(-1), 125,
                                                               inv.window.to.addDays(1))}}});
        inv.evidence.append(earlier);
    }

    const auto step = [](const QString &id, const QString &connector, const QString &title,
                         StepStatus status, const QStringList &evidence,
                         const QString &error = {}) {
        StepRecord s;
        s.id = id;
        s.connector = connector;
        s.title = title;
        s.status = status;
        s.durationMs = 412;
        s.evidenceIds = evidence;
        s.error = error;
        return s;
    };
    inv.steps = {
        step(u"latency_series"_s, u"clickhouse"_s, u"p50/p95/p99 per minute"_s, StepStatus::Ok,
             {u"ev1"_s}),
        step(u"recent_deploys"_s, u"github"_s, u"Deploys in window"_s, StepStatus::Ok, {u"ev2"_s}),
        step(u"provider_status"_s, u"statuspage"_s, u"Provider incidents"_s, StepStatus::Ok,
             {u"ev3"_s}),
        step(u"traffic"_s, u"clickhouse"_s, u"Traffic overview"_s, StepStatus::Ok, {u"ev4"_s}),
        step(u"routing_config"_s, u"gateway"_s, u"Routing config"_s, StepStatus::Ok, {u"ev5"_s}),
        step(u"docs"_s, u"docs"_s, u"Docs"_s, StepStatus::Ok, {u"ev6"_s}),
        step(u"bugs"_s, u"linear"_s, u"Known bugs"_s, StepStatus::Failed, {},
             u"Linear did not answer within 5 s"_s)};

    inv.findings = {Finding{u"p95 rose from 340 ms to 1.2 s at 09:14 UTC on /v1/analytics"_s,
                            {u"route:/v1/analytics"_s},
                            {u"ev1"_s},
                            0.9},
                    Finding{u"Deploy #447 landed at 09:12 UTC, two minutes before"_s,
                            {u"github:deployment:447"_s},
                            {u"ev2"_s, u"ev1"_s},
                            0.8}};
    inv.rootCause = RootCause{u"deploy_regression"_s,
                              u"Deploy #447 (09:12 UTC) slowed /v1/analytics"_s,
                              0.85,
                              {u"github:deployment:447"_s, u"route:/v1/analytics"_s},
                              {u"ev2"_s}};
    inv.rejected = {
        RejectedHypothesis{u"provider_outage"_s, u"incident ended before the shift"_s, {}}};
    inv.diagnosisMarkdown = u"Hi Jun,\n\nDeploy **#447** at 09:12 UTC slowed `/v1/analytics`.\n"_s;
    return inv;
}

} // namespace Casefile::TestData
