// casefile-sandbox: a customer's systems on loopback, served from a scenario file
// (contracts/cli.md). Exit codes: 0 after a clean stop on SIGINT/SIGTERM, 2 for bad arguments
// or a bad scenario, 1 when something it needs (ClickHouse, a port) fails.

#include "core/operations.h"
#include "core/profile.h"
#include "core/time.h"
#include "sandbox/billing.h"
#include "sandbox/clickhouseloader.h"
#include "sandbox/clickhouseserver.h"
#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include "sandbox/fakes/fakeservices.h"
#include "sandbox/sandboxlogging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <expected>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Sandbox;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

// Self-pipe: the signal handler only writes a byte; the event loop does the stopping.
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 &&
           ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void printError(const QString &message)
{
    std::fprintf(stderr, "casefile-sandbox: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
}

// The systems a sandbox serves: every connector with step operations.
const QStringList &systemNames()
{
    static const QStringList names = Operations::connectors();
    return names;
}

// Vendor names are accepted for their system ("zendesk=reset").
QString systemName(const QString &name)
{
    static const QMap<QString, QString> vendors = {{u"zendesk"_s, u"helpdesk"_s},
                                                   {u"intercom"_s, u"helpdesk"_s},
                                                   {u"plain"_s, u"helpdesk"_s},
                                                   {u"portkey"_s, u"gateway"_s},
                                                   {u"openai"_s, u"llm"_s}};
    const QString lower = name.trimmed().toLower();
    const QString system = vendors.value(lower, lower);
    return systemNames().contains(system) ? system : QString();
}

struct FaultOption
{
    QString kind;
    double rate = 1.0;
};

struct SystemOptions
{
    int latencyMs = 0;
    int latencyMaxMs = 0;
    std::optional<FaultOption> fault;
};

Result<QMap<QString, SystemOptions>> parseSystemOptions(const QStringList &latencies,
                                                        const QStringList &faults)
{
    QMap<QString, SystemOptions> options;
    auto split = [](const QString &value,
                    const QString &option) -> Result<std::pair<QString, QString>> {
        const qsizetype eq = value.indexOf(u'=');
        if (eq <= 0 || eq == value.size() - 1) {
            return fail(Error::Code::InvalidInput,
                        u"%1 %2: expected SYSTEM=VALUE"_s.arg(option, value));
        }
        const QString system = systemName(value.left(eq));
        if (system.isEmpty()) {
            return fail(Error::Code::InvalidInput,
                        u"%1 %2: unknown system \"%3\" (expected one of %4)"_s.arg(
                            option, value, value.left(eq), systemNames().join(u", "_s)));
        }
        return std::pair{system, value.mid(eq + 1)};
    };
    for (const QString &value : latencies) {
        auto parts = split(value, u"--latency"_s);
        if (!parts)
            return std::unexpected(parts.error());
        // MS, or MIN-MAX: each answer then waits a uniformly drawn time in that range.
        const QStringList range = parts->second.split(u'-');
        bool ok = range.size() <= 2;
        const int ms = range.value(0).toInt(&ok);
        bool okMax = true;
        const int maxMs = range.size() == 2 ? range.at(1).toInt(&okMax) : ms;
        if (!ok || !okMax || ms < 0 || maxMs < ms || maxMs > 600000) {
            return fail(
                Error::Code::InvalidInput,
                u"--latency %1: expected milliseconds (or MIN-MAX) between 0 and 600000"_s.arg(
                    value));
        }
        options[parts->first].latencyMs = ms;
        options[parts->first].latencyMaxMs = maxMs;
    }
    static const QStringList kinds = {u"timeout"_s, u"429"_s,  u"500"_s,       u"malformed"_s,
                                      u"reset"_s,   u"slow"_s, u"gzip-bomb"_s, u"oversized"_s};
    for (const QString &value : faults) {
        auto parts = split(value, u"--fault"_s);
        if (!parts)
            return std::unexpected(parts.error());
        FaultOption fault;
        const qsizetype colon = parts->second.indexOf(u':');
        fault.kind = colon < 0 ? parts->second : parts->second.left(colon);
        if (!kinds.contains(fault.kind)) {
            return fail(Error::Code::InvalidInput,
                        u"--fault %1: unknown fault \"%2\" (expected one of %3)"_s.arg(
                            value, fault.kind, kinds.join(u", "_s)));
        }
        if (colon >= 0) {
            bool ok = false;
            fault.rate = parts->second.mid(colon + 1).toDouble(&ok);
            if (!ok || fault.rate < 0 || fault.rate > 1) {
                return fail(
                    Error::Code::InvalidInput,
                    u"--fault %1: the rate after ':' must be a number between 0 and 1"_s.arg(
                        value));
            }
        }
        options[parts->first].fault = fault;
    }
    return options;
}

bool writeProfile(const QString &path, const QJsonObject &profile, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(profile).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

// What the command line asks for, checked.
struct Arguments
{
    QString scenarioPath;
    QString profilePath; // absolute
    QUrl clickhouseUrl;  // empty: start a server
    bool clickhouseGiven = false;
    QString database;
    bool databaseGiven = false;
    double rowsScale = 1.0;
    QMap<QString, SystemOptions> systems;
    bool control = false;
};

// The options of the command line, in the order --help lists them.
struct CommandLine
{
    QCommandLineParser parser;
    const QCommandLineOption scenario{u"scenario"_s, u"The scenario file."_s, u"FILE"_s};
    const QCommandLineOption profile{u"profile-out"_s, u"Where to write the workspace profile."_s,
                                     u"PROFILE"_s};
    const QCommandLineOption clickhouse{
        u"clickhouse-url"_s,
        u"Use this ClickHouse server instead of starting one (its database "
        u"\"casefile\" is dropped and recreated)."_s,
        u"URL"_s};
    const QCommandLineOption database{
        u"clickhouse-database"_s,
        u"The ClickHouse database to (re)create and serve (default casefile), so that sandboxes "
        u"can share one server; with --clickhouse-url it is dropped again on a clean stop."_s,
        u"NAME"_s, QString::fromLatin1(ClickHouseLoader::DefaultDatabase)};
    const QCommandLineOption latency{
        u"latency"_s,
        u"Delay every answer of SYSTEM by MS, or by a uniformly drawn time in MIN-MAX "
        u"(repeatable)."_s,
        u"SYSTEM=MS"_s};
    const QCommandLineOption fault{
        u"fault"_s,
        u"Inject a fault into SYSTEM's answers: timeout, 429, 500, malformed, reset, slow, "
        u"gzip-bomb or oversized, "
        u"optionally for a share RATE of them (repeatable)."_s,
        u"SYSTEM=KIND[:RATE]"_s};
    const QCommandLineOption scale{u"rows-scale"_s, u"Multiply every stream's rate (benchmarks)."_s,
                                   u"F"_s, u"1"_s};
    const QCommandLineOption quiet{u"quiet"_s, u"Log only warnings."_s};
    const QCommandLineOption control{
        u"control"_s,
        u"Also serve a control endpoint on 127.0.0.1 (printed as \"control URL\" before "
        u"\"ready\") to change faults and read the requests received while running."_s};

    CommandLine()
    {
        parser.setApplicationDescription(
            u"Serves fakes of a company's systems and a real ClickHouse on loopback from a scenario file."_s);
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions(
            {scenario, profile, clickhouse, database, latency, fault, scale, quiet, control});
    }
};

// The options' values, or the exit code when there is nothing to serve (--help, --version,
// a usage error already printed).
std::expected<Arguments, int> checkedValues(CommandLine &cl)
{
    const QCommandLineParser &parser = cl.parser;
    Arguments args;
    bool scaleOk = false;
    args.rowsScale = parser.value(cl.scale).toDouble(&scaleOk);
    if (!scaleOk || args.rowsScale <= 0 || args.rowsScale > 1000) {
        printError(u"--rows-scale %1: expected a number above 0"_s.arg(parser.value(cl.scale)));
        return std::unexpected(ExitUsage);
    }
    args.clickhouseGiven = parser.isSet(cl.clickhouse);
    if (args.clickhouseGiven) {
        args.clickhouseUrl = QUrl(parser.value(cl.clickhouse), QUrl::StrictMode);
        if (!args.clickhouseUrl.isValid() ||
            (args.clickhouseUrl.scheme() != "http"_L1 &&
             args.clickhouseUrl.scheme() != "https"_L1) ||
            args.clickhouseUrl.host().isEmpty()) {
            printError(u"--clickhouse-url: expected http://HOST:PORT/"_s);
            return std::unexpected(ExitUsage);
        }
    }
    auto systems = parseSystemOptions(parser.values(cl.latency), parser.values(cl.fault));
    if (!systems) {
        printError(systems.error().message);
        return std::unexpected(ExitUsage);
    }
    args.systems = std::move(*systems);
    args.database = parser.value(cl.database);
    args.databaseGiven = parser.isSet(cl.database);
    static const QRegularExpression identifier(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (!identifier.match(args.database).hasMatch()) {
        printError(u"--clickhouse-database: expected a name of letters, digits and '_'"_s);
        return std::unexpected(ExitUsage);
    }
    args.scenarioPath = parser.value(cl.scenario);
    args.profilePath = QFileInfo(parser.value(cl.profile)).absoluteFilePath();
    args.control = parser.isSet(cl.control);
    return args;
}

std::expected<Arguments, int> parseArguments(CommandLine &cl)
{
    QCommandLineParser &parser = cl.parser;
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return std::unexpected(ExitUsage);
    }
    if (parser.isSet(u"help"_s)) {
        std::fputs(parser.helpText().toLocal8Bit().constData(), stdout);
        return std::unexpected(ExitOk);
    }
    if (parser.isSet(u"version"_s)) {
        std::printf("casefile-sandbox %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return std::unexpected(ExitOk);
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(u"unexpected argument %1"_s.arg(parser.positionalArguments().constFirst()));
        return std::unexpected(ExitUsage);
    }
    if (!parser.isSet(cl.scenario) || !parser.isSet(cl.profile)) {
        printError(u"--scenario FILE and --profile-out PROFILE are required"_s);
        return std::unexpected(ExitUsage);
    }
    if (parser.isSet(cl.quiet))
        QLoggingCategory::setFilterRules(u"casefile.*.info=false\ncasefile.*.debug=false"_s);
    return checkedValues(cl);
}

// SIGINT/SIGTERM set `stopRequested`, and quit the event loop once `serving`. A signal during
// start-up is seen by the nested event loops of the HTTP calls: it must not quit them, only
// stop the sandbox once it is up.
std::unique_ptr<QSocketNotifier> watchStopSignals(QCoreApplication &app, bool &stopRequested,
                                                  const bool &serving)
{
    if (!installSignalHandlers()) {
        qCWarning(lcSandbox) << "Cannot install the SIGINT/SIGTERM handlers";
        return nullptr;
    }
    auto notifier = std::make_unique<QSocketNotifier>(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(notifier.get(), &QSocketNotifier::activated, &app, [&stopRequested, &serving] {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &byte, 1);
        stopRequested = true;
        if (serving)
            QCoreApplication::quit();
    });
    return notifier;
}

// ClickHouse up (started here unless a URL was given) and loaded with the scenario's logs; or
// nothing after printing why not.
std::optional<QUrl> startClickHouse(ClickHouseServer &server, const Arguments &args,
                                    const Scenario &scenario, const GeneratedLogs &logs)
{
    QUrl url = args.clickhouseUrl;
    if (url.isEmpty()) {
        if (auto started = server.start(); !started) {
            printError(started.error().message);
            if (!started.error().detail.isEmpty())
                qCWarning(lcSandbox).noquote() << started.error().detail;
            return std::nullopt;
        }
        url = server.url();
    }
    ClickHouseLoader loader(url, args.database);
    if (auto loaded = loader.recreateAndLoad(scenario, logs); !loaded) {
        printError(loaded.error().message);
        return std::nullopt;
    }
    return url;
}

// The services a profile's connections point at: every system's fake.
class Services
{
public:
    // The connections of the profile, or the exit code after printing why not.
    std::expected<QJsonObject, int> start(const Arguments &args, const Scenario &scenario,
                                          const BillingFunction &billing, const QUrl &clickhouseUrl)
    {
        m_fakes = std::make_unique<FakeServices>(scenario.root, billing, clickhouseUrl);
        QMap<QString, ServiceOptions> serviceOptions;
        for (auto it = args.systems.begin(); it != args.systems.end(); ++it) {
            ServiceOptions o;
            o.latencyMs = it->latencyMs;
            o.latencyMaxMs = it->latencyMaxMs;
            if (it->fault)
                o.fault = FaultSpec{it->fault->kind, it->fault->rate};
            serviceOptions.insert(it.key(), o);
        }
        if (auto started = m_fakes->start(serviceOptions); !started) {
            printError(started.error().message);
            return std::unexpected(started.error().code == Error::Code::InvalidInput ? ExitUsage
                                                                                     : ExitFailure);
        }
        m_fakes->setClickHouseDatabase(args.database);
        if (args.control) {
            const auto control = m_fakes->startControl();
            if (!control) {
                printError(control.error().message);
                return std::unexpected(ExitFailure);
            }
            std::printf("control %s\n", control->toString().toLocal8Bit().constData());
        }
        return m_fakes->profileConnections();
    }

    void stop() { m_fakes.reset(); }

private:
    std::unique_ptr<FakeServices> m_fakes;
};

// A database named for this run on a shared server leaves with it.
void dropSharedDatabase(const Arguments &args, const QUrl &clickhouseUrl)
{
    if (!args.databaseGiven || !args.clickhouseGiven)
        return;
    ClickHouseLoader cleaner(clickhouseUrl, u"default"_s);
    if (auto dropped = cleaner.execute(u"DROP DATABASE IF EXISTS "_s + args.database); !dropped)
        qCWarning(lcSandbox) << "could not drop the database" << args.database << ":"
                             << dropped.error().message;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"casefile-sandbox"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    CommandLine commandLine;
    const auto args = parseArguments(commandLine);
    if (!args)
        return args.error();
    const auto scenario = loadScenario(args->scenarioPath);
    if (!scenario) {
        printError(scenario.error().message);
        return ExitUsage;
    }

    bool stopRequested = false;
    bool serving = false;
    const auto signalNotifier = watchStopSignals(app, stopRequested, serving);

    QElapsedTimer timer;
    timer.start();
    const GeneratedLogs logs = generateLogs(*scenario, args->rowsScale);
    qCInfo(lcSandbox) << "generated" << logs.requests.size() << "requests and"
                      << logs.webhooks.size() << "webhook deliveries in" << timer.elapsed() << "ms";

    ClickHouseServer server;
    const auto clickhouseUrl = startClickHouse(server, *args, *scenario, logs);
    if (!clickhouseUrl)
        return ExitFailure;
    const BillingFunction billing = makeBillingFunction(*scenario, logs);
    Services services;
    const auto connections = services.start(*args, *scenario, billing, *clickhouseUrl);
    if (!connections)
        return connections.error();

    const QJsonObject profile{{u"format"_s, QLatin1StringView(WorkspaceProfile::FormatId)},
                              {u"name"_s, scenario->name},
                              {u"sandbox"_s, true},
                              {u"now"_s, toIsoUtc(scenario->now)},
                              {u"connections"_s, *connections}};
    QString writeError;
    if (!writeProfile(args->profilePath, profile, &writeError)) {
        printError(u"cannot write the profile %1: %2"_s.arg(args->profilePath, writeError));
        return ExitFailure;
    }
    qCInfo(lcSandbox) << "ready in" << timer.elapsed() << "ms";
    std::printf("ready %s\n", args->profilePath.toLocal8Bit().constData());
    std::fflush(stdout);

    serving = true;
    const int code = stopRequested ? ExitOk : QCoreApplication::exec();
    services.stop();
    dropSharedDatabase(*args, *clickhouseUrl);
    server.stop();
    qCInfo(lcSandbox) << "stopped";
    return code;
}
