#include "core/profile.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;

class TestProfile final : public QObject
{
    Q_OBJECT

private slots:
    void parsesSandboxProfile()
    {
        const QByteArray json = R"({"format":"casefile-profile/1","name":"demo","sandbox":true,
            "now":"2026-11-20T10:05:00Z",
            "connections":{
              "github":{"type":"github","url":"http:\/\/127.0.0.1:1","secret":{"inline":"t0k"},
                        "options":{"repo":"relay-ai/gateway"}},
              "linear":{"url":"http:\/\/127.0.0.1:2","secret":{"env":"CF_TEST_LINEAR"}},
              "stripe":{"url":"http:\/\/127.0.0.1:3","secret":{"keychain":"demo/stripe"}}}})"_ba;
        const auto profile = parseProfile(json, u"p.json"_s);
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        QVERIFY(profile->sandbox);
        QCOMPARE(profile->currentTime(),
                 QDateTime(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc()));
        QCOMPARE(profile->connections.size(), 3);
        const ConnectionSettings github = profile->connections.value(u"github"_s);
        QCOMPARE(github.secret.where, SecretRef::Where::Inline);
        QCOMPARE(github.options.value(u"repo"_s).toString(), u"relay-ai/gateway"_s);
        QCOMPARE(profile->connections.value(u"linear"_s).type, u"linear"_s);

        QCOMPARE(resolveSecretWithoutKeychain(github).value(), u"t0k"_s);
        qputenv("CF_TEST_LINEAR", "lin_api_x");
        QCOMPARE(resolveSecretWithoutKeychain(profile->connections.value(u"linear"_s)).value(),
                 u"lin_api_x"_s);
        qunsetenv("CF_TEST_LINEAR");
        const auto missingEnv =
            resolveSecretWithoutKeychain(profile->connections.value(u"linear"_s));
        QVERIFY(!missingEnv.has_value());
        QVERIFY(missingEnv.error().message.contains(u"CF_TEST_LINEAR"_s));
        const auto keychain = resolveSecretWithoutKeychain(profile->connections.value(u"stripe"_s));
        QVERIFY(!keychain.has_value());
        QCOMPARE(keychain.error().code, Error::Code::Keychain);

        // Writing it back and reading again gives the same profile.
        const QByteArray again = QJsonDocument(profileToJson(*profile)).toJson();
        const auto reparsed = parseProfile(again);
        QVERIFY(reparsed.has_value());
        QCOMPARE(reparsed->connections.value(u"github"_s).secret.value, u"t0k"_s);
    }

    void rejectsBadProfiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << "{"_ba << u"not valid JSON"_s;
        QTest::newRow("format") << R"({"format":"x"})"_ba << u"$.format"_s;
        QTest::newRow("inline secret outside sandbox")
            << R"({"format":"casefile-profile/1","connections":{"github":{"url":"https:\/\/api.github.com","secret":{"inline":"ghp_real"}}}})"_ba
            << u"only allowed in sandbox profiles"_s;
        QTest::newRow("unknown system")
            << R"({"format":"casefile-profile/1","connections":{"myspace":{"url":"x"}}})"_ba
            << u"$.connections.myspace: unknown system"_s;
        QTest::newRow("no url")
            << R"({"format":"casefile-profile/1","connections":{"github":{}}})"_ba
            << u"url is missing"_s;
        QTest::newRow("bad secret shape")
            << R"({"format":"casefile-profile/1","connections":{"github":{"url":"x","secret":"plain"}}})"_ba
            << u"\"secret\" must be"_s;
        QTest::newRow("sandbox profile pointing at a real host")
            << R"({"format":"casefile-profile/1","sandbox":true,"connections":{"github":{"url":"https:\/\/api.github.com","secret":{"inline":"ghp_real"}}}})"_ba
            << u"a sandbox profile only talks to this machine"_s;
        QTest::newRow("sandbox fallback on a real host")
            << R"({"format":"casefile-profile/1","sandbox":true,"connections":{"llm":{"type":"openai","url":"http:\/\/127.0.0.1:9\/v1","options":{"model":"m","fallback":[{"url":"https:\/\/api.openai.com\/v1"}]}}}})"_ba
            << u"fallback[0].url: a sandbox profile only talks to this machine"_s;
        QTest::newRow("llm without model")
            << R"({"format":"casefile-profile/1","connections":{"llm":{"type":"openai","url":"https:\/\/api.openai.com\/v1"}}})"_ba
            << u"options.model is missing"_s;
        QTest::newRow("fallback with an inline secret outside sandbox")
            << R"({"format":"casefile-profile/1","connections":{"llm":{"type":"openai","url":"https:\/\/api.openai.com\/v1","options":{"model":"m","fallback":[{"url":"https:\/\/x.example\/v1","secret":{"inline":"ghp_real"}}]}}}})"_ba
            << u"only allowed in sandbox profiles"_s;
    }

    void fallbackSecretsAreTheirOwn()
    {
        const auto profile = parseProfile(
            R"({"format":"casefile-profile/1","connections":{"llm":{"type":"openai","url":"https:\/\/api.openai.com/v1",
               "secret":{"env":"PRIMARY"},"options":{"model":"gpt-4o-mini","fallback":[
               {"url":"https:\/\/backup.example/v1","secret":{"keychain":"llm-backup"}},{"url":"https:\/\/api.openai.com/v1"}]}}}})"_ba);
        QVERIFY2(profile.has_value(), qPrintable(profile ? QString() : profile.error().message));
        const QList<SecretRef> refs = fallbackSecrets(profile->connections.value(u"llm"_s));
        QCOMPARE(refs.size(), 2);
        QCOMPARE(refs.at(0).where, SecretRef::Where::Keychain);
        QCOMPARE(refs.at(0).name, u"llm-backup"_s);
        QCOMPARE(refs.at(1).where, SecretRef::Where::None);
        // Loopback sandbox URLs are fine.
        QVERIFY(
            parseProfile(
                R"({"format":"casefile-profile/1","sandbox":true,"connections":{"github":{"url":"http:\/\/localhost:8080"},"docs":{"url":"http:\/\/[::1]:9"},"jira":{"url":"http:\/\/127.0.0.2:1"}}})"_ba)
                .has_value());
    }

    void rejectsBadProfiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto profile = parseProfile(json, u"p.json"_s);
        QVERIFY(!profile.has_value());
        QVERIFY2(profile.error().message.contains(expected), qPrintable(profile.error().message));
        // The inline secret of a rejected profile is never echoed back.
        QVERIFY(!profile.error().message.contains(u"ghp_real"_s));
    }

    void nonSandboxProfileNeverWritesInlineSecrets()
    {
        WorkspaceProfile p;
        p.name = u"prod"_s;
        ConnectionSettings c;
        c.system = u"github"_s;
        c.url = u"https://api.github.com"_s;
        c.secret = {SecretRef::Where::Inline, {}, u"ghp_secret"_s};
        p.connections.insert(c.system, c);
        const QByteArray out = QJsonDocument(profileToJson(p)).toJson();
        QVERIFY(!out.contains("ghp_secret"));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
