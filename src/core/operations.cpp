#include "core/operations.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Casefile::Operations {

namespace {

Argument required(const QString &name, ArgumentType type, const QString &note = {})
{
    return {name, type, true, note, {}};
}

Argument optional(const QString &name, ArgumentType type, const QString &note = {})
{
    return {name, type, false, note, {}};
}

Argument choice(const QString &name, const QStringList &choices, const QString &note = {})
{
    return {name, ArgumentType::Choice, false, note, choices};
}

QList<Argument> window()
{
    return {required(u"from"_s, ArgumentType::Time, u"inclusive"_s),
            required(u"to"_s, ArgumentType::Time, u"exclusive"_s)};
}

// ClickHouse: every query takes the window, the org and the gateway filters.
QList<Argument> gatewayQuery(const QList<Argument> &more = {})
{
    QList<Argument> args = window();
    args << optional(u"org"_s, ArgumentType::Text, u"\"\" or absent: all orgs"_s) << more;
    return args;
}

QList<Operation> clickhouse()
{
    const QString c = u"clickhouse"_s;
    const Argument bucket =
        optional(u"bucket_s"_s, ArgumentType::Integer, u"default: chosen so ≤ 1500 points"_s);
    const Argument groupBy =
        choice(u"group_by"_s,
               {u""_s, u"route"_s, u"provider"_s, u"model"_s, u"org"_s, u"sdk"_s, u"config_id"_s},
               u"default \"\": one series"_s);
    const Argument keepOrg =
        optional(u"keep_org"_s, ArgumentType::Text,
                 u"with group_by org: the ticket's org, always in the answer, first"_s);
    const Argument component = choice(
        u"component"_s, {u"total"_s, u"provider"_s, u"gateway"_s, u"first_token"_s},
        u"total = latency_ms, default; provider = provider_latency_ms; gateway = latency_ms − "
        u"provider_latency_ms; first_token = ttft_ms of the streamed requests (an optional log "
        u"field: without it, an empty series marked `absent`)"_s);
    const QStringList series = {u"t"_s, u"n"_s, u"errors"_s};
    // what the onset of a change is read to the minute on, without asking again
    const QString minutesNote =
        u"(`minutes`: the same series in one-minute buckets, sent with it, when its own buckets "
        u"are wider, for one org over at most 50 h)"_s;
    return {
        {c,
         u"traffic_overview"_s,
         gatewayQuery(),
         EvidenceKind::Table,
         {u"route"_s, u"provider"_s, u"model"_s, u"config_id"_s, u"sdk"_s, u"n"_s, u"errors"_s,
          u"p50"_s, u"p95"_s},
         {},
         {u"config_ids[]"_s, u"providers[]"_s, u"models[]"_s, u"routes[]"_s, u"sdks[]"_s,
          u"requests"_s},
         {}},
        {c,
         u"latency_series"_s,
         gatewayQuery({bucket, groupBy, keepOrg, component}),
         EvidenceKind::TimeSeries,
         series + QStringList{u"p50"_s, u"p95"_s, u"p99"_s},
         {},
         {u"bucket_s"_s, u"minutes"_s},
         minutesNote},
        {c,
         u"error_breakdown"_s,
         gatewayQuery(),
         EvidenceKind::Table,
         {u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s, u"n"_s, u"first"_s, u"last"_s},
         u"(errors only: status ≥ 400) plus `total_requests` field in data"_s,
         {u"error_requests"_s, u"total_requests"_s, u"error_codes[]"_s},
         {}},
        {c,
         u"error_series"_s,
         gatewayQuery({bucket, groupBy, keepOrg}),
         EvidenceKind::TimeSeries,
         series,
         {},
         {u"minutes"_s},
         minutesNote},
        {c,
         u"fallback_stats"_s,
         gatewayQuery(),
         EvidenceKind::Table,
         {u"config_id"_s, u"provider"_s, u"model"_s, u"status"_s, u"error_code"_s,
          u"fallback_used"_s, u"attempts"_s, u"n"_s, u"avg_latency_ms"_s, u"p95_latency_ms"_s,
          u"max_latency_ms"_s, u"first"_s},
         {},
         {},
         {}},
        {c,
         u"token_usage"_s,
         gatewayQuery(
             {choice(u"group_by"_s, {u""_s, u"provider"_s, u"model"_s, u"config_id"_s, u"route"_s},
                     u"default \"\": one row a day"_s),
              choice(u"bucket"_s, {u"day"_s, u"hour"_s}, u"default day"_s)}),
         EvidenceKind::Table,
         {u"day"_s, u"requests"_s, u"prompt_tokens"_s, u"completion_tokens"_s, u"cached_tokens"_s,
          u"cost_usd"_s, u"group"_s, u"first"_s, u"last"_s, u"hour"_s},
         u"(day = `YYYY-MM-DD`; group = the row's provider, model, config or route with "
         u"group_by, else \"\"; first, last: the row's first and last request; hour = the row's "
         u"hour as `YYYY-MM-DDTHH:00:00Z` with bucket hour, else \"\")"_s,
         {u"prompt_tokens"_s, u"completion_tokens"_s, u"cached_tokens"_s},
         u"(totals)"_s},
        {c,
         u"metadata_by_sdk"_s,
         gatewayQuery(),
         EvidenceKind::Table,
         {u"sdk"_s, u"n"_s, u"with_metadata"_s, u"first"_s, u"last"_s, u"last_with"_s},
         u"(with_metadata: metadata ≠ `{}`; last_with: the last request carrying metadata, "
         u"null when none did)"_s,
         {},
         {}},
        {c,
         u"metadata_by_group"_s,
         gatewayQuery(),
         EvidenceKind::Table,
         {u"route"_s, u"config_id"_s, u"sdk"_s, u"t"_s, u"n"_s, u"with_metadata"_s,
          u"first_without"_s},
         u"(one row per route, config, SDK and bucket `t`, at most 240 buckets per group; "
         u"first_without: the bucket's first request carrying no metadata, null when every one "
         u"did; with more groups than 20,000 rows hold at that width, the buckets widen until "
         u"every group fits, and the title says so, as it says when the row limit cut groups "
         u"off)"_s,
         {},
         {}},
        {c,
         u"metadata_keys"_s,
         gatewayQuery(),
         EvidenceKind::Table,
         {u"key"_s, u"n"_s, u"first"_s, u"last"_s},
         u"(one row per top-level key of the metadata objects, most requests first, at most 200; "
         u"n: the requests carrying the key)"_s,
         {u"keys[]"_s},
         {}},
        {c,
         u"org_comparison"_s,
         window() << optional(u"org"_s, ArgumentType::Text,
                              u"the ticket's org: always in the table, first"_s)
                  << optional(u"route"_s, ArgumentType::Text)
                  << optional(u"provider"_s, ArgumentType::Text)
                  << optional(u"model"_s, ArgumentType::Text),
         EvidenceKind::Table,
         {u"org"_s, u"n"_s, u"errors"_s, u"p50"_s, u"p95"_s},
         u"(p50, p95 approximate; n, errors estimated from a sample when the table has a "
         u"sampling key, the ticket's org exact: said in the `approximate` field in data)"_s,
         {},
         {}},
        {c,
         u"webhook_breakdown"_s,
         window() << optional(u"org"_s, ArgumentType::Text, u"\"\" or absent: all orgs"_s),
         EvidenceKind::Table,
         {u"endpoint"_s, u"event"_s, u"status"_s, u"error"_s, u"n"_s, u"first"_s, u"last"_s},
         {},
         {u"endpoints[]"_s, u"failures[]"_s},
         {}},
        {c,
         u"webhook_series"_s,
         window() << optional(u"org"_s, ArgumentType::Text, u"\"\" or absent: all orgs"_s)
                  << bucket,
         EvidenceKind::TimeSeries,
         series,
         u"(errors: any answer but 2xx, status 0 when none came), grouped by `endpoint`"_s,
         {u"minutes"_s},
         minutesNote},
    };
}

QList<Operation> helpdesk()
{
    return {{u"helpdesk"_s,
             u"organisations"_s,
             {},
             EvidenceKind::Table,
             {u"id"_s, u"name"_s, u"external_id"_s, u"domains"_s},
             {},
             {u"orgs"_s},
             u"(array of objects `{id, name, domains[]}` keyed by external id)"_s}};
}

QList<Operation> github()
{
    return {
        {u"github"_s,
         u"deployments"_s,
         window() << optional(u"environment"_s, ArgumentType::Text, u"default production"_s)
                  << optional(u"repo"_s, ArgumentType::Text, u"owner/name"_s),
         EvidenceKind::Events,
         {},
         u"`type: deploy`, `ref: github:deployment:<id>`, `title` (description), `sha`, "
         u"`environment`, `creator`, `state` (latest status), `finished` (time of latest "
         u"status), `files[]` (filenames of the deployed commit), `message` (commit message), "
         u"`pulls[]` (`{number, title, ref: github:pull:<n>}`)"_s,
         {u"deployment_ids[]"_s},
         {}},
        {u"github"_s,
         u"releases"_s,
         window() << optional(u"repo"_s, ArgumentType::Text, u"owner/name"_s)
                  << optional(u"lookback_days"_s, ArgumentType::Integer,
                              u"releases up to this many days before `from` too (0-366, default "
                              u"0)"_s),
         EvidenceKind::Events,
         {},
         u"`type: release`, `ref: github:release:<tag>`, `title` (name or tag), `tag`, `body`, "
         u"`repo`, `before_window` (true for a release of the lookback days)"_s,
         {},
         {}},
    };
}

Operation searchIssues(const QString &connector)
{
    return {connector,
            u"search_issues"_s,
            {required(u"terms"_s, ArgumentType::TextList, u"words or phrases, OR-ed"_s),
             optional(u"limit"_s, ArgumentType::Integer, u"default 25"_s)},
            EvidenceKind::Events,
            {},
            u"`type: issue`, `ref: linear:issue:GW-198` / `jira:issue:OPS-12`, `title`, "
            u"`description` (plain text, ≤ 2000 chars), `state`, `state_type` (Linear type, or "
            u"Jira status category key), `labels[]`, `time` (createdAt), `updated`, `url`"_s,
            {u"count"_s},
            {}};
}

QList<Operation> stripe()
{
    const Argument customer = required(u"customer"_s, ArgumentType::Text, u"a customer id"_s);
    return {
        {u"stripe"_s,
         u"customer"_s,
         {required(u"org"_s, ArgumentType::Text), optional(u"email_domain"_s, ArgumentType::Text)},
         EvidenceKind::Table,
         {u"id"_s, u"email"_s, u"name"_s, u"org_id"_s, u"matched_by"_s},
         u"— the row for the customer whose metadata key (connection option "
         u"`customer_metadata_key`, default `org_id`) = org (customer search "
         u"`metadata['<key>']:'…'`), falling back to list + email domain; `matched_by` is "
         u"`metadata` or `email domain`"_s,
         {u"customer_id"_s, u"ref"_s},
         {}},
        {u"stripe"_s,
         u"invoices"_s,
         QList<Argument>{customer} << window(),
         EvidenceKind::Table,
         {u"id"_s, u"status"_s, u"period_start"_s, u"period_end"_s, u"amount_due"_s, u"currency"_s,
          u"metered_quantity"_s, u"lines"_s},
         u"with each line `{id, description, quantity, amount, period_start, period_end, meter, "
         u"metered, price, price_nickname, lookup_key}`; "
         u"rows carry `ref: stripe:invoice:<id>` in a parallel array `refs`"_s,
         {u"invoice_ids[]"_s},
         {}},
        {u"stripe"_s,
         u"meter_summaries"_s,
         QList<Argument>{customer}
             << optional(u"meter"_s, ArgumentType::Text,
                         u"event name or id, or `*` for every active meter (up to 8, one series "
                         u"each); default connection option `meter`"_s)
             << window() << choice(u"window"_s, {u"day"_s, u"hour"_s}, u"default day"_s),
         EvidenceKind::TimeSeries,
         {u"t"_s, u"value"_s},
         u"labelled `meter` (as asked) and `meter_id`"_s,
         {u"total"_s},
         {}},
    };
}

QList<Operation> statuspage()
{
    const Argument providers = optional(u"providers"_s, ArgumentType::TextList, u"page names"_s);
    return {
        {u"statuspage"_s,
         u"incidents"_s,
         window() << providers,
         EvidenceKind::Events,
         {},
         u"`type: incident`, `ref: statuspage:<page>:incident:<id>`, `page`, `title` (name), "
         u"`impact`, `status`, `time` (started_at or created_at), `end` (resolved_at), "
         u"`components[]`, `updates[]` (`{time, status, body}`); only incidents overlapping the "
         u"window"_s,
         {u"incident_refs[]"_s},
         {}},
        {u"statuspage"_s,
         u"summary"_s,
         {providers},
         EvidenceKind::Table,
         {u"page"_s, u"indicator"_s, u"description"_s, u"degraded_components"_s},
         {},
         {},
         {}},
    };
}

QList<Operation> others()
{
    return {
        {u"pagerduty"_s,
         u"incidents"_s,
         window(),
         EvidenceKind::Events,
         {},
         u"`type: pagerduty`, `ref: pagerduty:incident:<id>`, `title`, `service`, `urgency`, "
         u"`status`, `time` (created_at), `end` (resolved_at)"_s,
         {},
         {}},
        {u"docs"_s,
         u"search"_s,
         {required(u"terms"_s, ArgumentType::TextList),
          optional(u"limit"_s, ArgumentType::Integer, u"default 5"_s)},
         EvidenceKind::Text,
         {},
         u"items `{ref: docs:<path>, title, text}` (text = the page, ≤ 4000 chars)"_s,
         {},
         {}},
        {u"docs"_s,
         u"fetch"_s,
         {required(u"path"_s, ArgumentType::Text)},
         EvidenceKind::Text,
         {},
         u"one item"_s,
         {},
         {}},
        {u"gateway"_s,
         u"config"_s,
         {optional(u"config_id"_s, ArgumentType::TextList),
          optional(u"config_ids"_s, ArgumentType::TextList, u"either or both"_s)},
         EvidenceKind::Config,
         {},
         u"one per id"_s,
         {u"settings[]"_s},
         u"(`settings`: the names and text values the configs' targets set besides the model, "
         u"e.g. `service_tier`, `flex`, and the hooks the configs fill, e.g. "
         u"`before_request_hooks`)"_s},
        {u"llm"_s,
         u"chat"_s,
         {required(u"prompt"_s, ArgumentType::Text), optional(u"system"_s, ArgumentType::Text),
          optional(u"max_tokens"_s, ArgumentType::Integer, u"default 800"_s)},
         std::nullopt,
         {},
         {},
         {u"text"_s, u"model"_s, u"target"_s},
         u"(`target`: which target of the fallback chain answered)"_s},
    };
}

QList<Operation> buildTable()
{
    return clickhouse() << helpdesk() << github() << searchIssues(u"linear"_s)
                        << searchIssues(u"jira"_s) << stripe() << statuspage() << others();
}

bool hasTemplate(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().contains(u"{{"_s);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue &item) { return hasTemplate(item); });
    }
    return false;
}

QString code(const QString &text)
{
    return u'`' + text + u'`';
}

QString argumentsCell(const Operation &op)
{
    QStringList parts;
    for (const Argument &a : op.arguments) {
        QString part = a.name + (a.required ? QString() : u"?"_s);
        QStringList notes;
        if (a.type == ArgumentType::Choice) {
            QStringList quoted;
            for (const QString &c : a.choices)
                quoted << code(c.isEmpty() ? u"\"\""_s : c);
            notes << u"one of "_s + quoted.join(u", "_s);
        }
        if (!a.note.isEmpty())
            notes << a.note;
        if (!notes.isEmpty())
            part += u" ("_s + notes.join(u"; "_s) + u')';
        parts << part;
    }
    return parts.isEmpty() ? u"—"_s : parts.join(u", "_s);
}

QString evidenceCell(const Operation &op)
{
    if (!op.evidence)
        return u"none"_s;
    QString cell = evidenceKindName(*op.evidence);
    if (!op.columns.isEmpty())
        cell += u" columns "_s + code(op.columns.join(u", "_s));
    if (!op.evidenceNote.isEmpty())
        cell += u' ' + op.evidenceNote;
    return cell;
}

QString outputsCell(const Operation &op)
{
    QStringList quoted;
    for (const QString &o : op.outputs)
        quoted << code(o);
    QString cell = quoted.join(u", "_s);
    if (!op.outputsNote.isEmpty())
        cell += u' ' + op.outputsNote;
    return cell;
}

} // namespace

const Argument *Operation::argument(const QString &argumentName) const
{
    for (const Argument &a : arguments) {
        if (a.name == argumentName)
            return &a;
    }
    return nullptr;
}

const QList<Operation> &all()
{
    static const QList<Operation> table = buildTable();
    return table;
}

QStringList connectors()
{
    QStringList out;
    for (const Operation &op : all()) {
        if (!out.contains(op.connector))
            out << op.connector;
    }
    return out;
}

QStringList names(const QString &connector)
{
    QStringList out;
    for (const Operation &op : all()) {
        if (op.connector == connector)
            out << op.name;
    }
    return out;
}

const Operation *find(const QString &connector, const QString &name)
{
    for (const Operation &op : all()) {
        if (op.connector == connector && op.name == name)
            return &op;
    }
    return nullptr;
}

QStringList columns(const QString &connector, const QString &name)
{
    const Operation *op = find(connector, name);
    return op ? op->columns : QStringList();
}

std::optional<QString> checkValue(const Argument &argument, const QJsonValue &value)
{
    if (hasTemplate(value) || value.isUndefined() || value.isNull())
        return std::nullopt;
    switch (argument.type) {
    case ArgumentType::Text:
        if (value.isString() || value.isDouble())
            return std::nullopt;
        return u"must be text"_s;
    case ArgumentType::Time:
        if (value.isString())
            return std::nullopt;
        return u"must be an ISO-8601 time"_s;
    case ArgumentType::Integer: {
        bool ok = value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
        if (value.isString())
            value.toString().toInt(&ok);
        if (ok)
            return std::nullopt;
        return u"must be a whole number"_s;
    }
    case ArgumentType::TextList: {
        if (value.isString() || value.isDouble())
            return std::nullopt;
        if (value.isArray()) {
            const QJsonArray items = value.toArray();
            if (std::all_of(items.begin(), items.end(), [](const QJsonValue &item) {
                    return item.isString() || item.isDouble();
                }))
                return std::nullopt;
        }
        return u"must be text or an array of text"_s;
    }
    case ArgumentType::Choice:
        if (value.isString() && argument.choices.contains(value.toString()))
            return std::nullopt;
        return u"must be one of %1"_s.arg(argument.choices.join(u", "_s));
    }
    return std::nullopt;
}

QString markdownTable(const QString &connector)
{
    QString out = u"| operation | args | evidence | outputs |\n|---|---|---|---|\n"_s;
    for (const Operation &op : all()) {
        if (op.connector != connector)
            continue;
        out += u"| "_s + code(op.name) + u" | "_s + argumentsCell(op) + u" | "_s +
               evidenceCell(op) + u" | "_s + outputsCell(op) + u" |\n"_s;
    }
    return out;
}

} // namespace Casefile::Operations
