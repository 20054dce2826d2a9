// The customer's own words without the earlier thread a reply quotes: the classifier and the
// binder read only these, so an older topic or an older time in the quotation never decides.
#include "core/text/quotedthread.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestQuotedThread : public QObject
{
    Q_OBJECT

private slots:
    void ownWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain text is unchanged")
            << u"Errors since 10:00.\nPlease check."_s << u"Errors since 10:00.\nPlease check."_s;
        QTest::newRow("lines quoted with >")
            << u"Still failing.\n> Could you send a request id?\n> Thanks"_s << u"Still failing."_s;
        QTest::newRow("english header and what follows")
            << u"Now we get 500s.\n\nOn Mon, 21 Dec 2026 at 16:02, Support <s@x.io> wrote:\nYour "
               u"invoice was resent."_s
            << u"Now we get 500s."_s;
        QTest::newRow("portuguese header")
            << u"Erro 502 desde 7h.\n\nEm seg., 21 de dez. de 2026 às 16:02, Suporte escreveu:\n"
               u"a fatura foi reenviada"_s
            << u"Erro 502 desde 7h."_s;
        QTest::newRow("spanish header")
            << u"Sigue fallando.\nEl lun, 21 dic 2026 a las 9:00, Soporte escribió:\nla factura"_s
            << u"Sigue fallando."_s;
        QTest::newRow("german header with the verb mid-line")
            << u"Immer noch 429.\nAm 21.12.2026 um 16:02 schrieb Support <s@x.io>:\nRechnung"_s
            << u"Immer noch 429."_s;
        QTest::newRow("french header")
            << u"Toujours en panne.\nLe 26 déc. 2026 à 10:05, Support a écrit :\nla facture"_s
            << u"Toujours en panne."_s;
        QTest::newRow("japanese header")
            << u"まだエラーです。\n2026/12/21 16:02、Support <s@x.io> に書きました:\n請求書"_s
            << u"まだエラーです。"_s;
        // Gmail and Apple Mail in each language, as their clients write them
        QTest::newRow("gmail japanese, no verb")
            << u"まだ502が出ています。\n\n2026年12月1日(火) 10:00 山田 <taro@example.jp>:\n> 前回の件"_s
            << u"まだ502が出ています。"_s;
        QTest::newRow("gmail japanese with 書きました")
            << u"まだ502が出ています。\n2026年12月1日(火) 10:00 山田 太郎 <taro@example.jp> "
               u"は書きました:\n"
               u"請求書の件です"_s
            << u"まだ502が出ています。"_s;
        QTest::newRow("gmail japanese with wrote")
            << u"まだ502が出ています。\n2026年12月1日(火) 10:00 Support <s@x.io> wrote:\n請求書"_s
            << u"まだ502が出ています。"_s;
        QTest::newRow("apple mail japanese")
            << u"まだ遅いです。\n2026/12/01 10:00、サポート <s@x.io>のメール:\n請求書"_s
            << u"まだ遅いです。"_s;
        QTest::newRow("gmail english wrapped over two lines")
            << u"Still 500s.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Taro Yamada <taro@example.com>\n"
               u"wrote:\n> the invoice"_s
            << u"Still 500s."_s;
        QTest::newRow("gmail spanish")
            << u"Sigue igual.\nEl mar, 1 dic 2026 a las 10:00, Soporte (<s@x.io>) escribió:\nfactura"_s
            << u"Sigue igual."_s;
        QTest::newRow("gmail portuguese")
            << u"Continua.\nEm ter., 1 de dez. de 2026 às 10:00, Suporte <s@x.io> escreveu:\nfatura"_s
            << u"Continua."_s;
        QTest::newRow("gmail german")
            << u"Immer noch.\nAm Di., 1. Dez. 2026 um 10:00 Uhr schrieb Support <s@x.io>:\nRechnung"_s
            << u"Immer noch."_s;
        QTest::newRow("gmail french")
            << u"Toujours.\nLe mar. 1 déc. 2026 à 10:00, Support <s@x.io> a écrit :\nfacture"_s
            << u"Toujours."_s;
        QTest::newRow("apple mail english")
            << u"Still down.\nOn 1 Dec 2026, at 10:00, Support <s@x.io> wrote:\ninvoice"_s
            << u"Still down."_s;
        QTest::newRow("apple mail german wrapped")
            << u"Immer noch.\nAm 01.12.2026 um 10:00\nschrieb Support <s@x.io>:\nRechnung"_s
            << u"Immer noch."_s;
        QTest::newRow("a prose line ending in wrote after a line with a number is kept")
            << u"Error 500 since 10:00.\nThis is what the log wrote:\ninvalid key"_s
            << u"Error 500 since 10:00.\nThis is what the log wrote:\ninvalid key"_s;
        QTest::newRow("japanese prose with 書きました and no date is kept")
            << u"設定を確認しました。\n手順は前回のメールに書きました\n以上です"_s
            << u"設定を確認しました。\n手順は前回のメールに書きました\n以上です"_s;
        QTest::newRow("original message rule")
            << u"Any news?\n-----Original Message-----\nsubject: invoice"_s << u"Any news?"_s;
        QTest::newRow("a message forwarded under a short cover note is kept")
            << u"Can you look at this?\n\n---------- Forwarded message ---------\nFrom: Ann "
               u"<a@x.io>\n"
               u"Date: Tue 14:02\nSubject: slow\n\nCalls take 30 s since 2pm.\n\n> On Mon Ann wrote:\n> old"_s
            << u"Can you look at this?\n\nCalls take 30 s since 2pm."_s;
        QTest::newRow("a forward under a note that says something of its own is cut")
            << u"Since this morning most webhooks time out and the dashboard shows it on every "
               u"delivery; the alert endpoint is fine. The thread below is only for reference.\n"
               u"---------- Weitergeleitete Nachricht ----------\nVon: Lena <l@x.de>\nBetreff: "
               u"Rechnung\n\nDie Adresse passt."_s
            << u"Since this morning most webhooks time out and the dashboard shows it on every "
               u"delivery; the alert endpoint is fine. The thread below is only for reference."_s;
        QTest::newRow("outlook block")
            << u"Any news?\nFrom: Support <s@x.io>\nSent: Monday 09:00\nInvoice attached"_s
            << u"Any news?"_s;
        QTest::newRow("signature after --")
            << u"Timeouts since noon.\n--\nJane Doe | Billing Ops"_s << u"Timeouts since noon."_s;
        QTest::newRow("signature after a closing line")
            << u"Timeouts since noon.\n\nThanks,\nJane Doe\nPrincipal Engineer, Fallback Labs\n"
               "Level 3, 10 Main St, Sydney"_s
            << u"Timeouts since noon."_s;
        QTest::newRow("signature after a french closing line")
            << u"Erreurs 502 depuis midi.\n\nCordialement,\nJeanne Roy\nDéveloppeuse principale"_s
            << u"Erreurs 502 depuis midi."_s;
        QTest::newRow("signature after a japanese closing line")
            << u"本日10時から503が出ています。\n\nよろしくお願いいたします。\n山田 太郎\n株式会社サンプル"_s
            << u"本日10時から503が出ています。"_s;
        QTest::newRow("two signatures, one under the other")
            << u"Erreurs 502 depuis midi.\n\nMerci !\nJeanne Roy\nDéveloppeuse principale\n\n"
               u"Cordialement,\nLéa Petit\nÉquipe support"_s
            << u"Erreurs 502 depuis midi."_s;
        QTest::newRow("a thanks with words after it above a signature is kept")
            << u"Hi team,\nThanks for the help yesterday.\nThe 502s are back.\n\nBest,\nBob"_s
            << u"Hi team,\nThanks for the help yesterday.\nThe 502s are back."_s;
        QTest::newRow("thanks followed by more of the message is kept")
            << u"Timeouts since noon.\nThanks for the quick fix last week.\nLog:\n1\n2\n3\n4\n5\n6\n7"_s
            << u"Timeouts since noon.\nThanks for the quick fix last week.\nLog:\n1\n2\n3\n4\n5\n6\n7"_s;
        QTest::newRow("a body that is all quotation stays whole")
            << u"> old text\n> more"_s << u"> old text\n> more"_s;
        QTest::newRow("a header first keeps what follows")
            << u"On Mon at 9:00 Support wrote:\nstill broken"_s
            << u"On Mon at 9:00 Support wrote:\nstill broken"_s;
        QTest::newRow("a colon after wrote in prose without a date is kept")
            << u"The error says what I wrote: invalid key"_s
            << u"The error says what I wrote: invalid key"_s;
    }

    void ownWords()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(Text::withoutQuotedThread(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestQuotedThread)
#include "tst_quotedthread.moc"
