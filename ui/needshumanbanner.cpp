#include "ui/needshumanbanner.h"

#include "ui/plaintext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {

constexpr int MaxItems = 4; // the rest in the tooltip: the findings keep their room
constexpr int MaxItemChars = 300;

QString statusWords(StepStatus status)
{
    switch (status) {
    case StepStatus::Failed:
        return QObject::tr("failed");
    case StepStatus::Timeout:
        return QObject::tr("timed out");
    case StepStatus::Skipped:
        return QObject::tr("was skipped");
    case StepStatus::Cancelled:
        return QObject::tr("was cancelled");
    default:
        return {};
    }
}

// What is missing: the analysis's own list, else the steps that did not answer.
QStringList missingItems(const Investigation &inv)
{
    QStringList items;
    for (const QString &m : inv.missing) {
        const QString line = m.simplified();
        if (!line.isEmpty() && !items.contains(line))
            items.append(line);
    }
    if (items.isEmpty()) {
        for (const StepRecord &r : inv.steps) {
            const QString how = statusWords(r.status);
            if (how.isEmpty())
                continue;
            QString line = (r.title.isEmpty() ? r.id : r.title) + u": "_s + how;
            if (!r.error.isEmpty())
                line += u" ("_s + r.error.simplified() + u')';
            items.append(line);
        }
    }
    return items;
}

} // namespace

QString needsHumanText(const Investigation &inv)
{
    if (!inv.needsHuman)
        return {};
    QString text;
    if (inv.rootCause)
        text = QObject::tr("Needs a human: the evidence is too thin to stand on this conclusion "
                           "(confidence %1%). Check it before sending; the reply stays editable.")
                   .arg(qRound(inv.rootCause->confidence * 100));
    else
        text = QObject::tr("Needs a human: the evidence is too thin to conclude. Check it "
                           "before sending; the reply stays editable.");
    const QStringList items = missingItems(inv);
    if (!items.isEmpty()) {
        text += u'\n' + QObject::tr("Missing:");
        for (qsizetype i = 0; i < items.size() && i < MaxItems; ++i) {
            QString item = items.at(i);
            if (item.size() > MaxItemChars)
                item = item.left(MaxItemChars) + u'…';
            text += u"\n• "_s + item;
        }
        if (items.size() > MaxItems)
            text += u"\n• "_s + QObject::tr("and %n more (point here for all)", nullptr,
                                            int(items.size() - MaxItems));
    }
    return text;
}

QString needsHumanSummary(const Investigation &inv)
{
    if (!inv.needsHuman)
        return {};
    const qsizetype missing = missingItems(inv).size();
    QString text = inv.rootCause ? QObject::tr("Needs a human (confidence %1%)")
                                       .arg(qRound(inv.rootCause->confidence * 100))
                                 : QObject::tr("Needs a human");
    if (missing > 0)
        text += u", "_s + (missing == 1 ? QObject::tr("1 item missing")
                                        : QObject::tr("%1 items missing").arg(missing));
    return text + u": "_s + QObject::tr("check before sending.");
}

NeedsHumanBanner::NeedsHumanBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"needsHumanBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Amber on both palettes: readable text colour set with it.
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    p.setColor(QPalette::WindowText, QColor(0x5c, 0x40, 0x00));
    setPalette(p);
    // one line, elided to the width: it never pushes the findings down or the window wider
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(false);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_toggle = new QToolButton(this);
    m_toggle->setObjectName(u"needsHumanDetailsToggle"_s);
    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setText(tr("Details"));
    m_toggle->setToolTip(tr("Show why and what is missing"));
    // Step titles and errors quote vendors' answers: plain text only.
    m_details = new QLabel(this);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setVisible(false);
    auto *line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->addWidget(m_summary, 1);
    line->addWidget(m_toggle);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 2, 4, 2);
    layout->setSpacing(2);
    layout->addLayout(line);
    layout->addWidget(m_details);
    connect(m_toggle, &QToolButton::toggled, this, &NeedsHumanBanner::setDetailsShown);
    setAccessibleName(tr("Needs a human"));
    setVisible(false);
}

void NeedsHumanBanner::setInvestigation(const Investigation &investigation)
{
    m_text = needsHumanText(investigation);
    m_summaryText = needsHumanSummary(investigation);
    m_details->setText(m_text);
    setAccessibleDescription(m_text);
    elide();
    // everything, every missing item included, untrusted text shown as text
    QString all = m_text.section(u'\n', 0, 0);
    const QStringList items = missingItems(investigation);
    if (!items.isEmpty())
        all += u'\n' + tr("Missing:") + u"\n• "_s + items.join(u"\n• "_s);
    setToolTip(plainToolTip(all));
    setVisible(!m_text.isEmpty());
}

QString NeedsHumanBanner::text() const
{
    return m_text;
}

QString NeedsHumanBanner::summary() const
{
    return m_summaryText;
}

bool NeedsHumanBanner::detailsShown() const
{
    return m_toggle->isChecked();
}

void NeedsHumanBanner::setDetailsShown(bool shown)
{
    if (m_toggle->isChecked() != shown)
        m_toggle->setChecked(shown); // comes back here through toggled()
    m_toggle->setText(shown ? tr("Hide details") : tr("Details"));
    m_details->setVisible(shown);
}

void NeedsHumanBanner::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    elide();
}

void NeedsHumanBanner::elide()
{
    m_summary->setText(m_summary->fontMetrics().elidedText(m_summaryText, Qt::ElideRight,
                                                           std::max(40, m_summary->width())));
}

} // namespace Casefile
