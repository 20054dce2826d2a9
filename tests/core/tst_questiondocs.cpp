// A plain question answered from the docs: the ticket's words (and, asked in another language,
// the English words our docs use for them) find the page that answers it, and the drafted reply
// quotes and cites that page in the ticket's language. A question no page answers finds none.
#include "core/reply/questiondocs.h"
#include "core/reply/replycomposer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

struct Page
{
    QString path;
    QString title;
    QString text;
};

const QList<Page> &pages()
{
    static const QList<Page> p{
        {u"docs/account/plans.md"_s, u"Plans and features"_s,
         u"# Plans and features\n\nSingle sign-on (SSO) with SAML 2.0 or OIDC is included in the "
         "Scale and Enterprise plans. The Growth plan signs in with e-mail and password.\n"
         "Every plan includes unlimited virtual keys.\n"_s},
        {u"docs/billing/invoices.md"_s, u"Invoices"_s,
         u"# Invoices\n\nInvoices are issued monthly, in US dollars or euros. The billing address "
         "and VAT number printed on an invoice can be changed under Settings > Billing.\n"_s},
        {u"docs/observability/log-export.md"_s, u"Log export"_s,
         u"# Log export\n\nRequest logs can be exported to an S3 bucket every hour. Logs are "
         "retained for 30 days on Growth and 90 days on Scale.\n"_s},
        {u"docs/routing/fallbacks.md"_s, u"Fallbacks"_s,
         u"# Fallbacks\n\nA config with strategy mode fallback tries its targets in order.\n"_s},
    };
    return p;
}

QSet<QString> lowerWords(const QString &text)
{
    QSet<QString> out;
    for (const QString &w :
         text.toLower().split(QRegularExpression(u"[^\\p{L}\\p{N}]+"_s), Qt::SkipEmptyParts))
        out.insert(w);
    return out;
}

// A docs search like a real one over English pages: a page is a hit when it shares a word with
// one of the terms; the hits carry their text.
class DocsStub final : public Connector
{
public:
    QString system() const override { return u"docs"_s; }
    QStringList operations() const override { return {u"search"_s}; }
    ConnectionCheck testConnection(const WorkLimits &) override { return {true, u"ok"_s}; }
    Result<OperationOutput> run(const OperationCall &call) override
    {
        QJsonArray items;
        for (const Page &p : pages()) {
            const QSet<QString> words = lowerWords(p.title + u' ' + p.text);
            bool hit = false;
            for (const QJsonValue &t : call.args.value(u"terms"_s).toArray())
                hit = hit || lowerWords(t.toString()).intersects(words);
            if (hit)
                items.append(QJsonObject{{u"ref"_s, QString(u"docs:"_s + p.path)},
                                         {u"title"_s, p.title},
                                         {u"text"_s, p.text}});
        }
        Evidence e;
        e.kind = EvidenceKind::Text;
        e.connector = u"docs"_s;
        e.data = QJsonObject{{u"items"_s, items}};
        OperationOutput out;
        out.evidence.append(e);
        return out;
    }
};

Ticket question(const QString &subject, const QString &body)
{
    Ticket t;
    t.id = u"5101"_s;
    t.subject = subject;
    t.description = body;
    t.requesterName = u"Robin Hale"_s;
    t.createdAt = QDateTime(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::utc());
    return t;
}

} // namespace

class TestQuestionDocs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void answeredFromTheDocs_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("page"); // '' none answers it
        const QString plans = u"docs:docs/account/plans.md"_s;
        const QString invoices = u"docs:docs/billing/invoices.md"_s;
        const QString logs = u"docs:docs/observability/log-export.md"_s;
        QTest::newRow("en: sso on a plan")
            << u"SSO on Scale?"_s << u"Hi, does the scale plan include SSO? Thanks, Robin"_s
            << u"en"_s << plans;
        QTest::newRow("es: sso on a plan")
            << u"SSO en el plan Scale"_s
            << u"Hola, ¿el plan Scale incluye inicio de sesión único (SSO)? Gracias."_s << u"es"_s
            << plans;
        QTest::newRow("pt: sso on a plan")
            << u"SSO no plano Scale"_s << u"Olá, o plano Scale inclui SSO? Obrigado."_s << u"pt"_s
            << plans;
        QTest::newRow("de: sso on a plan")
            << u"SSO im Scale-Tarif?"_s
            << u"Guten Tag, wir überlegen, auf den Scale-Tarif zu wechseln. Ist SSO im "
               "Scale-Tarif enthalten, oder brauchen wir dafür Enterprise? Viele Grüße"_s
            << u"de"_s << plans;
        QTest::newRow("fr: sso on a plan")
            << u"SSO dans l'offre Scale"_s
            << u"Bonjour, est-ce que le SSO est inclus dans l'offre Scale ? Merci."_s << u"fr"_s
            << plans;
        QTest::newRow("ja: sso on a plan")
            << u"SSOについて"_s << u"お世話になっております。ScaleプランにSSOは含まれますか？"_s
            << u"ja"_s << plans;
        QTest::newRow("es: invoice address")
            << u"Dirección en la factura"_s
            << u"¿Podemos cambiar la dirección de facturación que aparece en nuestras facturas?"_s
            << u"es"_s << invoices;
        QTest::newRow("fr: invoices in euros")
            << u"Factures en euros ?"_s
            << u"Bonjour, notre service comptable nous demande si vous pouvez émettre nos "
               "factures en euros plutôt qu'en dollars. Merci d'avance, cordialement"_s
            << u"fr"_s << invoices;
        QTest::newRow("de: log retention")
            << u"Aufbewahrung der Logs"_s << u"Wie lange werden unsere Logs bei Ihnen aufbewahrt?"_s
            << u"de"_s << logs;
        QTest::newRow("ja: log export")
            << u"ログのエクスポート"_s << u"リクエストログをS3にエクスポートできますか？"_s
            << u"ja"_s << logs;
        QTest::newRow("pt: log export")
            << u"Exportar registros"_s
            << u"Dá para exportar os logs de requisições para um bucket S3?"_s << u"pt"_s << logs;
        QTest::newRow("en: nothing in the docs")
            << u"Office visit"_s << u"Do you have an office in Berlin we could visit?"_s << u"en"_s
            << QString();
    }
    void answeredFromTheDocs()
    {
        QFETCH(QString, subject);
        QFETCH(QString, body);
        QFETCH(QString, language);
        QFETCH(QString, page);
        const Ticket ticket = question(subject, body);
        DocsStub docs;
        const auto found = Reply::findQuestionDocs(ticket, docs, WorkLimits{});
        QVERIFY(found);
        if (page.isEmpty()) {
            QVERIFY(!*found);
            return;
        }
        QVERIFY2(*found, qPrintable(Reply::questionWords(ticket).join(u' ')));
        const QJsonArray items = (*found)->data.value(u"items"_s).toArray();
        QVERIFY(!items.isEmpty());
        QCOMPARE(items.first().toObject().value(u"ref"_s).toString(), page);

        // the reply: drafted from that page, citing it, in the ticket's language
        Investigation inv;
        inv.ticket = ticket;
        inv.playbook.reason = u"a plain question"_s;
        Evidence e = **found;
        e.id = u"ev1"_s;
        inv.evidence.append(e);
        const Reply::Composed c = Reply::compose(inv);
        QCOMPARE(c.category, u"question"_s);
        QCOMPARE(c.language, language);
        QVERIFY2(c.reply.contains(page.mid(5)), qPrintable(c.reply));
    }

    void foreignWordsBringOursAlong()
    {
        // the English words our docs use come first; the ticket's own words follow
        const QStringList words =
            Reply::questionWords(question(u"SSO im Scale-Tarif?"_s, u"Ist SSO enthalten?"_s));
        QVERIFY(words.contains(u"plan"_s));
        QVERIFY(words.contains(u"include"_s));
        QVERIFY(words.contains(u"sso"_s));
        QVERIFY(words.contains(u"scale"_s));
        QVERIFY(!words.contains(u"ist"_s));
        // Japanese: the Latin words are split from the kana they touch
        const QStringList ja =
            Reply::questionWords(question(QString(), u"ScaleプランにSSOは含まれますか？"_s));
        QVERIFY2(ja.contains(u"scale"_s) && ja.contains(u"sso"_s), qPrintable(ja.join(u' ')));
        QVERIFY(ja.contains(u"plan"_s));
    }
};

QTEST_GUILESS_MAIN(TestQuestionDocs)
#include "tst_questiondocs.moc"
