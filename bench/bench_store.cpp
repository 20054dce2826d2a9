// Store benchmark: save, open and full-text search with N saved investigations.
// Prints one JSON object on stdout. Usage: bench_store [N] [FOLDER]
// With FOLDER the database is kept there, and a later run on the same FOLDER measures open
// and search on it without saving N investigations again (the save figures are then absent).
#include "core/time.h"
#include "storage/sqlitestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

const QStringList kWords = {u"latency"_s,   u"timeout"_s,   u"fallback"_s,   u"anthropic"_s,
                            u"openai"_s,    u"invoice"_s,   u"webhook"_s,    u"metadata"_s,
                            u"dashboard"_s, u"analytics"_s, u"overloaded"_s, u"deploy"_s};

Investigation makeInvestigation(int i, QRandomGenerator &rng)
{
    Investigation inv;
    inv.ticket.id = QString::number(10000 + i);
    inv.ticket.orgId = u"org_%1"_s.arg(i % 97);
    inv.ticket.subject =
        u"%1 %2 since this morning (#%3)"_s
            .arg(kWords.at(rng.bounded(kWords.size())), kWords.at(rng.bounded(kWords.size())))
            .arg(i);
    inv.ticket.description = u"Customer text about "_s + kWords.at(rng.bounded(kWords.size())) +
                             u" and "_s + kWords.at(rng.bounded(kWords.size()));
    inv.playbook = {u"latency-spike"_s, u"mentions slow"_s};
    const QDateTime start =
        QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc()).addSecs(i * 60);
    inv.window = {start.addSecs(-86400), start};
    inv.startedAt = start;
    inv.durationMs = 1500 + rng.bounded(1000);
    for (int s = 0; s < 10; ++s) {
        StepRecord r;
        r.id = u"step%1"_s.arg(s);
        r.connector = s < 4 ? u"clickhouse"_s : u"github"_s;
        r.title = u"Step %1"_s.arg(s);
        r.status = StepStatus::Ok;
        r.durationMs = rng.bounded(900);
        r.evidenceIds = {u"ev%1"_s.arg(s + 1)};
        inv.steps.append(r);
        Evidence e;
        e.id = u"ev%1"_s.arg(s + 1);
        e.kind = EvidenceKind::TimeSeries;
        e.connector = r.connector;
        e.title = r.title;
        e.source = u"clickhouse:query:q%1-%2"_s.arg(i).arg(s);
        QJsonArray points;
        for (int p = 0; p < 60; ++p)
            points.append(QJsonArray{toIsoUtc(start.addSecs(p * 60)), 40, 0, 340, 620, 900});
        e.data = QJsonObject{{u"bucket_s"_s, 60},
                             {u"series"_s, QJsonArray{QJsonObject{{u"points"_s, points}}}}};
        inv.evidence.append(e);
    }
    inv.rootCause = RootCause{u"deploy_regression"_s,
                              u"Deploy #%1 slowed /v1/analytics"_s.arg(i),
                              0.8,
                              {u"github:deployment:%1"_s.arg(i)},
                              {}};
    inv.diagnosisMarkdown = u"Hi, p95 rose at 09:14 UTC after deploy #%1."_s.arg(i);
    return inv;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir temporary;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.path();
    const QString path = folder + u"/bench.sqlite"_s;
    const bool reuse = argc > 2 && QFile::exists(path);
    auto store = SqliteStore::open(path);
    if (!store) {
        std::fprintf(stderr, "cannot open store: %s\n", qPrintable(store.error().message));
        return 1;
    }
    QRandomGenerator rng(42);
    QStringList ids;
    std::vector<double> saveMs;
    QElapsedTimer total;
    total.start();
    for (int offset = 0; reuse && offset < n; offset += 1000) {
        auto page = (*store)->listInvestigations(std::min(1000, n - offset), offset);
        if (!page || page->isEmpty())
            break;
        for (const SavedInvestigationSummary &s : *page)
            ids.append(s.id);
    }
    if (reuse && ids.size() < n) {
        std::fprintf(stderr, "%s holds %lld investigations, not %d\n", qPrintable(path),
                     qlonglong(ids.size()), n);
        return 1;
    }
    for (int i = 0; !reuse && i < n; ++i) {
        QElapsedTimer t;
        t.start();
        auto id = (*store)->saveInvestigation(makeInvestigation(i, rng));
        saveMs.push_back(t.nsecsElapsed() / 1e6);
        if (!id) {
            std::fprintf(stderr, "save failed: %s\n", qPrintable(id.error().message));
            return 1;
        }
        ids.append(*id);
    }
    const double saveAllS = total.elapsed() / 1000.0;

    std::vector<double> openMs;
    for (int i = 0; i < 200; ++i) {
        const QString &id = ids.at(rng.bounded(ids.size()));
        QElapsedTimer t;
        t.start();
        auto inv = (*store)->loadInvestigation(id);
        openMs.push_back(t.nsecsElapsed() / 1e6);
        if (!inv)
            return 1;
    }
    std::vector<double> searchMs;
    int hits = 0;
    for (int i = 0; i < 50; ++i) {
        const QString query = kWords.at(i % kWords.size());
        QElapsedTimer t;
        t.start();
        auto found = (*store)->search(query, 100);
        searchMs.push_back(t.nsecsElapsed() / 1e6);
        if (!found)
            return 1;
        hits += found->size();
    }
    std::vector<double> listMs;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        auto list = (*store)->listInvestigations(200, 0);
        listMs.push_back(t.nsecsElapsed() / 1e6);
    }
    QJsonObject result{{u"investigations"_s, n},
                       {u"fts5"_s, (*store)->hasFullTextSearch()},
                       {u"open_median_ms"_s, median(openMs)},
                       {u"search_median_ms"_s, median(searchMs)},
                       {u"search_worst_ms"_s, *std::max_element(searchMs.begin(), searchMs.end())},
                       {u"search_hits"_s, hits},
                       {u"list_200_median_ms"_s, median(listMs)}};
    if (!reuse) {
        result.insert(u"save_all_s"_s, saveAllS);
        result.insert(u"save_median_ms"_s, median(saveMs));
    }
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
