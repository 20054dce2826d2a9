#include "sandbox/fakes/fakeservices.h"

#include "core/operations.h"
#include "sandbox/fakes/fakeslogging.h"
#include "sandbox/fakes/httpserver.h"
#include "sandbox/fakes/vendorfakes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace Casefile::Sandbox {

using namespace Qt::StringLiterals;

namespace {

QString randomToken(const QString &prefix)
{
    QByteArray bytes(18, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return prefix + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding |
                                                       QByteArray::OmitTrailingEquals));
}

QString canonicalSystem(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"zendesk"_s)
        return u"helpdesk"_s;
    if (lower == u"portkey"_s)
        return u"gateway"_s;
    if (lower == u"openai"_s)
        return u"llm"_s;
    return lower;
}

std::optional<InjectedFault::Kind> faultKind(const QString &kind)
{
    const QString k = kind.trimmed().toLower();
    if (k == u"timeout"_s)
        return InjectedFault::Kind::Timeout;
    if (k == u"429"_s)
        return InjectedFault::Kind::TooManyRequests;
    if (k == u"500"_s || k == u"5xx"_s)
        return InjectedFault::Kind::ServerError;
    if (k == u"malformed"_s)
        return InjectedFault::Kind::Malformed;
    if (k == u"reset"_s)
        return InjectedFault::Kind::Reset;
    if (k == u"slow"_s)
        return InjectedFault::Kind::Slow;
    if (k == u"gzip-bomb"_s)
        return InjectedFault::Kind::GzipBomb;
    if (k == u"oversized"_s)
        return InjectedFault::Kind::Oversized;
    return std::nullopt;
}

// The server's form of a fault asked for `system`, or why it is none.
Result<InjectedFault> injectedFault(const FaultSpec &fault, const QString &system)
{
    const auto kind = faultKind(fault.kind);
    if (!kind)
        return fail(
            Error::Code::InvalidInput,
            u"Unknown fault \"%1\" for %2; use timeout, 429, 500, malformed, reset, slow, gzip-bomb or oversized."_s
                .arg(fault.kind, system));
    if (fault.rate < 0.0 || fault.rate > 1.0)
        return fail(Error::Code::InvalidInput,
                    u"The fault rate for %1 must be between 0 and 1."_s.arg(system));
    return InjectedFault{*kind, fault.rate};
}

constexpr qsizetype MaxRecordedBody = 64 * 1024;
constexpr qsizetype MaxRecordedRequests = 20000;

} // namespace

QStringList FakeServices::systemNames()
{
    return Operations::connectors(); // one fake per system with step operations
}

FakeServices::FakeServices(const QJsonObject &scenarioRoot, BillingFunction billing,
                           const QUrl &clickhouseUpstream, QObject *parent)
    : QObject(parent)
    , m_context(std::make_unique<FakeContext>())
{
    m_context->scenario = scenarioRoot;
    m_context->now = parseTime(scenarioRoot.value(u"now"_s).toString());
    if (!m_context->now.isValid())
        m_context->now = QDateTime::currentDateTimeUtc();
    m_context->sinceStart.start();
    m_context->billing = std::move(billing);
    m_context->clickhouseUpstream = clickhouseUpstream;
    const QJsonObject company = scenarioRoot.value(u"company"_s).toObject();
    QString domain = company.value(u"domain"_s).toString();
    if (domain.isEmpty())
        domain = u"sandbox.casefile"_s;
    m_context->agentEmail = u"agent@"_s + domain;
    for (const QString &system : systemNames())
        m_context->tokens.insert(
            system, randomToken(system == u"stripe"_s ? u"sk_test_"_s : u"cf_"_s + system + u'_'));
    m_context->tokens.insert(u"clickhouse"_s, QString());
}

FakeServices::~FakeServices()
{
    // Servers (and their connections) go before the fakes their handlers point at.
    delete m_control;
    qDeleteAll(m_servers);
    m_servers.clear();
}

Result<void> FakeServices::start(const QMap<QString, ServiceOptions> &options)
{
    if (m_started)
        return fail(Error::Code::InvalidInput, u"The sandbox services are already running."_s);
    QMap<QString, ServiceOptions> bySystem;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QString system = canonicalSystem(it.key());
        if (!systemNames().contains(system))
            return fail(Error::Code::InvalidInput,
                        u"Unknown sandbox system \"%1\"; known systems: %2."_s.arg(
                            it.key(), systemNames().join(u", "_s)));
        if (it->fault) {
            if (auto checked = injectedFault(*it->fault, system); !checked)
                return std::unexpected(checked.error());
        }
        if (it->latencyMs < 0)
            return fail(Error::Code::InvalidInput,
                        u"The latency for %1 must not be negative."_s.arg(system));
        bySystem.insert(system, *it);
    }

    // Bind every port first: the fakes write their own and each other's URLs into answers.
    for (const QString &system : systemNames()) {
        auto *server = new FakeHttpServer(
            system,
            [this, system](const HttpRequest &request, Responder respond) {
                const auto fake = m_fakes.value(system);
                if (!fake) {
                    respond(HttpResponse::text(503, "starting\n"_ba));
                    return;
                }
                fake->handle(request, respond);
            },
            [this, system](int status) {
                const auto fake = m_fakes.value(system);
                return fake ? fake->faultAnswer(status) : HttpResponse::text(status, {});
            });
        server->setObserver([this, system](const HttpRequest &request) {
            if (!m_control || m_requests.size() >= MaxRecordedRequests)
                return; // only a controlled sandbox keeps its requests
            m_requests.append(ReceivedRequest{system, request.method, request.target,
                                              request.body.left(MaxRecordedBody)});
        });
        m_servers.insert(system, server);
        if (!server->listen()) {
            const QString why = server->errorString();
            qDeleteAll(m_servers);
            m_servers.clear();
            return fail(Error::Code::Unreachable,
                        u"The sandbox could not listen on 127.0.0.1 for %1."_s.arg(system), why);
        }
        m_context->bases.insert(system, u"http://127.0.0.1:"_s + QString::number(server->port()));
        const ServiceOptions option = bySystem.value(system);
        server->setLatency(option.latencyMs, option.latencyMaxMs);
        if (option.fault)
            server->setFault(*injectedFault(*option.fault, system)); // checked above
    }

    FakeContext &context = *m_context;
    m_fakes.insert(u"clickhouse"_s, std::make_shared<ClickHouseProxy>(context));
    m_fakes.insert(u"helpdesk"_s, std::make_shared<ZendeskFake>(context));
    m_fakes.insert(u"github"_s, std::make_shared<GitHubFake>(context));
    m_fakes.insert(u"linear"_s, std::make_shared<LinearFake>(context));
    m_fakes.insert(u"jira"_s, std::make_shared<JiraFake>(context));
    m_fakes.insert(u"stripe"_s, std::make_shared<StripeFake>(context));
    m_fakes.insert(u"statuspage"_s, std::make_shared<StatuspageFake>(context));
    m_fakes.insert(u"pagerduty"_s, std::make_shared<PagerDutyFake>(context));
    m_fakes.insert(u"docs"_s, std::make_shared<DocsFake>(context));
    m_fakes.insert(u"gateway"_s, std::make_shared<PortkeyFake>(context));
    m_fakes.insert(u"llm"_s, std::make_shared<LlmFake>(context));
    m_started = true;
    qCInfo(lcFakes) << "vendor fakes listening:" << m_context->bases;
    return {};
}

Result<void> FakeServices::setFault(const QString &system, const std::optional<FaultSpec> &fault)
{
    FakeHttpServer *server = m_servers.value(canonicalSystem(system));
    if (!server)
        return fail(Error::Code::InvalidInput,
                    u"Unknown sandbox system \"%1\"; known systems: %2."_s.arg(
                        system, systemNames().join(u", "_s)));
    if (!fault) {
        server->setFault(std::nullopt);
        return {};
    }
    auto injected = injectedFault(*fault, canonicalSystem(system));
    if (!injected)
        return std::unexpected(injected.error());
    server->setFault(*injected);
    return {};
}

Result<QUrl> FakeServices::startControl()
{
    if (!m_started)
        return fail(Error::Code::InvalidInput, u"Start the sandbox services first."_s);
    if (m_control)
        return QUrl(u"http://127.0.0.1:"_s + QString::number(m_control->port()));
    auto handler = [this](const HttpRequest &request, Responder respond) {
        const QString path = request.path;
        if (path == u"/systems"_s && request.method == "GET") {
            respond(HttpResponse::json(
                200, QJsonDocument(
                         QJsonObject{{u"systems"_s, QJsonArray::fromStringList(systemNames())}})
                         .toJson(QJsonDocument::Compact)));
            return;
        }
        if (path == u"/requests"_s && request.method == "GET") {
            QJsonArray list;
            for (const ReceivedRequest &r : std::as_const(m_requests))
                list.append(QJsonObject{{u"system"_s, r.system},
                                        {u"method"_s, QString::fromLatin1(r.method)},
                                        {u"target"_s, QString::fromUtf8(r.target)},
                                        {u"body"_s, QString::fromUtf8(r.body)}});
            respond(HttpResponse::json(
                200,
                QJsonDocument(QJsonObject{{u"requests"_s, list}}).toJson(QJsonDocument::Compact)));
            return;
        }
        if (path == u"/requests"_s && request.method == "DELETE") {
            clearRequests();
            respond(HttpResponse::text(204, {}));
            return;
        }
        if (path.startsWith(u"/faults/"_s) &&
            (request.method == "PUT" || request.method == "DELETE")) {
            std::optional<FaultSpec> fault;
            if (request.method == "PUT") {
                const QString spec = QString::fromUtf8(request.body).trimmed();
                const qsizetype colon = spec.indexOf(u':');
                FaultSpec f{colon < 0 ? spec : spec.left(colon), 1.0};
                bool ok = true;
                if (colon >= 0)
                    f.rate = spec.mid(colon + 1).toDouble(&ok);
                if (!ok) {
                    respond(HttpResponse::text(400, "the rate after ':' must be a number\n"_ba));
                    return;
                }
                fault = f;
            }
            const auto set = setFault(path.mid(8), fault);
            respond(set ? HttpResponse::text(204, {})
                        : HttpResponse::text(400, QByteArray(set.error().message.toUtf8() + '\n')));
            return;
        }
        respond(HttpResponse::text(404, "no such control endpoint\n"_ba));
    };
    auto *control = new FakeHttpServer(u"control"_s, handler,
                                       [](int status) { return HttpResponse::text(status, {}); });
    if (!control->listen()) {
        const QString why = control->errorString();
        delete control;
        return fail(Error::Code::Unreachable,
                    u"The sandbox could not listen on 127.0.0.1 for its control server."_s, why);
    }
    m_control = control;
    return QUrl(u"http://127.0.0.1:"_s + QString::number(m_control->port()));
}

QUrl FakeServices::url(const QString &system) const
{
    const QString base = m_context->bases.value(canonicalSystem(system));
    return base.isEmpty() ? QUrl() : QUrl(base);
}

QList<QJsonObject> FakeServices::receivedComments(const QString &ticketId) const
{
    const auto zendesk = std::dynamic_pointer_cast<ZendeskFake>(m_fakes.value(u"helpdesk"_s));
    return zendesk ? zendesk->receivedComments(ticketId) : QList<QJsonObject>{};
}

QJsonObject FakeServices::profileConnections() const
{
    const FakeContext &c = *m_context;
    const auto secret = [&c](const QString &system) {
        return QJsonObject{{u"inline"_s, c.token(system)}};
    };
    const QJsonObject company = c.scenario.value(u"company"_s).toObject();
    const QJsonObject billing = c.scenario.value(u"billing"_s).toObject();
    QJsonObject pages;
    const QJsonObject statuspage = c.scenario.value(u"statuspage"_s).toObject();
    for (auto it = statuspage.begin(); it != statuspage.end(); ++it)
        pages.insert(it.key(), QString(c.base(u"statuspage"_s) + u'/' + it.key()));

    return QJsonObject{
        {u"helpdesk"_s, QJsonObject{{u"type"_s, u"zendesk"_s},
                                    {u"url"_s, c.base(u"helpdesk"_s)},
                                    {u"account"_s, c.agentEmail},
                                    {u"secret"_s, secret(u"helpdesk"_s)}}},
        {u"clickhouse"_s,
         QJsonObject{{u"type"_s, u"clickhouse"_s},
                     {u"url"_s, c.base(u"clickhouse"_s)},
                     {u"account"_s, u"default"_s},
                     {u"secret"_s, QJsonObject{{u"inline"_s, u""_s}}},
                     {u"options"_s, QJsonObject{{u"database"_s, m_clickhouseDatabase},
                                                {u"max_execution_time"_s, 30}}}}},
        {u"github"_s,
         QJsonObject{
             {u"type"_s, u"github"_s},
             {u"url"_s, c.base(u"github"_s)},
             {u"secret"_s, secret(u"github"_s)},
             {u"options"_s, QJsonObject{{u"repo"_s, company.value(u"github_repo"_s).toString()}}}}},
        {u"linear"_s, QJsonObject{{u"type"_s, u"linear"_s},
                                  {u"url"_s, c.base(u"linear"_s)},
                                  {u"secret"_s, secret(u"linear"_s)}}},
        {u"jira"_s, QJsonObject{{u"type"_s, u"jira"_s},
                                {u"url"_s, c.base(u"jira"_s)},
                                {u"account"_s, c.agentEmail},
                                {u"secret"_s, secret(u"jira"_s)}}},
        {u"stripe"_s,
         QJsonObject{
             {u"type"_s, u"stripe"_s},
             {u"url"_s, c.base(u"stripe"_s)},
             {u"secret"_s, secret(u"stripe"_s)},
             {u"options"_s, QJsonObject{{u"meter"_s, billing.value(u"meter"_s).toString()}}}}},
        {u"statuspage"_s, QJsonObject{{u"type"_s, u"statuspage"_s},
                                      {u"url"_s, c.base(u"statuspage"_s)},
                                      {u"options"_s, QJsonObject{{u"pages"_s, pages}}}}},
        {u"pagerduty"_s, QJsonObject{{u"type"_s, u"pagerduty"_s},
                                     {u"url"_s, c.base(u"pagerduty"_s)},
                                     {u"secret"_s, secret(u"pagerduty"_s)}}},
        {u"docs"_s, QJsonObject{{u"type"_s, u"docs"_s}, {u"url"_s, c.base(u"docs"_s)}}},
        {u"gateway"_s, QJsonObject{{u"type"_s, u"portkey"_s},
                                   {u"url"_s, QString(c.base(u"gateway"_s) + u"/v1"_s)},
                                   {u"secret"_s, secret(u"gateway"_s)}}},
        {u"llm"_s, QJsonObject{{u"type"_s, u"openai"_s},
                               {u"url"_s, QString(c.base(u"llm"_s) + u"/v1"_s)},
                               {u"secret"_s, secret(u"llm"_s)},
                               {u"options"_s, QJsonObject{{u"model"_s, u"casefile-sandbox-1"_s},
                                                          {u"timeout_ms"_s, 10000}}}}}};
}

} // namespace Casefile::Sandbox
