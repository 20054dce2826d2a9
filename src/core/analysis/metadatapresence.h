#pragma once

#include "core/analysis.h"
#include "core/analysis/analysisutil.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// Metadata presence in three steps: gather the share of requests carrying custom metadata per
// SDK (over the window and, when asked, a recent window) and per route, config and SDK over
// time, judge whether one SDK version drops it, one route or config lost it at a given minute,
// or every SDK does (pure), and phrase the verdict (with the deploy that explains a drop).
namespace Casefile::Analysis {

struct SdkMetadata
{
    QString sdk;  // "portkey-node/2.0.0"
    QString name; // "portkey-node"
    double n = 0;
    double with = 0;
    QDateTime first;
    QDateTime lastWith; // the last request carrying metadata (invalid: none, or not asked)
    double share() const { return n > 0 ? with / n : 0; }
};

// One bucket of a group's requests (metadata_by_group).
struct MetadataBucket
{
    QDateTime t;
    double n = 0;
    double with = 0;
    QDateTime firstWithout; // the bucket's first request carrying no metadata (invalid: none)
};

// The requests of one route, config and SDK, bucket by bucket in time order.
struct MetadataGroup
{
    QString route;
    QString config;
    QString sdk;
    QList<MetadataBucket> buckets;
    double n() const;
    double with() const;
    double share() const { return n() > 0 ? with() / n() : 0; }
};

// One top-level key of the metadata objects (metadata_keys): the requests carrying it.
struct MetadataKey
{
    QString key;
    double n = 0;
    QDateTime first;
    QDateTime last;
};

struct MetadataFacts
{
    QList<MetadataGroup> groups; // per route, config and SDK, when a step asked for them
    QString groupEvidenceId;
    QList<SdkMetadata> sdks;   // over the window
    QList<SdkMetadata> recent; // since the ticket's anchor, when a step asked for it
    QString evidenceId;
    QList<MetadataKey> keys; // per key, when a step asked for them
    QString keysEvidenceId;
    QString ticketText; // lower case: subject, description and the SDK the ticket names
};

// --- gather ---
QList<SdkMetadata> sdkMetadata(const Evidence &evidence);
QList<MetadataGroup> metadataGroups(const Evidence &evidence);
QList<MetadataKey> metadataKeys(const Evidence &evidence);
MetadataFacts gatherMetadata(const AnalysisInput &input);

// A field the ticket names (`user`) that a docs sentence says is stored under a key derived
// from it (`_user`): the sentence, the field, the key and the page. Empty field: none.
struct DocumentedKey
{
    QString field;
    QString key;
    QString sentence;
    QString ref;
    QString title;
    QString evidenceId;
};
DocumentedKey documentedKey(const QString &ticket,
                            const QList<std::pair<QString, QJsonObject>> &pages);

// Keys the ticket names (between backticks or quotes) that are on no request of the window,
// while the organisation's requests already carry as many distinct keys as a docs sentence
// allows per request ("at most 16 keys per request"): the keys beyond the documented limit,
// with the limit, the sentence and the page. Empty `missing`: none.
struct DocumentedKeyLimit
{
    QStringList missing;
    int limit = 0;
    int carried = 0; // distinct keys on the organisation's requests
    QString sentence;
    QString ref;
    QString title;
    QString evidenceId;
};
int documentedKeyLimit(const QString &sentence);
// The longest metadata value a docs sentence allows, in characters ("values at most 128
// characters", "values longer than 128 characters are dropped"); 0 when it states none.
int documentedValueLimit(const QString &sentence);
DocumentedKeyLimit documentedKeyLimit(const QString &ticket, const QList<MetadataKey> &keys,
                                      const QList<std::pair<QString, QJsonObject>> &pages);

// --- judge ---
// One version that drops metadata while another (of the same SDK, or a client SDK beside a
// client SDK that keeps it) passes it on; indexes into `judged`, -1: none.
struct SdkDrop
{
    int bad = -1;
    int good = -1;
};
SdkDrop judgeSdkDrop(const QList<SdkMetadata> &judged, const QString &ticketText);

// Every SDK that used to send metadata loses (some of) it, and none is healthy.
struct GatewayDrop
{
    QList<SdkMetadata> partial;
    bool anyHealthy = false;
    // When metadata stopped arriving: the last request of those SDKs that still carried it
    // (invalid when the table does not say). A deploy is blamed only when it fits this time.
    QDateTime stoppedAt;
    bool everySdk() const { return !partial.isEmpty() && !anyHealthy; }
};
GatewayDrop judgeGatewayDrop(const QList<SdkMetadata> &sdks, const QList<SdkMetadata> &recent);

// A group that carried metadata and then stopped: from `since` (its own first request without
// metadata after its last run of requests with it) to the end of the window, `lost` requests
// carried none.
struct GroupDrop
{
    bool dropped = false;
    QDateTime since;
    double lost = 0;
    bool atSwitch = false; // traffic moved to it from a config that carried metadata
};
GroupDrop judgeGroupDrop(const MetadataGroup &group);

// Metadata judged per route, config and SDK: some groups lost it while others keep it to the
// end (a part of the traffic, not every SDK), and client SDKs that never sent any while
// another SDK passes it on (a cause of their own).
struct GroupVerdict
{
    QList<int> dropped; // indexes into the groups, with their drop in `drops`
    QList<GroupDrop> drops;
    QList<int> keeping;
    // What the dropped groups share: a route every group of which lost it, else a config every
    // group of which lost it (empty: neither).
    QString route;
    QString config;
    QDateTime since; // the earliest drop
    double lost = 0;
    bool atSwitch = false; // every drop is traffic moved to a config that never carried any
    // A client SDK none of whose groups ever carried metadata while another SDK does.
    QString silentSdk;
    double silentCount = 0;
    bool partDropped() const { return !dropped.isEmpty() && !keeping.isEmpty(); }
};
GroupVerdict judgeGroups(const QList<MetadataGroup> &groups, const QString &ticketText);
// The groups (indexes) that carry no metadata from their first request, begun as the same
// config's group on another version of that SDK, which carried it, ended: an upgrade of one
// service that lost it, while the same version elsewhere may keep it (streamed requests only).
QList<int> upgradeDrops(const QList<MetadataGroup> &groups);
// Drops that share neither a route nor a config, split into the parts a route or a config
// bounds (every group of a route lost it, else every group of a config), largest first: two
// causes at different minutes (a route our deploy broke, a config the customer turned off) are
// judged each on its own. Empty when the drops do not split that way.
QList<GroupVerdict> splitDrops(const QList<MetadataGroup> &groups, const GroupVerdict &v);
// The provider every config that lost its metadata sends to (`traffic`: the org's requests by
// config and provider), when none of the configs that keep it sends there; '' otherwise.
QString droppedProvider(const QList<MetadataGroup> &groups, const GroupVerdict &v,
                        const QList<ConfigTraffic> &traffic);

// A key the ticket names (as a whole word) judged against the requests that carry metadata:
// on every one of them (to within 1%) and still on the last of them, or on a part only.
struct KeyPresence
{
    QString key;
    double n = 0;    // requests carrying the key
    double with = 0; // requests carrying any metadata
    QDateTime last;  // the key's last request
    bool onEvery = false;
};
QList<KeyPresence> judgeAskedKeys(const QList<MetadataKey> &keys, const QList<SdkMetadata> &sdks,
                                  const QString &ticketText);

// Pure: an SDK that sent no metadata at any time (`silent`, from judgeSdkDrop beside another
// SDK that keeps it) is steady, not the answer, when every key the ticket asks about is on every
// request that carries metadata and the ticket does not name that SDK: a job that never tags its
// requests, beside the services the customer asks about.
bool silentSdkBeside(const SdkMetadata &silent, const SdkMetadata &keeping,
                     const QList<KeyPresence> &asked, const QString &ticketText);

// The config a drop is confined to, as the gateway describes it: when it was last edited and
// its settings whose key names metadata ("store_metadata: false").
struct ConfigMetadata
{
    QString ref; // "config:<id>"
    QDateTime editedAt;
    QStringList settings;  // "key: value", every one whose key names metadata
    bool turnsOff = false; // one of them stops, strips or disables metadata
    QString evidenceId;
};
// Pure: the settings of a config (nested strategies and targets too) whose key names metadata.
ConfigMetadata configMetadata(const QJsonObject &config);

// Pure: a drop confined to one config (the org's other configs on the same route keep their
// metadata) is the customer's own when that config turns metadata off, or was edited just
// before the drop while no deploy of ours fits it.
bool configExplainsDrop(const ConfigMetadata &c, const QDateTime &since, bool deployFits);

} // namespace Casefile::Analysis
