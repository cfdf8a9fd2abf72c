// The settings file: the INI parser, then what Settings does with each key it finds (the check
// against the schema and the critical >= warning rule), and the writes that keep the rest of the
// file as it was.
#include "fuzzcheck.h"
#include "settings/inifile.h"
#include "settings/settingsschema.h"

#include <cstdint>

namespace {

// Every setting's default, by key: the values a file overrides.
QVariantMap defaults()
{
    QVariantMap values;
    for (const SettingSpec &spec : SettingsSchema::specs())
        values.insert(spec.key, spec.defaultValue);
    return values;
}

// The value as Settings reads it; an accepted value must also be accepted once written back
// (apply() saves SettingSpec::toText() of it), or a saved setting would be lost at the next start.
void readSetting(const QString &key, const QString &text, QVariantMap &values)
{
    const SettingSpec *spec = SettingsSchema::find(key);
    if (!spec)
        return;
    QVariant typed;
    if (!spec->check(text, &typed).isEmpty())
        return;
    FUZZ_CHECK(typed.isValid());
    FUZZ_CHECK(spec->check(typed).isEmpty());
    QVariant reread;
    FUZZ_CHECK(spec->check(SettingSpec::toText(typed), &reread).isEmpty());
    FUZZ_CHECK(reread == typed);
    values.insert(key, typed);
}

// What the file holds after a rewrite must read back as the same keys and values.
void checkRewrite(const IniFile &file)
{
    const IniFile reread = IniFile::parse(file.toByteArray());
    FUZZ_CHECK(reread.errors().isEmpty());
    FUZZ_CHECK(reread.keys() == file.keys());
    for (const QString &key : file.keys())
        FUZZ_CHECK(reread.value(key) == file.value(key));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    IniFile file = IniFile::parse(text);
    for (const IniFile::Error &error : file.errors())
        FUZZ_CHECK(error.line >= 1 && !error.reason.isEmpty());

    QVariantMap values = defaults();
    const QStringList keys = file.keys();
    for (const QString &key : keys) {
        FUZZ_CHECK(file.contains(key));
        readSetting(key, file.value(key), values);
    }
    for (const QString &rule : SettingsSchema::rules())
        SettingsSchema::checkRule(rule, values);
    checkRewrite(file);

    // A value set from the desktop or the web (any text, the input itself here) replaces the
    // key's line in place, or adds a known key to its section.
    const QString value = QString::fromUtf8(text.first(qMin<qsizetype>(text.size(), 64)));
    const QString key = keys.isEmpty() ? SettingsSchema::keys().constFirst() : keys.constLast();
    file.setValue(key, value);
    FUZZ_CHECK(file.value(key) == value);
    FUZZ_CHECK(IniFile::parse(file.toByteArray()).value(key) == value);
    checkRewrite(file);
    return 0;
}
