#pragma once

#include <QtGlobal>

#include <vector>

// Fixed-capacity ring: append is O(1) and allocates nothing once constructed; the oldest value
// is overwritten when full. Index 0 is the oldest value kept.
template<typename T>
class RingBuffer
{
public:
    explicit RingBuffer(qsizetype capacity = 0)
        : m_data(size_t(qMax<qsizetype>(capacity, 0)))
    {}

    qsizetype capacity() const { return qsizetype(m_data.size()); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    void push(const T &value)
    {
        if (m_data.empty())
            return;
        m_data[size_t(m_next)] = value;
        m_next = (m_next + 1) % capacity();
        m_size = qMin(m_size + 1, capacity());
    }

    const T &at(qsizetype index) const { return m_data[size_t(physical(index))]; }
    T &at(qsizetype index) { return m_data[size_t(physical(index))]; }
    const T &last() const { return at(m_size - 1); }

    void clear()
    {
        m_next = 0;
        m_size = 0;
    }

private:
    qsizetype physical(qsizetype index) const
    {
        return (m_next - m_size + index + capacity()) % capacity();
    }

    std::vector<T> m_data;
    qsizetype m_next = 0;
    qsizetype m_size = 0;
};
