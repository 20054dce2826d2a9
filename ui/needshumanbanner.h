#pragma once

#include "core/domain.h"

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace Casefile {

// What the workbench says when an investigation "needs a human" (its confidence is below
// what a conclusion can stand on): why, and what is missing (the steps that failed, timed
// out, were skipped or returned nothing), as plain text. Empty when no human is needed.
QString needsHumanText(const Investigation &investigation);

// The banner's one line: "Needs a human (confidence 32%), 3 items missing: check before
// sending." Empty when no human is needed.
QString needsHumanSummary(const Investigation &investigation);

// A banner above the findings and above the reply editor: shown only for an investigation
// that needs a human, hidden otherwise. One line, so the findings keep their room in a short
// window; "Details" opens why and what is missing, and the tooltip holds all of it as text.
// It only informs: the reply stays editable and sendable.
class NeedsHumanBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NeedsHumanBanner)

public:
    explicit NeedsHumanBanner(QWidget *parent = nullptr);

    void setInvestigation(const Investigation &investigation);
    QString text() const;    // what the banner says in full ('' when hidden)
    QString summary() const; // its one line
    bool detailsShown() const;
    void setDetailsShown(bool shown);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_summaryText;
    QString m_text;
    QLabel *m_summary = nullptr;
    QToolButton *m_toggle = nullptr;
    QLabel *m_details = nullptr;
};

} // namespace Casefile
