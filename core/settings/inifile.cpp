#include "settings/inifile.h"

#include <QStringDecoder>

#include <algorithm>
#include <cctype>
#include <utility>

namespace {

// UTF-8 of U+FEFF, the byte order mark some editors put first in a file.
constexpr QByteArrayView Bom("\xEF\xBB\xBF");

// Characters that other INI readers treat specially, so a value holding them is quoted.
bool needsQuotes(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return false;
    if (utf8.front() == ' ' || utf8.front() == '\t' || utf8.back() == ' ' || utf8.back() == '\t')
        return true;
    for (char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f || QByteArrayView(",;=#\"\\").contains(c))
            return true;
    }
    return false;
}

// Escapes with a letter of their own; other control bytes are written as \xHH.
constexpr std::pair<char, char> NamedEscapes[] = {
    {'\\', '\\'}, {'"', '"'}, {'\n', 'n'}, {'\r', 'r'}, {'\t', 't'}};

void appendEscaped(QByteArray &out, char c)
{
    for (const auto &[byte, letter] : NamedEscapes) {
        if (c == byte) {
            out += '\\';
            out += letter;
            return;
        }
    }
    const auto code = static_cast<unsigned char>(c);
    if (code < 0x20 || code == 0x7f)
        out += "\\x" + QByteArray::number(code, 16).rightJustified(2, '0');
    else
        out += c;
}

// Decodes the escape whose backslash is at text[i] and moves i to its last character.
bool unescapeOne(QByteArrayView text, qsizetype &i, QByteArray &out)
{
    if (i + 1 >= text.size())
        return false;
    const char c = text[++i];
    for (const auto &[byte, letter] : NamedEscapes) {
        if (c == letter) {
            out += byte;
            return true;
        }
    }
    const QByteArrayView hex = c == 'x' && i + 2 < text.size() ? text.sliced(i + 1, 2) : "";
    const auto isHex = [](char h) { return std::isxdigit(static_cast<unsigned char>(h)) != 0; };
    if (hex.size() != 2 || !std::all_of(hex.begin(), hex.end(), isHex))
        return false;
    out += static_cast<char>(hex.toInt(nullptr, 16));
    i += 2;
    return true;
}

// A value's text. QString::fromUtf8() drops a leading U+FEFF as a byte order mark, but the
// file's own mark is gone by now: here it is part of the value, which must read back as written.
QString valueFromUtf8(QByteArrayView utf8)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder(utf8);
}

// A quoted value: the text between the quotes with escapes decoded; nothing may follow it.
QString unquote(QByteArrayView text, QString *reason)
{
    QByteArray out;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i] == '"') {
            if (i + 1 != text.size())
                *reason = QStringLiteral("text after the closing quote");
            return valueFromUtf8(out);
        }
        if (text[i] != '\\')
            out += text[i];
        else if (!unescapeOne(text, i, out))
            *reason = QStringLiteral("unknown escape sequence in a quoted value");
    }
    *reason = QStringLiteral("a quoted value without its closing quote");
    return {};
}

} // namespace

QString IniFile::Line::path() const
{
    return section.isEmpty() ? name : section + u'/' + name;
}

IniFile IniFile::parse(QByteArrayView text)
{
    IniFile file;
    if (text.startsWith(Bom))
        text = text.sliced(Bom.size());
    if (text.indexOf("\r\n") >= 0)
        file.m_newline = "\r\n";
    QString section;
    int number = 0;
    while (!text.isEmpty()) {
        const qsizetype end = text.indexOf('\n');
        QByteArrayView raw = end < 0 ? text : text.first(end);
        text = end < 0 ? QByteArrayView() : text.sliced(end + 1);
        if (raw.endsWith('\r'))
            raw.chop(1);
        file.parseLine(raw, ++number, section);
    }
    return file;
}

void IniFile::parseLine(QByteArrayView raw, int number, QString &section)
{
    // A byte order mark that starts a line (files joined together, or a mark written twice) is
    // read like leading space: otherwise "[server]" after one would be a malformed entry, and a
    // line could read differently once a rewrite makes it the first of the file.
    QByteArrayView trimmed = raw.trimmed();
    while (trimmed.startsWith(Bom))
        trimmed = trimmed.sliced(Bom.size()).trimmed();
    Line line{Line::Kind::Other, raw.toByteArray(), section, {}, {}};
    QString reason;
    if (trimmed.startsWith('['))
        reason = readSection(trimmed, line);
    else if (!trimmed.isEmpty() && !trimmed.startsWith(';') && !trimmed.startsWith('#'))
        reason = readEntry(trimmed, line);
    if (!reason.isEmpty()) {
        m_errors.append({number, reason});
        return;
    }
    if (line.kind == Line::Kind::Section)
        section = line.section;
    m_lines.append(line);
}

QString IniFile::readSection(QByteArrayView trimmed, Line &line)
{
    if (trimmed.size() < 2 || !trimmed.endsWith(']'))
        return QStringLiteral("a section header without its closing ']'");
    line.kind = Line::Kind::Section;
    line.section = QString::fromUtf8(trimmed.sliced(1).chopped(1)).trimmed();
    return line.section.isEmpty() ? QStringLiteral("an empty section name") : QString();
}

QString IniFile::readEntry(QByteArrayView trimmed, Line &line)
{
    const qsizetype eq = trimmed.indexOf('=');
    if (eq < 0)
        return QStringLiteral("expected key=value");
    line.kind = Line::Kind::Entry;
    line.name = QString::fromUtf8(trimmed.first(eq)).trimmed();
    if (line.name.isEmpty())
        return QStringLiteral("a value without a key before '='");
    const QByteArrayView value = trimmed.sliced(eq + 1).trimmed();
    QString reason;
    line.value = value.startsWith('"') ? unquote(value, &reason) : valueFromUtf8(value);
    return reason;
}

QByteArray IniFile::toByteArray() const
{
    QByteArray out;
    for (const Line &line : m_lines)
        out += line.raw + m_newline;
    return out;
}

QStringList IniFile::keys() const
{
    QStringList paths;
    for (const Line &line : m_lines) {
        if (line.kind == Line::Kind::Entry && !paths.contains(line.path()))
            paths.append(line.path());
    }
    return paths;
}

bool IniFile::contains(const QString &path) const
{
    return lastEntry(path) >= 0;
}

QString IniFile::value(const QString &path) const
{
    const int index = lastEntry(path);
    return index < 0 ? QString() : m_lines.at(index).value;
}

void IniFile::setValue(const QString &path, const QString &value)
{
    int index = lastEntry(path);
    if (index < 0) {
        const QString section = sectionFor(path);
        index = insertionPoint(section);
        const QString name = section.isEmpty() ? path : path.sliced(section.size() + 1);
        m_lines.insert(index, Line{Line::Kind::Entry, {}, section, name, {}});
    }
    Line &line = m_lines[index];
    line.value = value;
    line.raw = line.name.toUtf8() + '=' + escape(value);
}

QStringList IniFile::remove(const QString &prefix)
{
    QStringList dropped;
    m_lines.removeIf([&](const Line &line) {
        if (line.kind != Line::Kind::Entry || !line.path().startsWith(prefix))
            return false;
        if (!dropped.contains(line.path()))
            dropped.append(line.path());
        return true;
    });
    QStringList kept; // sections that still hold a key
    for (const Line &line : m_lines) {
        if (line.kind == Line::Kind::Entry && !kept.contains(line.section))
            kept.append(line.section);
    }
    m_lines.removeIf([&](const Line &line) {
        return line.kind == Line::Kind::Section &&
               QString(line.section + u'/').startsWith(prefix) && !kept.contains(line.section);
    });
    return dropped;
}

QByteArray IniFile::escape(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (!needsQuotes(utf8))
        return utf8;
    QByteArray out = "\"";
    for (char c : utf8)
        appendEscaped(out, c);
    return out + '"';
}

int IniFile::lastEntry(const QString &path) const
{
    for (int i = int(m_lines.size()) - 1; i >= 0; --i) {
        if (m_lines.at(i).kind == Line::Kind::Entry && m_lines.at(i).path() == path)
            return i;
    }
    return -1;
}

// The longest existing section that prefixes the path, so a key joins the section the user
// already wrote; otherwise everything before the last '/'.
QString IniFile::sectionFor(const QString &path) const
{
    QString best;
    for (const Line &line : m_lines) {
        if (line.kind == Line::Kind::Section && path.startsWith(line.section + u'/') &&
            line.section.size() > best.size())
            best = line.section;
    }
    if (!best.isEmpty())
        return best;
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.first(slash);
}

// Just after the last header or entry of the section; a missing section is appended.
int IniFile::insertionPoint(const QString &section)
{
    int after = section.isEmpty() ? 0 : -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).kind != Line::Kind::Other && m_lines.at(i).section == section)
            after = i + 1;
    }
    if (after >= 0)
        return after;
    if (!m_lines.isEmpty() && !m_lines.constLast().raw.trimmed().isEmpty())
        m_lines.append(Line{});
    m_lines.append(Line{Line::Kind::Section, '[' + section.toUtf8() + ']', section, {}, {}});
    return int(m_lines.size());
}
