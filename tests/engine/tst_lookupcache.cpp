// The workspace lookup cache: a second investigation within the TTL does not repeat the
// organisations or billing-customer lookup, one after the TTL does, and two workspaces never
// share answers. Time is a test clock, never the wall clock.
#include "core/engine.h"
#include "core/engine/lookupcache.h"
#include "core/engine/playbooklibrary.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <atomic>

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

// Counts the calls per operation; answers a billing customer and its invoices.
class CountingStripe final : public Connector
{
public:
    std::atomic_int customerCalls{0};
    std::atomic_int invoiceCalls{0};

    QString system() const override { return u"stripe"_s; }
    QStringList operations() const override { return {u"customer"_s, u"invoices"_s}; }
    ConnectionCheck testConnection(const WorkLimits &) override { return {true, u"ok"_s}; }
    Result<OperationOutput> run(const OperationCall &call) override
    {
        OperationOutput out;
        Evidence e;
        e.kind = EvidenceKind::Table;
        e.title = call.stepId;
        e.source = u"stripe:test"_s;
        e.data = QJsonObject{{u"columns"_s, QJsonArray{u"n"_s}}, {u"rows"_s, QJsonArray{}}};
        out.evidence.append(e);
        if (call.operation == u"customer"_s) {
            ++customerCalls;
            out.outputs = QJsonObject{
                {u"customer_id"_s, QString(u"cus_"_s + call.args.value(u"org"_s).toString())}};
        } else {
            ++invoiceCalls;
            out.outputs = QJsonObject{{u"customer"_s, call.args.value(u"customer"_s)}};
        }
        return out;
    }
};

// A helpdesk whose organisations() calls are counted.
class CountingHelpdesk final : public HelpdeskConnector
{
public:
    std::atomic_int organisationCalls{0};

    QString system() const override { return u"helpdesk"_s; }
    QStringList operations() const override { return {}; }
    ConnectionCheck testConnection(const WorkLimits &) override { return {true, u"ok"_s}; }
    Result<OperationOutput> run(const OperationCall &) override
    {
        return fail(Error::Code::Unsupported, u"no operations"_s);
    }
    Result<QList<Ticket>> listTickets(const WorkLimits &) override { return QList<Ticket>{}; }
    Result<Ticket> ticket(const QString &, const WorkLimits &) override
    {
        return fail(Error::Code::NotFound, u"no tickets"_s);
    }
    Result<QList<Organisation>> organisations(const WorkLimits &) override
    {
        ++organisationCalls;
        return QList<Organisation>{Organisation{u"org_acme"_s, u"Acme"_s, {u"acme.dev"_s}, {}}};
    }
    Result<QString> addComment(const QString &, const QString &, bool, const QString &,
                               const WorkLimits &) override
    {
        return fail(Error::Code::Unsupported, u"read only"_s);
    }
};

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
    Ticket t;
    t.id = u"1901"_s;
    t.subject = u"Invoice higher than expected"_s;
    t.description = u"The invoice does not match."_s;
    t.orgId = orgId;
    t.requesterEmail = u"jun@acme.dev"_s;
    t.createdAt = Now.addSecs(-600);
    return t;
}

struct Workspace
{
    std::shared_ptr<CountingStripe> stripe = std::make_shared<CountingStripe>();
    std::shared_ptr<CountingHelpdesk> helpdesk = std::make_shared<CountingHelpdesk>();
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
        QCOMPARE(ws.helpdesk->organisationCalls.load(), 1);
        QCOMPARE(ws.stripe->customerCalls.load(), 1);
        QCOMPARE(ws.stripe->invoiceCalls.load(), 1);

        clock.advance(std::chrono::minutes(4));
        const Investigation second = investigate(ws, cache, u"acme-support"_s);
        QCOMPARE(customerOf(second), u"ok"_s);
        QCOMPARE(ws.helpdesk->organisationCalls.load(), 1); // from the cache
        QCOMPARE(ws.stripe->customerCalls.load(), 1);       // from the cache
        QCOMPARE(ws.stripe->invoiceCalls.load(), 2);        // not a lookup: asked again
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
        QCOMPARE(ws.helpdesk->organisationCalls.load(), 2);
        QCOMPARE(ws.stripe->customerCalls.load(), 2);
    }

    void workspacesNeverShare()
    {
        TestClock clock;
        auto cache = std::make_shared<LookupCache>(std::chrono::minutes(5), clock.clock());
        Workspace acme;
        Workspace other;
        investigate(acme, cache, u"acme-support"_s);
        investigate(other, cache, u"other-company"_s);
        QCOMPARE(other.helpdesk->organisationCalls.load(), 1);
        QCOMPARE(other.stripe->customerCalls.load(), 1);
        QCOMPARE(acme.helpdesk->organisationCalls.load(), 1);
    }

    void differentArgumentsAreDifferentLookups()
    {
        TestClock clock;
        auto cache = std::make_shared<LookupCache>(std::chrono::minutes(5), clock.clock());
        Workspace ws;
        investigate(ws, cache, u"acme-support"_s, ticket(u"org_acme"_s));
        const Investigation beta = investigate(ws, cache, u"acme-support"_s, ticket(u"org_beta"_s));
        QCOMPARE(ws.stripe->customerCalls.load(), 2);
        // A ticket that names its organisation needs no organisations lookup at all.
        QCOMPARE(ws.helpdesk->organisationCalls.load(), 0);
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
        QCOMPARE(ws.helpdesk->organisationCalls.load(), 2);
        QCOMPARE(ws.stripe->customerCalls.load(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLookupCache)
#include "tst_lookupcache.moc"
