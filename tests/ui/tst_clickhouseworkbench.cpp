// The workbench against a real ClickHouse.
// - The SQL behind evidence, end to end: the connector's evidence carries the query text, the
//   store keeps it, a reload brings it back, the evidence view shows it (monospace, plain
//   text, copyable) and the exports carry it. The password appears nowhere.
// - The connection wizard's column-mapping preview: five rows read on a worker through the
//   typed mapping, or the server's reason why not.

#include "../connectors/clickhousefixture.h"

#include "connectors/clickhouse/clickhouseconnector.h"
#include "connectors/connectorfactory.h"
#include "core/investigationjson.h"
#include "storage/sqlitestore.h"
#include "ui/connectionwizard.h"
#include "ui/exporter.h"
#include "ui/investigationview.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFontInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Casefile;
using namespace Casefile::Connectors;

class TestClickHouseWorkbench : public QObject
{
    Q_OBJECT

    Tests::ClickHouseFixture m_server;
    QTemporaryDir m_dir;

    void exec(const QString &sql)
    {
        auto r = m_server.exec(sql);
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message + r.error().detail));
        QVERIFY2(!r->contains("Code: "), r->constData());
    }

    std::unique_ptr<ClickHouseConnector> connector() const
    {
        ConnectionSettings s;
        s.system = u"clickhouse"_s;
        s.type = u"clickhouse"_s;
        s.url = m_server.url();
        s.account = u"default"_s;
        s.options = {{u"database"_s, u"casefile_test"_s}};
        return std::make_unique<ClickHouseConnector>(s, Tests::ClickHouseFixture::password());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        if (Tests::ClickHouseFixture::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed");
        auto started = m_server.start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        exec(u"CREATE DATABASE casefile_test"_s);
        exec(uR"(CREATE TABLE casefile_test.gateway_requests (ts DateTime, request_id String,
            trace_id String, org_id String, api_key_id String, config_id String, route String,
            provider String, model String, status UInt16, error_code String, latency_ms UInt32,
            provider_latency_ms UInt32, attempts UInt8, fallback_used UInt8, cache_status String,
            prompt_tokens UInt32, completion_tokens UInt32, cached_tokens UInt32, cost_usd Float64,
            sdk String, metadata String)
            ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (org_id, ts))"_s);
        // Two organisations, one with quotes in its id: a request every 30 s, every 5th a 503.
        for (const QString &org : {u"org_acme"_s, u"o'brien \"ltd\""_s}) {
            exec(uR"(INSERT INTO casefile_test.gateway_requests (ts, request_id, org_id, route,
                provider, model, status, error_code, latency_ms, provider_latency_ms) SELECT
                toDateTime('2026-11-20 09:00:00') + number * 30, toString(number), )"_s +
                 ClickHouseSql::quote(org) +
                 uR"(, '/v1/chat/completions', 'openai', 'gpt-4o', if(number % 5 = 0, 503, 200),
                if(number % 5 = 0, 'provider_overloaded', ''), 100 + number, 80 + number
                FROM system.numbers LIMIT 120)"_s);
        }
    }

    void queryTravelsFromConnectorToView_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("org");
        QTest::addColumn<int>("queries"); // the operation's statements
        QTest::newRow("latency series") << u"latency_series"_s << u"org_acme"_s << 1;
        QTest::newRow("error breakdown, quotes in the org")
            << u"error_breakdown"_s << u"o'brien \"ltd\""_s << 2;
    }

    void queryTravelsFromConnectorToView()
    {
        QFETCH(QString, operation);
        QFETCH(QString, org);
        QFETCH(int, queries);
        const QString password = Tests::ClickHouseFixture::password();

        // Connector → evidence.
        OperationCall call;
        call.stepId = u"s1"_s;
        call.operation = operation;
        call.args = {{u"org"_s, org},
                     {u"from"_s, u"2026-11-20T09:00:00Z"_s},
                     {u"to"_s, u"2026-11-20T10:00:00Z"_s}};
        call.limits.deadline = QDeadlineTimer(30s);
        auto out = connector()->run(call);
        QVERIFY2(out.has_value(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(out->evidence.size(), 1);
        Evidence evidence = out->evidence.first();
        const QString query = evidence.query;
        QCOMPARE(query.count(u"SELECT "_s), queries);
        QCOMPARE(query.count(u" FORMAT JSON"_s), queries);
        QVERIFY2(query.contains(u"FROM gateway_requests"_s), qPrintable(query));
        // The organisation as the literal ClickHouse read (a parameter or inline).
        QVERIFY2(query.contains(ClickHouseSql::quote(org)), qPrintable(query));
        QVERIFY(!query.contains(password));

        // → the store → a reload from a store opened anew.
        evidence.id = u"ev1"_s;
        evidence.stepId = call.stepId;
        Investigation inv;
        inv.ticket.id = u"1042"_s;
        inv.ticket.subject = u"Errors since this morning"_s;
        inv.ticket.orgId = org;
        inv.playbook = {u"api-errors"_s, u"ticket mentions errors"_s};
        inv.window = {QDateTime::fromString(u"2026-11-20T09:00:00Z"_s, Qt::ISODate),
                      QDateTime::fromString(u"2026-11-20T10:00:00Z"_s, Qt::ISODate)};
        inv.startedAt = inv.window.to;
        inv.steps.append({call.stepId,
                          u"clickhouse"_s,
                          operation,
                          operation,
                          StepStatus::Ok,
                          12,
                          QString(),
                          {evidence.id}});
        inv.evidence.append(evidence);
        const QString path = m_dir.filePath(operation + u".db"_s);
        QString id;
        {
            auto store = SqliteStore::open(path);
            QVERIFY2(store.has_value(), qPrintable(store ? QString() : store.error().message));
            auto saved = (*store)->saveInvestigation(inv);
            QVERIFY2(saved.has_value(), qPrintable(saved ? QString() : saved.error().message));
            id = *saved;
        }
        auto store = SqliteStore::open(path);
        QVERIFY(store.has_value());
        auto loaded = (*store)->loadInvestigation(id);
        QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(loaded->evidence.size(), 1);
        QCOMPARE(loaded->evidence.first().query, query);
        QFile db(path);
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY(!db.readAll().contains(password.toUtf8()));

        // → the evidence view: the query as plain monospace text, copied whole.
        InvestigationView view;
        view.resize(1200, 800);
        view.setInvestigation(*loaded);
        view.show();
        view.showPage(InvestigationView::Page::Evidence);
        QVERIFY(view.selectEvidence(u"ev1"_s));
        QCOMPARE(view.evidenceQuery(), query);
        QPlainTextEdit *shown = nullptr;
        for (auto *edit : view.findChildren<QPlainTextEdit *>()) {
            if (edit->accessibleName() == "Query or request"_L1)
                shown = edit;
        }
        QVERIFY(shown);
        QVERIFY(shown->isVisible());
        QVERIFY(shown->isReadOnly());
        QVERIFY(QFontInfo(shown->font()).fixedPitch());
        QVERIFY(shown->textInteractionFlags() & Qt::TextSelectableByKeyboard);
        QPushButton *copy = nullptr;
        for (auto *button : view.findChildren<QPushButton *>()) {
            if (button->text() == "Copy &query"_L1)
                copy = button;
        }
        QVERIFY(copy && copy->isEnabled());
        QGuiApplication::clipboard()->clear();
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), query);
        QVERIFY(view.evidenceJson().contains(u"\"query\""_s));

        // → the exports: the result document and the report.
        const QString json = m_dir.filePath(operation + u".json"_s);
        QVERIFY(exportInvestigation(*loaded, ExportFormat::Json, json).has_value());
        auto imported = importInvestigation(json);
        QVERIFY2(imported.has_value(), qPrintable(imported ? QString() : imported.error().message));
        QCOMPARE(imported->evidence.first().query, query);
        const QString markdown = investigationReportMarkdown(*loaded);
        QVERIFY2(markdown.contains(u"## Queries"_s), qPrintable(markdown));
        QVERIFY(markdown.contains(query));
        for (const QString &file : {json}) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(!f.readAll().contains(password.toUtf8()));
        }
        QVERIFY(!markdown.contains(password));
    }

    void wizardPreviewsTheMapping_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("field"); // mapped to `column`
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("says"); // in the status line
        const QString right = Tests::ClickHouseFixture::password();
        QTest::newRow("the canonical columns") << u"gateway_requests"_s << u"latency_ms"_s
                                               << u"latency_ms"_s << right << true << u"5 rows"_s;
        QTest::newRow("a column of another name")
            << u"gateway_requests"_s << u"latency_ms"_s << u"provider_latency_ms"_s << right << true
            << u"5 rows"_s;
        QTest::newRow("an expression") << u"gateway_requests"_s << u"latency_ms"_s
                                       << u"latency_ms * 2"_s << right << true << u"5 rows"_s;
        QTest::newRow("a column the table lacks")
            << u"gateway_requests"_s << u"latency_ms"_s << u"duration_ms"_s << right << false
            << u"duration_ms"_s;
        QTest::newRow("a table that does not exist")
            << u"no_such_requests"_s << u"latency_ms"_s << u"latency_ms"_s << right << false
            << u"no_such_requests"_s;
        QTest::newRow("a mapping that is not an expression")
            << u"gateway_requests"_s << u"latency_ms"_s << u"1; DROP TABLE gateway_requests"_s
            << right << false << u"latency_ms"_s;
        QTest::newRow("a wrong password")
            << u"gateway_requests"_s << u"latency_ms"_s << u"latency_ms"_s << u"wrong"_s << false
            << u"preview failed"_s;
    }

    void wizardPreviewsTheMapping()
    {
        QFETCH(QString, table);
        QFETCH(QString, field);
        QFETCH(QString, column);
        QFETCH(QString, password);
        QFETCH(bool, ok);
        QFETCH(QString, says);
        ConnectionWizard wizard;
        wizard.setPreviewFunction(&previewRequestLog);
        wizard.setWorkspace(u"acme"_s, m_dir.filePath(u"acme.json"_s));
        wizard.setSystemChosen(u"clickhouse"_s, true);
        wizard.setValue(u"clickhouse"_s, u"url"_s, m_server.url());
        wizard.setValue(u"clickhouse"_s, u"account"_s, u"default"_s);
        wizard.setValue(u"clickhouse"_s, u"secret"_s, password);
        wizard.setValue(u"clickhouse"_s, u"database"_s, u"casefile_test"_s);
        wizard.setValue(u"clickhouse"_s, u"gateway_requests"_s, table);
        wizard.setMapping(field, column);
        QVERIFY(wizard.previewRows());

        QSignalSpy finished(&wizard, &ConnectionWizard::previewFinished);
        wizard.runPreview();
        // The query runs on a worker: the wizard answers at once and says it is reading.
        QCOMPARE(finished.count(), 0);
        QCOMPARE(wizard.previewStatus(), u"Reading five rows…"_s);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), ok);
        QVERIFY2(wizard.previewStatus().contains(says), qPrintable(wizard.previewStatus()));
        QTableWidget *rows = wizard.previewRows();
        if (!ok) {
            QVERIFY(rows->isHidden());
            QCOMPARE(rows->rowCount(), 0);
            QVERIFY(!wizard.previewStatus().contains(password) || password == "wrong"_L1);
            return;
        }
        QCOMPARE(rows->rowCount(), 5);
        QCOMPARE(rows->columnCount(), 9);
        int org = -1;
        int mapped = -1;
        for (int c = 0; c < rows->columnCount(); ++c) {
            if (rows->horizontalHeaderItem(c)->text() == "org_id"_L1)
                org = c;
            if (rows->horizontalHeaderItem(c)->text() == field)
                mapped = c;
        }
        QVERIFY(org >= 0 && mapped >= 0);
        for (int r = 0; r < rows->rowCount(); ++r) {
            const QString id = rows->item(r, org)->text();
            QVERIFY2(id == "org_acme"_L1 || id == u"o'brien \"ltd\""_s, qPrintable(id));
            bool number = false;
            // The latencies are 100 ms and up, the provider's 80 ms and up.
            QVERIFY2(rows->item(r, mapped)->text().toInt(&number) >= 80 && number,
                     qPrintable(rows->item(r, mapped)->text()));
        }
    }
};

QTEST_MAIN(TestClickHouseWorkbench)
#include "tst_clickhouseworkbench.moc"
