// ClickHouse at a gateway's scale: every ClickHouse step of every built-in playbook, run through
// the ClickHouse connector exactly as an investigation runs it (same SQL, same settings, same
// HTTP interface), for one organisation and one window. Prints one JSON object on stdout.
//
//   bench_clickhouse --url URL --database DB --org ORG --from ISO --to ISO [--repeats 3]
//                    [--provider P] [--print-sql]
//
// Each step runs once untimed (the first read of its data from disk, and the table's layout read
// beside the first step), then `--repeats` times; the median and the worst of those are
// reported, with the step's queries as sent (to find them in the server's query log).
// --print-sql logs every query's SQL on stderr.
#include "connectors/clickhouse/clickhouseconnector.h"
#include "core/engine/playbook.h"
#include "core/engine/playbooklibrary.h"
#include "core/time.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption urlOption(u"url"_s, u"ClickHouse HTTP URL."_s, u"URL"_s);
    const QCommandLineOption dbOption(u"database"_s, u"Database."_s, u"DB"_s, u"default"_s);
    const QCommandLineOption orgOption(u"org"_s, u"Organisation."_s, u"ORG"_s);
    const QCommandLineOption fromOption(u"from"_s, u"Window start (ISO)."_s, u"ISO"_s);
    const QCommandLineOption toOption(u"to"_s, u"Window end (ISO)."_s, u"ISO"_s);
    const QCommandLineOption providerOption(u"provider"_s, u"Provider for provider steps."_s,
                                            u"P"_s, u"openai"_s);
    const QCommandLineOption repeatsOption(u"repeats"_s, u"Timed runs per step."_s, u"N"_s, u"3"_s);
    const QCommandLineOption sqlOption(u"print-sql"_s, u"Log each query's SQL on stderr."_s);
    parser.addOptions({urlOption, dbOption, orgOption, fromOption, toOption, providerOption,
                       repeatsOption, sqlOption});
    parser.process(app);
    QLoggingCategory::setFilterRules(parser.isSet(sqlOption)
                                         ? u"casefile.connectors.debug=true"_s
                                         : u"casefile.connectors.debug=false"_s);

    ConnectionSettings settings;
    settings.system = u"clickhouse"_s;
    settings.type = u"clickhouse"_s;
    settings.url = parser.value(urlOption);
    settings.account = u"default"_s;
    settings.options = {{u"database"_s, parser.value(dbOption)}};
    ClickHouseConnector connector(settings, QString());

    const QDateTime from = fromIso(parser.value(fromOption));
    const QDateTime to = fromIso(parser.value(toOption));
    if (!from.isValid() || !to.isValid() || parser.value(urlOption).isEmpty()) {
        QTextStream(stderr) << "bench_clickhouse: --url, --from and --to are required\n";
        return 2;
    }
    // What the engine would bind for a ticket of this org about this window; the anchor (when
    // the problem began) is put in the middle of the window.
    const QJsonObject values{{u"org"_s, parser.value(orgOption)},
                             {u"window.from"_s, toIsoUtc(from)},
                             {u"window.to"_s, toIsoUtc(to)},
                             {u"anchor"_s, toIsoUtc(from.addSecs(from.secsTo(to) / 2))},
                             {u"provider"_s, parser.value(providerOption)}};
    const int repeats = std::max(1, parser.value(repeatsOption).toInt());

    const PlaybookLibrary library = PlaybookLibrary::load({}, false);
    QJsonArray steps;
    QSet<QString> seen; // a step shared by several playbooks (same operation and args) runs once
    double worst = 0;
    for (const Playbook &playbook : library.playbooks()) {
        for (const PlaybookStep &step : playbook.steps) {
            if (step.connector != u"clickhouse"_s)
                continue;
            const QJsonObject args = renderTemplates(step.args, values).toObject();
            const QString key =
                step.operation +
                QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact));
            if (seen.contains(key))
                continue;
            seen.insert(key);
            OperationCall call;
            call.stepId = step.id;
            call.operation = step.operation;
            call.args = args;
            std::vector<double> times;
            QString error;
            qint64 rows = 0;
            double cold = 0;
            QString sql; // the queries of the last run, for the server's query log
            for (int i = 0; i <= repeats && error.isEmpty(); ++i) {
                call.limits = WorkLimits{};
                call.limits.deadline = QDeadlineTimer(std::chrono::seconds(step.timeoutS));
                QElapsedTimer t;
                t.start();
                auto out = connector.run(call);
                const double ms = t.nsecsElapsed() / 1e6;
                if (!out) {
                    error = out.error().message;
                    break;
                }
                sql = out->evidence.value(0).query;
                if (i == 0) {
                    cold = ms;
                    const QJsonObject data = out->evidence.value(0).data;
                    rows = data.value(u"rows"_s).toArray().size() +
                           data.value(u"series"_s).toArray().size();
                } else {
                    times.push_back(ms);
                }
            }
            QJsonObject entry{{u"playbook"_s, playbook.name},
                              {u"step"_s, step.id},
                              {u"operation"_s, step.operation},
                              // the org comparison reads every org's rows, whatever `org` says
                              {u"all_orgs"_s, args.value(u"org"_s).toString().isEmpty() ||
                                                  step.operation == u"org_comparison"_s}};
            if (!error.isEmpty()) {
                entry.insert(u"error"_s, error);
            } else {
                const double med = median(times);
                worst = std::max(worst, med);
                entry.insert(u"first_ms"_s, std::round(cold * 10) / 10);
                entry.insert(u"median_ms"_s, std::round(med * 10) / 10);
                entry.insert(u"worst_ms"_s,
                             std::round(*std::max_element(times.begin(), times.end()) * 10) / 10);
                entry.insert(u"result_rows_or_series"_s, rows);
                // One query a paragraph; the comment lines (a layout note) are not sent.
                QJsonArray queries;
                for (const QString &text : sql.split(u"\n\n"_s, Qt::SkipEmptyParts)) {
                    QStringList lines = text.split(u'\n');
                    lines.removeIf([](const QString &l) { return l.startsWith(u"-- "_s); });
                    queries.append(lines.join(u'\n'));
                }
                entry.insert(u"queries"_s, queries);
            }
            QTextStream(stderr) << "  " << playbook.name << '/' << step.id << ": "
                                << QJsonDocument(entry).toJson(QJsonDocument::Compact) << '\n';
            steps.append(entry);
        }
    }
    const QJsonObject result{{u"org"_s, parser.value(orgOption)},
                             {u"from"_s, toIsoUtc(from)},
                             {u"to"_s, toIsoUtc(to)},
                             {u"repeats"_s, repeats},
                             {u"slowest_step_median_ms"_s, worst},
                             {u"steps"_s, steps}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
