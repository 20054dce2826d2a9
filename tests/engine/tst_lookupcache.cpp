// The workspace lookup cache: a second investigation within the TTL does not repeat the
// organisations or billing-customer lookup, one after the TTL does, and two workspaces never
// share answers. Time is a test clock, never the wall clock.
#include "core/engine.h"
#include "core/engine/lookupcache.h"
#include "core/engine/playbooklibrary.h"
#include "fakeconnector.h"
#include "fakehelpdesk.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Casefile;

namespace {

const QDateTime Now(QDate(2026, 11, 20), QTime(10, 5), QTimeZone::utc());

// A test clock the cache reads; moved by hand.
struct TestClock
{
    std::shared_ptr<QDateTime> at = std::make_shared<QDateTime>(Now);
    LookupCache::Clock clock() const
    {
        return [at = at] {
            return *at;
        };
    }
    void advance(std::chrono::milliseconds by) { *at = at->addMSecs(by.count()); }
};

// A billing system that answers a customer (its id from the org) and its invoices.
std::shared_ptr<TestData::FakeConnector> stripe()
{
    return std::make_shared<TestData::FakeConnector>(
        u"stripe"_s, QStringList{u"customer"_s, u"invoices"_s}, [](const OperationCall &call) {
            if (call.operation == u"customer"_s)
                return QJsonObject{
                    {u"customer_id"_s, QString(u"cus_"_s + call.args.value(u"org"_s).toString())}};
            return QJsonObject{{u"customer"_s, call.args.value(u"customer"_s)}};
        });
}

// A helpdesk that knows one organisation and counts how often it is asked.
std::shared_ptr<TestData::FakeHelpdesk> helpdesk()
{
    return std::make_shared<TestData::FakeHelpdesk>(
        QList<Ticket>{},
        QList<Organisation>{Organisation{u"org_acme"_s, u"Acme"_s, {u"acme.dev"_s}, {}}});
}

std::shared_ptr<PlaybookLibrary> billingLibrary()
{
    auto lib = std::make_shared<PlaybookLibrary>();
    const QByteArray text = R"({"format": "casefile-playbook/1", "name": "billing",
        "signals": {"keywords": ["invoice"]}, "parameters": {"needs": ["org"]},
        "steps": [
          {"id": "customer", "connector": "stripe", "operation": "customer",
           "args": {"org": "{{org}}"}},
          {"id": "invoices", "connector": "stripe", "operation": "invoices",
           "args": {"customer": "{{steps.customer.customer_id}}", "from": "{{window.from}}",
                    "to": "{{window.to}}"},
           "depends_on": ["customer"]}
        ], "analyzers": []})";
    const auto diags = lib->addPlaybook(text, u"billing.json"_s);
    for (const auto &d : diags)
        qWarning().noquote() << d.toString();
    return lib;
}

Ticket ticket(const QString &orgId = {})
{
    Ticket t = TestData::ticketSaying(u"Invoice higher than expected"_s,
                                      u"The invoice does not match."_s, u"1901"_s);
    t.orgId = orgId;
    t.requesterEmail = u"jun@acme.dev"_s;
    t.createdAt = Now.addSecs(-600);
    return t;
}

struct Workspace
{
    std::shared_ptr<TestData::FakeConnector> stripe = ::stripe();
    std::shared_ptr<TestData::FakeHelpdesk> helpdesk = ::helpdesk();
    std::shared_ptr<ConnectorSet> set = [this] {
        auto s = std::make_shared<ConnectorSet>();
        s->add(stripe);
        s->add(helpdesk);
        return s;
    }();
};

Investigation investigate(const Workspace &ws, const std::shared_ptr<LookupCache> &cache,
                          const QString &workspace, const Ticket &t = ticket())
{
    InvestigationRun run(ws.set, billingLibrary(), Now);
    InvestigationRun::Options options;
    options.playbook = u"billing"_s;
    options.lookups = cache;
    options.workspace = workspace;
    QSignalSpy finished(&run, &InvestigationRun::finished);
    run.start(t, options);
    if (!finished.wait(30000))
        return {};
    return finished.first().first().value<Investigation>();
}

QString customerOf(const Investigation &inv)
{
    for (const StepRecord &s : inv.steps) {
        if (s.id == u"customer"_s)
            return stepStatusName(s.status);
    }
    return {};
}

} // namespace

class TestLookupCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<Investigation>();
        qRegisterMetaType<StepRecord>();
        qRegisterMetaType<Evidence>();
    }

    void entriesExpireAfterTheTtl()
    {
        TestClock clock;
        LookupCache cache(std::chrono::minutes(5), clock.clock());
        cache.store(u"ws"_s, u"k"_s, QString(u"v"_s));
        QCOMPARE(cache.find<QString>(u"ws"_s, u"k"_s), QString(u"v"_s));
        clock.advance(std::chrono::minutes(4));
        QCOMPARE(cache.find<QString>(u"ws"_s, u"k"_s), QString(u"v"_s));
        clock.advance(std::chrono::minutes(1));
        QCOMPARE(cache.find<QString>(u"ws"_s, u"k"_s), std::nullopt);
    }

    void workspacesAndTypesAreKeptApart()
    {
        TestClock clock;
        LookupCache cache(std::chrono::minutes(5), clock.clock());
        cache.store(u"a|b"_s, u"c"_s, QString(u"1"_s));
        QCOMPARE(cache.find<QString>(u"a"_s, u"b|c"_s), std::nullopt);
        QCOMPARE(cache.find<QString>(u"other"_s, u"c"_s), std::nullopt);
        QCOMPARE(cache.find<int>(u"a|b"_s, u"c"_s), std::nullopt); // stored as a string
        QCOMPARE(cache.find<QString>(u"a|b"_s, u"c"_s), QString(u"1"_s));
    }

    void secondInvestigationWithinTheTtlSkipsTheLookups()
    {
        TestClock clock;
        auto cache = std::make_shared<LookupCache>(std::chrono::minutes(5), clock.clock());
        Workspace ws;
        const Investigation first = investigate(ws, cache, u"acme-support"_s);
        QCOMPARE(customerOf(first), u"ok"_s);
        QCOMPARE(ws.helpdesk->organisationCalls(), 1);
        QCOMPARE(ws.stripe->calls(u"customer"_s), 1);
        QCOMPARE(ws.stripe->calls(u"invoices"_s), 1);

        clock.advance(std::chrono::minutes(4));
        const Investigation second = investigate(ws, cache, u"acme-support"_s);
        QCOMPARE(customerOf(second), u"ok"_s);
        QCOMPARE(ws.helpdesk->organisationCalls(), 1); // from the cache
        QCOMPARE(ws.stripe->calls(u"customer"_s), 1);  // from the cache
        QCOMPARE(ws.stripe->calls(u"invoices"_s), 2);  // not a lookup: asked again
        // The cached customer still feeds the step that depends on it, with its evidence.
        QCOMPARE(second.evidence.size(), first.evidence.size());
    }

    void afterTheTtlTheLookupsAreRepeated()
    {
        TestClock clock;
        auto cache = std::make_shared<LookupCache>(std::chrono::minutes(5), clock.clock());
        Workspace ws;
        investigate(ws, cache, u"acme-support"_s);
        clock.advance(std::chrono::minutes(5) + std::chrono::seconds(1));
        const Investigation again = investigate(ws, cache, u"acme-support"_s);
        QCOMPARE(customerOf(again), u"ok"_s);
        QCOMPARE(ws.helpdesk->organisationCalls(), 2);
        QCOMPARE(ws.stripe->calls(u"customer"_s), 2);
    }

    void workspacesNeverShare()
    {
        TestClock clock;
        auto cache = std::make_shared<LookupCache>(std::chrono::minutes(5), clock.clock());
        Workspace acme;
        Workspace other;
        investigate(acme, cache, u"acme-support"_s);
        investigate(other, cache, u"other-company"_s);
        QCOMPARE(other.helpdesk->organisationCalls(), 1);
        QCOMPARE(other.stripe->calls(u"customer"_s), 1);
        QCOMPARE(acme.helpdesk->organisationCalls(), 1);
    }

    void differentArgumentsAreDifferentLookups()
    {
        TestClock clock;
        auto cache = std::make_shared<LookupCache>(std::chrono::minutes(5), clock.clock());
        Workspace ws;
        investigate(ws, cache, u"acme-support"_s, ticket(u"org_acme"_s));
        const Investigation beta = investigate(ws, cache, u"acme-support"_s, ticket(u"org_beta"_s));
        QCOMPARE(ws.stripe->calls(u"customer"_s), 2);
        // A ticket that names its organisation needs no organisations lookup at all.
        QCOMPARE(ws.helpdesk->organisationCalls(), 0);
        bool sawBeta = false;
        for (const Evidence &e : beta.evidence)
            sawBeta = sawBeta || e.title == u"invoices"_s;
        QVERIFY(sawBeta);
    }

    void withoutACacheEveryRunAsks()
    {
        Workspace ws;
        investigate(ws, nullptr, u"acme-support"_s);
        investigate(ws, nullptr, u"acme-support"_s);
        QCOMPARE(ws.helpdesk->organisationCalls(), 2);
        QCOMPARE(ws.stripe->calls(u"customer"_s), 2);
    }
};

QTEST_GUILESS_MAIN(TestLookupCache)
#include "tst_lookupcache.moc"
