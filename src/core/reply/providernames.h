#pragma once

#include <QString>

namespace Casefile::Reply {

// How a provider is written for people: "openai" -> "OpenAI", "azure-openai" -> "Azure OpenAI",
// "bedrock" -> "AWS Bedrock". An id not in the table is returned as it is.
QString providerDisplayName(const QString &id);

// The text with each provider id that stands as a word of its own ("an openai incident") written
// as its display name; ids inside identifiers ("openai/gpt-4o", "statuspage:openai", `openai`)
// stay as they are.
QString withProviderNames(const QString &text);

} // namespace Casefile::Reply
