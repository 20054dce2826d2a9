#include "core/engine/privacymask.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestPrivacyMask : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void masks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret"); // must not appear in the masked text
        QTest::newRow("email") << u"Hi, reach me at jun@acme.dev."_s << u"jun@acme.dev"_s;
        QTest::newRow("name") << u"Hello Jun Park, thanks"_s << u"Jun Park"_s;
        QTest::newRow("first name") << u"Hi Jun,"_s << u"Jun"_s;
        QTest::newRow("api key") << u"key sk-proj-abcdefghijklmnop123"_s
                                 << u"sk-proj-abcdefghijklmnop123"_s;
        QTest::newRow("bearer") << u"Authorization: Bearer eyJhbGciOi.abc.def"_s << u"eyJhbGciOi"_s;
        QTest::newRow("ipv4") << u"from 203.0.113.7 only"_s << u"203.0.113.7"_s;
        QTest::newRow("phone") << u"call +1 415 555 0100 today"_s << u"555 0100"_s;
        QTest::newRow("long token")
            << u"token a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8 leaked"_s << u"a1b2c3d4e5f6"_s;
    }

    void masks()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        PrivacyMask mask({u"Jun Park"_s});
        const QString masked = mask.mask(text);
        QVERIFY2(!masked.contains(secret), qPrintable(masked));
        QCOMPARE(mask.restore(masked), text);
    }

    void keepsFactsIntact()
    {
        PrivacyMask mask;
        const QString text =
            u"p95 rose from 340 ms to 1.2 s at 09:14 UTC on 2026-11-20 (deploy #447, /v1/analytics)"_s;
        QCOMPARE(mask.mask(text), text);
    }

    void samePlaceholderForSameValue()
    {
        PrivacyMask mask;
        const QString masked = mask.mask(u"a@x.io and b@y.io and a@x.io"_s);
        QCOMPARE(masked, u"[EMAIL_1] and [EMAIL_2] and [EMAIL_1]"_s);
    }
};

QTEST_GUILESS_MAIN(TestPrivacyMask)
#include "tst_privacymask.moc"
