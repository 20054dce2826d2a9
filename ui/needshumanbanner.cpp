#include "ui/needshumanbanner.h"

#include "ui/plaintext.h"

#include <QLabel>
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
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // Step titles and errors quote vendors' answers: plain text only.
    m_details = new QLabel(this);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    setAccessibleName(tr("Needs a human"));
    setVisible(false);
}

void NeedsHumanBanner::setInvestigation(const Investigation &investigation)
{
    const QString text = needsHumanText(investigation);
    m_title->setText(text.section(u'\n', 0, 0));
    m_details->setText(text.section(u'\n', 1));
    setAccessibleDescription(text);
    // every missing item, untrusted text shown as text
    QStringList all = missingItems(investigation);
    setToolTip(investigation.needsHuman && all.size() > MaxItems ? plainToolTip(all.join(u'\n'))
                                                                 : QString());
    setVisible(!text.isEmpty());
}

QString NeedsHumanBanner::text() const
{
    if (m_title->text().isEmpty())
        return {};
    return m_details->text().isEmpty() ? m_title->text()
                                       : m_title->text() + u'\n' + m_details->text();
}

} // namespace Casefile
