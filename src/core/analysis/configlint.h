#pragma once

#include "core/analysis.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Casefile::Analysis {

// One problem in a routing config (Portkey-style: strategy.mode, targets[], retry,
// request_timeout, on_status_codes, weights).
struct ConfigIssue
{
    enum class Kind {
        NoRequestTimeout,     // fallback target without request_timeout
        StatusCodesMissing,   // on_status_codes lacks 408/5xx/429
        SingleTargetFallback, // fallback with one target cannot fail over
        WeightsOff,           // loadbalance weights zero/negative/not summing sensibly
        RetryZero,            // retry.attempts 0
        SameProviderOnly,     // every target on the same provider
        TimeoutTooLong,       // request_timeout >= 45 s: a slow provider still hangs
        TimeoutUnits,         // request_timeout < 1000: the field is milliseconds
        KeyModelMismatch,     // a provider's virtual key beside another provider's own model
    };
    Kind kind = Kind::NoRequestTimeout;
    QString configRef; // "config:pc-acme-prod"
    QString evidenceId;
    QString message; // one line naming the exact JSON field
    Phrase phrase;   // the message as a phrase-book clause (config.*)
    bool severe = false;
    QList<int> missingCodes; // for StatusCodesMissing
    QString provider;        // for SameProviderOnly; the key's provider for KeyModelMismatch
    QString model;           // for KeyModelMismatch
    QString key;             // for KeyModelMismatch
};

// Lints one `config` object; `ref` names it in messages.
QList<ConfigIssue> lintConfig(const QJsonObject &config, const QString &ref);
// Lints every config evidence of the input (gateway/config).
QList<ConfigIssue> lintConfigs(const AnalysisInput &input);

// The provider a target sends to ("provider", the virtual key's name, or its model).
QString targetProvider(const QJsonObject &target);

} // namespace Casefile::Analysis
