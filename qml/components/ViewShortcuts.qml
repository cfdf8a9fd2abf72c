import QtQuick

// The window's view shortcuts: Ctrl+1 ... Ctrl+9 and Ctrl+0 pick the first ten views, in the
// order of the number row; Ctrl+Tab and Ctrl+Shift+Tab step through them. Each shortcut lives in an item, which ties it to the window it is shown in.
// This file is left out of qmlcachegen (see CMakeLists.txt): compiled by Qt 6.4's qmlcachegen,
// the shortcuts never fire.
Item {
    id: shortcuts

    // Number of views.
    property int count: 0
    // The keys that pick the view with this index ("Ctrl+0" for the tenth), "" for none.
    function sequenceOf(index) {
        return index < 10 ? "Ctrl+" + (index + 1) % 10 : ""
    }
    // The view with this index was asked for.
    signal picked(int index)
    // The next (1) or previous (-1) view was asked for.
    signal stepped(int delta)

    Repeater {
        model: Math.min(shortcuts.count, 10)
        delegate: Item {
            id: entry
            required property int index
            Shortcut {
                sequence: shortcuts.sequenceOf(entry.index)
                onActivated: shortcuts.picked(entry.index)
            }
        }
    }
    // One sequence each: listing the same keys twice (a StandardKey beside them) makes the
    // shortcut ambiguous, and an ambiguous shortcut does nothing.
    Shortcut {
        sequence: "Ctrl+Tab"
        onActivated: shortcuts.stepped(1)
    }
    Shortcut {
        sequence: "Ctrl+Shift+Tab"
        onActivated: shortcuts.stepped(-1)
    }
}
