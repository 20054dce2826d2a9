#pragma once

#include "core/domain.h"
#include "core/engine/playbook.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Casefile {

// Chooses the playbook for a ticket from its subject, description and tags, using each
// playbook's signals plus a built-in vocabulary for the seven contract playbooks (how
// customers phrase each pattern, in a few languages). Recognises a plain question that needs
// no investigation (plans, limits, pricing, how-to; no symptom) and returns an empty name.
//
// Pure and thread-safe; input is untrusted and capped (huge text, invalid UTF-8, emoji, RTL,
// pasted JSON, stack traces and SQL are just text to it).
class Classifier
{
public:
    explicit Classifier(const QList<Playbook> &playbooks);

    struct Score
    {
        QString playbook;
        double score = 0.0;
        QStringList matched; // the phrases that counted, as written in the signals
    };

    PlaybookChoice classify(const Ticket &ticket) const;
    QList<Score> scores(const Ticket &ticket) const; // best first

    // True when the ticket asks a question and describes no symptom; `why` says which words.
    static bool isPlainQuestion(const Ticket &ticket, QString *why = nullptr);

private:
    struct Term
    {
        QString text; // as written
        QString folded;
        double weight = 1.0;
    };
    struct Entry
    {
        QString name;
        double weight = 1.0;
        QList<Term> positive;
        QList<Term> negative;
    };
    QList<Entry> m_entries;
};

} // namespace Casefile
