#include "core/analysis/knownbugs.h"
#include "core/analysis/sdkerrors.h"

#include "core/analysis/analyzers.h"
#include "core/analysis/changepoint.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/errorbreakdown.h"
#include "core/analysis/metadatapresence.h"
#include "core/analysis/tokenreconciliation.h"
#include "core/analysis/unchecked.h"
#include "core/analysis/webhookbreakdown.h"
#include "core/engine/textnormalizer.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace Analysis {

namespace {

// Words that say how something fails, not what fails: on their own they never tie a bug to
// this ticket.
const QSet<QString> &symptomWords()
{
    static const QSet<QString> words = {
        u"slow"_s,      u"slower"_s,    u"latency"_s,      u"timeout"_s,    u"timeouts"_s,
        u"error"_s,     u"errors"_s,    u"fail"_s,         u"fails"_s,      u"failing"_s,
        u"failed"_s,    u"failure"_s,   u"failures"_s,     u"broken"_s,     u"crash"_s,
        u"hang"_s,      u"hangs"_s,     u"stuck"_s,        u"wrong"_s,      u"missing"_s,
        u"spike"_s,     u"degraded"_s,  u"intermittent"_s, u"requests"_s,   u"request"_s,
        u"response"_s,  u"responses"_s, u"feels"_s,        u"load"_s,       u"loading"_s,
        u"customers"_s, u"customer"_s,  u"users"_s,        u"production"_s, u"prod"_s};
    return words;
}

// Labels that say what kind of issue it is, not what it is about.
const QSet<QString> &genericLabels()
{
    static const QSet<QString> labels = {
        u"bug"_s,    u"regression"_s, u"performance"_s, u"edge"_s,       u"p0"_s,
        u"p1"_s,     u"p2"_s,         u"p3"_s,          u"customer"_s,   u"urgent"_s,
        u"triage"_s, u"sev1"_s,       u"sev2"_s,        u"improvement"_s};
    return labels;
}

// Symptom words that say how something fails (not "requests", "customers").
bool describesFailure(const QString &word)
{
    static const QSet<QString> neutral = {
        u"requests"_s, u"request"_s,   u"response"_s, u"responses"_s, u"feels"_s,      u"load"_s,
        u"loading"_s,  u"customers"_s, u"customer"_s, u"users"_s,     u"production"_s, u"prod"_s};
    return symptomWords().contains(word) && !neutral.contains(word);
}

bool matches(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    const QString &s = a.size() < b.size() ? a : b;
    const QString &l = a.size() < b.size() ? b : a;
    return s.size() >= 5 && l.startsWith(s);
}

// The words of `wanted` that one of `words` matches.
QStringList matched(const QStringList &wanted, const QStringList &words)
{
    QStringList out;
    for (const QString &w : wanted) {
        if (std::any_of(words.cbegin(), words.cend(),
                        [&](const QString &word) { return matches(w, word); }))
            appendUnique(out, w);
    }
    return out;
}

bool isOpen(const QJsonObject &issue)
{
    const QString type = issue.value(u"state_type"_s).toString().toLower();
    const QString state = issue.value(u"state"_s).toString().toLower();
    static const QStringList closed = {u"completed"_s, u"canceled"_s, u"cancelled"_s, u"done"_s,
                                       u"closed"_s,    u"resolved"_s, u"duplicate"_s};
    return !closed.contains(type) && !closed.contains(state);
}

// A model's own words, without its family ("claude", "gpt") that names its provider.
QStringList modelWords(const QString &model)
{
    static const QSet<QString> families = {u"claude"_s, u"gpt"_s,     u"gemini"_s,
                                           u"llama"_s,  u"mistral"_s, u"command"_s};
    QStringList out;
    for (const QString &w : wordsOf(model)) {
        if (!families.contains(w))
            out.append(w);
    }
    return out;
}

// A webhook failure's signature, from the customer's deliveries: the main error and HTTP status
// of the failed ones, and the events that failed ("request.failed") when other events of the same
// org were delivered without failing.
void appendWebhookSignatures(const AnalysisInput &input, const WebhookFacts &webhooks,
                             KnownBugProblem &p)
{
    const QString &own = webhooks.ownEvidence;
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"webhook_breakdown")) {
        if (f.evidence->id != own)
            continue;
        const Table t(f.evidence->data);
        QMap<QString, double> failedBy;    // "error:…", "status:…", "event:…"
        QMap<QString, double> deliveredBy; // event -> deliveries
        double failed = 0;
        for (int r = 0; r < t.rowCount(); ++r) {
            const double n = t.number(r, u"n");
            const int status = int(t.number(r, u"status"));
            const QString event = t.text(r, u"event");
            deliveredBy[event] += n;
            if (!deliveryFailed(status, t.text(r, u"error")))
                continue;
            failed += n;
            failedBy[u"error:"_s + t.text(r, u"error")] += n;
            failedBy[u"status:"_s + QString::number(status)] += n;
            failedBy[u"event:"_s + event] += n;
        }
        bool someEventFine = false;
        for (auto it = deliveredBy.cbegin(); it != deliveredBy.cend(); ++it)
            someEventFine =
                someEventFine || (it.value() >= 20 && failedBy.value(u"event:"_s + it.key()) == 0);
        for (auto it = failedBy.cbegin(); it != failedBy.cend(); ++it) {
            const QString kind = it.key().section(u':', 0, 0);
            const QString value = it.key().section(u':', 1);
            if (value.isEmpty() || value == u"0" || it.value() < 0.5 * failed ||
                (kind == u"event" && !someEventFine))
                continue;
            appendUnique(p.signatures, value.toLower());
        }
    }
}

// Ties `sdk` ("portkey-node/2.31.0") to the fault: its name's words name what failed, its
// version is the signature an issue names, cited as sdk:<sdk>; as the problem's measured part, or
// as the second one beside it (`beside`).
void measureSdk(KnownBugProblem &p, const QString &sdk, bool beside)
{
    appendUnique(p.components, wordsOf(sdk.section(u'/', 0, 0)));
    QString &part = beside ? p.alsoMeasured : p.measured;
    part = sdk.section(u'/', 1).toLower();
    (beside ? p.alsoMeasuredOn : p.measuredOn) = u"sdk:"_s + sdk;
    appendUnique(p.signatures, part);
}

// The SDK version every group of `dropped` (indexes into `groups`) sent with
// ("portkey-node/2.31.0"), as a part the data ties to the fault beside the measured one; nothing
// when they span SDKs or the version is bare.
void appendDroppedSdk(const QList<MetadataGroup> &groups, const QList<int> &dropped,
                      KnownBugProblem &p)
{
    if (dropped.isEmpty())
        return;
    const QString sdk = groups.at(dropped.first()).sdk;
    const bool shared = std::ranges::all_of(
        dropped, [&](int i) { return groups.at(i).sdk.compare(sdk, Qt::CaseInsensitive) == 0; });
    if (shared && sdk.section(u'/', 1).count(u'.') >= 1)
        measureSdk(p, sdk, true);
}

// Metadata lost on one route while the org's other traffic keeps it: the route is the part of
// the traffic the logs tie to the fault, and the minute it began is the onset.
void appendMetadataScope(const AnalysisInput &input, KnownBugProblem &p)
{
    p.areaIsTheFault = true;
    const MetadataFacts facts = gatherMetadata(input);
    const GroupVerdict v = judgeGroups(facts.groups, facts.ticketText);
    if (!v.partDropped()) {
        // one SDK version that carries none while another passes it on: an issue that names that
        // version ("portkey-node 2.15.0") is the filed account of it
        const QList<SdkMetadata> &judged = facts.recent.isEmpty() ? facts.sdks : facts.recent;
        const SdkDrop drop = judgeSdkDrop(judged, facts.ticketText);
        const QString version =
            drop.bad >= 0 ? judged.at(drop.bad).sdk.section(u'/', 1) : QString();
        if (version.count(u'.') < 1) {
            // one service upgraded and lost it, while the same version elsewhere keeps it (its
            // requests are of another kind): the version it moved to is what an issue names
            appendDroppedSdk(facts.groups, upgradeDrops(facts.groups), p);
            return;
        }
        measureSdk(p, judged.at(drop.bad).sdk, false);
        return;
    }
    QString scope = v.route;
    if (!scope.isEmpty()) {
        appendUnique(p.routes, routeWords(v.route));
        p.measured = v.route.toLower();
        p.measuredOn = u"route:"_s + v.route;
    } else {
        scope = droppedProvider(facts.groups, v, configTraffic(input));
        // an SDK version every dropped group sent with: what an issue naming that version
        // describes, beside the provider the drops went to or alone
        appendDroppedSdk(facts.groups, v.dropped, p);
        if (scope.isEmpty())
            return;
        appendUnique(p.providers, wordsOf(scope));
        p.measured = scope.toLower();
        p.measuredOn = u"provider:"_s + scope;
    }
    appendUnique(p.signatures, p.measured);
    if (p.onset.isValid())
        return;
    p.onset = v.since;
    p.change =
        u"requests on "_s + scope + u" carry no custom metadata from "_s +
        clock(v.since, input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now);
    p.changePhrases = {{u"metadata.route_drop"_s,
                        {Say::time(u"since"_s, v.since), Say::name(u"scope"_s, scope),
                         Say::count(u"count"_s, v.lost)}}};
}

// Whether the customer reads their usage on our usage page ("usage page", "page
// Utilisation", "página de consumo", "Nutzungsübersicht", "利用状況ページ"): a figure of that
// page set against the invoice.
bool namesUsagePage(const Ticket &ticket)
{
    static const QRegularExpression page(
        u" (usage (page|tab|screen|view)|page (d )?(utilisation|usage|consommation)|"
        u"pagina de (uso|consumo|utilizacao|utilizacion)|"
        u"(nutzungs|verbrauchs|usage ?)(seite|ubersicht|anzeige)|"
        u"seite (nutzung|verbrauch))"_s);
    static const QRegularExpression japanese(
        u"(利用状況|使用量|利用量|使用状況)の?(ページ|画面)"_s);
    const QString text = ticket.subject + u'\n' + ticket.description;
    return page.match(foldForMatching(text)).hasMatch() || japanese.match(text).hasMatch();
}

KnownBugProblem problemOf(const AnalysisInput &input, const QDateTime &reference,
                          const ErrorProfile &errors)
{
    KnownBugProblem p;
    const auto changes = changeReport(input);
    const ChangeReport &report = *changes;
    if (report.primary) {
        for (auto it = report.primary->labels.begin(); it != report.primary->labels.end(); ++it) {
            const QString value = it.value().toString();
            if (it.key() == u"route")
                appendUnique(p.routes, routeWords(value));
            else if (it.key() == u"provider")
                appendUnique(p.providers, wordsOf(value));
            else if (it.key() == u"model")
                appendUnique(p.models, modelWords(value));
            else
                appendUnique(p.components, wordsOf(value));
        }
        p.onset = report.primary->at;
        p.changeKey = report.primary->key();
        p.change = report.primary->describe(reference);
        p.changePhrases = report.primary->phrases();
    }
    appendUnique(p.routes, routeWords(input.params.route));
    appendUnique(p.providers, wordsOf(input.params.provider));
    const QString provider = affectedProvider(input, errors);
    appendUnique(p.providers, wordsOf(provider));
    appendUnique(p.models, modelWords(input.params.model));
    appendUnique(p.models, modelWords(affectedModel(input, errors)));
    appendUnique(p.components, wordsOf(input.params.sdk));
    p.area = topicWords(input.playbook);
    const QStringList taken = p.providers + p.models + p.routes + p.area;
    for (const QString &k : input.params.keywords) {
        for (const QString &w : wordsOf(k)) {
            if (symptomWords().contains(w))
                appendUnique(p.symptoms, w);
            else if (matched(taken, {w}).isEmpty()) // "token" is the area's "tokens"
                appendUnique(p.components, w);
        }
    }
    // the playbook's name says how it fails too ("latency-spike")
    for (const QString &w : wordsOf(input.playbook)) {
        if (symptomWords().contains(w))
            appendUnique(p.symptoms, w);
    }
    if (input.playbook == u"webhook-failures") {
        const WebhookFacts webhooks = gatherWebhooks(input);
        appendWebhookSignatures(input, webhooks, p);
        const WebhookVerdict verdict =
            judgeWebhooks(webhooks, input.ticket.subject + u' ' + input.ticket.description);
        if (verdict.side != WebhookVerdict::Side::None && !verdict.worst.endpoint.isEmpty())
            p.scope.append(u"endpoint:"_s + verdict.worst.endpoint);
    }
    // requests failing through one config while the org sends to the same provider through
    // another ("streamed Claude fails, the summaries on Claude don't"): that config is what an
    // issue naming how its requests fail hits
    if (input.playbook == u"api-errors" || input.playbook == u"provider-routing") {
        const QList<ConfigTraffic> traffic = configTraffic(input);
        const QString failing = failingConfigRef(traffic, provider, {});
        const auto config = std::ranges::find_if(
            traffic, [&](const ConfigTraffic &c) { return u"config:"_s + c.configId == failing; });
        const bool another = std::ranges::any_of(traffic, [&](const ConfigTraffic &c) {
            return c.provider == provider && u"config:"_s + c.configId != failing &&
                   c.requests >= 50;
        });
        if (!provider.isEmpty() && config != traffic.cend() && another) {
            p.configScope = failing;
            // (its main failures, not the background's few of every kind)
            const QList<ErrorGroup> &groups = errors.groups;
            double failed = 0;
            for (const ErrorGroup &g : groups)
                failed += g.provider == provider && g.model == config->model ? g.n : 0;
            for (const ErrorGroup &g : groups) {
                if (g.provider != provider || g.model != config->model || g.n < 0.25 * failed)
                    continue;
                appendUnique(p.configSignatures, QString::number(g.status));
                if (!g.errorCode.isEmpty())
                    appendUnique(p.configSignatures, g.errorCode.toLower());
            }
        }
    }
    if (input.playbook == u"metadata")
        appendMetadataScope(input, p);
    if (input.playbook == u"token-billing") {
        const BillingFacts billing = gatherBilling(input);
        if (const BillingSlice slice = billingSliceOf(billing); !slice.value.isEmpty()) {
            p.measured = slice.value.toLower();
            p.measuredOn = slice.invoiceRef;
            appendUnique(p.signatures, p.measured);
        } else if (namesUsagePage(input.ticket)) {
            // the invoice matches the logs and the customer's figure comes from the usage
            // page: an issue about that page is the account of the difference
            if (const QString invoice = matchingInvoiceOf(billing); !invoice.isEmpty()) {
                p.measured = u"usage page"_s;
                p.measuredOn = invoice;
                appendUnique(p.signatures, p.measured);
            }
        }
    }
    // the error signature seen in the logs: "invalid_request", "400"
    for (qsizetype i = 0; i < errors.groups.size() && i < 2; ++i) {
        const ErrorGroup &g = errors.groups.at(i);
        if (g.n < 0.2 * errors.errors)
            continue;
        if (!g.errorCode.isEmpty())
            appendUnique(p.signatures, g.errorCode.toLower());
        if (g.status >= 400)
            appendUnique(p.signatures, QString::number(g.status));
    }
    return p;
}

TrackerIssue issueOf(const QJsonObject &e, const QString &evidenceId)
{
    TrackerIssue i;
    i.ref = e.value(u"ref"_s).toString();
    i.title = e.value(u"title"_s).toString();
    i.description = e.value(u"description"_s).toString();
    i.state = e.value(u"state"_s).toString();
    for (const QJsonValue &l : e.value(u"labels"_s).toArray())
        i.labels.append(l.toString().toLower());
    i.open = isOpen(e);
    i.created = timeOf(e.value(u"time"_s));
    i.evidenceId = evidenceId;
    return i;
}

bool namesSignature(const QString &signature, const QString &text)
{
    if (signature.isEmpty())
        return false;
    if (signature.at(0).isDigit())
        return QRegularExpression(u"\\b"_s + signature + u"\\b"_s).match(text).hasMatch();
    return text.contains(signature);
}

// The API paths an issue names ("/v1/messages/batches"), when none of them is one the org's
// requests used (a path and its sub-paths are one); none otherwise, or when the org's paths
// are not known.
QStringList pathsElsewhere(const QStringList &orgRoutes, const TrackerIssue &issue)
{
    if (orgRoutes.isEmpty())
        return {};
    static const QRegularExpression path(u"/v1/[A-Za-z0-9_./-]*[A-Za-z0-9_]"_s);
    QStringList named;
    for (auto it = path.globalMatch(issue.title + u' ' + issue.description); it.hasNext();)
        appendUnique(named, QStringList{it.next().captured().toLower()});
    for (const QString &p : std::as_const(named)) {
        for (const QString &route : orgRoutes) {
            const QString r = route.toLower();
            if (r == p || r.startsWith(p + u'/') || p.startsWith(r + u'/'))
                return {};
        }
    }
    return named;
}

} // namespace

int KnownBugOverlap::strongKinds() const
{
    return int(!models.isEmpty()) + int(!routes.isEmpty()) + int(!signatures.isEmpty()) +
           int(!components.isEmpty()) + int(!symptoms.isEmpty());
}

int KnownBugOverlap::weakKinds() const
{
    return int(!providers.isEmpty()) + int(!area.isEmpty());
}

QStringList KnownBugOverlap::words() const
{
    QStringList out;
    for (const QStringList *l :
         {&models, &routes, &signatures, &components, &symptoms, &providers, &area})
        appendUnique(out, *l);
    return out;
}

KnownBugFacts gatherKnownBugs(const AnalysisInput &input)
{
    KnownBugFacts facts;
    facts.reference = input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    QList<const StepData *> steps = stepsAsking(input, u"linear", u"search_issues");
    steps.append(stepsAsking(input, u"jira", u"search_issues"));
    facts.asked = !steps.isEmpty();
    facts.notConnected = facts.asked && std::all_of(steps.cbegin(), steps.cend(), [](auto *s) {
                             return s->record.status == StepStatus::Skipped &&
                                    s->record.error.endsWith(u"is not connected in this workspace");
                         });
    QList<FoundEvidence> found = findEvidence(input, u"linear", u"search_issues");
    found.append(findEvidence(input, u"jira", u"search_issues"));
    facts.answered = !found.isEmpty();
    if (!facts.answered)
        return facts;
    const ErrorProfile errors = errorProfile(input);
    facts.problem = problemOf(input, facts.reference, errors);
    for (const FoundEvidence &f : findEvidence(input, u"clickhouse", u"traffic_overview")) {
        const Table t(f.evidence->data);
        for (int r = 0; t.hasColumn(u"route") && r < t.rowCount(); ++r) {
            if (t.number(r, u"n") > 0)
                appendUnique(facts.problem.orgRoutes, QStringList{t.text(r, u"route")});
        }
    }
    facts.failures = errors.groups;
    // several searches (the ticket's words, the providers of its logs) may find one issue
    QSet<QString> seen;
    for (const FoundEvidence &f : std::as_const(found)) {
        for (const QJsonObject &e : eventsOf(*f.evidence)) {
            TrackerIssue issue = issueOf(e, f.evidence->id);
            if (!issue.ref.isEmpty() && seen.contains(issue.ref))
                continue;
            seen.insert(issue.ref);
            facts.issues.append(issue);
        }
    }
    return facts;
}

double failuresCovered(const QList<ErrorGroup> &failures, const KnownBugOverlap &overlap)
{
    double n = 0;
    for (const ErrorGroup &g : failures) {
        const bool signature =
            overlap.signatures.contains(QString::number(g.status)) ||
            (!g.errorCode.isEmpty() && overlap.signatures.contains(g.errorCode.toLower()));
        const bool provider =
            overlap.providers.isEmpty() || overlap.providers.contains(g.provider.toLower());
        if (signature && provider)
            n += g.n;
    }
    return n;
}

KnownBugOverlap overlapOf(const KnownBugProblem &problem, const TrackerIssue &issue)
{
    KnownBugOverlap o;
    const QString labels = issue.labels.join(u' ');
    const QStringList titleWords = wordsOf(issue.title + u' ' + labels);
    const QStringList allWords = wordsOf(issue.title + u' ' + labels + u' ' + issue.description);
    o.providers = matched(problem.providers, allWords);
    o.models = matched(problem.models, allWords);
    o.routes = matched(problem.routes, allWords);
    o.components = matched(problem.components, allWords);
    o.area = matched(problem.area, allWords);
    for (const QString &w : matched(problem.symptoms, titleWords)) {
        if (describesFailure(w))
            o.symptoms.append(w);
    }
    const QString raw = (issue.title + u' ' + labels + u' ' + issue.description).toLower();
    const QString titleRaw = (issue.title + u' ' + labels).toLower();
    for (const QString &s : problem.signatures) {
        if (namesSignature(s, raw))
            o.signatures.append(s);
    }
    const QStringList details =
        problem.providers + problem.models + problem.routes + problem.components + problem.area;
    o.inTitle = !o.symptoms.isEmpty() || !matched(details, titleWords).isEmpty() ||
                std::any_of(o.signatures.cbegin(), o.signatures.cend(),
                            [&](const QString &s) { return namesSignature(s, titleRaw); });
    return o;
}

KnownBugJudgement judgeKnownBug(const KnownBugProblem &problem, const TrackerIssue &issue)
{
    KnownBugJudgement j;
    j.overlap = overlapOf(problem, issue);
    const KnownBugOverlap &o = j.overlap;
    // labels that name what the issue is about: "provider:bedrock", "usage-ui"
    const QStringList known =
        problem.providers + problem.models + problem.routes + problem.components + problem.area;
    bool labelMatches = false;
    bool providerLabelMatches = false;
    QStringList otherProviders;
    for (const QString &label : issue.labels) {
        if (genericLabels().contains(label))
            continue;
        const QString value = label.section(u':', -1);
        if (label.startsWith(u"provider:"_s) && !problem.providers.isEmpty()) {
            // a provider label classifies the issue: "azure-openai" is not "openai"
            if (problem.providers.contains(value) || problem.measuredOn == label)
                providerLabelMatches = true;
            else
                otherProviders.append(label);
            continue;
        }
        j.otherLabels.append(label);
        labelMatches = labelMatches || !matched(known, wordsOf(value)).isEmpty();
    }
    if (!otherProviders.isEmpty() && !providerLabelMatches) {
        j.match = KnownBugMatch::OtherProvider;
        j.otherLabels = otherProviders;
        return j;
    }
    // an issue about API paths the org never called is about traffic it does not have
    if (const QStringList paths = pathsElsewhere(problem.orgRoutes, issue); !paths.isEmpty()) {
        j.match = KnownBugMatch::OtherComponent;
        j.otherLabels = paths;
        return j;
    }
    labelMatches = labelMatches || providerLabelMatches;
    if (!j.otherLabels.isEmpty() && !labelMatches) {
        j.match = KnownBugMatch::OtherComponent;
        return j;
    }
    j.otherLabels.clear();
    const int strong = o.strongKinds();
    const int weak = o.weakKinds();
    if (problem.areaIsTheFault && !problem.area.isEmpty() && o.area.isEmpty() && strong > 0) {
        // the same route, another fault ("reasoning tokens missing" for lost metadata)
        j.match = KnownBugMatch::OneDetail;
        return j;
    }
    if (strong == 0 && weak == 0) {
        j.match = KnownBugMatch::Unrelated;
        return j;
    }
    if (!(strong >= 2 || (strong >= 1 && weak >= 1)) || !o.inTitle) {
        j.match = strong == 0 && o.providers.isEmpty() ? KnownBugMatch::AreaOnly
                                                       : KnownBugMatch::OneDetail;
        return j;
    }
    if (!issue.open) {
        j.match = KnownBugMatch::Closed;
        return j;
    }
    const bool signature = !o.signatures.isEmpty();
    if (problem.onset.isValid() && issue.created.isValid() &&
        issue.created < problem.onset.addDays(-1) && !signature) {
        j.match = KnownBugMatch::TooOld;
        return j;
    }
    j.match = KnownBugMatch::Describes;
    const double strength = std::min(1.0, 0.25 * strong + 0.1 * weak + (signature ? 0.2 : 0.0));
    double score = 0.5 + 0.4 * strength;
    // without the observed error signature, words alone make a weak case
    if (!signature)
        score = std::min(score, 0.55);
    // a bug filed after the problem began was most likely filed about it
    if (problem.onset.isValid() && issue.created.isValid() &&
        issue.created >= problem.onset.addSecs(-3600))
        score += 0.05;
    // the issue names the very part of the traffic the data ties to the fault: it is the filed
    // account of that fault, above the fault as measured (a metering fault, a lost route)
    const bool measured = !problem.measured.isEmpty() && o.signatures.contains(problem.measured);
    if (measured)
        score = std::max(score, 0.95);
    j.confidence = std::min(measured ? 0.95 : 0.9, score);
    return j;
}

} // namespace Analysis

namespace {

using namespace Analysis;

QString named(const TrackerIssue &issue)
{
    return refId(issue.ref) + u" (\u201c"_s + issue.title + u"\u201d)"_s;
}

QString affected(const KnownBugProblem &p)
{
    QStringList words = p.providers + p.models + p.routes + p.components;
    if (words.isEmpty())
        return u"component"_s;
    words.removeDuplicates();
    return words.mid(0, 3).join(u", "_s);
}

// Why an issue is not cited, in one line.
QString rejection(const KnownBugFacts &facts, const TrackerIssue &issue, const KnownBugJudgement &j)
{
    const KnownBugProblem &p = facts.problem;
    switch (j.match) {
    case KnownBugMatch::Closed:
        return named(issue) + u" is already closed ("_s + issue.state + u')';
    case KnownBugMatch::OtherProvider:
    case KnownBugMatch::OtherComponent:
        return named(issue) + u" is about "_s + j.otherLabels.join(u", "_s) +
               u", not the affected "_s + affected(p);
    case KnownBugMatch::AreaOnly:
        return named(issue) + u" shares only the area (\u201c"_s + j.overlap.words().join(u", "_s) +
               u"\u201d) with this problem, nothing of what failed"_s;
    case KnownBugMatch::OneDetail:
        return named(issue) + u" shares only \u201c"_s + j.overlap.words().join(u", "_s) +
               u"\u201d with this problem"_s;
    case KnownBugMatch::TooOld:
        return named(issue) + u" was filed "_s + issue.created.toString(u"yyyy-MM-dd"_s) +
               u", long before the problem began at "_s + clock(p.onset, facts.reference);
    case KnownBugMatch::Unrelated:
    case KnownBugMatch::Describes:
        break;
    }
    QStringList about;
    for (const QString &w : wordsOf(issue.title)) {
        if (!symptomWords().contains(w))
            about.append(w);
    }
    return named(issue) + u" is about "_s +
           (about.isEmpty() ? u"something else"_s : about.mid(0, 3).join(u", "_s)) +
           u", not the affected "_s + affected(p);
}

// Whether an issue names a client SDK version ("portkey-python/1.8.4": its version number).
bool namesSdk(const TrackerIssue &issue, const QString &sdk)
{
    const QString version = sdk.section(u'/', -1);
    const QString text = issue.title + u' ' + issue.description;
    return !version.isEmpty() && text.contains(version);
}

void cite(AnalyzerOutput &out, const KnownBugFacts &facts, const TrackerIssue &issue,
          const KnownBugJudgement &j)
{
    const QString id = refId(issue.ref);
    Hypothesis h;
    h.cause.category = QString(QLatin1StringView(Category::KnownBug));
    h.score = j.confidence;
    h.cause.summary = u"Open bug "_s + id + u" \u201c"_s + issue.title + u"\u201d ("_s +
                      issue.state + u", filed "_s + clock(issue.created, facts.reference) +
                      u") describes this: it matches "_s + j.overlap.words().join(u", "_s);
    if (!facts.problem.change.isEmpty())
        h.cause.summary += u"; "_s + facts.problem.change;
    h.cause.phrases = {
        {u"known.issue"_s,
         {Say::name(u"title"_s, issue.title), Say::date(u"filed"_s, issue.created)}}};
    h.cause.phrases.append(facts.problem.changePhrases);
    h.cause.confidence = j.confidence;
    h.cause.refs = {issue.ref};
    h.explains = facts.problem.changeKey;
    // the evidence the issue was measured against proves it too
    if (!facts.problem.measuredOn.isEmpty() &&
        j.overlap.signatures.contains(facts.problem.measured))
        h.cause.refs.append(facts.problem.measuredOn);
    if (!facts.problem.alsoMeasuredOn.isEmpty() &&
        j.overlap.signatures.contains(facts.problem.alsoMeasured))
        h.cause.refs.append(facts.problem.alsoMeasuredOn);
    appendUnique(h.cause.refs, facts.problem.scope);
    if (std::ranges::any_of(facts.problem.configSignatures,
                            [&](const QString &sig) { return j.overlap.signatures.contains(sig); }))
        appendUnique(h.cause.refs, facts.problem.configScope);
    h.cause.evidenceIds = {issue.evidenceId};
    h.failures = failuresCovered(facts.failures, j.overlap);
    h.why = u"open bug about the affected component"_s;
    out.hypotheses.append(h);
    Finding fd;
    fd.summary = u"Open bug "_s + id + u": "_s + issue.title;
    fd.phrases = {{u"known.issue_short"_s, {Say::name(u"title"_s, issue.title)}}};
    fd.refs = {issue.ref};
    fd.evidenceIds = {issue.evidenceId};
    fd.confidence = j.confidence;
    out.findings.append(fd);
}

} // namespace

namespace {

// An issue about a view of usage (the usage page, a dashboard chart, a CSV export), by its
// title.
bool aboutDisplay(const TrackerIssue &issue)
{
    const QString t = issue.title.toLower();
    return std::ranges::any_of(
        QStringList{u"usage page"_s, u"dashboard"_s, u"chart"_s, u"csv"_s, u"export"_s},
        [&](const QString &w) { return t.contains(w); });
}

// The failures of the window are none, too few to count, or the org's steady low background.
bool onlyBackgroundErrors(const AnalysisInput &input)
{
    const std::optional<ErrorBreakdownFacts> f = gatherErrorBreakdown(input);
    if (!f)
        return false;
    const ErrorLevel level = judgeErrorBreakdown(*f).level;
    return level == ErrorLevel::NoErrors || level == ErrorLevel::Normal ||
           level == ErrorLevel::Background;
}

} // namespace

AnalyzerOutput analyzeKnownBugs(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const KnownBugFacts facts = gatherKnownBugs(input);
    if (!facts.answered) {
        if (facts.notConnected)
            out.notChecked.append(unchecked(u"known_bugs_none"_s));
        else if (facts.asked)
            out.notChecked.append(unchecked(u"known_bugs_failed"_s));
        return out;
    }
    // a bug of ours fails every client alike: when one SDK version alone fails while another
    // is served by the same model, only an issue naming that version describes it
    const Analysis::SdkErrorVerdict sdk = Analysis::sdkErrorVerdict(input);
    // no error rate moved and nothing was measured: an issue sharing words but no error
    // signature of the logs has nothing to explain
    const bool nothingChanged = !facts.problem.onset.isValid() &&
                                facts.problem.measured.isEmpty() && errorSeriesFlat(input);
    // and when what failed is the org's usual low background, an error signature the issue
    // shares with it (a 400 among the everyday failures) has nothing new to explain either
    const bool backgroundOnly = nothingChanged && onlyBackgroundErrors(input);
    // an issue naming the very part the logs tie to the fault (the SDK version, the route) is
    // its account: an issue sharing only other words with the problem then describes less
    const QString &measured = facts.problem.measured;
    QStringList measuredParts;
    for (const QString &part : {measured, facts.problem.alsoMeasured}) {
        if (!part.isEmpty())
            measuredParts.append(part);
    }
    const auto namesMeasured = [&](const KnownBugJudgement &j) {
        return std::ranges::any_of(measuredParts, [&](const QString &part) {
            return j.overlap.signatures.contains(part);
        });
    };
    // an invoice that bills a part of the traffic wrongly is not what an issue about how our
    // usage page or exports show that traffic describes
    const bool invoiceMeasured =
        input.playbook == u"token-billing" && !measured.isEmpty() && measured != u"usage page";
    QList<KnownBugJudgement> judged;
    for (const TrackerIssue &issue : facts.issues)
        judged.append(judgeKnownBug(facts.problem, issue));
    const bool anyNamesMeasured = std::ranges::any_of(judged, [&](const KnownBugJudgement &j) {
        return j.match == KnownBugMatch::Describes && namesMeasured(j);
    });
    for (qsizetype n = 0; n < facts.issues.size(); ++n) {
        const TrackerIssue &issue = facts.issues.at(n);
        const KnownBugJudgement &j = judged.at(n);
        if (j.match == KnownBugMatch::Describes && invoiceMeasured && aboutDisplay(issue)) {
            out.rejected.append({QString(QLatin1StringView(Category::KnownBug)),
                                 named(issue) + u" is about how our usage page or exports show "
                                                u"usage, not about what the invoice bills"_s,
                                 {issue.ref}});
        } else if (j.match == KnownBugMatch::Describes && anyNamesMeasured && !namesMeasured(j)) {
            out.rejected.append({QString(QLatin1StringView(Category::KnownBug)),
                                 named(issue) + u" does not name "_s +
                                     measuredParts.join(u" or "_s) +
                                     u", which another open issue names as what fails"_s,
                                 {issue.ref}});
        } else if (j.match == KnownBugMatch::Describes && nothingChanged &&
                   (j.overlap.signatures.isEmpty() || backgroundOnly)) {
            out.rejected.append({QString(QLatin1StringView(Category::KnownBug)),
                                 named(issue) + u" names no error the logs show, and no error rate "
                                                u"changed in the window"_s,
                                 {issue.ref}});
        } else if (j.match == KnownBugMatch::Describes && sdk.found() &&
                   !namesSdk(issue, sdk.sdk)) {
            out.rejected.append({QString(QLatin1StringView(Category::KnownBug)),
                                 named(issue) +
                                     u" would fail every client alike, but only "
                                     u"requests sent with "_s +
                                     sdk.sdk + u" fail while "_s + sdk.goodSdk +
                                     u" is served by the same model"_s,
                                 {issue.ref}});
        } else if (j.match == KnownBugMatch::Describes)
            cite(out, facts, issue, j);
        else
            out.rejected.append({QString(QLatin1StringView(Category::KnownBug)),
                                 rejection(facts, issue, j),
                                 {issue.ref}});
    }
    return out;
}

} // namespace Casefile
