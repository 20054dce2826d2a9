#pragma once

#include "core/domain.h"
#include "core/engine/playbook.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Casefile {

// Chooses the playbook for a ticket from its subject, description and tags. It reads concepts,
// not phrases (core/engine/lexicon.h: slowness, failure, webhook, invoice, metadata... in six
// languages), tolerates typos and inflections, scopes negation to the symptom it negates ("not
// slow, but failing with 500s"), and weighs a stale reply subject ("Re: Re: invoice question")
// below the body. A ticket that describes a symptom is always investigated, even when it is
// phrased as a question; a plain question (plans, limits, how-to; no symptom) gets an empty
// name. Each playbook's own keywords and negatives count too.
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
        QStringList matched; // the words of the ticket that counted
    };

    // The choice, and a runner-up when two playbooks score close: the engine then runs the
    // steps of both and lets the evidence decide.
    struct Decision
    {
        PlaybookChoice choice;
        QString runnerUp = {}; // empty unless close to the chosen one
        // "Gemini fails, Claude works", and nothing says the failing provider works elsewhere:
        // the providers said to fail. Whether the failure follows the provider or one config of
        // it is for the organisation's logs to say (the engine checks; the generic errors
        // playbook is then the runner-up).
        QStringList contrastFailing = {};
    };

    Decision decide(const Ticket &ticket) const;
    PlaybookChoice classify(const Ticket &ticket) const { return decide(ticket).choice; }
    QList<Score> scores(const Ticket &ticket) const; // best first

    // True when the ticket asks a question and describes no symptom; `why` says so in words.
    static bool isPlainQuestion(const Ticket &ticket, QString *why = nullptr);
    // A subject left over from an older thread ("Re: latency last week") whose topics the
    // body never takes up: it says what the earlier conversation was about, not this one.
    static bool subjectIsStale(const Ticket &ticket);

    // Runner-up within this share of the best score (and above a floor) runs too.
    static constexpr double CloseRatio = 0.8;
    static constexpr double CloseFloor = 3.0;

private:
    struct Signal
    {
        QString folded;
        QStringList words;
        double weight = 1.0;
    };
    struct Entry
    {
        QString name;
        double weight = 1.0;
        QList<Signal> positive; // the playbook's own keywords
        QList<Signal> negative;
    };
    QList<Entry> m_entries;
};

// When two playbooks score close, one plan runs both: the chosen playbook's steps and
// analyzers, then those of the runner-up that it lacks (a step id both have is the same data).
// The analyzers rank the hypotheses of both on the evidence; the plan keeps the chosen name.
Playbook planWithRunnerUp(Playbook chosen, const Playbook &runnerUp);

} // namespace Casefile
