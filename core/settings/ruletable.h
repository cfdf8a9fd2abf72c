#pragma once

#include <QString>

#include <span>

// The alert rules that have thresholds/<rule>/... keys, with their defaults: one table that the
// settings schema builds its keys, labels and checks from (docs/settings.md "thresholds").

// A threshold rule's defaults and the unit its levels are measured in. label and unit are the
// words the desktop panel and the web dialog show, so a refusal names the rule as they do.
struct RuleDefaults
{
    const char *name;
    const char *noun;
    const char *what;
    double minimum, maximum;
    double warning, critical;
    int forSeconds;
    double hysteresis;
    const char *label;
    const char *unit;
    bool neverNegative; // the measured value cannot fall below 0 (all but temperatures)
};

// Every rule, in the order of the docs and the panels.
std::span<const RuleDefaults> ruleTable();
// The rule named so, or nullptr.
const RuleDefaults *ruleDefaults(const QString &rule);
