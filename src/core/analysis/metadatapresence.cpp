#include "core/analysis/metadatapresence.h"

#include "core/analysis/analysisutil.h"
#include "core/analysis/analyzers.h"
#include "core/analysis/deploycorrelation.h"
#include "core/analysis/unchecked.h"

#include <QMap>
#include <QRegularExpression>

#include <algorithm>

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

double MetadataGroup::n() const
{
    double total = 0;
    for (const MetadataBucket &b : buckets)
        total += b.n;
    return total;
}

double MetadataGroup::with() const
{
    double total = 0;
    for (const MetadataBucket &b : buckets)
        total += b.with;
    return total;
}

QList<MetadataGroup> metadataGroups(const Evidence &evidence)
{
    QList<MetadataGroup> groups;
    const Table t(evidence.data);
    for (int r = 0; r < t.rowCount(); ++r) {
        const QString route = t.text(r, u"route");
        const QString config = t.text(r, u"config_id");
        const QString sdk = t.text(r, u"sdk");
        if (groups.isEmpty() || groups.last().route != route || groups.last().config != config ||
            groups.last().sdk != sdk)
            groups.append({route, config, sdk, {}});
        groups.last().buckets.append({t.time(r, u"t"), t.number(r, u"n"),
                                      t.number(r, u"with_metadata"), t.time(r, u"first_without")});
    }
    for (MetadataGroup &g : groups)
        std::ranges::sort(g.buckets, {}, &MetadataBucket::t);
    return groups;
}

QList<MetadataKey> metadataKeys(const Evidence &evidence)
{
    QList<MetadataKey> keys;
    const Table t(evidence.data);
    for (int r = 0; r < t.rowCount(); ++r) {
        MetadataKey k{t.text(r, u"key"), t.number(r, u"n"), t.time(r, u"first"),
                      t.time(r, u"last")};
        if (!k.key.isEmpty() && k.n >= 1)
            keys.append(k);
    }
    return keys;
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
    if (const QList<FoundEvidence> groups =
            findEvidence(input, u"clickhouse", u"metadata_by_group");
        !groups.isEmpty()) {
        facts.groupEvidenceId = groups.first().evidence->id;
        facts.groups = metadataGroups(*groups.first().evidence);
    }
    if (const QList<FoundEvidence> keys = findEvidence(input, u"clickhouse", u"metadata_keys");
        !keys.isEmpty()) {
        facts.keysEvidenceId = keys.first().evidence->id;
        facts.keys = metadataKeys(*keys.first().evidence);
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

GroupDrop judgeGroupDrop(const MetadataGroup &group)
{
    const QList<MetadataBucket> &b = group.buckets;
    // the trailing run of buckets (almost) without metadata
    qsizetype k = b.size();
    GroupDrop drop;
    while (k > 0 && b.at(k - 1).with <= 0.02 * b.at(k - 1).n) {
        --k;
        drop.lost += b.at(k).n - b.at(k).with;
    }
    if (k == 0 || k == b.size())
        return {};
    // before it the group carried metadata; the bucket at the edge may hold both sides
    const MetadataBucket &edge = b.at(k - 1);
    double n = 0, with = 0;
    for (qsizetype i = 0; i + 1 < k; ++i) {
        n += b.at(i).n;
        with += b.at(i).with;
    }
    const bool edgeMixed = edge.with < 0.8 * edge.n;
    const bool carried = n >= 10 ? with >= 0.8 * n : edge.with >= 0.5 * edge.n;
    if (edgeMixed) {
        drop.lost += edge.n - edge.with;
        drop.since = edge.firstWithout;
    }
    if (!drop.since.isValid())
        drop.since = b.at(k).firstWithout.isValid() ? b.at(k).firstWithout : b.at(k).t;
    drop.dropped = carried && drop.lost >= 10;
    return drop.dropped ? drop : GroupDrop{};
}

QList<KeyPresence> judgeAskedKeys(const QList<MetadataKey> &keys, const QList<SdkMetadata> &sdks,
                                  const QString &ticketText)
{
    double with = 0;
    QDateTime lastWith;
    for (const SdkMetadata &s : sdks) {
        with += s.with;
        if (s.lastWith.isValid() && (!lastWith.isValid() || s.lastWith > lastWith))
            lastWith = s.lastWith;
    }
    QList<KeyPresence> asked;
    if (with < 1)
        return asked;
    for (const MetadataKey &k : keys) {
        // a whole word of the ticket: `session_id`, not `id` inside it
        const QRegularExpression word(
            u"(?<![a-z0-9_])"_s + QRegularExpression::escape(k.key.toLower()) + u"(?![a-z0-9_])"_s);
        // a key that reads as a plain word ("team", "feature") is named only between quotes or
        // backticks; one shaped like an identifier (`session_id`, `traceId`) anywhere
        static const QRegularExpression identifier(u"[_\\-.0-9]|[a-z][A-Z]"_s);
        const QString quoted = QRegularExpression::escape(k.key.toLower());
        const QRegularExpression inQuotes(u"[`'\"\u201c\u300c]"_s + quoted +
                                          u"[`'\"\u201d\u300d]"_s);
        const bool named = identifier.match(k.key).hasMatch() ? ticketText.contains(word)
                                                              : ticketText.contains(inQuotes);
        if (k.key.size() < 3 || !named)
            continue;
        KeyPresence p{k.key, k.n, with, k.last, false};
        // on every request carrying metadata, and as late as any of them (a key that stopped
        // arriving has an earlier last request than the metadata that still does)
        p.onEvery = k.n >= 0.99 * with &&
                    (!lastWith.isValid() || !k.last.isValid() || k.last.secsTo(lastWith) <= 900);
        asked.append(p);
    }
    return asked;
}

bool silentSdkBeside(const SdkMetadata &silent, const SdkMetadata &keeping,
                     const QList<KeyPresence> &asked, const QString &ticketText)
{
    if (asked.isEmpty() || !std::ranges::all_of(asked, &KeyPresence::onEvery))
        return false;
    const QString version = silent.sdk.section(u'/', 1);
    const bool named = ticketText.contains(silent.sdk.toLower()) ||
                       ticketText.contains(silent.name.toLower()) ||
                       (!version.isEmpty() && ticketText.contains(version));
    return silent.with <= 0 && silent.name != keeping.name && !named;
}

namespace {

// Every group of `key` (a route or a config) lost its metadata: what the drops share.
QString sharedBy(const QList<MetadataGroup> &groups, const GroupVerdict &v,
                 QString MetadataGroup::*key)
{
    const QString value = groups.at(v.dropped.first()).*key;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const MetadataGroup &g = groups.at(i);
        // a group whose requests ended before the drop (an SDK the customer upgraded from)
        // neither lost its metadata nor kept it through the drop
        const bool endedBefore =
            v.since.isValid() && !g.buckets.isEmpty() && g.buckets.last().t < v.since;
        const bool same = g.*key == value;
        if (same != v.dropped.contains(int(i)) && g.n() >= 10 && !endedBefore)
            return {};
    }
    return value;
}

// A client SDK none of whose requests carried metadata while another SDK's do: the largest.
void judgeSilentSdk(const QList<MetadataGroup> &groups, const QString &ticketText, GroupVerdict &v)
{
    QMap<QString, SdkMetadata> bySdk;
    for (const MetadataGroup &g : groups) {
        SdkMetadata &s = bySdk[g.sdk];
        s.sdk = g.sdk;
        s.name = g.sdk.section(u'/', 0, 0);
        s.n += g.n();
        s.with += g.with();
    }
    for (const SdkMetadata &s : std::as_const(bySdk)) {
        if (s.n < 10 || s.share() > 0.02 || !clientSdk(s, ticketText) || s.n <= v.silentCount)
            continue;
        const bool otherSends = std::ranges::any_of(bySdk, [&](const SdkMetadata &o) {
            return o.sdk != s.sdk && o.n >= 10 && o.share() >= 0.5;
        });
        if (otherSends) {
            v.silentSdk = s.sdk;
            v.silentCount = s.n;
        }
    }
}

} // namespace

namespace {

// What every group's switch is judged against: the width of a bucket and the traffic's end.
struct TrafficSpan
{
    qint64 width = 600; // seconds; ten minutes when no group has two buckets
    QDateTime end;      // the last bucket of any group
};

TrafficSpan trafficSpan(const QList<MetadataGroup> &groups)
{
    TrafficSpan span;
    const auto twoBuckets =
        std::ranges::find_if(groups, [](const MetadataGroup &o) { return o.buckets.size() >= 2; });
    if (twoBuckets != groups.end())
        span.width =
            std::max<qint64>(60, twoBuckets->buckets.at(0).t.secsTo(twoBuckets->buckets.at(1).t));
    for (const MetadataGroup &o : groups)
        span.end = o.buckets.isEmpty() ? span.end : std::max(span.end, o.buckets.last().t);
    return span;
}

// How a service moved between groups of the metadata table.
enum class Move {
    Config,  // to another config on the same SDK
    Upgrade, // to another version of the same SDK in the same config
};

// Traffic moved at one time (`move`) from a group that carried metadata to another on the same
// route that carries none from its first request: a drop at the switch, since that request.
GroupDrop judgeSwitchDrop(const QList<MetadataGroup> &groups, qsizetype at, const TrafficSpan &span,
                          Move move = Move::Config)
{
    const MetadataGroup &g = groups.at(at);
    if (g.buckets.isEmpty() || g.n() < 20 || g.with() > 0.02 * g.n())
        return {};
    const QDateTime began = g.buckets.first().t;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const MetadataGroup &o = groups.at(i);
        const bool moved = move == Move::Config
                               ? o.sdk == g.sdk && o.config != g.config
                               : o.config == g.config && o.sdk != g.sdk &&
                                     o.sdk.section(u'/', 0, 0) == g.sdk.section(u'/', 0, 0);
        if (i == at || o.route != g.route || !moved || o.buckets.isEmpty() || o.n() < 20 ||
            o.share() < 0.8 || o.buckets.first().t >= began || o.buckets.last().t >= span.end ||
            std::abs(o.buckets.last().t.secsTo(began)) > 2 * span.width)
            continue; // (one that carries on to the end is no switch)
        const MetadataBucket &first = g.buckets.first();
        return {true, first.firstWithout.isValid() ? first.firstWithout : first.t, g.n(), true};
    }
    return {};
}

} // namespace

QList<int> upgradeDrops(const QList<MetadataGroup> &groups)
{
    const TrafficSpan span = trafficSpan(groups);
    QList<int> dropped;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (judgeSwitchDrop(groups, i, span, Move::Upgrade).dropped)
            dropped.append(int(i));
    }
    return dropped;
}

GroupVerdict judgeGroups(const QList<MetadataGroup> &groups, const QString &ticketText)
{
    GroupVerdict v;
    const TrafficSpan span = trafficSpan(groups);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const MetadataGroup &g = groups.at(i);
        GroupDrop d = judgeGroupDrop(g);
        if (!d.dropped)
            d = judgeSwitchDrop(groups, i, span);
        if (d.dropped) {
            v.dropped.append(int(i));
            v.drops.append(d);
            v.lost += d.lost;
            if (!v.since.isValid() || d.since < v.since)
                v.since = d.since;
        } else if (g.n() >= 10 && g.share() >= 0.8 && !g.buckets.isEmpty() &&
                   g.buckets.last().with >= 0.8 * g.buckets.last().n) {
            v.keeping.append(int(i));
        }
    }
    if (v.dropped.isEmpty())
        return v;
    v.atSwitch = std::ranges::all_of(v.drops, &GroupDrop::atSwitch);
    v.route = sharedBy(groups, v, &MetadataGroup::route);
    if (v.route.isEmpty())
        v.config = sharedBy(groups, v, &MetadataGroup::config);
    judgeSilentSdk(groups, ticketText, v);
    return v;
}

namespace {

// The part of verdict `v` made of its drops at `members` (positions in v.dropped), with what
// they share.
GroupVerdict dropPart(const QList<MetadataGroup> &groups, const GroupVerdict &v,
                      const QList<qsizetype> &members)
{
    GroupVerdict p;
    p.keeping = v.keeping;
    for (const qsizetype k : members) {
        const GroupDrop &d = v.drops.at(k);
        p.dropped.append(v.dropped.at(k));
        p.drops.append(d);
        p.lost += d.lost;
        if (!p.since.isValid() || d.since < p.since)
            p.since = d.since;
    }
    p.route = sharedBy(groups, p, &MetadataGroup::route);
    if (p.route.isEmpty())
        p.config = sharedBy(groups, p, &MetadataGroup::config);
    return p;
}

} // namespace

QList<GroupVerdict> splitDrops(const QList<MetadataGroup> &groups, const GroupVerdict &v)
{
    if (!v.route.isEmpty() || !v.config.isEmpty() || v.dropped.size() < 2)
        return {};
    // a route every group of which lost it first, then the rest by config
    QMap<QString, QList<qsizetype>> byRoute;
    for (qsizetype k = 0; k < v.dropped.size(); ++k)
        byRoute[groups.at(v.dropped.at(k)).route].append(k);
    QList<GroupVerdict> parts;
    QMap<QString, QList<qsizetype>> byConfig;
    for (auto it = byRoute.cbegin(); it != byRoute.cend(); ++it) {
        if (GroupVerdict p = dropPart(groups, v, it.value()); !p.route.isEmpty()) {
            parts.append(p);
            continue;
        }
        for (const qsizetype k : it.value())
            byConfig[groups.at(v.dropped.at(k)).config].append(k);
    }
    for (auto it = byConfig.cbegin(); it != byConfig.cend(); ++it) {
        GroupVerdict p = dropPart(groups, v, it.value());
        if (it.key().isEmpty() || p.config.isEmpty())
            return {};
        parts.append(p);
    }
    if (parts.size() < 2)
        return {};
    std::ranges::stable_sort(parts, std::greater{}, &GroupVerdict::lost);
    parts.first().silentSdk = v.silentSdk;
    parts.first().silentCount = v.silentCount;
    return parts;
}

namespace {

// A key that itself says "stop" ("strip_metadata", "redact_metadata") is off when true; any
// other key naming metadata ("store_metadata", "metadata_logging") is off when false or null.
void collectMetadataSettings(const QJsonObject &object, ConfigMetadata &out)
{
    static const QRegularExpression stops(
        u"strip|drop|remove|redact|omit|exclude|disable|ignore"_s);
    static const QStringList offWords{u"off"_s,   u"none"_s, u"disabled"_s, u"false"_s,
                                      u"strip"_s, u"drop"_s, u"redact"_s,   u"no"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isObject()) {
            collectMetadataSettings(v.toObject(), out);
            continue;
        }
        if (v.isArray()) {
            for (const QJsonValue &item : v.toArray()) {
                if (item.isObject())
                    collectMetadataSettings(item.toObject(), out);
            }
            continue;
        }
        const QString key = it.key().toLower();
        if (!key.contains(u"metadata"_s))
            continue;
        const QString text = v.isBool()     ? QString(v.toBool() ? u"true"_s : u"false"_s)
                             : v.isNull()   ? u"null"_s
                             : v.isDouble() ? QString::number(v.toDouble())
                                            : v.toString();
        out.settings.append(it.key() + u": "_s + text);
        const bool truthy = (v.isBool() && v.toBool()) || (v.isDouble() && v.toDouble() != 0) ||
                            text.toLower() == u"true"_s;
        const bool falsy = !truthy && (v.isBool() || v.isNull() || v.isDouble() ||
                                       offWords.contains(text.toLower()));
        out.turnsOff = out.turnsOff || (stops.match(key).hasMatch() ? truthy : falsy);
    }
}

} // namespace

ConfigMetadata configMetadata(const QJsonObject &config)
{
    ConfigMetadata c;
    collectMetadataSettings(config, c);
    return c;
}

bool configExplainsDrop(const ConfigMetadata &c, const QDateTime &since, bool deployFits)
{
    if (c.ref.isEmpty())
        return false;
    return c.turnsOff || (!deployFits && editFitsOnset(c.editedAt, since));
}

} // namespace Analysis

// ---------------------------------------------------------------- phrase

namespace {

using namespace Analysis;

// A deploy that broke metadata shows on the first request after it went live: the logs time a
// drop to the request, and traffic that flows all day leaves no long quiet stretch before it.
constexpr qint64 MaxDeployLeadSeconds = 20 * 60;

// The first deploy that fits the time with nothing against it and shares words with what
// changed (nullptr: none). `changeAt`: the drop's minute; a deploy live more than twenty
// minutes before it would have shown sooner.
const DeployCandidate *plausibleDeploy(const DeployRanking &ranking, const QDateTime &changeAt)
{
    for (const DeployCandidate &c : ranking.candidates) {
        const QDateTime live = c.finished.isValid() ? c.finished : c.time;
        if (changeAt.isValid() && live.isValid() && live.secsTo(changeAt) > MaxDeployLeadSeconds)
            continue;
        if (c.reason.isEmpty() && !c.matched.isEmpty())
            return &c;
    }
    return nullptr;
}

void rejectOtherDeploys(AnalyzerOutput &out, const DeployRanking &ranking,
                        const DeployCandidate *best)
{
    for (const DeployCandidate &c : ranking.candidates) {
        if (&c != best)
            out.rejected.append({QLatin1StringView(Category::DeployRegression),
                                 !c.reason.isEmpty() ? c.reason
                                 : c.matched.isEmpty()
                                     ? QString(c.label + u" did not touch metadata handling"_s)
                                     : QString(c.label + u" went live too long before metadata "
                                                         u"stopped arriving to explain it"_s),
                                 {c.ref}});
    }
}

QList<std::pair<QString, QJsonObject>> docsPages(const AnalysisInput &input);

// What accounts for an SDK version's missing metadata besides the logs, cited with it: the
// version's own release notes that speak of metadata, a docs line saying versions before a
// bound do not send it.
void citeSdkAccounts(Hypothesis &h, const AnalysisInput &input, const QString &sdk)
{
    if (const SdkRelease own = ownSdkRelease(input, sdk, u"metadata"_s); !own.ref.isEmpty())
        citeOwnRelease(h, own);
    QList<QJsonObject> pages;
    for (const auto &page : docsPages(input))
        pages.append(page.second);
    if (const SdkDocumentedGap gap = sdkDocumentedGap(pages, sdk, u"metadata"_s);
        !gap.ref.isEmpty()) {
        h.cause.refs.append(gap.ref);
        h.cause.summary += u"; the docs say: \u201c"_s + gap.line + u"\u201d"_s;
        h.cause.phrases.append({u"sdk.documented_gap"_s, {Say::name(u"quote"_s, gap.line)}});
    }
}

void phraseSdkDrop(AnalyzerOutput &out, const AnalysisInput &input, const MetadataFacts &facts,
                   const SdkMetadata &bad, const SdkMetadata &good, const QDateTime &reference)
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
    // a later release of the same SDK that speaks of it is the way out
    if (const SdkRelease fix = laterSdkRelease(input, bad.sdk, u"metadata"_s, reference);
        !fix.ref.isEmpty())
        tellFixedRelease(h, fix);
    citeSdkAccounts(h, input, bad.sdk);
    out.hypotheses.append(h);
    out.rejected.append({QLatin1StringView(Category::DeployRegression),
                         good.sdk + u" still passes metadata through the same gateway, so no "
                                    u"gateway change broke it for everyone"_s,
                         {}});
}

// A service that upgraded its SDK inside its config and lost its metadata from its first
// request on the new version (upgradeDrops), while other requests on that version may keep
// theirs: the version it moved to, for that service, with what its release notes and the docs
// say of it.
void phraseUpgradeDrop(AnalyzerOutput &out, const AnalysisInput &input, const MetadataFacts &facts,
                       const QList<int> &upgraded, const QDateTime &reference)
{
    const MetadataGroup &g = facts.groups.at(upgraded.first());
    const auto old = std::ranges::find_if(facts.groups, [&](const MetadataGroup &o) {
        return o.config == g.config && o.route == g.route && o.sdk != g.sdk && o.share() >= 0.8;
    });
    if (old == facts.groups.end() || g.buckets.isEmpty())
        return;
    const MetadataBucket &first = g.buckets.first();
    const QDateTime since = first.firstWithout.isValid() ? first.firstWithout : first.t;
    double lost = 0;
    for (int i : upgraded)
        lost += facts.groups.at(i).sdk == g.sdk ? facts.groups.at(i).n() : 0;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::SdkVersion);
    h.score = 0.8;
    h.cause.confidence = 0.8;
    h.cause.summary =
        u"From "_s + clock(since, reference) + u" the requests of config "_s + g.config +
        u" are sent with "_s + g.sdk + u" and carry no custom metadata ("_s + formatCount(lost) +
        u" requests), where its requests with "_s + old->sdk + u" carried it until then"_s;
    h.cause.phrases = {{u"metadata.sdk_upgrade_drop"_s,
                        {Say::time(u"since"_s, since), Say::name(u"config"_s, g.config),
                         Say::name(u"sdk"_s, g.sdk), Say::count(u"count"_s, lost),
                         Say::name(u"old_sdk"_s, old->sdk)}}};
    h.cause.refs = {u"sdk:"_s + g.sdk, u"config:"_s + g.config};
    h.cause.evidenceIds = {facts.groupEvidenceId};
    h.why = u"one service lost its metadata when it upgraded its SDK"_s;
    citeSdkAccounts(h, input, g.sdk);
    out.hypotheses.append(h);
    out.rejected.append({QLatin1StringView(Category::DeployRegression),
                         u"the same config's requests lost their metadata when they moved to "_s +
                             g.sdk + u", not at a deploy of ours"_s,
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
    const DeployCandidate *best = plausibleDeploy(ranking, drop.stoppedAt);
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
        rejectOtherDeploys(out, ranking, best);
    } else if (drop.stoppedAt.isValid() && ranking.checked) {
        // every SDK lost it at once: ours, but no deploy fits when it stopped
        rejectOtherDeploys(out, ranking, nullptr);
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

// The words naming the part that lost its metadata: "/v1/embeddings" -> "embeddings".
QStringList scopeWords(const QString &scope)
{
    static const QRegularExpression split(u"[^a-z0-9]+"_s);
    static const QRegularExpression version(u"^v\\d+$"_s);
    QStringList words;
    for (const QString &w : scope.toLower().split(split, Qt::SkipEmptyParts)) {
        if (w.size() >= 3 && !version.match(w).hasMatch())
            words.append(w);
    }
    return words;
}

// The gateway's description of config `id` (its ref empty when no step read it).
ConfigMetadata readConfig(const AnalysisInput &input, const QString &id)
{
    for (const FoundEvidence &f : findEvidence(input, u"gateway", u"config")) {
        const QJsonObject &data = f.evidence->data;
        if (data.value(u"config_id"_s).toString() != id)
            continue;
        ConfigMetadata c = configMetadata(data.value(u"config"_s).toObject());
        c.ref = u"config:"_s + id;
        c.editedAt = timeOf(data.value(u"updated_at"_s));
        c.evidenceId = f.evidence->id;
        return c;
    }
    return {};
}

// The drop is confined to one config of the customer's, which turns metadata off or was
// edited just before: their own setting, not a change of ours (a gateway deploy would reach
// the other configs on the same route too).
Hypothesis configDrop(const ConfigMetadata &c, const GroupVerdict &v, const QString &what,
                      const Phrase &drop, const QString &evidenceId, const QDateTime &reference)
{
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerConfig);
    h.score = 0.85;
    h.cause.confidence = 0.8;
    const bool edited = editFitsOnset(c.editedAt, v.since);
    h.cause.summary =
        what +
        (edited ? u"; config "_s + v.config + u" was edited at "_s + clock(c.editedAt, reference)
                : QString()) +
        (c.settings.isEmpty() ? QString() : u"; it sets `"_s + c.settings.join(u"`, `"_s) + u'`') +
        u", so the requests that use it are logged without metadata"_s;
    h.cause.phrases = {drop};
    if (edited)
        h.cause.phrases.append(
            {u"metadata.config_edited"_s,
             {Say::name(u"config"_s, v.config), Say::time(u"at"_s, c.editedAt)}});
    for (const QString &setting : c.settings)
        h.cause.phrases.append(
            {u"metadata.config_setting"_s,
             {Say::name(u"config"_s, v.config), Say::name(u"setting"_s, setting)}});
    h.cause.refs = {c.ref};
    h.cause.evidenceIds = {c.evidenceId, evidenceId};
    h.failures = v.lost;
    h.why = u"only this config lost its metadata, and the config says so"_s;
    return h;
}

// The drop with the deploy that went live just before it (none fits: a change of ours that
// needs a human), every other deploy rejected.
void phraseDeployDrop(AnalyzerOutput &out, const MetadataFacts &facts, const GroupVerdict &v,
                      const DeployRanking &ranking, const DeployCandidate *best,
                      const QString &what, const Phrase &drop, const QDateTime &reference)
{
    Hypothesis h;
    if (best) {
        h.cause.category = QLatin1StringView(Category::DeployRegression);
        h.score = 0.8;
        h.cause.confidence = 0.8;
        h.cause.summary = describeDeploy(*best, reference) + u" went live just before: "_s +
                          what.at(0).toLower() + what.mid(1);
        h.cause.phrases = deployPhrases(*best, v.since);
        h.cause.phrases.append(drop);
        h.cause.refs = {best->ref};
        h.cause.evidenceIds = {best->evidenceId, facts.groupEvidenceId};
        h.why = u"one part of the traffic lost its metadata at once; a deploy fits"_s;
    } else {
        h = unexplainedRegression(what, {drop}, v.since, QString(), reference);
        h.cause.evidenceIds = {facts.groupEvidenceId};
    }
    if (!v.route.isEmpty())
        h.cause.refs.append(u"route:"_s + v.route);
    else if (!v.config.isEmpty())
        h.cause.refs.append(u"config:"_s + v.config);
    h.failures = v.lost;
    out.hypotheses.append(h);
    rejectOtherDeploys(out, ranking, best);
}

// A client SDK that never sent metadata while others do: a cause of its own.
void phraseSilentSdk(AnalyzerOutput &out, const AnalysisInput &input, const MetadataFacts &facts,
                     const GroupVerdict &v)
{
    if (v.silentSdk.isEmpty())
        return;
    Hypothesis s;
    s.cause.category = QLatin1StringView(Category::SdkVersion);
    s.score = 0.7;
    s.cause.confidence = 0.7;
    s.cause.summary = u"Requests from "_s + v.silentSdk +
                      u" carried no custom metadata at any time in the window ("_s +
                      formatCount(v.silentCount) + u" requests), while other SDKs pass it on"_s;
    s.cause.phrases = {{u"metadata.sdk_never"_s,
                        {Say::name(u"sdk"_s, v.silentSdk), Say::count(u"count"_s, v.silentCount)}}};
    s.cause.refs = {u"sdk:"_s + v.silentSdk};
    s.cause.evidenceIds = {facts.groupEvidenceId};
    s.failures = v.silentCount;
    s.why = u"one SDK never sends metadata, whatever the route"_s;
    citeSdkAccounts(s, input, v.silentSdk);
    out.hypotheses.append(s);
}

// One route (or config) lost its metadata for every SDK at one minute while the rest of the
// traffic keeps it: the customer's config when it says so, else the deploy that went live just
// before; a client SDK that never sent any is a cause of its own.
void phraseGroupDrop(AnalyzerOutput &out, const AnalysisInput &input, const MetadataFacts &facts,
                     const GroupVerdict &v, const QDateTime &reference)
{
    const QString scope = !v.route.isEmpty()    ? v.route
                          : !v.config.isEmpty() ? u"config "_s + v.config
                                                : facts.groups.at(v.dropped.first()).route;
    const QString what = u"From "_s + clock(v.since, reference) + u" requests on "_s + scope +
                         u" carry no custom metadata ("_s + formatCount(v.lost) +
                         u" requests since), while the organisation's other traffic keeps it"_s;
    const Phrase drop{u"metadata.route_drop"_s,
                      {Say::time(u"since"_s, v.since), Say::name(u"scope"_s, scope),
                       Say::count(u"count"_s, v.lost)}};
    if (dataMissing(input, u"github", u"deployments")) {
        out.notChecked.append(unchecked(u"deploys"_s));
        phraseSilentSdk(out, input, facts, v);
        return;
    }
    QStringList strong = topicWords(u"metadata"_s);
    strong.append(scopeWords(v.route.isEmpty() ? v.config : v.route));
    const DeployRanking ranking = rankDeploys(input, v.since, strong, input.params.keywords, false);
    const DeployCandidate *best = plausibleDeploy(ranking, v.since);
    const ConfigMetadata config =
        v.route.isEmpty() && !v.config.isEmpty() ? readConfig(input, v.config) : ConfigMetadata{};
    // a config new to the traffic was edited before its first request by nature: only what it
    // says of metadata explains a drop at the switch
    if (configExplainsDrop(config, v.since, best != nullptr || v.atSwitch)) {
        out.hypotheses.append(configDrop(config, v, what, drop, facts.groupEvidenceId, reference));
        for (const DeployCandidate &c : ranking.candidates)
            out.rejected.append({QLatin1StringView(Category::DeployRegression),
                                 c.label + u" would have reached every config; the organisation's "
                                           u"other configs on the same route keep their metadata"_s,
                                 {c.ref}});
    } else {
        phraseDeployDrop(out, facts, v, ranking, best, what, drop, reference);
    }
    phraseSilentSdk(out, input, facts, v);
}

// A deploy one part's judgement rejects while another part's cause names it stays a cause:
// the rejection goes (and a rejection repeated by each part is kept once).
void keepRejectionsNotCited(AnalyzerOutput &out)
{
    QStringList cited;
    for (const Hypothesis &h : std::as_const(out.hypotheses))
        cited << h.cause.refs;
    QList<RejectedHypothesis> kept;
    for (const RejectedHypothesis &r : std::as_const(out.rejected)) {
        const bool named =
            std::ranges::any_of(r.refs, [&](const QString &ref) { return cited.contains(ref); });
        const bool repeated = std::ranges::any_of(kept, [&](const RejectedHypothesis &k) {
            return k.category == r.category && k.refs == r.refs && !r.refs.isEmpty();
        });
        if (!named && !repeated)
            kept.append(r);
    }
    out.rejected = kept;
}

// Metadata reaches the logs on every request, and the ticket asks for a field the docs say is
// stored under another key: works as documented.
// The requests of the window (0: metadata is missing from some SDK's requests, or too few to
// say): metadata reaches the logs on every one of them.
double requestsAllCarryingMetadata(const MetadataFacts &facts)
{
    double n = 0;
    for (const SdkMetadata &s : facts.sdks) {
        n += s.n;
        if (s.n >= 20 && s.share() < 0.99)
            return 0;
    }
    return n < 100 ? 0 : n;
}

QList<std::pair<QString, QJsonObject>> docsPages(const AnalysisInput &input)
{
    QList<std::pair<QString, QJsonObject>> pages;
    for (const FoundEvidence &f : findEvidence(input, u"docs", u"search")) {
        for (const QJsonValue &v : f.evidence->data.value(u"items"_s).toArray())
            pages.append({f.evidence->id, v.toObject()});
    }
    return pages;
}

// An HTTP library ("python-httpx", "axios", "curl", "Go-http-client"): a client the customer
// wrote against our API, where our SDKs would set the metadata header for them.
bool httpLibrary(const QString &name)
{
    static const QStringList libraries{
        u"httpx"_s,     u"requests"_s,    u"aiohttp"_s,   u"urllib"_s, u"urllib3"_s,
        u"axios"_s,     u"fetch"_s,       u"undici"_s,    u"curl"_s,   u"okhttp"_s,
        u"reqwest"_s,   u"faraday"_s,     u"guzzle"_s,    u"got"_s,    u"superagent"_s,
        u"restsharp"_s, u"http-client"_s, u"httpclient"_s};
    const QString n = name.toLower();
    return std::ranges::any_of(libraries, [&](const QString &l) {
        return n == l || n.endsWith(u'-' + l) || n.startsWith(l + u'-');
    });
}

// The header our docs say metadata is read from ("x-portkey-metadata"), with the page.
struct MetadataHeader
{
    QString header;
    QString ref;
    QString title;
    QString evidenceId;
};

MetadataHeader documentedHeader(const AnalysisInput &input)
{
    static const QRegularExpression header(u"\\bx-[a-z0-9-]*metadata[a-z0-9-]*\\b"_s);
    for (const auto &[evidenceId, page] : docsPages(input)) {
        const QRegularExpressionMatch m = header.match(page.value(u"text"_s).toString().toLower());
        if (m.hasMatch())
            return {m.captured(), page.value(u"ref"_s).toString(),
                    page.value(u"title"_s).toString(), evidenceId};
    }
    return {};
}

// Requests from an HTTP library the customer calls us with carry no metadata at all, while the
// org's SDK traffic carries it: the library does not send the header our docs name (our SDKs
// set it), which is the customer's code to change.
void phraseHttpClientHeader(AnalyzerOutput &out, const AnalysisInput &input,
                            const MetadataFacts &facts)
{
    const auto silent = std::ranges::find_if(facts.sdks, [](const SdkMetadata &s) {
        return httpLibrary(s.name) && s.n >= 10 && s.share() <= 0.02;
    });
    if (silent == facts.sdks.end())
        return;
    const auto keeping = std::ranges::find_if(facts.sdks, [&](const SdkMetadata &s) {
        return s.sdk != silent->sdk && s.n >= 10 && s.share() >= 0.5;
    });
    const MetadataHeader doc = documentedHeader(input);
    if (keeping == facts.sdks.end() || doc.header.isEmpty())
        return;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::CustomerConfig);
    h.score = 0.75;
    h.cause.confidence = 0.75;
    h.cause.summary = u"Requests from "_s + silent->sdk +
                      u", an HTTP client rather than one of our SDKs, carried no custom "
                      u"metadata ("_s +
                      formatCount(silent->n) + u" requests), while those from "_s + keeping->sdk +
                      u" carry it: the documentation \u201c"_s + doc.title +
                      u"\u201d reads metadata from the `"_s + doc.header +
                      u"` header, which our SDKs set and these requests do not send"_s;
    h.cause.phrases = {{u"metadata.http_client_header"_s,
                        {Say::name(u"sdk"_s, silent->sdk), Say::count(u"count"_s, silent->n),
                         Say::name(u"good_sdk"_s, keeping->sdk), Say::name(u"title"_s, doc.title),
                         Say::name(u"header"_s, doc.header)}}};
    h.cause.refs = {doc.ref, u"sdk:"_s + silent->sdk};
    h.cause.evidenceIds = {facts.evidenceId, doc.evidenceId};
    h.failures = silent->n;
    h.why = u"a hand-written client sends no metadata header the docs name"_s;
    out.hypotheses.append(h);
}

void phraseDocumentedKey(AnalyzerOutput &out, const AnalysisInput &input,
                         const MetadataFacts &facts)
{
    const double n = requestsAllCarryingMetadata(facts);
    if (n <= 0)
        return;
    const DocumentedKey k =
        documentedKey(input.ticket.subject + u'\n' + input.ticket.description, docsPages(input));
    if (k.field.isEmpty())
        return;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
    h.score = 0.7;
    h.cause.confidence = 0.7;
    h.cause.summary = u"Custom metadata reaches the logs on every request ("_s + formatCount(n) +
                      u"); the documentation \u201c"_s + k.title + u"\u201d says where `"_s +
                      k.field + u"` is kept (`"_s + k.key + u"`): \u201c"_s + k.sentence +
                      u"\u201d"_s;
    h.cause.phrases = {
        {u"metadata.documented_key"_s,
         {Say::count(u"count"_s, n), Say::name(u"field"_s, k.field), Say::name(u"key"_s, k.key),
          Say::name(u"title"_s, k.title), Say::name(u"quote"_s, k.sentence)}}};
    h.cause.refs = {k.ref};
    h.cause.evidenceIds = {facts.evidenceId, k.evidenceId};
    h.why = u"metadata is kept as the docs describe"_s;
    out.hypotheses.append(h);
}

// Metadata reaches the logs on every request, the organisation already sends as many keys as
// the docs allow per request, and the keys the ticket asks about are on none: they are the
// ones beyond the documented limit.
void phraseDocumentedKeyLimit(AnalyzerOutput &out, const AnalysisInput &input,
                              const MetadataFacts &facts)
{
    const double n = requestsAllCarryingMetadata(facts);
    if (n <= 0 || facts.keysEvidenceId.isEmpty())
        return;
    const DocumentedKeyLimit k = documentedKeyLimit(
        input.ticket.subject + u'\n' + input.ticket.description, facts.keys, docsPages(input));
    if (k.missing.isEmpty())
        return;
    const QString keys = u"`"_s + k.missing.join(u"`, `"_s) + u"`"_s;
    Hypothesis h;
    h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
    h.score = 0.7;
    h.cause.confidence = 0.7;
    h.cause.summary = u"Custom metadata reaches the logs on every request ("_s + formatCount(n) +
                      u") with "_s + QString::number(k.carried) + u" distinct keys; "_s + keys +
                      u" is on none of them, and the documentation \u201c"_s + k.title +
                      u"\u201d stores at most "_s + QString::number(k.limit) +
                      u" keys per request: \u201c"_s + k.sentence + u"\u201d"_s;
    h.cause.phrases = {{u"metadata.documented_key_limit"_s,
                        {Say::count(u"count"_s, n), Say::name(u"keys"_s, k.missing.join(u", "_s)),
                         Say::count(u"carried"_s, k.carried), Say::count(u"limit"_s, k.limit),
                         Say::name(u"title"_s, k.title), Say::name(u"quote"_s, k.sentence)}}};
    h.cause.refs = {k.ref};
    h.cause.evidenceIds = {facts.evidenceId, facts.keysEvidenceId, k.evidenceId};
    h.why = u"the keys asked about are beyond the documented number of keys per request"_s;
    out.hypotheses.append(h);
}

// A key the ticket names that arrives on part of the requests only, still to the end, while
// other keys it names arrive on twice as many or more, and a docs line that limits a value's
// length: the key's longer values are left out as documented. Cited with the page, and with the
// config the ticket names when the org's logs carry it.
void phraseDocumentedValueLimit(AnalyzerOutput &out, const AnalysisInput &input,
                                const MetadataFacts &facts)
{
    // only when the logs show no part of the traffic losing its metadata (a client that never
    // sends the header): the limit is then what is left to explain a key on part of them
    if (!out.hypotheses.isEmpty())
        return;
    const QList<KeyPresence> asked = judgeAskedKeys(facts.keys, facts.sdks, facts.ticketText);
    // the named key on the fewest requests
    auto part = asked.end();
    for (auto k = asked.begin(); k != asked.end(); ++k) {
        if (!k->onEvery && k->n > 0 && k->n < 0.9 * k->with &&
            (part == asked.end() || k->n < part->n))
            part = k;
    }
    // the keys the ticket says arrive are sent with it: each is on twice its requests or more
    const bool othersArrive = std::ranges::any_of(asked, [&](const KeyPresence &k) {
        return part != asked.end() && k.key != part->key && k.n >= 2 * part->n;
    });
    // still arriving as late as any metadata: a key that stopped arriving is another matter
    QDateTime lastWith;
    for (const SdkMetadata &s : facts.sdks)
        lastWith = s.lastWith.isValid() && s.lastWith > lastWith ? s.lastWith : lastWith;
    if (part == asked.end() || !othersArrive ||
        (part->last.isValid() && lastWith.isValid() && part->last.secsTo(lastWith) > 900))
        return;
    for (const auto &[evidenceId, page] : docsPages(input)) {
        for (const QString &text : page.value(u"text"_s).toString().split(u'\n')) {
            const QString line = plainDocLine(text);
            const int limit = documentedValueLimit(line);
            if (limit <= 0)
                continue;
            const QString ref = page.value(u"ref"_s).toString();
            const QString title = page.value(u"title"_s).toString();
            const QString quote = line.left(300);
            Hypothesis h;
            h.cause.category = QLatin1StringView(Category::ExpectedBehavior);
            h.score = 0.82;
            h.cause.confidence = 0.8;
            h.cause.summary =
                u"The key `"_s + part->key + u"` is on "_s + formatCount(part->n) + u" of the "_s +
                formatCount(part->with) +
                u" requests carrying custom metadata, to the end, while the other "
                u"keys named are on twice as many or more; the documentation \u201c"_s +
                title + u"\u201d limits a value to "_s + QString::number(limit) +
                u" characters: \u201c"_s + quote + u"\u201d"_s;
            h.cause.phrases = {{u"metadata.documented_value_limit"_s,
                                {Say::name(u"key"_s, part->key), Say::count(u"count"_s, part->n),
                                 Say::count(u"total"_s, part->with), Say::count(u"limit"_s, limit),
                                 Say::name(u"title"_s, title), Say::name(u"quote"_s, quote)}}};
            h.cause.refs = {ref};
            QStringList named;
            for (const MetadataGroup &g : facts.groups) {
                if (!g.config.isEmpty() && facts.ticketText.contains(g.config.toLower()))
                    appendUnique(named, g.config);
            }
            if (named.size() == 1)
                h.cause.refs.append(u"config:"_s + named.first());
            h.cause.evidenceIds = {facts.keysEvidenceId, evidenceId};
            h.why = u"the key's longer values are beyond the documented length"_s;
            out.hypotheses.append(h);
            return;
        }
    }
}

// The keys the ticket names, each against the requests that carry metadata.
void phraseAskedKeys(AnalyzerOutput &out, const MetadataFacts &facts, const QDateTime &reference)
{
    for (const KeyPresence &k : judgeAskedKeys(facts.keys, facts.sdks, facts.ticketText)) {
        Finding f;
        if (k.onEvery) {
            f.summary = u"The key `"_s + k.key +
                        u"` is on every request carrying custom metadata ("_s + formatCount(k.n) +
                        u"), the last at "_s + clock(k.last, reference);
            f.phrases = {{u"metadata.key_on_every"_s,
                          {Say::name(u"key"_s, k.key), Say::count(u"count"_s, k.n),
                           Say::time(u"last"_s, k.last)}}};
        } else {
            f.summary = u"The key `"_s + k.key + u"` is on "_s + formatCount(k.n) + u" of the "_s +
                        formatCount(k.with) +
                        u" requests carrying custom metadata, the last at "_s +
                        clock(k.last, reference);
            f.phrases = {{u"metadata.key_on_some"_s,
                          {Say::name(u"key"_s, k.key), Say::count(u"count"_s, k.n),
                           Say::count(u"total"_s, k.with), Say::time(u"last"_s, k.last)}}};
        }
        f.evidenceIds = {facts.keysEvidenceId, facts.evidenceId};
        f.confidence = 0.75;
        out.findings.append(f);
    }
}

} // namespace

Analysis::DocumentedKey Analysis::documentedKey(const QString &ticket,
                                                const QList<std::pair<QString, QJsonObject>> &pages)
{
    static const QRegularExpression code(u"`([^`\\n]{1,60})`"_s);
    static const QRegularExpression identifier(u"^[_a-z][a-z0-9_.]*$"_s);
    QStringList asked;
    for (auto it = code.globalMatch(ticket); it.hasNext();)
        appendUnique(asked, it.next().captured(1).trimmed());
    for (const auto &[evidenceId, page] : pages) {
        for (const QString &line : page.value(u"text"_s).toString().split(u'\n')) {
            for (QString sentence : line.split(u". "_s)) {
                sentence = sentence.trimmed();
                QStringList spans;
                for (auto it = code.globalMatch(sentence); it.hasNext();)
                    appendUnique(spans, it.next().captured(1).trimmed());
                for (const QString &field : std::as_const(asked)) {
                    if (!spans.contains(field) || !identifier.match(field).hasMatch())
                        continue;
                    for (const QString &key : std::as_const(spans)) {
                        // a key derived from the field's name: `_user` for `user`
                        if (key != field && key.contains(field) && !asked.contains(key) &&
                            identifier.match(key).hasMatch())
                            return {field,
                                    key,
                                    sentence.left(300),
                                    page.value(u"ref"_s).toString(),
                                    page.value(u"title"_s).toString(),
                                    evidenceId};
                    }
                }
            }
        }
    }
    return {};
}

// The provider every config that lost its metadata sends to, when none of the configs that
// keep it does ('' otherwise): the part of the traffic a drop on several routes' configs shares.
QString Analysis::droppedProvider(const QList<MetadataGroup> &groups, const GroupVerdict &v,
                                  const QList<ConfigTraffic> &traffic)
{
    const auto providersOf = [&](const QList<int> &indexes) {
        QStringList providers;
        for (const int i : indexes) {
            const QString config = groups.at(i).config;
            for (const ConfigTraffic &t : traffic) {
                if (!config.isEmpty() && t.configId == config && t.requests > 0 &&
                    !t.provider.isEmpty())
                    appendUnique(providers, t.provider);
            }
        }
        return providers;
    };
    const QStringList dropped = providersOf(v.dropped);
    const QStringList keeping = providersOf(v.keeping);
    if (dropped.size() != 1 || keeping.isEmpty() || keeping.contains(dropped.first()))
        return {};
    return dropped.first();
}

int Analysis::documentedKeyLimit(const QString &sentence)
{
    // "at most 16 keys per request", "up to 16 metadata keys", "a maximum of 16 keys"
    static const QRegularExpression limit(u"\\b(?:at most|up to|no more than|maximum "
                                          u"of|max\\.?|limit of|limited to)\\s+(\\d{1,3})\\s+"
                                          u"(?:custom\\s+|metadata\\s+|top-level\\s+)*keys\\b"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = limit.match(sentence);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

int Analysis::documentedValueLimit(const QString &sentence)
{
    static const QRegularExpression limit(
        u"\\bvalues?\\b[^.;:]{0,40}?\\b(?:at most|up to|no more than|no longer than|maximum of|"
        u"max\\.?|limited to|longer than|over|above|exceeding)\\s+(\\d{1,5})\\s+"
        u"(?:characters|chars|bytes)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = limit.match(sentence);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

Analysis::DocumentedKeyLimit
Analysis::documentedKeyLimit(const QString &ticket, const QList<MetadataKey> &keys,
                             const QList<std::pair<QString, QJsonObject>> &pages)
{
    // the keys named between backticks or quotes that no request carries
    static const QRegularExpression named(
        u"[`\"\u201c\u201e\u00ab\u300c]\\s*([A-Za-z_][A-Za-z0-9_.\\-]{2,63})\\s*"
        u"[`\"\u201d\u201c\u00bb\u300d]"_s);
    QStringList carried;
    for (const MetadataKey &k : keys) {
        if (k.n > 0)
            appendUnique(carried, k.key.toLower());
    }
    QStringList missing;
    for (auto it = named.globalMatch(ticket); it.hasNext();) {
        const QString key = it.next().captured(1);
        if (!carried.contains(key.toLower()) && key.toLower() != u"metadata"_s)
            appendUnique(missing, key);
    }
    if (missing.isEmpty() || carried.isEmpty())
        return {};
    for (const auto &[evidenceId, page] : pages) {
        for (const QString &line : page.value(u"text"_s).toString().split(u'\n')) {
            for (QString sentence : line.split(u". "_s)) {
                sentence = sentence.trimmed();
                const int limit = documentedKeyLimit(sentence);
                // the organisation already sends as many keys as a request may keep
                if (limit <= 0 || carried.size() < limit)
                    continue;
                return {missing,
                        limit,
                        int(carried.size()),
                        sentence.left(300),
                        page.value(u"ref"_s).toString(),
                        page.value(u"title"_s).toString(),
                        evidenceId};
            }
        }
    }
    return {};
}

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
    phraseAskedKeys(out, facts, reference);
    // judged per route, config and SDK: a part of the traffic that lost its metadata while the
    // rest keeps it is read before the SDK totals, which would mix the two
    if (const GroupVerdict v = judgeGroups(facts.groups, facts.ticketText); v.partDropped()) {
        const QList<GroupVerdict> parts = splitDrops(facts.groups, v);
        if (parts.isEmpty())
            phraseGroupDrop(out, input, facts, v, reference);
        for (const GroupVerdict &part : parts)
            phraseGroupDrop(out, input, facts, part, reference);
        if (!parts.isEmpty())
            keepRejectionsNotCited(out);
        return out;
    }
    const QList<SdkMetadata> &judged = facts.recent.isEmpty() ? facts.sdks : facts.recent;
    const QList<KeyPresence> asked = judgeAskedKeys(facts.keys, facts.sdks, facts.ticketText);
    // the silent SDK judged over the whole window: one that dropped metadata during it is not
    // steady
    const auto overWindow = [&](const SdkMetadata &s) {
        const auto it = std::ranges::find(facts.sdks, s.sdk, &SdkMetadata::sdk);
        return it != facts.sdks.end() ? *it : s;
    };
    if (const SdkDrop drop = judgeSdkDrop(judged, facts.ticketText);
        drop.bad >= 0 && !silentSdkBeside(overWindow(judged.at(drop.bad)), judged.at(drop.good),
                                          asked, facts.ticketText)) {
        phraseSdkDrop(out, input, facts, judged.at(drop.bad), judged.at(drop.good), reference);
        return out;
    }
    if (const GatewayDrop drop = judgeGatewayDrop(facts.sdks, facts.recent); drop.everySdk()) {
        phraseGatewayDrop(out, input, facts, drop, reference);
        return out;
    }
    if (const QList<int> upgraded = upgradeDrops(facts.groups); !upgraded.isEmpty()) {
        phraseUpgradeDrop(out, input, facts, upgraded, reference);
        return out;
    }
    phraseHttpClientHeader(out, input, facts);
    phraseDocumentedKey(out, input, facts);
    phraseDocumentedKeyLimit(out, input, facts);
    phraseDocumentedValueLimit(out, input, facts);
    return out;
}

} // namespace Casefile
