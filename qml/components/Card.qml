import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// A titled panel that groups one subject on a view. Its children are laid out in a column
// below the title (use Layout.* on them).
Rectangle {
    id: card

    property string title
    // Text at the right of the title, such as the current value.
    property string note
    default property alias content: column.data

    color: Theme.card
    border.color: Theme.border
    radius: Theme.radius
    implicitWidth: column.implicitWidth + 2 * Theme.padding
    implicitHeight: column.implicitHeight + 2 * Theme.padding

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.padding
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            visible: card.title.length > 0 || card.note.length > 0
            // A long title (a mount path) loses its middle, not its end, and shows whole on hover.
            Label {
                id: titleLabel
                text: card.title
                font.bold: true
                color: Theme.text
                elide: Text.ElideMiddle
                Layout.fillWidth: true
                HoverHandler { id: titleHover }
                ToolTip.visible: titleHover.hovered && titleLabel.truncated
                ToolTip.text: card.title
            }
            Label {
                text: card.note
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
        }
    }
}
