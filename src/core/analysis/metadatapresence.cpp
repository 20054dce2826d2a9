#include "core/analysis/metadatapresence.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

using namespace Qt::StringLiterals;

namespace Casefile {

namespace Analysis {

// ---------------------------------------------------------------- gather

QList<SdkMetadata> sdkMetadata(const Evidence &evidence)
{
    QList<SdkMetadata> list;
    const Table t(evidence.data);
    for (int r = 0; r < t.rowCount(); ++r) {
        SdkMetadata s;
        s.sdk = t.text(r, u"sdk");
        s.name = s.sdk.section(u'/', 0, 0);
        s.n = t.number(r, u"n");
        s.with = t.number(r, u"with_metadata");
        s.first = t.time(r, u"first");
        s.lastWith = t.time(r, u"last_with");
        if (s.n >= 1)
            list.append(s);
    }
    return list;
}

namespace {

QDateTime earliest(const QList<SdkMetadata> &list)
{
    QDateTime t;
    for (const SdkMetadata &s : list) {
        if (s.first.isValid() && (!t.isValid() || s.first < t))
            t = s.first;
    }
    return t;
}

} // namespace

MetadataFacts gatherMetadata(const AnalysisInput &input)
{
    MetadataFacts facts;
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"metadata_by_sdk");
    if (found.isEmpty())
        return facts;
    // a playbook may also ask for a recent window (since the ticket's anchor): the table whose
    // requests start latest is that one
    facts.evidenceId = found.first().evidence->id;
    facts.sdks = sdkMetadata(*found.first().evidence);
    for (qsizetype i = 1; i < found.size(); ++i) {
        const QList<SdkMetadata> other = sdkMetadata(*found.at(i).evidence);
        if (earliest(other) > earliest(facts.sdks)) {
            facts.recent = other;
        } else {
            facts.recent = facts.sdks;
            facts.sdks = other;
            facts.evidenceId = found.at(i).evidence->id;
        }
    }
    facts.ticketText =
        (input.ticket.subject + u' ' + input.ticket.description + u' ' + input.params.sdk)
            .toLower();
    return facts;
}

// ---------------------------------------------------------------- judge

namespace {

bool keeps(const SdkMetadata &s)
{
    return s.n >= 10 && s.share() >= 0.8;
}

// A client SDK (not our own dashboard), or the one the ticket names.
bool clientSdk(const SdkMetadata &s, const QString &ticketText)
{
    const QString version = s.sdk.section(u'/', 1);
    if (ticketText.contains(s.sdk.toLower()) ||
        (!version.isEmpty() && ticketText.contains(version)))
        return true;
    static const QStringList clientSdks = {u"portkey"_s,   u"openai"_s,  u"anthropic"_s,
                                           u"langchain"_s, u"litellm"_s, u"llamaindex"_s,
                                           u"vercel"_s};
    for (const QString &prefix : clientSdks) {
        if (s.name.toLower().startsWith(prefix))
            return true;
    }
    return false;
}

} // namespace

SdkDrop judgeSdkDrop(const QList<SdkMetadata> &judged, const QString &ticketText)
{
    for (int b = 0; b < judged.size(); ++b) {
        const SdkMetadata &bad = judged.at(b);
        if (bad.n < 10 || bad.share() > 0.2)
            continue;
        int good = -1;
        // another version of the same SDK keeps it
        for (int o = 0; o < judged.size(); ++o) {
            const SdkMetadata &other = judged.at(o);
            if (other.name == bad.name && other.sdk != bad.sdk && keeps(other))
                good = o;
        }
        // no other version of it in the window: a client SDK that sends nothing while other
        // SDKs pass metadata through the same gateway
        if (good < 0 && clientSdk(bad, ticketText)) {
            for (int o = 0; o < judged.size(); ++o) {
                if (judged.at(o).sdk != bad.sdk && keeps(judged.at(o)))
                    good = o;
            }
        }
        if (good >= 0)
            return {b, good};
    }
    return {};
}

GatewayDrop judgeGatewayDrop(const QList<SdkMetadata> &sdks, const QList<SdkMetadata> &recent)
{
    // SDKs that never send metadata say nothing either way
    GatewayDrop drop;
    for (const SdkMetadata &s : sdks) {
        if (s.n < 10 || s.share() <= 0.02)
            continue;
        if (!recent.isEmpty()) {
            double recentShare = -1;
            for (const SdkMetadata &r : recent) {
                if (r.sdk == s.sdk && r.n >= 5)
                    recentShare = r.share();
            }
            if (recentShare < 0)
                continue;
            // the recent window may still hold a stretch from before the drop; a share that
            // stays where it was is the org's own habit (a job that never tags its requests,
            // a big org's 3% without metadata), not a drop
            if (recentShare <= 0.5 || recentShare < s.share() - 0.03)
                drop.partial.append(s);
            else
                drop.anyHealthy = true;
        } else if (s.share() < 0.995) {
            drop.partial.append(s);
        } else {
            drop.anyHealthy = drop.anyHealthy || s.n >= 50;
        }
    }
    for (const SdkMetadata &s : std::as_const(drop.partial)) {
        if (s.lastWith.isValid() && (!drop.stoppedAt.isValid() || s.lastWith > drop.stoppedAt))
            drop.stoppedAt = s.lastWith;
    }
    return drop;
}

} // namespace Analysis

// ---------------------------------------------------------------- phrase

namespace {

using namespace Analysis;

void phraseSdkDrop(AnalyzerOutput &out, const MetadataFacts &facts, const SdkMetadata &bad,
                   const SdkMetadata &good, const QDateTime &reference)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::SdkVersion);
    h.score = 0.85;
    h.cause.summary =
        u"Requests from "_s + bad.sdk + u" carry no custom metadata ("_s +
        formatShare(bad.share()) + u" of "_s + formatCount(bad.n) +
        (bad.first.isValid() ? u", first seen "_s + clock(bad.first, reference) : QString()) +
        u"), while "_s + good.sdk + u" passes it on "_s + formatShare(good.share()) +
        u" of requests"_s;
    QList<PhraseArg> args{Say::name(u"sdk"_s, bad.sdk), Say::share(u"share"_s, bad.share()),
                          Say::count(u"count"_s, bad.n), Say::name(u"good_sdk"_s, good.sdk),
                          Say::share(u"good_share"_s, good.share())};
    if (bad.first.isValid())
        args.append(Say::time(u"since"_s, bad.first));
    h.cause.phrases = {
        {bad.first.isValid() ? u"metadata.sdk_drops_since"_s : u"metadata.sdk_drops"_s, args}};
    h.cause.confidence = 0.85;
    h.cause.refs = {u"sdk:"_s + bad.sdk};
    h.cause.evidenceIds = {facts.evidenceId};
    h.why = u"only one SDK version drops metadata"_s;
    out.hypotheses.append(h);
    out.rejected.append({QLatin1StringView(Category::DeployRegression),
                         good.sdk + u" still passes metadata through the same gateway, so no "
                                    u"gateway change broke it for everyone"_s,
                         {}});
}

void phraseGatewayDrop(AnalyzerOutput &out, const AnalysisInput &input, const MetadataFacts &facts,
                       const GatewayDrop &drop, const QDateTime &reference)
{
    if (dataMissing(input, u"github", u"deployments")) {
        out.notChecked.append(unchecked(u"deploys"_s));
        return;
    }
    // the logs say when metadata stopped arriving: a deploy is blamed only when it went live
    // just before that (the ticket's "since late this morning" is too vague to time it); the
    // words only choose among the deploys that fit
    const DeployRanking ranking =
        rankDeploys(input, drop.stoppedAt, topicWords(u"metadata"_s), input.params.keywords, false);
    const DeployCandidate *best = nullptr;
    for (const DeployCandidate &c : ranking.candidates) {
        if (c.reason.isEmpty() && !c.matched.isEmpty()) {
            best = &c;
            break;
        }
    }
    QStringList names;
    for (const SdkMetadata &s : drop.partial)
        names.append(s.sdk + u" "_s + formatShare(s.share()));
    if (best) {
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::DeployRegression);
        h.score = 0.8;
        h.cause.summary =
            describeDeploy(*best, reference) + u" changed how metadata is forwarded; "_s +
            (drop.stoppedAt.isValid() ? u"the last request carrying metadata arrived at "_s +
                                            clock(drop.stoppedAt, reference) + u", and since then"_s
                                      : u"since then"_s) +
            u" every SDK loses custom metadata (share of requests still carrying "
            u"it over the window: "_s +
            names.join(u", "_s) + u')';
        h.cause.phrases = deployPhrases(*best, drop.stoppedAt);
        h.cause.phrases.append({u"metadata.gateway_drop"_s, {}});
        for (const SdkMetadata &s : drop.partial)
            h.cause.phrases.append(
                {u"metadata.sdk_share"_s,
                 {Say::name(u"sdk"_s, s.sdk), Say::share(u"share"_s, s.share())}});
        h.cause.confidence = 0.8;
        h.cause.refs = {best->ref};
        h.cause.evidenceIds = {best->evidenceId, facts.evidenceId};
        h.why = u"all SDKs affected; deploy touched metadata"_s;
        out.hypotheses.append(h);
        for (const DeployCandidate &c : ranking.candidates) {
            if (&c != best)
                out.rejected.append({QLatin1StringView(Category::DeployRegression),
                                     c.reason.isEmpty()
                                         ? QString(c.label + u" did not touch metadata handling"_s)
                                         : c.reason,
                                     {c.ref}});
        }
    } else if (drop.stoppedAt.isValid() && ranking.checked) {
        // every SDK lost it at once: ours, but no deploy fits when it stopped
        for (const DeployCandidate &c : ranking.candidates)
            out.rejected.append({QLatin1StringView(Category::DeployRegression),
                                 c.reason.isEmpty()
                                     ? QString(c.label + u" did not touch metadata handling"_s)
                                     : c.reason,
                                 {c.ref}});
        QList<Phrase> what{{u"metadata.every_sdk_stopped"_s, {}}};
        for (const SdkMetadata &s : drop.partial)
            what.append({u"metadata.sdk_share"_s,
                         {Say::name(u"sdk"_s, s.sdk), Say::share(u"share"_s, s.share())}});
        Hypothesis h = unexplainedRegression(
            u"Every SDK stopped passing custom metadata through the gateway (share of requests "
            u"still carrying it over the window: "_s +
                names.join(u", "_s) + u')',
            what, drop.stoppedAt, {}, reference);
        h.cause.evidenceIds = {facts.evidenceId};
        out.hypotheses.append(h);
    }
    out.rejected.append(
        {QLatin1StringView(Category::SdkVersion),
         u"every SDK is affected ("_s + names.join(u", "_s) + u"), not one version"_s,
         {}});
}

} // namespace

AnalyzerOutput analyzeMetadataPresence(const AnalysisInput &input)
{
    AnalyzerOutput out;
    const MetadataFacts facts = gatherMetadata(input);
    if (facts.evidenceId.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"metadata_by_sdk"))
            out.notChecked.append(unchecked(u"metadata"_s));
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    QStringList shares;
    for (const SdkMetadata &s : facts.sdks)
        shares.append(s.sdk + u' ' + formatShare(s.share()) + u" of "_s + formatCount(s.n));
    if (!shares.isEmpty()) {
        Finding f;
        f.summary = u"Requests carrying custom metadata, by SDK: "_s + shares.join(u"; "_s);
        f.phrases = {{u"metadata.by_sdk"_s, {}}};
        for (const SdkMetadata &s : facts.sdks)
            f.phrases.append({u"metadata.sdk_share_of"_s,
                              {Say::name(u"sdk"_s, s.sdk), Say::share(u"share"_s, s.share()),
                               Say::count(u"count"_s, s.n)}});
        f.evidenceIds = {facts.evidenceId};
        f.confidence = 0.7;
        out.findings.append(f);
    }
    const QList<SdkMetadata> &judged = facts.recent.isEmpty() ? facts.sdks : facts.recent;
    if (const SdkDrop drop = judgeSdkDrop(judged, facts.ticketText); drop.bad >= 0) {
        phraseSdkDrop(out, facts, judged.at(drop.bad), judged.at(drop.good), reference);
        return out;
    }
    if (const GatewayDrop drop = judgeGatewayDrop(facts.sdks, facts.recent); drop.everySdk())
        phraseGatewayDrop(out, input, facts, drop, reference);
    return out;
}

} // namespace Casefile
