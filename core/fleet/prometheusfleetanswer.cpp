// PrometheusFleet::parseAnswer: an answer of Prometheus' query API read straight from its bytes.
// A refresh of 1,000 instances brings five range answers of about 2 MiB each (61 samples per
// series); building a QJsonDocument of each and walking it took several times longer than the
// queries themselves, so the answer is read in one pass into Series, with no document between.
// It is untrusted input: every read is bounded by the text's end, nesting by MaxDepth, and
// anything that is not the API's shape is refused with a reason.
#include "fleet/prometheusfleet.h"

#include <QByteArrayView>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace {

constexpr int MaxDepth = 64;
constexpr int MaxErrorText = 300;
constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();

// A cursor over JSON text: each read skips the white space before it, consumes what it read and
// says whether the text held it.
class Reader
{
public:
    explicit Reader(QByteArrayView text)
        : m_data(text.data())
        , m_size(text.size())
    {}

    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_size;
    }
    bool peek(char c)
    {
        skipSpace();
        return m_pos < m_size && m_data[m_pos] == c;
    }
    bool take(char c)
    {
        if (!peek(c))
            return false;
        ++m_pos;
        return true;
    }

    // A string's bytes between its quotes, still escaped where *escaped says so.
    bool rawString(QByteArrayView *raw, bool *escaped)
    {
        if (!take('"'))
            return false;
        const qsizetype start = m_pos;
        *escaped = false;
        while (m_pos < m_size) {
            const char c = m_data[m_pos];
            if (c == '"') {
                *raw = QByteArrayView(m_data + start, m_pos - start);
                ++m_pos;
                return true;
            }
            if (uchar(c) < 0x20)
                return false;
            if (c == '\\') {
                *escaped = true;
                ++m_pos; // the escaped character is checked when the string is decoded
            }
            ++m_pos;
        }
        return false;
    }

    bool string(QString *out)
    {
        QByteArrayView raw;
        bool escaped = false;
        return rawString(&raw, &escaped) && decode(raw, escaped, out);
    }

    bool number(double *out)
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_size && isNumberCharacter(m_data[m_pos]))
            ++m_pos;
        return toDouble(QByteArrayView(m_data + start, m_pos - start), out);
    }

    // Any value, objects and arrays nested up to MaxDepth.
    bool skipValue(int depth = 0)
    {
        if (depth > MaxDepth || atEnd())
            return false;
        QByteArrayView raw;
        bool escaped = false;
        double ignored = 0;
        switch (m_data[m_pos]) {
        case '"':
            return rawString(&raw, &escaped);
        case '{':
            ++m_pos;
            if (take('}'))
                return true;
            do {
                if (!rawString(&raw, &escaped) || !take(':') || !skipValue(depth + 1))
                    return false;
            } while (take(','));
            return take('}');
        case '[':
            ++m_pos;
            if (take(']'))
                return true;
            do {
                if (!skipValue(depth + 1))
                    return false;
            } while (take(','));
            return take(']');
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number(&ignored);
        }
    }

    // The whole of text as a number, as JSON or Prometheus write it ("1.5", "1e-3"); Prometheus'
    // "NaN", "+Inf" and "-Inf" and anything else are no number.
    static bool toDouble(QByteArrayView text, double *out)
    {
        const char *end = text.data() + text.size();
        const std::from_chars_result result = std::from_chars(text.data(), end, *out);
        return !text.isEmpty() && result.ec == std::errc() && result.ptr == end &&
               std::isfinite(*out);
    }

    // JSON's escapes: \" \\ \/ \b \f \n \r \t and \uXXXX (a surrogate pair is two of them).
    static bool decode(QByteArrayView raw, bool escaped, QString *out)
    {
        if (!escaped) {
            *out = QString::fromUtf8(raw);
            return true;
        }
        out->clear();
        qsizetype plain = 0;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\')
                continue;
            out->append(QString::fromUtf8(raw.sliced(plain, i - plain)));
            if (++i >= raw.size())
                return false;
            static constexpr char from[] = "\"\\/bfnrt";
            static constexpr char to[] = "\"\\/\b\f\n\r\t";
            const char *simple = std::char_traits<char>::find(from, 8, raw[i]);
            if (simple) {
                out->append(QLatin1Char(to[simple - from]));
            } else if (raw[i] == 'u' && i + 4 < raw.size()) {
                bool ok = false;
                const ushort unit = raw.sliced(i + 1, 4).toByteArray().toUShort(&ok, 16);
                if (!ok)
                    return false;
                out->append(QChar(unit));
                i += 4;
            } else {
                return false;
            }
            plain = i + 1;
        }
        out->append(QString::fromUtf8(raw.sliced(plain)));
        return true;
    }

private:
    static bool isNumberCharacter(char c)
    {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }
    void skipSpace()
    {
        while (m_pos < m_size && (m_data[m_pos] == ' ' || m_data[m_pos] == '\n' ||
                                  m_data[m_pos] == '\r' || m_data[m_pos] == '\t'))
            ++m_pos;
    }
    bool literal(QByteArrayView word)
    {
        if (QByteArrayView(m_data + m_pos, m_size - m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

// What went wrong, for the message: the text was no JSON (or no object), or it was, but not the
// API's shape.
enum class Problem { None, NotJson, NoLabels, LabelNoText, BadSample, NoValues };

QString messageOf(Problem problem)
{
    switch (problem) {
    case Problem::None:
        break;
    case Problem::NotJson:
        return QStringLiteral("not a JSON object");
    case Problem::NoLabels:
        return QStringLiteral("a series without labels");
    case Problem::LabelNoText:
        return QStringLiteral("a label that is no text");
    case Problem::BadSample:
        return QStringLiteral("a sample that is no [time, \"value\"]");
    case Problem::NoValues:
        return QStringLiteral("a series without values");
    }
    return {};
}

// [seconds, "value"]: the time a number of seconds since the epoch, the value text (or, from
// another producer, a number); a value that is no finite number is Unknown.
Problem readPoint(Reader &in, std::pair<qint64, double> *point)
{
    double seconds = 0;
    if (!in.take('[') || !in.number(&seconds) || seconds < 0 ||
        seconds > PrometheusFleet::MaxTimestampSeconds || !in.take(','))
        return Problem::BadSample;
    double value = Unknown;
    if (in.peek('"')) {
        QByteArrayView raw;
        bool escaped = false;
        if (!in.rawString(&raw, &escaped))
            return Problem::NotJson;
        QString text;
        if (escaped && !Reader::decode(raw, escaped, &text))
            return Problem::NotJson;
        const QByteArray decoded = escaped ? text.toUtf8() : QByteArray();
        if (!Reader::toDouble(escaped ? QByteArrayView(decoded) : raw, &value))
            value = Unknown;
    } else if (!in.number(&value) && !in.skipValue()) {
        return Problem::NotJson;
    }
    if (!std::isfinite(value))
        value = Unknown;
    if (!in.take(']'))
        return Problem::BadSample;
    *point = {qint64(std::llround(seconds * 1000)), value};
    return Problem::None;
}

// One entry of "result": {"metric":{labels},"value":[t,"v"]} or {"metric":{...},"values":[...]}.
Problem readSeries(Reader &in, PrometheusFleet::Series *series, bool *hasValue, bool *hasValues)
{
    if (!in.take('{'))
        return in.skipValue() ? Problem::NoLabels : Problem::NotJson;
    bool hasMetric = false;
    *hasValue = *hasValues = false;
    if (!in.take('}')) {
        do {
            QString key;
            if (!in.string(&key) || !in.take(':'))
                return Problem::NotJson;
            if (key == u"metric") {
                if (!in.take('{'))
                    return in.skipValue() ? Problem::NoLabels : Problem::NotJson;
                hasMetric = true;
                if (!in.take('}')) {
                    do {
                        QString name;
                        QString value;
                        if (!in.string(&name) || !in.take(':'))
                            return Problem::NotJson;
                        if (!in.peek('"'))
                            return in.skipValue() ? Problem::LabelNoText : Problem::NotJson;
                        if (!in.string(&value))
                            return Problem::NotJson;
                        series->labels.insert(name, value);
                    } while (in.take(','));
                    if (!in.take('}'))
                        return Problem::NotJson;
                }
            } else if (key == u"value") {
                std::pair<qint64, double> point;
                if (const Problem problem = readPoint(in, &point); problem != Problem::None)
                    return problem;
                series->points = {point};
                *hasValue = true;
            } else if (key == u"values") {
                if (!in.take('['))
                    return in.skipValue() ? Problem::NoValues : Problem::NotJson;
                series->points.clear();
                if (!in.take(']')) {
                    do {
                        std::pair<qint64, double> point;
                        if (const Problem problem = readPoint(in, &point); problem != Problem::None)
                            return problem;
                        series->points.append(point);
                    } while (in.take(','));
                    if (!in.take(']'))
                        return Problem::NotJson;
                }
                *hasValues = true;
            } else if (!in.skipValue()) {
                return Problem::NotJson;
            }
        } while (in.take(','));
        if (!in.take('}'))
            return Problem::NotJson;
    }
    return hasMetric ? Problem::None : Problem::NoLabels;
}

} // namespace

bool PrometheusFleet::parseAnswer(const QByteArray &body, QList<Series> *series, QString *error)
{
    series->clear();
    Reader in(body);
    QString status;
    QString errorType;
    QString errorText;
    QString resultType;
    bool resultIsArray = false;
    // Whether every series had the sample of a vector, or the samples of a matrix.
    bool allValue = true;
    bool allValues = true;
    const auto fail = [&](Problem problem) {
        series->clear();
        *error = messageOf(problem);
        return false;
    };
    // A text member of the answer; a member that is no text reads as empty.
    const auto text = [&in](QString *out) {
        return in.peek('"') ? in.string(out) : in.skipValue();
    };
    if (!in.take('{'))
        return fail(Problem::NotJson);
    if (!in.take('}')) {
        do {
            QString key;
            if (!in.string(&key) || !in.take(':'))
                return fail(Problem::NotJson);
            bool read = true;
            if (key == u"status") {
                read = text(&status);
            } else if (key == u"errorType") {
                read = text(&errorType);
            } else if (key == u"error") {
                read = text(&errorText);
            } else if (key == u"data" && in.take('{')) {
                if (!in.take('}')) {
                    do {
                        QString member;
                        if (!in.string(&member) || !in.take(':'))
                            return fail(Problem::NotJson);
                        const bool known = resultType.isEmpty() || resultType == u"vector" ||
                                           resultType == u"matrix";
                        read = true;
                        if (member == u"resultType") {
                            read = text(&resultType);
                        } else if (member == u"result" && known && in.take('[')) {
                            resultIsArray = true;
                            if (!in.take(']')) {
                                do {
                                    Series one;
                                    bool hasValue = false;
                                    bool hasValues = false;
                                    const Problem problem =
                                        readSeries(in, &one, &hasValue, &hasValues);
                                    if (problem != Problem::None)
                                        return fail(problem);
                                    allValue = allValue && hasValue;
                                    allValues = allValues && hasValues;
                                    series->append(std::move(one));
                                } while (in.take(','));
                                read = in.take(']');
                            }
                        } else {
                            read = in.skipValue();
                        }
                        if (!read)
                            return fail(Problem::NotJson);
                    } while (in.take(','));
                    read = in.take('}');
                }
            } else {
                read = in.skipValue();
            }
            if (!read)
                return fail(Problem::NotJson);
        } while (in.take(','));
        if (!in.take('}'))
            return fail(Problem::NotJson);
    }
    if (!in.atEnd())
        return fail(Problem::NotJson);
    if (status != u"success") {
        series->clear();
        errorType.truncate(64);
        errorText.truncate(MaxErrorText);
        *error = errorText.isEmpty()   ? QStringLiteral("an answer without status success")
                 : errorType.isEmpty() ? errorText
                                       : errorType + QStringLiteral(": ") + errorText;
        return false;
    }
    if ((resultType != u"vector" && resultType != u"matrix") || !resultIsArray) {
        series->clear();
        *error = QStringLiteral("no vector or matrix in the answer");
        return false;
    }
    if (resultType == u"vector" && !allValue)
        return fail(Problem::BadSample);
    if (resultType == u"matrix" && !allValues)
        return fail(Problem::NoValues);
    return true;
}
