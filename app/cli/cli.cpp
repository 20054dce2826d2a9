#include "app/cli/cli.h"

#include "connectors/connectorfactory.h"
#include "core/async.h"
#include "core/engine.h"
#include "core/engine/playbooklibrary.h"
#include "core/investigationjson.h"
#include "core/time.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTimer>

#include <cstdio>
#include <optional>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace Casefile::Cli {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitInternal = 1;
constexpr int ExitUsage = 2;
constexpr int HelpdeskTimeoutMs = 60000;

const QStringList &commands()
{
    static const QStringList names{u"tickets"_s, u"investigate"_s, u"playbooks"_s};
    return names;
}

ConnectorFactory &factoryOverride()
{
    static ConnectorFactory factory;
    return factory;
}

Result<std::shared_ptr<const ConnectorSet>> makeConnectors(const WorkspaceProfile &profile)
{
    if (factoryOverride())
        return factoryOverride()(profile);
    // Headless: environment and inline secrets only; a keychain reference fails with a
    // clear message instead of a prompt.
    auto made = createConnectors(profile, SecretResolver(&resolveSecretWithoutKeychain));
    if (!made)
        return std::unexpected(made.error());
    return std::shared_ptr<const ConnectorSet>(std::move(*made));
}

// Runs `work` on a worker thread and spins an event loop until it is done, so connectors
// (which may need their own event loop on the worker) never run on the main thread.
template<typename Work>
std::invoke_result_t<Work> runOffThread(Work work)
{
    using T = std::invoke_result_t<Work>;
    std::optional<T> result;
    QEventLoop loop;
    QObject guard;
    runAsync(&guard, std::move(work), [&](T value) {
        result = std::move(value);
        loop.quit();
    });
    loop.exec();
    return std::move(*result);
}

// Ticket text is untrusted: keep tables on one line, no control characters.
QString cell(const QString &text, int width)
{
    QString out;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            out += u' ';
        else
            out += c;
    }
    out = out.simplified();
    if (out.size() > width)
        out = out.left(width - 1) + u'…';
    return out;
}

QString padded(const QString &text, int width)
{
    return cell(text, width).leftJustified(width);
}

class Command
{
public:
    Command(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}

    int usageError(const QString &message)
    {
        m_err << "casefile: " << message << '\n';
        m_err.flush();
        return ExitUsage;
    }
    int internalError(const QString &message)
    {
        m_err << "casefile: " << message << '\n';
        m_err.flush();
        return ExitInternal;
    }

    std::optional<std::shared_ptr<const ConnectorSet>> connect(const QString &profilePath,
                                                               WorkspaceProfile *profile, int *exit)
    {
        if (profilePath.isEmpty()) {
            *exit = usageError(u"--profile is required"_s);
            return std::nullopt;
        }
        auto loaded = loadProfile(profilePath);
        if (!loaded) {
            *exit = usageError(u"invalid profile: "_s + loaded.error().message);
            return std::nullopt;
        }
        *profile = *loaded;
        auto set = makeConnectors(*profile);
        if (!set) {
            *exit =
                set.error().code == Error::Code::Unsupported
                    ? internalError(set.error().message)
                    : usageError(u"invalid profile %1: %2"_s.arg(profilePath, set.error().message));
            return std::nullopt;
        }
        if (!(*set)->helpdesk()) {
            *exit =
                usageError(u"invalid profile %1: it has no helpdesk connection"_s.arg(profilePath));
            return std::nullopt;
        }
        return *set;
    }

    int tickets(const QCommandLineParser &args)
    {
        const QString format =
            args.value(u"format"_s).isEmpty() ? u"table"_s : args.value(u"format"_s);
        if (format != u"json"_s && format != u"table"_s)
            return usageError(u"--format must be json or table"_s);
        WorkspaceProfile profile;
        int exit = ExitOk;
        const auto set = connect(args.value(u"profile"_s), &profile, &exit);
        if (!set)
            return exit;
        auto helpdesk = (*set)->helpdesk();
        const auto list = runOffThread([helpdesk] {
            return helpdesk->listTickets(
                WorkLimits{QDeadlineTimer(HelpdeskTimeoutMs), CancelToken()});
        });
        if (!list)
            return internalError(u"cannot list tickets: "_s + list.error().message);
        if (format == u"json"_s) {
            QJsonArray array;
            for (const Ticket &t : *list)
                array.append(ticketToJson(t));
            m_out << QString::fromUtf8(
                QJsonDocument(
                    QJsonObject{{u"format"_s, u"casefile-tickets/1"_s}, {u"tickets"_s, array}})
                    .toJson(QJsonDocument::Indented));
        } else {
            m_out << padded(u"ID"_s, 8) << ' ' << padded(u"STATUS"_s, 8) << ' '
                  << padded(u"PRIORITY"_s, 8) << ' ' << padded(u"ORG"_s, 18) << ' '
                  << padded(u"CREATED"_s, 20) << ' ' << u"SUBJECT"_s << '\n';
            for (const Ticket &t : *list) {
                m_out << padded(t.id, 8) << ' ' << padded(t.status, 8) << ' '
                      << padded(t.priority, 8) << ' '
                      << padded(t.orgId.isEmpty() ? t.orgName : t.orgId, 18) << ' '
                      << padded(toIsoUtc(t.createdAt), 20) << ' ' << cell(t.subject, 80) << '\n';
            }
        }
        m_out.flush();
        return ExitOk;
    }

    std::optional<PlaybookLibrary> playbooks(const QCommandLineParser &args, int *exit)
    {
        QStringList dirs = args.values(u"playbooks"_s);
        for (const QString &dir : dirs) {
            if (!QDir(dir).exists()) {
                *exit = usageError(u"--playbooks %1: no such folder"_s.arg(dir));
                return std::nullopt;
            }
        }
        return PlaybookLibrary::load(dirs);
    }

    int listPlaybooks(const QCommandLineParser &args)
    {
        const QString format =
            args.value(u"format"_s).isEmpty() ? u"table"_s : args.value(u"format"_s);
        if (format != u"json"_s && format != u"table"_s)
            return usageError(u"--format must be json or table"_s);
        int exit = ExitOk;
        const auto library = playbooks(args, &exit);
        if (!library)
            return exit;
        if (format == u"json"_s) {
            QJsonArray list;
            for (const Playbook &pb : library->playbooks()) {
                QJsonArray steps;
                for (const PlaybookStep &s : pb.steps)
                    steps.append(QJsonObject{{u"id"_s, s.id},
                                             {u"connector"_s, s.connector},
                                             {u"operation"_s, s.operation},
                                             {u"required"_s, s.required}});
                list.append(
                    QJsonObject{{u"name"_s, pb.name},
                                {u"title"_s, pb.title},
                                {u"description"_s, pb.description},
                                {u"patterns"_s, QJsonArray::fromStringList(pb.patterns)},
                                {u"file"_s, pb.file},
                                {u"built_in"_s, pb.builtIn},
                                {u"valid"_s, true},
                                {u"steps"_s, steps},
                                {u"analyzers"_s, QJsonArray::fromStringList(pb.analyzers)}});
            }
            QJsonArray errors;
            for (const PlaybookDiagnostic &d : library->diagnostics())
                errors.append(QJsonObject{{u"file"_s, d.file},
                                          {u"line"_s, d.line},
                                          {u"column"_s, d.column},
                                          {u"path"_s, d.jsonPath},
                                          {u"message"_s, d.message}});
            m_out << QString::fromUtf8(
                QJsonDocument(QJsonObject{{u"playbooks"_s, list}, {u"errors"_s, errors}})
                    .toJson(QJsonDocument::Indented));
        } else {
            m_out << padded(u"NAME"_s, 20) << ' ' << padded(u"STEPS"_s, 5) << ' '
                  << padded(u"SOURCE"_s, 8) << ' ' << u"TITLE"_s << '\n';
            for (const Playbook &pb : library->playbooks()) {
                m_out << padded(pb.name, 20) << ' ' << padded(QString::number(pb.steps.size()), 5)
                      << ' ' << padded(pb.builtIn ? u"built-in"_s : u"user"_s, 8) << ' '
                      << cell(pb.title, 60) << '\n';
            }
            const auto diagnostics = library->diagnostics();
            if (!diagnostics.isEmpty()) {
                m_out << '\n' << diagnostics.size() << " problem(s) in playbook files:\n";
                for (const PlaybookDiagnostic &d : diagnostics)
                    m_out << "  " << d.toString() << '\n';
            }
        }
        m_out.flush();
        return ExitOk;
    }

    int investigate(const QCommandLineParser &args)
    {
        const QString format =
            args.value(u"format"_s).isEmpty() ? u"json"_s : args.value(u"format"_s);
        if (format != u"json"_s && format != u"markdown"_s)
            return usageError(u"--format must be json or markdown"_s);
        const QString ticketId = args.value(u"ticket"_s).trimmed();
        if (args.value(u"profile"_s).isEmpty())
            return usageError(u"--profile is required"_s);
        if (ticketId.isEmpty())
            return usageError(u"--ticket is required"_s);
        InvestigationRun::Options options;
        if (args.isSet(u"timeout"_s)) {
            bool ok = false;
            const double seconds = args.value(u"timeout"_s).toDouble(&ok);
            if (!ok || seconds <= 0 || seconds > 24 * 3600)
                return usageError(u"--timeout must be a number of seconds, more than 0"_s);
            options.overallTimeout = std::chrono::milliseconds(qint64(seconds * 1000));
        }
        options.polishWithLlm = args.isSet(u"polish"_s);
        // CASEFILE_TIMEOUT_SCALE multiplies every time limit of the run (the ticket read and each
        // step's timeout_s): fault tests run against stalled systems without waiting minutes.
        if (qEnvironmentVariableIsSet("CASEFILE_TIMEOUT_SCALE")) {
            bool ok = false;
            options.timeoutScale = qEnvironmentVariable("CASEFILE_TIMEOUT_SCALE").toDouble(&ok);
            if (!ok || options.timeoutScale <= 0 || options.timeoutScale > 10)
                return usageError(u"CASEFILE_TIMEOUT_SCALE must be a number above 0, at most 10"_s);
        }
        const qint64 helpdeskMs = options.scaledTimeout(HelpdeskTimeoutMs);
        int exit = ExitOk;
        auto library = playbooks(args, &exit);
        if (!library)
            return exit;
        if (args.isSet(u"playbook"_s)) {
            options.playbook = args.value(u"playbook"_s);
            if (!library->find(options.playbook))
                return usageError(u"unknown playbook '%1' (available: %2)"_s.arg(
                    options.playbook, library->names().join(u", "_s)));
        }
        WorkspaceProfile profile;
        const auto set = connect(args.value(u"profile"_s), &profile, &exit);
        if (!set)
            return exit;
        auto helpdesk = (*set)->helpdesk();
        const auto ticket = runOffThread([helpdesk, ticketId, helpdeskMs] {
            return helpdesk->ticket(ticketId,
                                    WorkLimits{QDeadlineTimer(helpdeskMs), CancelToken()});
        });
        if (!ticket) {
            if (ticket.error().code == Error::Code::NotFound)
                return usageError(u"ticket %1 not found"_s.arg(ticketId));
            return internalError(
                u"cannot read ticket %1: %2"_s.arg(ticketId, ticket.error().message));
        }

        InvestigationRun run(*set, std::make_shared<const PlaybookLibrary>(*library),
                             profile.currentTime());
        std::optional<Investigation> result;
        QEventLoop loop;
        QObject::connect(&run, &InvestigationRun::finished, &loop, [&](const Investigation &inv) {
            result = inv;
            loop.quit();
        });
        // The engine enforces the time limit; this is a last resort if it ever did not.
        QTimer watchdog;
        watchdog.setSingleShot(true);
        QObject::connect(&watchdog, &QTimer::timeout, &run, [&run] { run.cancel(); });
        watchdog.start(options.overallTimeout + std::chrono::seconds(30));
        run.start(*ticket, options);
        loop.exec();
        if (!result)
            return internalError(u"the investigation did not finish"_s);

        const QByteArray output = format == u"json"_s ? investigationToJsonBytes(*result, true)
                                                      : result->diagnosisMarkdown.toUtf8() + '\n';
        const QString outPath = args.value(u"out"_s);
        if (!outPath.isEmpty()) {
            QSaveFile file(outPath);
            if (!file.open(QIODevice::WriteOnly) || file.write(output) != output.size() ||
                !file.commit())
                return usageError(u"cannot write %1: %2"_s.arg(outPath, file.errorString()));
        } else {
            m_out << QString::fromUtf8(output);
            m_out.flush();
        }
        return ExitOk;
    }

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

QString usage()
{
    return u"Usage:\n"
           u"  casefile [--profile PROFILE]                  the desktop app\n"
           u"  casefile tickets     --profile PROFILE [--format json|table]\n"
           u"  casefile investigate --profile PROFILE --ticket ID [--playbook NAME]\n"
           u"                       [--format json|markdown] [--out FILE] [--timeout S]\n"
           u"                       [--playbooks DIR] [--polish]\n"
           u"  casefile playbooks   [--format json|table] [--playbooks DIR]\n"
           u"  casefile --version\n"_s;
}

} // namespace

void setConnectorFactory(ConnectorFactory factory)
{
    factoryOverride() = std::move(factory);
}

bool isHeadless(int argc, char **argv)
{
    if (argc < 2 || !argv || !argv[1])
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    return commands().contains(first) || first == u"--version"_s || first == u"-v"_s ||
           first == u"--help"_s || first == u"-h"_s || first == u"help"_s;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Command command(out, err);
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({
        {u"profile"_s, u"Workspace profile."_s, u"PROFILE"_s},
        {u"format"_s, u"Output format."_s, u"FORMAT"_s},
        {u"ticket"_s, u"Ticket id."_s, u"ID"_s},
        {u"playbook"_s, u"Playbook name (default: classify the ticket)."_s, u"NAME"_s},
        {u"playbooks"_s, u"Extra folder of playbooks."_s, u"DIR"_s},
        {u"out"_s, u"Write the result to FILE."_s, u"FILE"_s},
        {u"timeout"_s, u"Time limit of the investigation, seconds."_s, u"S"_s},
        {u"polish"_s, u"Polish the draft through the workspace's llm connection."_s},
        {{u"version"_s, u"v"_s}, u"Print the version."_s},
        {{u"help"_s, u"h"_s}, u"Print this help."_s},
    });
    if (!parser.parse(arguments))
        return command.usageError(parser.errorText());
    if (parser.isSet(u"version"_s)) {
        out << "casefile " << CASEFILE_VERSION << '\n';
        out.flush();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(u"help"_s) || positional.value(0) == u"help"_s) {
        out << usage();
        out.flush();
        return ExitOk;
    }
    if (positional.isEmpty())
        return command.usageError(
            u"no command given (commands: %1)"_s.arg(commands().join(u", "_s)));
    const QString name = positional.first();
    if (!commands().contains(name))
        return command.usageError(
            u"unknown command '%1' (commands: %2)"_s.arg(cell(name, 40), commands().join(u", "_s)));
    if (positional.size() > 1)
        return command.usageError(u"unexpected argument '%1'"_s.arg(cell(positional.at(1), 40)));
    // Options that make no sense for the command are mistakes worth telling about.
    static const QMap<QString, QStringList> allowed{
        {u"tickets"_s, {u"profile"_s, u"format"_s}},
        {u"investigate"_s,
         {u"profile"_s, u"ticket"_s, u"playbook"_s, u"format"_s, u"out"_s, u"timeout"_s,
          u"playbooks"_s, u"polish"_s}},
        {u"playbooks"_s, {u"format"_s, u"playbooks"_s}},
    };
    for (const QString &option : parser.optionNames()) {
        const QString longName = option == u"v"_s   ? u"version"_s
                                 : option == u"h"_s ? u"help"_s
                                                    : option;
        if (!allowed.value(name).contains(longName))
            return command.usageError(u"%1 does not take --%2"_s.arg(name, longName));
    }
    try {
        if (name == u"tickets"_s)
            return command.tickets(parser);
        if (name == u"playbooks"_s)
            return command.listPlaybooks(parser);
        return command.investigate(parser);
    } catch (const std::exception &e) {
        return command.internalError(u"internal error: "_s + QString::fromUtf8(e.what()));
    }
}

int run(int argc, char **argv)
{
    // stderr is for the one line that says what went wrong; module chatter only on request.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"casefile.*.debug=false\ncasefile.*.info=false\n"
                                         u"casefile.debug=false\ncasefile.info=false"_s);
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return run(arguments, out, err);
}

} // namespace Casefile::Cli
