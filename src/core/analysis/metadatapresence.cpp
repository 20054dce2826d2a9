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
    const Table t(found.first().evidence->data);
    const QString evidenceId = found.first().evidence->id;
    struct Sdk
    {
        QString sdk;
        QString name;
        double n = 0;
        double with = 0;
        QDateTime first;
        double share() const { return n > 0 ? with / n : 0; }
    };
    QList<Sdk> sdks;
    for (int r = 0; r < t.rowCount(); ++r) {
        Sdk s;
        s.sdk = t.text(r, u"sdk");
        s.name = s.sdk.section(u'/', 0, 0);
        s.n = t.number(r, u"n");
        s.with = t.number(r, u"with_metadata");
        s.first = t.time(r, u"first");
        if (s.n >= 1)
            sdks.append(s);
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
    for (const Sdk &bad : std::as_const(sdks)) {
        if (bad.n < 10 || bad.share() > 0.2)
            continue;
        const Sdk *good = nullptr;
        for (const Sdk &other : std::as_const(sdks)) {
            if (other.name == bad.name && other.sdk != bad.sdk && other.n >= 10 &&
                other.share() >= 0.8)
                good = &other;
        }
        if (!good)
            continue;
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
    // every SDK that used to send metadata now loses part of it: the gateway changed
    QList<Sdk> partial;
    for (const Sdk &s : std::as_const(sdks)) {
        if (s.n >= 10 && s.share() > 0.02 && s.share() < 0.8)
            partial.append(s);
    }
    bool anyHealthy = false;
    for (const Sdk &s : std::as_const(sdks))
        anyHealthy = anyHealthy || (s.n >= 10 && s.share() >= 0.95);
    if (!partial.isEmpty() && !anyHealthy) {
        if (dataMissing(input, u"github", u"deployments")) {
            out.notChecked.append(u"recent deploys (GitHub could not be queried)"_s);
            return out;
        }
        QDateTime anchor = input.params.anchor;
        const DeployRanking ranking =
            rankDeploys(input, anchor, topicWords(u"metadata"_s), input.params.keywords);
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
            h.cause.summary =
                best->label.at(0).toUpper() + best->label.mid(1) + u" ("_s +
                clock(best->time, reference) +
                (best->title.isEmpty() ? QString() : u", \u201c"_s + best->title + u"\u201d"_s) +
                u") changed metadata handling; since then every SDK loses metadata ("_s +
                names.join(u", "_s) + u" of requests still carry it)"_s;
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
