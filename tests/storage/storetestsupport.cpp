#include "storetestsupport.h"

#include "core/investigationjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace StoreTestSupport {

QDateTime utc(int day, int hour, int minute, int second)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute, second), QTimeZone::utc());
}

// A rich investigation: every step status, every evidence kind, findings, a root cause,
// rejected hypotheses, unicode and hostile text. `variant` makes distinct ones.
Investigation richInvestigation(const QString &variant, int revision)
{
    Investigation inv;
    inv.ticket.id = u"1042-"_s + variant;
    inv.ticket.subject =
        u"Latency doubled since this morning — Zürich 東京 🚀 ("_s + variant + u")"_s;
    inv.ticket.description =
        u"Our dashboard is slow. <b>not html</b> '); DROP TABLE investigations; --"_s;
    inv.ticket.orgId = u"org_acme"_s;
    inv.ticket.orgName = u"Acme Analytics"_s;
    inv.ticket.requesterEmail = u"jun@acme.dev"_s;
    inv.ticket.createdAt = utc(20, 9, 58);
    inv.playbook = {u"latency-spike"_s, u"ticket mentions latency; p95 shifted"_s};
    inv.window = {utc(19, 9, 0), utc(20, 10, 5)};
    inv.startedAt = utc(20, 10, 5, 1);
    inv.durationMs = 1830 + revision;

    const StepStatus statuses[] = {StepStatus::Ok, StepStatus::Failed, StepStatus::Timeout,
                                   StepStatus::Skipped, StepStatus::Cancelled};
    const QString connectors[] = {u"clickhouse"_s, u"github"_s, u"linear"_s, u"statuspage"_s,
                                  u"pagerduty"_s};
    for (int i = 0; i < 5; ++i) {
        StepRecord s;
        s.id = u"step_%1"_s.arg(i);
        s.connector = connectors[i];
        s.operation = u"op_%1"_s.arg(i);
        s.title = u"Step %1 «ünïcode»"_s.arg(i);
        s.status = statuses[i];
        s.durationMs = 100 * (i + 1);
        s.error = statuses[i] == StepStatus::Ok ? QString() : u"timed out after 5 s"_s;
        s.evidenceIds = i == 0 ? QStringList{u"ev1"_s, u"ev2"_s} : QStringList{};
        s.required = i == 0;
        s.attempts = i + 1;
        inv.steps.append(s);
    }

    const EvidenceKind kinds[] = {EvidenceKind::TimeSeries, EvidenceKind::Events,
                                  EvidenceKind::Table, EvidenceKind::Text, EvidenceKind::Config};
    const QJsonObject payloads[] = {
        QJsonObject{
            {u"unit"_s, u"ms"_s},
            {u"series"_s,
             QJsonArray{QJsonObject{
                 {u"name"_s, u"p95"_s},
                 {u"points"_s, QJsonArray{QJsonArray{u"2026-11-20T09:00:00Z"_s, 340},
                                          QJsonArray{u"2026-11-20T09:15:00Z"_s, 1210.5}}}}}}},
        QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"at"_s, u"2026-11-20T09:12:00Z"_s},
                                                         {u"title"_s, u"Deploy #447"_s},
                                                         {u"ref"_s, u"github:deployment:447"_s}}}}},
        QJsonObject{{u"columns"_s, QJsonArray{u"route"_s, u"p95_ms"_s}},
                    {u"rows"_s, QJsonArray{QJsonArray{u"/v1/analytics"_s, 1200},
                                           QJsonArray{u"/v1/chat"_s, 310}}}},
        QJsonObject{{u"text"_s, u"Status: all systems operational ✓"_s}},
        QJsonObject{{u"format"_s, u"json"_s},
                    {u"config"_s, QJsonObject{{u"retry"_s, QJsonObject{{u"attempts"_s, 3}}}}}},
    };
    for (int i = 0; i < 5; ++i) {
        Evidence e;
        e.id = u"ev%1"_s.arg(i + 1);
        e.stepId = u"step_0"_s;
        e.kind = kinds[i];
        e.connector = connectors[i];
        e.title = u"Evidence %1"_s.arg(i + 1);
        e.source = u"clickhouse:query:q-%1"_s.arg(i + 1);
        e.data = payloads[i];
        inv.evidence.append(e);
    }

    inv.findings.append({u"p95 rose from 340 ms to 1.2 s at 09:14 UTC on /v1/analytics"_s,
                         {u"route:/v1/analytics"_s},
                         {u"ev1"_s},
                         0.9});
    inv.findings.append(
        {u"Deploy #447 landed at 09:12 UTC"_s, {u"github:deployment:447"_s}, {u"ev2"_s}, 0.8});
    inv.rootCause = RootCause{u"deploy_regression"_s,
                              u"Deploy #447 added an unindexed query to /v1/analytics"_s,
                              0.85,
                              {u"github:deployment:447"_s, u"route:/v1/analytics"_s},
                              {u"ev1"_s, u"ev2"_s}};
    inv.rejected.append({u"provider_outage"_s,
                         u"all provider status pages green in window"_s,
                         {u"statuspage:openai:incident:none"_s}});
    inv.diagnosisMarkdown =
        u"## Diagnosis\n\nDeploy **#447** regressed `/v1/analytics`. Revision "_s +
        QString::number(revision);
    inv.notChecked = {u"jira"_s};
    return inv;
}

QByteArray canonical(const Investigation &inv)
{
    return investigationToJsonBytes(inv, false);
}

// The schemas as released, frozen here so migrations are tested from what real users have.
const QStringList schemaV1 = {
    uR"(CREATE TABLE investigations (
            id TEXT PRIMARY KEY NOT NULL, ticket_id TEXT, subject TEXT, org_id TEXT,
            playbook TEXT, category TEXT, confidence REAL NOT NULL DEFAULT 0, started_at TEXT,
            duration_ms INTEGER NOT NULL DEFAULT 0, saved_at TEXT NOT NULL,
            document TEXT NOT NULL))"_s,
    u"CREATE INDEX investigations_by_saved_at ON investigations (saved_at)"_s,
    u"CREATE INDEX investigations_by_ticket ON investigations (ticket_id)"_s,
    uR"(CREATE TABLE steps (
            investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
            position INTEGER NOT NULL, step_id TEXT, connector TEXT, operation TEXT, title TEXT,
            status TEXT, duration_ms INTEGER NOT NULL DEFAULT 0, error TEXT,
            PRIMARY KEY (investigation_id, position)))"_s,
    uR"(CREATE TABLE evidence (
            investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
            position INTEGER NOT NULL, evidence_id TEXT, step_id TEXT, kind TEXT, connector TEXT,
            title TEXT, source TEXT, data TEXT, PRIMARY KEY (investigation_id, position)))"_s,
    uR"(CREATE TABLE tickets (
            workspace TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, subject TEXT,
            status TEXT, updated_at TEXT, snapshot TEXT NOT NULL, PRIMARY KEY (workspace, id)))"_s,
    u"PRAGMA user_version = 1"_s,
};

const QStringList schemaV2 = {
    uR"(CREATE TABLE drafts (
            investigation_id TEXT NOT NULL, revision INTEGER NOT NULL, ticket_id TEXT,
            markdown TEXT, saved_at TEXT NOT NULL, PRIMARY KEY (investigation_id, revision)))"_s,
    uR"(CREATE TABLE sends (
            id TEXT PRIMARY KEY NOT NULL, investigation_id TEXT NOT NULL, ticket_id TEXT,
            body TEXT NOT NULL, is_public INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
            remote_id TEXT, error TEXT, created_at TEXT NOT NULL, sent_at TEXT))"_s,
    u"CREATE INDEX sends_by_investigation ON sends (investigation_id, created_at)"_s,
    u"PRAGMA user_version = 2"_s,
};

QString crashId(int i)
{
    return u"crash-%1"_s.arg(i);
}

Investigation crashInvestigation(int i, int revision)
{
    Investigation inv = richInvestigation(u"crash%1"_s.arg(i), revision);
    // Bulk, so a save takes long enough to be killed in the middle now and then.
    inv.diagnosisMarkdown += QString(2000 + (i % 7) * 500, QChar(u'x'));
    return inv;
}

// An integer from the environment (trial counts, seeds), or `fallback`.
int envInt(const char *name, int fallback)
{
    return qEnvironmentVariableIsSet(name) ? qEnvironmentVariableIntValue(name) : fallback;
}

bool fillSearchStore(Store &store)
{
    Investigation latency = richInvestigation(u"lat"_s);
    latency.ticket.description += u" The customer is upset."_s;
    if (!store.saveInvestigation(latency, u"latency"_s))
        return false;

    Investigation hooks;
    hooks.ticket.id = u"2001"_s;
    hooks.ticket.subject = u"Webhooks failing for every event"_s;
    hooks.ticket.description =
        u"We see a signature mismatch on each delivery; the customer retries."_s;
    hooks.ticket.orgId = u"org_globex"_s;
    hooks.playbook = {u"webhook-failures"_s, u"mentions webhooks"_s};
    hooks.startedAt = utc(21, 8, 0);
    hooks.durationMs = 900;
    if (!store.saveInvestigation(hooks, u"hooks"_s))
        return false;
    return true;
}

// A store of schema v1, as released, holding `count` investigations (crashId(0..count-1)).
bool writeV1Store(const QString &path, int count)
{
    DirectDb db(path);
    if (!db.ok())
        return false;
    for (const QString &sql : schemaV1) {
        if (!db.exec(sql))
            return false;
    }
    if (!db.exec(u"BEGIN"_s))
        return false;
    for (int i = 0; i < count; ++i) {
        const Investigation inv = crashInvestigation(i, 0);
        if (!db.exec(u"INSERT INTO investigations (id, ticket_id, subject, org_id, playbook, "
                     u"category, confidence, started_at, duration_ms, saved_at, document) "
                     u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                     {crashId(i), inv.ticket.id, inv.ticket.subject, inv.ticket.orgId,
                      inv.playbook.name, inv.rootCause->category, inv.rootCause->confidence,
                      inv.startedAt.toString(Qt::ISODateWithMs), inv.durationMs,
                      u"2026-11-20T10:06:00.000Z"_s, QString::fromUtf8(canonical(inv))}))
            return false;
    }
    return db.exec(u"COMMIT"_s);
}

std::unique_ptr<SqliteStore> StoreTestBase::openStore(const StoreOptions &options)
{
    auto store = SqliteStore::open(dbPath(), options);
    if (!store) {
        qWarning() << store.error().message << store.error().detail;
        return {};
    }
    return std::move(*store);
}

} // namespace StoreTestSupport
