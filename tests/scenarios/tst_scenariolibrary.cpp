// The scenario library (tests/scenarios/*.json): every anomaly's effect must stand out of the
// noise in the generated logs, so a scenario's truth never depends on a random draw, and
// every truth entry must name a ticket of its scenario with the result contract's vocabulary.
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Casefile::Sandbox;

namespace {

QString libraryDir()
{
    return qEnvironmentVariable("CASEFILE_SOURCE_DIR") + u"/tests/scenarios"_s;
}

// The library and its held-out sets: the held-out scenarios' data must stand out as much.
QStringList libraryFiles()
{
    QStringList files;
    QStringList dirs{libraryDir()};
    for (const QString &set :
         QDir(libraryDir()).entryList({u"heldout*"_s}, QDir::Dirs | QDir::NoDotAndDotDot))
        dirs << libraryDir() + u'/' + set;
    for (const QString &dir : std::as_const(dirs)) {
        const QFileInfoList infos = QDir(dir).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name);
        for (const QFileInfo &info : infos)
            files << info.absoluteFilePath();
    }
    return files;
}

QString kindName(TrafficAnomaly::Kind kind)
{
    switch (kind) {
    case TrafficAnomaly::Kind::Latency:
        return u"latency"_s;
    case TrafficAnomaly::Kind::Errors:
        return u"errors"_s;
    case TrafficAnomaly::Kind::Timeouts:
        return u"timeouts"_s;
    case TrafficAnomaly::Kind::MetadataDropped:
        return u"metadata_dropped"_s;
    case TrafficAnomaly::Kind::RateLimited:
        return u"rate_limited"_s;
    case TrafficAnomaly::Kind::Volume:
        return u"volume"_s;
    }
    return {};
}

bool streamMatches(const TrafficStream &stream, const MatchRule &rule)
{
    return matches(rule, [&](const QString &field) { return stream.field(field); });
}

bool webhookMatches(const WebhookStream &stream, const MatchRule &rule)
{
    // `event` narrows single deliveries (rowMatchesEvent); here only org and endpoint count.
    return matches(rule, [&](const QString &field) {
        if (field == "org"_L1)
            return stream.org;
        if (field == "endpoint"_L1)
            return stream.endpoint;
        return rule.value(field);
    });
}

// A delivery of an anomaly that names an `event` matches only when it carries that event.
bool rowMatchesEvent(const WebhookRow &row, const GeneratedLogs &logs, const MatchRule &rule)
{
    return !rule.contains(u"event"_s) || logs.strings.value(row.event) == rule.value(u"event"_s);
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

double share(qsizetype hits, qsizetype total)
{
    return total == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(total);
}

// Generating a scenario takes a moment; the data rows of one file share one generation.
struct Generated
{
    QString path;
    Scenario scenario;
    GeneratedLogs logs;
};

std::unique_ptr<Generated> g_cache;

const Generated *generated(const QString &path)
{
    if (g_cache && g_cache->path == path)
        return g_cache.get();
    auto scenario = loadScenario(path);
    if (!scenario)
        return nullptr;
    auto fresh = std::make_unique<Generated>();
    fresh->path = path;
    fresh->scenario = std::move(*scenario);
    fresh->logs = generateLogs(fresh->scenario);
    g_cache = std::move(fresh);
    return g_cache.get();
}

} // namespace

class TestScenarioLibrary final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(libraryFiles().size() >= 14, qPrintable(libraryDir()));
    }

    void trafficAnomalyStandsOut_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("index");
        for (const QString &path : libraryFiles()) {
            const auto s = loadScenario(path);
            QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().message));
            for (qsizetype i = 0; i < s->anomalies.size(); ++i) {
                const QString row = u"%1 #%2 %3"_s.arg(QFileInfo(path).baseName())
                                        .arg(i)
                                        .arg(kindName(s->anomalies.at(i).kind));
                QTest::newRow(qPrintable(row)) << path << static_cast<int>(i);
            }
        }
    }

    // Compares the rows of the anomaly's streams inside its window with the rows of the same
    // streams while no anomaly touches them.
    void trafficAnomalyStandsOut()
    {
        QFETCH(QString, path);
        QFETCH(int, index);
        const Generated *g = generated(path);
        QVERIFY(g);
        const Scenario &s = g->scenario;
        const TrafficAnomaly &a = s.anomalies.at(index);

        QList<bool> affected;
        for (const TrafficStream &stream : s.streams)
            affected << streamMatches(stream, a.match);
        auto quiet = [&](const RequestRow &r) {
            for (const TrafficAnomaly &other : s.anomalies) {
                if (other.activeAt(r.ts) && streamMatches(s.streams.at(r.stream), other.match))
                    return false;
            }
            return true;
        };

        // The baseline: the same streams while no anomaly touches them, or, for an anomaly that
        // lasts the whole traffic, the other streams (the contrast a diagnosis draws on).
        struct Sample
        {
            std::vector<double> latency;
            qsizetype rows = 0;
            qsizetype hits = 0;
            qint64 first = 0;
            qint64 last = 0;
            void add(const RequestRow &r, bool isHit)
            {
                ++rows;
                hits += isHit ? 1 : 0;
                if (r.status == 200)
                    latency.push_back(r.latencyMs);
                first = first == 0 ? r.ts : std::min(first, r.ts);
                last = std::max(last, r.ts);
            }
        };
        Sample in, same, others;
        qsizetype outsideRows = 0; // the anomaly's streams outside its window, under any other
                                   // anomaly or none
        auto hit = [&](const RequestRow &r) {
            switch (a.kind) {
            case TrafficAnomaly::Kind::Errors:
            case TrafficAnomaly::Kind::Timeouts:
                return a.fallbackTo ? r.fallbackUsed == 1 : r.status == a.status;
            case TrafficAnomaly::Kind::RateLimited:
                return r.status == 429;
            case TrafficAnomaly::Kind::MetadataDropped:
                return r.metadataDropped;
            case TrafficAnomaly::Kind::Latency:
            case TrafficAnomaly::Kind::Volume:
                return false;
            }
            return false;
        };
        for (const RequestRow &r : g->logs.requests) {
            if (affected.at(r.stream) && !a.activeAt(r.ts))
                ++outsideRows;
            if (affected.at(r.stream) && a.activeAt(r.ts))
                in.add(r, hit(r));
            else if (affected.at(r.stream) && quiet(r))
                same.add(r, hit(r));
            else if (quiet(r))
                others.add(r, hit(r));
        }
        const bool sameStreams = same.rows >= 600;
        const Sample &base = sameStreams ? same : others;
        if (a.kind == TrafficAnomaly::Kind::Volume && a.factor == 0) {
            // a stream switched off (a service moved to another config, a client upgraded):
            // silent inside, busy outside, where another anomaly may touch it (the new client
            // loses its metadata from the switch on)
            QVERIFY2(in.rows == 0, qPrintable(u"%1 rows in a switched-off window"_s.arg(in.rows)));
            QVERIFY2(outsideRows >= 600,
                     "a switched-off stream needs traffic of its own outside it");
            return;
        }
        QVERIFY2(in.rows >= 60, qPrintable(u"only %1 rows in the window"_s.arg(in.rows)));
        QVERIFY2(base.rows >= 600, qPrintable(u"only %1 rows to compare with"_s.arg(base.rows)));
        const qsizetype inside = in.rows, insideHits = in.hits, quietRows = base.rows,
                        quietHits = base.hits;
        const double insideShare = share(insideHits, inside);
        const double quietShare = share(quietHits, quietRows);
        const QString detail = u"inside %1 of %2 rows, outside %3 of %4"_s.arg(insideHits)
                                   .arg(inside)
                                   .arg(quietHits)
                                   .arg(quietRows);
        switch (a.kind) {
        case TrafficAnomaly::Kind::Errors:
        case TrafficAnomaly::Kind::Timeouts:
        case TrafficAnomaly::Kind::RateLimited:
            // At least 15% of the requests, and ten times what the noise makes.
            QVERIFY2(insideShare >= std::max(0.15, 0.6 * a.rate), qPrintable(detail));
            QVERIFY2(insideShare >= 10 * quietShare, qPrintable(detail));
            break;
        case TrafficAnomaly::Kind::MetadataDropped:
            QVERIFY2(insideShare > 0.99, qPrintable(detail));
            QVERIFY2(quietShare < 0.01, qPrintable(detail));
            break;
        case TrafficAnomaly::Kind::Latency: {
            QVERIFY2(sameStreams, "a latency anomaly needs a before/after on its own streams");
            const double ratio = median(in.latency) / std::max(1.0, median(base.latency));
            QVERIFY2(ratio >= 1.5,
                     qPrintable(u"median latency ratio %1 (factor %2)"_s.arg(ratio).arg(a.factor)));
            break;
        }
        case TrafficAnomaly::Kind::Volume: {
            QVERIFY2(sameStreams, "a volume anomaly needs a before/after on its own streams");
            const double insideRate = inside / std::max<double>(60, in.last - in.first + 60);
            const double quietRate = quietRows / std::max<double>(60, base.last - base.first + 60);
            QVERIFY2(
                insideRate >= 0.5 * a.factor * quietRate,
                qPrintable(u"rows per second %1 inside, %2 outside (factor %3)"_s.arg(insideRate)
                               .arg(quietRate)
                               .arg(a.factor)));
            break;
        }
        }
    }

    void webhookAnomalyStandsOut_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("index");
        for (const QString &path : libraryFiles()) {
            const auto s = loadScenario(path);
            QVERIFY(s.has_value());
            for (qsizetype i = 0; i < s->webhookAnomalies.size(); ++i) {
                const QString row = u"%1 #%2"_s.arg(QFileInfo(path).baseName()).arg(i);
                QTest::newRow(qPrintable(row)) << path << static_cast<int>(i);
            }
        }
    }

    void webhookAnomalyStandsOut()
    {
        QFETCH(QString, path);
        QFETCH(int, index);
        const Generated *g = generated(path);
        QVERIFY(g);
        const Scenario &s = g->scenario;
        const WebhookAnomaly &a = s.webhookAnomalies.at(index);
        const quint16 error = static_cast<quint16>(g->logs.strings.indexOf(a.error));
        qsizetype inside = 0, insideHits = 0, outside = 0, outsideHits = 0;
        for (const WebhookRow &r : g->logs.webhooks) {
            if (!webhookMatches(s.webhookStreams.at(r.stream), a.match) ||
                !rowMatchesEvent(r, g->logs, a.match))
                continue;
            const bool failed = r.status == a.status && r.error == error;
            if (a.activeAt(r.ts)) {
                ++inside;
                insideHits += failed ? 1 : 0;
            } else {
                ++outside;
                outsideHits += failed ? 1 : 0;
            }
        }
        const QString detail = u"inside %1 of %2 attempts, outside %3 of %4"_s.arg(insideHits)
                                   .arg(inside)
                                   .arg(outsideHits)
                                   .arg(outside);
        QVERIFY2(inside >= 30, qPrintable(detail));
        QVERIFY2(share(insideHits, inside) >= std::max(0.15, 0.6 * a.rate), qPrintable(detail));
        QVERIFY2(share(outsideHits, outside) < 0.01, qPrintable(detail));
    }

    void truthNamesTickets_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &path : libraryFiles())
            QTest::newRow(qPrintable(QFileInfo(path).baseName())) << path;
    }

    void truthNamesTickets()
    {
        QFETCH(QString, path);
        const auto s = loadScenario(path);
        QVERIFY(s.has_value());
        static const QSet<QString> playbooks = {
            u"api-errors"_s, u"latency-spike"_s, u"webhook-failures"_s, u"provider-routing"_s,
            u"fallback"_s,   u"token-billing"_s, u"metadata"_s};
        static const QSet<QString> categories = {u"deploy_regression"_s, u"provider_outage"_s,
                                                 u"customer_config"_s,   u"known_bug"_s,
                                                 u"billing_pipeline"_s,  u"expected_behavior"_s,
                                                 u"customer_endpoint"_s, u"rate_limited"_s,
                                                 u"sdk_version"_s,       u"no_fault_found"_s};
        QSet<QString> ticketIds;
        for (const QJsonValue &t : s->tickets)
            ticketIds.insert(QString::number(t.toObject().value(u"id"_s).toInteger()));
        QVERIFY(!s->truth.isEmpty());
        for (auto it = s->truth.constBegin(); it != s->truth.constEnd(); ++it) {
            QVERIFY2(ticketIds.contains(it.key()), qPrintable(it.key()));
            const QJsonObject truth = it.value().toObject();
            QVERIFY2(playbooks.contains(truth.value(u"playbook"_s).toString()),
                     qPrintable(it.key()));
            QVERIFY2(categories.contains(truth.value(u"category"_s).toString()),
                     qPrintable(it.key()));
            QVERIFY2(!truth.value(u"refs_forbidden"_s).toArray().isEmpty(),
                     qPrintable(u"%1 names no red herring"_s.arg(it.key())));
            QVERIFY2(!truth.value(u"must_mention"_s).toArray().isEmpty(), qPrintable(it.key()));
            for (const QJsonValue &ref : truth.value(u"refs_required"_s).toArray())
                QVERIFY2(!truth.value(u"refs_forbidden"_s).toArray().contains(ref),
                         qPrintable(ref.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestScenarioLibrary)
#include "tst_scenariolibrary.moc"
