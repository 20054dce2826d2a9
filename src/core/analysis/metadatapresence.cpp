#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"

using namespace Qt::StringLiterals;

namespace Casefile {

AnalyzerOutput analyzeMetadataPresence(const AnalysisInput &input)
{
    using namespace Analysis;
    AnalyzerOutput out;
    const QList<FoundEvidence> found = findEvidence(input, u"clickhouse", u"metadata_by_sdk");
    if (found.isEmpty()) {
        if (dataMissing(input, u"clickhouse", u"metadata_by_sdk"))
            out.notChecked.append(u"custom metadata by SDK (the log query failed)"_s);
        return out;
    }
    const QDateTime reference =
        input.ticket.createdAt.isValid() ? input.ticket.createdAt : input.now;
    struct Sdk
    {
        QString sdk;
        QString name;
        double n = 0;
        double with = 0;
        QDateTime first;
        double share() const { return n > 0 ? with / n : 0; }
    };
    const auto read = [](const Evidence &evidence) {
        QList<Sdk> list;
        const Table t(evidence.data);
        for (int r = 0; r < t.rowCount(); ++r) {
            Sdk s;
            s.sdk = t.text(r, u"sdk");
            s.name = s.sdk.section(u'/', 0, 0);
            s.n = t.number(r, u"n");
            s.with = t.number(r, u"with_metadata");
            s.first = t.time(r, u"first");
            if (s.n >= 1)
                list.append(s);
        }
        return list;
    };
    const auto earliest = [](const QList<Sdk> &list) {
        QDateTime t;
        for (const Sdk &s : list) {
            if (s.first.isValid() && (!t.isValid() || s.first < t))
                t = s.first;
        }
        return t;
    };
    // a playbook may also ask for a recent window (since the ticket's anchor): the table whose
    // requests start latest is that one
    QString evidenceId = found.first().evidence->id;
    QList<Sdk> sdks = read(*found.first().evidence);
    QList<Sdk> recent;
    for (qsizetype i = 1; i < found.size(); ++i) {
        const QList<Sdk> other = read(*found.at(i).evidence);
        if (earliest(other) > earliest(sdks)) {
            recent = other;
        } else {
            recent = sdks;
            sdks = other;
            evidenceId = found.at(i).evidence->id;
        }
    }
    QStringList shares;
    for (const Sdk &s : std::as_const(sdks))
        shares.append(s.sdk + u' ' + formatShare(s.share()) + u" of "_s + formatCount(s.n));
    if (!shares.isEmpty()) {
        Finding f;
        f.summary = u"Requests carrying custom metadata, by SDK: "_s + shares.join(u"; "_s);
        f.evidenceIds = {evidenceId};
        f.confidence = 0.7;
        out.findings.append(f);
    }
    // a version that drops metadata while another version of the same SDK keeps it
    const QList<Sdk> &judged = recent.isEmpty() ? sdks : recent;
    for (const Sdk &bad : judged) {
        if (bad.n < 10 || bad.share() > 0.2)
            continue;
        const Sdk *good = nullptr;
        for (const Sdk &other : judged) {
            if (other.name == bad.name && other.sdk != bad.sdk && other.n >= 10 &&
                other.share() >= 0.8)
                good = &other;
        }
        if (!good) {
            // no other version of it in the window: a client SDK (not our own dashboard) that
            // sends nothing while other SDKs pass metadata through the same gateway, or the
            // one the ticket names
            const QString ticketText =
                (input.ticket.subject + u' ' + input.ticket.description + u' ' + input.params.sdk)
                    .toLower();
            const QString version = bad.sdk.section(u'/', 1);
            const bool named = ticketText.contains(bad.sdk.toLower()) ||
                               (!version.isEmpty() && ticketText.contains(version));
            static const QStringList clientSdks = {u"portkey"_s,   u"openai"_s,  u"anthropic"_s,
                                                   u"langchain"_s, u"litellm"_s, u"llamaindex"_s,
                                                   u"vercel"_s};
            bool client = named;
            for (const QString &prefix : clientSdks)
                client = client || bad.name.toLower().startsWith(prefix);
            for (const Sdk &other : judged) {
                if (client && other.sdk != bad.sdk && other.n >= 10 && other.share() >= 0.8)
                    good = &other;
            }
            if (!good)
                continue;
        }
        Hypothesis h;
        h.cause.category = QLatin1StringView(Category::SdkVersion);
        h.score = 0.85;
        h.cause.summary =
            u"Requests from "_s + bad.sdk + u" carry no custom metadata ("_s +
            formatShare(bad.share()) + u" of "_s + formatCount(bad.n) +
            (bad.first.isValid() ? u", first seen "_s + clock(bad.first, reference) : QString()) +
            u"), while "_s + good->sdk + u" passes it on "_s + formatShare(good->share()) +
            u" of requests"_s;
        h.cause.confidence = 0.85;
        h.cause.refs = {u"sdk:"_s + bad.sdk};
        h.cause.evidenceIds = {evidenceId};
        h.why = u"only one SDK version drops metadata"_s;
        out.hypotheses.append(h);
        out.rejected.append({QLatin1StringView(Category::DeployRegression),
                             good->sdk + u" still passes metadata through the same gateway, so no "
                                         u"gateway change broke it for everyone"_s,
                             {}});
        return out;
    }
    // every SDK that used to send metadata now loses it: the gateway changed. SDKs that never
    // send metadata say nothing either way.
    QList<Sdk> partial;
    bool anyHealthy = false;
    for (const Sdk &s : std::as_const(sdks)) {
        if (s.n < 10 || s.share() <= 0.02)
            continue;
        if (!recent.isEmpty()) {
            double recentShare = -1;
            for (const Sdk &r : std::as_const(recent)) {
                if (r.sdk == s.sdk && r.n >= 5)
                    recentShare = r.share();
            }
            if (recentShare < 0)
                continue;
            // the recent window may still hold a stretch from before the drop
            if (recentShare <= 0.5 || recentShare < s.share() - 0.03 || recentShare < 0.98)
                partial.append(s);
            else
                anyHealthy = anyHealthy || recentShare >= 0.995;
        } else if (s.share() < 0.995) {
            partial.append(s);
        } else {
            anyHealthy = anyHealthy || s.n >= 50;
        }
    }
    if (!partial.isEmpty() && !anyHealthy) {
        if (dataMissing(input, u"github", u"deployments")) {
            out.notChecked.append(u"recent deploys (GitHub could not be queried)"_s);
            return out;
        }
        // "since late this morning" is too vague to time a deploy against: words decide,
        // and the time only rules out deploys after the ticket
        const QDateTime anchor;
        const DeployRanking ranking =
            rankDeploys(input, anchor, topicWords(u"metadata"_s), input.params.keywords, false);
        const DeployCandidate *best = nullptr;
        for (const DeployCandidate &c : ranking.candidates) {
            if (c.reason.isEmpty() && !c.matched.isEmpty()) {
                best = &c;
                break;
            }
        }
        QStringList names;
        for (const Sdk &s : std::as_const(partial))
            names.append(s.sdk + u" "_s + formatShare(s.share()));
        if (best) {
            Hypothesis h;
            h.cause.category = QLatin1StringView(Category::DeployRegression);
            h.score = 0.8;
            h.cause.summary = describeDeploy(*best, reference) +
                              u" changed how metadata is forwarded; since then every SDK loses "
                              u"custom metadata (share of requests still carrying it over the "
                              u"window: "_s +
                              names.join(u", "_s) + u')';
            h.cause.confidence = 0.8;
            h.cause.refs = {best->ref};
            h.cause.evidenceIds = {best->evidenceId, evidenceId};
            h.why = u"all SDKs affected; deploy touched metadata"_s;
            out.hypotheses.append(h);
            for (const DeployCandidate &c : ranking.candidates) {
                if (&c != best)
                    out.rejected.append(
                        {QLatin1StringView(Category::DeployRegression),
                         c.reason.isEmpty()
                             ? QString(c.label + u" did not touch metadata handling"_s)
                             : c.reason,
                         {c.ref}});
            }
        }
        out.rejected.append(
            {QLatin1StringView(Category::SdkVersion),
             u"every SDK is affected ("_s + names.join(u", "_s) + u"), not one version"_s,
             {}});
    }
    return out;
}

} // namespace Casefile
