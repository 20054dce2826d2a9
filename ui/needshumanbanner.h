#pragma once

#include "core/domain.h"

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace Casefile {

// What the workbench says when an investigation "needs a human" (its confidence is below
// what a conclusion can stand on): why, and what is missing (the steps that failed, timed
// out, were skipped or returned nothing), as plain text. Empty when no human is needed.
QString needsHumanText(const Investigation &investigation);

// A banner above the findings and above the reply editor: shown only for an investigation
// that needs a human, hidden otherwise. It only informs: the reply stays editable and
// sendable.
class NeedsHumanBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NeedsHumanBanner)

public:
    explicit NeedsHumanBanner(QWidget *parent = nullptr);

    void setInvestigation(const Investigation &investigation);
    QString text() const; // what the banner says ('' when hidden)

private:
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
};

} // namespace Casefile
