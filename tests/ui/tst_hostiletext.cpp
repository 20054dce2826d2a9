// Untrusted text (tickets, vendors' answers, LLM output, error messages quoting them) is never
// rendered as markup: every tooltip, label and item tooltip the workbench shows after loading
// hostile text is walked, and none that Qt would render as rich text may carry the markup
// unescaped. The hostile text must show up somewhere, so the walk cannot pass empty-handed.
#include "fixtures.h"

#include "ui/investigationview.h"
#include "ui/savedinvestigationsmodel.h"
#include "ui/savedinvestigationsview.h"
#include "ui/ticketqueuemodel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

const QString Image = u"<img src=x onerror=alert(1)>"_s;
const QString Link = u"<a href=\"https://evil.example/\">click here</a>"_s;
const QString Hostile = Image + u" " + Link;

// One piece of text the workbench shows, and whether Qt renders it as rich text.
struct Shown
{
    QString where;
    QString text;
    bool rich = false;
};

void walkModel(const QAbstractItemModel *model, const QModelIndex &parent, const QString &where,
               QList<Shown> &out)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        for (int c = 0; c < model->columnCount(parent); ++c) {
            const QModelIndex i = model->index(r, c, parent);
            const QString tip = i.data(Qt::ToolTipRole).toString();
            if (!tip.isEmpty())
                out.append({where + u" item tooltip"_s, tip, Qt::mightBeRichText(tip)});
            if (c == 0 && model->hasChildren(i))
                walkModel(model, i, where, out);
        }
    }
}

// Every tooltip (widgets, actions, items of views) and label text under `root`.
QList<Shown> shownText(const QWidget *root)
{
    QList<Shown> out;
    QList<const QWidget *> widgets{root};
    for (const QWidget *w : root->findChildren<QWidget *>())
        widgets.append(w);
    for (const QWidget *w : std::as_const(widgets)) {
        const QString name = QString::fromLatin1(w->metaObject()->className());
        if (!w->toolTip().isEmpty())
            out.append({name + u" tooltip"_s, w->toolTip(), Qt::mightBeRichText(w->toolTip())});
        if (const auto *label = qobject_cast<const QLabel *>(w)) {
            const bool rich =
                label->textFormat() == Qt::RichText ||
                (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
            out.append({name + u" text"_s, label->text(), rich});
        }
        if (const auto *view = qobject_cast<const QAbstractItemView *>(w); view && view->model())
            walkModel(view->model(), {}, name, out);
        for (const QAction *a : w->actions()) {
            if (!a->toolTip().isEmpty())
                out.append({u"action tooltip"_s, a->toolTip(), Qt::mightBeRichText(a->toolTip())});
        }
    }
    for (const QAction *a : root->findChildren<QAction *>()) {
        if (!a->toolTip().isEmpty())
            out.append({u"action tooltip"_s, a->toolTip(), Qt::mightBeRichText(a->toolTip())});
    }
    return out;
}

// Nothing rendered as rich text carries the hostile markup itself; the hostile text is seen.
void verifyNoLiveMarkup(const QWidget *root)
{
    const QList<Shown> shown = shownText(root);
    int seen = 0;
    for (const Shown &s : shown) {
        const bool carries = s.text.contains(u"<img"_s, Qt::CaseInsensitive) ||
                             s.text.contains(u"<a href"_s, Qt::CaseInsensitive);
        const bool escaped = s.text.contains(u"&lt;img"_s) || s.text.contains(u"&lt;a href"_s);
        if (carries || escaped)
            ++seen;
        QVERIFY2(!(s.rich && carries),
                 qPrintable(s.where + u" renders hostile text as rich text: "_s + s.text));
    }
    QVERIFY2(seen > 0, "the hostile text reached no tooltip or label: the walk checked nothing");
}

Investigation hostileInvestigation()
{
    Investigation inv = TestData::investigation();
    inv.ticket.subject = u"Slow dashboard "_s + Hostile;
    inv.ticket.description = Hostile + u" please help"_s;
    for (Evidence &e : inv.evidence) {
        e.title += u" "_s + Hostile;
        e.source += Image;
    }
    // a vendor's answer whose keys and values carry markup, shown raw and as a tree
    inv.evidence.first().data.insert(Image, Link);
    for (StepRecord &s : inv.steps) {
        s.title += u" "_s + Link;
        s.error = u"GitHub answered: "_s + Hostile;
    }
    for (Finding &f : inv.findings)
        f.summary += u" "_s + Hostile;
    if (inv.rootCause)
        inv.rootCause->summary += u" "_s + Hostile;
    for (RejectedHypothesis &r : inv.rejected)
        r.reason += u" "_s + Hostile;
    inv.notChecked.append(u"known bugs "_s + Hostile);
    return inv;
}

} // namespace

class TestHostileText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void investigationViewShowsHostileTextAsText()
    {
        InvestigationView view;
        view.resize(1200, 800);
        view.show();
        const Investigation inv = hostileInvestigation();
        view.setInvestigation(inv);
        for (auto page : {InvestigationView::Page::Timeline, InvestigationView::Page::Evidence,
                          InvestigationView::Page::Findings}) {
            view.showPage(page);
            QCoreApplication::processEvents();
            verifyNoLiveMarkup(&view);
        }
        // each piece of evidence in the detail pane: its table, tree and links
        for (const Evidence &e : inv.evidence) {
            QVERIFY(view.selectEvidence(e.id));
            QCoreApplication::processEvents();
            verifyNoLiveMarkup(&view);
        }
    }

    void ticketQueueShowsHostileTextAsText()
    {
        TicketQueueModel model;
        Ticket t = TestData::ticket();
        t.subject = Hostile;
        t.description = Hostile;
        t.orgName = Link;
        model.setTickets({t});
        QTableView view;
        view.setModel(&model);
        view.show();
        verifyNoLiveMarkup(&view);
    }

    void savedInvestigationsShowHostileTextAsText()
    {
        auto store = TestData::store();
        QVERIFY(store->saveInvestigation(hostileInvestigation()).has_value());
        SavedInvestigationsView view;
        QSignalSpy refreshed(&view, &SavedInvestigationsView::refreshed);
        view.setStore(store);
        view.show();
        QVERIFY(refreshed.count() > 0 || refreshed.wait(5000));
        QVERIFY(view.model()->rowCount() > 0);
        verifyNoLiveMarkup(&view);
    }
};

QTEST_MAIN(TestHostileText)
#include "tst_hostiletext.moc"
