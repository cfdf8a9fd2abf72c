#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

// An INI document that keeps what it does not understand. Sections, keys, comments and blank
// lines stay in file order and are written back byte for byte unless their value was changed, so
// a rewrite loses nothing a person or a later version put there (QSettings rewrites the whole
// file and drops what it cannot parse). Keys are addressed by path: "thresholds/cpu/warning" is
// `warning` in [thresholds/cpu] as well as `cpu/warning` in [thresholds]. Malformed lines are
// reported with their line numbers and left out of the output.
class IniFile
{
public:
    // A line that is not `[section]`, `key=value`, blank or a `;`/`#` comment.
    struct Error
    {
        int line = 0;   // 1-based line number in the parsed text
        QString reason; // why it was rejected, for the log (the line may hold a secret)
    };

    // Parses UTF-8 text (CRLF and a leading BOM accepted); malformed lines end up in errors().
    static IniFile parse(QByteArrayView text);
    // The document as UTF-8 text; unchanged lines exactly as they were read.
    QByteArray toByteArray() const;

    // Every key path in file order, each once.
    QStringList keys() const;
    // Whether some line sets the key path.
    bool contains(const QString &path) const;
    // The unescaped value of the key path (the last line wins); empty if absent.
    QString value(const QString &path) const;
    // Changes the key's line in place, or adds it to its section (creating the section at the end).
    void setValue(const QString &path, const QString &value);
    // Drops every key whose path starts with prefix ("notify/ops/"), and the headers of the
    // sections under it that are left without a key; comments stay. Returns the paths dropped.
    QStringList remove(const QString &prefix);
    // The malformed lines of the parsed text, in order.
    const QList<Error> &errors() const { return m_errors; }

    // The value as written after `=`: plain where that reads back the same, else quoted.
    static QByteArray escape(const QString &value);

private:
    struct Line
    {
        enum class Kind { Other, Section, Entry };
        Kind kind = Kind::Other;
        QByteArray raw;  // the text of the line without its line break
        QString section; // the section the line belongs to (its own name for a header)
        QString name;    // Entry: the key as written in its section
        QString value;   // Entry: the unescaped value
        QString path() const;
    };

    void parseLine(QByteArrayView raw, int number, QString &section);
    static QString readSection(QByteArrayView trimmed, Line &line);
    static QString readEntry(QByteArrayView trimmed, Line &line);
    int lastEntry(const QString &path) const;
    QString sectionFor(const QString &path) const;
    int insertionPoint(const QString &section);

    QList<Line> m_lines;
    QList<Error> m_errors;
    QByteArray m_newline = "\n";
};
