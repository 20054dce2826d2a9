#pragma once

#include "core/domain.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace Casefile::Reply {

// Decides what of an investigation's text the customer may read. Built from the
// investigation itself: the customer's organisation is the ticket's; other organisations'
// ids and names, file paths from the code host, issue-tracker ids and on-call incident texts
// are collected from the evidence, the refs and a few patterns. Pure, thread-safe.
class PrivacyFilter
{
public:
    explicit PrivacyFilter(const Investigation &investigation);

    // The text with tracker ids taken out and every clause ("; "-separated) that names
    // another organisation (or gives other organisations' figures), a file path or an
    // on-call incident dropped. Empty when nothing is left. `withheld` gets what was dropped.
    QString customerSafe(const QString &text, QStringList *withheld = nullptr) const;
    // Why a text may not go to the customer as is ('' when it may).
    QString reason(const QString &text) const;

    // What was collected, for the internal note.
    QStringList trackerIds() const { return sorted(m_trackerIds); }
    QStringList filePaths() const { return sorted(m_paths); }
    QStringList otherOrganisations() const { return sorted(m_otherOrgs); }
    QStringList incidentTexts() const { return sorted(m_incidents); }

private:
    static QStringList sorted(const QSet<QString> &set);
    QString withoutTrackerIds(QString text) const;

    QString m_orgId;
    QString m_orgName;
    QSet<QString> m_trackerIds;
    QSet<QString> m_paths;
    QSet<QString> m_docsPaths;
    QSet<QString> m_otherOrgs; // ids and names
    QSet<QString> m_incidents; // ids, titles and summaries
};

} // namespace Casefile::Reply
