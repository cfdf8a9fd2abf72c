#pragma once

#include <QHash>
#include <QString>

#include <array>
#include <vector>

// The series of one list in the Snapshot (interfaces, cgroups, GPUs), found by each item's own
// key (an interface name, a cgroup path, a PCI address), so that a tick builds no series name once
// the series exist. Each item has N fields, each its own series index: -1 until the field first
// has a value, and again once its series is pruned.
template<size_t N>
class KeyedSeries
{
public:
    using Indices = std::array<int, N>;

    // The indices of the item at `position` in this tick's list. The collectors keep their lists
    // in the same order tick after tick, so the key seen at that position last tick is compared
    // first: hashing a long cgroup path at every tick cost more than the rest of the append.
    // Valid until the next call.
    Indices &at(qsizetype position, const QString &key)
    {
        const auto place = size_t(position);
        if (place < m_lastTick.size() && m_lastTick[place].key == key)
            return m_items[m_lastTick[place].item];
        const size_t item = find(key);
        if (place < m_lastTick.size())
            m_lastTick[place] = {key, item};
        else if (place == m_lastTick.size())
            m_lastTick.push_back({key, item});
        return m_items[item];
    }

    // After a prune: renumbered[i] is the new index of series i, -1 where it was dropped. An item
    // left with no series is forgotten, so churning containers do not pile up here.
    void renumber(const std::vector<int> &renumbered)
    {
        std::vector<Indices> items;
        QHash<QString, size_t> where;
        for (auto it = m_where.cbegin(); it != m_where.cend(); ++it) {
            Indices indices = m_items[*it];
            bool kept = false;
            for (int &index : indices) {
                index = index < 0 ? -1 : renumbered[size_t(index)];
                kept = kept || index >= 0;
            }
            if (kept) {
                where.insert(it.key(), items.size());
                items.push_back(indices);
            }
        }
        m_items = std::move(items);
        m_where = std::move(where);
        m_lastTick.clear();
    }

private:
    struct Seen
    {
        QString key;
        size_t item;
    };

    size_t find(const QString &key)
    {
        const auto found = m_where.constFind(key);
        if (found != m_where.cend())
            return *found;
        Indices none;
        none.fill(-1);
        m_items.push_back(none);
        m_where.insert(key, m_items.size() - 1);
        return m_items.size() - 1;
    }

    std::vector<Indices> m_items;
    QHash<QString, size_t> m_where; // key -> place in m_items
    std::vector<Seen> m_lastTick;   // by position in the last list
};
