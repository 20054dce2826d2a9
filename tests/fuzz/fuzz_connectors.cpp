// Vendor answers: each connector's parse step on any bytes a server (or a proxy in front of it)
// may send. The first byte picks the connector and operation, the rest is the HTTP body.
#include "connectors/common/connection.h"
#include "connectors/docs/docsconnector.h"
#include "connectors/gateway/portkeyconnector.h"
#include "connectors/github/githubconnector.h"
#include "connectors/helpdesk/zendeskconnector.h"
#include "connectors/jira/jiraconnector.h"
#include "connectors/linear/linearconnector.h"
#include "connectors/llm/llmconnector.h"
#include "connectors/pagerduty/pagerdutyconnector.h"
#include "connectors/statuspage/statuspageconnector.h"
#include "connectors/stripe/stripeconnector.h"

#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace Casefile;
using namespace Casefile::Connectors;
using namespace Qt::StringLiterals;

namespace {

enum class Target : uint8_t {
    HelpdeskTickets,
    HelpdeskOrganisations,
    GitHub, // deployments and releases: a JSON list
    Linear,
    Jira,
    Stripe,
    StatuspageSummary,
    StatuspageIncidents,
    PagerDuty,
    Docs,
    Gateway,
    Llm,
    HttpMeta, // error bodies, Retry-After / rate-limit headers, Link headers
    Count
};

const TimeWindow &window()
{
    static const TimeWindow w{QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc()),
                              QDateTime(QDate(2026, 11, 30), QTime(0, 0), QTimeZone::utc())};
    return w;
}

void sink(const QJsonValue &value)
{
    // Serialising walks everything the parse step produced.
    (void)QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

void httpMeta(const QByteArray &bytes)
{
    (void)vendorErrorMessage(bytes);
    HttpResponse response;
    response.status = 429;
    for (const QByteArray &line : bytes.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    (void)retryAfter(response, window().from);
    (void)nextLink(response);
}

void parse(Target target, const QByteArray &body)
{
    if (target == Target::HttpMeta) {
        httpMeta(body);
        return;
    }
    if (target == Target::GitHub) {
        auto doc = parseJson(body, u"github"_s);
        if (!doc || !doc->isArray())
            return;
        for (const QJsonValue &v : doc->array()) {
            sink(GitHubConnector::deploymentEvent(v.toObject(), u"production"_s));
            if (auto release = GitHubConnector::releaseEvent(v.toObject(), window(), u"o/r"_s))
                sink(*release);
        }
        return;
    }
    auto root = parseJsonObject(body, u"fuzz"_s);
    if (!root)
        return;
    switch (target) {
    case Target::HelpdeskTickets: {
        QList<Ticket> tickets = ZendeskConnector::parseTickets(*root);
        ZendeskConnector::sortQueue(tickets);
        break;
    }
    case Target::HelpdeskOrganisations:
        (void)ZendeskConnector::parseOrganisations(*root);
        break;
    case Target::Linear: {
        auto data = LinearConnector::graphqlData(*root);
        if (!data)
            break;
        const QJsonObject result = data->value(u"searchIssues"_s).toObject();
        for (const QJsonValue &n : result.value(u"nodes"_s).toArray())
            sink(LinearConnector::issueEvent(n.toObject()));
        break;
    }
    case Target::Jira:
        for (const QJsonValue &v : root->value(u"issues"_s).toArray())
            sink(JiraConnector::issueEvent(v.toObject(), QUrl(u"https://example.atlassian.net"_s)));
        break;
    case Target::Stripe:
        for (const QJsonValue &v : root->value(u"data"_s).toArray()) {
            const QJsonObject invoice = v.toObject();
            sink(StripeConnector::invoiceRow(
                invoice, invoice.value(u"lines"_s).toObject().value(u"data"_s).toArray()));
        }
        break;
    case Target::StatuspageSummary:
        sink(StatuspageConnector::summaryRow(u"openai"_s, *root));
        break;
    case Target::StatuspageIncidents:
        sink(StatuspageConnector::incidentEvents(u"openai"_s, *root, window()));
        break;
    case Target::PagerDuty:
        sink(PagerDutyConnector::incidentEvents(*root, window()));
        break;
    case Target::Docs:
        sink(DocsConnector::pageItem(*root, u"/runbooks/fuzz"_s));
        break;
    case Target::Gateway:
        if (auto data = PortkeyConnector::configData(*root, u"pc-fuzz"_s))
            sink(*data);
        break;
    case Target::Llm:
        (void)LlmConnector::answerText(*root);
        break;
    default:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const auto target = Target(data[0] % uint8_t(Target::Count));
    parse(target, QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)));
    return 0;
}
