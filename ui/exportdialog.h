#pragma once

#include "exchange/exporter.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QRadioButton;

namespace lectern {

// What to export: the selected paper, the papers of the current view, or the starred papers.
enum class ExportScope { Selection, CurrentView, Starred };

struct ExportChoice {
    ExportScope scope = ExportScope::CurrentView;
    ExportOptions options;
};

// "Export…": the scope, the format and whether to include notes. The file is asked for after.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // The current view's size, shown next to its choice: while the list has only counted the
    // first matches (exact false), a lower bound: "10,000+" (or "1,000+" for a typed word).
    struct ViewSize {
        int count = 0;
        bool exact = true;
    };
    // hasSelection: whether a paper is selected (else that scope is disabled).
    ExportDialog(bool hasSelection, ViewSize viewSize, const ExportChoice &initial,
                 QWidget *parent = nullptr);
    ExportChoice choice() const;

private:
    QButtonGroup *m_scope;
    QComboBox *m_format;
    QCheckBox *m_notes;
};

} // namespace lectern
