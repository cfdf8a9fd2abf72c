#pragma once

#include <QLatin1StringView>
#include <QtGlobal>

#include <cstring>
#include <iterator>

// The parts of a Latin-1 text between one separator byte, like QLatin1StringView::tokenize()
// with the same Qt::SplitBehavior, but found with memchr(). In Qt 6.4 tokenize() on Latin-1 text
// goes through a generic UTF-16 search per part, which made splitting most of the parsers'
// user-space time on each tick.
class AsciiTokenizer
{
public:
    AsciiTokenizer(QLatin1StringView text, char separator,
                   Qt::SplitBehavior behavior = Qt::KeepEmptyParts)
        : m_text(text)
        , m_separator(separator)
        , m_skipEmpty(behavior.testFlag(Qt::SkipEmptyParts))
    {}

    class Iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = QLatin1StringView;
        using difference_type = qsizetype;
        using pointer = const QLatin1StringView *;
        using reference = const QLatin1StringView &;

        Iterator() = default;
        explicit Iterator(const AsciiTokenizer *owner)
            : m_owner(owner)
            , m_next(owner->m_text.isNull() ? "" : owner->m_text.data())
            , m_end(m_next + owner->m_text.size())
        {
            advance();
        }

        reference operator*() const { return m_token; }
        pointer operator->() const { return &m_token; }
        Iterator &operator++()
        {
            advance();
            return *this;
        }
        bool operator==(const Iterator &other) const { return m_owner == other.m_owner; }

    private:
        // m_next is the start of the next part, or null once the last part has been taken.
        void advance()
        {
            for (;;) {
                // Columns padded with runs of spaces: skip the run here rather than finding
                // each empty part between its spaces with a call.
                while (m_owner->m_skipEmpty && m_next && m_next != m_end &&
                       *m_next == m_owner->m_separator)
                    ++m_next;
                if (!m_next) {
                    m_owner = nullptr; // the end iterator
                    return;
                }
                const auto *separator = static_cast<const char *>(
                    std::memchr(m_next, m_owner->m_separator, size_t(m_end - m_next)));
                const char *partEnd = separator ? separator : m_end;
                m_token = QLatin1StringView(m_next, partEnd - m_next);
                m_next = separator ? separator + 1 : nullptr;
                if (!m_owner->m_skipEmpty || !m_token.isEmpty())
                    return;
            }
        }

        const AsciiTokenizer *m_owner = nullptr;
        const char *m_next = nullptr;
        const char *m_end = nullptr;
        QLatin1StringView m_token;
    };

    // Where c first occurs in text, or -1: QLatin1StringView::indexOf(QChar) with memchr(), for
    // the same reason.
    static qsizetype indexOf(QLatin1StringView text, char c)
    {
        if (text.isEmpty())
            return -1;
        const auto *found =
            static_cast<const char *>(std::memchr(text.data(), c, size_t(text.size())));
        return found ? found - text.data() : -1;
    }

    Iterator begin() const { return Iterator(this); }
    Iterator end() const { return Iterator(); }

private:
    QLatin1StringView m_text;
    char m_separator;
    bool m_skipEmpty;
};
