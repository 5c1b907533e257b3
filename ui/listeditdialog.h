#pragma once

#include <QDialog>

class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace lectern {

// The layout the settings' list editors share (followed authors and topics, watched folders):
// an intro line, a list with several selection, a column of buttons beside it ending with
// Remove (enabled while something is selected), rows under the list for a subclass, OK/Cancel.
// Subclasses fill the list and say what Remove does; the caller reads the result after exec().
class ListEditDialog : public QDialog {
    Q_OBJECT

public:
    QListWidget *list() const { return m_list; }
    virtual void removeSelected() = 0;

protected:
    ListEditDialog(const QString &title, const QString &intro, QWidget *parent);

    // A button above Remove in the column beside the list.
    void addSideButton(QPushButton *button);
    // Rows between the list and OK/Cancel.
    QVBoxLayout *rowsBelow() const { return m_below; }
    // Call after refilling the list: nothing is selected, so Remove is off.
    void listRefilled();

private:
    QListWidget *m_list;
    QPushButton *m_remove;
    QVBoxLayout *m_side;
    QVBoxLayout *m_below;
};

} // namespace lectern
