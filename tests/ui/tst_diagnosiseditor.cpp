#include "fakehelpdesk.h"
#include "fixtures.h"

#include "core/connector.h"
#include "ui/diagnosiseditor.h"
#include "ui/needshumanbanner.h"
#include "ui/sendconfirmdialog.h"
#include "ui/textdiff.h"

#include <QApplication>
#include <QComboBox>
#include <QMutex>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Casefile;
using Casefile::TestData::FakeHelpdesk;

class TestDiagnosisEditor : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        std::shared_ptr<SqliteStore> store = TestData::store();
        std::shared_ptr<FakeHelpdesk> helpdesk =
            std::make_shared<FakeHelpdesk>(QList<Ticket>{TestData::ticket()});
        DiagnosisEditor editor;

        Fixture()
        {
            // Slow enough that a second Send arrives while the first is in flight.
            helpdesk->setCommentDelay(std::chrono::milliseconds(100));
            editor.setStore(store);
            editor.setHelpdesk(helpdesk);
            editor.setInvestigation(u"inv-1"_s, u"1042"_s,
                                    TestData::investigation().diagnosisMarkdown);
            editor.show();
        }
    };

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void confirmationShowsExactlyTheText_data()
    {
        QTest::addColumn<bool>("isPublic");
        QTest::newRow("public reply") << true;
        QTest::newRow("internal note") << false;
    }

    void confirmationShowsExactlyTheText()
    {
        QFETCH(bool, isPublic);
        Fixture f;
        const QString body = u"Hi Jun,\n\n<script>alert(1)</script> **#447** at 09:12 UTC\n"_s;
        f.editor.setMarkdown(body);
        (isPublic ? f.editor.sendReplyButton() : f.editor.sendNoteButton())->click();
        SendConfirmDialog *dialog = f.editor.confirmationDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->bodyText(), body);
        QCOMPARE(dialog->ticketId(), u"1042"_s);
        QCOMPARE(dialog->isPublic(), isPublic);
        QVERIFY(dialog->summaryText().contains(u"#1042"_s));
        QVERIFY(dialog->summaryText().contains(isPublic ? u"public reply"_s : u"internal note"_s));
        QVERIFY(!f.editor.sendReplyButton()->isEnabled()); // one confirmation at a time
        dialog->reject();
        QTRY_VERIFY(!f.editor.confirmationDialog());
        QCOMPARE(f.helpdesk->calls(), 0); // cancelled: nothing sent
        QVERIFY(f.editor.sendReplyButton()->isEnabled());
    }

    void sendTwiceDeliversOneComment()
    {
        Fixture f;
        QSignalSpy sent(&f.editor, &DiagnosisEditor::replySent);
        f.editor.requestSend(true);
        QVERIFY(f.editor.confirmationDialog());
        f.editor.confirmationDialog()->accept();
        QVERIFY(f.editor.isSending());
        QVERIFY(!f.editor.sendReplyButton()->isEnabled());
        // A second trigger while in flight (double click, shortcut) is ignored.
        f.editor.requestSend(true);
        QVERIFY(!f.editor.confirmationDialog());
        QVERIFY(sent.wait(5000));
        QCOMPARE(f.helpdesk->comments().size(), 1);
        QCOMPARE(f.helpdesk->comments().first().body, TestData::investigation().diagnosisMarkdown);
        QCOMPARE(f.helpdesk->comments().first().ticketId, u"1042"_s);
        QVERIFY(f.helpdesk->comments().first().isPublic);
        QVERIFY(f.editor.wasSent());

        // The tab says when it went, and Send stays off until the text changes: the same
        // reply cannot be confirmed a second time.
        QVERIFY2(f.editor.statusText().contains(u"sent to ticket #1042 at"_s),
                 qPrintable(f.editor.statusText()));
        QVERIFY(!f.editor.sendReplyButton()->isEnabled());
        QVERIFY(f.editor.sendBlockedReason(true).contains(u"was sent"_s));
        f.editor.requestSend(true);
        QVERIFY(!f.editor.confirmationDialog());
        QCOMPARE(f.helpdesk->comments().size(), 1);
        const auto sends = f.store->sends(u"inv-1"_s);
        QVERIFY(sends);
        QCOMPARE(sends->size(), 1);
        QCOMPARE(sends->first().state, SentReply::State::Sent);
        f.editor.setMarkdown(f.editor.markdown() + u"\nOne more thing."_s);
        QVERIFY(f.editor.sendReplyButton()->isEnabled());
    }

    void placeholdersKeepSendOff()
    {
        Fixture f;
        f.editor.setMarkdown(
            u"The fix ships by [ETA]; status: [FIX STATUS]. See [docs](https://x.example)."_s);
        QVERIFY(!f.editor.sendReplyButton()->isEnabled());
        const QString why = f.editor.sendBlockedReason(true);
        QVERIFY2(why.contains(u"[ETA]"_s) && why.contains(u"[FIX STATUS]"_s), qPrintable(why));
        QVERIFY(!f.editor.sendReplyButton()->toolTip().isEmpty());
        f.editor.requestSend(true);
        QVERIFY(!f.editor.confirmationDialog());
        f.editor.setMarkdown(u"The fix ships on Monday. See [docs](https://x.example)."_s);
        QVERIFY(f.editor.sendReplyButton()->isEnabled());
        QVERIFY(f.editor.sendBlockedReason(true).isEmpty());
    }

    // "Needs a human" is said above the reply, with what is missing, and the engineer can
    // still edit and send.
    void needsHumanIsShownAndSendStaysOn_data()
    {
        QTest::addColumn<bool>("needsHuman");
        QTest::newRow("needs a human") << true;
        QTest::newRow("confident") << false;
    }
    void needsHumanIsShownAndSendStaysOn()
    {
        QFETCH(bool, needsHuman);
        Fixture f;
        Investigation inv = TestData::investigation();
        inv.needsHuman = needsHuman;
        inv.missing = needsHuman ? QStringList{u"Error breakdown (timed out)"_s} : QStringList();
        f.editor.setInvestigation(u"inv-1"_s, inv);
        QCOMPARE(f.editor.needsHumanBanner()->isVisible(), needsHuman);
        QCOMPARE(f.editor.needsHumanBanner()->text().contains(u"• Error breakdown (timed out)"_s),
                 needsHuman);
        f.editor.setMarkdown(f.editor.markdown() + u"\nChecked by hand."_s);
        QVERIFY(f.editor.markdown().endsWith(u"Checked by hand."_s));
        QVERIFY2(f.editor.sendBlockedReason(true).isEmpty(),
                 qPrintable(f.editor.sendBlockedReason(true)));
        QVERIFY(f.editor.sendReplyButton()->isEnabled());
    }

    void savedInvestigationSendsOnlyThroughItsWorkspace()
    {
        Fixture f;
        Investigation inv = TestData::investigation();
        inv.workspace = u"Relay production"_s;
        f.editor.setInvestigation(u"inv-1"_s, inv);
        f.editor.setWorkspace(u"Relay staging"_s);
        QVERIFY(!f.editor.sendReplyButton()->isEnabled());
        QVERIFY(!f.editor.sendNoteButton()->isEnabled());
        QVERIFY(f.editor.sendBlockedReason(true).contains(u"Relay production"_s));
        f.editor.setWorkspace(u"Relay production"_s);
        QVERIFY(f.editor.sendReplyButton()->isEnabled());
    }

    void noteGoesAsInternalNoteAndReplyAsPublicReply()
    {
        Fixture f;
        Investigation inv = TestData::investigation();
        inv.internalNoteMarkdown = u"Internal: `src/db/queries/usage_by_org.sql`, GW-123"_s;
        f.editor.setInvestigation(u"inv-1"_s, inv);
        QSignalSpy sent(&f.editor, &DiagnosisEditor::replySent);
        f.editor.requestSend(false);
        QVERIFY(f.editor.confirmationDialog());
        QCOMPARE(f.editor.confirmationDialog()->bodyText(), inv.internalNoteMarkdown);
        QVERIFY(f.editor.confirmationDialog()->detailsText().contains(inv.ticket.subject));
        f.editor.confirmationDialog()->accept();
        QVERIFY(sent.wait(5000));
        f.editor.requestSend(true);
        QVERIFY(f.editor.confirmationDialog());
        f.editor.confirmationDialog()->accept();
        QVERIFY(sent.wait(5000));
        const auto comments = f.helpdesk->comments();
        QCOMPARE(comments.size(), 2);
        QCOMPARE(comments.at(0).body, inv.internalNoteMarkdown);
        QVERIFY(!comments.at(0).isPublic);
        QCOMPARE(comments.at(1).body, inv.diagnosisMarkdown);
        QVERIFY(comments.at(1).isPublic);
    }

    void languageIsShownAndSwitchable()
    {
        Fixture f;
        Investigation inv = TestData::investigation();
        inv.replyLanguage = u"es"_s;
        f.editor.setInvestigation(u"inv-1"_s, inv);
        QCOMPARE(f.editor.language(), u"es"_s);
        QVERIFY(f.editor.languageBox()->currentText().contains(u"es"_s));
        f.editor.setLanguage(u"de"_s);
        QCOMPARE(f.editor.language(), u"de"_s);
        QVERIFY2(f.editor.markdown().contains(u"Was passiert ist"_s),
                 qPrintable(f.editor.markdown()));
        QVERIFY(f.editor.markdown().contains(u"09:12"_s));
    }

    void failureKeepsTheDraftAndRetryReusesTheKey()
    {
        Fixture f;
        const QString body = u"Edited reply"_s;
        f.editor.setMarkdown(body);
        f.helpdesk->failNext();
        f.editor.requestSend(false);
        f.editor.confirmationDialog()->accept();
        QTRY_VERIFY(!f.editor.isSending());
        QVERIFY(f.editor.statusText().contains(u"could not be reached"_s));
        QCOMPARE(f.editor.markdown(), body);
        QCOMPARE(f.helpdesk->comments().size(), 0);
        const QString key = f.store->sends(u"inv-1"_s)->first().idempotencyKey;

        QSignalSpy sent(&f.editor, &DiagnosisEditor::replySent);
        f.editor.requestSend(false);
        f.editor.confirmationDialog()->accept();
        QVERIFY(sent.wait(5000));
        QCOMPARE(f.helpdesk->comments().size(), 1);
        QCOMPARE(f.helpdesk->comments().first().key, key);
        QVERIFY(!f.helpdesk->comments().first().isPublic);
    }

    void draftsAreSavedAndFeedbackRecorded()
    {
        Fixture f;
        QSignalSpy saved(&f.editor, &DiagnosisEditor::draftSaved);
        f.editor.setMarkdown(u"Hi Jun,\n\nDeploy #447 slowed it. Rolled back.\n"_s);
        f.editor.saveDraftNow();
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.first().first().toInt(), 1);
        QCOMPARE(f.store->drafts(u"inv-1"_s)->size(), 1);

        QSignalSpy feedback(&f.editor, &DiagnosisEditor::feedbackSaved);
        f.editor.giveFeedback(u"partly"_s, u"missed the rollback"_s);
        QVERIFY(feedback.wait(5000));
        const auto records = f.store->feedback();
        QVERIFY(records);
        QCOMPARE(records->size(), 1);
        QCOMPARE(records->first().verdict, u"partly"_s);
        QVERIFY(records->first().editedShare > 0.0);
        QVERIFY(records->first().editedShare < 1.0);
    }

    void editedShare_data()
    {
        QTest::addColumn<QString>("original");
        QTest::addColumn<QString>("edited");
        QTest::addColumn<double>("share");
        QTest::newRow("untouched") << u"a b c d"_s << u"a b c d"_s << 0.0;
        QTest::newRow("rewritten") << u"a b c d"_s << u"w x y z"_s << 1.0;
        QTest::newRow("one word of four") << u"a b c d"_s << u"a b X d"_s << 0.25;
        QTest::newRow("whitespace only") << u"a  b\nc"_s << u"a b c"_s << 0.0;
        QTest::newRow("both empty") << QString() << QString() << 0.0;
    }

    void editedShare()
    {
        QFETCH(QString, original);
        QFETCH(QString, edited);
        QFETCH(double, share);
        QCOMPARE(Casefile::editedShare(original, edited), share);
    }
};

QTEST_MAIN(TestDiagnosisEditor)
#include "tst_diagnosiseditor.moc"
