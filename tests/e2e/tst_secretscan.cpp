// Secrets never leave the places they belong in. Known secret values (random canaries) sit in
// the keychain, in environment variables named by profiles, inline in a non-sandbox profile
// (which must be refused) and in the sandbox's tokens. `casefile` runs against the sandbox and
// against a stub that answers 401 and echoes the credentials back, with every debug logging
// category on; the results go to a store and to every export format; one run is killed by
// SIGSEGV mid-way. Then every byte written (store + -wal/-shm, captured stdout/stderr, the
// in-process log, exports, saved profiles) is scanned for each canary, raw, base64, URL- and
// JSON-encoded and as the exact Authorization values the stub received: 0 found. Every log
// line that shows an Authorization header shows it redacted.
//
// Also: a hostile ticket (injection, HTML, javascript: links, RTL, zero-width, emoji, a long
// paste) through the sandbox end to end.
#include "sandboxprocess.h"

#include "../connectors/stubserver.h"
#include "connectors/connectorfactory.h"
#include "core/analysis/markdown.h"
#include "core/investigationjson.h"
#include "core/profile.h"
#include "secrets/credentialstore.h"
#include "secrets/secretresolver.h"
#include "storage/sqlitestore.h"
#include "ui/exporter.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <functional>
#include <future>

using namespace Qt::StringLiterals;
using namespace Casefile;
using namespace Casefile::Testing;
using Casefile::Tests::StubServer;

namespace {

constexpr auto HostileTicketId = "4199";
constexpr auto StubAccount = "agent@acme.example";

QString canary(const QString &label)
{
    // Letters and digits around '+' and '/', so the URL- and JSON-encoded forms differ.
    static const QString alphabet = u"abcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString out = u"cnry"_s + label;
    for (int i = 0; i < 28; ++i) {
        if (i == 14)
            out += u"+/"_s;
        out += alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())));
    }
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The in-process log: every message of every category, one line each, into a file.
QMutex logMutex;
QFile *logFile = nullptr;
QtMessageHandler previousHandler = nullptr;

void logToFile(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        if (logFile) {
            logFile->write(QByteArray(context.category ? context.category : "default") + ": " +
                           message.toUtf8() + '\n');
            logFile->flush();
        }
    }
    if (type >= QtWarningMsg && previousHandler)
        previousHandler(type, context, message);
}

const QString HostileDescription =
    u"Since this morning every call fails for org_acme'; DROP TABLE gateway_requests; -- and "
    u"\\' OR 1=1 -- also x' FORMAT TabSeparatedRaw SETTINGS readonly=0 --\n"
    u"<img src=http://remote.example/pixel.png onerror=alert(1)><script>alert(2)</script>\n"
    u"[click](javascript:alert(3)) ![](http://remote.example/tracker.gif)\n"
    u"RTL \u202etxt.exe\u202c zero\u200bwidth\u200d emoji \U0001F525\U0001F62D "
    u"{\"json\": {\"nested\": [1, 2, \"</p><iframe>\"]}}\n"_s;

} // namespace

class TestSecretScan final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scanDir; // everything Casefile writes in this test, and nothing else
    QTemporaryDir m_scenarioDir;
    QStringList m_canaries;                  // every known secret value
    QList<QByteArray> m_authorizationValues; // what the stubs received, scheme removed
    QList<QByteArray> m_encodedCredentials;  // Basic credentials of the sandbox's accounts
    std::unique_ptr<SandboxProcess> m_sandbox;
    QString m_sandboxProfile;  // env references instead of the sandbox's inline tokens
    QStringList m_environment; // NAME=VALUE for every casefile run
    QString m_truthTicket;
    int m_runs = 0;
    bool m_keychainChecked = false;

    QString scanPath(const QString &name) const { return m_scanDir.filePath(name); }

    // Runs casefile with the canary environment and all logging on; stdout and stderr go to
    // files in the scan folder. The event loop keeps turning so in-process stubs answer.
    // `whileRunning` may act on the process (e.g. kill it) and returns true once it did.
    CommandResult run(const QStringList &args,
                      const std::function<bool(QProcess &)> &whileRunning = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : std::as_const(m_environment))
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1, -1));
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s);
        process.setProcessEnvironment(env);
        process.start(SandboxProcess::casefileBinary(), args);
        CommandResult result;
        if (!process.waitForStarted(30000))
            return result;
        bool acted = false;
        // Well inside the test framework's own per-function limit, so a hung run fails with
        // what it was doing instead of being aborted without a word.
        QDeadlineTimer deadline(120000);
        bool hung = false;
        while (!process.waitForFinished(20)) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            if (whileRunning && !acted)
                acted = whileRunning(process);
            if (deadline.hasExpired()) {
                hung = true;
                process.kill();
                process.waitForFinished(5000);
                break;
            }
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        if (hung)
            qWarning("casefile %s did not finish in 120 s; its last log lines:\n%s",
                     qPrintable(args.join(u' ')), masked(lastLines(result.err, 40)).constData());
        const QString stem = u"run%1"_s.arg(++m_runs, 2, 10, QChar(u'0'));
        writeFile(scanPath(stem + u".stdout"_s), result.out);
        writeFile(scanPath(stem + u".stderr"_s), result.err);
        return result;
    }

    static QByteArray lastLines(const QByteArray &text, qsizetype count)
    {
        const QList<QByteArray> lines = text.split('\n');
        return lines.mid(std::max<qsizetype>(0, lines.size() - count)).join('\n');
    }

    // The text with every known secret replaced, for printing in the test's own output.
    QByteArray masked(QByteArray text) const
    {
        for (const QString &canaryValue : m_canaries)
            text.replace(canaryValue.toUtf8(), "<secret>");
        return text;
    }

    // A 401 that echoes the credentials, as a careless server might.
    QByteArray echo401(const QString &secret) const
    {
        const QByteArray basic =
            QByteArray(QByteArray(StubAccount) + "/token:" + secret.toUtf8()).toBase64();
        return StubServer::http(401, "{\"error\":\"Couldn't authenticate you\",\"details\":"
                                     "\"Authorization: Basic "_ba +
                                         basic + "\",\"token\":\""_ba + secret.toUtf8() +
                                         "\",\"hint\":\"Authorization=Bearer "_ba +
                                         secret.toUtf8() + "\"}"_ba)
            .raw;
    }

    // A non-sandbox workspace whose every connection points at `stub`, secrets in env.
    QJsonObject stubProfile(const QByteArray &base, const QString &name)
    {
        const QJsonObject sandbox =
            QJsonDocument::fromJson(readAll(m_sandbox->profilePath())).object();
        QJsonObject connections = sandbox.value(u"connections"_s).toObject();
        for (auto it = connections.begin(); it != connections.end(); ++it) {
            QJsonObject c = it.value().toObject();
            c.insert(u"url"_s, QString::fromLatin1(base));
            if (it.key() == u"helpdesk"_s)
                c.insert(u"account"_s, QString::fromLatin1(StubAccount));
            c.insert(u"secret"_s, QJsonObject{{u"env"_s, QString(u"CASEFILE_SCAN_STUB_"_s +
                                                                 it.key().toUpper())}});
            it.value() = c;
        }
        return QJsonObject{{u"format"_s, u"casefile-profile/1"_s},
                           {u"name"_s, name},
                           {u"sandbox"_s, false},
                           {u"connections"_s, connections}};
    }

    void routeHelpdesk(StubServer &stub)
    {
        const QByteArray ticket = R"({"ticket":{"id":7,"subject":"503 errors since this morning",
            "description":"Since this morning about 10% of our gpt-4o calls fail with 503.",
            "status":"open","priority":"high","requester_id":1,"organization_id":2,
            "created_at":"2026-11-20T10:00:00Z","updated_at":"2026-11-20T10:00:00Z","tags":[]},
            "users":[{"id":1,"name":"Ana Lima","email":"ana@acme.example","organization_id":2}],
            "organizations":[{"id":2,"name":"Acme","external_id":"org_acme","domain_names":["acme.example"]}]})"_ba;
        stub.route("/api/v2/tickets/7.json", StubServer::json(ticket));
        stub.route(
            "/api/v2/organizations",
            StubServer::json(
                R"({"organizations":[{"id":2,"name":"Acme","external_id":"org_acme","domain_names":["acme.example"]}],"next_page":null})"_ba));
    }

    void collectAuthorization(const StubServer &stub)
    {
        for (const StubServer::Request &r : stub.requests()) {
            for (const auto &[name, value] : r.headers) {
                if (name.compare("authorization", Qt::CaseInsensitive) != 0 &&
                    name.compare("x-clickhouse-key", Qt::CaseInsensitive) != 0 &&
                    name.compare("x-portkey-api-key", Qt::CaseInsensitive) != 0 &&
                    name.compare("x-api-key", Qt::CaseInsensitive) != 0)
                    continue;
                const QByteArray credential = value.mid(value.indexOf(' ') + 1).trimmed();
                if (credential.size() >= 8 && !m_authorizationValues.contains(credential))
                    m_authorizationValues.append(credential);
            }
        }
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_scanDir.isValid());
        QVERIFY2(QFile::exists(SandboxProcess::sandboxBinary()), "casefile-sandbox is not built");
        QVERIFY2(QFile::exists(SandboxProcess::casefileBinary()), "casefile is not built");

        logFile = new QFile(scanPath(u"inprocess.log"_s));
        QVERIFY(logFile->open(QIODevice::WriteOnly));
        QLoggingCategory::setFilterRules(u"*.debug=true"_s);
        previousHandler = qInstallMessageHandler(logToFile);

        // A sandbox scenario with one more ticket: the hostile one.
        const QString source = qEnvironmentVariable("CASEFILE_SOURCE_DIR") +
                               u"/tests/scenarios/api-errors-rate-limited.json"_s;
        QJsonObject scenario = QJsonDocument::fromJson(readAll(source)).object();
        QVERIFY(!scenario.isEmpty());
        m_truthTicket = scenario.value(u"truth"_s).toObject().keys().value(0);
        QJsonArray tickets = scenario.value(u"tickets"_s).toArray();
        QJsonObject hostile = tickets.at(0).toObject();
        hostile.insert(u"id"_s, QString::fromLatin1(HostileTicketId).toInt());
        hostile.insert(u"subject"_s, u"<b>429s</b> ' OR 1=1 -- \u202eevil\u202c \U0001F525"_s);
        QString paste = HostileDescription;
        while (paste.size() < 200 * 1024)
            paste += HostileDescription;
        hostile.insert(u"description"_s, paste);
        hostile.insert(u"requester"_s,
                       QJsonObject{{u"name"_s, u"<script>x</script> \u202eRTL"_s},
                                   {u"email"_s, u"diego.hernandez@cardinalseguros.mx"_s}});
        tickets.append(hostile);
        scenario.insert(u"tickets"_s, tickets);
        const QString scenarioPath = m_scenarioDir.filePath(u"scenario.json"_s);
        QVERIFY(writeFile(scenarioPath, QJsonDocument(scenario).toJson()));

        m_sandbox = std::make_unique<SandboxProcess>(scenarioPath);
        QVERIFY2(m_sandbox->waitReady(), qPrintable(m_sandbox->errorText()));

        // The sandbox's tokens are known secrets too: move them into the environment.
        QJsonObject profile = QJsonDocument::fromJson(readAll(m_sandbox->profilePath())).object();
        QJsonObject connections = profile.value(u"connections"_s).toObject();
        for (auto it = connections.begin(); it != connections.end(); ++it) {
            QJsonObject c = it.value().toObject();
            const QString token = c.value(u"secret"_s).toObject().value(u"inline"_s).toString();
            if (token.isEmpty())
                continue;
            const QString variable = u"CASEFILE_SCAN_SANDBOX_"_s + it.key().toUpper();
            m_environment << variable + u'=' + token;
            m_canaries << token;
            const QString account = c.value(u"account"_s).toString();
            if (!account.isEmpty()) {
                m_encodedCredentials << QString(account + u':' + token).toUtf8().toBase64()
                                     << QString(account + u"/token:"_s + token).toUtf8().toBase64();
            }
            c.insert(u"secret"_s, QJsonObject{{u"env"_s, variable}});
            it.value() = c;
        }
        QVERIFY2(!m_canaries.isEmpty(), "the sandbox profile has no tokens");
        profile.insert(u"connections"_s, connections);
        m_sandboxProfile = scanPath(u"sandbox-env.profile.json"_s);
        QVERIFY(writeFile(m_sandboxProfile, QJsonDocument(profile).toJson()));
    }

    void sandboxRuns()
    {
        const CommandResult tickets =
            run({u"tickets"_s, u"--profile"_s, m_sandboxProfile, u"--format"_s, u"json"_s});
        QVERIFY2(tickets.exitCode == 0, tickets.err.constData());
        const CommandResult json =
            run({u"investigate"_s, u"--profile"_s, m_sandboxProfile, u"--ticket"_s, m_truthTicket,
                 u"--out"_s, scanPath(u"truth.investigation.json"_s)});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const CommandResult markdown =
            run({u"investigate"_s, u"--profile"_s, m_sandboxProfile, u"--ticket"_s, m_truthTicket,
                 u"--format"_s, u"markdown"_s, u"--polish"_s});
        QVERIFY2(markdown.exitCode == 0, markdown.err.constData());
        QVERIFY(!markdown.out.isEmpty());
    }

    void hostileTicketThroughSandbox()
    {
        const QString out = scanPath(u"hostile.investigation.json"_s);
        const CommandResult r =
            run({u"investigate"_s, u"--profile"_s, m_sandboxProfile, u"--ticket"_s,
                 QString::fromLatin1(HostileTicketId), u"--out"_s, out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto inv = investigationFromJsonBytes(readAll(out));
        QVERIFY2(inv.has_value(), qPrintable(inv ? QString() : inv.error().message));
        QVERIFY(inv->ticket.description.contains(u"DROP TABLE gateway_requests"_s));
        // The draft and both HTML renderings keep the words as text.
        for (const QString &html :
             {renderMarkdownToSafeHtml(inv->diagnosisMarkdown), investigationReportHtml(*inv)}) {
            static const QRegularExpression live(
                u"<\\s*(script|img|iframe|a|object|embed|link|style|svg)\\b|javascript:[^<]*\""
                u"|src\\s*=|href\\s*=\\s*[\"']?(https?|javascript):"_s,
                QRegularExpression::CaseInsensitiveOption);
            const auto m = live.match(html);
            QVERIFY2(!m.hasMatch(), qPrintable(m.captured(0)));
        }
        // No query was altered: the logs are still all there, the truth ticket still solved.
        const CommandResult again =
            run({u"investigate"_s, u"--profile"_s, m_sandboxProfile, u"--ticket"_s, m_truthTicket});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const auto truth = investigationFromJsonBytes(again.out);
        QVERIFY(truth.has_value());
        const auto first =
            investigationFromJsonBytes(readAll(scanPath(u"truth.investigation.json"_s)));
        QVERIFY(first.has_value());
        QVERIFY(truth->rootCause.has_value() && first->rootCause.has_value());
        QCOMPARE(truth->rootCause->category, first->rootCause->category);
        QCOMPARE(truth->evidence.size(), first->evidence.size());
    }

    void stubErrorRuns()
    {
        // Every system answers 401 and echoes the credentials; the helpdesk serves ticket 7.
        StubServer stub;
        routeHelpdesk(stub);
        const QJsonObject profile = stubProfile(stub.baseUrl(), u"prod"_s);
        const QString stubSecret = canary(u"env"_s);
        stub.script({StubServer::Reply{StubServer::Reply::Kind::Send, echo401(stubSecret)}});
        for (const QString &system : profile.value(u"connections"_s).toObject().keys()) {
            // One canary per system, all echoed by the same 401 for the helpdesk's secret.
            const QString secret = system == u"helpdesk"_s ? stubSecret : canary(system.left(4));
            m_environment << u"CASEFILE_SCAN_STUB_"_s + system.toUpper() + u'=' + secret;
            m_canaries << secret;
        }
        const QString path = scanPath(u"prod.profile.json"_s);
        QVERIFY(writeFile(path, QJsonDocument(profile).toJson()));

        const CommandResult tickets = run({u"tickets"_s, u"--profile"_s, path});
        QVERIFY(tickets.exitCode != 0);
        QVERIFY2(tickets.err.contains("401") || tickets.err.contains("authenticat") ||
                     tickets.err.contains("credential") || tickets.err.contains("token"),
                 tickets.err.constData());
        const CommandResult investigate =
            run({u"investigate"_s, u"--profile"_s, path, u"--ticket"_s, u"7"_s, u"--polish"_s,
                 u"--out"_s, scanPath(u"stub.investigation.json"_s)});
        QVERIFY2(investigate.exitCode == 0, investigate.err.constData());
        const auto inv =
            investigationFromJsonBytes(readAll(scanPath(u"stub.investigation.json"_s)));
        QVERIFY(inv.has_value());
        int failedSteps = 0;
        for (const StepRecord &s : inv->steps)
            failedSteps += s.status == StepStatus::Failed ? 1 : 0;
        QVERIFY2(failedSteps > 0, "no step met the 401");

        // The secrets did reach the wire: the test looks at real traffic.
        collectAuthorization(stub);
        const QByteArray basic =
            QByteArray(QByteArray(StubAccount) + "/token:" + stubSecret.toUtf8()).toBase64();
        QVERIFY(m_authorizationValues.contains(basic));
    }

    void refusedProfiles()
    {
        // An inline secret in a non-sandbox profile is refused without being repeated.
        const QString inlineSecret = canary(u"inline"_s);
        m_canaries << inlineSecret;
        const QJsonObject attempt{
            {u"format"_s, u"casefile-profile/1"_s},
            {u"name"_s, u"prod-inline"_s},
            {u"connections"_s,
             QJsonObject{{u"helpdesk"_s,
                          QJsonObject{{u"type"_s, u"zendesk"_s},
                                      {u"url"_s, u"https://acme.zendesk.com"_s},
                                      {u"account"_s, QString::fromLatin1(StubAccount)},
                                      {u"secret"_s, QJsonObject{{u"inline"_s, inlineSecret}}}}}}}};
        // The attempt is the user's own file; it is not scanned.
        QTemporaryDir userDir;
        const QString attemptPath = userDir.filePath(u"prod-inline.profile.json"_s);
        QVERIFY(writeFile(attemptPath, QJsonDocument(attempt).toJson()));
        const CommandResult refused = run({u"tickets"_s, u"--profile"_s, attemptPath});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("only allowed in sandbox profiles"), refused.err.constData());

        // Saved again by Casefile (as the connections dialog does), it holds no inline secret.
        WorkspaceProfile parsed;
        parsed.name = u"prod-inline"_s;
        ConnectionSettings c;
        c.system = u"helpdesk"_s;
        c.type = u"zendesk"_s;
        c.url = u"https://acme.zendesk.com"_s;
        c.secret = {SecretRef::Where::Inline, {}, inlineSecret};
        parsed.connections.insert(c.system, c);
        QVERIFY(writeFile(scanPath(u"saved-inline.profile.json"_s),
                          QJsonDocument(profileToJson(parsed)).toJson()));
        auto stubLoaded = loadProfile(scanPath(u"prod.profile.json"_s));
        QVERIFY(stubLoaded.has_value());
        QVERIFY(writeFile(scanPath(u"saved-prod.profile.json"_s),
                          QJsonDocument(profileToJson(*stubLoaded)).toJson()));
    }

    void keychainSecret()
    {
        if (qEnvironmentVariable("CASEFILE_KEYRING_SESSION") != u"1"_s)
            QSKIP("not inside scripts/with-keyring.sh");
        const QString secret = canary(u"keychain"_s);
        m_canaries << secret;
        auto keychain = std::make_shared<KeychainCredentialStore>(u"casefile-secretscan"_s);
        const QString key = CredentialStore::keyFor(u"prod-keychain"_s, u"helpdesk"_s);
        auto written =
            std::async(std::launch::async, [&] { return keychain->writeBlocking(key, secret); });
        while (written.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
            QCoreApplication::processEvents();
        const Result<void> ok = written.get();
        QVERIFY2(ok.has_value(), qPrintable(ok ? QString() : ok.error().message));

        StubServer stub;
        routeHelpdesk(stub);
        stub.script({StubServer::Reply{StubServer::Reply::Kind::Send, echo401(secret)}});
        QJsonObject profileJson = stubProfile(stub.baseUrl(), u"prod-keychain"_s);
        QJsonObject connections = profileJson.value(u"connections"_s).toObject();
        QJsonObject helpdesk = connections.value(u"helpdesk"_s).toObject();
        helpdesk.insert(u"secret"_s, QJsonObject{{u"keychain"_s, key}});
        connections.insert(u"helpdesk"_s, helpdesk);
        profileJson.insert(u"connections"_s, connections);
        const QString path = scanPath(u"prod-keychain.profile.json"_s);
        QVERIFY(writeFile(path, QJsonDocument(profileJson).toJson()));

        // The CLI cannot reach the keychain and says so.
        const CommandResult cli = run({u"tickets"_s, u"--profile"_s, path});
        QVERIFY(cli.exitCode != 0);
        QVERIFY2(cli.err.contains("keychain"), cli.err.constData());

        // The app's path: resolved from the keychain, met by the 401, logged in-process.
        auto profile = loadProfile(path);
        QVERIFY(profile.has_value());
        auto done = std::async(std::launch::async, [&]() -> QString {
            auto set = createConnectors(*profile, makeSecretResolver(keychain));
            if (!set)
                return set.error().message;
            WorkLimits limits;
            limits.deadline = QDeadlineTimer(30000);
            const ConnectionCheck check = (*set)->helpdesk()->testConnection(limits);
            auto list = (*set)->helpdesk()->listTickets(limits);
            qWarning() << "keychain workspace:" << check.message
                       << (list ? QString() : list.error().message + list.error().detail);
            return check.message;
        });
        while (done.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
            QCoreApplication::processEvents();
        const QString message = done.get();
        QVERIFY(!message.isEmpty());
        collectAuthorization(stub);
        const QByteArray basic =
            QByteArray(QByteArray(StubAccount) + "/token:" + secret.toUtf8()).toBase64();
        QVERIFY2(m_authorizationValues.contains(basic), "the keychain secret was not used");
        m_keychainChecked = true;
        auto removed =
            std::async(std::launch::async, [&] { return keychain->removeBlocking(key); });
        while (removed.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
            QCoreApplication::processEvents();
    }

    void crashOutput()
    {
        // A run killed by SIGSEGV while a connector waits on the network: whatever the crash
        // prints is scanned too.
        StubServer stub;
        routeHelpdesk(stub);
        stub.script({StubServer::stall()});
        const QString path = scanPath(u"prod-stall.profile.json"_s);
        QVERIFY(writeFile(path, QJsonDocument(stubProfile(stub.baseUrl(), u"prod"_s)).toJson()));
        const CommandResult crashed =
            run({u"investigate"_s, u"--profile"_s, path, u"--ticket"_s, u"7"_s},
                [&stub](QProcess &process) {
                    for (const StubServer::Request &r : stub.requests()) {
                        if (!r.target.startsWith("/api/v2/")) {
                            ::kill(pid_t(process.processId()), SIGSEGV);
                            return true;
                        }
                    }
                    return false;
                });
        // A crash exit, or exit 1 when a sanitizer caught the signal and reported it.
        QVERIFY(crashed.exitCode != 0);
        collectAuthorization(stub);
    }

    void storeAndExports()
    {
        auto store = SqliteStore::open(scanPath(u"casefile.sqlite"_s));
        QVERIFY2(store.has_value(), qPrintable(store ? QString() : store.error().message));
        const CommandResult tickets =
            run({u"tickets"_s, u"--profile"_s, m_sandboxProfile, u"--format"_s, u"json"_s});
        QVERIFY(tickets.exitCode == 0);
        QList<Ticket> list;
        for (const QJsonValue &t :
             QJsonDocument::fromJson(tickets.out).object().value(u"tickets"_s).toArray())
            list.append(ticketFromJson(t.toObject()));
        QVERIFY(!list.isEmpty());
        QVERIFY((*store)->saveTickets(u"scan"_s, list).has_value());

        int exported = 0;
        for (const QString &name : {u"truth"_s, u"hostile"_s, u"stub"_s}) {
            const auto inv =
                investigationFromJsonBytes(readAll(scanPath(name + u".investigation.json"_s)));
            QVERIFY2(inv.has_value(), qPrintable(name));
            auto id = (*store)->saveInvestigation(*inv);
            QVERIFY(id.has_value());
            QVERIFY((*store)->saveDraft(*id, inv->ticket.id, inv->diagnosisMarkdown).has_value());
            auto send = (*store)->beginSend(*id, inv->ticket.id, inv->diagnosisMarkdown, false);
            QVERIFY(send.has_value());
            QVERIFY((*store)->markFailed(send->id, u"HTTP 401 from the helpdesk"_s).has_value());
            for (const auto &[format, suffix] :
                 {std::pair{ExportFormat::Markdown, u"md"_s},
                  std::pair{ExportFormat::Html, u"html"_s}, std::pair{ExportFormat::Pdf, u"pdf"_s},
                  std::pair{ExportFormat::Json, u"json"_s}}) {
                const auto ok =
                    exportInvestigation(*inv, format, scanPath(name + u".export."_s + suffix));
                QVERIFY2(ok.has_value(), qPrintable(ok ? QString() : ok.error().message));
                ++exported;
            }
        }
        QCOMPARE(exported, 12);
        // Scanned while open (-wal, -shm present) and after closing.
        QVERIFY(QFile::exists(scanPath(u"casefile.sqlite-wal"_s)));
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QVERIFY(QFile::copy(scanPath(u"casefile.sqlite"_s + suffix),
                                scanPath(u"open-copy.sqlite"_s + suffix)));
        store->reset();
    }

    void scan()
    {
        QVERIFY(m_sandbox);
        QCOMPARE(m_sandbox->stop(), 0);
        {
            QMutexLocker lock(&logMutex);
            logFile->flush();
        }
        QVERIFY(m_canaries.size() >= 8);

        // Every form a canary could take in a file.
        QList<std::pair<QByteArray, QString>> needles; // form, label
        for (const QString &c : std::as_const(m_canaries)) {
            const QByteArray raw = c.toUtf8();
            const QList<std::pair<QByteArray, QString>> forms = {
                {raw, u"raw"_s},
                {raw.toBase64(), u"base64"_s},
                {raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
                 u"base64url"_s},
                {QUrl::toPercentEncoding(c), u"url-encoded"_s},
                {QByteArray(raw).replace("/", "\\/"), u"json"_s}};
            for (const auto &[form, name] : forms) {
                if (form == raw && name != u"raw"_s)
                    continue; // the same bytes as the raw form
                needles.append({form, c.left(10) + u' ' + name});
            }
        }
        for (const QByteArray &credential : std::as_const(m_encodedCredentials))
            needles.append({credential, u"sandbox credential"_s});
        for (const QByteArray &credential : std::as_const(m_authorizationValues))
            needles.append(
                {credential, u"credential sent as "_s + QString::fromLatin1(credential.left(6))});

        int files = 0;
        qint64 bytes = 0;
        QStringList found;
        QStringList unredacted;
        int authorizationLines = 0;
        static const QRegularExpression header(
            u"authorization\\\\?\"?\\s*[:=]\\s*\\\\?\"?(?:(?:bearer|basic|token)\\s+)?([^\\s\\\\\",;&]+)"_s,
            QRegularExpression::CaseInsensitiveOption);
        QDirIterator it(m_scanDir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray content = readAll(path);
            ++files;
            bytes += content.size();
            for (const auto &[needle, label] : std::as_const(needles)) {
                if (content.contains(needle))
                    found << u"%1 in %2"_s.arg(label, QFileInfo(path).fileName());
            }
            if (!path.endsWith(u".log"_s) && !path.endsWith(u".stderr"_s) &&
                !path.endsWith(u".stdout"_s))
                continue;
            for (const QByteArray &line : content.split('\n')) {
                const QString text = QString::fromUtf8(line);
                for (auto m = header.globalMatch(text); m.hasNext();) {
                    const auto match = m.next();
                    ++authorizationLines;
                    if (match.captured(1) != u"***"_s)
                        unredacted << QFileInfo(path).fileName() + u": "_s + text.left(200);
                }
            }
        }
        qInfo("secrets scan: %d canaries, %d files, %d found", int(m_canaries.size()), files,
              int(found.size()));
        qInfo("secrets scan: %lld bytes, %d credential forms seen on the wire, %d Authorization "
              "log mentions",
              bytes, int(m_authorizationValues.size()), authorizationLines);
        QVERIFY(files >= 20);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u"\n"_s)));
        QVERIFY2(unredacted.isEmpty(), qPrintable(unredacted.join(u"\n"_s)));
        // The echoed 401 is logged by the keychain workspace: the redaction check did run.
        if (m_keychainChecked)
            QVERIFY(authorizationLines > 0);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
        QMutexLocker lock(&logMutex);
        delete logFile;
        logFile = nullptr;
    }
};

QTEST_MAIN(TestSecretScan)
#include "tst_secretscan.moc"
