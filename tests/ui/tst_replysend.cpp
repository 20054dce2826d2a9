// A reply sent through the real Zendesk connector to the sandbox's Zendesk fake: what the
// fake stored is what the preview showed, each status change with the reply, and the send
// that finds its text already on the ticket.
#include "fixtures.h"

#include "connectors/connectorfactory.h"
#include "core/analysis/markdown.h"
#include "core/investigationjson.h"
#include "core/profile.h"
#include "sandbox/fakes/fakeservices.h"
#include "ui/diagnosiseditor.h"
#include "ui/sendconfirmdialog.h"

#include <QFile>
#include <QJsonDocument>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;

namespace {

const QString TicketId = u"5201"_s;

// Bold, lists, code, a code block and links: everything a reply uses.
const QString RichReply =
    u"Hi Elena,\n\n**What happened:** gateway time on `/v1/embeddings` rose at 11:32 UTC.\n\n"
    u"- first *point*\n- second point with [the docs](https://docs.example.com/limits)\n\n"
    u"1. one\n2. two\n\n```json\n{\"request_timeout\": 20000}\n```\n\n"
    u"> quoted & <escaped>\n\nBest regards,\nSupport team\n"_s;

WorkLimits limits()
{
    WorkLimits l;
    l.deadline = QDeadlineTimer(30s);
    return l;
}

QString plainOf(const QString &html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

} // namespace

class TestReplySend : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox::FakeServices> m_fakes;
    std::shared_ptr<HelpdeskConnector> m_helpdesk;

    QJsonObject lastComment() const
    {
        const QList<QJsonObject> comments = m_fakes->receivedComments(TicketId);
        return comments.isEmpty() ? QJsonObject() : comments.last();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile f(qEnvironmentVariable("CASEFILE_SOURCE_DIR") +
                u"/tests/scenarios/latency-spike-deploy-regression.json"_s);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        const QJsonObject scenario = QJsonDocument::fromJson(f.readAll()).object();
        m_fakes = std::make_unique<Sandbox::FakeServices>(
            scenario,
            [](const QString &, const QDateTime &, const QDateTime &, const QString &) {
                return 0;
            },
            QUrl(u"http://127.0.0.1:9"_s));
        auto started = m_fakes->start({});
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        const QJsonObject profileJson{{u"format"_s, QLatin1StringView(WorkspaceProfile::FormatId)},
                                      {u"name"_s, u"sandbox"_s},
                                      {u"sandbox"_s, true},
                                      {u"connections"_s, m_fakes->profileConnections()}};
        auto profile = parseProfile(QJsonDocument(profileJson).toJson());
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        auto set = createConnectors(*profile, resolveSecretWithoutKeychain);
        QVERIFY2(set.has_value(), qPrintable(set ? QString() : set.error().message));
        m_helpdesk = (*set)->helpdesk();
        QVERIFY(m_helpdesk);
        QCOMPARE(m_helpdesk->statuses(), (QStringList{u"open"_s, u"pending"_s, u"solved"_s}));
    }

    void cleanupTestCase()
    {
        m_helpdesk.reset();
        m_fakes.reset();
    }

    void statusChangesWithTheReply_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("pending") << u"pending"_s;
        QTest::newRow("solved") << u"solved"_s;
        QTest::newRow("open") << u"open"_s;
    }
    void statusChangesWithTheReply()
    {
        QFETCH(QString, status);
        HelpdeskConnector::CommentRequest request;
        request.ticketId = TicketId;
        request.markdown = u"Status **%1**"_s.arg(status);
        request.html = renderMarkdownToSafeHtml(request.markdown);
        request.status = status;
        request.idempotencyKey = u"casefile-status-"_s + status;
        const auto posted = m_helpdesk->postComment(request, limits());
        QVERIFY2(posted.has_value(), qPrintable(posted ? QString() : posted.error().message));
        QVERIFY(!posted->alreadyPosted);
        QCOMPARE(lastComment().value(u"html_body"_s).toString(), request.html);
        const auto ticket = m_helpdesk->ticket(TicketId, limits());
        QVERIFY(ticket.has_value());
        QCOMPARE(ticket->status, status);
    }

    void unknownStatusIsRefused()
    {
        HelpdeskConnector::CommentRequest request;
        request.ticketId = TicketId;
        request.markdown = u"x"_s;
        request.status = u"closed"_s;
        const int before = int(m_fakes->receivedComments(TicketId).size());
        QVERIFY(!m_helpdesk->postComment(request, limits()).has_value());
        QCOMPARE(int(m_fakes->receivedComments(TicketId).size()), before);
    }

    void sendThatFindsTheTextAlreadyPostedSaysSo()
    {
        HelpdeskConnector::CommentRequest request;
        request.ticketId = TicketId;
        request.markdown = u"Only once, please: `x` and **y**."_s;
        request.html = renderMarkdownToSafeHtml(request.markdown);
        request.idempotencyKey = u"casefile-once-1"_s;
        const auto first = m_helpdesk->postComment(request, limits());
        QVERIFY(first.has_value());
        QVERIFY(!first->alreadyPosted);
        const int after = int(m_fakes->receivedComments(TicketId).size());
        // A resend after a failure that had in fact arrived: another key, the same text.
        request.idempotencyKey = u"casefile-once-2"_s;
        const auto again = m_helpdesk->postComment(request, limits());
        QVERIFY(again.has_value());
        QVERIFY(again->alreadyPosted);
        QCOMPARE(again->remoteId, first->remoteId);
        QCOMPARE(int(m_fakes->receivedComments(TicketId).size()), after);
        // An internal note with the same text is another comment.
        request.isPublic = false;
        request.idempotencyKey = u"casefile-once-3"_s;
        const auto note = m_helpdesk->postComment(request, limits());
        QVERIFY(note.has_value());
        QVERIFY(!note->alreadyPosted);
        QCOMPARE(lastComment().value(u"public"_s).toBool(true), false);
    }

    void postedIsPreviewed()
    {
        auto store = TestData::store();
        DiagnosisEditor editor;
        editor.setStore(store);
        editor.setHelpdesk(m_helpdesk);
        editor.setWorkspace(u"sandbox"_s);
        Investigation inv = TestData::investigation();
        inv.ticket.id = TicketId;
        inv.ticket.subject = u"Embeddings latency doubled"_s;
        inv.ticket.orgName = u"Quill Search"_s;
        inv.diagnosisMarkdown = RichReply;
        editor.setInvestigation(u"inv-rich"_s, inv);
        editor.show();
        QTRY_COMPARE(editor.previewText(), plainOf(renderMarkdownToSafeHtml(RichReply)));

        editor.requestSend(true);
        SendConfirmDialog *dialog = editor.confirmationDialog();
        QVERIFY(dialog);
        // The confirmation shows the reply rendered as the preview, and where it goes.
        QCOMPARE(dialog->renderedText(), editor.previewText());
        QVERIFY(dialog->detailsText().contains(u"Embeddings latency doubled"_s));
        QVERIFY(dialog->detailsText().contains(u"Quill Search"_s));
        QVERIFY(dialog->detailsText().contains(u"sandbox"_s));
        dialog->setStatus(u"pending"_s);
        QCOMPARE(dialog->status(), u"pending"_s);
        QSignalSpy sent(&editor, &DiagnosisEditor::replySent);
        dialog->accept();
        QVERIFY(sent.wait(20000));

        // What the helpdesk stored, read back from the fake, is what the preview showed.
        const QJsonObject stored = lastComment();
        const QString html = stored.value(u"html_body"_s).toString();
        QCOMPARE(html, renderMarkdownToSafeHtml(RichReply));
        QCOMPARE(plainOf(html), editor.previewText());
        QVERIFY(html.contains(u"<strong>What happened:</strong>"_s));
        QVERIFY(html.contains(u"<code>/v1/embeddings</code>"_s));
        QVERIFY(html.contains(u"<li>"_s) && html.contains(u"<pre><code>"_s));
        QVERIFY(!stored.value(u"plain_body"_s).toString().contains(u"**"_s));
        QVERIFY(stored.value(u"public"_s).toBool());
        const auto ticket = m_helpdesk->ticket(TicketId, limits());
        QVERIFY(ticket.has_value());
        QCOMPARE(ticket->status, u"pending"_s);
        QVERIFY(editor.statusText().contains(u"Reply sent to ticket #5201 at"_s));
        QVERIFY(!editor.sendReplyButton()->isEnabled());

        // The same text again from a fresh tab (as after a restart): nothing is posted, and
        // the editor says so instead of "Reply sent".
        DiagnosisEditor again;
        again.setStore(TestData::store());
        again.setHelpdesk(m_helpdesk);
        again.setInvestigation(u"inv-rich-2"_s, inv);
        const int count = int(m_fakes->receivedComments(TicketId).size());
        again.requestSend(true);
        QVERIFY(again.confirmationDialog());
        QSignalSpy sentAgain(&again, &DiagnosisEditor::replySent);
        again.confirmationDialog()->accept();
        QVERIFY(sentAgain.wait(20000));
        QCOMPARE(int(m_fakes->receivedComments(TicketId).size()), count);
        QVERIFY2(again.statusText().contains(u"already had this text"_s),
                 qPrintable(again.statusText()));
    }
};

QTEST_MAIN(TestReplySend)
#include "tst_replysend.moc"
