#pragma once

#include "core/analysis.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Metadata presence in three steps: gather the share of requests carrying custom metadata per
// SDK (over the window and, when asked, a recent window), judge whether one SDK version drops
// it or every SDK does (pure), and phrase the verdict (with the deploy that explains a drop
// for everyone).
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

struct MetadataFacts
{
    QList<SdkMetadata> sdks;   // over the window
    QList<SdkMetadata> recent; // since the ticket's anchor, when a step asked for it
    QString evidenceId;
    QString ticketText; // lower case: subject, description and the SDK the ticket names
};

// --- gather ---
QList<SdkMetadata> sdkMetadata(const Evidence &evidence);
MetadataFacts gatherMetadata(const AnalysisInput &input);

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

} // namespace Casefile::Analysis
