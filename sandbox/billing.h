#pragma once

#include "sandbox/generator.h"
#include "sandbox/scenario.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace Casefile::Sandbox {

// Metered usage of an org in [from, to), as the scenario's `billing` block derives it from the
// generated logs: the sum of the `counts` fields of the org's rows, cached tokens excluded,
// billed in full or at `cached_discount`, and the `faults` (double_count, dropped) applied to
// the rows in their windows. This is what the Stripe fake reports as invoice line quantities
// and meter event summaries, so a scenario can make the invoice disagree with the logs.
// With several `meters`, `meter` names one by its event name ('': the first).
using BillingFunction = std::function<qint64(const QString &org, const QDateTime &from,
                                             const QDateTime &to, const QString &meter)>;

qint64 meteredQuantity(const Scenario &scenario, const GeneratedLogs &logs, const QString &org,
                       const QDateTime &from, const QDateTime &to, const QString &meter = {});

// The same numbers from an index built once (O(log n) per call). The function owns its data,
// is independent of `scenario` and `logs` after the call and is safe to call from any thread.
BillingFunction makeBillingFunction(const Scenario &scenario, const GeneratedLogs &logs);

} // namespace Casefile::Sandbox
